pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Gis
import CityBrain.Wall

// The wall's city map (CityMap): Xianyang's districts, the incidents, sensors, cameras and any GIS
// layer the feeds add, clustered where they crowd, with a legend of the symbols, the layer list, a scale
// bar, a north arrow, the cursor's coordinates and a card for what the mouse is over. It follows the
// wall's focus: when a leader puts an incident in focus the map flies to it (street level over a
// basemap, else a little further out) and rings it, and when the focus is released it shows the whole
// city again. Halos behind unacknowledged incidents pulse.
// With the keyboard: arrows pan, + and - zoom, 0 shows the whole city.
Panel {
    id: root

    property string highlightedDistrict
    // The layers this map shows (layout setting "layers"); empty: every layer of the console.
    property list<string> layers
    // Whether the map flies to the incident a leader puts in focus (layout setting "follow_focus").
    property bool followFocus: true
    // The focused incident the map went to ("" when none), and whether it is still waiting for that
    // incident to reach the map (the focus can arrive before the incident's first event).
    property string followedIncident
    property bool focusPending: false
    // Pixels at the bottom of the map that something over it hides (the wall's focus card, which Main
    // lays over the map's lower part): the focused incident is centred in the part above.
    property real bottomInset: 0
    // Bumped when the layers change (visibility too), so the legend re-reads which layers are on.
    property int layerRevision: 0
    readonly property alias map: cityMap
    // How close the map goes to a focused incident: street level over a basemap, else the neighbourhood.
    readonly property real focusZoom: cityMap.basemap.length > 0 && cityMap.basemapError.length === 0
                                      ? Theme.mapFocusZoom : Theme.mapContextZoom
    // Something on the map waits for a person: the halos pulse.
    readonly property bool needsAttention: IncidentMarkers.pulsingCount > 0

    function layerShown(layerId: string, revision: int): bool {
        return revision >= 0 && cityMap.layers !== null && cityMap.layers.isVisible(layerId);
    }

    // The latitude to centre on at `zoom` so that `lat` shows `pixels` above the centre (Web Mercator).
    function latitudeBelow(lat: real, pixels: real, zoom: real): real {
        const worldPixels = 256 * Math.pow(2, zoom);
        const y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) - pixels * 2 * Math.PI / worldPixels;
        return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180 / Math.PI;
    }

    function goToFocus(again: bool) {
        const id = root.followFocus ? WallFocus.incidentId : "";
        if (id.length > 0) {
            if (id === root.followedIncident && !root.focusPending && !again)
                return;
            root.followedIncident = id;
            // Only an incident on the map (open, with a place) can be flown to; one that is not there
            // yet is waited for.
            root.focusPending = !cityMap.flyToIncident(id, root.focusZoom);
            const incident = IncidentMarkers.incident(id);
            if (!root.focusPending && root.bottomInset > 0 && incident.lat !== undefined) {
                cityMap.flyTo(incident.lon, root.latitudeBelow(incident.lat, root.bottomInset / 2, root.focusZoom),
                              root.focusZoom);
            }
        } else if (root.followedIncident.length > 0) {
            root.followedIncident = "";
            root.focusPending = false;
            cityMap.fitCity(true);
        }
    }

    title: qsTr("Xianyang city overview")
    subtitle: qsTr("%1 open incidents").arg(Incidents.openCount)
    subtitleColor: Incidents.openCount > 0 ? Theme.warning : Theme.good
    // The map itself is always worth showing; with no incidents a line on it says so.
    empty: false

    onBottomInsetChanged: root.goToFocus(true)
    Component.onCompleted: root.goToFocus(false)

    Connections {
        target: WallFocus

        function onChanged() {
            root.goToFocus(false);
        }
    }

    Connections {
        target: IncidentMarkers
        enabled: root.focusPending

        function onChanged() {
            root.goToFocus(false);
        }
    }

    Connections {
        target: cityMap.layers

        function onLayersChanged() {
            root.layerRevision++;
        }
    }

    CityMap {
        id: cityMap

        anchors.fill: parent
        // The wall has no other keyboard use: the map takes the keys.
        focus: true
        highlightedDistrict: root.highlightedDistrict
        highlightedIncident: root.followFocus ? WallFocus.incidentId : ""
        shownLayers: root.layers
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
        labelPixelSize: Theme.fontBody
        markerScale: Theme.mapMarkerScale
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

    MapNorthArrow {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.spacingSmall
    }

    // Why the map may look empty, and a basemap that did not open.
    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: Theme.spacingSmall
        spacing: Theme.spacingTiny

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: Incidents.count === 0 && SensorAlarms.activeCount === 0
            text: qsTr("No incidents on the map")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            textFormat: Text.PlainText
        }

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: cityMap.basemapError.length > 0
            width: Math.min(implicitWidth, cityMap.width * 0.5)
            text: "⚠ " + qsTr("Basemap not shown: %1").arg(cityMap.basemapError)
            color: Theme.warning
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }

    MapLayerPanel {
        layers: cityMap.layers
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacingSmall
    }

    MapLegend {
        id: legend

        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        showIncidents: root.layerShown("incidents", root.layerRevision)
        showSensors: root.layerShown("sensors", root.layerRevision)
        showCameras: root.layerShown("cameras", root.layerRevision)
        showHeat: root.layerShown("heat", root.layerRevision)
        heatWindowHours: IncidentMarkers.heatWindowHours
    }

    MapScaleBar {
        id: scaleBar

        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingSmall
        map: cityMap
    }

    MapCoordinates {
        anchors.right: parent.right
        anchors.bottom: scaleBar.top
        anchors.margins: Theme.spacingSmall
        map: cityMap
    }

    MapFeatureCard {
        map: cityMap
    }
}
