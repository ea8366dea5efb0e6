pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Incidents

// One line of what needs attention: new P1/P2 incidents nobody has acknowledged yet (Incidents'
// alarm role), then the active monitoring alarms (SensorAlarms, most severe first). Each item has its
// priority or severity as glyph and text, its district, its text and its time (Beijing, HH:mm). When
// the line is wider than the panel it scrolls from right to left at a reading pace; when it fits, it
// stands still.
Panel {
    id: root

    // Reading pace: about three characters a second.
    readonly property real pixelsPerSecond: Theme.fontLabel * 3
    readonly property real gap: Theme.spacingLarge * 3
    readonly property int itemCount: strip.itemCount
    readonly property bool overflow: strip.width > viewport.width

    title: qsTr("Alarm ticker")
    subtitle: root.itemCount > 0 ? qsTr("%1 new P1/P2 · %2 alarms").arg(strip.incidentCount).arg(strip.alarmCount) : ""
    subtitleColor: strip.incidentCount > 0 ? Theme.alarm : Theme.warning
    empty: root.itemCount === 0
    emptyText: qsTr("No active alarms")
    emptyDetail: qsTr("No active monitoring alarm and no unacknowledged P1 or P2 incident")

    // One pass of the line: every item once.
    component TickerStrip: Row {
        id: stripRow

        readonly property int incidentCount: alarmIncidents.count
        readonly property int alarmCount: activeAlarms.count
        readonly property int itemCount: stripRow.incidentCount + stripRow.alarmCount
        readonly property real gap: Theme.spacingLarge * 3

        spacing: stripRow.gap

        // Only the rows shown get a delegate: the incidents model holds up to 500 of the day's incidents.
        FlaggedRows {
            id: alarmIncidents

            sourceModel: Incidents
            flag: "alarm"
        }

        FlaggedRows {
            id: activeAlarms

            sourceModel: SensorAlarms
            flag: "active"
        }

        Repeater {
            model: alarmIncidents

            TickerItem {
                id: incidentItem

                required property int priority
                required property string kind
                required property string title
                required property string districtName
                required property double reportedMs

                glyph: Theme.priorityMarker(incidentItem.priority) + " " + Labels.priorityLabel(incidentItem.priority)
                glyphColor: Theme.priorityColor(incidentItem.priority)
                where: incidentItem.districtName
                what: Labels.kindLabel(incidentItem.kind) + " · " + incidentItem.title
                atMs: incidentItem.reportedMs
            }
        }

        Repeater {
            model: activeAlarms

            TickerItem {
                id: alarmItem

                required property int severity
                required property bool anomaly
                required property string explanation
                required property string districtName
                required property double sinceMs

                glyph: Theme.severityMarker(alarmItem.severity) + " " + Labels.severityLabel(alarmItem.severity)
                       + (alarmItem.anomaly ? " · " + qsTr("Anomaly") : "")
                glyphColor: Theme.severityColor(alarmItem.severity)
                where: alarmItem.districtName
                what: alarmItem.explanation
                atMs: alarmItem.sinceMs
            }
        }
    }

    // "◆ P1  渭城区  火灾 · …  14:05"
    component TickerItem: Row {
        id: tickerItem

        property string glyph
        property color glyphColor
        property string where
        property string what
        property real atMs

        spacing: Theme.spacing

        Text {
            text: tickerItem.glyph
            color: tickerItem.glyphColor
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            visible: tickerItem.where.length > 0
            text: tickerItem.where
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            textFormat: Text.PlainText
        }

        Text {
            text: tickerItem.what
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            textFormat: Text.PlainText
        }

        Text {
            text: Labels.beijingTime(tickerItem.atMs)
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            textFormat: Text.PlainText
        }
    }

    Item {
        id: viewport

        anchors.fill: parent
        clip: true

        Row {
            id: track

            anchors.verticalCenter: parent.verticalCenter
            spacing: root.gap

            TickerStrip {
                id: strip
            }

            // A second pass right behind the first, so that the line runs on without a jump.
            TickerStrip {
                visible: root.overflow
            }
        }

        NumberAnimation {
            id: scroll

            target: track
            property: "x"
            from: 0
            to: -(strip.width + root.gap)
            duration: Math.max(1, (strip.width + root.gap) / root.pixelsPerSecond * 1000)
            loops: Animation.Infinite
            running: root.overflow && root.visible && !root.empty
            onRunningChanged: {
                if (!scroll.running)
                    track.x = 0;
            }
        }
    }

    // A new length takes effect from the start of the line.
    Connections {
        function onWidthChanged() {
            if (scroll.running)
                scroll.restart();
        }

        target: strip
    }
}
