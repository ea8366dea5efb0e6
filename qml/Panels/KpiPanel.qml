pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Indicators

// The city's key indicators as a grid of tiles: every indicator in the preferred order, or only the
// listed ones in the listed order. Shows the first ones that fit and says how many are left out; a
// listed indicator that has not arrived yet keeps its place with a tile that says so.
Panel {
    id: root

    // Indicator ids to show, in this order; empty: every indicator.
    property list<string> indicators
    property int columns: 2
    readonly property bool filtered: root.indicators.length > 0
    // The tiles' places: every row of the model, or the listed ids.
    readonly property int slotCount: root.filtered ? root.indicators.length : Indicators.count
    // Listed ids that have arrived.
    readonly property int arrivedCount: root.filtered ? root.indicators.filter(id => root.hasArrived(id)).length
                                                      : Indicators.count
    readonly property int rowsThatFit: Math.max(1, Math.floor((root.contentItem.height + Theme.spacing)
                                                              / (Theme.kpiTileMinHeight + Theme.spacing)))
    readonly property int rowsUsed: Math.max(1, Math.min(root.rowsThatFit, Math.ceil(root.slotCount / root.columns)))
    readonly property int capacity: root.rowsThatFit * root.columns
    readonly property real tileWidth: (root.contentItem.width - (root.columns - 1) * Theme.spacing) / root.columns
    readonly property real tileHeight: Math.min(Theme.kpiTileMaxHeight,
                                                (root.contentItem.height - (root.rowsUsed - 1) * Theme.spacing) / root.rowsUsed)

    // Reads count, so that bindings calling it are re-evaluated whenever an indicator arrives or the
    // model resets (the only times rows change).
    function hasArrived(id: string): bool {
        return Indicators.count > 0 && Indicators.rowOf(id) >= 0;
    }

    function slotX(slot: int): real {
        return (slot % root.columns) * (root.tileWidth + Theme.spacing);
    }

    function slotY(slot: int): real {
        return Math.floor(slot / root.columns) * (root.tileHeight + Theme.spacing);
    }

    title: qsTr("City indicators")
    subtitle: root.slotCount > root.capacity ? qsTr("%1 of %2").arg(root.capacity).arg(root.slotCount) : ""
    empty: root.arrivedCount === 0
    emptyText: qsTr("No indicators received yet")
    emptyDetail: root.filtered ? qsTr("Waiting for %1 listed indicators").arg(root.indicators.length) : ""

    // Listed indicators not received yet: their place, their id and why it is empty.
    Repeater {
        model: root.filtered && !root.empty ? root.indicators : []

        Rectangle {
            id: waiting

            required property int index
            required property string modelData

            x: root.slotX(waiting.index)
            y: root.slotY(waiting.index)
            width: root.tileWidth
            height: root.tileHeight
            visible: waiting.index < root.capacity && !root.hasArrived(waiting.modelData)
            color: Theme.panelRaised
            radius: Theme.radiusSmall
            border.color: Theme.divider
            border.width: Theme.borderWidth

            Column {
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.spacingSmall

                Text {
                    width: parent.width
                    text: waiting.modelData
                    color: Theme.textSecondary
                    elide: Text.ElideMiddle
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                }

                Text {
                    width: parent.width
                    text: qsTr("… No data received yet")
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }
    }

    // Every indicator, placed at its slot: its row, or its position in the list (not shown if unlisted).
    Repeater {
        model: Indicators

        KpiTile {
            id: tile

            required property int index
            required property string indicatorId
            readonly property int slot: root.filtered ? root.indicators.indexOf(tile.indicatorId) : tile.index

            required name
            required unit
            required value
            required target
            required hasTarget
            required trend
            required trendIsGood
            required sparkline
            required higherIsBetter

            x: root.slotX(tile.slot)
            y: root.slotY(tile.slot)
            width: root.tileWidth
            height: root.tileHeight
            visible: tile.slot >= 0 && tile.slot < root.capacity
        }
    }
}
