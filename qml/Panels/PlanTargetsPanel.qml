pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Indicators

// The city's digital-government targets for 2025: per target its name, value against target with a
// progress bar and a percentage, and whether it is met, in glyph and words. Values and targets come
// with the indicators (plan.*). Targets are laid out in as many columns as they need to fit.
Panel {
    id: root

    // Indicator ids, in this order.
    property list<string> indicators: ["plan.5g_stations", "plan.mobile_services", "plan.online_services_rate",
        "plan.mobile_office_rate", "plan.cloud_systems_rate", "plan.data_catalogued_rate"]
    readonly property real itemMinHeight: Math.ceil(Theme.fontLabel * 1.35 + Theme.fontBody * 1.35 + Theme.progressHeight
                                                    + 2 * Theme.spacingSmall)
    readonly property int rowsThatFit: Math.max(1, Math.floor((root.contentItem.height + Theme.spacing)
                                                              / (root.itemMinHeight + Theme.spacing)))
    // Enough columns for every target, as long as a column stays wide enough for its name.
    readonly property int columns: Math.max(1, Math.min(Math.ceil(root.indicators.length / root.rowsThatFit),
                                                        Math.floor(root.contentItem.width / (Theme.fontBody * 11))))
    readonly property int rowsUsed: Math.max(1, Math.min(root.rowsThatFit, Math.ceil(root.indicators.length / root.columns)))
    readonly property int capacity: root.rowsThatFit * root.columns
    readonly property real itemWidth: (root.contentItem.width - (root.columns - 1) * Theme.spacingLarge) / root.columns
    readonly property real itemHeight: Math.min(root.itemMinHeight * 1.5,
                                                (root.contentItem.height - (root.rowsUsed - 1) * Theme.spacing) / root.rowsUsed)
    readonly property int arrivedCount: root.indicators.filter(id => root.hasArrived(id)).length
    property int metCount: 0

    // Reads count, so that bindings calling it are re-evaluated whenever an indicator arrives or the
    // model resets (the only times rows change).
    function hasArrived(id: string): bool {
        return Indicators.count > 0 && Indicators.rowOf(id) >= 0;
    }

    // Column-major: a column fills top to bottom before the next one starts.
    function slotX(slot: int): real {
        return Math.floor(slot / root.rowsUsed) * (root.itemWidth + Theme.spacingLarge);
    }

    function slotY(slot: int): real {
        return (slot % root.rowsUsed) * (root.itemHeight + Theme.spacing);
    }

    // Counted from the delegates (the model has no per-id lookup of values), once per batch of changes.
    function countMet() {
        let met = 0;
        for (let i = 0; i < targets.count; ++i) {
            const item = targets.itemAt(i);
            if (item && item.slot >= 0 && item.hasTarget && item.met)
                ++met;
        }
        root.metCount = met;
    }

    title: qsTr("Digital government targets 2025")
    subtitle: root.arrivedCount === 0 ? "" : (root.indicators.length > root.capacity
                                              ? qsTr("%1 of %2 shown · %3 met").arg(root.capacity).arg(root.indicators.length).arg(root.metCount)
                                              : qsTr("%1 of %2 met").arg(root.metCount).arg(root.indicators.length))
    subtitleColor: root.metCount === root.indicators.length ? Theme.good : Theme.accent
    empty: root.arrivedCount === 0
    emptyText: qsTr("No target values received yet")
    emptyDetail: root.indicators.length === 0 ? qsTr("No target chosen for this panel")
                                              : qsTr("Waiting for the plan indicators (plan.*)")
    dataMs: FeedHealth.indicatorLastMs
    stale: FeedHealth.indicatorStale

    // Listed targets not received yet keep their place and say so.
    Repeater {
        model: root.empty ? [] : root.indicators

        Column {
            id: waiting

            required property int index
            required property string modelData

            x: root.slotX(waiting.index)
            y: root.slotY(waiting.index)
            width: root.itemWidth
            visible: waiting.index < root.capacity && !root.hasArrived(waiting.modelData)
            spacing: Theme.spacingSmall

            Text {
                width: parent.width
                text: waiting.modelData
                color: Theme.textSecondary
                elide: Text.ElideMiddle
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                textFormat: Text.PlainText
            }

            Text {
                width: parent.width
                text: qsTr("… No data received yet")
                color: Theme.textMuted
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }
    }

    Repeater {
        id: targets

        model: Indicators
        onCountChanged: Qt.callLater(root.countMet)

        Item {
            id: item

            required property string indicatorId
            required property string name
            required property string unit
            required property real value
            required property real target
            required property bool hasTarget
            required property bool higherIsBetter
            readonly property int slot: root.indicators.indexOf(item.indicatorId)
            readonly property bool met: item.hasTarget && (item.higherIsBetter ? item.value >= item.target
                                                                                 : item.value <= item.target)
            // Of the target; a target not met never rounds up to 100 %.
            readonly property real percent: item.hasTarget && item.target !== 0 ? item.value / item.target * 100 : 0
            readonly property int percentShown: item.met ? Math.round(item.percent) : Math.floor(item.percent)

            x: root.slotX(item.slot)
            y: root.slotY(item.slot)
            width: root.itemWidth
            height: root.itemHeight
            visible: item.slot >= 0 && item.slot < root.capacity
            onMetChanged: Qt.callLater(root.countMet)
            onSlotChanged: Qt.callLater(root.countMet)
            Component.onCompleted: Qt.callLater(root.countMet)

            Text {
                id: nameText

                anchors.left: parent.left
                anchors.right: markText.left
                anchors.rightMargin: Theme.spacingSmall
                anchors.top: parent.top
                height: Theme.fontLabel * 1.35
                text: item.name.length > 0 ? item.name : item.indicatorId
                color: Theme.textPrimary
                // Long names shrink to fit before they are cut: an operator must read the whole name.
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.fontSmall * 0.8
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }

            Text {
                id: markText

                anchors.right: parent.right
                anchors.verticalCenter: nameText.verticalCenter
                text: !item.hasTarget ? qsTr("– No target") : (item.met ? qsTr("✔ Met") : qsTr("○ Not yet met"))
                color: !item.hasTarget ? Theme.textMuted : (item.met ? Theme.good : Theme.warning)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: item.met
                textFormat: Text.PlainText
            }

            Text {
                id: valueText

                anchors.left: parent.left
                anchors.right: percentText.left
                anchors.rightMargin: Theme.spacingSmall
                anchors.top: nameText.bottom
                text: item.hasTarget ? qsTr("%1 / %2 %3").arg(Labels.formatNumber(item.value)).arg(Labels.formatNumber(item.target)).arg(item.unit)
                                     : qsTr("%1 %2").arg(Labels.formatNumber(item.value)).arg(item.unit)
                color: Theme.textSecondary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
            }

            Text {
                id: percentText

                anchors.right: parent.right
                anchors.baseline: valueText.baseline
                visible: item.hasTarget
                text: qsTr("%1%").arg(item.percentShown)
                color: item.met ? Theme.good : Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }

            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: valueText.bottom
                anchors.topMargin: Theme.spacingSmall
                height: Theme.progressHeight
                radius: height / 2
                color: Theme.divider
                visible: item.hasTarget

                Rectangle {
                    width: parent.width * Math.max(0, Math.min(1, item.percent / 100))
                    height: parent.height
                    radius: parent.radius
                    color: item.met ? Theme.good : Theme.accent
                }
            }
        }
    }
}
