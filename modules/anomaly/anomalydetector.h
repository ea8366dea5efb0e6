#pragma once

#include "citytypes.h"
#include "sensoralarm.h"
#include "sensorbaseline.h"

#include <QHash>
#include <QString>

#include <vector>

namespace citybrain {

class DistrictLayer;
class HistoryReader;

// "Deep analysis": raises an anomaly when a sensor's reading is far outside what is usual for that
// Beijing hour of the week, even when no fixed threshold of the rule file is crossed (rush-hour
// congestion at 3 a.m.). Each watched (sensor, metric) has a SensorBaseline, seeded from the history
// store at start and learning from every reading.
//
// Score: (reading - usual value) / usual spread, in robust standard deviations (SensorBaseline::expect).
// An episode starts at the first reading with |score| >= clearScore and ends at the first reading below
// it; the anomaly is Raised once the episode has lasted minDurationMs, the mean |score| of its readings
// is at least raiseScore and the current |score| is at least raiseScore too (a single spike, or a
// series hovering just above the clear level, raises nothing). It is Cleared by the first reading back
// below clearScore (hysteresis). One Raised and one Cleared change per episode; severity Minor for a
// score up to moderateScore, Moderate above. Slots not yet learned score nothing.
//
// Thread rules: lives on the ingest worker; not thread-safe. seed() once before the first observe().
// Hot path (observe): one hash lookup of the sensor id per sample, a comparison of each value's metric
// with the sensor's watched metrics, O(1) arithmetic per value; strings are built only on raise/clear.
class AnomalyDetector
{
public:
    struct WatchedMetric
    {
        QString domain; // air, traffic, water, noise, energy
        QString metric; // as in the telemetry: congestion, pm25, ...
        QString name; // for the operator, in Chinese: 交通拥堵指数
        QString unit; // appended to numbers as is: " km/h", " µg/m³", or empty
        int decimals = 1; // in the explanation
        double minSpread = 0; // floor on the spread, in the metric's unit
        double minRelativeSpread = 0; // floor on the spread as a share of the usual value
    };

    struct Settings
    {
        double raiseScore = 4.0;
        double clearScore = 2.5;
        double moderateScore = 6.0; // Minor up to it, Moderate above
        qint64 minDurationMs = 10 * 60 * 1000;
        int seedWeeks = 4; // history read by seed()
        qint64 seedBudgetMs = 30000; // seed() stops after this long; the rest learn live
        SensorBaseline::Params baseline; // rates and minWeeks; floors come from the watched metric
        std::vector<WatchedMetric> metrics = defaultMetrics();
    };

    struct SeedStats
    {
        int series = 0; // series seeded
        int skipped = 0; // watched series left to learn live (seed budget exhausted)
        qint64 hours = 0; // hourly rollups read
        qint64 elapsedMs = 0;
        bool ok = true; // false: a database error (error says which); what was read is kept
        QString error;
    };

    // Traffic congestion and speed, air PM2.5, water level, noise LAeq, energy load.
    [[nodiscard]] static std::vector<WatchedMetric> defaultMetrics();
    // Which incident kind an anomaly of a domain raises: air -> pollution, water -> waterlogging,
    // traffic -> traffic_jam, noise -> noise, energy -> power.
    [[nodiscard]] static QString incidentKindForDomain(const QString& domain);

    // `districts` names the districts in explanations; null: the shipped Xianyang layer.
    AnomalyDetector();
    explicit AnomalyDetector(Settings settings, const DistrictLayer* districts = nullptr);

    // Seeds the baselines of the watched series from the 1-hour rollups of [now - seedWeeks, the hour
    // of nowMs). Runs on the worker at start, bounded by seedBudgetMs.
    SeedStats seed(HistoryReader& reader, qint64 nowMs);
    // Scores each watched value of the sample, appends Raised/Cleared changes to *changes and learns.
    void observe(const TelemetrySample& sample, std::vector<SensorAlarm>* changes);

    // The baseline of a series, or null if it was never seeded nor seen.
    [[nodiscard]] const SensorBaseline* baseline(const QString& sensorId, const QString& metric) const;
    // The watched metric's baseline parameters (floors included).
    [[nodiscard]] const SensorBaseline::Params* params(const QString& metric) const;
    [[nodiscard]] int seriesCount() const { return int(m_series.size()); }
    [[nodiscard]] int activeCount() const;
    [[nodiscard]] const Settings& settings() const { return m_settings; }

private:
    struct Series
    {
        SensorBaseline baseline;
        int sensor = 0; // index into m_sensors
        int watched = 0; // index into m_settings.metrics
        // The current episode (|score| >= clearScore, then until Cleared): -1 when none.
        qint64 episodeSinceMs = -1;
        double episodeScoreSum = 0;
        qint64 episodeReadings = 0;
        int direction = 0; // +1 above, -1 below the usual value
        bool active = false; // Raised, not yet Cleared
        double peakScore = 0;
        Severity severity = Severity::Minor;
    };
    struct Sensor
    {
        QString id;
        // Every metric seen: (metric, series index), -1 for a metric not watched. Usually in the order of
        // the sample's values, which is tried first.
        std::vector<std::pair<QString, int>> metrics;
    };

    int sensorIndex(const QString& sensorId);
    // Adds a metric to a sensor: a new series if watched (domain empty: any domain), else -1.
    int addMetric(int sensor, const QString& domain, const QString& metric);
    void score(int index, const TelemetrySample& sample, double value, std::vector<SensorAlarm>* changes);
    [[nodiscard]] SensorAlarm change(const Series& series, const TelemetrySample& sample, double value,
        const SensorBaseline::Expectation& e, double score, SensorAlarm::State state) const;
    [[nodiscard]] QString districtName(const QString& adcode) const;

    Settings m_settings;
    const DistrictLayer* m_districts;
    std::vector<SensorBaseline::Params> m_params; // per watched metric
    QHash<QString, int> m_sensorIndex;
    std::vector<Sensor> m_sensors;
    std::vector<Series> m_series;
};

} // namespace citybrain
