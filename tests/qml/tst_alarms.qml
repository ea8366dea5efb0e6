import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Wall
import CityBrain.Incidents

// The monitoring alarms' QML against the runner's three alarms (tst_qml.cpp): the sparkline's trigger
// and threshold lines, a row's emphasis, the panel's counts and "more" line, and the incident detail's
// related alarms.
Item {
    id: root

    width: 1200
    height: 900

    AlarmSparkline {
        id: spark

        width: 300
        height: 90
        points: [Qt.point(1000, 10), Qt.point(2000, 12), Qt.point(3000, 30), Qt.point(4000, 32)]
        triggerMs: 2500
        threshold: 20
        lineColor: "#ff0000"
        triggerColor: "#00ff00"
        thresholdColor: "#0000ff"
        lineWidth: 2
    }

    // A sensor silent for ten minutes between readings every 10 s.
    AlarmSparkline {
        id: gapSpark

        x: 320
        width: 300
        height: 90
        points: [Qt.point(0, 10), Qt.point(10000, 11), Qt.point(20000, 10), Qt.point(620000, 10),
            Qt.point(630000, 11), Qt.point(640000, 10)]
        showThreshold: false
        lineColor: "#ff0000"
        lineWidth: 2
    }

    AlarmRow {
        id: row

        y: 100
        width: 500
        severity: 2
        explanation: "渭城区 水位 5.90 m，超过警戒水位 5.50"
        districtName: "渭城区"
        sinceMs: 1000000
        changedMs: 1060000
        nowMs: 1000000 + 15 * 60000
    }

    AlarmPanel {
        id: panel

        x: 600
        width: 500
        height: 700
        stale: false
    }

    DetailPanel {
        id: detail

        y: 250
        width: 560
        height: 640
    }

    TestCase {
        name: "Alarms"
        when: windowShown

        function isColour(c, r: real, g: real, b: real): bool {
            return Math.abs(c.r - r) < 0.2 && Math.abs(c.g - g) < 0.2 && Math.abs(c.b - b) < 0.2;
        }

        // Pixels of one colour along a row (y) or a column (x) of the sparkline.
        function countAlongRow(y: int, r: real, g: real, b: real): int {
            const image = grabImage(spark);
            let n = 0;
            for (let x = 0; x < spark.width; ++x)
                n += isColour(image.pixel(x, y), r, g, b) ? 1 : 0;
            return n;
        }

        function countAlongColumn(x: int, r: real, g: real, b: real): int {
            const image = grabImage(spark);
            let n = 0;
            for (let y = 0; y < spark.height; ++y)
                n += isColour(image.pixel(x, y), r, g, b) ? 1 : 0;
            return n;
        }

        function init() {
            spark.showThreshold = true;
            row.active = true;
            row.acknowledged = false;
            row.anomaly = false;
            panel.height = 700;
            IncidentDetail.incidentId = "";
        }

        function cleanupTestCase() {
            IncidentDetail.incidentId = "";
        }

        function test_sparkline_marks_the_trigger_with_a_vertical_line() {
            const x = Math.round(spark.mapX(spark.bounds(), spark.triggerMs));
            tryVerify(() => countAlongColumn(x, 0, 1, 0) > spark.height * 0.8, 2000, "a full-height green line");
            compare(countAlongColumn(Math.round(spark.mapX(spark.bounds(), 1500)), 0, 1, 0), 0, "only there");
        }

        function test_sparkline_threshold_is_dashed_and_only_for_rules() {
            const range = spark.bounds();
            verify(range.y < spark.threshold && range.y + range.height > spark.threshold, "the range includes the line");
            const y = Math.round(spark.mapY(range, spark.threshold));
            tryVerify(() => countAlongRow(y, 0, 0, 1) > spark.width * 0.3, 2000, "a blue line");
            verify(countAlongRow(y, 0, 0, 1) < spark.width * 0.7, "with gaps: dashed");

            spark.showThreshold = false; // an anomaly has no fixed line
            tryVerify(() => countAlongRow(y, 0, 0, 1) === 0, 2000, "no threshold for an anomaly");
        }

        function test_sparkline_does_not_cross_a_silent_stretch() {
            const range = gapSpark.bounds();
            const middle = Math.round(gapSpark.mapX(range, 320000));
            const before = Math.round(gapSpark.mapX(range, 10000));
            const redIn = (x) => {
                const image = grabImage(gapSpark);
                let n = 0;
                for (let y = 0; y < gapSpark.height; ++y)
                    n += isColour(image.pixel(x, y), 1, 0, 0) ? 1 : 0;
                return n;
            };
            tryVerify(() => redIn(before) > 0, 2000, "the line is drawn where readings came");
            compare(redIn(middle), 0, "but not across the ten silent minutes");
        }

        function test_unacknowledged_row_is_emphasised() {
            verify(row.unacknowledged);
            compare(row.stateText, "● Unacknowledged");
            const loud = row.border.width;
            row.acknowledged = true;
            verify(!row.unacknowledged);
            compare(row.stateText, "✓ Acknowledged");
            verify(row.border.width < loud);
            compare(row.opacity, 1);
        }

        function test_cleared_row_is_greyed_and_says_when() {
            row.active = false;
            verify(!row.unacknowledged, "a cleared alarm is not waiting for anyone");
            verify(row.opacity < 1);
            compare(row.stateText, "■ Cleared " + Labels.beijingTime(row.changedMs));
        }

        function test_panel_counts_active_and_unacknowledged() {
            compare(SensorAlarms.count, 3);
            compare(panel.subtitle, "2 active · 1 unacknowledged");
            compare(panel.list.count, 3);
            verify(!panel.overflow);
            verify(!panel.empty);
        }

        function test_panel_shows_whole_rows_and_how_many_more() {
            panel.height = Theme.panelHeaderHeight + 2 * Theme.panelPadding + Theme.alarmRowHeight * 1.6;
            verify(panel.overflow);
            compare(panel.rowsShown, 1);
            compare(panel.hiddenBelow, 2);
            compare(panel.hiddenActive, 1, "the second active alarm, then the cleared one");
            verify(panel.list.height <= panel.contentItem.height);
        }

        function test_detail_lists_the_incidents_alarms() {
            IncidentDetail.incidentId = "INC-T-WATER";
            compare(detail.alarms.count, 1);
            IncidentDetail.incidentId = "INC-T-FIRE";
            compare(detail.alarms.count, 1, "the anomaly");
            IncidentDetail.incidentId = "INC-T-WATER-2";
            compare(detail.alarms.count, 0);
        }
    }
}
