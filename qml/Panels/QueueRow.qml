import QtQuick
import CityBrain.Theme

// One incident in a console's triage queue:
//   [◆ P1] title                                   (ring) 确认
//   [◆ 特别重大] [➤ 已派遣] 渭城区 · 12 分钟 · 2 个单位      -1:05
//   ⇢ 疑似与 INC-… 重复 (M 合并)                    (only when a duplicate is suggested)
// Priority leads (filled badge and the stripe); severity, state and SLA follow; none by colour alone.
Rectangle {
    id: root

    property string incidentId
    property string title
    property string districtName
    property int severity: 0
    property string lifecycleState: "new"
    property int priority: 4
    property bool priorityOverridden: false
    property real reportedMs: 0
    property string slaPhase
    property real slaDeadlineMs: 0
    property real slaBudgetMs: 0
    property bool slaBreached: false
    property int unitCount: 0
    property string duplicateOf
    property bool alarm: false
    property bool open: true
    property bool selected: false
    readonly property real ageSeconds: root.reportedMs > 0 ? (Clock.nowMs - root.reportedMs) / 1000 : 0

    signal clicked

    implicitHeight: Theme.queueRowHeight + (root.duplicateOf.length > 0 ? Theme.queueRowHintHeight : 0)
    radius: Theme.radiusSmall
    color: root.selected ? Theme.selection : Theme.panelRaised
    border.color: root.selected ? Theme.accent : (root.alarm ? Theme.alarm : Theme.divider)
    border.width: root.selected || root.alarm ? Theme.borderWidth * 2 : Theme.borderWidth
    opacity: root.open ? 1.0 : 0.6

    // Priority stripe on the left edge, same colour as the badge.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Theme.accentWidth * 1.5
        radius: width / 2
        color: Theme.priorityColor(root.priority)
    }

    PriorityBadge {
        id: priorityBadge

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacing + Theme.accentWidth
        anchors.topMargin: Theme.spacing
        priority: root.priority
        overridden: root.priorityOverridden
    }

    Text {
        id: titleText

        anchors.left: priorityBadge.right
        anchors.right: slaBlock.left
        anchors.verticalCenter: priorityBadge.verticalCenter
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        text: root.title
        color: Theme.textPrimary
        elide: Text.ElideRight
        maximumLineCount: 1
        wrapMode: Text.NoWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        textFormat: Text.PlainText
    }

    Row {
        id: metaRow

        anchors.left: priorityBadge.left
        anchors.right: slaBlock.left
        anchors.rightMargin: Theme.spacing
        y: Theme.queueRowHeight - Theme.spacing - height
        spacing: Theme.spacingSmall
        clip: true

        SeverityBadge {
            anchors.verticalCenter: parent.verticalCenter
            outlined: true
            severity: root.severity
        }

        StateChip {
            anchors.verticalCenter: parent.verticalCenter
            lifecycleState: root.lifecycleState
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            width: metaRow.width - x
            text: {
                const parts = [root.districtName, Labels.ageShort(root.ageSeconds)];
                if (root.unitCount > 0)
                    parts.push(qsTr("%1 units").arg(root.unitCount));
                return parts.join(" · ");
            }
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }

    // SLA: the ring, the milestone and the time left (negative when overdue).
    Item {
        id: slaBlock

        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.top: parent.top
        width: ring.width + Theme.spacingSmall + Theme.fontBody * 4.2
        height: Theme.queueRowHeight

        SlaRing {
            id: ring

            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            visible: root.open && root.slaPhase.length > 0
            deadlineMs: root.slaDeadlineMs
            budgetMs: root.slaBudgetMs
            breached: root.slaBreached
        }

        Column {
            anchors.left: ring.right
            anchors.leftMargin: Theme.spacingSmall
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            visible: ring.visible

            Text {
                width: parent.width
                text: Labels.slaPhaseLabel(root.slaPhase)
                color: Theme.textSecondary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Text {
                width: parent.width
                text: Labels.countdownText(ring.remainingMs)
                color: ring.overdue ? Theme.alarm : Theme.textPrimary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                textFormat: Text.PlainText
            }
        }
    }

    Text {
        anchors.left: priorityBadge.left
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingSmall
        visible: root.duplicateOf.length > 0
        text: qsTr("⇢ Possible duplicate of %1").arg(root.duplicateOf)
        color: Theme.warning
        elide: Text.ElideMiddle
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    MouseArea {
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
