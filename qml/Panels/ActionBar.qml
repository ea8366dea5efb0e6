pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// What this console may do to the selected incident now, and nothing else: an action its role or the
// incident's state does not allow is not shown (ConsoleActions.may). Each button names its key.
Flow {
    id: root

    // Action code, key; in the order an incident usually goes through them.
    readonly property list<string> actions: ["acknowledge", "dispatch", "on_scene", "resolve", "note", "reprioritise",
        "classify", "merge", "attach", "escalate", "close", "cancel", "focus"]
    readonly property list<string> keys: ["A", "D", "O", "R", "N", "P", "T", "M", "U", "E", "C", "X", "F"]
    readonly property list<string> leaderActions: ["escalate", "close", "cancel", "focus"]
    // Bumped whenever the incident changes, so that what is offered is asked again (may() itself is
    // not a binding).
    property int revision: 0
    readonly property int offeredCount: {
        let n = 0;
        for (const action of root.actions) {
            if (root.offered(action, root.revision))
                ++n;
        }
        return n;
    }

    // The usual next step from the incident's state, drawn highlighted.
    readonly property string nextStep: {
        switch (IncidentDetail.state) {
        case "new":
        case "escalated":
            return "acknowledge";
        case "acknowledged":
            return "dispatch";
        case "dispatched":
            return "on_scene";
        case "on_scene":
            return "resolve";
        case "resolved":
            return "close";
        default:
            return "";
        }
    }

    signal requested(string action)

    // `revision` only makes a binding depend on the incident.
    function offered(action: string, revision: int): bool {
        const id = IncidentDetail.incidentId;
        if (revision < 0 || !IncidentDetail.exists || id.length === 0)
            return false;
        if (action === "focus")
            return ConsoleActions.canLead;
        return ConsoleActions.may(action, id);
    }

    function keyOf(action: string): string {
        const i = root.actions.indexOf(action);
        return i >= 0 ? root.keys[i] : "";
    }

    spacing: Theme.spacingSmall

    Connections {
        target: IncidentDetail

        function onChanged() {
            root.revision++;
        }
    }

    Repeater {
        model: root.actions

        ActionButton {
            id: button

            required property int index
            required property string modelData

            visible: root.offered(button.modelData, root.revision)
            text: Labels.actionLabel(button.modelData)
            shortcut: root.keys[button.index]
            highlighted: button.modelData === root.nextStep
            caution: root.leaderActions.indexOf(button.modelData) >= 0
            onClicked: root.requested(button.modelData)
        }
    }

    Text {
        visible: root.offeredCount === 0
        text: IncidentDetail.exists ? qsTr("No action is open to this console for this incident")
                                    : qsTr("Select an incident to act on it")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
