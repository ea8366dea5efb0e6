pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Incidents

// What is around the incident in focus (IncidentDetail, which follows the wall's focus): the cameras
// within radiusKm as labelled tiles with their distance, then the sensors nearest first with their
// status (the map's symbol and its word) and headline reading.
Panel {
    id: root

    // Registry setting "radius_km".
    property real radiusKm: 2
    readonly property bool hasIncident: IncidentDetail.incidentId.length > 0 && IncidentDetail.exists
    readonly property alias nearby: nearby
    readonly property alias cameraGrid: cameraGrid
    readonly property alias sensorList: sensorList
    readonly property string radiusText: MapLabels.distanceText(root.radiusKm * 1000)
    readonly property real tileWidth: Math.max(Theme.fontBody * 7, (root.contentItem.width - Theme.spacingSmall) / 2)
    readonly property real tileHeight: Theme.fontBody * 2.9
    readonly property real sensorRowHeight: Theme.fontBody * 1.6

    // Whole metres below a kilometre: a tile has no room for decimetres.
    function distanceLabel(meters: real): string {
        return MapLabels.distanceText(meters >= 1000 ? meters : Math.round(meters));
    }

    title: qsTr("Near the incident")
    subtitle: root.hasIncident ? qsTr("within %1").arg(root.radiusText) : ""
    dataMs: nearby.dataMs > 0 ? nearby.dataMs : FeedHealth.lastMessageMs
    empty: !root.hasIncident || !nearby.hasPosition || (nearby.cameraCount === 0 && nearby.sensorCount === 0)
    emptyText: !root.hasIncident ? qsTr("No incident in focus")
             : !nearby.hasPosition ? qsTr("The incident has no location")
             : qsTr("No cameras or sensors within %1").arg(root.radiusText)
    emptyDetail: !root.hasIncident ? qsTr("A duty leader puts an incident in focus from a console") : ""

    FocusNearby {
        id: nearby

        lon: root.hasIncident ? IncidentDetail.lon : 0
        lat: root.hasIncident ? IncidentDetail.lat : 0
        radiusKm: root.radiusKm
    }

    component SectionLine: Text {
        width: parent ? parent.width : 0
        color: Theme.textSecondary
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
        textFormat: Text.PlainText
    }

    Item {
        anchors.fill: parent
        visible: !root.empty

        SectionLine {
            id: cameraHead

            anchors.top: parent.top
            text: nearby.cameraCount > 0
                  ? (nearby.cameraCount > cameraGrid.count
                     ? qsTr("Cameras · %1 nearest of %2").arg(cameraGrid.count).arg(nearby.cameraCount)
                     : qsTr("Cameras · %1").arg(nearby.cameraCount))
                  : qsTr("No cameras within %1").arg(root.radiusText)
        }

        GridView {
            id: cameraGrid

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: cameraHead.bottom
            anchors.topMargin: Theme.spacingTiny
            // Up to two rows of tiles, less when there are few.
            height: Math.min(2 * root.tileHeight, Math.ceil(cameraGrid.count / Math.max(1, Math.floor(cameraGrid.width / root.tileWidth)))
                             * root.tileHeight)
            clip: true
            interactive: false
            // Nothing scrolls into view: no rows built ahead (a model reset would cancel them half-built).
            cacheBuffer: 0
            cellWidth: cameraGrid.width / Math.max(1, Math.floor(cameraGrid.width / root.tileWidth))
            cellHeight: root.tileHeight
            model: nearby.cameras

            delegate: Rectangle {
                id: tile

                required property string name
                required property real distanceM

                width: cameraGrid.cellWidth - Theme.spacingSmall
                height: cameraGrid.cellHeight - Theme.spacingSmall
                radius: Theme.radiusSmall
                color: Theme.panelRaised
                border.color: Theme.border
                border.width: Theme.borderWidth

                MapSymbolGlyph {
                    id: cameraGlyph

                    anchors.left: parent.left
                    anchors.leftMargin: Theme.spacingSmall
                    anchors.verticalCenter: parent.verticalCenter
                    shape: "camera"
                    fill: Theme.mapCamera
                }

                Column {
                    anchors.left: cameraGlyph.right
                    anchors.right: parent.right
                    anchors.margins: Theme.spacingSmall
                    anchors.verticalCenter: parent.verticalCenter

                    Text {
                        width: parent.width
                        text: tile.name
                        color: Theme.textPrimary
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }

                    Text {
                        width: parent.width
                        text: root.distanceLabel(tile.distanceM)
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                        textFormat: Text.PlainText
                    }
                }
            }
        }

        SectionLine {
            id: sensorHead

            anchors.top: cameraGrid.bottom
            anchors.topMargin: Theme.spacingSmall
            text: nearby.sensorCount === 0 ? qsTr("No sensors within %1").arg(root.radiusText)
                : nearby.sensorAlertCount > 0 ? qsTr("Sensors · %1 · %2 in warning or alarm").arg(nearby.sensorCount).arg(nearby.sensorAlertCount)
                : qsTr("Sensors · %1").arg(nearby.sensorCount)
            color: nearby.sensorAlertCount > 0 ? Theme.warning : Theme.textSecondary
        }

        ListView {
            id: sensorList

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: sensorHead.bottom
            anchors.bottom: parent.bottom
            anchors.topMargin: Theme.spacingTiny
            clip: true
            interactive: false
            // Nothing scrolls into view: no rows built ahead (a model reset would cancel them half-built).
            cacheBuffer: 0
            model: nearby.sensors

            delegate: Item {
                id: sensorRow

                required property string name
                required property string domain
                required property string status
                required property string metric
                required property real value
                required property real distanceM
                readonly property int category: Math.max(0, Theme.sensorStatusIndex(sensorRow.status))

                width: sensorList.width
                height: root.sensorRowHeight

                MapSymbolGlyph {
                    id: statusGlyph

                    anchors.left: parent.left
                    anchors.verticalCenter: parent.verticalCenter
                    shape: Theme.sensorShapes[sensorRow.category]
                    fill: Theme.sensorColor(sensorRow.category)
                }

                Text {
                    id: sensorName

                    anchors.left: statusGlyph.right
                    anchors.leftMargin: Theme.spacingSmall
                    anchors.right: reading.left
                    anchors.rightMargin: Theme.spacingSmall
                    anchors.verticalCenter: parent.verticalCenter
                    // The status in words where it is not normal: the glyph is not the only cue.
                    text: (sensorRow.status !== "normal" ? MapLabels.sensorStatusLabel(sensorRow.status) + " · " : "")
                          + MapLabels.domainLabel(sensorRow.domain) + " " + sensorRow.name
                    color: sensorRow.status === "normal" ? Theme.textPrimary : Theme.sensorColor(sensorRow.category)
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                Text {
                    id: reading

                    anchors.right: distance.left
                    anchors.rightMargin: Theme.spacingSmall
                    anchors.verticalCenter: parent.verticalCenter
                    text: sensorRow.metric.length > 0 ? MapLabels.readingText(sensorRow.metric, sensorRow.value) : ""
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    textFormat: Text.PlainText
                }

                Text {
                    id: distance

                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    width: Theme.fontSmall * 4
                    horizontalAlignment: Text.AlignRight
                    text: root.distanceLabel(sensorRow.distanceM)
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }
    }
}
