#include "indicatorboard.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace citybrain::sim;

namespace {
qint64 beijing(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

std::vector<SimSensor> sensors()
{
    std::vector<SimSensor> list(4);
    list[0].domain = QStringLiteral("air");
    list[0].last = { { QStringLiteral("aqi"), 80 }, { QStringLiteral("pm25"), 58 } };
    list[1].domain = QStringLiteral("air");
    list[1].last = { { QStringLiteral("aqi"), 120 }, { QStringLiteral("pm25"), 91 } };
    list[2].domain = QStringLiteral("traffic");
    list[2].last = { { QStringLiteral("congestion"), 2.0 }, { QStringLiteral("speed"), 50 } };
    list[3].domain = QStringLiteral("traffic");
    list[3].last = { { QStringLiteral("congestion"), 7.0 }, { QStringLiteral("speed"), 20 } };
    return list;
}

std::map<QString, SimIndicator> byId(const std::vector<SimIndicator>& list)
{
    std::map<QString, SimIndicator> map;
    for (const SimIndicator& i : list)
        map[i.id] = i;
    return map;
}
} // namespace

class TestIndicatorBoard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyIndicatorIsNamedAndPlanOnesHaveTargets()
    {
        IndicatorBoard board(1, beijing(2026, 11, 29, 10, 0));
        const auto map = byId(board.update(sensors(), 3, beijing(2026, 11, 29, 10, 0, 1)));
        QCOMPARE(int(map.size()), IndicatorBoard::ids().size());
        for (const QString& id : IndicatorBoard::ids()) {
            QVERIFY2(map.count(id), qPrintable(id));
            QVERIFY(!map.at(id).name.isEmpty());
            QVERIFY(!map.at(id).nameEn.isEmpty());
        }
        const std::map<QString, double> targets = { { QStringLiteral("plan.5g_stations"), 10000 },
            { QStringLiteral("plan.mobile_services"), 300 }, { QStringLiteral("plan.online_services_rate"), 95 },
            { QStringLiteral("plan.mobile_office_rate"), 80 }, { QStringLiteral("plan.cloud_systems_rate"), 100 },
            { QStringLiteral("plan.data_catalogued_rate"), 100 }, { QStringLiteral("air.aqi"), 100 } };
        for (const auto& [id, target] : targets) {
            QVERIFY2(map.at(id).target.has_value(), qPrintable(id));
            QCOMPARE(*map.at(id).target, target);
        }
        QVERIFY(!map.at(QStringLiteral("air.aqi")).higherIsBetter);
    }

    void citywideFiguresComeFromTheSensors()
    {
        IndicatorBoard board(1, beijing(2026, 11, 29, 10, 0));
        const auto map = byId(board.update(sensors(), 3, beijing(2026, 11, 29, 10, 0, 1)));
        QCOMPARE(map.at(QStringLiteral("air.aqi")).value, 100.0);
        QCOMPARE(map.at(QStringLiteral("air.pm25")).value, 74.5);
        QCOMPARE(map.at(QStringLiteral("traffic.free_flow_rate")).value, 50.0);
        QCOMPARE(map.at(QStringLiteral("traffic.congestion")).value, 4.5);
        QCOMPARE(map.at(QStringLiteral("incidents.open")).value, 3.0);
    }

    void sequenceCountsUpdates()
    {
        IndicatorBoard board(1, beijing(2026, 11, 29, 10, 0));
        for (int i = 1; i <= 3; ++i) {
            for (const SimIndicator& indicator : board.update(sensors(), 0, beijing(2026, 11, 29, 10, 0, i)))
                QCOMPARE(indicator.seq, qint64(i));
        }
    }

    void hotlineCasesGrowDuringTheDayAndResetAtMidnight()
    {
        IndicatorBoard board(1, beijing(2026, 11, 29, 23, 59, 0));
        auto cases = [&](qint64 ts) {
            return byId(board.update(sensors(), 0, ts)).at(QStringLiteral("hotline.cases_today")).value;
        };
        const double lateEvening = cases(beijing(2026, 11, 29, 23, 59, 30));
        QVERIFY(lateEvening > 500);
        board.countHotlineCase(beijing(2026, 11, 29, 23, 59, 40));
        QVERIFY(cases(beijing(2026, 11, 29, 23, 59, 50)) >= lateEvening + 1);
        QVERIFY(cases(beijing(2026, 11, 30, 0, 0, 1)) < 5);
    }
};

QTEST_APPLESS_MAIN(TestIndicatorBoard)
#include "tst_indicatorboard.moc"
