import QtQuick
import CityBrain.Theme

// A small heading inside a panel: "处置单位", "处置记录".
Text {
    topPadding: Theme.spacingSmall
    color: Theme.accent
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontSmall
    font.bold: true
    textFormat: Text.PlainText
}
