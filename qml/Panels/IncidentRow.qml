import QtQuick
import CityBrain.Theme

// One incident in two lines: badge + title; kind · district · time · status.
Rectangle {
    id: root

    property int severity: 0
    property string kind
    property string status
    property string title
    property string districtName
    property real reportedMs: 0
    readonly property bool closed: root.status === "closed"

    color: Theme.panelRaised
    radius: Theme.radiusSmall
    border.color: root.severity >= 3 && !root.closed ? Theme.severityColor(3) : Theme.divider
    border.width: Theme.borderWidth
    opacity: root.closed ? 0.6 : 1.0

    // Severity stripe on the left edge, same colour as the badge.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Theme.accentWidth
        radius: width / 2
        color: Theme.severityColor(root.severity)
    }

    SeverityBadge {
        id: badge

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacing
        anchors.topMargin: Theme.spacingSmall
        severity: root.severity
    }

    Text {
        anchors.left: badge.right
        anchors.right: parent.right
        anchors.verticalCenter: badge.verticalCenter
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        text: root.title
        color: Theme.textPrimary
        elide: Text.ElideRight
        maximumLineCount: 1
        wrapMode: Text.NoWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        textFormat: Text.PlainText
    }

    Text {
        id: statusText

        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.rightMargin: Theme.spacing
        anchors.bottomMargin: Theme.spacingSmall
        text: Labels.statusLabel(root.status)
        color: root.status === "new" ? Theme.accent : (root.closed ? Theme.closed : Theme.textSecondary)
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: root.status === "new"
        textFormat: Text.PlainText
    }

    Text {
        anchors.left: parent.left
        anchors.right: statusText.left
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        anchors.bottomMargin: Theme.spacingSmall
        text: qsTr("%1 · %2 · %3").arg(Labels.beijingTime(root.reportedMs)).arg(root.districtName).arg(Labels.kindLabel(root.kind))
        color: Theme.textSecondary
        elide: Text.ElideRight
        maximumLineCount: 1
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
