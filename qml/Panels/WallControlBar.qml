pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// A duty leader steers the video wall from the console: which page it shows (the wall's playlist moves on
// from there, or stays when pinned) and releasing an incident from focus. Sent as the retained wall
// control (ConsoleActions.showPage, focusWall), which every node of the wall follows.
Rectangle {
    id: root

    property bool pin: WallPlaylist.pinned

    signal notify(text: string, tone: string)

    function show(pageId: string, title: string) {
        if (ConsoleActions.showPage(pageId, root.pin))
            root.notify(root.pin ? qsTr("Video wall pinned to %1").arg(title) : qsTr("Video wall shows %1").arg(title),
                        "info");
        else
            root.notify(qsTr("The wall did not change: %1").arg(ConsoleActions.lastRefusal), "error");
    }

    implicitHeight: row.implicitHeight + 2 * Theme.spacingSmall
    color: Theme.panel
    radius: Theme.radius
    border.color: Theme.border
    border.width: Theme.borderWidth

    Row {
        id: row

        anchors.left: parent.left
        anchors.leftMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacing

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: WallPlaylist.focusMode ? qsTr("Video wall: ◎ incident in focus")
                                         : qsTr("Video wall: %1").arg(WallPlaylist.pageTitle)
            color: WallPlaylist.focusMode ? Theme.alarm : Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: true
            textFormat: Text.PlainText
        }

        Repeater {
            model: WallPlaylist.pageIds

            delegate: ChoiceChip {
                required property string modelData
                required property int index

                anchors.verticalCenter: parent.verticalCenter
                number: index + 1
                text: WallPlaylist.pageTitles[index] ?? modelData
                chosen: !WallPlaylist.focusMode && WallPlaylist.pageId === modelData
                onClicked: root.show(modelData, text)
            }
        }

        ChoiceChip {
            anchors.verticalCenter: parent.verticalCenter
            text: root.pin ? qsTr("■ Pinned") : qsTr("▶ Playlist")
            chosen: root.pin
            onClicked: root.pin = !root.pin
        }

        ActionButton {
            anchors.verticalCenter: parent.verticalCenter
            visible: WallFocus.incidentId.length > 0
            text: qsTr("Release focus")
            onClicked: {
                if (ConsoleActions.focusWall(""))
                    root.notify(qsTr("The wall returns to its playlist"), "info");
            }
        }
    }
}
