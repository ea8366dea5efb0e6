#include "sensorbaseline.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace citybrain;

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 weekMs = 7 * 24 * hourMs;

qint64 utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

qint64 beijing(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

// Wednesday 4 November 2026, 08:00 Beijing: slot 2 * 24 + 8.
const qint64 wednesday8 = beijing(2026, 11, 4, 8);
constexpr int wednesday8Slot = 56;

HourlyMean hour(qint64 bucketMs, double mean, qint64 count = 1, double range = 0)
{
    HourlyMean h;
    h.bucketMs = bucketMs;
    h.count = count;
    h.mean = mean;
    h.min = mean - range / 2;
    h.max = mean + range / 2;
    h.first = h.min;
    h.last = h.max;
    return h;
}

double gaussian(QRandomGenerator& rng)
{
    const double u1 = std::max(1e-12, rng.generateDouble());
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * rng.generateDouble());
}

} // namespace

class TestSensorBaseline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hourOfWeekIsBeijingTime()
    {
        // Tuesday 23:30 UTC is Wednesday 07:30 in Beijing.
        const qint64 tuesdayLate = utc(2026, 11, 3, 23, 30);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(tuesdayLate, QTimeZone::utc()).date().dayOfWeek(), 2);
        QCOMPARE(BeijingWeek::hourOfWeek(tuesdayLate), 2 * 24 + 7);
        QCOMPARE(BeijingWeek::slotName(BeijingWeek::hourOfWeek(tuesdayLate)), QStringLiteral("周三 07 时"));
        // The Beijing week starts at Sunday 16:00 UTC.
        QCOMPARE(BeijingWeek::hourOfWeek(utc(2026, 11, 1, 16)), 0);
        QCOMPARE(BeijingWeek::hourOfWeek(utc(2026, 11, 1, 16) - 1), 167);
        QCOMPARE(BeijingWeek::weekIndex(utc(2026, 11, 1, 16)), BeijingWeek::weekIndex(utc(2026, 11, 1, 16) - 1) + 1);
        QCOMPARE(BeijingWeek::slotName(167), QStringLiteral("周日 23 时"));
        QCOMPARE(BeijingWeek::hourOfWeek(wednesday8), wednesday8Slot);
        // Before the epoch too.
        QCOMPARE(BeijingWeek::hourOfWeek(utc(1969, 12, 28, 16)), 0); // Monday 29 Dec 1969 00:00 Beijing
        QCOMPARE(BeijingWeek::hourOfWeek(utc(1969, 12, 29, 16)), 24);
    }

    void seedingFromUtcBucketsLandsInBeijingSlots()
    {
        // Rollup buckets are epoch hours; the one starting Tuesday 23:00 UTC is Wednesday 07 h in Beijing.
        SensorBaseline b;
        const SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        for (int w = 0; w < 4; ++w)
            hours.push_back(hour(utc(2026, 11, 3, 23) - w * weekMs, 42.0));
        b.seed(hours, p);
        QCOMPARE(b.learnedSlots(utc(2026, 11, 3, 23, 30), p), 1);
        QVERIFY(b.isLearned(2 * 24 + 7, utc(2026, 11, 3, 23, 30), p));
        const SensorBaseline::Expectation e = b.expect(utc(2026, 11, 3, 23, 30), p);
        QCOMPARE(e.slot, 2 * 24 + 7);
        QVERIFY(e.learned);
        QCOMPARE(e.centre, 42.0);
    }

    void seedTakesTheMedianAndTheScaledMadOfEachSlot()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        // Four Wednesdays at 08: one week had an incident (30); it moves neither centre nor spread much.
        const double means[] = { 10, 11, 12, 30 };
        std::vector<HourlyMean> hours;
        for (int w = 0; w < 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, means[w]));
        b.seed(hours, p);
        const SensorBaseline::Slot& s = b.slot(wednesday8Slot);
        QCOMPARE(s.weeks, quint16(4));
        QCOMPARE(s.centre, 11.5);
        // |deviations| 1.5, 0.5, 0.5, 18.5: median 1.0.
        QVERIFY(qFuzzyCompare(s.spread, 1.4826));
        QCOMPARE(s.lastWeek, qint32(BeijingWeek::weekIndex(wednesday8)));
    }

    void seedAddsTheScatterInsideAnHour()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        // Equal means (no week-to-week scatter); 60 readings an hour spread as normal values with sd 2.
        for (int w = 0; w < 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, 20.0, 60, 2.0 * SensorBaseline::expectedNormalRange(60)));
        b.seed(hours, p);
        QVERIFY(qFuzzyCompare(b.slot(wednesday8Slot).spread, 2.0));
        QVERIFY(std::abs(SensorBaseline::expectedNormalRange(10) - 3.078) < 0.02);
        QVERIFY(std::abs(SensorBaseline::expectedNormalRange(100) - 5.015) < 0.03);
        QCOMPARE(SensorBaseline::expectedNormalRange(1), 0.0);
    }

    void aSlotWithFewerThanThreeWeeksIsNotLearned()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        b.seed({ hour(wednesday8, 5), hour(wednesday8 - weekMs, 5) }, p);
        QCOMPARE(b.slot(wednesday8Slot).weeks, quint16(2));
        const qint64 nextWeek = wednesday8 + weekMs + 10 * minuteMs;
        QVERIFY(!b.expect(nextWeek, p).learned);
        QCOMPARE(b.expect(nextWeek, p).weeks, 2);
        QCOMPARE(b.learnedSlots(nextWeek, p), 0);
        SensorBaseline::Params lenient = p;
        lenient.minWeeks = 2;
        QVERIFY(b.expect(nextWeek, lenient).learned);
        // The current week's data is not a week's worth yet.
        QCOMPARE(b.expect(wednesday8 + 10 * minuteMs, lenient).weeks, 1);
        QVERIFY(!b.expect(wednesday8 + 10 * minuteMs, lenient).learned);
    }

    void expectationInterpolatesBetweenSlotMidpoints()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        for (int w = 1; w <= 3; ++w) {
            hours.push_back(hour(wednesday8 - w * weekMs, 2.0));
            hours.push_back(hour(wednesday8 + hourMs - w * weekMs, 6.0));
        }
        b.seed(hours, p);
        QCOMPARE(b.expect(wednesday8 + 30 * minuteMs, p).centre, 2.0);
        QCOMPARE(b.expect(wednesday8 + 45 * minuteMs, p).centre, 3.0);
        QCOMPARE(b.expect(wednesday8 + hourMs, p).centre, 4.0);
        QCOMPARE(b.expect(wednesday8 + hourMs, p).slot, wednesday8Slot + 1);
        QCOMPARE(b.expect(wednesday8 + 90 * minuteMs, p).centre, 6.0);
        // 07 h is not learned: before 08:30 the slot's own centre stands.
        QCOMPARE(b.expect(wednesday8 + 5 * minuteMs, p).centre, 2.0);
    }

    void theSpreadHasAFloor()
    {
        SensorBaseline b;
        SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        for (int w = 0; w < 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, 100.0)); // a flat series: no spread at all
        b.seed(hours, p);
        QCOMPARE(b.slot(wednesday8Slot).spread, 0.0);
        p.minSpread = 0.5;
        QCOMPARE(b.expect(wednesday8, p).spread, 0.5);
        p.minRelativeSpread = 0.05;
        QCOMPARE(b.expect(wednesday8, p).spread, 5.0);
    }

    void aSensorWithoutHistoryIsLearnedLiveAfterThreeWeeks()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        QRandomGenerator rng(3);
        const qint64 start = beijing(2026, 11, 2, 0);
        for (int week = 0; week < 3; ++week) {
            QCOMPARE(b.learnedSlots(start + week * weekMs, p), 0);
            for (qint64 ts = start + week * weekMs; ts < start + (week + 1) * weekMs; ts += minuteMs)
                b.learn(ts, 50.0 + 4.0 * gaussian(rng), true, p);
        }
        QCOMPARE(b.learnedSlots(start + 3 * weekMs, p), 168);
        const SensorBaseline::Expectation e = b.expect(start + 3 * weekMs + 2 * hourMs, p);
        QVERIFY(e.learned);
        QCOMPARE(e.weeks, 3);
        QVERIFY2(std::abs(e.centre - 50.0) < 1.5, qPrintable(QString::number(e.centre)));
        QVERIFY2(std::abs(e.spread - 4.0) < 1.0, qPrintable(QString::number(e.spread)));
    }

    void learningFollowsASlowShiftAndBarelyMovesForAnOutlierHour()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        for (int w = 1; w <= 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, 10.0 + (w % 2 ? 0.5 : -0.5)));
        b.seed(hours, p);
        const double spread = b.slot(wednesday8Slot).spread;
        QVERIFY(spread > 0.5);
        // An hour of readings 10 spreads above: the median moves by at most rate * spread per minute.
        for (int m = 0; m < 60; ++m)
            b.learn(wednesday8 + m * minuteMs, 10.0 + 10 * spread, false, p);
        const double moved = b.slot(wednesday8Slot).centre - 10.0;
        QVERIFY2(moved <= 60 * p.centreRatePerMinute * spread + 1e-9, qPrintable(QString::number(moved)));
        QVERIFY(moved > 0);
        QCOMPARE(b.slot(wednesday8Slot).spread, spread); // learnSpread false: unchanged
        QCOMPARE(b.slot(wednesday8Slot).weeks, quint16(5));
        // A level one spread higher from next week on is reached within that week's hour.
        for (int m = 0; m < 60; ++m)
            b.learn(wednesday8 + weekMs + m * minuteMs, b.slot(wednesday8Slot).centre + spread, true, p);
        QVERIFY(b.slot(wednesday8Slot).centre > 10.0 + moved + 0.9 * spread);
    }

    void oneOutlierDoesNotWidenTheSpread()
    {
        SensorBaseline b;
        const SensorBaseline::Params p;
        std::vector<HourlyMean> hours;
        for (int w = 1; w <= 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, 10.0, 60, 1.0 * SensorBaseline::expectedNormalRange(60)));
        b.seed(hours, p);
        const double before = b.slot(wednesday8Slot).spread;
        b.learn(wednesday8, 10.0, true, p);
        b.learn(wednesday8 + minuteMs, 1000.0, true, p); // winsorized at winsorScore spreads
        const double after = b.slot(wednesday8Slot).spread;
        QVERIFY2(after < before * (1 + p.spreadRatePerMinute * (1.2533 * p.winsorScore)),
            qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    }

    void learningDoesNotDependOnTheReportingRate()
    {
        const SensorBaseline::Params p;
        SensorBaseline everyMinute;
        SensorBaseline everyFiveSeconds;
        std::vector<HourlyMean> hours;
        for (int w = 1; w <= 4; ++w)
            hours.push_back(hour(wednesday8 - w * weekMs, 10.0, 60, SensorBaseline::expectedNormalRange(60)));
        everyMinute.seed(hours, p);
        everyFiveSeconds.seed(hours, p);
        for (qint64 t = 0; t < hourMs; t += 5000) {
            if (t % minuteMs == 0)
                everyMinute.learn(wednesday8 + t, 12.0, true, p);
            everyFiveSeconds.learn(wednesday8 + t, 12.0, true, p);
        }
        const double a = everyMinute.slot(wednesday8Slot).centre;
        const double b = everyFiveSeconds.slot(wednesday8Slot).centre;
        QVERIFY(a > 10.3);
        QVERIFY2(std::abs(a - b) < 0.05, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
    }

    void memoryIsBoundedPerSeries()
    {
        QVERIFY(sizeof(SensorBaseline::Slot) <= 32);
        QVERIFY(sizeof(SensorBaseline) <= 168 * 32 + 16);
    }
};

QTEST_GUILESS_MAIN(TestSensorBaseline)
#include "tst_sensorbaseline.moc"
