import QtQuick
import CityBrain.Theme

// A monitoring alarm's readings around its trigger, small: the line in the alarm's colour, the moment
// the condition began (triggerMs) as a solid vertical line, and the line it crossed as a dashed
// horizontal line (rules only: an anomaly has no fixed line, its "threshold" is the usual value).
// The vertical range always includes the threshold, so "how far past the line" reads at a glance.
Canvas {
    id: root

    // The readings, x epoch ms and y value, oldest first.
    property list<point> points
    property real triggerMs: 0
    property real threshold: 0
    property bool showThreshold: true
    property color lineColor: Theme.accent
    property color triggerColor: Theme.textPrimary
    property color thresholdColor: Theme.textSecondary
    property real lineWidth: Math.max(1.5, Theme.chartLineWidth * 0.7)
    readonly property bool hasTrend: root.points.length > 1

    // A pause longer than three typical spacings (and at least 30 s) is a gap the line does not cross:
    // the sensor was silent then (the rule of the trend charts, IndicatorTrend::gapThresholdMs).
    function gapThreshold(): real {
        const pts = root.points;
        const spacings = [];
        for (let i = 1; i < pts.length; ++i)
            spacings.push(pts[i].x - pts[i - 1].x);
        if (spacings.length < 2)
            return Infinity;
        spacings.sort((a, b) => a - b);
        return Math.max(30000, 3 * spacings[Math.floor((spacings.length - 1) / 2)]);
    }

    // The value range drawn: x from the first reading (or the trigger) to the last, y over the readings
    // and the threshold with a little headroom. mapX() and mapY() place a reading in it.
    function bounds(): rect {
        const pts = root.points;
        let x0 = pts[0].x;
        let x1 = x0;
        let y0 = pts[0].y;
        let y1 = y0;
        for (let i = 1; i < pts.length; ++i) {
            x0 = Math.min(x0, pts[i].x);
            x1 = Math.max(x1, pts[i].x);
            y0 = Math.min(y0, pts[i].y);
            y1 = Math.max(y1, pts[i].y);
        }
        if (root.showThreshold && isFinite(root.threshold)) {
            y0 = Math.min(y0, root.threshold);
            y1 = Math.max(y1, root.threshold);
        }
        if (root.triggerMs > 0) {
            x0 = Math.min(x0, root.triggerMs);
            x1 = Math.max(x1, root.triggerMs);
        }
        if (y1 - y0 < 1e-9) {
            const half = Math.max(1, Math.abs(y0) * 0.1);
            y0 -= half;
            y1 += half;
        }
        const headroom = (y1 - y0) * 0.08;
        return Qt.rect(x0, y0 - headroom, Math.max(1, x1 - x0), y1 - y0 + 2 * headroom);
    }

    function mapX(range: rect, x: real): real {
        const pad = root.lineWidth;
        return pad + (x - range.x) / range.width * (root.width - 2 * pad);
    }

    function mapY(range: rect, y: real): real {
        const pad = root.lineWidth;
        return root.height - pad - (y - range.y) / range.height * (root.height - 2 * pad);
    }

    onPaint: {
        const ctx = getContext("2d");
        ctx.reset();
        if (!root.hasTrend || root.width <= 0 || root.height <= 0)
            return;
        const range = root.bounds();
        const pts = root.points;

        // The threshold, dashed by hand (one dash per 2.5 line widths).
        if (root.showThreshold && isFinite(root.threshold)) {
            const y = Math.round(root.mapY(range, root.threshold)) + 0.5;
            const dash = root.lineWidth * 3;
            ctx.beginPath();
            for (let x = 0; x < root.width; x += 2 * dash) {
                ctx.moveTo(x, y);
                ctx.lineTo(Math.min(root.width, x + dash), y);
            }
            ctx.strokeStyle = root.thresholdColor;
            ctx.lineWidth = Math.max(1, root.lineWidth * 0.7);
            ctx.stroke();
        }

        // The trigger moment.
        if (root.triggerMs > 0) {
            const x = Math.round(root.mapX(range, root.triggerMs)) + 0.5;
            ctx.beginPath();
            ctx.moveTo(x, 0);
            ctx.lineTo(x, root.height);
            ctx.strokeStyle = root.triggerColor;
            ctx.lineWidth = Math.max(1, root.lineWidth * 0.6);
            ctx.stroke();
        }

        ctx.beginPath();
        const gap = root.gapThreshold();
        for (let i = 0; i < pts.length; ++i) {
            const x = root.mapX(range, pts[i].x);
            const y = root.mapY(range, pts[i].y);
            if (i === 0 || pts[i].x - pts[i - 1].x > gap)
                ctx.moveTo(x, y);
            else
                ctx.lineTo(x, y);
        }
        ctx.strokeStyle = root.lineColor;
        ctx.lineWidth = root.lineWidth;
        ctx.lineJoin = "round";
        ctx.stroke();

        // The latest reading as a dot.
        const last = pts[pts.length - 1];
        ctx.beginPath();
        ctx.arc(root.mapX(range, last.x), root.mapY(range, last.y), root.lineWidth * 1.4, 0, 2 * Math.PI);
        ctx.fillStyle = root.lineColor;
        ctx.fill();
    }
    onPointsChanged: root.requestPaint()
    onTriggerMsChanged: root.requestPaint()
    onThresholdChanged: root.requestPaint()
    onShowThresholdChanged: root.requestPaint()
    onLineColorChanged: root.requestPaint()
    onWidthChanged: root.requestPaint()
    onHeightChanged: root.requestPaint()
}
