#include "sensorbaseline.h"

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr float maxMinutes = 1.0e6f;
constexpr double madToSigma = 1.4826; // MAD of a normal distribution -> its standard deviation
constexpr double meanAbsToSigma = 1.2533; // mean absolute deviation of a normal -> its standard deviation

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Local (Beijing) hours since the epoch, shifted so that 0 is a Monday 00:00 (1970-01-01 was a Thursday).
qint64 mondayHours(qint64 epochMs)
{
    return floorDiv(epochMs + BeijingWeek::offsetMs, BeijingWeek::hourMs) + 3 * 24;
}

double median(std::vector<double>& values)
{
    const std::size_t n = values.size();
    const auto middle = values.begin() + std::ptrdiff_t(n / 2);
    std::nth_element(values.begin(), middle, values.end());
    const double upper = *middle;
    if (n % 2 == 1)
        return upper;
    return (*std::max_element(values.begin(), middle) + upper) / 2.0;
}

// Inverse of the standard normal distribution for 0.5 <= p < 1 (Abramowitz & Stegun 26.2.23, error
// below 4.5e-4).
double normalQuantileUpper(double p)
{
    const double t = std::sqrt(-2.0 * std::log(1.0 - p));
    return t
        - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}

int wrap(int slot)
{
    return (slot + BeijingWeek::slotCount) % BeijingWeek::slotCount;
}

} // namespace

int BeijingWeek::hourOfWeek(qint64 epochMs)
{
    const qint64 h = mondayHours(epochMs);
    return int(h - floorDiv(h, 168) * 168);
}

qint64 BeijingWeek::weekIndex(qint64 epochMs)
{
    return floorDiv(mondayHours(epochMs), 168);
}

QString BeijingWeek::slotName(int slot)
{
    static const QString days[] = { QStringLiteral("周一"), QStringLiteral("周二"), QStringLiteral("周三"),
        QStringLiteral("周四"), QStringLiteral("周五"), QStringLiteral("周六"), QStringLiteral("周日") };
    const int s = wrap(slot);
    return QStringLiteral("%1 %2 时").arg(days[s / 24]).arg(s % 24, 2, 10, QLatin1Char('0'));
}

double SensorBaseline::expectedNormalRange(qint64 n)
{
    if (n < 2)
        return 0;
    // Blom's approximation of the expected largest of n normal values, doubled.
    const double p = (double(n) - 0.375) / (double(n) + 0.25);
    return 2.0 * normalQuantileUpper(p);
}

void SensorBaseline::seed(const std::vector<HourlyMean>& hours, const Params& params)
{
    Q_UNUSED(params)
    std::array<std::vector<double>, BeijingWeek::slotCount> means;
    std::array<std::vector<double>, BeijingWeek::slotCount> within;
    std::array<qint64, BeijingWeek::slotCount> latest;
    latest.fill(std::numeric_limits<qint64>::min());
    for (const HourlyMean& h : hours) {
        if (h.count <= 0 || !std::isfinite(h.mean))
            continue;
        const auto s = std::size_t(BeijingWeek::hourOfWeek(h.bucketMs));
        means[s].push_back(h.mean);
        if (h.count >= 2 && std::isfinite(h.max - h.min))
            within[s].push_back(std::max(0.0, h.max - h.min) / expectedNormalRange(h.count));
        latest[s] = std::max(latest[s], h.bucketMs);
    }
    std::array<double, BeijingWeek::slotCount> centres {};
    std::array<std::vector<double>, BeijingWeek::slotCount> deviations;
    for (std::size_t s = 0; s < means.size(); ++s) {
        if (means[s].empty())
            continue;
        std::vector<double> values = means[s];
        centres[s] = median(values);
        for (const double m : means[s])
            deviations[s].push_back(std::abs(m - centres[s]));
    }
    for (int s = 0; s < BeijingWeek::slotCount; ++s) {
        const auto i = std::size_t(s);
        if (means[i].empty())
            continue;
        std::vector<double> pooled;
        for (const int n : { wrap(s - 1), s, wrap(s + 1) })
            pooled.insert(pooled.end(), deviations[std::size_t(n)].begin(), deviations[std::size_t(n)].end());
        const double between = madToSigma * median(pooled);
        const double inHour = within[i].empty() ? 0.0 : median(within[i]);
        Slot& slot = m_slots[i];
        slot.centre = centres[i];
        slot.spread = std::hypot(between, inHour);
        slot.weeks = quint16(std::min<std::size_t>(means[i].size(), 65535));
        slot.minutes = std::min(maxMinutes, 60.0f * float(slot.weeks));
        slot.lastWeek = qint32(BeijingWeek::weekIndex(latest[i]));
    }
}

SensorBaseline::Expectation SensorBaseline::expect(qint64 tsMs, const Params& params) const
{
    Expectation e;
    e.slot = BeijingWeek::hourOfWeek(tsMs);
    const Slot& own = m_slots[std::size_t(e.slot)];
    e.weeks = completedWeeks(e.slot, tsMs);
    e.learned = e.weeks >= params.minWeeks;
    e.centre = own.centre;
    double spread = own.spread;
    // Linear between the midpoints of this slot and the nearer neighbour, when that one is learned too.
    const double intoHour
        = double(tsMs - floorDiv(tsMs, BeijingWeek::hourMs) * BeijingWeek::hourMs) / double(BeijingWeek::hourMs);
    const int neighbour = wrap(intoHour < 0.5 ? e.slot - 1 : e.slot + 1);
    const Slot& other = m_slots[std::size_t(neighbour)];
    if (e.learned && completedWeeks(neighbour, tsMs) >= params.minWeeks) {
        const double w = std::abs(intoHour - 0.5);
        e.centre = (1.0 - w) * own.centre + w * other.centre;
        spread = (1.0 - w) * own.spread + w * other.spread;
    }
    e.spread = std::max({ spread, params.minSpread, params.minRelativeSpread * std::abs(e.centre) });
    return e;
}

void SensorBaseline::learn(qint64 tsMs, double value, bool learnSpread, const Params& params)
{
    if (!std::isfinite(value))
        return;
    qint64 gapMs = params.firstGapMs;
    if (m_lastTsMs != std::numeric_limits<qint64>::min())
        gapMs = std::clamp<qint64>(tsMs - m_lastTsMs, 0, params.maxGapMs);
    m_lastTsMs = std::max(m_lastTsMs, tsMs);
    const double minutes = double(gapMs) / double(minuteMs);
    const int index = BeijingWeek::hourOfWeek(tsMs);
    Slot& slot = m_slots[std::size_t(index)];
    const auto week = qint32(BeijingWeek::weekIndex(tsMs));
    if (slot.weeks == 0) { // the slot's first reading
        slot.centre = value;
        slot.spread = 0;
        slot.weeks = 1;
        slot.lastWeek = week;
        slot.minutes = float(minutes);
        return;
    }
    if (minutes <= 0)
        return;
    if (week > slot.lastWeek) {
        slot.lastWeek = week;
        slot.weeks = quint16(std::min(65535, slot.weeks + 1));
    }
    const Expectation e = expect(tsMs, params);
    const double young = minutes / (double(slot.minutes) + minutes); // 1/n: a running average
    const double centreRate = params.centreRatePerMinute * minutes;
    if (young > centreRate)
        slot.centre += young * (value - slot.centre);
    else if (value != slot.centre)
        slot.centre += std::min(centreRate * e.spread, std::abs(value - slot.centre)) * (value > slot.centre ? 1 : -1);
    if (learnSpread) {
        double deviation = std::abs(value - e.centre);
        if (e.learned)
            deviation = std::min(deviation, params.winsorScore * e.spread);
        const double rate = std::max(params.spreadRatePerMinute * minutes, young);
        slot.spread += std::min(1.0, rate) * (meanAbsToSigma * deviation - slot.spread);
    }
    slot.minutes = std::min(maxMinutes, slot.minutes + float(minutes));
}

int SensorBaseline::completedWeeks(int index, qint64 atMs) const
{
    const Slot& s = m_slots[std::size_t(index)];
    return s.weeks - (s.weeks > 0 && s.lastWeek >= BeijingWeek::weekIndex(atMs) ? 1 : 0);
}

int SensorBaseline::learnedSlots(qint64 atMs, const Params& params) const
{
    int learned = 0;
    for (int i = 0; i < BeijingWeek::slotCount; ++i)
        learned += isLearned(i, atMs, params) ? 1 : 0;
    return learned;
}

} // namespace citybrain
