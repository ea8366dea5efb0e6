#include "ruleengine.h"
#include "rulefixtures.h"

#include <QTest>

using namespace citybrain;
using namespace citybrain::fixtures;

namespace {

const QString station = QStringLiteral("air-610404-003");
const QString gauge = QStringLiteral("water-610404-002");
const QString pm25 = QStringLiteral("pm25");
const QString level = QStringLiteral("level");

// PM2.5 over the heavy pollution line (HJ 633: 150 µg/m³), clearing at 140, after `forSeconds`.
QByteArray pmHeavy(int forSeconds = 0, const char* extra = "")
{
    return QByteArray(R"({"id": "air.pm25.heavy", "title": "重度污染线", "title_en": "heavy pollution line",
        "domain": "air", "metric": "pm25", "type": "threshold", "above": 150, "clear": 140, "for_seconds": )")
        + QByteArray::number(forSeconds) + R"(, "severity": "major", "incident_kind": "pollution")" + extra + "}";
}

const QByteArray waterWarning = R"({"id": "water.level.warning", "title": "警戒水位", "title_en": "warning level",
    "domain": "water", "metric": "level", "type": "threshold", "above_metric": "warning_line", "hysteresis": 0.05,
    "severity": "major", "incident_kind": "waterlogging"})";

std::vector<SensorAlarm> feed(
    RuleEngine& engine, const QString& sensorId, const QString& metric, qint64 start, const Series& series)
{
    std::vector<SensorAlarm> changes;
    for (const auto& [minutes, value] : series)
        engine.observe(sample(sensorId, start + static_cast<qint64>(minutes * minute), metric, value), &changes);
    return changes;
}

// `value` every minute from `from` to `to` (inclusive), minutes after the start.
Series steady(double value, int from, int to)
{
    Series s;
    for (int m = from; m <= to; ++m)
        s.emplace_back(m, value);
    return s;
}

Series operator+(Series a, const Series& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

class TestRuleEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thresholdRaisesOnceWhileAboveAndClearsOnce()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy()));
        const auto changes = feed(
            engine, station, pm25, beijing(8), Series { { 0, 100 } } + steady(170, 1, 20) + Series { { 21, 130 } });
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].state, SensorAlarm::State::Raised);
        QCOMPARE(changes[0].tsMs, beijing(8, 1));
        QCOMPARE(changes[0].id, QStringLiteral("air.pm25.heavy/air-610404-003"));
        QCOMPARE(changes[0].severity, Severity::Major);
        QCOMPARE(changes[0].incidentKind, QStringLiteral("pollution"));
        QCOMPARE(changes[0].district, QStringLiteral("610404"));
        QCOMPARE(changes[0].value, 170.0);
        QCOMPARE(changes[0].threshold, 150.0);
        QCOMPARE(changes[0].summary, QStringLiteral("PM2.5 超过重度污染线"));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
        QCOMPARE(changes[1].tsMs, beijing(8, 21));
        QCOMPARE(changes[1].sinceMs, beijing(8, 1));
        QCOMPARE(changes[1].value, 130.0);
        QCOMPARE(engine.activeCount(), 0);
    }

    void hysteresisHoldsOneAlarmWhileFlapping_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<int>("raised");
        QTest::addColumn<int>("cleared");
        QTest::newRow("clear at 140") << pmHeavy() << 1 << 1;
        // Without hysteresis every crossing of the line is a new episode: what the clear level prevents.
        QTest::newRow("clear at the line") << QByteArray(R"({"id": "p", "title": "重度污染线", "domain": "air",
            "metric": "pm25", "type": "threshold", "above": 150, "severity": "major", "incident_kind": "pollution"})")
                                           << 6 << 6;
    }

    void hysteresisHoldsOneAlarmWhileFlapping()
    {
        QFETCH(QByteArray, rule);
        QFETCH(int, raised);
        QFETCH(int, cleared);
        RuleEngine engine;
        engine.setRules(ruleSet(rule));
        // Recorded around the line: a station in a drifting plume, one reading a minute.
        const Series flapping = { { 0, 146 }, { 1, 151 }, { 2, 149 }, { 3, 153 }, { 4, 147 }, { 5, 152 }, { 6, 144 },
            { 7, 150.5 }, { 8, 141 }, { 9, 156 }, { 10, 148 }, { 11, 151 }, { 12, 142 }, { 13, 139 } };
        const auto changes = feed(engine, station, pm25, beijing(8), flapping);
        QCOMPARE(countState(changes, SensorAlarm::State::Raised), raised);
        QCOMPARE(countState(changes, SensorAlarm::State::Cleared), cleared);
        QCOMPARE(changes.back().state, SensorAlarm::State::Cleared);
        QCOMPARE(engine.activeCount(), 0);
    }

    void durationNotReachedThenReached()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        // 20 minutes over the line, then back: not long enough.
        auto changes = feed(engine, station, pm25, beijing(8), steady(160, 0, 20) + Series { { 21, 120 } });
        QVERIFY(changes.empty());
        // Over the line again from minute 40: raised at 70, dated from 40.
        changes = feed(engine, station, pm25, beijing(8), steady(160, 40, 69));
        QVERIFY(changes.empty());
        changes = feed(engine, station, pm25, beijing(8), steady(162, 70, 90));
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Raised);
        QCOMPARE(changes[0].tsMs, beijing(8, 70));
        QCOMPARE(changes[0].sinceMs, beijing(8, 40));
    }

    void dipsInsideTheHysteresisBandDoNotRestartTheDuration()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        const Series series = steady(160, 0, 10) + Series { { 11, 145 } } + steady(160, 12, 30);
        const auto changes = feed(engine, station, pm25, beijing(8), series);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sinceMs, beijing(8, 0));
        QCOMPARE(changes[0].tsMs, beijing(8, 30));
    }

    void noRaiseWhileTheValueIsInsideTheBand()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        // Crossed once, then hovering between the clear level and the line past the duration: no alarm
        // until a reading is over the line again.
        auto changes = feed(engine, station, pm25, beijing(8), Series { { 0, 155 } } + steady(145, 1, 40));
        QVERIFY(changes.empty());
        changes = feed(engine, station, pm25, beijing(8), Series { { 41, 151 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sinceMs, beijing(8, 0));
    }

    void gapDoesNotClear()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy()));
        auto changes = feed(engine, station, pm25, beijing(8), steady(170, 0, 5));
        QCOMPARE(changes.size(), size_t(1));
        engine.tick(beijing(9, 30), &changes); // no silence rule here: a gap alone changes nothing
        changes = feed(engine, station, pm25, beijing(8), Series { { 95, 165 }, { 96, 166 } });
        QVERIFY(changes.empty());
        QCOMPARE(engine.activeCount(), 1);
        changes = feed(engine, station, pm25, beijing(8), Series { { 97, 130 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Cleared);
        QCOMPARE(changes[0].sinceMs, beijing(8, 0));
    }

    void gapWhilePendingKeepsTheStart()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        auto changes = feed(engine, station, pm25, beijing(8), Series { { 0, 160 }, { 5, 161 }, { 45, 163 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sinceMs, beijing(8, 0));
        QCOMPARE(changes[0].tsMs, beijing(8, 45));
    }

    void tickCompletesADurationWithoutANewSample()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        auto changes
            = feed(engine, station, pm25, beijing(8), Series { { 0, 160 }, { 10, 161 }, { 20, 165 }, { 25, 170 } });
        QVERIFY(changes.empty());
        engine.tick(beijing(8, 29), &changes);
        QVERIFY(changes.empty());
        engine.tick(beijing(8, 31), &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].tsMs, beijing(8, 30)); // when the duration completed, not when tick() ran
        QCOMPARE(changes[0].value, 170.0);
        engine.tick(beijing(8, 32), &changes);
        QCOMPARE(changes.size(), size_t(1));
        changes = feed(engine, station, pm25, beijing(8), Series { { 33, 171 } });
        QVERIFY(changes.empty());
    }

    void tickDoesNotCompleteADurationOnStaleData()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        std::vector<SensorAlarm> changes = feed(engine, station, pm25, beijing(8), Series { { 0, 160 }, { 2, 161 } });
        engine.tick(beijing(8, 31), &changes);
        QVERIFY(changes.empty()); // the last reading is 28 minutes older than the moment the duration completed
        changes = feed(engine, station, pm25, beijing(8), Series { { 40, 162 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sinceMs, beijing(8, 0));
    }

    void rateOfChangeRaisesAndClears()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "water.level.rise", "title": "涨速警戒线", "domain": "water",
            "metric": "level", "type": "rate", "above": 0.02, "clear": 0.005, "window_seconds": 1800,
            "severity": "moderate", "incident_kind": "waterlogging"})"));
        // Flat for 30 minutes, then a flood wave rising 0.045 m a minute for 20 minutes, then flat again.
        Series series = steady(3.0, 0, 30);
        for (int k = 1; k <= 20; ++k)
            series.emplace_back(30 + k, 3.0 + 0.045 * k);
        series = series + steady(3.9, 51, 100);
        const auto changes = feed(engine, gauge, level, beijing(8), series);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].state, SensorAlarm::State::Raised);
        // Over 30 minutes, 0.045 * k / 30 > 0.02 from k = 14.
        QCOMPARE(changes[0].tsMs, beijing(8, 44));
        QVERIFY(changes[0].value > 0.02);
        QVERIFY2(changes[0].explanation.contains(QStringLiteral("水位变化率 +0.021 m/分钟（近 30 分钟）")),
            qPrintable(changes[0].explanation));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
        // Cleared once the change over the window is at most 0.005 m a minute: level(t - 30) >= 3.75.
        QCOMPARE(changes[1].tsMs, beijing(8, 77));
    }

    void rateNeedsHalfAWindowOfHistory()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "rise", "title": "涨速警戒线", "domain": "water", "metric": "level",
            "type": "rate", "above": 0.02, "window_seconds": 1800, "severity": "moderate",
            "incident_kind": "waterlogging"})"));
        Series rising;
        for (int m = 0; m <= 20; ++m)
            rising.emplace_back(m, 3.0 + 0.1 * m);
        auto changes = feed(engine, gauge, level, beijing(8), rising);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].tsMs, beijing(8, 15));
        // After a gap longer than the window there is no verdict either way until history builds up.
        changes = feed(engine, gauge, level, beijing(8), Series { { 80, 3.0 }, { 85, 3.0 } });
        QVERIFY(changes.empty());
        changes = feed(engine, gauge, level, beijing(8), Series { { 95, 3.0 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Cleared);
    }

    void rateBelowForAFallingValue()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "traffic.speed.collapse", "title": "车速骤降线", "domain": "traffic",
            "metric": "speed", "type": "rate", "below": -3, "clear": -1, "window_seconds": 600,
            "severity": "moderate", "incident_kind": "traffic_jam"})"));
        Series series = steady(55, 0, 10);
        for (int k = 1; k <= 8; ++k)
            series.emplace_back(10 + k, 55 - 5 * k);
        const auto changes
            = feed(engine, QStringLiteral("traffic-610402-007"), QStringLiteral("speed"), beijing(8), series);
        QCOMPARE(changes.size(), size_t(1));
        QVERIFY(changes[0].value < -3);
        QVERIFY2(
            changes[0].explanation.contains(QStringLiteral("低于车速骤降线 -3")), qPrintable(changes[0].explanation));
    }

    void silenceIsReportedByTickAndClearedByTheNextSample()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "water.silence", "title": "无数据时限", "domain": "water",
            "type": "silence", "timeout_seconds": 300, "severity": "moderate", "incident_kind": "sensor_offline"})"));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(gauge, beijing(8), level, 3.1), &changes);
        engine.tick(beijing(8, 4), &changes);
        QVERIFY(changes.empty());
        engine.tick(beijing(8, 6), &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Raised);
        QCOMPARE(changes[0].tsMs, beijing(8, 5));
        QCOMPARE(changes[0].sinceMs, beijing(8));
        QCOMPARE(changes[0].incidentKind, QStringLiteral("sensor_offline"));
        QCOMPARE(changes[0].explanation,
            QStringLiteral("渭城区 水位站 water-610404-002 已 5 分钟无数据（最后一次 08:00，无数据时限 5 分钟）；规则 "
                           "water.silence"));
        engine.tick(beijing(8, 7), &changes);
        QCOMPARE(changes.size(), size_t(1));
        engine.observe(sample(gauge, beijing(8, 12), level, 3.1), &changes);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
        QVERIFY2(changes[1].explanation.contains(QStringLiteral("恢复上报，中断 12 分钟（08:00–08:12）")),
            qPrintable(changes[1].explanation));
        engine.tick(beijing(8, 13), &changes);
        QCOMPARE(changes.size(), size_t(2));
    }

    void silenceKnowsOnlySensorsItHasHeard()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "s", "title": "无数据时限", "domain": "water", "type": "silence",
            "timeout_seconds": 300, "severity": "minor", "incident_kind": "sensor_offline"})"));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(QStringLiteral("air-610404-001"), beijing(8), pm25, 30), &changes); // another domain
        engine.tick(beijing(12), &changes);
        QVERIFY(changes.empty());
    }

    void silenceAlarmsOfOneTickAreSortedByTimeAndId()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "s", "title": "无数据时限", "domain": "water", "type": "silence",
            "timeout_seconds": 300, "severity": "minor", "incident_kind": "sensor_offline"})"));
        std::vector<SensorAlarm> changes;
        for (const char* id : { "water-610404-009", "water-610404-001", "water-610402-005" })
            engine.observe(sample(QLatin1String(id), beijing(8), level, 3), &changes);
        engine.observe(sample(QStringLiteral("water-610404-000"), beijing(8, 1), level, 3), &changes);
        engine.tick(beijing(9), &changes);
        QCOMPARE(changes.size(), size_t(4));
        QCOMPARE(changes[0].sensorId, QStringLiteral("water-610402-005"));
        QCOMPARE(changes[1].sensorId, QStringLiteral("water-610404-001"));
        QCOMPARE(changes[2].sensorId, QStringLiteral("water-610404-009"));
        QCOMPARE(changes[3].sensorId, QStringLiteral("water-610404-000")); // silent since a minute later
    }

    void silenceSurvivesAReloadOfItsRule()
    {
        const QByteArray silence = R"({"id": "water.silence", "title": "无数据时限", "domain": "water",
            "type": "silence", "timeout_seconds": 300, "severity": "moderate", "incident_kind": "sensor_offline"})";
        RuleEngine engine;
        engine.setRules(ruleSet(silence));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(gauge, beijing(8), level, 3.1), &changes);
        engine.observe(sample(QStringLiteral("water-610404-003"), beijing(8), level, 3.1), &changes);
        engine.tick(beijing(8, 6), &changes);
        QCOMPARE(changes.size(), size_t(2));
        // Reloaded with a new rule in front: the alarms stay, and are neither raised again nor lost.
        engine.setRules(ruleSet(pmHeavy() + ", " + silence), &changes);
        engine.tick(beijing(8, 7), &changes);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(engine.activeCount(), 2);
        engine.observe(sample(gauge, beijing(8, 8), level, 3.1), &changes);
        QCOMPARE(changes.size(), size_t(3));
        QCOMPARE(changes[2].state, SensorAlarm::State::Cleared);
        QCOMPARE(changes[2].sensorId, gauge);
        engine.tick(beijing(8, 14), &changes); // silent again, 6 minutes after 08:08
        QCOMPARE(changes.size(), size_t(4));
        QCOMPARE(changes[3].tsMs, beijing(8, 13));
    }

    void timeOfDayWindow()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "noise.class4a.night", "title": "4a 类区夜间限值", "domain": "noise",
            "metric": "laeq", "type": "threshold", "above": 55, "clear": 53, "hours": [22, 6],
            "severity": "minor", "incident_kind": "noise"})"));
        const QString monitor = QStringLiteral("noise-610404-004");
        const QString laeq = QStringLiteral("laeq");
        std::vector<SensorAlarm> changes;
        engine.observe(sample(monitor, beijing(21, 50), laeq, 60), &changes);
        QVERIFY(changes.empty()); // daytime: the night limit does not apply
        engine.observe(sample(monitor, beijing(22, 10), laeq, 60), &changes);
        QCOMPARE(changes.size(), size_t(1));
        engine.observe(sample(monitor, beijing(23), laeq, 54), &changes); // inside the band
        engine.observe(sample(monitor, beijing(5, 50, 30), laeq, 62), &changes);
        QCOMPARE(changes.size(), size_t(1));
        engine.observe(sample(monitor, beijing(6, 0, 30), laeq, 62), &changes);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
        QVERIFY2(changes[1].explanation.contains(QStringLiteral("适用时段（22–6 时）结束")),
            qPrintable(changes[1].explanation));
        engine.observe(sample(monitor, beijing(7, 0, 30), laeq, 62), &changes);
        QCOMPARE(changes.size(), size_t(2));
    }

    void lineFromAnotherMetricOfTheSample()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(waterWarning));
        const QString line = QStringLiteral("warning_line");
        std::vector<SensorAlarm> changes;
        engine.observe(sample(gauge, beijing(8, 0), { { level, 3.0 }, { line, 3.5 } }), &changes);
        engine.observe(sample(gauge, beijing(8, 1), { { level, 9.0 } }), &changes); // no line in it: not judged
        QVERIFY(changes.empty());
        engine.observe(sample(gauge, beijing(8, 2), { { level, 3.6 }, { line, 3.5 } }), &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].threshold, 3.5);
        QCOMPARE(changes[0].explanation,
            QStringLiteral("渭城区 水位 3.60 m，超过警戒水位 3.50（超出 0.10），自 08:02 起；水位站 water-610404-002，"
                           "规则 water.level.warning"));
        QCOMPARE(changes[0].summary, QStringLiteral("超过警戒水位"));
        engine.observe(sample(gauge, beijing(8, 3), { { line, 3.5 }, { level, 3.47 } }), &changes); // other order
        QCOMPARE(changes.size(), size_t(1));
        engine.observe(sample(gauge, beijing(8, 4), { { level, 3.44 }, { line, 3.5 } }), &changes);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
    }

    void perSensorOverride()
    {
        RuleEngine engine;
        QByteArray rule = waterWarning;
        rule.chop(1);
        engine.setRules(ruleSet(rule + R"(, "overrides": {"water-610404-002": {"above": 5.2}}})"));
        std::vector<SensorAlarm> changes;
        // The gauge reports no lines: the file gives its warning level.
        engine.observe(sample(gauge, beijing(8, 0), level, 5.0), &changes);
        QVERIFY(changes.empty());
        engine.observe(sample(gauge, beijing(8, 1), level, 5.3), &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].threshold, 5.2);
        engine.observe(sample(gauge, beijing(8, 2), level, 5.16), &changes); // the rule's hysteresis 0.05 holds
        QCOMPARE(changes.size(), size_t(1));
        engine.observe(sample(gauge, beijing(8, 3), level, 5.1), &changes);
        QCOMPARE(changes.size(), size_t(2));
        // Another gauge without lines and without an override is not judged.
        engine.observe(sample(QStringLiteral("water-610404-003"), beijing(8, 3), level, 50), &changes);
        QCOMPARE(changes.size(), size_t(2));
    }

    void districtAndSensorGroupSelectTheSensors()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(0, R"(, "districts": ["610404"], "sensors": ["air-610404-00*"])")));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(QStringLiteral("air-610404-001"), beijing(8), pm25, 200), &changes);
        engine.observe(sample(QStringLiteral("air-610402-001"), beijing(8), pm25, 200), &changes);
        engine.observe(sample(QStringLiteral("air-610404-017"), beijing(8), pm25, 200), &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sensorId, QStringLiteral("air-610404-001"));
    }

    void oneSampleCanCrossSeveralRules()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy() + R"(, {"id": "air.pm25.light", "title": "轻度污染线", "domain": "air",
            "metric": "pm25", "type": "threshold", "above": 75, "severity": "minor", "incident_kind": "pollution"},
            {"id": "air.aqi.heavy", "title": "重度污染线", "domain": "air", "metric": "aqi", "type": "threshold",
            "above": 200, "severity": "major", "incident_kind": "pollution"})"));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(station, beijing(8), { { QStringLiteral("aqi"), 218 }, { pm25, 168 } }), &changes);
        QCOMPARE(changes.size(), size_t(3));
        QCOMPARE(changes[0].ruleId, QStringLiteral("air.pm25.heavy"));
        QCOMPARE(changes[1].ruleId, QStringLiteral("air.pm25.light"));
        QCOMPARE(changes[2].ruleId, QStringLiteral("air.aqi.heavy"));
        QCOMPARE(changes[2].summary, QStringLiteral("AQI 超过重度污染线"));
        const auto active = engine.active();
        QCOMPARE(active.size(), size_t(3));
        QCOMPARE(active[0].id, QStringLiteral("air.aqi.heavy/air-610404-003"));
    }

    void belowRule()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(R"({"id": "speed.low", "title": "低速线", "domain": "traffic", "metric": "speed",
            "type": "threshold", "below": 10, "clear": 15, "severity": "moderate", "incident_kind": "traffic_jam"})"));
        const auto changes = feed(engine, QStringLiteral("traffic-610402-001"), QStringLiteral("speed"), beijing(8),
            Series { { 0, 30 }, { 1, 9 }, { 2, 12 }, { 3, 8 }, { 4, 14.9 }, { 5, 15 } });
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].tsMs, beijing(8, 1));
        QVERIFY2(changes[0].explanation.contains(QStringLiteral("低于低速线 10（低 1）")),
            qPrintable(changes[0].explanation));
        QCOMPARE(changes[1].tsMs, beijing(8, 5));
    }

    void olderSamplesAreIgnored()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy()));
        auto changes = feed(engine, station, pm25, beijing(8), Series { { 10, 170 }, { 5, 100 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(engine.activeCount(), 1);
    }

    void explanationSaysWhatWhereHowFarSinceWhenAndWhichRule()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        auto changes = feed(engine, station, pm25, beijing(8, 30), steady(168, 0, 30));
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].explanation,
            QStringLiteral("渭城区 PM2.5 168 µg/m³，超过重度污染线 150（超出 18），已持续 30 分钟（自 08:30 起）；"
                           "空气站 air-610404-003，规则 air.pm25.heavy"));
        QCOMPARE(changes[0].explanationEn,
            QStringLiteral("Weicheng PM2.5 168 µg/m³, above the heavy pollution line 150 (by 18) for 30 min since "
                           "08:30; air station air-610404-003, rule air.pm25.heavy"));
        changes = feed(engine, station, pm25, beijing(8, 30), Series { { 40, 182.4 }, { 95, 138.2 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].explanation,
            QStringLiteral("渭城区 PM2.5 138.2 µg/m³，已回落至 140 及以下，重度污染线告警解除；越线 1 小时 35 分钟"
                           "（08:30–10:05），峰值 182.4；空气站 air-610404-003，规则 air.pm25.heavy"));
        QVERIFY(changes[0].explanationEn.startsWith(
            QStringLiteral("Weicheng PM2.5 138.2 µg/m³, back to or below 140: heavy pollution line alarm cleared")));
    }

    void reloadKeepsAlarmsOfUnchangedRules()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy()));
        std::vector<SensorAlarm> changes = feed(engine, station, pm25, beijing(8), Series { { 0, 170 } });
        QCOMPARE(changes.size(), size_t(1));
        changes.clear();
        engine.setRules(ruleSet(R"({"id": "other", "title": "t", "domain": "water", "type": "silence",
            "timeout_seconds": 60, "severity": "minor", "incident_kind": "sensor_offline"}, )"
                            + pmHeavy()),
            &changes);
        QVERIFY(changes.empty());
        QCOMPARE(engine.activeCount(), 1);
        changes = feed(engine, station, pm25, beijing(8), Series { { 1, 171 }, { 2, 100 } });
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Cleared);
        QCOMPARE(changes[0].sinceMs, beijing(8));
    }

    void reloadKeepsPendingDurations()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(1800)));
        auto changes = feed(engine, station, pm25, beijing(8), steady(160, 0, 10));
        engine.setRules(ruleSet(pmHeavy(1800)));
        changes = feed(engine, station, pm25, beijing(8), steady(160, 11, 30));
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].sinceMs, beijing(8));
    }

    void reloadClearsAlarmsOfChangedOrRemovedRules_data()
    {
        QTest::addColumn<QByteArray>("rules");
        QTest::newRow("changed") << QByteArray(pmHeavy()).replace("\"above\": 150", "\"above\": 160");
        QTest::newRow("removed") << QByteArray(R"({"id": "other", "title": "t", "domain": "air", "metric": "pm25",
            "type": "threshold", "above": 75, "severity": "minor", "incident_kind": "pollution"})");
    }

    void reloadClearsAlarmsOfChangedOrRemovedRules()
    {
        QFETCH(QByteArray, rules);
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy()));
        std::vector<SensorAlarm> changes = feed(engine, station, pm25, beijing(8), Series { { 0, 170 } });
        changes.clear();
        const auto next = ruleSet(rules);
        QVERIFY(next);
        engine.setRules(next, &changes);
        QCOMPARE(changes.size(), size_t(1));
        QCOMPARE(changes[0].state, SensorAlarm::State::Cleared);
        QCOMPARE(changes[0].id, QStringLiteral("air.pm25.heavy/air-610404-003"));
        QVERIFY2(
            changes[0].explanation.contains(QStringLiteral("规则已修改或删除")), qPrintable(changes[0].explanation));
        QCOMPARE(engine.activeCount(), 0);
        QVERIFY(engine.active().empty() || engine.active()[0].ruleId == QStringLiteral("other"));
    }

    void aSensorMovingDistrictEndsTheRulesThatNoLongerApply()
    {
        RuleEngine engine;
        engine.setRules(ruleSet(pmHeavy(0, R"(, "districts": ["610404"])")));
        std::vector<SensorAlarm> changes;
        engine.observe(sample(station, beijing(8), pm25, 170), &changes);
        TelemetrySample moved = sample(station, beijing(8, 1), pm25, 170);
        moved.district = QStringLiteral("610402");
        engine.observe(moved, &changes);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[1].state, SensorAlarm::State::Cleared);
        QCOMPARE(engine.activeCount(), 0);
        QCOMPARE(engine.stateCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRuleEngine)
#include "tst_ruleengine.moc"
