pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The open incidents as a matrix of lifecycle states (rows, each with its glyph and name) by priority
// (columns, each with its badge: colour, shape and "P1"), with totals; a state with none is left out
// when the panel is short of room. The SLA line under it says how many are overdue.
Panel {
    id: root

    readonly property alias summary: summary
    readonly property real labelWidth: Math.min(root.contentItem.width * 0.4, Theme.fontBody * 8)
    readonly property real cellWidth: (root.contentItem.width - root.labelWidth) / 5
    // Header, totals and the SLA line take a row each; states share what is left.
    readonly property real lineHeight: Math.max(Theme.fontSmall * 1.25,
                                                Math.min(Theme.fontBody * 1.7, root.contentItem.height / 8))
    readonly property int stateRowsThatFit: Math.max(1, Math.floor(root.contentItem.height / root.lineHeight) - 3)
    // The five open states (IncidentSummary's rows).
    readonly property bool compact: root.stateRowsThatFit < 5

    title: qsTr("Incidents by state and priority")
    subtitle: qsTr("%1 open").arg(summary.openCount)
    subtitleColor: summary.openCount > 0 ? Theme.accent : Theme.good
    dataMs: summary.dataMs > 0 ? summary.dataMs : FeedHealth.lastMessageMs
    empty: summary.openCount === 0
    emptyText: qsTr("No open incidents")
    emptyDetail: qsTr("Every reported incident is resolved or closed")

    IncidentSummary {
        id: summary
    }

    // One line of the matrix: a label then five numbers (P1..P4, total), each priority with a bar as
    // long as its share of the largest cell.
    component MatrixLine: Item {
        id: line

        property list<int> counts: [0, 0, 0, 0, 0]
        property bool strong: false
        property real labelWidth
        property real cellWidth
        property int largest: 0
        default property alias label: labelArea.data

        height: Theme.fontBody * 1.5

        Item {
            id: labelArea

            width: line.labelWidth
            height: parent.height
        }

        Repeater {
            model: 5

            Item {
                id: cell

                required property int index
                readonly property int n: line.counts[cell.index]

                x: line.labelWidth + cell.index * line.cellWidth
                width: line.cellWidth
                height: line.height

                // Behind the number, faint enough for the number to stay readable on it.
                Rectangle {
                    anchors.left: parent.left
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: Theme.spacingTiny
                    height: parent.height - 2 * Theme.spacingTiny
                    width: cell.index < 4 && line.largest > 0
                           ? (parent.width - 2 * Theme.spacingTiny) * cell.n / line.largest : 0
                    radius: Theme.radiusSmall
                    color: Theme.priorityColor(cell.index + 1)
                    opacity: 0.4
                    visible: !line.strong && cell.n > 0
                }

                Text {
                    anchors.centerIn: parent
                    text: cell.n > 0 ? cell.n.toString() : "·"
                    color: cell.n > 0 ? Theme.textPrimary : Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.bold: line.strong || cell.index === 4
                    textFormat: Text.PlainText
                }
            }
        }
    }

    Column {
        id: matrix

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        visible: !root.empty

        // Column heads: the priority badges and "Total".
        Item {
            width: matrix.width
            height: root.lineHeight

            Repeater {
                model: 4

                PriorityBadge {
                    required property int index

                    x: root.labelWidth + index * root.cellWidth + (root.cellWidth - width) / 2
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.min(Theme.priorityBadgeWidth, root.cellWidth - Theme.spacingTiny)
                    priority: index + 1
                }
            }

            Text {
                x: root.labelWidth + 4 * root.cellWidth
                width: root.cellWidth
                anchors.verticalCenter: parent.verticalCenter
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Total")
                color: Theme.textSecondary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        Repeater {
            model: summary

            MatrixLine {
                id: stateLine

                required property string lifecycleState
                required property int p1
                required property int p2
                required property int p3
                required property int p4
                required property int total
                required property int overdue

                width: matrix.width
                labelWidth: root.labelWidth
                cellWidth: root.cellWidth
                largest: summary.largestCell
                counts: [stateLine.p1, stateLine.p2, stateLine.p3, stateLine.p4, stateLine.total]
                // Short of room, the states with nothing in them give way.
                visible: !root.compact || stateLine.total > 0
                height: stateLine.visible ? root.lineHeight : 0

                Text {
                    anchors.fill: parent
                    verticalAlignment: Text.AlignVCenter
                    text: Theme.stateGlyph(stateLine.lifecycleState) + " " + Labels.stateLabel(stateLine.lifecycleState)
                          + (stateLine.overdue > 0 ? " ⚠" + stateLine.overdue : "")
                    color: stateLine.overdue > 0 ? Theme.alarm : Theme.stateColor(stateLine.lifecycleState)
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }

        Rectangle {
            width: matrix.width
            height: Theme.borderWidth
            color: Theme.divider
        }

        MatrixLine {
            id: totals

            width: matrix.width
            height: root.lineHeight
            labelWidth: root.labelWidth
            cellWidth: root.cellWidth
            strong: true
            counts: [summary.byPriority[0] ?? 0, summary.byPriority[1] ?? 0, summary.byPriority[2] ?? 0,
                summary.byPriority[3] ?? 0, summary.openCount]

            Text {
                anchors.fill: parent
                verticalAlignment: Text.AlignVCenter
                text: qsTr("Total")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }
        }
    }

    Text {
        id: slaLine

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: !root.empty
        text: summary.overdueCount > 0 || summary.breachCount > 0
              ? qsTr("⚠ %1 overdue now · %2 SLA milestones missed").arg(summary.overdueCount).arg(summary.breachCount)
              : qsTr("✓ No SLA deadline missed")
        color: summary.overdueCount > 0 ? Theme.alarm : (summary.breachCount > 0 ? Theme.warning : Theme.good)
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
