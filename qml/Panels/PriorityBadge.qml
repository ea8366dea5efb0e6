import QtQuick
import CityBrain.Theme

// Dispatch priority as colour AND shape AND text: "◆ P1". P1 is red with a diamond, P4 blue with a dot.
// `large` for the detail pane's header.
Rectangle {
    id: root

    property int priority: 4
    property bool large: false
    // A person set it (reprioritise): an outline ring says so without hiding the level.
    property bool overridden: false

    implicitWidth: root.large ? Theme.priorityBadgeLargeWidth : Theme.priorityBadgeWidth
    implicitHeight: root.large ? Theme.badgeHeight * 1.4 : Theme.badgeHeight
    radius: Theme.radiusSmall
    color: Theme.priorityColor(root.priority)
    border.color: root.overridden ? Theme.textPrimary : "transparent"
    border.width: root.overridden ? Theme.accentWidth / 2 : 0

    Row {
        anchors.centerIn: parent
        spacing: Theme.spacingTiny

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Theme.priorityMarker(root.priority)
            color: Theme.textOnBadge
            font.family: Theme.fontFamily
            font.pixelSize: root.large ? Theme.fontLabel : Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Labels.priorityLabel(root.priority)
            color: Theme.textOnBadge
            font.family: Theme.fontFamily
            font.pixelSize: root.large ? Theme.fontLarge : Theme.fontBody
            font.bold: true
            textFormat: Text.PlainText
        }
    }
}
