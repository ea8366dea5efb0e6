pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// A monitoring alarm's symbol beside text: a hollow square, with corner brackets around it while
// `unacknowledged`. It is not a map symbol: CityMap draws a sensor by its status (a filled square of
// Theme.sensorColors for an alarm) and a pulsing halo behind what is not acknowledged; MapLegend and
// MapSymbolGlyph show those.
Item {
    id: root

    property color color: Theme.textPrimary
    property bool unacknowledged: false
    readonly property real stroke: Math.max(2, Math.round(Theme.borderWidth * 2))
    readonly property real arm: Math.round(root.width * 0.3)

    implicitWidth: Theme.fontSmall
    implicitHeight: Theme.fontSmall

    Rectangle {
        anchors.centerIn: parent
        width: root.unacknowledged ? Math.round(root.width * 0.5) : Math.round(root.width * 0.7)
        height: width
        color: "transparent"
        border.color: root.color
        border.width: root.stroke
    }

    // Corner brackets: an arm along x and one along y at each corner.
    Repeater {
        model: root.unacknowledged ? 4 : 0

        Item {
            id: corner

            required property int index
            readonly property bool atRight: corner.index === 1 || corner.index === 2
            readonly property bool atBottom: corner.index >= 2

            anchors.fill: parent

            Rectangle {
                x: corner.atRight ? root.width - root.arm : 0
                y: corner.atBottom ? root.height - root.stroke : 0
                width: root.arm
                height: root.stroke
                color: root.color
            }

            Rectangle {
                x: corner.atRight ? root.width - root.stroke : 0
                y: corner.atBottom ? root.height - root.arm : 0
                width: root.stroke
                height: root.arm
                color: root.color
            }
        }
    }
}
