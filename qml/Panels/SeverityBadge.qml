import QtQuick
import CityBrain.Theme

// Severity as colour AND shape AND text: "◆ 重大". `outlined`: coloured text on the panel with a
// coloured border, for rows where a filled badge (the priority) already leads.
Rectangle {
    id: root

    property int severity: 0
    property bool outlined: false
    readonly property color textColor: root.outlined ? Theme.severityColor(root.severity) : Theme.textOnBadge

    implicitWidth: root.outlined ? badgeRow.implicitWidth + 2 * Theme.spacingSmall : Theme.badgeWidth
    implicitHeight: Theme.badgeHeight
    radius: Theme.radiusSmall
    color: root.outlined ? "transparent" : Theme.severityColor(root.severity)
    border.color: Theme.severityColor(root.severity)
    border.width: root.outlined ? Theme.borderWidth : 0

    Row {
        id: badgeRow

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Theme.severityMarker(root.severity)
            color: root.textColor
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Labels.severityLabel(root.severity)
            color: root.textColor
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }
    }
}
