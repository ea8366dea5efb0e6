pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Gis

// A map's layers (its CityMap.layers: the MapLayers every map view of this console shares): each one's
// title, how many features it has and, when its feed sent features with bad geometry, how many were
// rejected, with a switch (which switches the layer for every view). Compact, for a corner of the map;
// the header folds it to one line. A dynamic layer's title comes from its feed: plain text.
Rectangle {
    id: root

    property MapLayers layers
    property bool expanded: true
    readonly property int listedCount: list.count
    readonly property int rejectedTotal: root.layers ? root.layers.rejectedFeatures : 0

    implicitWidth: Theme.mapLayerPanelWidth
    implicitHeight: header.height + (root.expanded ? list.height + Theme.spacingSmall : 0) + 2 * Theme.spacingSmall
    radius: Theme.radiusSmall
    color: Theme.mapOverlay
    border.color: root.rejectedTotal > 0 ? Theme.warning : Theme.border
    border.width: Theme.borderWidth
    clip: true

    Item {
        id: header

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacingSmall
        height: headerText.implicitHeight

        Text {
            id: headerText

            anchors.left: parent.left
            anchors.right: rejectedText.left
            anchors.rightMargin: Theme.spacingSmall
            text: (root.expanded ? "▾ " : "▸ ") + qsTr("Layers")
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            id: rejectedText

            anchors.right: parent.right
            visible: root.rejectedTotal > 0
            width: visible ? implicitWidth : 0
            text: "⚠ " + qsTr("%1 rejected").arg(Labels.formatNumber(root.rejectedTotal))
            color: Theme.warning
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        MouseArea {
            anchors.fill: parent
            cursorShape: Qt.PointingHandCursor
            onClicked: root.expanded = !root.expanded
        }
    }

    ListView {
        id: list

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.topMargin: Theme.spacingSmall
        anchors.leftMargin: Theme.spacingSmall
        anchors.rightMargin: Theme.spacingSmall
        height: Math.min(list.contentHeight, Theme.mapLayerPanelMaxHeight)
        visible: root.expanded
        interactive: list.contentHeight > list.height
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        spacing: Theme.spacingTiny
        model: root.layers

        delegate: Item {
            id: row

            required property string layerId
            required property string title
            required property bool layerVisible
            required property int featureCount
            required property int rejected

            objectName: "mapLayer-" + row.layerId
            width: ListView.view.width
            height: Math.max(toggle.height, texts.implicitHeight)

            Rectangle {
                id: toggle

                anchors.left: parent.left
                anchors.top: parent.top
                anchors.topMargin: Math.max(0, (titleText.implicitHeight - height) / 2)
                width: Theme.mapLayerToggle
                height: Theme.mapLayerToggle
                radius: Theme.radiusSmall
                color: row.layerVisible ? Theme.accentStrong : "transparent"
                border.color: row.layerVisible ? Theme.accent : Theme.textMuted
                border.width: Theme.borderWidth

                Text {
                    anchors.centerIn: parent
                    visible: row.layerVisible
                    text: "✓"
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    textFormat: Text.PlainText
                }
            }

            Column {
                id: texts

                anchors.left: toggle.right
                anchors.leftMargin: Theme.spacingSmall
                anchors.right: parent.right

                Item {
                    width: parent.width
                    height: titleText.implicitHeight

                    Text {
                        id: titleText

                        anchors.left: parent.left
                        anchors.right: countText.left
                        anchors.rightMargin: Theme.spacingSmall
                        text: row.title.length > 0 ? row.title : row.layerId
                        color: row.layerVisible ? Theme.textPrimary : Theme.textMuted
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }

                    Text {
                        id: countText

                        anchors.right: parent.right
                        text: Labels.formatNumber(row.featureCount)
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }

                Text {
                    visible: row.rejected > 0
                    width: parent.width
                    text: "⚠ " + qsTr("%1 rejected (bad geometry)").arg(Labels.formatNumber(row.rejected))
                    color: Theme.warning
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: root.layers.setVisible(row.layerId, !row.layerVisible)
            }
        }
    }
}
