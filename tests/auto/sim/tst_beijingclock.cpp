#include "beijingclock.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace citybrain::sim;

namespace {
qint64 utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()).toMSecsSinceEpoch();
}
} // namespace

class TestBeijingClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hourIsUtcPlusEight() { QCOMPARE(BeijingClock::hourOfDay(utc(2026, 11, 29, 0, 30)), 8.5); }

    void dateRollsOverAtBeijingMidnight()
    {
        QCOMPARE(BeijingClock::date(utc(2026, 11, 28, 15, 59)), QDate(2026, 11, 28));
        QCOMPARE(BeijingClock::date(utc(2026, 11, 28, 16, 0)), QDate(2026, 11, 29));
        QCOMPARE(BeijingClock::compactDate(utc(2026, 11, 28, 16, 0)), QStringLiteral("20261129"));
        QCOMPARE(BeijingClock::secondOfDay(utc(2026, 11, 28, 16, 1)), 60);
    }

    void rfc3339CarriesTheZone()
    {
        QCOMPARE(
            BeijingClock::rfc3339(utc(2026, 11, 29, 0, 30) + 250), QStringLiteral("2026-11-29T08:30:00.250+08:00"));
    }

    void heatingSeasonIsMidNovemberToMidMarch()
    {
        QVERIFY(BeijingClock::isHeatingSeason(QDate(2026, 11, 15)));
        QVERIFY(BeijingClock::isHeatingSeason(QDate(2027, 1, 20)));
        QVERIFY(BeijingClock::isHeatingSeason(QDate(2027, 3, 15)));
        QVERIFY(!BeijingClock::isHeatingSeason(QDate(2027, 3, 16)));
        QVERIFY(!BeijingClock::isHeatingSeason(QDate(2026, 11, 14)));
        QVERIFY(!BeijingClock::isHeatingSeason(QDate(2026, 7, 1)));
    }
};

QTEST_APPLESS_MAIN(TestBeijingClock)
#include "tst_beijingclock.moc"
