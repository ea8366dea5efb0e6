import QtQuick
import CityBrain.Theme

// North is up on every map of CityBrain (they never rotate): an arrow, half filled like a compass
// needle, under the letter for north ("北").
Rectangle {
    id: root

    implicitWidth: Math.max(Theme.mapNorthArrowSize * 0.6, letter.implicitWidth) + 2 * Theme.spacingSmall
    implicitHeight: letter.implicitHeight + Theme.mapNorthArrowSize * 0.7 + 2 * Theme.spacingSmall
    radius: Theme.radiusSmall
    color: Theme.mapOverlay
    border.color: Theme.border
    border.width: Theme.borderWidth

    Text {
        id: letter

        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: Theme.spacingSmall
        text: qsTr("N")
        color: Theme.textPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
        textFormat: Text.PlainText
    }

    Canvas {
        id: arrow

        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: letter.bottom
        width: Math.round(Theme.mapNorthArrowSize * 0.45)
        height: Math.round(Theme.mapNorthArrowSize * 0.7)

        onPaint: {
            const ctx = getContext("2d");
            ctx.reset();
            const w = arrow.width;
            const h = arrow.height;
            const line = Math.max(1, Theme.borderWidth * 1.5);
            ctx.lineWidth = line;
            ctx.lineJoin = "round";
            ctx.strokeStyle = Theme.textPrimary;
            // The left half filled, the right half outlined: a needle reads as pointing up.
            ctx.beginPath();
            ctx.moveTo(w / 2, line);
            ctx.lineTo(w / 2, h * 0.72);
            ctx.lineTo(line, h - line);
            ctx.closePath();
            ctx.fillStyle = Theme.textPrimary;
            ctx.fill();
            ctx.stroke();
            ctx.beginPath();
            ctx.moveTo(w / 2, line);
            ctx.lineTo(w - line, h - line);
            ctx.lineTo(w / 2, h * 0.72);
            ctx.closePath();
            ctx.stroke();
        }
        onWidthChanged: arrow.requestPaint()
        onHeightChanged: arrow.requestPaint()
    }
}
