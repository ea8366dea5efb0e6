import QtQuick
import CityBrain.Theme

// One choice in an action dialog, with the number key that picks it: "[1] 公安".
Rectangle {
    id: root

    property int number: 0
    property string text
    property bool chosen: false
    property color tint: Theme.accent

    signal clicked

    implicitWidth: chipRow.implicitWidth + 2 * Theme.spacing
    implicitHeight: Theme.inputHeight
    radius: Theme.radiusSmall
    color: root.chosen ? Theme.selection : Theme.panelHeader
    border.color: root.chosen ? root.tint : Theme.borderStrong
    border.width: root.chosen ? Theme.borderWidth * 3 : Theme.borderWidth

    Row {
        id: chipRow

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        // The number key, as a key cap.
        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            visible: root.number > 0
            width: Math.max(numberText.implicitWidth + Theme.spacingSmall * 2, height)
            height: numberText.implicitHeight
            radius: Theme.radiusSmall
            color: root.chosen ? root.tint : Theme.textSecondary

            Text {
                id: numberText

                anchors.centerIn: parent
                text: root.number
                color: Theme.textOnBadge
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: (root.chosen ? "✓ " : "") + root.text
            color: root.chosen ? Theme.textPrimary : Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: root.chosen
            textFormat: Text.PlainText
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
