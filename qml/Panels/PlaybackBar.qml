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

    // Leaders note a moment for everyone: the shown time in playback, now when live.
    Row {
        id: annotateRow

        anchors.left: parent.left
        anchors.leftMargin: root.playing ? banner.width + 2 * Theme.margin : Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingSmall
        visible: ConsoleActions.canAnnotate

        Rectangle {
            width: Theme.fontBody * 18
            height: Theme.fontBody * 1.8
            radius: Theme.radiusSmall
            color: Theme.panel
            border.color: annotationInput.activeFocus ? Theme.accent : Theme.borderStrong
            border.width: Theme.borderWidth

            TextInput {
                id: annotationInput

                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                verticalAlignment: TextInput.AlignVCenter
                color: Theme.textPrimary
                maximumLength: 500
                clip: true
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                onAccepted: annotateButton.clicked()
            }

            Text {
                anchors.fill: annotationInput
                verticalAlignment: Text.AlignVCenter
                visible: annotationInput.text.length === 0 && !annotationInput.activeFocus
                text: qsTr("Note for this moment…")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        ActionButton {
            id: annotateButton

            text: qsTr("Annotate")
            onClicked: {
                const at = root.playing ? TimeMachine.shownMs : Date.now();
                if (ConsoleActions.annotate(annotationInput.text, at))
                    annotationInput.text = "";
            }
        }
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
