#include "alarmtext.h"
#include "rulefixtures.h"

#include <QTest>

using namespace citybrain;
using namespace citybrain::fixtures;

class TestAlarmText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("zh");
        QTest::addColumn<QString>("en");
        QTest::newRow("seconds") << 59 * second << "不到 1 分钟"
                                 << "under 1 min";
        QTest::newRow("minutes") << 35 * minute + 20 * second << "35 分钟"
                                 << "35 min";
        QTest::newRow("hours and minutes") << 125 * minute << "2 小时 5 分钟"
                                           << "2 h 5 min";
        QTest::newRow("whole hours") << 120 * minute << "2 小时"
                                     << "2 h";
        QTest::newRow("days") << (27 * 60 + 40) * minute << "1 天 3 小时"
                              << "1 d 3 h";
    }

    void durations()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, zh);
        QFETCH(QString, en);
        QCOMPARE(alarmtext::durationZh(ms), zh);
        QCOMPARE(alarmtext::durationEn(ms), en);
    }

    void valuesUseTheMetricsDecimals()
    {
        using alarmtext::metricInfo;
        QCOMPARE(alarmtext::withUnit(168.0, metricInfo(QStringLiteral("pm25"))), QStringLiteral("168 µg/m³"));
        QCOMPARE(alarmtext::withUnit(168.44, metricInfo(QStringLiteral("pm25"))), QStringLiteral("168.4 µg/m³"));
        QCOMPARE(alarmtext::withUnit(4.5, metricInfo(QStringLiteral("level"))), QStringLiteral("4.50 m"));
        QCOMPARE(alarmtext::withUnit(87, metricInfo(QStringLiteral("aqi"))), QStringLiteral("87"));
        QCOMPARE(alarmtext::withUnit(6.24, metricInfo(QStringLiteral("congestion"))), QStringLiteral("6.2"));
        QCOMPARE(alarmtext::formatRate(0.025, metricInfo(QStringLiteral("level"))), QStringLiteral("+0.025"));
        QCOMPARE(alarmtext::formatRate(-3.5, metricInfo(QStringLiteral("speed"))), QStringLiteral("-3.5"));
        QCOMPARE(alarmtext::withUnit(1.234, metricInfo(QStringLiteral("unknown_metric"))), QStringLiteral("1.23"));
    }

    void clockIsBeijingTimeWithTheDateWhenNotToday()
    {
        QCOMPARE(alarmtext::clockZh(beijing(8, 30), beijing(9)), QStringLiteral("08:30"));
        QCOMPARE(alarmtext::clockZh(beijing(22, 10, 28), beijing(9)), QStringLiteral("11月28日 22:10"));
        QCOMPARE(alarmtext::clockEn(beijing(22, 10, 28), beijing(9)), QStringLiteral("11-28 22:10"));
        // 00:30 Beijing is still the previous day in UTC: ids use the Beijing date.
        QCOMPARE(alarmtext::dateDigits(beijing(0, 30)), QStringLiteral("20261129"));
        QCOMPARE(alarmtext::timeDigits(beijing(0, 30)), QStringLiteral("0030"));
    }

    void namesOfDistrictsSensorsAndKinds()
    {
        QCOMPARE(alarmtext::districtZh(QStringLiteral("610404")), QStringLiteral("渭城区"));
        QCOMPARE(alarmtext::districtEn(QStringLiteral("610404")), QStringLiteral("Weicheng"));
        QCOMPARE(alarmtext::districtZh(QStringLiteral("999999")), QStringLiteral("999999"));
        QCOMPARE(alarmtext::sensorNounZh(QStringLiteral("water")), QStringLiteral("水位站"));
        QCOMPARE(alarmtext::incidentKindZh(QStringLiteral("waterlogging")), QStringLiteral("积水"));
        QCOMPARE(alarmtext::incidentKindZh(QStringLiteral("hail")), QStringLiteral("hail"));
    }

    void joinSpacesLatinFromChinese()
    {
        QCOMPARE(alarmtext::join(QStringLiteral("PM2.5"), QStringLiteral("超过")), QStringLiteral("PM2.5 超过"));
        QCOMPARE(alarmtext::join(QStringLiteral("水位"), QStringLiteral("超过")), QStringLiteral("水位超过"));
        QCOMPARE(alarmtext::join(QStringLiteral("警戒水位"), QStringLiteral("3.50")), QStringLiteral("警戒水位 3.50"));
        QCOMPARE(alarmtext::join(QString(), QStringLiteral("超过")), QStringLiteral("超过"));
    }
};

QTEST_GUILESS_MAIN(TestAlarmText)
#include "tst_alarmtext.moc"
