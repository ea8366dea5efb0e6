import QtQuick
import CityBrain.Theme

// One of the map's marker symbols, drawn the way CityMap draws it (modules/gis/mapsymbols.cpp), for
// the legend, the layer list and the hover card: a legend must show exactly what the map shows.
// Shapes: dot, ringedDot, triangle, diamond, square, hollowRing, camera, cluster (a ring split into
// arcs by `shares`, most severe first clockwise from 12 o'clock, in `ringColors`, around a dark disc
// with `count` in it) and halo (the soft ring behind a pulsing marker).
Canvas {
    id: root

    property string shape: "dot"
    property color fill: Theme.textPrimary
    property color outline: Theme.mapClusterCentre
    // Cluster only: members per category 0..3 and the category colours.
    property list<int> shares: [1, 1, 1, 1]
    property list<color> ringColors: Theme.sensorColors
    property string count

    implicitWidth: Theme.mapLegendSymbol
    implicitHeight: Theme.mapLegendSymbol

    function paintMarker(ctx: var, side: real) {
        const pen = Math.max(1, side / 10);
        const box = side - pen;
        const c = side / 2;
        const r = box / 2;
        const left = c - r;
        const top = c - r;
        ctx.lineWidth = pen;
        ctx.lineJoin = "round";
        ctx.strokeStyle = root.outline;
        ctx.fillStyle = root.fill;
        ctx.beginPath();
        switch (root.shape) {
        case "ringedDot":
            ctx.arc(c, c, r, 0, 2 * Math.PI);
            ctx.fill();
            ctx.stroke();
            ctx.beginPath();
            ctx.arc(c, c, r * 0.55, 0, 2 * Math.PI);
            ctx.stroke();
            return;
        case "triangle":
            ctx.moveTo(c, top);
            ctx.lineTo(left + box, top + box - r * 0.14);
            ctx.lineTo(left, top + box - r * 0.14);
            ctx.closePath();
            break;
        case "diamond":
            ctx.moveTo(c, top);
            ctx.lineTo(left + box, c);
            ctx.lineTo(c, top + box);
            ctx.lineTo(left, c);
            ctx.closePath();
            break;
        case "square": {
            const half = r * 0.82;
            ctx.rect(c - half, c - half, 2 * half, 2 * half);
            break;
        }
        case "hollowRing":
            // The ring only: the map shows through the middle.
            ctx.arc(c, c, r, 0, 2 * Math.PI);
            ctx.moveTo(c + r * 0.55, c);
            ctx.arc(c, c, r * 0.55, 0, 2 * Math.PI, true);
            break;
        case "camera": {
            const bodyTop = top + box * 0.28;
            const bodyHeight = box * 0.58;
            ctx.rect(left, bodyTop, box, bodyHeight);
            ctx.rect(left + box * 0.18, top + box * 0.14, box * 0.26, box * 0.16);
            ctx.fill();
            ctx.stroke();
            ctx.beginPath();
            ctx.fillStyle = root.outline;
            ctx.arc(c, bodyTop + bodyHeight / 2, bodyHeight * 0.3, 0, 2 * Math.PI);
            ctx.fill();
            return;
        }
        default:
            ctx.arc(c, c, r, 0, 2 * Math.PI);
            break;
        }
        ctx.fill();
        ctx.stroke();
    }

    function paintCluster(ctx: var, side: real) {
        const c = side / 2;
        const radius = side / 2;
        const ring = side * 0.16;
        ctx.beginPath();
        ctx.fillStyle = root.outline;
        ctx.arc(c, c, radius - ring + 0.5, 0, 2 * Math.PI);
        ctx.fill();
        let total = 0;
        for (let i = 0; i < root.shares.length; ++i)
            total += Math.max(0, root.shares[i]);
        let before = 0;
        ctx.lineWidth = ring;
        for (let category = 3; category >= 0 && total > 0; --category) {
            const n = category < root.shares.length ? Math.max(0, root.shares[category]) : 0;
            if (n === 0)
                continue;
            const from = -Math.PI / 2 + before / total * 2 * Math.PI;
            before += n;
            const to = -Math.PI / 2 + before / total * 2 * Math.PI;
            ctx.beginPath();
            ctx.strokeStyle = root.ringColors[Math.min(category, root.ringColors.length - 1)];
            ctx.arc(c, c, radius - ring / 2, from, to);
            ctx.stroke();
        }
        if (root.count.length > 0) {
            ctx.fillStyle = Theme.mapText;
            ctx.font = "bold " + Math.round(side * 0.4) + "px \"" + Theme.fontFamily + "\"";
            ctx.textAlign = "center";
            ctx.textBaseline = "middle";
            ctx.fillText(root.count, c, c);
        }
    }

    function paintHalo(ctx: var, side: real) {
        const c = side / 2;
        const gradient = ctx.createRadialGradient(c, c, 0, c, c, c);
        const clear = Qt.rgba(root.fill.r, root.fill.g, root.fill.b, 0);
        gradient.addColorStop(0.0, clear);
        gradient.addColorStop(0.4, clear);
        gradient.addColorStop(0.55, Qt.rgba(root.fill.r, root.fill.g, root.fill.b, 0.35));
        gradient.addColorStop(0.7, root.fill);
        gradient.addColorStop(1.0, clear);
        ctx.beginPath();
        ctx.fillStyle = gradient;
        ctx.arc(c, c, c, 0, 2 * Math.PI);
        ctx.fill();
    }

    onPaint: {
        const ctx = getContext("2d");
        ctx.reset();
        const side = Math.min(root.width, root.height);
        if (side <= 0)
            return;
        ctx.save();
        ctx.translate((root.width - side) / 2, (root.height - side) / 2);
        if (root.shape === "cluster")
            root.paintCluster(ctx, side);
        else if (root.shape === "halo")
            root.paintHalo(ctx, side);
        else
            root.paintMarker(ctx, side);
        ctx.restore();
    }
    onShapeChanged: root.requestPaint()
    onFillChanged: root.requestPaint()
    onOutlineChanged: root.requestPaint()
    onSharesChanged: root.requestPaint()
    onRingColorsChanged: root.requestPaint()
    onCountChanged: root.requestPaint()
    onWidthChanged: root.requestPaint()
    onHeightChanged: root.requestPaint()
}
