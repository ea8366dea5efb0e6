pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The monitoring alarms the rules and the anomaly detector raised (SensorAlarms): active ones first,
// most severe and oldest on top, then the latest cleared, greyed. The header counts the active and the
// unacknowledged ones. Only whole rows are shown; when more alarms than fit, a line at the bottom says
// how many more there are. On a console the list scrolls and a click on an alarm selects the incident
// it is grouped under.
Panel {
    id: root

    // Rows take clicks and the list scrolls (consoles); the wall only shows.
    property bool interactive: false
    readonly property alias list: list
    readonly property real rowStep: Theme.alarmRowHeight + list.spacing
    readonly property bool overflow: list.count * root.rowStep - list.spacing > root.contentItem.height
    // Whole rows that fit above the "more" line.
    readonly property int rowsShown: Math.max(1, Math.floor((root.contentItem.height - (root.overflow ? moreText.height : 0)
                                                             + list.spacing) / root.rowStep))
    readonly property int firstShown: Math.max(0, Math.round(list.contentY / root.rowStep))
    readonly property int hiddenBelow: Math.max(0, list.count - root.firstShown - root.rowsShown)
    // Active alarms come first, so the hidden active ones are the first of the hidden.
    readonly property int hiddenActive: Math.max(0, SensorAlarms.activeCount - root.firstShown - root.rowsShown)

    signal picked(string incidentId)

    title: qsTr("Monitoring alarms")
    subtitle: qsTr("%1 active · %2 unacknowledged").arg(SensorAlarms.activeCount).arg(SensorAlarms.unacknowledgedCount)
    subtitleColor: SensorAlarms.unacknowledgedCount > 0 ? Theme.alarm
                                                        : (SensorAlarms.activeCount > 0 ? Theme.warning : Theme.good)
    empty: SensorAlarms.count === 0
    emptyText: qsTr("No alarms")
    emptyDetail: qsTr("No sensor has crossed a monitoring line or left its usual range")

    ListView {
        id: list

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: root.overflow ? root.rowsShown * root.rowStep - list.spacing : parent.height
        clip: true
        interactive: root.interactive
        spacing: Theme.spacingSmall
        model: SensorAlarms
        boundsBehavior: Flickable.StopAtBounds
        snapMode: ListView.SnapToItem

        delegate: AlarmRow {
            id: row

            required severity
            required anomaly
            required explanation
            required districtName
            required sinceMs
            required changedMs
            required active
            required acknowledged
            required informational
            required property string incidentId

            width: list.width

            MouseArea {
                anchors.fill: parent
                enabled: root.interactive && row.incidentId.length > 0
                cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
                onClicked: root.picked(row.incidentId)
            }
        }
    }

    Text {
        id: moreText

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: root.overflow
        text: root.hiddenBelow === 0 ? qsTr("▲ End of the list")
                                     : (root.hiddenActive > 0 ? qsTr("▼ %1 more, %2 of them active").arg(root.hiddenBelow).arg(root.hiddenActive)
                                                              : qsTr("▼ %1 more, cleared").arg(root.hiddenBelow))
        color: root.hiddenActive > 0 ? Theme.textPrimary : Theme.textMuted
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
