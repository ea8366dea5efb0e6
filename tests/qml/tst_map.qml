import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Gis
import CityBrain.Wall

// The map's QML against the runner's map (tst_qml.cpp): the shipped districts, the open incidents and
// 50 sensors around 108.70E 34.33N. The districts are drawn, the scale bar follows the zoom, switching
// the sensors layer off takes its symbols away, the hover card tells what is under the mouse, the legend
// lists the four sensor statuses, and the console's mini map goes to and picks its incident.
Item {
    id: root

    width: 1600
    height: 1000

    CityMap {
        id: map

        width: 600
        height: 450
        labelPixelSize: 16
    }

    MapScaleBar {
        id: scaleBar

        x: 10
        y: 460
        map: map
    }

    MapFeatureCard {
        id: card

        map: map
    }

    MapLegend {
        id: legend

        x: 620
        y: 10
    }

    CityMap {
        id: sensorsOnly

        x: 620
        y: 420
        width: 400
        height: 300
        shownLayers: ["sensors"]
    }

    MiniMapPanel {
        id: mini

        x: 10
        y: 540
        width: 560
        height: 440
    }

    MapPanel {
        id: mapPanel

        x: 1040
        y: 10
        width: 550
        height: 640
        stale: false
    }

    SignalSpy {
        id: pickedSpy

        target: mini
        signalName: "picked"
    }

    TestCase {
        name: "Map"
        when: windowShown

        // The grid of sensors of the runner: index i at (108.65 + (i % 10) * 0.011, 34.31 + floor(i / 10) * 0.009).
        readonly property point sensor25: Qt.point(108.65 + 5 * 0.011, 34.31 + 2 * 0.009)

        // A flight ends exactly where it was sent (its easing slows the last pixels down).
        function settle(target: CityMap, lon: real, lat: real, zoom: real) {
            tryVerify(() => Math.abs(target.zoom - zoom) < 1e-6 && Math.abs(target.center.x - lon) < 1e-7
                      && Math.abs(target.center.y - lat) < 1e-7, 5000, "the flight ends");
        }

        function cleanup() {
            map.layers.setVisible("sensors", true);
            mouseMove(root, root.width - 5, root.height - 5);
        }

        function test_drawsTheDistricts() {
            map.fitCity(false);
            tryVerify(() => map.drawnLabels > 0, 5000, "the district names are drawn");
            tryVerify(() => map.drawnTiles > 0, 5000, "the district tiles are drawn");
            // The whole city fits: Xianyang's seat is inside the map.
            const seat = map.project(108.705, 34.333);
            verify(seat.x > 0 && seat.x < map.width && seat.y > 0 && seat.y < map.height);
        }

        function test_wallPanelShowsTheCity() {
            tryVerify(() => mapPanel.map.drawnLabels > 0, 5000, "the districts are drawn");
            compare(mapPanel.map.highlightedIncident, WallFocus.incidentId);
            // The wall's keys: + zooms in, 0 shows the whole city again.
            mapPanel.map.fitCity(false);
            const zoom = mapPanel.map.zoom;
            mapPanel.map.forceActiveFocus();
            keyClick(Qt.Key_Plus);
            tryVerify(() => Math.abs(mapPanel.map.zoom - zoom - 1) < 0.01, 3000, "+ zooms in");
            keyClick(Qt.Key_0);
            tryVerify(() => Math.abs(mapPanel.map.zoom - zoom) < 0.05, 5000, "0 fits the city");
            // Every overlay is inside the map and the layer list shows every layer.
            verify(findChild(mapPanel, "mapLayer-districts") !== null);
            verify(findChild(mapPanel, "mapLayer-incidents") !== null);
            verify(findChild(mapPanel, "legendSensor-offline").visible);
        }

        function test_focusedIncidentClearsTheFocusCard() {
            // With the focus card over the lower part of the map, the incident shows in the middle of
            // the part above it.
            const target = mapPanel.latitudeBelow(34.33, 100, 14);
            verify(target < 34.33);
            mapPanel.map.flyTo(108.72, target, 14);
            settle(mapPanel.map, 108.72, target, 14);
            const p = mapPanel.map.project(108.72, 34.33);
            fuzzyCompare(p.y, mapPanel.map.height / 2 - 100, 0.5);
            fuzzyCompare(p.x, mapPanel.map.width / 2, 0.5);
        }

        function test_scaleBarIsARoundDistance() {
            compare(scaleBar.niceDistance(1234), 1000);
            compare(scaleBar.niceDistance(2500), 2000);
            compare(scaleBar.niceDistance(999), 500);
            compare(scaleBar.niceDistance(1000), 1000);
            compare(scaleBar.niceDistance(7.5), 5);
            compare(scaleBar.niceDistance(0), 0);
            compare(MapLabels.distanceText(500), qsTr("%1 m").arg(500));
            compare(MapLabels.distanceText(2000), qsTr("%1 km").arg(2));
        }

        function test_scaleBarFollowsTheZoom() {
            map.fitCity(false);
            tryVerify(() => scaleBar.meters > 0);
            const before = scaleBar.label;
            const metersBefore = scaleBar.meters;
            verify(scaleBar.barWidth <= Theme.mapScaleBarWidth + 1);
            verify(scaleBar.barWidth >= Theme.mapScaleBarWidth / 2.5 - 1);
            map.zoomBy(3, Qt.point(map.width / 2, map.height / 2));
            tryVerify(() => scaleBar.label !== before, 3000, "the label changes when zooming in");
            verify(scaleBar.meters < metersBefore);
            verify(scaleBar.barWidth <= Theme.mapScaleBarWidth + 1);
        }

        function test_switchingTheSensorsOffRemovesTheirSymbols() {
            sensorsOnly.flyTo(108.70, 34.33, 12);
            settle(sensorsOnly, 108.70, 34.33, 12);
            tryVerify(() => sensorsOnly.drawnSymbols > 0, 5000, "the sensors are drawn");
            // The layers are shared: switching them on one map switches them on every map.
            verify(sensorsOnly.layers === map.layers);
            const panel = findChild(mapPanel, "mapLayer-sensors");
            verify(panel !== null, "the layer panel lists the sensors");
            mouseClick(panel);
            verify(!map.layers.isVisible("sensors"));
            tryCompare(sensorsOnly, "drawnSymbols", 0, 5000);
            map.layers.setVisible("sensors", true);
            tryVerify(() => sensorsOnly.drawnSymbols > 0, 5000, "they come back");
        }

        function test_hoverCardTellsWhatIsUnderTheMouse() {
            map.flyTo(sensor25.x, sensor25.y, 15);
            settle(map, sensor25.x, sensor25.y, 15);
            tryVerify(() => map.drawnSymbols > 0, 5000);
            const p = map.project(sensor25.x, sensor25.y);
            verify(p.x > 0 && p.x < map.width && p.y > 0 && p.y < map.height);
            mouseMove(map, p.x, p.y);
            tryCompare(card, "kind", "sensor", 3000);
            verify(card.visible);
            compare(card.featureId, "water-610404-125");
            compare(card.heading, "water-610404-125");
            verify(card.status >= 0);
            verify(card.lines.length > 0, "the latest readings");
            verify(card.trend.length > 1, "a trend for the sparkline");
            // Beside the cursor, inside the map.
            verify(card.x >= 0 && card.x + card.width <= map.width + 1);
            verify(card.y >= 0 && card.y + card.height <= map.height + 1);
            verify(!(p.x >= card.x && p.x <= card.x + card.width && p.y >= card.y && p.y <= card.y + card.height),
                   "the card does not cover the marker");

            // A district where there is no marker.
            const empty = map.project(sensor25.x + 0.0055, sensor25.y + 0.0045);
            mouseMove(map, empty.x, empty.y);
            tryCompare(card, "kind", "district", 3000);
            verify(card.heading.length > 0);
        }

        // Hovers over a lone marker and waits for the card to describe it.
        function hover(lon: real, lat: real, kind: string) {
            map.flyTo(lon, lat, 15);
            settle(map, lon, lat, 15);
            tryVerify(() => map.drawnSymbols > 0, 5000);
            const p = map.project(lon, lat);
            mouseMove(map, p.x, p.y);
            tryCompare(card, "kind", kind, 3000);
            verify(card.visible);
        }

        function test_hoverCardOfACameraSaysThereIsNoVideoYet() {
            hover(108.80, 34.40, "camera");
            compare(card.heading, "渭城区 测试路口 01");
            verify(card.lines.indexOf(qsTr("Stream: %1").arg("rtsp://demo.invalid/xy/cam-610404-001")) >= 0);
            compare(card.note, qsTr("Video not connected"));
        }

        function test_hoverCardOfAFeedsFeatureListsItsPropertiesAsText() {
            hover(108.80, 34.45, "feature");
            compare(card.heading, "<b>积水点</b> 1", "the name as it came, shown as plain text");
            verify(card.lines.indexOf("depth_cm: 40") >= 0);
            verify(card.lines.indexOf("source: 测试") >= 0);
            compare(card.subheading, qsTr("Layer %1").arg("flood"));
        }

        function test_hoverCardOfAnIncident() {
            hover(108.72, 34.33, "incident");
            compare(card.featureId, "INC-T-FIRE");
            compare(card.heading, "测试事件 INC-T-FIRE");
            compare(card.severity, 3);
            compare(card.priority, 1);
            compare(card.lifecycleState, "new");
            verify(card.reportedMs > 0);
        }

        function test_layerPanelCountsRejectedFeatures() {
            const flood = findChild(mapPanel, "mapLayer-flood");
            verify(flood !== null, "a feed's layer is listed under its id");
            compare(flood.featureCount, 1);
            compare(flood.rejected, 1);
            verify(map.layers.rejectedFeatures >= 1);
        }

        function test_legendListsTheFourSensorStatuses() {
            compare(legend.sensorLabels.length, 4);
            const names = ["normal", "warning", "alarm", "offline"];
            for (let i = 0; i < names.length; ++i) {
                const entry = findChild(legend, "legendSensor-" + names[i]);
                verify(entry !== null, names[i]);
                verify(entry.visible);
                compare(entry.label, MapLabels.sensorStatusLabel(names[i]));
                compare(entry.shape, Theme.sensorShapes[i]);
            }
            // Every label differs, and none is a severity's.
            for (let i = 0; i < 4; ++i) {
                for (let j = i + 1; j < 4; ++j)
                    verify(legend.sensorLabels[i] !== legend.sensorLabels[j]);
            }
            legend.showSensors = false;
            verify(!findChild(legend, "legendSensor-alarm").visible);
            legend.showSensors = true;
        }

        function test_miniMapGoesToItsIncidentAndPicksOnClick() {
            mini.selectedId = "INC-T-FIRE";
            mini.lon = 108.72;
            mini.lat = 34.33;
            settle(mini.map, 108.72, 34.33, mini.detailZoom);
            compare(mini.detailZoom, Theme.mapContextZoom, "no basemap: the neighbourhood, not the street");
            compare(mini.map.highlightedIncident, "INC-T-FIRE");
            verify(mini.map.shownLayers.indexOf("cameras") < 0);

            // Away, then back with Recentre.
            mini.map.panBy(200, 100);
            verify(Math.abs(mini.map.center.x - 108.72) > 1e-3);
            const recentre = findChild(mini, "miniMap-recentre");
            verify(recentre !== null);
            mouseClick(recentre);
            settle(mini.map, 108.72, 34.33, mini.detailZoom);

            // A click on the incident's marker picks it.
            pickedSpy.clear();
            tryVerify(() => mini.map.drawnSymbols > 0, 5000);
            const p = mini.map.project(108.72, 34.33);
            mouseClick(mini.map, p.x, p.y);
            tryCompare(pickedSpy, "count", 1, 3000);
            compare(pickedSpy.signalArguments[0][0], "INC-T-FIRE");
        }
    }
}
