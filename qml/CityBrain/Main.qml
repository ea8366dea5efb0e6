import QtQuick
import CityBrain.Theme
import CityBrain.Panels

// The first wall: header on top; KPIs on the left; the map in the centre with the trend below it;
// incidents on the right; a thin status strip at the bottom. Everything scales with Theme.scale.
Window {
    id: root

    width: 1920
    height: 1080
    visible: true
    color: Theme.background
    title: qsTr("Digital Xianyang City Brain")

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.5, Math.min(root.width / 1920, root.height / 1080))
    }

    HeaderBar {
        id: header

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: Theme.headerHeight
    }

    PlaybackBar {
        id: playbackBar

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        height: implicitHeight
    }

    Item {
        id: body

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: playbackBar.bottom
        anchors.bottom: statusStrip.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.margin

        KpiPanel {
            id: kpiPanel

            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Math.round(body.width * Theme.leftColumnShare)
        }

        IncidentPanel {
            id: incidentPanel

            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: healthPanel.top
            anchors.bottomMargin: Theme.margin
            width: Math.round(body.width * Theme.rightColumnShare)
        }

        HealthPanel {
            id: healthPanel

            anchors.right: parent.right
            anchors.bottom: parent.bottom
            width: incidentPanel.width
            height: trendPanel.height
        }

        MapPanel {
            id: mapPanel

            anchors.left: kpiPanel.right
            anchors.right: incidentPanel.left
            anchors.top: parent.top
            anchors.bottom: trendPanel.top
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            anchors.bottomMargin: Theme.margin
        }

        TrendPanel {
            id: trendPanel

            anchors.left: mapPanel.left
            anchors.right: mapPanel.right
            anchors.bottom: parent.bottom
            height: Math.round(body.height * Theme.trendRowShare)
        }
    }

    StatusStrip {
        id: statusStrip

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        height: Theme.statusStripHeight
    }
}
