pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// The map's alarmed-sensor symbol for a legend: a hollow square, with corner brackets around it when
// `unacknowledged` (as DistrictMap draws them).
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
