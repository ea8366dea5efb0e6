pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// The video surveillance feeds this wall is set up to show, as a grid of labelled tiles: the camera's
// name, district and stream address. Video is not decoded yet, and each tile says so, so that
// operators know which feeds the wall will show and that a dark tile is not a broken camera.
Panel {
    id: root

    // [{name, uri, district}] from the layout.
    property list<var> cameras
    property int columns: 3
    readonly property int columnsUsed: Math.max(1, Math.min(root.columns, root.cameras.length))
    readonly property real tileMinHeight: Math.ceil(Theme.fontBody * 1.4 + 3 * Theme.fontSmall * 1.4 + 2 * Theme.spacing)
    readonly property int rowsThatFit: Math.max(1, Math.floor((root.contentItem.height + Theme.spacing)
                                                              / (root.tileMinHeight + Theme.spacing)))
    readonly property int rowsUsed: Math.max(1, Math.min(root.rowsThatFit, Math.ceil(root.cameras.length / root.columnsUsed)))
    readonly property int capacity: root.rowsThatFit * root.columnsUsed
    readonly property real tileWidth: (root.contentItem.width - (root.columnsUsed - 1) * Theme.spacing) / root.columnsUsed
    readonly property real tileHeight: (root.contentItem.height - (root.rowsUsed - 1) * Theme.spacing) / root.rowsUsed

    title: qsTr("Video surveillance")
    subtitle: root.cameras.length > root.capacity ? qsTr("%1 of %2 cameras").arg(root.capacity).arg(root.cameras.length)
                                                  : qsTr("%1 cameras").arg(root.cameras.length)
    subtitleColor: Theme.textSecondary
    empty: root.cameras.length === 0
    emptyText: qsTr("No cameras configured")
    emptyDetail: qsTr("This layout lists no camera for this panel")
    // The tiles show the layout's configuration, not a feed's data: never out of date.
    stale: false

    Grid {
        anchors.fill: parent
        columns: root.columnsUsed
        spacing: Theme.spacing

        Repeater {
            model: root.cameras

            Rectangle {
                id: tile

                required property int index
                required property var modelData
                readonly property string name: tile.modelData.name === undefined ? "" : String(tile.modelData.name)
                readonly property string uri: tile.modelData.uri === undefined ? "" : String(tile.modelData.uri)
                readonly property string district: tile.modelData.district === undefined ? ""
                                                                                         : Labels.districtLabel(String(tile.modelData.district))

                width: root.tileWidth
                height: root.tileHeight
                visible: tile.index < root.capacity
                color: Theme.panelRaised
                radius: Theme.radiusSmall
                border.color: Theme.divider
                border.width: Theme.borderWidth
                clip: true

                // A camera drawn in outline: body, lens and the hood on top.
                Item {
                    id: glyph

                    anchors.centerIn: parent
                    width: Math.min(parent.width, parent.height) * 0.4
                    height: glyph.width * 0.7
                    opacity: 0.35

                    Rectangle {
                        x: glyph.width * 0.12
                        y: 0
                        width: glyph.width * 0.3
                        height: glyph.height * 0.2
                        radius: Theme.radiusSmall
                        color: "transparent"
                        border.color: Theme.textMuted
                        border.width: Theme.borderWidth * 2
                    }

                    Rectangle {
                        anchors.bottom: parent.bottom
                        width: glyph.width
                        height: glyph.height * 0.82
                        radius: Theme.radius
                        color: "transparent"
                        border.color: Theme.textMuted
                        border.width: Theme.borderWidth * 2

                        Rectangle {
                            anchors.centerIn: parent
                            width: parent.height * 0.6
                            height: width
                            radius: width / 2
                            color: "transparent"
                            border.color: Theme.textMuted
                            border.width: Theme.borderWidth * 2
                        }
                    }
                }

                Column {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingTiny

                    Text {
                        width: parent.width
                        text: tile.name
                        color: Theme.textPrimary
                        // A long name shrinks before it is cut.
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: Theme.fontSmall * 0.8
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        textFormat: Text.PlainText
                    }

                    Text {
                        width: parent.width
                        visible: tile.district.length > 0
                        text: tile.district
                        color: Theme.textSecondary
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }

                Column {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingTiny

                    Text {
                        width: parent.width
                        text: qsTr("Video not supported yet")
                        color: Theme.textMuted
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }

                    Text {
                        width: parent.width
                        text: tile.uri
                        color: Theme.textMuted
                        elide: Text.ElideMiddle
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }
            }
        }
    }
}
