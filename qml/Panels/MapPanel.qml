pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Gis
import CityBrain.Wall

// Xianyang's districts with the incidents on them and the sensors in alarm (hollow squares, with
// blinking corner brackets until their incident is acknowledged), and a legend of both.
Panel {
    id: root

    property string highlightedDistrict

    title: qsTr("Xianyang city overview")
    subtitle: qsTr("%1 open incidents").arg(Incidents.openCount)
    subtitleColor: Incidents.openCount > 0 ? Theme.warning : Theme.good
    // The map itself is always worth showing; with no incidents the legend says so.
    empty: false

    DistrictMap {
        id: map

        anchors.fill: parent
        incidents: Incidents
        fillColor: Theme.mapFill
        borderColor: Theme.mapBorder
        labelColor: Theme.mapLabel
        highlightColor: Theme.mapHighlight
        labelPixelSize: Theme.fontBody
        fontFamily: Theme.fontFamily
        markerScale: Theme.mapMarkerScale
        severityColors: Theme.severityColors
        borderWidth: Theme.borderWidth * 1.5
        margin: Theme.spacingLarge
        highlightedDistrict: root.highlightedDistrict
        alarms: SensorAlarms
    }

    // The brackets of unacknowledged alarms blink slowly: each step repaints the whole map.
    Timer {
        interval: Theme.mapAlarmBlinkMs
        repeat: true
        running: SensorAlarms.unacknowledgedCount > 0
        onTriggered: map.alarmPulse = map.alarmPulse > 0.5 ? 0.25 : 1.0
        onRunningChanged: map.alarmPulse = 1.0
    }

    Rectangle {
        id: legend

        anchors.left: parent.left
        anchors.bottom: parent.bottom
        width: legendColumn.implicitWidth + 2 * Theme.spacing
        height: legendColumn.implicitHeight + 2 * Theme.spacing
        radius: Theme.radiusSmall
        color: Theme.panelHeader
        opacity: 0.92
        border.color: Theme.border
        border.width: Theme.borderWidth

        Column {
            id: legendColumn

            anchors.centerIn: parent
            spacing: Theme.spacingTiny

            Text {
                text: qsTr("Severity")
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }

            Repeater {
                model: [3, 2, 1, 0]

                Row {
                    id: legendRow

                    required property int modelData

                    spacing: Theme.spacingSmall

                    Text {
                        text: Theme.severityMarker(legendRow.modelData)
                        color: Theme.severityColor(legendRow.modelData)
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }

                    Text {
                        text: Labels.severityLabel(legendRow.modelData)
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }
            }

            Repeater {
                model: [false, true]

                Row {
                    id: alarmLegendRow

                    required property bool modelData

                    spacing: Theme.spacingSmall

                    AlarmGlyph {
                        anchors.verticalCenter: parent.verticalCenter
                        unacknowledged: alarmLegendRow.modelData
                    }

                    Text {
                        text: alarmLegendRow.modelData ? qsTr("Alarm not acknowledged") : qsTr("Sensor in alarm")
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }
            }
        }
    }

    Text {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: Incidents.count === 0 && SensorAlarms.activeCount === 0
        text: qsTr("No incidents on the map")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        textFormat: Text.PlainText
    }
}
