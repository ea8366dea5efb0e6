// The wall's district ranking: a metric's value per district from the live services (sensor means,
// open incidents, active alarms), worst first, its status by the metric's lines, at most `count` rows.
#include "districtranking.h"
#include "incidentmodel.h"
#include "sensoralarmmodel.h"
#include "sensormarkers.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;
const QString qindu = QStringLiteral("610402"); // 秦都区
const QString weicheng = QStringLiteral("610404"); // 渭城区
const QString xingping = QStringLiteral("610481"); // 兴平市

TelemetrySample air(const QString& sensor, const QString& district, double aqi, double pm25 = 30)
{
    TelemetrySample s;
    s.sensorId = sensor;
    s.domain = QStringLiteral("air");
    s.district = district;
    s.tsMs = t0;
    s.lon = 108.70;
    s.lat = 34.33;
    s.values = { { QStringLiteral("aqi"), aqi }, { QStringLiteral("pm25"), pm25 } };
    return s;
}

IncidentEvent incident(const QString& id, const QString& district, Severity severity, const QString& status = "new")
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("12345-hotline");
    e.seq = 1;
    e.tsMs = t0;
    e.kind = QStringLiteral("city_management");
    e.severity = severity;
    e.status = status;
    e.title = id;
    e.district = district;
    e.lon = 108.70;
    e.lat = 34.33;
    return e;
}

SensorAlarm alarm(const QString& sensor, const QString& district, Severity severity, bool raised = true)
{
    SensorAlarm a;
    a.id = QStringLiteral("air.aqi.light/") + sensor;
    a.ruleId = QStringLiteral("air.aqi.light");
    a.sensorId = sensor;
    a.domain = QStringLiteral("air");
    a.metric = QStringLiteral("aqi");
    a.district = district;
    a.severity = severity;
    a.state = raised ? SensorAlarm::State::Raised : SensorAlarm::State::Cleared;
    a.sinceMs = t0;
    a.tsMs = t0;
    return a;
}

// The services as main() provides them, withdrawn when the test ends.
struct City
{
    IncidentModel incidents { nullptr };
    SensorAlarmModel alarms { &incidents, nullptr };
    SensorMarkers sensors { &alarms, nullptr };

    City()
    {
        IncidentModel::provide(&incidents);
        SensorAlarmModel::provide(&alarms);
        SensorMarkers::provide(&sensors);
    }
    ~City()
    {
        IncidentModel::provide(nullptr);
        SensorAlarmModel::provide(nullptr);
        SensorMarkers::provide(nullptr);
    }
};

QVariant at(const DistrictRanking& ranking, int row, DistrictRanking::Roles role)
{
    return ranking.data(ranking.index(row), role);
}

} // namespace

class TestDistrictRanking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aqiIsTheMeanOfTheDistrictsSensorsWorstFirst()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 80), air("a2", qindu, 120), air("a3", weicheng, 160) }, t0);
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        QCOMPARE(ranking.rowCount(), 2);
        QCOMPARE(at(ranking, 0, DistrictRanking::DistrictRole).toString(), weicheng);
        QCOMPARE(at(ranking, 0, DistrictRanking::NameRole).toString(), QStringLiteral("渭城区"));
        QCOMPARE(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 160.0);
        QCOMPARE(at(ranking, 1, DistrictRanking::NameRole).toString(), QStringLiteral("秦都区"));
        QCOMPARE(at(ranking, 1, DistrictRanking::ValueRole).toDouble(), 100.0);
        QCOMPARE(at(ranking, 1, DistrictRanking::SamplesRole).toInt(), 2);
    }

    void theShareIsTheValueOverTheLargest()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 100), air("a3", weicheng, 160) }, t0);
        DistrictRanking ranking;
        QCOMPARE(at(ranking, 0, DistrictRanking::ShareRole).toDouble(), 1.0);
        QCOMPARE(at(ranking, 1, DistrictRanking::ShareRole).toDouble(), 100.0 / 160.0);
    }

    void aqiStatusFollowsTheLinesAt100And150()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 100), air("a2", weicheng, 101), air("a3", xingping, 151) }, t0);
        DistrictRanking ranking;
        QCOMPARE(at(ranking, 0, DistrictRanking::StatusRole).toString(), QStringLiteral("alarm"));
        QCOMPARE(at(ranking, 1, DistrictRanking::StatusRole).toString(), QStringLiteral("warning"));
        QCOMPARE(at(ranking, 2, DistrictRanking::StatusRole).toString(), QStringLiteral("normal"));
    }

    void pm25UsesItsOwnLinesAndUnit()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 50, 90) }, t0);
        DistrictRanking ranking;
        ranking.setMetric(QStringLiteral("pm25"));
        QCOMPARE(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 90.0);
        QCOMPARE(at(ranking, 0, DistrictRanking::StatusRole).toString(), QStringLiteral("warning"));
        QCOMPARE(at(ranking, 0, DistrictRanking::UnitRole).toString(), QStringLiteral("µg/m³"));
    }

    void noiseAveragesTheLaeqOfNoiseSensors()
    {
        City city;
        TelemetrySample noise = air("n1", weicheng, 0);
        noise.domain = QStringLiteral("noise");
        noise.values = { { QStringLiteral("laeq"), 72.0 } };
        city.sensors.apply({ noise, air("a1", qindu, 80) }, t0);
        DistrictRanking ranking;
        ranking.setMetric(QStringLiteral("noise"));
        QCOMPARE(ranking.rowCount(), 1);
        QCOMPARE(at(ranking, 0, DistrictRanking::StatusRole).toString(), QStringLiteral("alarm"));
        QCOMPARE(ranking.unit(), QStringLiteral("dB(A)"));
    }

    void offlineSensorsAreLeftOut()
    {
        City city;
        city.sensors.apply({ air("old", qindu, 300) }, t0);
        city.sensors.apply({ air("new", qindu, 60) }, t0 + 60'000);
        city.sensors.tick(t0 + 60'000); // "old" has been silent for a minute
        DistrictRanking ranking;
        QCOMPARE(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 60.0);
    }

    void countLimitsTheRows()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 80), air("a2", weicheng, 90), air("a3", xingping, 100) }, t0);
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        QSignalSpy rows(&ranking, &DistrictRanking::rowsChanged);
        ranking.setCount(2);
        QCOMPARE(ranking.rowCount(), 2);
        QCOMPARE(at(ranking, 1, DistrictRanking::DistrictRole).toString(), weicheng);
        QCOMPARE(rows.count(), 1);
    }

    void openIncidentsCountPerDistrictAndP1IsAnAlarm()
    {
        City city;
        city.incidents.apply({ incident("i1", weicheng, Severity::Critical), incident("i2", qindu, Severity::Minor),
            incident("i3", qindu, Severity::Minor), incident("i4", xingping, Severity::Minor, "closed") });
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        ranking.setMetric(QStringLiteral("incidents_open"));
        QCOMPARE(at(ranking, 0, DistrictRanking::NameRole).toString(), QStringLiteral("秦都区"));
        QCOMPARE(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 2.0);
        QCOMPARE(at(ranking, 0, DistrictRanking::StatusRole).toString(), QStringLiteral("warning"));
        QCOMPARE(at(ranking, 1, DistrictRanking::NameRole).toString(), QStringLiteral("渭城区"));
        QCOMPARE(at(ranking, 1, DistrictRanking::StatusRole).toString(), QStringLiteral("alarm"));
        // The closed one does not count; the quiet districts show as zero.
        QCOMPARE(at(ranking, 2, DistrictRanking::ValueRole).toDouble(), 0.0);
        QCOMPARE(at(ranking, 2, DistrictRanking::StatusRole).toString(), QStringLiteral("normal"));
        QCOMPARE(ranking.rowCount(), DistrictRanking::defaultCount);
    }

    void activeAlarmsCountPerDistrictAndClearedOnesDoNot()
    {
        City city;
        city.alarms.apply({ alarm("a1", weicheng, Severity::Minor), alarm("a2", weicheng, Severity::Major),
            alarm("a3", qindu, Severity::Minor), alarm("a3", qindu, Severity::Minor, false) });
        DistrictRanking ranking;
        ranking.setMetric(QStringLiteral("alarms"));
        QCOMPARE(at(ranking, 0, DistrictRanking::NameRole).toString(), QStringLiteral("渭城区"));
        QCOMPARE(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 2.0);
        QCOMPARE(at(ranking, 0, DistrictRanking::StatusRole).toString(), QStringLiteral("alarm"));
        QCOMPARE(at(ranking, 1, DistrictRanking::ValueRole).toDouble(), 0.0);
    }

    void newReadingsShowWithinASecondWithoutAReset()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 80), air("a2", weicheng, 60) }, t0);
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        QSignalSpy resets(&ranking, &QAbstractItemModel::modelReset);
        TelemetrySample newer = air("a1", qindu, 90);
        newer.tsMs = t0 + 5000;
        city.sensors.apply({ newer }, t0 + 5000);
        QTRY_COMPARE_WITH_TIMEOUT(at(ranking, 0, DistrictRanking::ValueRole).toDouble(), 90.0, 2000);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(ranking.dataMs(), double(t0 + 5000));
    }

    void aNewIncidentReordersTheRanking()
    {
        City city;
        city.incidents.apply({ incident("i1", qindu, Severity::Minor) });
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        ranking.setMetric(QStringLiteral("incidents_open"));
        QCOMPARE(at(ranking, 0, DistrictRanking::DistrictRole).toString(), qindu);
        city.incidents.apply({ incident("i2", xingping, Severity::Minor), incident("i3", xingping, Severity::Minor) });
        QTRY_COMPARE_WITH_TIMEOUT(at(ranking, 0, DistrictRanking::DistrictRole).toString(), xingping, 2000);
    }

    void withoutTheServicesTheRankingIsEmpty()
    {
        DistrictRanking ranking;
        QAbstractItemModelTester tester(&ranking);
        QCOMPARE(ranking.rowCount(), 0);
        ranking.setMetric(QStringLiteral("incidents_open"));
        QCOMPARE(ranking.rowCount(), 0);
        ranking.setMetric(QStringLiteral("alarms"));
        QCOMPARE(ranking.rowCount(), 0);
    }

    void anUnknownMetricShowsNothing()
    {
        City city;
        city.sensors.apply({ air("a1", qindu, 80) }, t0);
        DistrictRanking ranking;
        QVERIFY(ranking.knownMetric());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unknown metric")));
        ranking.setMetric(QStringLiteral("humidity"));
        QVERIFY(!ranking.knownMetric());
        QCOMPARE(ranking.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDistrictRanking)
#include "tst_districtranking.moc"
