pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// A wall layout edit that did not load (WallPlaylist.layoutErrors): the layout in force stays on, and
// this banner says which file and what is wrong with it, line by line, until a good version is saved.
Rectangle {
    id: root

    readonly property int shownErrors: 3

    visible: WallPlaylist.layoutErrors.length > 0
    height: root.visible ? column.implicitHeight + 2 * Theme.spacing : 0
    color: Theme.panelRaised
    radius: Theme.radius
    border.color: Theme.warning
    border.width: Theme.accentWidth

    Column {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        Text {
            width: parent.width
            text: qsTr("▲ Layout %1 not reloaded (%n problem(s)); the layout in force stays", "",
                       WallPlaylist.layoutErrors.length).arg(WallPlaylist.layoutPath)
            color: Theme.warning
            elide: Text.ElideMiddle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            font.bold: true
            textFormat: Text.PlainText
        }

        Repeater {
            model: WallPlaylist.layoutErrors.slice(0, root.shownErrors)

            delegate: Text {
                required property string modelData

                width: column.width
                text: modelData
                color: Theme.textPrimary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
            }
        }
    }
}
