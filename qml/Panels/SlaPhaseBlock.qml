import QtQuick
import CityBrain.Theme

// One SLA milestone of the selected incident (acknowledge, dispatch, on scene): met (tick and the time
// it took), counting down (ring and time left, red and pulsing when overdue) or still to come.
Row {
    id: root

    property string phase
    // When the milestone was reached (epoch ms), 0 if not yet.
    property real milestoneMs: 0
    property real reportedMs: 0
    property string currentPhase
    property real deadlineMs: 0
    property real budgetMs: 0
    property bool breached: false
    property bool open: true
    // This milestone's allowance for the incident's priority, and whether it was (or is) late.
    property real targetMs: 0
    property bool late: false
    readonly property bool done: root.milestoneMs > 0
    readonly property bool counting: !root.done && root.open && root.currentPhase === root.phase

    spacing: Theme.spacingSmall

    SlaRing {
        id: ring

        anchors.verticalCenter: parent.verticalCenter
        width: Theme.slaRingLargeSize
        height: Theme.slaRingLargeSize
        active: root.counting
        done: root.done
        deadlineMs: root.deadlineMs
        budgetMs: root.budgetMs
        breached: root.breached
    }

    Column {
        anchors.verticalCenter: parent.verticalCenter

        Text {
            text: Labels.slaPhaseLabel(root.phase)
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            text: {
                if (root.done)
                    return (root.late ? qsTr("Late: %1 (target %2)") : qsTr("Met in %1 (target %2)"))
                        .arg(Labels.durationText((root.milestoneMs - root.reportedMs) / 1000))
                        .arg(Labels.durationText(root.targetMs / 1000));
                if (root.counting)
                    return ring.overdue ? qsTr("Overdue %1").arg(Labels.countdownText(-ring.remainingMs))
                                        : qsTr("%1 left").arg(Labels.countdownText(ring.remainingMs));
                return root.open ? qsTr("Target %1").arg(Labels.durationText(root.targetMs / 1000)) : "—";
            }
            color: ring.overdue || (root.done && root.late) ? Theme.alarm
                                                           : (root.done ? Theme.good : (root.counting ? Theme.textPrimary : Theme.textMuted))
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: root.counting
            textFormat: Text.PlainText
        }
    }
}
