pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// A drop-down choice for the queue's filters, usable from the keyboard: Enter, Space or Down opens it,
// Up/Down move, Enter picks, Esc closes it. `codes` and `names` are parallel lists; the first entry is
// usually the "all" choice.
FocusScope {
    id: root

    property string label
    property list<string> codes
    property list<string> names
    property string value
    readonly property int currentIndex: Math.max(0, root.codes.indexOf(root.value))
    property bool open: false

    signal chosen(string code)

    function openList() {
        list.currentIndex = root.currentIndex;
        root.open = true;
        list.forceActiveFocus();
    }

    function closeList() {
        root.open = false;
        button.forceActiveFocus();
    }

    function pick(index: int) {
        if (index >= 0 && index < root.codes.length)
            root.chosen(root.codes[index]);
        root.closeList();
    }

    implicitWidth: Theme.filterSelectWidth
    implicitHeight: Theme.inputHeight
    z: root.open ? 10 : 0
    Accessible.name: root.label

    onActiveFocusChanged: {
        if (!root.activeFocus)
            root.open = false;
    }

    Keys.onPressed: event => {
        if (!root.open && (event.key === Qt.Key_Return || event.key === Qt.Key_Enter
                           || event.key === Qt.Key_Space || event.key === Qt.Key_Down)) {
            root.openList();
            event.accepted = true;
        }
    }

    Rectangle {
        id: button

        anchors.fill: parent
        // Keeps the keys inside the scope while the list is closed (the root's handler sees them).
        focus: true
        radius: Theme.radiusSmall
        color: mouse.containsMouse ? Theme.panelRaised : Theme.panelHeader
        border.color: root.activeFocus ? Theme.accent : Theme.borderStrong
        border.width: root.activeFocus ? Theme.borderWidth * 2 : Theme.borderWidth

        Text {
            anchors.left: parent.left
            anchors.right: arrow.left
            anchors.leftMargin: Theme.spacingSmall
            anchors.verticalCenter: parent.verticalCenter
            text: root.names.length > root.currentIndex ? root.names[root.currentIndex] : ""
            color: root.currentIndex > 0 ? Theme.accent : Theme.textPrimary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: root.currentIndex > 0
            textFormat: Text.PlainText
        }

        Text {
            id: arrow

            anchors.right: parent.right
            anchors.rightMargin: Theme.spacingSmall
            anchors.verticalCenter: parent.verticalCenter
            text: root.open ? "▴" : "▾"
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        MouseArea {
            id: mouse

            anchors.fill: parent
            hoverEnabled: true
            onClicked: root.open ? root.closeList() : root.openList()
        }
    }

    Rectangle {
        id: popup

        anchors.top: button.bottom
        anchors.topMargin: Theme.spacingTiny
        anchors.left: button.left
        width: Math.max(button.width, Theme.filterSelectWidth * 1.3)
        height: Math.min(list.contentHeight, Theme.filterListMaxHeight) + 2 * Theme.borderWidth
        visible: root.open
        color: Theme.panelRaised
        border.color: Theme.borderStrong
        border.width: Theme.borderWidth
        radius: Theme.radiusSmall

        ListView {
            id: list

            anchors.fill: parent
            anchors.margins: Theme.borderWidth
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            model: root.names
            highlightMoveDuration: 0

            Keys.onPressed: event => {
                if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space) {
                    root.pick(list.currentIndex);
                    event.accepted = true;
                } else if (event.key === Qt.Key_Escape) {
                    root.closeList();
                    event.accepted = true;
                }
            }

            delegate: Rectangle {
                id: option

                required property int index
                required property string modelData

                width: list.width
                height: Theme.inputHeight
                color: list.currentIndex === option.index ? Theme.selection : "transparent"

                Text {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.leftMargin: Theme.spacing
                    anchors.verticalCenter: parent.verticalCenter
                    text: (option.index === root.currentIndex ? "✓ " : "   ") + option.modelData
                    color: Theme.textPrimary
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                MouseArea {
                    anchors.fill: parent
                    onClicked: root.pick(option.index)
                }
            }
        }
    }
}
