pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.TimeMachine

// The time machine's strip under the header. In playback it is a banner nobody can miss: PLAYBACK,
// the shown Beijing time and the speed, on every screen. Consoles (not the wall) also get the
// controls: look back, speed, pause, step, back to live. Keys: Space pause/resume, → step 10 s,
// Esc back to live.
Rectangle {
    id: root

    readonly property bool console: Session.role !== "wall"
    readonly property bool playing: !TimeMachine.live

    implicitHeight: root.playing || root.console ? Theme.fontBody * 2.4 : 0
    visible: implicitHeight > 0
    color: root.playing ? Theme.warning : "transparent"
    focus: root.console

    Keys.onPressed: event => {
        if (!root.playing)
            return;
        if (event.key === Qt.Key_Space) {
            TimeMachine.paused ? TimeMachine.resume() : TimeMachine.pause();
            event.accepted = true;
        } else if (event.key === Qt.Key_Right) {
            TimeMachine.step(10);
            event.accepted = true;
        } else if (event.key === Qt.Key_Escape) {
            TimeMachine.backToLive();
            event.accepted = true;
        }
    }

    Text {
        id: banner

        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        visible: root.playing
        text: qsTr("◀◀ PLAYBACK  %1 %2  ×%3%4").arg(Labels.beijingDate(TimeMachine.shownMs))
                                                .arg(Labels.beijingClock(TimeMachine.shownMs))
                                                .arg(TimeMachine.speed)
                                                .arg(TimeMachine.paused ? qsTr("  (paused)") : "")
        color: Theme.textOnBadge
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLarge
        font.bold: true
        textFormat: Text.PlainText
    }

    Row {
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingSmall
        visible: root.console

        ActionButton {
            text: qsTr("Last hour")
            onClicked: TimeMachine.playLastHours(1)
        }
        ActionButton {
            text: qsTr("Last 24 h")
            onClicked: TimeMachine.playLastHours(24)
        }
        Repeater {
            model: [1, 10, 60]

            ActionButton {
                required property int modelData

                visible: root.playing
                text: "×" + modelData
                highlighted: TimeMachine.speed === modelData
                onClicked: TimeMachine.setSpeed(modelData)
            }
        }
        ActionButton {
            visible: root.playing
            text: TimeMachine.paused ? qsTr("Resume") : qsTr("Pause")
            onClicked: TimeMachine.paused ? TimeMachine.resume() : TimeMachine.pause()
        }
        ActionButton {
            visible: root.playing
            text: qsTr("Step 10 s")
            onClicked: TimeMachine.step(10)
        }
        ActionButton {
            visible: root.playing
            text: qsTr("Back to live")
            highlighted: true
            onClicked: TimeMachine.backToLive()
        }
    }
}
