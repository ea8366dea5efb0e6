pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Indicators

// The city's key indicators as a grid of tiles, in arrival order; shows the first ones that fit.
Panel {
    id: root
    // Indicators have a feed of their own, with its own staleness threshold.
    dataMs: FeedHealth.indicatorLastMs
    stale: FeedHealth.indicatorStale

    property int columns: 2
    readonly property int rowsThatFit: Math.max(1, Math.floor((root.contentItem.height + Theme.spacing)
                                                              / (Theme.kpiTileMinHeight + Theme.spacing)))
    readonly property int rowsUsed: Math.max(1, Math.min(root.rowsThatFit, Math.ceil(Indicators.count / root.columns)))
    readonly property int capacity: root.rowsThatFit * root.columns
    readonly property real tileWidth: (root.contentItem.width - (root.columns - 1) * Theme.spacing) / root.columns
    readonly property real tileHeight: Math.min(Theme.kpiTileMaxHeight,
                                                (root.contentItem.height - (root.rowsUsed - 1) * Theme.spacing) / root.rowsUsed)

    title: qsTr("Key indicators")
    subtitle: Indicators.count > root.capacity ? qsTr("%1 of %2").arg(root.capacity).arg(Indicators.count) : ""
    empty: Indicators.count === 0
    emptyText: qsTr("No indicators received yet")

    Grid {
        anchors.fill: parent
        columns: root.columns
        spacing: Theme.spacing

        Repeater {
            model: Indicators

            KpiTile {
                required property int index
                required name
                required unit
                required value
                required target
                required hasTarget
                required trend
                required trendIsGood
                required sparkline
                required higherIsBetter

                width: root.tileWidth
                height: root.tileHeight
                visible: index < root.capacity
            }
        }
    }
}
