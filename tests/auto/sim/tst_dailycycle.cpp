#include "dailycycle.h"

#include <QTest>

using citybrain::sim::DailyCycle;

class TestDailyCycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void trafficPeaksAtRushHoursAndIsLowAtNight()
    {
        const double night = DailyCycle::trafficDemand(3.0, false);
        const double morning = DailyCycle::trafficDemand(8.0, false);
        const double midday = DailyCycle::trafficDemand(13.0, false);
        const double evening = DailyCycle::trafficDemand(18.0, false);
        QVERIFY(night < 0.15);
        QVERIFY(morning > midday);
        QVERIFY(evening > midday);
        QVERIFY(midday > 3 * night);
    }

    void weekendRushIsFlatter()
    {
        QVERIFY(DailyCycle::trafficDemand(8.0, true) < DailyCycle::trafficDemand(8.0, false));
    }

    void heatingSeasonEveningsAreSmoggier()
    {
        QVERIFY(DailyCycle::particulateFactor(21.0, true) > DailyCycle::particulateFactor(21.0, false));
        QVERIFY(
            DailyCycle::particulateBaseline(QDate(2026, 12, 10)) > DailyCycle::particulateBaseline(QDate(2026, 7, 10)));
        QVERIFY(DailyCycle::particulateFactor(8.0, false) > DailyCycle::particulateFactor(3.0, false));
    }

    void ozonePeaksOnSummerAfternoons()
    {
        QVERIFY(DailyCycle::ozone(14.5, QDate(2026, 7, 1)) > DailyCycle::ozone(14.5, QDate(2026, 12, 1)));
        QVERIFY(DailyCycle::ozone(14.5, QDate(2026, 7, 1)) > DailyCycle::ozone(3.0, QDate(2026, 7, 1)));
    }

    void nightIsQuieter() { QVERIFY(DailyCycle::noiseOffset(2.0) < DailyCycle::noiseOffset(10.0) - 8.0); }

    void energyPeaksInTheEvening()
    {
        const QDate date(2026, 10, 14);
        QVERIFY(DailyCycle::energyFactor(20.0, date) > DailyCycle::energyFactor(13.0, date));
        QVERIFY(DailyCycle::energyFactor(13.0, date) > DailyCycle::energyFactor(4.0, date));
    }
};

QTEST_APPLESS_MAIN(TestDailyCycle)
#include "tst_dailycycle.moc"
