import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels

// The wall's configurable panels against the runner's models (tst_qml.cpp): nine indicators (AQI
// without a unit, road speed in km/h, free flow in %, six plan.* targets of which two are met), one
// unacknowledged P1 fire and two active monitoring alarms.
Item {
    id: root

    width: 1900
    height: 1200

    KpiPanel {
        id: kpi

        width: 600
        height: 500
        stale: false
        columns: 2
        indicators: ["traffic.speed", "air.aqi", "plan.5g_stations"]
    }

    TrendPanel {
        id: chart

        x: 620
        width: 700
        height: 400
        stale: false
        indicators: ["air.aqi", "traffic.speed"]
        thresholds: [{ "value": 75, "label": "良" }]
    }

    TrendPanel {
        id: threeUnits

        x: 620
        y: 420
        width: 700
        height: 400
        stale: false
        indicators: ["air.aqi", "traffic.speed", "traffic.free_flow_rate"]
    }

    PlanTargetsPanel {
        id: plan

        x: 1340
        width: 540
        height: 700
        stale: false
    }

    AlarmTickerPanel {
        id: ticker

        y: 520
        width: 600
        height: 140
        stale: false
    }

    CameraWallPanel {
        id: cameras

        y: 680
        width: 600
        height: 440
        columns: 2
        cameras: [{ "name": "渭城区 测试路口 01", "uri": "rtsp://demo.invalid/xy/cam-1", "district": "610404" },
            { "name": "秦都区 测试路口 02", "uri": "rtsp://demo.invalid/xy/cam-2", "district": "610402" },
            { "name": "高新区 测试路口 03", "uri": "rtsp://demo.invalid/xy/cam-3" }]
    }

    CameraWallPanel {
        id: noCameras

        x: 1340
        y: 720
        width: 300
        height: 200
    }

    ClockPanel {
        id: clock

        x: 1660
        y: 720
        width: 220
        height: 200
    }

    TestCase {
        name: "Panels"
        when: windowShown

        // Every visible descendant of `item` for which `accept` holds, in reading order (top to
        // bottom, then left to right).
        function shown(item, accept) {
            const found = [];
            const walk = node => {
                for (let i = 0; i < node.children.length; ++i) {
                    const child = node.children[i];
                    if (!child.visible)
                        continue;
                    if (accept(child))
                        found.push(child);
                    walk(child);
                }
            };
            walk(item);
            return found.sort((a, b) => {
                const pa = a.mapToItem(null, 0, 0);
                const pb = b.mapToItem(null, 0, 0);
                return pa.y !== pb.y ? pa.y - pb.y : pa.x - pb.x;
            });
        }

        function texts(item) {
            return shown(item, c => c.text !== undefined && c.textFormat !== undefined).map(t => t.text);
        }

        function beijingNow() {
            return new Date(Date.now() + 8 * 3600 * 1000);
        }

        function pad(n: int): string {
            return n < 10 ? "0" + n : "" + n;
        }

        function test_kpiShowsOnlyTheListedIndicatorsInOrder() {
            const tiles = () => shown(kpi.contentItem, c => c.sparkline !== undefined && c.higherIsBetter !== undefined);
            tryCompare(tiles(), "length", 3);
            compare(tiles().map(t => t.name), ["路网平均车速", "全市平均空气质量指数", "5G基站"]);
        }

        function test_kpiWithoutAListShowsEveryIndicator() {
            kpi.indicators = [];
            const tiles = shown(kpi.contentItem, c => c.sparkline !== undefined && c.higherIsBetter !== undefined);
            kpi.indicators = ["traffic.speed", "air.aqi", "plan.5g_stations"];
            compare(tiles.length, Math.min(9, kpi.capacity));
        }

        function test_kpiKeepsThePlaceOfAListedIndicatorNotReceivedYet() {
            kpi.indicators = ["air.aqi", "water.unknown", "traffic.speed"];
            const all = texts(kpi.contentItem);
            kpi.indicators = ["traffic.speed", "air.aqi", "plan.5g_stations"];
            verify(all.indexOf("water.unknown") >= 0, all.join(" | "));
            compare(all.indexOf("全市平均空气质量指数") < all.indexOf("water.unknown"), true);
        }

        function test_chartWithTwoUnitsHasTwoAxes() {
            tryCompare(chart, "hasSecondary", true);
            compare(chart.unitKeys, ["#air.aqi", "km/h"]);
            verify(chart.leftAxis.visible);
            verify(chart.rightAxis.visible);
            compare(chart.rightAxis.titleText, "km/h");
            // Each series lies within its own axis: AQI 80..88 on the left, speed 30..34 on the right.
            verify(chart.leftAxis.min <= 80 && chart.leftAxis.max >= 88);
            verify(chart.rightAxis.min <= 30 && chart.rightAxis.max >= 34 && chart.rightAxis.max < 80);
        }

        function test_chartDrawsThresholdAndTargetLines() {
            const lines = () => shown(chart.contentItem, c => c.lineY !== undefined);
            tryVerify(() => lines().length === 2);
            const labels = lines().map(l => l.label);
            // The layout's threshold at 75 and AQI's own target at 100, both on the left axis, 100 above 75.
            const threshold = lines().find(l => l.label.indexOf("良") >= 0);
            const target = lines().find(l => l.label.indexOf("全市平均空气质量指数") >= 0);
            verify(threshold !== undefined, labels.join(" | "));
            verify(target !== undefined, labels.join(" | "));
            compare(target.value, 100);
            verify(target.lineY < threshold.lineY);
            verify(chart.leftAxis.max >= 100);
        }

        function test_chartNotesAThirdUnit() {
            tryCompare(threeUnits.notShown, "length", 1);
            compare(threeUnits.notShown[0], "全市道路畅通率");
            verify(texts(threeUnits.contentItem).some(t => t.indexOf("全市道路畅通率") >= 0));
        }

        function test_planTargetsShowValueTargetAndMark() {
            tryCompare(plan, "metCount", 2);
            const all = texts(plan.contentItem);
            const fiveG = all.indexOf("5G基站");
            verify(fiveG >= 0, all.join(" | "));
            verify(all.indexOf(Labels.formatNumber(9312) + " / " + Labels.formatNumber(10000) + " 个") >= 0, all.join(" | "));
            verify(all.indexOf("93%") >= 0, all.join(" | "));
            compare(all.filter(t => t.indexOf("✔") === 0).length, 2);
            compare(all.filter(t => t.indexOf("○") === 0).length, 4);
        }

        function test_tickerListsActiveAlarmsAndNewP1() {
            tryCompare(ticker, "itemCount", 3);
            verify(!ticker.empty);
            const all = texts(ticker.contentItem);
            verify(all.indexOf("渭城区 水位 5.90 m，超过警戒水位 5.50 已持续 15 分钟") >= 0, all.join(" | "));
            verify(all.some(t => t.indexOf("测试事件 INC-T-FIRE") >= 0), all.join(" | "));
            // The cleared noise alarm is not on the line.
            verify(!all.some(t => t.indexOf("夜间噪声") >= 0));
        }

        function test_tickerScrollsWhenTooLong() {
            verify(ticker.overflow);
            const x0 = ticker.contentItem.children[0].children[0].x;
            tryVerify(() => ticker.contentItem.children[0].children[0].x < x0 - 5);
        }

        function test_cameraWallShowsOneTilePerCamera() {
            const tiles = shown(cameras.contentItem, c => c.uri !== undefined && c.modelData !== undefined);
            compare(tiles.map(t => t.name), ["渭城区 测试路口 01", "秦都区 测试路口 02", "高新区 测试路口 03"]);
            const all = texts(cameras.contentItem);
            verify(all.indexOf("渭城区") >= 0, all.join(" | "));
            verify(all.indexOf("rtsp://demo.invalid/xy/cam-2") >= 0);
            compare(all.filter(t => t === qsTr("Video not supported yet")).length, 3);
        }

        function test_cameraWallSaysHowManyTilesFit() {
            compare(cameras.subtitle, qsTr("%1 cameras").arg(3));
            cameras.height = 300;
            const tiles = shown(cameras.contentItem, c => c.uri !== undefined && c.modelData !== undefined);
            const subtitle = cameras.subtitle;
            cameras.height = 440;
            compare(tiles.length, 2);
            compare(subtitle, qsTr("%1 of %2 cameras").arg(2).arg(3));
        }

        function test_cameraWallWithoutCamerasSaysSo() {
            verify(noCameras.empty);
            verify(!cameras.empty);
        }

        function test_clockShowsBeijingTime() {
            tryVerify(() => {
                const now = beijingNow();
                return clock.timeText.substring(0, 5) === pad(now.getUTCHours()) + ":" + pad(now.getUTCMinutes());
            });
            verify(/^\d\d:\d\d:\d\d$/.test(clock.timeText), clock.timeText);
            verify(texts(clock.contentItem).indexOf(clock.timeText) >= 0);
            clock.showSeconds = false;
            verify(/^\d\d:\d\d$/.test(clock.timeText), clock.timeText);
            clock.showSeconds = true;
        }
    }
}
