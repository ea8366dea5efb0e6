pragma ComponentBehavior: Bound
import QtQuick
import QtCharts
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Indicators

// Live trend of one to four indicators over the last `hours`. Series with the same unit share a value
// axis: the first unit on the left, the second on the right; a series with a third unit is not drawn
// and a note says so. Indicators without a unit (indices such as AQI) are not comparable with each
// other, so each gets its own axis. Dashed horizontal lines mark the layout's thresholds (left axis)
// and each indicator's own target; leaders' annotations are dashed vertical lines.
Panel {
    id: root

    // 1..4 indicator ids (more are ignored).
    property list<string> indicators: ["air.aqi", "traffic.congestion"]
    // The time window shown, back from the newest value.
    property real hours: 1
    // Horizontal lines on the left axis: [{value, label}].
    property list<var> thresholds
    readonly property int maxSeries: 4
    readonly property list<QtObject> slots: [slot0, slot1, slot2, slot3]
    // The units in list order, one per value axis ("#id" for an indicator without a unit); only
    // indicators that have values count.
    readonly property list<string> unitKeys: {
        const keys = [];
        for (const slot of [slot0, slot1, slot2, slot3]) {
            if (slot.unitKey.length > 0 && !keys.includes(slot.unitKey))
                keys.push(slot.unitKey);
        }
        return keys;
    }
    readonly property bool hasSecondary: root.unitKeys.length > 1
    readonly property alias leftAxis: primaryAxis
    readonly property alias rightAxis: secondaryAxis
    // Names of the series left out for want of an axis.
    readonly property list<string> notShown: [slot0, slot1, slot2, slot3].filter(s => s.axisIndex > 1).map(s => s.title)
    readonly property int pointCount: slot0.probe.pointCount + slot1.probe.pointCount + slot2.probe.pointCount
                                      + slot3.probe.pointCount
    readonly property int timeTicks: 6
    // The time axis in epoch ms; its labels are drawn below in Beijing time (DateTimeAxis would
    // format in the machine's zone).
    property real axisFirstMs: 0
    property real axisLastMs: 0

    function seriesName(trend: IndicatorTrend, fallback: string): string {
        const name = trend.name.length > 0 ? trend.name : fallback;
        return trend.unit.length > 0 ? Labels.fill(qsTr("%1 (%2)"), [name, trend.unit]) : name;
    }

    // The unit key's axis: 0 left, 1 right, 2 and more not drawn; -1 without values.
    function axisOf(unitKey: string): int {
        return unitKey.length > 0 ? root.unitKeys.indexOf(unitKey) : -1;
    }

    function axisAt(axisIndex: int): ValueAxis {
        return axisIndex === 1 ? secondaryAxis : primaryAxis;
    }

    // Where a value lies on an axis, in the panel's content (NaN when outside the axis).
    function yOf(value: real, axisIndex: int): real {
        const axis = root.axisAt(axisIndex);
        const fraction = (value - axis.min) / Math.max(1e-9, axis.max - axis.min);
        if (!(fraction >= 0 && fraction <= 1))
            return NaN;
        return chart.y + chart.plotArea.y + chart.plotArea.height * (1 - fraction);
    }

    // Headroom above and below the series, the targets and the thresholds of one axis.
    function applyRange(axis: ValueAxis, axisIndex: int) {
        let low = Number.MAX_VALUE;
        let high = -Number.MAX_VALUE;
        for (const slot of [slot0, slot1, slot2, slot3]) {
            if (slot.axisIndex !== axisIndex || slot.probe.pointCount === 0)
                continue;
            low = Math.min(low, slot.probe.minValue);
            high = Math.max(high, slot.probe.maxValue);
        }
        if (low > high)
            return;
        for (let i = 0; i < targetLines.count; ++i) {
            const line = targetLines.itemAt(i);
            if (line && line.shown && line.axisIndex === axisIndex) {
                low = Math.min(low, line.value);
                high = Math.max(high, line.value);
            }
        }
        if (axisIndex === 0) {
            for (const threshold of root.thresholds) {
                low = Math.min(low, Number(threshold.value));
                high = Math.max(high, Number(threshold.value));
            }
        }
        const span = high - low;
        // At least 5 % of the value, so that noise on a steady series does not fill the height.
        const pad = Math.max(span * 0.1, Math.abs(high) * 0.05, 0.5);
        axis.min = low >= 0 && low - pad < 0 ? 0 : low - pad;
        axis.max = high + pad;
        // Enough decimals that no two tick labels read the same.
        const step = (axis.max - axis.min) / (axis.tickCount - 1);
        axis.labelFormat = step >= 2 ? "%.0f" : (step >= 0.2 ? "%.1f" : "%.2f");
    }

    function refresh() {
        let first = Number.MAX_VALUE;
        let last = 0;
        for (const slot of [slot0, slot1, slot2, slot3]) {
            if (slot.axisIndex < 0 || slot.axisIndex > 1)
                continue;
            first = Math.min(first, slot.probe.firstMs);
            last = Math.max(last, slot.probe.lastMs);
        }
        if (last <= 0)
            return;
        // The window (the trends hold only its values), but no wider than the data, and at least a
        // minute of axis so that the first points do not fill the width.
        first = Math.max(first, last - root.hours * 3600 * 1000);
        first = Math.min(first, last - 60 * 1000);
        timeAxis.min = new Date(first);
        timeAxis.max = new Date(last);
        root.axisFirstMs = first;
        root.axisLastMs = last;
        root.applyRange(primaryAxis, 0);
        if (root.hasSecondary)
            root.applyRange(secondaryAxis, 1);
    }

    function tickText(ms: real): string {
        // Over a day, the same clock time comes back: say which day.
        if (root.axisLastMs - root.axisFirstMs > 24 * 3600 * 1000)
            return Labels.beijingDate(ms).substring(5, 10) + " " + Labels.beijingTime(ms);
        return Labels.beijingClock(ms);
    }

    title: qsTr("Trend")
    subtitle: root.indicators.length === 1 ? root.seriesName(slot0.probe, slot0.indicatorId) : ""
    empty: root.pointCount === 0
    emptyText: qsTr("No trend data received yet")
    emptyDetail: root.indicators.length === 0 ? qsTr("No indicator chosen for this chart") : ""
    dataMs: Math.max(slot0.probe.lastMs, slot1.probe.lastMs, slot2.probe.lastMs, slot3.probe.lastMs)
    // Indicators have a feed of their own, with its own staleness threshold.
    stale: FeedHealth.indicatorStale
    onHoursChanged: root.refresh()
    onThresholdsChanged: root.refresh()
    onHasSecondaryChanged: root.refresh()

    // One indicator of the chart: `probe` reads its values; the indicator is drawn by the left or
    // the right series (the other one is empty and hidden), whichever its axis is.
    component SeriesSlot: QtObject {
        id: slot

        property string indicatorId
        property int axisIndex: -1
        property real windowMs
        required property LineSeries leftSeries
        required property LineSeries rightSeries
        readonly property string unitKey: slot.probe.pointCount === 0 ? ""
                                                                      : (slot.probe.unit.length > 0 ? slot.probe.unit : "#" + slot.indicatorId)
        readonly property string title: slot.probe.name.length > 0 ? slot.probe.name : slot.indicatorId

        readonly property IndicatorTrend probe: IndicatorTrend {
            indicatorId: slot.indicatorId
            windowMs: slot.windowMs
            onPointsChanged: slot.redrawn()
        }
        readonly property IndicatorTrend left: IndicatorTrend {
            id: left

            indicatorId: slot.axisIndex === 0 ? slot.indicatorId : ""
            windowMs: slot.windowMs
            onPointsChanged: {
                left.fill(slot.leftSeries);
                slot.redrawn();
            }
        }
        readonly property IndicatorTrend right: IndicatorTrend {
            id: right

            indicatorId: slot.axisIndex === 1 ? slot.indicatorId : ""
            windowMs: slot.windowMs
            onPointsChanged: {
                right.fill(slot.rightSeries);
                slot.redrawn();
            }
        }

        signal redrawn
    }

    // A dashed horizontal line across the plot at `value` on its axis, labelled on the right.
    component ThresholdLine: Item {
        id: line

        property real value
        property string label
        property int axisIndex: 0
        property color lineColor: Theme.textSecondary
        property bool shown: true
        readonly property real lineY: root.yOf(line.value, line.axisIndex)

        x: chart.x + chart.plotArea.x
        y: line.lineY - line.height / 2
        width: chart.plotArea.width
        height: Theme.borderWidth * 2
        visible: line.shown && chart.visible && !isNaN(line.lineY)

        Row {
            anchors.fill: parent
            spacing: Theme.spacingSmall
            clip: true

            Repeater {
                model: Math.ceil(line.width / (Theme.spacing + Theme.spacingSmall))

                Rectangle {
                    width: Theme.spacing
                    height: line.height
                    color: line.lineColor
                }
            }
        }

        Text {
            anchors.right: parent.right
            anchors.bottom: parent.top
            width: Math.min(implicitWidth, line.width)
            text: line.label
            color: line.lineColor
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }

    SeriesSlot {
        id: slot0

        indicatorId: root.indicators.length > 0 ? root.indicators[0] : ""
        axisIndex: root.axisOf(slot0.unitKey)
        leftSeries: left0
        rightSeries: right0
        windowMs: root.hours * 3600 * 1000
        onRedrawn: root.refresh()
    }

    SeriesSlot {
        id: slot1

        indicatorId: root.indicators.length > 1 ? root.indicators[1] : ""
        axisIndex: root.axisOf(slot1.unitKey)
        leftSeries: left1
        rightSeries: right1
        windowMs: root.hours * 3600 * 1000
        onRedrawn: root.refresh()
    }

    SeriesSlot {
        id: slot2

        indicatorId: root.indicators.length > 2 ? root.indicators[2] : ""
        axisIndex: root.axisOf(slot2.unitKey)
        leftSeries: left2
        rightSeries: right2
        windowMs: root.hours * 3600 * 1000
        onRedrawn: root.refresh()
    }

    SeriesSlot {
        id: slot3

        indicatorId: root.indicators.length > 3 ? root.indicators[3] : ""
        axisIndex: root.axisOf(slot3.unitKey)
        leftSeries: left3
        rightSeries: right3
        windowMs: root.hours * 3600 * 1000
        onRedrawn: root.refresh()
    }

    Text {
        id: note

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        visible: root.notShown.length > 0 && !root.empty
        height: visible ? implicitHeight : 0
        text: qsTr("⚠ Not drawn, a third unit: %1").arg(root.notShown.join(qsTr(", ")))
        color: Theme.warning
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    ChartView {
        id: chart

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: note.bottom
        anchors.bottom: parent.bottom
        anchors.margins: -Theme.spacing
        anchors.topMargin: note.visible ? 0 : -Theme.spacing
        visible: !root.empty
        antialiasing: true
        backgroundColor: Theme.chartBackground
        plotAreaColor: Theme.chartBackground
        backgroundRoundness: 0
        dropShadowEnabled: false
        margins.top: 0
        margins.bottom: Math.round(Theme.fontSmall * 1.6)
        margins.left: 0
        margins.right: 0
        legend.visible: true
        legend.alignment: Qt.AlignTop
        legend.labelColor: Theme.textSecondary
        legend.font.family: Theme.fontFamily
        legend.font.pixelSize: Theme.fontBody

        DateTimeAxis {
            id: timeAxis

            format: "HH:mm:ss"
            tickCount: root.timeTicks
            labelsVisible: false
            gridLineColor: Theme.chartGrid
            color: Theme.chartAxis
        }

        ValueAxis {
            id: primaryAxis

            min: 0
            max: 1
            tickCount: 5
            labelFormat: "%.0f"
            labelsColor: Theme.textSecondary
            labelsFont.family: Theme.fontFamily
            labelsFont.pixelSize: Theme.fontSmall
            titleText: root.unitKeys.length > 0 && !root.unitKeys[0].startsWith("#") ? root.unitKeys[0] : ""
            titleVisible: titleText.length > 0
            titleBrush: Theme.textSecondary
            titleFont.family: Theme.fontFamily
            titleFont.pixelSize: Theme.fontSmall
            gridLineColor: Theme.chartGrid
            color: Theme.chartAxis
        }

        ValueAxis {
            id: secondaryAxis

            min: 0
            max: 1
            tickCount: 5
            labelFormat: "%.1f"
            visible: root.hasSecondary
            labelsColor: Theme.textSecondary
            labelsFont.family: Theme.fontFamily
            labelsFont.pixelSize: Theme.fontSmall
            titleText: root.unitKeys.length > 1 && !root.unitKeys[1].startsWith("#") ? root.unitKeys[1] : ""
            titleVisible: titleText.length > 0
            titleBrush: Theme.textSecondary
            titleFont.family: Theme.fontFamily
            titleFont.pixelSize: Theme.fontSmall
            gridVisible: false
            color: Theme.chartAxis
        }

        // Each indicator has a colour and a line style of its own (not told apart by colour alone),
        // drawn by its left or right series.
        LineSeries {
            id: left0

            name: root.seriesName(slot0.probe, slot0.indicatorId)
            visible: slot0.axisIndex === 0
            axisX: timeAxis
            axisY: primaryAxis
            color: Theme.seriesColors[0]
            width: Theme.chartLineWidth
        }

        LineSeries {
            id: right0

            name: left0.name
            visible: slot0.axisIndex === 1
            axisX: timeAxis
            axisYRight: secondaryAxis
            color: left0.color
            width: left0.width
        }

        LineSeries {
            id: left1

            name: root.seriesName(slot1.probe, slot1.indicatorId)
            visible: slot1.axisIndex === 0
            axisX: timeAxis
            axisY: primaryAxis
            color: Theme.seriesColors[1]
            width: Theme.chartLineWidth
            style: Qt.DashLine
        }

        LineSeries {
            id: right1

            name: left1.name
            visible: slot1.axisIndex === 1
            axisX: timeAxis
            axisYRight: secondaryAxis
            color: left1.color
            width: left1.width
            style: left1.style
        }

        LineSeries {
            id: left2

            name: root.seriesName(slot2.probe, slot2.indicatorId)
            visible: slot2.axisIndex === 0
            axisX: timeAxis
            axisY: primaryAxis
            color: Theme.severityColors[1]
            width: Theme.chartLineWidth
            style: Qt.DotLine
        }

        LineSeries {
            id: right2

            name: left2.name
            visible: slot2.axisIndex === 1
            axisX: timeAxis
            axisYRight: secondaryAxis
            color: left2.color
            width: left2.width
            style: left2.style
        }

        LineSeries {
            id: left3

            name: root.seriesName(slot3.probe, slot3.indicatorId)
            visible: slot3.axisIndex === 0
            axisX: timeAxis
            axisY: primaryAxis
            color: Theme.anomaly
            width: Theme.chartLineWidth
            style: Qt.DashDotLine
        }

        LineSeries {
            id: right3

            name: left3.name
            visible: slot3.axisIndex === 1
            axisX: timeAxis
            axisYRight: secondaryAxis
            color: left3.color
            width: left3.width
            style: left3.style
        }
    }

    // The layout's thresholds, on the left axis.
    Repeater {
        id: thresholdLines

        model: root.thresholds

        ThresholdLine {
            id: thresholdLine

            required property var modelData

            value: Number(thresholdLine.modelData.value)
            label: {
                const text = thresholdLine.modelData.label === undefined ? "" : String(thresholdLine.modelData.label);
                const number = Labels.formatNumber(thresholdLine.value);
                return text.length > 0 ? Labels.fill(qsTr("%1 %2"), [text, number]) : number;
            }
            axisIndex: 0
            lineColor: Theme.textSecondary
        }
    }

    // Each drawn indicator's own target, on its axis.
    Repeater {
        id: targetLines

        model: Indicators

        ThresholdLine {
            id: targetLine

            required property string indicatorId
            required property string name
            required property string unit
            required property real target
            required property bool hasTarget
            readonly property int slotIndex: root.indicators.indexOf(targetLine.indicatorId)

            value: targetLine.target
            label: Labels.fill(qsTr("%1: target %2 %3"), [targetLine.name, Labels.formatNumber(targetLine.target), targetLine.unit])
            axisIndex: targetLine.slotIndex >= 0 && targetLine.slotIndex < root.maxSeries
                       ? root.slots[targetLine.slotIndex].axisIndex : -1
            shown: targetLine.hasTarget && (targetLine.axisIndex === 0 || targetLine.axisIndex === 1)
            lineColor: Theme.good
            onShownChanged: root.refresh()
            onValueChanged: root.refresh()
        }
    }

    // Leaders' annotations inside the shown time range: a dashed line at the moment, the note on top.
    Repeater {
        model: chart.visible ? Annotations : null

        Item {
            id: mark

            required property double atMs
            required property string text
            required property string author
            readonly property real fraction: (mark.atMs - root.axisFirstMs) / Math.max(1, root.axisLastMs - root.axisFirstMs)

            visible: mark.fraction >= 0 && mark.fraction <= 1
            x: chart.x + chart.plotArea.x + chart.plotArea.width * mark.fraction
            y: chart.y + chart.plotArea.y
            width: Theme.borderWidth * 2
            height: chart.plotArea.height

            Column {
                anchors.fill: parent
                spacing: Theme.spacingSmall
                clip: true

                Repeater {
                    model: Math.floor(mark.height / (Theme.spacing * 1.5))

                    Rectangle {
                        width: mark.width
                        height: Theme.spacing
                        color: Theme.warning
                    }
                }
            }

            Text {
                anchors.left: parent.right
                anchors.leftMargin: Theme.spacingSmall
                anchors.top: parent.top
                width: Math.min(implicitWidth, Theme.fontBody * 16)
                text: mark.text
                color: Theme.warning
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }
    }

    // Beijing-time labels under the DateTimeAxis ticks (evenly spaced from min to max).
    Repeater {
        model: chart.visible && root.axisLastMs > root.axisFirstMs ? root.timeTicks : 0

        Text {
            id: tickLabel

            required property int index
            readonly property real fraction: tickLabel.index / (root.timeTicks - 1)

            x: chart.x + Math.max(0, Math.min(chart.width - tickLabel.width,
                                              chart.plotArea.x + chart.plotArea.width * tickLabel.fraction - tickLabel.width / 2))
            y: chart.y + chart.plotArea.y + chart.plotArea.height + Theme.spacingSmall
            text: root.tickText(root.axisFirstMs + (root.axisLastMs - root.axisFirstMs) * tickLabel.fraction)
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }
}
