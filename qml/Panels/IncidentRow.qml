import QtQuick
import CityBrain.Theme

// One incident on the wall in two lines: priority + severity + title; time · district · kind and the
// dispatch state on the right. The incident a leader put in focus has a thick accent border and "◎".
Rectangle {
    id: root

    property int severity: 0
    property string kind
    property string title
    property string districtName
    property real reportedMs: 0
    property int priority: 4
    // Lifecycle state of the dispatch (new, acknowledged, dispatched, ...).
    property string lifecycleState: "new"
    property bool open: true
    property bool alarm: false
    // A leader put this incident in focus on the wall (F on a leader console).
    property bool focused: false
    readonly property bool closed: !root.open

    color: Theme.panelRaised
    radius: Theme.radiusSmall
    border.color: root.focused ? Theme.accent
                               : (root.alarm ? Theme.alarm : (root.severity >= 3 && !root.closed ? Theme.severityColor(3) : Theme.divider))
    border.width: root.alarm || root.focused ? Theme.borderWidth * 3 : Theme.borderWidth
    opacity: root.closed ? 0.6 : 1.0

    // Priority stripe on the left edge, same colour as the priority badge.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Theme.accentWidth
        radius: width / 2
        color: Theme.priorityColor(root.priority)
    }

    PriorityBadge {
        id: priorityBadge

        anchors.left: parent.left
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacing
        anchors.topMargin: Theme.spacingSmall
        priority: root.priority
    }

    SeverityBadge {
        id: badge

        anchors.left: priorityBadge.right
        anchors.leftMargin: Theme.spacingSmall
        anchors.verticalCenter: priorityBadge.verticalCenter
        outlined: true
        severity: root.severity
    }

    Text {
        anchors.left: badge.right
        anchors.right: parent.right
        anchors.verticalCenter: badge.verticalCenter
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        text: root.focused ? "◎ " + root.title : root.title
        color: root.focused ? Theme.accent : Theme.textPrimary
        elide: Text.ElideRight
        maximumLineCount: 1
        wrapMode: Text.NoWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        textFormat: Text.PlainText
    }

    StateChip {
        id: stateChip

        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.rightMargin: Theme.spacing
        anchors.bottomMargin: Theme.spacingSmall
        lifecycleState: root.lifecycleState
    }

    Text {
        anchors.left: priorityBadge.left
        anchors.right: stateChip.left
        anchors.verticalCenter: stateChip.verticalCenter
        anchors.rightMargin: Theme.spacing
        text: qsTr("%1 · %2 · %3").arg(Labels.beijingTime(root.reportedMs)).arg(root.districtName).arg(Labels.kindLabel(root.kind))
        color: Theme.textSecondary
        elide: Text.ElideRight
        maximumLineCount: 1
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
