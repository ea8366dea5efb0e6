pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Gis
import CityBrain.Wall

// The map beside a console's detail pane (CityMap, the same layers as the wall's): the districts, the
// sensors and the incidents around the selected incident, at street level over a basemap (without one,
// a little further out, so the district and the neighbours show), the incident ringed and its district
// outlined. The dispatcher may pan and zoom (drag, wheel, and the arrows, + and - once the
// map has the keyboard); "Recentre" goes back to the incident. A click on an incident selects it; a
// click on a cluster zooms in on it. The legend opens from its button.
Panel {
    id: root

    // The queue the console shows (its incidents are on the map with every other open one).
    property IncidentQueue queue
    property string selectedId
    property string district
    property real lon: 0
    property real lat: 0
    property bool hasPosition: root.lon !== 0 || root.lat !== 0
    // Set by G: a ring grows around the incident for a moment to draw the eye.
    property bool flash: false
    property bool legendOpen: false
    // Bumped when the map moved, so the flash ring follows it.
    property int viewRevision: 0
    readonly property alias map: cityMap
    // How close "Recentre" and a new selection go: street level over a basemap, else the neighbourhood.
    readonly property real detailZoom: cityMap.basemap.length > 0 && cityMap.basemapError.length === 0
                                       ? Theme.mapDetailZoom : Theme.mapContextZoom
    readonly property bool needsAttention: IncidentMarkers.pulsingCount > 0

    signal picked(string incidentId)

    // Back to the selected incident at detailZoom (the whole city when there is none or it has no
    // position).
    function recentre() {
        if (root.selectedId.length > 0 && root.hasPosition)
            cityMap.flyTo(root.lon, root.lat, root.detailZoom);
        else if (root.selectedId.length === 0 || !cityMap.flyToIncident(root.selectedId, root.detailZoom))
            cityMap.fitCity(true);
    }

    function attention() {
        root.flash = true;
        flashTimer.restart();
        root.recentre();
    }

    function point(lon: real, lat: real, revision: int): point {
        return revision >= 0 && cityMap.width > 0 ? cityMap.project(lon, lat) : Qt.point(-1000, -1000);
    }

    // A console's incidents stay readable and workable when the feed pauses: the connection is shown
    // above the desk (ConsoleView), and an action that cannot be sent says so.
    stale: false
    title: qsTr("Location")
    subtitle: root.district.length > 0 ? Labels.districtLabel(root.district) : ""
    empty: false

    onSelectedIdChanged: Qt.callLater(root.recentre)
    onLonChanged: Qt.callLater(root.recentre)
    onLatChanged: Qt.callLater(root.recentre)
    Component.onCompleted: Qt.callLater(root.recentre)

    Timer {
        id: flashTimer

        interval: 3000
        onTriggered: root.flash = false
    }

    CityMap {
        id: cityMap

        anchors.fill: parent
        // A click pans or opens a card but leaves the keys (J/K, arrows) to the queue.
        activeFocusOnTab: false
        shownLayers: ["districts", "outline", "sensors", "incidents"]
        highlightedDistrict: root.district
        highlightedIncident: root.selectedId
        // The console's offline basemap (empty: none) and the datum of its tiles.
        basemap: Session.basemap
        basemapDatum: Session.basemapDatum
        backgroundColor: Theme.mapBackground
        districtFill: Theme.mapFill
        districtBorder: Theme.mapBorder
        outlineColor: Theme.mapOutline
        highlightColor: Theme.mapHighlight
        labelColor: Theme.mapLabel
        areaColor: Theme.mapArea
        cameraColor: Theme.mapCamera
        clusterCentre: Theme.mapClusterCentre
        textColor: Theme.mapText
        severityColors: Theme.severityColors
        sensorColors: Theme.sensorColors
        fontFamily: Theme.fontFamily
        labelPixelSize: Theme.fontSmall
        markerScale: Theme.mapMiniMarkerScale
        onViewChanged: root.viewRevision++
        onFeatureClicked: feature => {
            if (feature.kind === "incident" && feature.id !== undefined)
                root.picked(feature.id);
        }
    }

    // The halos behind unacknowledged incidents: dim and bright again, only their opacity changes.
    SequentialAnimation {
        running: root.needsAttention && root.visible
        loops: Animation.Infinite
        onStopped: cityMap.pulse = 1

        NumberAnimation {
            target: cityMap
            property: "pulse"
            to: 0.25
            duration: Theme.mapPulseMs / 2
            easing.type: Easing.InOutSine
        }

        NumberAnimation {
            target: cityMap
            property: "pulse"
            to: 1
            duration: Theme.mapPulseMs / 2
            easing.type: Easing.InOutSine
        }
    }

    // The map has the keyboard (after a click on it): arrows pan it, not the queue.
    Rectangle {
        anchors.fill: cityMap
        visible: cityMap.activeFocus
        color: "transparent"
        border.color: Theme.accent
        border.width: Theme.borderWidth * 2
    }

    // G: a ring grows around the selected incident for a moment (the map's own ring stays).
    Rectangle {
        id: flashRing

        readonly property point at: root.point(root.lon, root.lat, root.viewRevision)

        visible: root.flash && root.selectedId.length > 0 && root.hasPosition
        x: flashRing.at.x - width / 2
        y: flashRing.at.y - height / 2
        width: Theme.mapFocusRing * 2
        height: width
        radius: width / 2
        color: "transparent"
        border.color: Theme.mapHighlight
        border.width: Theme.accentWidth

        SequentialAnimation on opacity {
            running: flashRing.visible
            loops: Animation.Infinite

            NumberAnimation {
                to: 0.3
                duration: Theme.mapPulseMs / 2
            }

            NumberAnimation {
                to: 1
                duration: Theme.mapPulseMs / 2
            }
        }
    }

    Text {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.spacingSmall
        visible: root.selectedId.length === 0 || !root.hasPosition
        text: root.selectedId.length === 0 ? qsTr("No incident selected") : qsTr("This incident has no position")
        color: Theme.textMuted
        style: Text.Outline
        styleColor: Theme.mapBackground
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    MapScaleBar {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        map: cityMap
    }

    // Recentre and the legend's switch, bottom right.
    Row {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        spacing: Theme.spacingSmall

        Repeater {
            model: ["legend", "recentre"]

            Rectangle {
                id: button

                required property string modelData
                readonly property bool isLegend: button.modelData === "legend"
                readonly property bool on: button.isLegend && root.legendOpen

                objectName: "miniMap-" + button.modelData
                width: buttonText.implicitWidth + 2 * Theme.spacing
                height: Theme.mapButtonSize
                radius: Theme.radiusSmall
                color: button.on ? Theme.selection : Theme.mapOverlay
                border.color: buttonArea.containsMouse || button.on ? Theme.accent : Theme.border
                border.width: Theme.borderWidth

                Text {
                    id: buttonText

                    anchors.centerIn: parent
                    text: button.isLegend ? "☰ " + qsTr("Legend") : "◎ " + qsTr("Recentre")
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                MouseArea {
                    id: buttonArea

                    anchors.fill: parent
                    hoverEnabled: true
                    cursorShape: Qt.PointingHandCursor
                    onClicked: {
                        if (button.isLegend)
                            root.legendOpen = !root.legendOpen;
                        else
                            root.recentre();
                    }
                }
            }
        }
    }

    MapLegend {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.mapButtonSize + 2 * Theme.spacingSmall
        anchors.rightMargin: Theme.spacingSmall
        visible: root.legendOpen
        showCameras: false
    }

    MapFeatureCard {
        map: cityMap
    }
}
