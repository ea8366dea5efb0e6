import QtQuick
import CityBrain.Theme

// A one-line text field in the wall's look, with a placeholder. Keys typed here never reach the
// console's shortcuts (the TextInput takes them).
FocusScope {
    id: root

    property alias text: input.text
    property string placeholder
    property int maximumLength: 500

    signal accepted

    implicitWidth: Theme.dialogWidth
    implicitHeight: Theme.inputHeight

    Rectangle {
        anchors.fill: parent
        radius: Theme.radiusSmall
        color: Theme.background
        border.color: input.activeFocus ? Theme.accent : Theme.borderStrong
        border.width: input.activeFocus ? Theme.borderWidth * 2 : Theme.borderWidth
    }

    TextInput {
        id: input

        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        verticalAlignment: TextInput.AlignVCenter
        focus: true
        clip: true
        color: Theme.textPrimary
        selectionColor: Theme.accentStrong
        selectedTextColor: Theme.textPrimary
        maximumLength: root.maximumLength
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        // Enter is handled here and goes no further: the dialog around must not see it a second time.
        Keys.onReturnPressed: event => {
            root.accepted();
            event.accepted = true;
        }
        Keys.onEnterPressed: event => {
            root.accepted();
            event.accepted = true;
        }
    }

    Text {
        anchors.fill: input
        verticalAlignment: Text.AlignVCenter
        visible: input.text.length === 0
        text: root.placeholder
        color: Theme.textMuted
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        textFormat: Text.PlainText
    }

    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.NoButton
        cursorShape: Qt.IBeamCursor
    }
}
