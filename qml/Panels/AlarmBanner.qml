import QtQuick
import CityBrain.Theme
import CityBrain.Incidents

// The alarm: flashes while Alarm.active (dispatchers: any unacknowledged P1/P2; leaders: those past
// their acknowledge SLA; the wall: all of them, silently). It names the most urgent incident and, on a
// console, the key that acknowledges it. Clicking it selects the incident (consoles).
Rectangle {
    id: root

    // Consoles take input; the wall only shows.
    property bool showsHint: false
    // The flash phase, toggled by the timer: a steady alarm would be ignored, a strobing one tires.
    property bool lit: true

    signal activated(string incidentId)

    implicitHeight: Theme.alarmBannerHeight
    visible: Alarm.active
    color: root.lit ? Theme.alarm : Theme.alarmDim
    border.color: Theme.alarm
    border.width: Theme.borderWidth * 2
    radius: Theme.radiusSmall

    Timer {
        interval: Theme.alarmFlashMs
        repeat: true
        running: Alarm.active
        onTriggered: root.lit = !root.lit
        onRunningChanged: root.lit = true
    }

    Row {
        id: mainRow

        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.right: soundText.left
        anchors.rightMargin: Theme.spacingLarge
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacing

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: "⚠"
            color: root.lit ? Theme.textOnBadge : Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            textFormat: Text.PlainText
        }

        PriorityBadge {
            anchors.verticalCenter: parent.verticalCenter
            priority: Alarm.priority
            border.color: Theme.textOnBadge
            border.width: Theme.borderWidth
        }

        Text {
            id: headline

            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, mainRow.width - x - hint.width - mainRow.spacing)
            text: {
                const what = Alarm.escalatedCount > 0 ? qsTr("Alarm: not acknowledged in time")
                                                      : qsTr("Alarm: not acknowledged");
                const more = Alarm.count > 1 ? qsTr(" (%1 alarms)").arg(Alarm.count) : "";
                return what + more + " — " + Alarm.title;
            }
            color: root.lit ? Theme.textOnBadge : Theme.textPrimary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            id: hint

            anchors.verticalCenter: parent.verticalCenter
            visible: root.showsHint
            text: qsTr("Press A to acknowledge")
            color: root.lit ? Theme.textOnBadge : Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            font.underline: true
            textFormat: Text.PlainText
        }
    }

    Text {
        id: soundText

        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        width: Math.min(implicitWidth, root.width * 0.3)
        visible: Alarm.audible && text.length > 0
        text: Alarm.soundError.length > 0 ? qsTr("No sound: %1").arg(Alarm.soundError) : ""
        color: root.lit ? Theme.textOnBadge : Theme.textSecondary
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    MouseArea {
        anchors.fill: parent
        enabled: root.showsHint
        cursorShape: Qt.PointingHandCursor
        onClicked: root.activated(Alarm.incidentId)
    }
}
