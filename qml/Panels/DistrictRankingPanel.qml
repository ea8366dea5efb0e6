pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The districts ranked by one metric, worst first: per district a status glyph, its name, a bar as
// long as its share of the worst one and the value. Status reads without colour: ● normal, ▲ warning,
// ■ alarm (the metric's usual lines, DistrictRanking).
Panel {
    id: root

    // aqi, pm25, congestion, noise, incidents_open, alarms (registry setting "metric").
    property string metric: "aqi"
    // Rows shown (registry setting "count").
    property int count: 7
    readonly property alias ranking: ranking
    readonly property alias list: rows
    readonly property bool countMetric: root.metric === "incidents_open" || root.metric === "alarms"
    readonly property real rowHeight: Math.max(Theme.fontBody * 1.3,
                                               Math.min(Theme.fontLarge * 1.8,
                                                        (root.contentItem.height - (root.count - 1) * Theme.spacingSmall)
                                                        / Math.max(1, root.count)))

    function metricLabel(metric: string): string {
        switch (metric) {
        case "aqi":
            return qsTr("AQI");
        case "pm25":
            return "PM2.5";
        case "congestion":
            return qsTr("Congestion index");
        case "noise":
            return qsTr("Noise level");
        case "incidents_open":
            return qsTr("Open incidents");
        case "alarms":
            return qsTr("Active alarms");
        default:
            return metric;
        }
    }

    function statusGlyph(status: string): string {
        return status === "alarm" ? "■" : (status === "warning" ? "▲" : "●");
    }

    function statusColor(status: string): color {
        return status === "alarm" ? Theme.alarm : (status === "warning" ? Theme.warning : Theme.good);
    }

    function valueText(value: real, unit: string): string {
        const number = root.countMetric ? Math.round(value).toString() : Labels.formatNumber(value);
        return unit.length > 0 ? qsTr("%1 %2").arg(number).arg(unit) : number;
    }

    title: qsTr("District ranking")
    subtitle: root.metricLabel(root.metric)
    dataMs: ranking.dataMs > 0 ? ranking.dataMs : FeedHealth.lastMessageMs
    empty: ranking.rows === 0 || (root.countMetric && ranking.largest <= 0)
    emptyText: !ranking.knownMetric ? qsTr("Unknown metric %1").arg(root.metric)
             : root.metric === "incidents_open" ? qsTr("No open incidents in any district")
             : root.metric === "alarms" ? qsTr("No active alarms in any district")
             : qsTr("No %1 readings from any district yet").arg(root.metricLabel(root.metric))
    emptyDetail: root.countMetric ? qsTr("Every district is quiet") : ""

    DistrictRanking {
        id: ranking

        metric: root.metric
        count: root.count
    }

    ListView {
        id: rows

        anchors.fill: parent
        visible: !root.empty
        clip: true
        interactive: false
        // Nothing scrolls into view: no rows built ahead (a model reset would cancel them half-built).
        cacheBuffer: 0
        spacing: Theme.spacingSmall
        model: ranking

        delegate: Item {
            id: row

            required property string name
            required property real value
            required property real share
            required property string status
            required property string unit

            width: rows.width
            height: root.rowHeight

            Text {
                id: glyph

                anchors.left: parent.left
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.fontBody * 1.3
                text: root.statusGlyph(row.status)
                color: root.statusColor(row.status)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
            }

            Text {
                id: nameText

                anchors.left: glyph.right
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.fontBody * 4
                text: row.name
                color: Theme.textPrimary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
            }

            Rectangle {
                id: track

                anchors.left: nameText.right
                anchors.right: valueText.left
                anchors.rightMargin: Theme.spacingSmall
                anchors.verticalCenter: parent.verticalCenter
                height: Math.max(Theme.progressHeight, row.height * 0.45)
                radius: Theme.radiusSmall
                color: Theme.slaTrack

                Rectangle {
                    anchors.left: parent.left
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    width: parent.width * Math.max(0, Math.min(1, row.share))
                    radius: parent.radius
                    color: root.statusColor(row.status)

                    Behavior on width {
                        NumberAnimation {
                            duration: 400
                        }
                    }
                }
            }

            Text {
                id: valueText

                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.fontBody * 4.6
                horizontalAlignment: Text.AlignRight
                text: root.valueText(row.value, row.unit)
                color: row.status === "normal" ? Theme.textPrimary : root.statusColor(row.status)
                elide: Text.ElideLeft
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                textFormat: Text.PlainText
            }
        }
    }
}
