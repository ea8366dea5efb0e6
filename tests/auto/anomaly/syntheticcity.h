#pragma once

#include "citytypes.h"
#include "historystore.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>

#include <cmath>
#include <vector>

// Synthetic congestion sensors with a Beijing-time daily and weekly cycle, written to a real history
// file through HistoryStore and replayed live into the detector.
namespace anomalytest {

using namespace citybrain;

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
constexpr qint64 weekMs = 7 * dayMs;

// Monday 2 November 2026, 00:00 in Beijing.
inline qint64 mondayBeijing()
{
    return QDateTime(QDate(2026, 11, 2), QTime(0, 0), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

inline qint64 beijing(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

inline double gaussian(QRandomGenerator& rng)
{
    const double u1 = std::max(1e-12, rng.generateDouble());
    const double u2 = rng.generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

struct Road
{
    QString id;
    QString district;
    double level = 1.5; // congestion index at night
    double peak = 5.0; // added at the height of the morning rush on weekdays
};

// Congestion index 1..10 of `roads` roads: weekday rush hours at 08 and 18 h, a flat afternoon bump at
// weekends, the rush intensity varying from day to day (sd 4 %), reading noise (sd 0.15), rounded to 0.1.
class SyntheticCity
{
public:
    explicit SyntheticCity(int roads, quint32 seed = 7)
        : m_seed(seed)
    {
        static const char* districts[] = { "610402", "610404", "610481", "610422", "610423" };
        QRandomGenerator rng(seed);
        for (int i = 0; i < roads; ++i) {
            Road r;
            r.id = QStringLiteral("traffic-%1-%2").arg(QLatin1String(districts[i % 5])).arg(i, 3, 10, QLatin1Char('0'));
            r.district = QLatin1String(districts[i % 5]);
            r.level = 1.2 + 0.8 * rng.generateDouble();
            r.peak = 3.0 + 3.0 * rng.generateDouble();
            m_roads.push_back(r);
        }
    }

    [[nodiscard]] const std::vector<Road>& roads() const { return m_roads; }

    // The value without day-to-day variation nor noise.
    [[nodiscard]] double usual(int road, qint64 tsMs) const
    {
        const qint64 local = tsMs + 8 * hourMs;
        const double hour = double(((local % dayMs) + dayMs) % dayMs) / double(hourMs);
        const qint64 days = (local - (((local % dayMs) + dayMs) % dayMs)) / dayMs;
        const bool weekend = (((days + 3) % 7) + 7) % 7 >= 5; // 1970-01-01 was a Thursday
        const Road& r = m_roads[std::size_t(road)];
        const double rush = weekend
            ? 0.4 * std::exp(-std::pow((hour - 14.0) / 3.0, 2))
            : std::exp(-std::pow((hour - 8.0) / 1.0, 2)) + 0.8 * std::exp(-std::pow((hour - 18.0) / 1.3, 2));
        return r.level + r.peak * rush;
    }

    [[nodiscard]] double reading(int road, qint64 tsMs, QRandomGenerator& rng, double shift = 0) const
    {
        const double base = usual(road, tsMs);
        const Road& r = m_roads[std::size_t(road)];
        const double v = r.level + (base - r.level) * dayFactor(road, tsMs) + 0.15 * gaussian(rng) + shift;
        return std::round(std::clamp(v, 1.0, 10.0) * 10.0) / 10.0;
    }

    [[nodiscard]] TelemetrySample sample(int road, qint64 tsMs, double congestion) const
    {
        const Road& r = m_roads[std::size_t(road)];
        TelemetrySample s;
        s.sensorId = r.id;
        s.domain = QStringLiteral("traffic");
        s.district = r.district;
        s.tsMs = tsMs;
        s.lon = 108.7;
        s.lat = 34.33;
        s.values = { { QStringLiteral("congestion"), congestion } };
        return s;
    }

    // Every road every stepMs over [fromMs, toMs), through a real HistoryStore.
    bool writeHistory(const QString& path, qint64 fromMs, qint64 toMs, qint64 stepMs, quint32 seed) const
    {
        HistoryOptions options;
        options.rawRetentionMs = options.minuteRetentionMs = options.hourRetentionMs = 100LL * 365 * dayMs;
        HistoryStore store(path, options);
        if (!store.start())
            return false;
        QRandomGenerator rng(seed);
        std::vector<TelemetrySample> batch;
        for (qint64 ts = fromMs; ts < toMs; ts += stepMs) {
            for (int r = 0; r < int(m_roads.size()); ++r)
                batch.push_back(sample(r, ts, reading(r, ts, rng)));
            if (batch.size() >= 20000)
                store.append(std::exchange(batch, {}));
        }
        store.append(std::move(batch));
        return store.flush(300000);
    }

private:
    [[nodiscard]] double dayFactor(int road, qint64 tsMs) const
    {
        const qint64 day = (tsMs + 8 * hourMs) / dayMs;
        QRandomGenerator g(quint32(m_seed * 7919u + quint32(road) * 104729u + quint32(day) * 1299709u));
        return 1.0 + 0.04 * gaussian(g);
    }

    quint32 m_seed;
    std::vector<Road> m_roads;
};

} // namespace anomalytest
