import QtQuick
import CityBrain.Theme

// An incident's lifecycle state as glyph AND colour AND text: "➤ 已派遣".
Rectangle {
    id: root

    property string lifecycleState: "new"
    property real pixelSize: Theme.fontSmall
    readonly property color tint: Theme.stateColor(root.lifecycleState)

    implicitWidth: chipRow.implicitWidth + 2 * Theme.spacingSmall
    implicitHeight: chipRow.implicitHeight + Theme.spacingTiny * 2
    radius: Theme.radiusSmall
    color: "transparent"
    border.color: root.tint
    border.width: Theme.borderWidth

    Row {
        id: chipRow

        anchors.centerIn: parent
        spacing: Theme.spacingTiny

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Theme.stateGlyph(root.lifecycleState)
            color: root.tint
            font.family: Theme.fontFamily
            font.pixelSize: root.pixelSize
            textFormat: Text.PlainText
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Labels.stateLabel(root.lifecycleState)
            color: root.tint
            font.family: Theme.fontFamily
            font.pixelSize: root.pixelSize
            font.bold: root.lifecycleState === "new" || root.lifecycleState === "escalated"
            textFormat: Text.PlainText
        }
    }
}
