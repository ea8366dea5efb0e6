import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// The incident a duty leader has put in focus on this wall (WallFocus), large enough to read from the
// back of the hall: priority, severity, state, what and where, units and the running SLA clock. The
// focus page's panel ("focus_card"); the wall never needs input: the leader releases the focus from a
// console.
Panel {
    id: root

    readonly property real ageSeconds: IncidentDetail.reportedMs > 0 ? (Clock.nowMs - IncidentDetail.reportedMs) / 1000 : 0

    title: qsTr("Incident in focus")
    subtitle: WallFocus.console.length > 0 ? qsTr("set by %1").arg(WallFocus.console) : ""
    border.color: IncidentDetail.exists ? Theme.priorityColor(IncidentDetail.priority) : Theme.border
    border.width: IncidentDetail.exists ? Theme.accentWidth : Theme.borderWidth
    dataMs: IncidentDetail.exists ? IncidentDetail.reportedMs : 0
    empty: WallFocus.incidentId.length === 0 || !IncidentDetail.exists
    emptyText: WallFocus.incidentId.length === 0 ? qsTr("No incident in focus")
                                                 : qsTr("Waiting for incident %1").arg(WallFocus.incidentId)
    emptyDetail: WallFocus.incidentId.length === 0 ? qsTr("A duty leader puts an incident in focus from a console")
                                                   : qsTr("Its first report has not reached this wall yet")

    Column {
        id: column

        anchors.fill: parent
        visible: !root.empty
        spacing: Theme.spacingSmall

        Row {
            spacing: Theme.spacing

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("◎ In focus")
                color: Theme.accent
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }

            PriorityBadge {
                anchors.verticalCenter: parent.verticalCenter
                large: true
                priority: IncidentDetail.priority
                overridden: IncidentDetail.priorityOverridden
            }

            SeverityBadge {
                anchors.verticalCenter: parent.verticalCenter
                severity: IncidentDetail.severity
            }

            StateChip {
                anchors.verticalCenter: parent.verticalCenter
                lifecycleState: IncidentDetail.state
                pixelSize: Theme.fontBody
            }
        }

        Text {
            width: parent.width
            text: IncidentDetail.title
            color: Theme.textPrimary
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            text: qsTr("%1 · %2 · reported %3 ago · %4 units working")
                .arg(IncidentDetail.districtName)
                .arg(Labels.kindLabel(IncidentDetail.kind))
                .arg(Labels.durationText(root.ageSeconds))
                .arg(IncidentDetail.activeUnits)
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: IncidentDetail.slaPhase.length > 0
            text: IncidentDetail.slaBreached
                  ? qsTr("%1 overdue by %2").arg(Labels.slaPhaseLabel(IncidentDetail.slaPhase))
                        .arg(Labels.countdownText(Clock.nowMs - IncidentDetail.slaDeadlineMs))
                  : qsTr("%1 due in %2").arg(Labels.slaPhaseLabel(IncidentDetail.slaPhase))
                        .arg(Labels.countdownText(IncidentDetail.slaDeadlineMs - Clock.nowMs))
            color: IncidentDetail.slaBreached ? Theme.alarm : Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: IncidentDetail.slaBreached
            textFormat: Text.PlainText
        }
    }
}
