import QtQuick
import CityBrain.Theme

// An SLA countdown: the ring empties as the milestone's deadline nears (remaining time over the whole
// budget). Green above half, orange above a fifth, then red; overdue it is a full red ring with "!"
// that pulses, so it reads without its colour; met, a full green ring with a tick. Inactive (no
// milestone pending) it is an empty track.
Item {
    id: root

    property real deadlineMs: 0
    property real budgetMs: 0
    property bool breached: false
    // Counting: the incident has a milestone still to come.
    property bool active: root.budgetMs > 0 && root.deadlineMs > 0
    property real nowMs: Clock.nowMs
    property real lineWidth: Theme.slaRingWidth
    // The milestone was met: a full ring with a tick.
    property bool done: false

    readonly property real remainingMs: root.deadlineMs - root.nowMs
    readonly property bool overdue: !root.done && root.active && (root.breached || root.remainingMs < 0)
    readonly property real fraction: !root.active || root.overdue ? 0
                                                                  : Math.max(0, Math.min(1, root.remainingMs / root.budgetMs))
    readonly property color ringColor: root.done ? Theme.good
                                                 : (root.active ? Theme.slaColor(root.fraction, root.overdue) : Theme.slaTrack)

    implicitWidth: Theme.slaRingSize
    implicitHeight: Theme.slaRingSize

    onFractionChanged: canvas.requestPaint()
    onRingColorChanged: canvas.requestPaint()
    onOverdueChanged: canvas.requestPaint()
    onDoneChanged: canvas.requestPaint()
    onLineWidthChanged: canvas.requestPaint()

    Canvas {
        id: canvas

        anchors.fill: parent
        antialiasing: true
        onPaint: {
            const ctx = canvas.getContext("2d");
            ctx.reset();
            const r = Math.min(canvas.width, canvas.height) / 2 - root.lineWidth / 2;
            const cx = canvas.width / 2;
            const cy = canvas.height / 2;
            ctx.lineWidth = root.lineWidth;
            ctx.lineCap = "butt";
            ctx.strokeStyle = Theme.slaTrack;
            ctx.beginPath();
            ctx.arc(cx, cy, r, 0, 2 * Math.PI, false);
            ctx.stroke();
            const share = root.overdue || root.done ? 1 : root.fraction;
            if (share <= 0)
                return;
            // From 12 o'clock, clockwise over the remaining share.
            ctx.strokeStyle = root.ringColor;
            ctx.beginPath();
            ctx.arc(cx, cy, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * share, false);
            ctx.stroke();
        }
    }

    Text {
        anchors.centerIn: parent
        visible: root.overdue || root.done
        text: root.done ? "✓" : "!"
        color: root.ringColor
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLabel
        font.bold: true
        textFormat: Text.PlainText
    }

    SequentialAnimation on opacity {
        running: root.overdue
        loops: Animation.Infinite
        alwaysRunToEnd: true
        NumberAnimation { to: 0.35; duration: Theme.alarmFlashMs }
        NumberAnimation { to: 1.0; duration: Theme.alarmFlashMs }
    }
}
