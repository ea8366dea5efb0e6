import QtQuick
import CityBrain.Theme
import CityBrain.Gis

// The map's scale at its centre: a bar as long as the longest round distance (1, 2 or 5 × 10^n
// metres) that fits in maxWidth pixels, labelled "500 m" or "2 km". Web Mercator stretches with
// latitude, so the bar is true at the centre's latitude (across a city the difference is small).
Rectangle {
    id: root

    property CityMap map
    property real maxWidth: Theme.mapScaleBarWidth
    readonly property real metersPerPixel: root.map ? root.map.metersPerPixel : 0
    readonly property real meters: root.niceDistance(root.metersPerPixel * root.maxWidth)
    readonly property real barWidth: root.metersPerPixel > 0 ? Math.round(root.meters / root.metersPerPixel) : 0
    readonly property string label: MapLabels.distanceText(root.meters)

    // The longest 1, 2 or 5 × 10^n not longer than maxMeters (0 when there is no scale).
    function niceDistance(maxMeters: real): real {
        if (!(maxMeters > 0) || !isFinite(maxMeters))
            return 0;
        // The small epsilon keeps an exact 1000 from becoming 999.99... and then 500.
        const power = Math.pow(10, Math.floor(Math.log10(maxMeters) + 1e-9));
        const steps = [5, 2, 1];
        for (let i = 0; i < steps.length; ++i) {
            if (steps[i] * power <= maxMeters * (1 + 1e-9))
                return steps[i] * power;
        }
        return power;
    }

    visible: root.meters > 0
    implicitWidth: Math.max(root.barWidth, labelText.implicitWidth) + 2 * Theme.spacing
    implicitHeight: labelText.implicitHeight + Theme.spacingTiny + Theme.mapScaleBarThickness * 3 + 2 * Theme.spacingSmall
    radius: Theme.radiusSmall
    color: Theme.mapOverlay
    border.color: Theme.border
    border.width: Theme.borderWidth

    Text {
        id: labelText

        anchors.horizontalCenter: bar.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: Theme.spacingSmall
        text: root.label
        color: Theme.textPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
        textFormat: Text.PlainText
    }

    // The bar with end ticks, like a ruler.
    Item {
        id: bar

        anchors.left: parent.left
        anchors.leftMargin: Theme.spacing
        anchors.top: labelText.bottom
        anchors.topMargin: Theme.spacingTiny
        width: root.barWidth
        height: Theme.mapScaleBarThickness * 3

        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Theme.mapScaleBarThickness
            color: Theme.textPrimary
        }

        Rectangle {
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Theme.mapScaleBarThickness
            color: Theme.textPrimary
        }

        Rectangle {
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: Theme.mapScaleBarThickness
            color: Theme.textPrimary
        }
    }
}
