import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Wall
import CityBrain.Incidents

// The wall's summary and focus panels against the runner's small city (tst_qml.cpp): the district
// ranking, the incidents by state and priority, what is near the incident in focus and its response
// checklist, each at about its size on a 1080p wall (a 24 x 12 grid of 80 x 90 px cells).
Item {
    id: root

    width: 1920
    height: 1080

    DistrictRankingPanel {
        id: ranking

        width: 480
        height: 360
        stale: false
    }

    IncidentSummaryPanel {
        id: summary

        x: 500
        width: 480
        height: 270
        stale: false
    }

    FocusNearbyPanel {
        id: nearby

        y: 380
        width: 480
        height: 450
        stale: false
    }

    ChecklistPanel {
        id: checklist

        x: 500
        y: 380
        width: 480
        height: 450
        stale: false
    }

    TestCase {
        name: "FocusPanels"
        when: windowShown

        // A visible Text under `item` showing exactly `text`.
        function findText(item: Item, text: string): Item {
            if (!item || !item.visible)
                return null;
            if (item.text !== undefined && item.text === text && item.width > 0)
                return item;
            for (let i = 0; i < item.children.length; ++i) {
                const found = findText(item.children[i], text);
                if (found)
                    return found;
            }
            return null;
        }

        function init() {
            IncidentDetail.incidentId = "";
            ranking.metric = "aqi";
            nearby.radiusKm = 2;
        }

        function cleanupTestCase() {
            IncidentDetail.incidentId = "";
        }

        function test_ranking_shows_the_district_its_mean_and_a_status_glyph() {
            tryCompare(ranking.ranking, "rows", 1);
            verify(!ranking.empty);
            compare(ranking.subtitle, "AQI");
            const row = ranking.list.itemAtIndex(0);
            verify(findText(row, "渭城区"), "the district's name");
            verify(findText(row, "120"), "the mean of its air sensors' last AQI");
            verify(findText(row, "▲"), "above 100: a warning, by shape too");
        }

        function test_ranking_of_open_incidents_puts_the_p1_district_first_as_an_alarm() {
            ranking.metric = "incidents_open";
            tryCompare(ranking.ranking, "largest", 3);
            const row = ranking.list.itemAtIndex(0);
            verify(findText(row, "渭城区"));
            verify(findText(row, "3"));
            verify(findText(row, "■"), "an open P1: alarm");
        }

        function test_summary_counts_by_state_and_priority() {
            tryCompare(summary.summary, "openCount", 3);
            compare(summary.subtitle, "3 open");
            compare(summary.summary.cell("new", 1), 1, "the fire");
            compare(summary.summary.cell("new", 3), 1, "the duplicate waterlogging");
            compare(summary.summary.cell("acknowledged", 3), 1);
            verify(findText(summary, "✦ Unacknowledged ⚠1"), "the state's glyph and name, and one overdue (P3 unacknowledged 8 min)");
            verify(findText(summary, "Total"));
            verify(findText(summary, "P1"), "the priority badges");
        }

        function test_nearby_without_a_focus_says_so() {
            verify(nearby.empty);
            compare(nearby.emptyText, "No incident in focus");
        }

        function test_nearby_lists_the_sensors_around_the_incident() {
            IncidentDetail.incidentId = "INC-T-FIRE";
            tryVerify(() => nearby.sensorList.count > 0, 3000, "sensors within 2 km of the fire");
            verify(!nearby.empty);
            verify(nearby.nearby.sensorCount >= nearby.sensorList.count);
            verify(nearby.sensorList.count <= 12);
            verify(findText(nearby, "No cameras within 2 km"), "the only camera is 10 km away");
            compare(nearby.subtitle, "within 2 km");
        }

        function test_nearby_shows_a_camera_tile_with_its_name_and_distance() {
            IncidentDetail.incidentId = "INC-T-FIRE";
            nearby.radiusKm = 20;
            tryCompare(nearby.cameraGrid, "count", 1);
            const tile = nearby.cameraGrid.itemAtIndex(0);
            verify(findText(tile, "渭城区 测试路口 01"));
            verify(findText(nearby, "Cameras · 1"));
        }

        function test_checklist_without_a_focus_says_so() {
            verify(checklist.empty);
            compare(checklist.emptyText, "No incident in focus");
        }

        function test_checklist_numbers_the_steps_for_the_incidents_kind() {
            IncidentDetail.incidentId = "INC-T-FIRE";
            verify(!checklist.empty);
            compare(checklist.checklist.title, "火灾事故处置");
            verify(findText(checklist, "测试事件 INC-T-FIRE"), "the incident's title at the top");
            verify(findText(checklist, "火灾事故处置"), "the checklist's title");
            compare(checklist.stepList.count, checklist.checklist.steps.length);
            const first = checklist.stepList.itemAtIndex(0);
            verify(findText(first, "1"));
            verify(findText(first, checklist.checklist.steps[0]));
            compare(checklist.subtitle, "Fire");
        }
    }
}
