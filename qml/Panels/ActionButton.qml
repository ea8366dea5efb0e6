import QtQuick
import CityBrain.Theme

// A plain, large-enough button for consoles (the wall itself never needs input). `shortcut` shows the
// key that does the same, as a key cap after the text.
Rectangle {
    id: root

    property string text
    property string shortcut
    property bool highlighted: false
    // A leader-only or destructive action: drawn with a warning border.
    property bool caution: false

    signal clicked

    implicitWidth: buttonRow.implicitWidth + 2 * Theme.spacing
    implicitHeight: Theme.fontBody * 1.8
    radius: Theme.radiusSmall
    color: root.highlighted ? Theme.accentStrong : (mouse.containsMouse ? Theme.panelRaised : Theme.panelHeader)
    border.color: root.caution ? Theme.warning : Theme.borderStrong
    border.width: Theme.borderWidth

    Row {
        id: buttonRow

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Text {
            id: label

            anchors.verticalCenter: parent.verticalCenter
            text: root.text
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            visible: root.shortcut.length > 0
            width: Math.max(keyText.implicitWidth + Theme.spacingSmall * 2, height)
            height: keyText.implicitHeight
            radius: Theme.radiusSmall
            color: "transparent"
            border.color: Theme.textSecondary
            border.width: Theme.borderWidth

            Text {
                id: keyText

                anchors.centerIn: parent
                text: root.shortcut
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }
        }
    }

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        onClicked: root.clicked()
    }
}
