#pragma once

#include "historyreader.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <limits>
#include <vector>

namespace citybrain {

// The week in Beijing time (UTC+8, no daylight saving): the city's daily and weekly rhythms follow it,
// not UTC. Slot 0 is Monday 00:00-01:00 Beijing, slot 167 Sunday 23:00-24:00.
namespace BeijingWeek {
constexpr int slotCount = 168;
constexpr qint64 hourMs = 3600 * 1000;
constexpr qint64 weekMs = 7 * 24 * hourMs;
constexpr qint64 offsetMs = 8 * hourMs;
// The hour-of-week slot of an instant.
[[nodiscard]] int hourOfWeek(qint64 epochMs);
// Beijing weeks (starting Monday 00:00) since the epoch's week; counts the distinct weeks a slot saw.
[[nodiscard]] qint64 weekIndex(qint64 epochMs);
// "周三 08 时": the weekday and hour a slot stands for.
[[nodiscard]] QString slotName(int slot);
} // namespace BeijingWeek

// The usual behaviour of one series (a sensor's metric) over the week: for each of the 168 Beijing
// hour-of-week slots a robust centre (median) and spread (a robust standard deviation).
//
// Seeding (seed): from the 1-hour rollups of the past weeks. Per slot the centre is the median of its
// hourly means; the spread combines the week-to-week scatter (1.4826 x the median absolute deviation of
// the hourly means from their slot's median, pooled with the two neighbouring slots because a slot has
// only a handful of weeks) and the scatter of readings inside an hour (the rollup's max - min divided by
// the expected range of that many normal values): sqrt(between^2 + within^2). Each hourly mean counts as
// one week of the slot.
//
// Learning (learn): every live reading, O(1). The centre takes a stochastic-median step
// centre += rate * spread * sign(x - centre), rate = centreRatePerMinute per minute of readings (the time
// since the series' previous reading, at most maxGapMs: the result does not depend on the reporting
// rate); the spread follows an exponentially weighted absolute deviation from the expected value,
// winsorized at winsorScore spreads so one outlier cannot inflate it. A young slot (few minutes of
// readings) learns at 1/n instead, a plain running average, so a sensor without history starts quickly.
//
// Expectation (expect): the centre and spread at an instant, interpolated linearly between the midpoints
// of neighbouring slots (a rush-hour ramp is not a step at the full hour), with the spread floored
// (minSpread, minRelativeSpread x |centre|) so a flat series does not alarm on its last digit. A slot
// with data from fewer than minWeeks distinct weeks before the reading's week is not learned: nothing
// is scored against it (a sensor without history is scored from its fourth week on).
//
// Memory: 168 slots of 32 bytes plus one time stamp, about 5.4 kB per series. Not thread-safe.
class SensorBaseline
{
public:
    struct Params
    {
        int minWeeks = 3; // distinct weeks a slot must have seen before it is scored against
        double centreRatePerMinute = 0.02; // median step, in spreads per minute of readings
        double spreadRatePerMinute = 0.01; // weight of one minute of readings in the spread's average
        double minSpread = 0; // floor on the spread, in the metric's unit
        double minRelativeSpread = 0; // floor on the spread as a share of |centre|
        double winsorScore = 3; // a deviation beyond this many spreads counts as this many (learned slots)
        qint64 maxGapMs = 5 * 60 * 1000; // a longer gap between readings counts as this long
        qint64 firstGapMs = 60 * 1000; // weight of the first reading of a series
    };

    struct Slot
    {
        double centre = 0;
        double spread = 0; // unfloored
        float minutes = 0; // minutes of readings learned (a seeded hour counts 60), capped
        qint32 lastWeek = std::numeric_limits<qint32>::min(); // BeijingWeek::weekIndex of the latest data
        quint16 weeks = 0; // distinct weeks seen
    };

    struct Expectation
    {
        double centre = 0;
        double spread = 0; // floored
        int slot = 0;
        int weeks = 0; // distinct weeks of the reading's slot before the reading's week
        bool learned = false;
    };

    // Replaces the slots that have hours in `hours` (any order; an hour's bucketMs picks its slot).
    void seed(const std::vector<HourlyMean>& hours, const Params& params);
    [[nodiscard]] Expectation expect(qint64 tsMs, const Params& params) const;
    // One live reading. learnSpread false keeps the spread as it is (the detector passes false while an
    // anomaly is raised, so the anomaly does not widen what counts as usual).
    void learn(qint64 tsMs, double value, bool learnSpread, const Params& params);

    [[nodiscard]] const Slot& slot(int index) const { return m_slots[std::size_t(index)]; }
    // Distinct weeks of a slot before the week of atMs (the readings of the current week are not yet
    // a week's worth): what expect() calls the weeks behind a reading.
    [[nodiscard]] int completedWeeks(int index, qint64 atMs) const;
    // Whether a reading at atMs in this slot would be scored.
    [[nodiscard]] bool isLearned(int index, qint64 atMs, const Params& params) const
    {
        return completedWeeks(index, atMs) >= params.minWeeks;
    }
    [[nodiscard]] int learnedSlots(qint64 atMs, const Params& params) const;

    // The expected range (max - min) of n independent standard normal values (1.128 for 2, 3.08 for 10,
    // 5.0 for 100): turns a rollup's range into a standard deviation.
    [[nodiscard]] static double expectedNormalRange(qint64 n);

private:
    std::array<Slot, BeijingWeek::slotCount> m_slots {};
    qint64 m_lastTsMs = std::numeric_limits<qint64>::min();
};

} // namespace citybrain
