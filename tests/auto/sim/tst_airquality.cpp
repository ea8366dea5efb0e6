#include "airquality.h"

#include <QTest>

using citybrain::sim::AirQuality;

class TestAirQuality : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void subIndexAtBreakpoints_data()
    {
        QTest::addColumn<int>("pollutant");
        QTest::addColumn<double>("concentration");
        QTest::addColumn<double>("iaqi");
        QTest::newRow("pm25 zero") << int(AirQuality::Pollutant::Pm25) << 0.0 << 0.0;
        QTest::newRow("pm25 35") << int(AirQuality::Pollutant::Pm25) << 35.0 << 50.0;
        QTest::newRow("pm25 75") << int(AirQuality::Pollutant::Pm25) << 75.0 << 100.0;
        QTest::newRow("pm25 55") << int(AirQuality::Pollutant::Pm25) << 55.0 << 75.0;
        QTest::newRow("pm25 250") << int(AirQuality::Pollutant::Pm25) << 250.0 << 300.0;
        QTest::newRow("pm10 150") << int(AirQuality::Pollutant::Pm10) << 150.0 << 100.0;
        QTest::newRow("no2 1h 200") << int(AirQuality::Pollutant::No2) << 200.0 << 100.0;
        QTest::newRow("o3 1h 160") << int(AirQuality::Pollutant::O3) << 160.0 << 50.0;
        QTest::newRow("beyond the table") << int(AirQuality::Pollutant::Pm25) << 900.0 << 500.0;
    }
    void subIndexAtBreakpoints()
    {
        QFETCH(int, pollutant);
        QFETCH(double, concentration);
        QFETCH(double, iaqi);
        QCOMPARE(AirQuality::subIndex(static_cast<AirQuality::Pollutant>(pollutant), concentration), iaqi);
    }

    void aqiIsTheWorstSubIndexRoundedUp()
    {
        // PM2.5 55.5 -> IAQI 75.625; the others are lower.
        QCOMPARE(AirQuality::aqi(55.5, 60, 40, 80), 76);
        // Ozone dominates on a clean summer afternoon: 240 µg/m³ -> 100 + 50 * 40 / 100 = 120.
        QCOMPARE(AirQuality::aqi(10, 20, 20, 240), 120);
    }
};

QTEST_APPLESS_MAIN(TestAirQuality)
#include "tst_airquality.moc"
