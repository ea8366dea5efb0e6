import QtQuick
import CityBrain.Theme

// Beijing time, large, with the date and weekday in the UI language: the wall's shared Clock, so it
// changes in the same frame as every panel's data age. It shows no feed's data, so it is never stale.
Panel {
    id: root

    property bool showDate: true
    property bool showSeconds: true
    readonly property string timeText: root.showSeconds ? Labels.beijingClock(Clock.nowMs) : Labels.beijingTime(Clock.nowMs)
    readonly property string dateText: root.showDate ? qsTr("%1 · Beijing time").arg(Labels.beijingDate(Clock.nowMs))
                                                     : qsTr("Beijing time")

    title: qsTr("Beijing time")
    dataMs: Clock.nowMs
    stale: false

    Text {
        id: time

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: date.top
        text: root.timeText
        color: Theme.textPrimary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // As large as the panel allows, never cut.
        fontSizeMode: Text.Fit
        minimumPixelSize: Theme.fontSmall
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTitle * 3
        font.bold: true
        textFormat: Text.PlainText
    }

    Text {
        id: date

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        text: root.dateText
        color: Theme.textSecondary
        horizontalAlignment: Text.AlignHCenter
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.fontSmall * 0.8
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLabel
        textFormat: Text.PlainText
    }
}
