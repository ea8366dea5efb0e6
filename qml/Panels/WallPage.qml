pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The panels of the page on now (WallPlaylist) that this window shows: each is its registry component,
// created with the layout's settings as its properties and placed on the layout's grid of cells. A panel
// that cannot be created says so in its place, so no cell is ever blank without a reason.
Item {
    id: root

    // The grid's rectangle on the wall canvas, and the canvas rectangle this window shows.
    property rect area
    property rect viewport
    readonly property alias model: pageModel

    WallPageModel {
        id: pageModel

        area: root.area
        viewport: root.viewport
        gap: Theme.margin
    }

    Repeater {
        model: pageModel

        delegate: Loader {
            id: slot

            required property string key
            required property string panel
            required property string source
            required property string title
            required property var settings
            required property real panelX
            required property real panelY
            required property real panelWidth
            required property real panelHeight

            x: slot.panelX
            y: slot.panelY
            width: slot.panelWidth
            height: slot.panelHeight

            Component.onCompleted: {
                const properties = Object.assign({}, slot.settings);
                if (slot.title.length > 0)
                    properties.title = slot.title;
                slot.setSource(slot.source, properties);
            }

            // Only when the component failed: the panel's place names it and why.
            Panel {
                anchors.fill: parent
                visible: slot.status === Loader.Error
                title: slot.panel
                empty: true
                stale: false
                emptyText: qsTr("This panel could not be shown")
                emptyDetail: qsTr("Panel '%1' failed to load; the log says why").arg(slot.panel)
            }
        }
    }
}
