pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Gis
import CityBrain.Wall

// The district map beside a console's detail pane: every incident's marker and the sensors in alarm
// (hollow squares, bracketed until acknowledged), the selected incident's district highlighted and a
// pulsing ring on it. Clicking near a marker of the queue selects it.
// The map item draws the whole city (it has no zoom), so "centring" is the highlight and the ring.
Panel {
    id: root

    // The queue whose incidents can be picked on the map.
    property IncidentQueue queue
    property string selectedId
    property string district
    property real lon: 0
    property real lat: 0
    property bool hasPosition: root.lon !== 0 || root.lat !== 0
    // Bumped after the map's projection changed (its size), so the overlays move with it.
    property int viewRevision: 0
    // Set by G: the ring pulses larger for a moment to draw the eye.
    property bool flash: false

    signal picked(string incidentId)

    function refreshView() {
        root.viewRevision++;
    }

    function point(lon: real, lat: real, revision: int): point {
        return revision >= 0 && map.width > 0 ? map.project(lon, lat) : Qt.point(-1000, -1000);
    }

    function attention() {
        root.flash = true;
        flashTimer.restart();
    }

    // A console's incidents stay readable and workable when the feed pauses: the connection is shown
    // above the desk (ConsoleView), and an action that cannot be sent says so.
    stale: false
    title: qsTr("Location")
    subtitle: root.district.length > 0 ? Labels.districtLabel(root.district) : ""
    empty: false

    Timer {
        id: flashTimer

        interval: 3000
        onTriggered: root.flash = false
    }

    DistrictMap {
        id: map

        anchors.fill: parent
        incidents: Incidents
        fillColor: Theme.mapFill
        borderColor: Theme.mapBorder
        labelColor: Theme.mapLabel
        highlightColor: Theme.mapHighlight
        labelPixelSize: Theme.fontSmall
        fontFamily: Theme.fontFamily
        markerScale: Theme.mapMarkerScale * 0.8
        severityColors: Theme.severityColors
        borderWidth: Theme.borderWidth
        margin: Theme.spacing
        highlightedDistrict: root.district
        alarms: SensorAlarms
        onWidthChanged: Qt.callLater(root.refreshView)
        onHeightChanged: Qt.callLater(root.refreshView)
    }

    // The brackets of unacknowledged alarms blink slowly: each step repaints the whole map.
    Timer {
        interval: Theme.mapAlarmBlinkMs
        repeat: true
        running: SensorAlarms.unacknowledgedCount > 0
        onTriggered: map.alarmPulse = map.alarmPulse > 0.5 ? 0.25 : 1.0
        onRunningChanged: map.alarmPulse = 1.0
    }

    // Click targets for the queue's incidents.
    Repeater {
        model: root.queue

        Item {
            id: target

            required property string incidentId
            required property real lon
            required property real lat
            readonly property point at: root.point(target.lon, target.lat, root.viewRevision)

            x: target.at.x - width / 2
            y: target.at.y - height / 2
            width: Theme.mapFocusRing
            height: width

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: root.picked(target.incidentId)
            }
        }
    }

    // Cross-hairs through the selected incident, so the eye finds it on the whole-city map.
    Rectangle {
        visible: focusRing.visible
        x: 0
        y: Math.round(focusRing.at.y - height / 2)
        width: map.width
        height: Theme.borderWidth
        color: Theme.accent
        opacity: 0.6
    }

    Rectangle {
        visible: focusRing.visible
        x: Math.round(focusRing.at.x - width / 2)
        y: 0
        width: Theme.borderWidth
        height: map.height
        color: Theme.accent
        opacity: 0.6
    }

    // The selected incident.
    Rectangle {
        id: focusRing

        readonly property point at: root.point(root.lon, root.lat, root.viewRevision)
        readonly property real size: root.flash ? Theme.mapFocusRing * 2 : Theme.mapFocusRing

        visible: root.selectedId.length > 0 && root.hasPosition
        x: focusRing.at.x - width / 2
        y: focusRing.at.y - height / 2
        width: focusRing.size
        height: focusRing.size
        radius: width / 2
        color: "transparent"
        border.color: Theme.accent
        border.width: Theme.accentWidth

        Behavior on width {
            NumberAnimation { duration: 200 }
        }

        SequentialAnimation on opacity {
            running: focusRing.visible
            loops: Animation.Infinite
            NumberAnimation { to: 0.5; duration: 700 }
            NumberAnimation { to: 1.0; duration: 700 }
        }
    }

    Text {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        visible: root.selectedId.length === 0 || !root.hasPosition
        text: root.selectedId.length === 0 ? qsTr("No incident selected") : qsTr("This incident has no position")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    // The alarm symbols, while there are any (the severity shapes are the queue's). Top right: the city
    // leaves that corner empty.
    Rectangle {
        anchors.right: parent.right
        anchors.top: parent.top
        visible: SensorAlarms.activeCount > 0
        width: miniLegend.implicitWidth + 2 * Theme.spacingSmall
        height: miniLegend.implicitHeight + 2 * Theme.spacingTiny
        radius: Theme.radiusSmall
        color: Theme.panelHeader
        opacity: 0.92

        Row {
            id: miniLegend

            anchors.centerIn: parent
            spacing: Theme.spacingSmall

            AlarmGlyph {
                anchors.verticalCenter: parent.verticalCenter
            }

            Text {
                text: qsTr("Sensor in alarm")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            AlarmGlyph {
                anchors.verticalCenter: parent.verticalCenter
                unacknowledged: true
            }

            Text {
                text: qsTr("not acknowledged")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }
    }
}
