pragma ComponentBehavior: Bound
import QtQuick
import QtCharts
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Indicators

// Live trend of one or two indicators: the first on the left axis, the second on the right.
Panel {
    id: root
    // Indicators have a feed of their own, with its own staleness threshold.
    stale: FeedHealth.indicatorStale

    property string primaryId: "air.aqi"
    // Empty for a single-series chart.
    property string secondaryId: "traffic.congestion"
    readonly property bool hasSecondary: root.secondaryId.length > 0
    readonly property int pointCount: primaryTrend.pointCount + (root.hasSecondary ? secondaryTrend.pointCount : 0)
    readonly property int timeTicks: 6
    // The time axis in epoch ms; its labels are drawn below in Beijing time (DateTimeAxis would
    // format in the machine's zone).
    property real axisFirstMs: 0
    property real axisLastMs: 0

    function seriesName(trend: IndicatorTrend, fallback: string): string {
        const name = trend.name.length > 0 ? trend.name : fallback;
        return trend.unit.length > 0 ? qsTr("%1 (%2)").arg(name).arg(trend.unit) : name;
    }

    // Headroom above and below the series.
    function applyRange(axis: ValueAxis, trend: IndicatorTrend) {
        if (trend.pointCount === 0)
            return;
        const span = trend.maxValue - trend.minValue;
        // At least 5 % of the value, so that noise on a steady series does not fill the height.
        const pad = Math.max(span * 0.1, Math.abs(trend.maxValue) * 0.05, 0.5);
        const low = trend.minValue - pad;
        axis.min = trend.minValue >= 0 && low < 0 ? 0 : low;
        axis.max = trend.maxValue + pad;
        // Enough decimals that no two tick labels read the same.
        const step = (axis.max - axis.min) / (axis.tickCount - 1);
        axis.labelFormat = step >= 2 ? "%.0f" : (step >= 0.2 ? "%.1f" : "%.2f");
    }

    function refresh() {
        let first = primaryTrend.pointCount > 0 ? primaryTrend.firstMs : Number.MAX_VALUE;
        let last = primaryTrend.pointCount > 0 ? primaryTrend.lastMs : 0;
        if (root.hasSecondary && secondaryTrend.pointCount > 0) {
            first = Math.min(first, secondaryTrend.firstMs);
            last = Math.max(last, secondaryTrend.lastMs);
        }
        if (last <= 0)
            return;
        // At least a minute of axis so that the first points do not fill the width.
        first = Math.min(first, last - 60 * 1000);
        timeAxis.min = new Date(first);
        timeAxis.max = new Date(last);
        root.axisFirstMs = first;
        root.axisLastMs = last;
        root.applyRange(primaryAxis, primaryTrend);
        if (root.hasSecondary)
            root.applyRange(secondaryAxis, secondaryTrend);
    }

    title: qsTr("Live trend")
    subtitle: root.hasSecondary ? "" : root.seriesName(primaryTrend, root.primaryId)
    empty: root.pointCount === 0
    emptyText: qsTr("No trend data received yet")
    dataMs: Math.max(primaryTrend.lastMs, root.hasSecondary ? secondaryTrend.lastMs : 0)

    IndicatorTrend {
        id: primaryTrend

        indicatorId: root.primaryId
        onPointsChanged: {
            primaryTrend.fill(primarySeries);
            root.refresh();
        }
    }

    IndicatorTrend {
        id: secondaryTrend

        indicatorId: root.secondaryId
        onPointsChanged: {
            if (!root.hasSecondary)
                return;
            secondaryTrend.fill(secondarySeries);
            root.refresh();
        }
    }

    ChartView {
        id: chart

        anchors.fill: parent
        anchors.margins: -Theme.spacing
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
            labelsColor: Theme.seriesColors[0]
            labelsFont.family: Theme.fontFamily
            labelsFont.pixelSize: Theme.fontSmall
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
            labelsColor: Theme.seriesColors[1]
            labelsFont.family: Theme.fontFamily
            labelsFont.pixelSize: Theme.fontSmall
            gridVisible: false
            color: Theme.chartAxis
        }

        LineSeries {
            id: primarySeries

            name: root.seriesName(primaryTrend, root.primaryId)
            axisX: timeAxis
            axisY: primaryAxis
            color: Theme.seriesColors[0]
            width: Theme.chartLineWidth
        }

        LineSeries {
            id: secondarySeries

            name: root.seriesName(secondaryTrend, root.secondaryId)
            visible: root.hasSecondary
            axisX: timeAxis
            axisYRight: secondaryAxis
            color: Theme.seriesColors[1]
            width: Theme.chartLineWidth
            style: Qt.DashLine
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
            text: Labels.beijingClock(root.axisFirstMs + (root.axisLastMs - root.axisFirstMs) * tickLabel.fraction)
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }
}
