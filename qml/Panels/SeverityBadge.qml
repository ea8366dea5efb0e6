import QtQuick
import CityBrain.Theme

// Severity as colour AND shape AND text: "◆ 重大".
Rectangle {
    id: root

    property int severity: 0

    implicitWidth: Theme.badgeWidth
    implicitHeight: Theme.badgeHeight
    radius: Theme.radiusSmall
    color: Theme.severityColor(root.severity)

    Row {
        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Theme.severityMarker(root.severity)
            color: Theme.textOnBadge
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Labels.severityLabel(root.severity)
            color: Theme.textOnBadge
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }
    }
}
