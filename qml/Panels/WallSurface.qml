import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// One window's view of the wall canvas (WallCanvas): the header, the alarm banner and the playback bar
// across the top of the whole wall, the layout's panels of the page on now, the status strip across the
// bottom. `viewport` is this window's rectangle on the canvas (its screen); what lies outside it is on
// another screen or another wall PC, and only the panels that reach into it are created here.
Item {
    id: root

    property rect viewport: Qt.rect(0, 0, root.width, root.height)
    // The bands across the wall, in canvas pixels.
    readonly property real topBand: playbackBar.y + playbackBar.height + Theme.margin
    readonly property real bottomBand: Theme.statusStripHeight

    clip: true

    // The wall-wide bands, drawn on the canvas and shifted by this window's place on it.
    Item {
        id: canvas

        x: -root.viewport.x
        y: -root.viewport.y
        width: WallCanvas.width
        height: WallCanvas.height

        HeaderBar {
            id: header

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: Theme.headerHeight
            showsPage: true
            title: WallPlaylist.layoutTitle.length > 0 ? WallPlaylist.layoutTitle : qsTr("Digital Xianyang City Brain")
        }

        AlarmBanner {
            id: alarmBanner

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: header.bottom
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            anchors.topMargin: Alarm.active ? Theme.spacingSmall : 0
            height: Alarm.active ? implicitHeight : 0
            showsHint: false
        }

        LayoutErrorBanner {
            id: layoutErrors

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: alarmBanner.bottom
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
        }

        PlaybackBar {
            id: playbackBar

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: layoutErrors.bottom
            height: implicitHeight
        }

        StatusStrip {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            height: Theme.statusStripHeight
        }
    }

    WallPage {
        anchors.fill: parent
        area: Qt.rect(Theme.margin / 2, root.topBand - Theme.margin / 2, WallCanvas.width - Theme.margin,
                      WallCanvas.height - root.topBand - root.bottomBand)
        viewport: root.viewport
    }
}
