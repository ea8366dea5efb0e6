import QtQuick
import CityBrain.Theme

// A plain, large-enough button for consoles (the wall itself never needs input).
Rectangle {
    id: root

    property string text
    property bool highlighted: false

    signal clicked

    implicitWidth: label.implicitWidth + 2 * Theme.spacing
    implicitHeight: Theme.fontBody * 1.8
    radius: Theme.radiusSmall
    color: root.highlighted ? Theme.accentStrong : (mouse.containsMouse ? Theme.panelRaised : Theme.panelHeader)
    border.color: Theme.borderStrong
    border.width: Theme.borderWidth

    Text {
        id: label

        anchors.centerIn: parent
        text: root.text
        color: Theme.textPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        onClicked: root.clicked()
    }
}
