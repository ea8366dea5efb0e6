import QtQuick
import CityBrain.Theme
import CityBrain.Gis

// Where the mouse is on the map (WGS-84 longitude and latitude, 5 decimals: about a metre) and the
// zoom; without a mouse over the map (the wall) only the zoom, small. When the basemap is in GCJ-02
// the map is drawn shifted to match it, and a line says so: the numbers stay WGS-84 (what the feeds
// send and what an operator reads out to a field unit).
Rectangle {
    id: root

    property CityMap map
    readonly property bool atCursor: root.map !== null && root.map.cursorInside
    readonly property bool gcj02: root.map !== null && root.map.displayDatum === "gcj02"
    readonly property string positionText: root.atCursor
                                           ? MapLabels.longitudeText(root.map.cursorCoordinate.x) + "  "
                                             + MapLabels.latitudeText(root.map.cursorCoordinate.y)
                                           : ""
    readonly property string zoomText: qsTr("Zoom %1").arg(root.map ? root.map.zoom.toFixed(1) : "—")

    implicitWidth: readout.implicitWidth + 2 * Theme.spacing
    implicitHeight: readout.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radiusSmall
    color: Theme.mapOverlay
    border.color: Theme.border
    border.width: Theme.borderWidth

    Column {
        id: readout

        anchors.centerIn: parent
        spacing: 0

        Text {
            objectName: "mapCoordinateText"
            anchors.right: parent.right
            visible: root.atCursor
            text: root.positionText
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            anchors.right: parent.right
            text: root.gcj02 ? root.zoomText + "  ·  " + qsTr("drawn in GCJ-02, coordinates WGS-84") : root.zoomText
            color: root.gcj02 ? Theme.warning : Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }
}
