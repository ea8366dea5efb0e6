import QtQuick
import CityBrain.Theme

// One action in an incident's timeline: time | action, who (role, console) and what it changed | note.
// An action that lost a conflict is struck through and says to whom and to what it lost.
Rectangle {
    id: root

    property real tsMs: 0
    property string actor
    property string actorRole
    property string console
    property string action
    property string note
    property bool applied: true
    property string stateAfter
    property string wonByActor
    property string wonByConsole
    property string wonByAction
    property string unitType
    property string unitId
    property int priority: 0
    property string incidentKind
    property string mergeInto
    property string uri
    property bool mine: false
    // What the action carried: the unit, the new priority, the new kind, the merge target, the URI.
    readonly property string details: {
        switch (root.action) {
        case "dispatch":
            return Labels.unitTypeLabel(root.unitType) + " " + root.unitId;
        case "on_scene":
            return root.unitId;
        case "reprioritise":
            return "→ " + Labels.priorityLabel(root.priority);
        case "classify":
            return "→ " + Labels.kindLabel(root.incidentKind);
        case "merge":
            return "→ " + root.mergeInto;
        case "attach":
            return root.uri;
        default:
            return "";
        }
    }

    implicitHeight: rowColumn.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radiusSmall
    color: root.mine ? Theme.panelRaised : "transparent"
    border.color: root.applied ? Theme.divider : Theme.bad
    border.width: Theme.borderWidth

    Text {
        id: timeText

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacingSmall
        anchors.topMargin: Theme.spacingSmall
        width: Theme.timelineTimeWidth
        text: Labels.beijingClock(root.tsMs)
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.strikeout: !root.applied
        textFormat: Text.PlainText
    }

    Column {
        id: rowColumn

        anchors.left: timeText.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacingSmall
        anchors.rightMargin: Theme.spacingSmall
        anchors.topMargin: Theme.spacingSmall
        spacing: Theme.spacingTiny

        Text {
            width: parent.width
            text: {
                let line = Labels.actionLabel(root.action);
                if (root.details.length > 0)
                    line += " " + root.details;
                if (root.applied && root.stateAfter.length > 0 && root.action !== "note" && root.action !== "attach")
                    line += "  ⇒ " + Labels.stateLabel(root.stateAfter);
                return line;
            }
            color: root.applied ? Theme.textPrimary : Theme.textMuted
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: root.applied
            font.strikeout: !root.applied
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            text: {
                const who = Labels.fill(qsTr("%1 (%2 · %3)"), [root.actor, Labels.roleLabel(root.actorRole), root.console]);
                return root.mine ? qsTr("%1 · this console").arg(who) : who;
            }
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.strikeout: !root.applied
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: root.note.length > 0
            text: root.note
            color: root.applied ? Theme.textPrimary : Theme.textMuted
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.strikeout: !root.applied
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: !root.applied
            text: Labels.fill(qsTr("✕ Lost to %1 (%2, %3)"), [root.wonByActor, root.wonByConsole, Labels.actionLabel(root.wonByAction)])
            color: Theme.bad
            wrapMode: Text.Wrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }
    }
}
