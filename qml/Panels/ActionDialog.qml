pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// The inputs an action needs, in one card over the detail pane, made for the keyboard:
//   dispatch      1-5 pick the unit type, type the call sign, Enter sends
//   on_scene      1-9 pick the unit (the first en-route one is preselected), Enter sends
//   reprioritise  1-4 pick the priority, type the reason (required), Enter sends
//   classify      1-9 or Up/Down pick the kind, Enter sends
//   merge         the target is prefilled with the suggested duplicate: Enter confirms
//   note, resolve, escalate, close, cancel: type the note, Enter sends
//   attach        type the reference (URI), Enter sends
// Tab moves between the choices and the text field; Esc closes without acting.
FocusScope {
    id: root

    property string incidentId
    property string mode
    property int choice: -1
    property string error
    readonly property alias text: field.text
    readonly property bool opened: root.mode.length > 0
    readonly property bool hasChoices: root.mode === "dispatch" || root.mode === "on_scene"
                                       || root.mode === "reprioritise" || root.mode === "classify"
    readonly property bool hasField: root.mode !== "on_scene" && root.mode !== "classify"
    // The field must not be empty for these (the others take an optional note).
    readonly property bool fieldRequired: root.mode === "dispatch" || root.mode === "reprioritise" || root.mode === "note"
                                          || root.mode === "merge" || root.mode === "attach"
    readonly property int choiceCount: {
        switch (root.mode) {
        case "dispatch":
            return Labels.unitTypeCodes.length;
        case "on_scene":
            return unitRepeater.count;
        case "reprioritise":
            return 4;
        case "classify":
            return Labels.kindCodes.length;
        default:
            return 0;
        }
    }

    signal done(string mode, string incidentId)
    signal closed

    function openFor(mode: string, incidentId: string) {
        root.incidentId = incidentId;
        root.error = "";
        field.text = mode === "merge" ? IncidentDetail.duplicateOf : "";
        root.mode = mode;
        root.choice = root.initialChoice();
        if (root.hasChoices && root.choice < 0)
            choiceKeys.forceActiveFocus();
        else if (root.hasField)
            field.forceActiveFocus();
        else
            choiceKeys.forceActiveFocus();
    }

    function close() {
        root.mode = "";
        root.error = "";
        root.closed();
    }

    function initialChoice(): int {
        switch (root.mode) {
        case "on_scene":
            for (let i = 0; i < unitRepeater.count; ++i) {
                if (root.unitAvailable(i))
                    return i;
            }
            return -1;
        case "reprioritise":
            return -1;
        case "classify":
            return Math.max(-1, Labels.kindCodes.indexOf(IncidentDetail.kind));
        default:
            return -1;
        }
    }

    function unitAvailable(index: int): bool {
        const item = unitRepeater.itemAt(index) as UnitChoice;
        return item !== null && item.status === "dispatched";
    }

    function pick(index: int) {
        if (index < 0 || index >= root.choiceCount)
            return;
        if (root.mode === "on_scene" && !root.unitAvailable(index))
            return;
        root.choice = index;
        root.error = "";
        if (root.hasField)
            field.forceActiveFocus();
    }

    function submit() {
        const note = field.text.trim();
        if (root.hasChoices && root.choice < 0) {
            root.error = qsTr("Pick one first (number keys)");
            choiceKeys.forceActiveFocus();
            return;
        }
        if (root.fieldRequired && note.length === 0) {
            root.error = root.mode === "reprioritise" ? qsTr("A reason is required") : qsTr("Please fill in the field");
            field.forceActiveFocus();
            return;
        }
        let ok = false;
        switch (root.mode) {
        case "dispatch":
            ok = ConsoleActions.dispatchUnit(root.incidentId, Labels.unitTypeCodes[root.choice], note);
            break;
        case "on_scene":
            ok = ConsoleActions.arriveOnScene(root.incidentId, (unitRepeater.itemAt(root.choice) as UnitChoice).unitId);
            break;
        case "reprioritise":
            ok = ConsoleActions.reprioritise(root.incidentId, root.choice + 1, note);
            break;
        case "classify":
            ok = ConsoleActions.classify(root.incidentId, Labels.kindCodes[root.choice]);
            break;
        case "merge":
            ok = ConsoleActions.merge(root.incidentId, note);
            break;
        case "note":
            ok = ConsoleActions.addNote(root.incidentId, note);
            break;
        case "attach":
            ok = ConsoleActions.attach(root.incidentId, note);
            break;
        case "resolve":
            ok = ConsoleActions.resolve(root.incidentId, note);
            break;
        case "escalate":
            ok = ConsoleActions.escalate(root.incidentId, note);
            break;
        case "close":
            ok = ConsoleActions.close(root.incidentId, note);
            break;
        case "cancel":
            ok = ConsoleActions.cancel(root.incidentId, note);
            break;
        }
        if (!ok) {
            root.error = ConsoleActions.lastRefusal.length > 0 ? ConsoleActions.lastRefusal : qsTr("The action was refused");
            return;
        }
        const mode = root.mode;
        root.close();
        root.done(mode, root.incidentId);
    }

    function heading(): string {
        switch (root.mode) {
        case "dispatch":
            return qsTr("Dispatch a unit");
        case "on_scene":
            return qsTr("Which unit arrived on scene?");
        case "reprioritise":
            return qsTr("Change the priority");
        case "classify":
            return qsTr("Correct the kind");
        case "merge":
            return qsTr("Merge into another incident?");
        case "note":
            return qsTr("Add a note");
        case "attach":
            return qsTr("Attach a reference");
        case "resolve":
            return qsTr("Resolve the incident");
        case "escalate":
            return qsTr("Escalate to the duty leader");
        case "close":
            return qsTr("Close the incident");
        case "cancel":
            return qsTr("Cancel the incident");
        default:
            return "";
        }
    }

    function placeholder(): string {
        switch (root.mode) {
        case "dispatch":
            return qsTr("Call sign, e.g. 渭城消防一中队");
        case "reprioritise":
            return qsTr("Reason (required)");
        case "merge":
            return qsTr("Incident that stays (ID)");
        case "note":
            return qsTr("Note");
        case "attach":
            return qsTr("Reference: URI of a photo, report or recording");
        default:
            return qsTr("Note (optional)");
        }
    }

    visible: root.opened

    Keys.onPressed: event => {
        if (event.key === Qt.Key_Escape) {
            root.close();
            event.accepted = true;
            return;
        }
        if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
            root.submit();
            event.accepted = true;
            return;
        }
        if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
            if (root.hasField && !field.activeFocus)
                field.forceActiveFocus();
            else if (root.hasChoices)
                choiceKeys.forceActiveFocus();
            event.accepted = true;
            return;
        }
        // Only reached when the text field does not have the keys: number keys pick a choice.
        if (root.hasChoices && event.key >= Qt.Key_1 && event.key <= Qt.Key_9) {
            root.pick(event.key - Qt.Key_1);
            event.accepted = true;
        } else if (root.hasChoices && (event.key === Qt.Key_Down || event.key === Qt.Key_Right)) {
            root.pick(Math.min(root.choiceCount - 1, root.choice + 1));
            event.accepted = true;
        } else if (root.hasChoices && (event.key === Qt.Key_Up || event.key === Qt.Key_Left)) {
            root.pick(Math.max(0, root.choice - 1));
            event.accepted = true;
        } else {
            // Nothing else leaks out to the console's shortcuts while the dialog is open.
            event.accepted = true;
        }
    }

    // Takes the keys while a choice is made (number keys, arrows); they reach the handler above.
    Item {
        id: choiceKeys
    }

    // Dims what is behind and takes its clicks.
    Rectangle {
        anchors.fill: parent
        color: Theme.overlay

        MouseArea {
            anchors.fill: parent
            onClicked: root.close()
        }
    }

    Rectangle {
        id: card

        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.dialogWidth)
        height: cardColumn.implicitHeight + 2 * Theme.spacingLarge
        radius: Theme.radius
        color: Theme.panel
        border.color: Theme.accent
        border.width: Theme.borderWidth * 2

        MouseArea {
            anchors.fill: parent
        }

        Column {
            id: cardColumn

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacing

            Text {
                width: parent.width
                text: root.heading()
                color: Theme.textPrimary
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.bold: true
                textFormat: Text.PlainText
            }

            Text {
                width: parent.width
                text: IncidentDetail.title
                color: Theme.textSecondary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            // Unit types.
            Flow {
                width: parent.width
                visible: root.mode === "dispatch"
                spacing: Theme.spacingSmall

                Repeater {
                    model: root.mode === "dispatch" ? Labels.unitTypeCodes : []

                    ChoiceChip {
                        id: unitTypeChip

                        required property int index
                        required property string modelData

                        number: unitTypeChip.index + 1
                        text: Labels.unitTypeLabel(unitTypeChip.modelData)
                        chosen: root.choice === unitTypeChip.index
                        onClicked: root.pick(unitTypeChip.index)
                    }
                }
            }

            // Units en route (and the others, greyed).
            Column {
                width: parent.width
                visible: root.mode === "on_scene"
                spacing: Theme.spacingSmall

                Text {
                    visible: unitRepeater.count === 0
                    text: qsTr("No unit has been dispatched")
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                Repeater {
                    id: unitRepeater

                    model: IncidentDetail.units

                    UnitChoice {
                        id: unitChoice

                        required property int index

                        width: parent.width
                        number: unitChoice.index + 1
                        chosen: root.choice === unitChoice.index
                        onClicked: root.pick(unitChoice.index)
                    }
                }
            }

            // Priorities.
            Flow {
                width: parent.width
                visible: root.mode === "reprioritise"
                spacing: Theme.spacingSmall

                Repeater {
                    model: root.mode === "reprioritise" ? 4 : 0

                    ChoiceChip {
                        id: priorityChip

                        required property int index

                        number: priorityChip.index + 1
                        text: Theme.priorityMarker(priorityChip.index + 1) + " " + Labels.priorityLabel(priorityChip.index + 1)
                              + (IncidentDetail.derivedPriority === priorityChip.index + 1 ? qsTr(" (derived)") : "")
                        tint: Theme.priorityColor(priorityChip.index + 1)
                        chosen: root.choice === priorityChip.index
                        onClicked: root.pick(priorityChip.index)
                    }
                }
            }

            // Kinds.
            Flow {
                width: parent.width
                visible: root.mode === "classify"
                spacing: Theme.spacingSmall

                Repeater {
                    model: root.mode === "classify" ? Labels.kindCodes : []

                    ChoiceChip {
                        id: kindChip

                        required property int index
                        required property string modelData

                        number: kindChip.index < 9 ? kindChip.index + 1 : 0
                        text: Labels.kindLabel(kindChip.modelData)
                        chosen: root.choice === kindChip.index
                        onClicked: root.pick(kindChip.index)
                    }
                }
            }

            InputBox {
                id: field

                width: parent.width
                visible: root.hasField
                placeholder: root.placeholder()
                onAccepted: root.submit()
            }

            Text {
                width: parent.width
                visible: root.error.length > 0
                text: "⚠ " + root.error
                color: Theme.bad
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }

            Text {
                width: parent.width
                text: root.hasChoices ? qsTr("Number keys pick · Enter sends · Esc closes")
                                      : qsTr("Enter sends · Esc closes")
                color: Theme.textMuted
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Row {
                anchors.right: parent.right
                spacing: Theme.spacing

                ActionButton {
                    text: qsTr("Close (Esc)")
                    onClicked: root.close()
                }

                ActionButton {
                    text: root.mode === "merge" ? qsTr("Merge (Enter)") : qsTr("Send (Enter)")
                    highlighted: true
                    onClicked: root.submit()
                }
            }
        }
    }
}
