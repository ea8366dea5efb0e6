#pragma once

#include "telemetrymodel.h"

#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace citybrain {
class DistrictLayer;
}

namespace citybrain::sim {

class SensorFleet;

// A scripted disturbance of one district's sensors, for drills and for testing the monitoring rules:
//   storm      its water gauges rise past their warning lines (and at intensity >= 1 some past their
//              guarantee lines) over about an hour, stay up while it rains and recede afterwards;
//   pollution  its air sensors go to heavy pollution (PM2.5 about 200 µg/m³ at intensity 1) over an hour;
//   jam        its roads jam (congestion index above 8 at intensity 1, speed down to about 10 km/h).
struct Episode
{
    enum class Kind { Storm, Pollution, Jam };

    Kind kind = Kind::Storm;
    QString district; // adcode
    qint64 startMs = 0;
    qint64 durationMs = 0;
    double intensity = 1.0; // 1 = the event the description above promises; (0, maxIntensity]

    static constexpr double maxIntensity = 3.0;
    static constexpr qint64 maxDurationMs = 7LL * 24 * 3600 * 1000;

    [[nodiscard]] static QString kindName(Kind kind);
    [[nodiscard]] static std::optional<Kind> kindFromName(const QString& name);

    // Parses "kind:district:start:duration:intensity", e.g. "storm:610404:+10m:2h:1.0": start is an offset
    // from nowMs ("+10m", "-30m", "+1h30m") or an RFC 3339 time with its zone ("2026-07-15T14:00:00+08:00"),
    // duration a positive sum of d, h, m, s parts ("3h", "90m", "1h30m"). On failure returns nothing and
    // sets *error (when not null) to what is wrong.
    [[nodiscard]] static std::optional<Episode> parse(
        const QString& spec, qint64 nowMs, const DistrictLayer& layer, QString* error = nullptr);
    // "2h", "90m", "1h30m", "45s", "1d" in milliseconds; nothing if malformed or not positive.
    [[nodiscard]] static std::optional<qint64> parseDuration(const QString& text);
    // Why the episode is not one the simulator can run (unknown district, duration or intensity out of
    // range), or an empty string.
    [[nodiscard]] QString validate(const DistrictLayer& layer) const;
};

// The episodes of a run, resolved against the fleet: which sensors each one moves, and by how much. Each
// sensor's response is drawn once, from a stream of its own per kind and district (Stream::Episodes), so
// the same seed and episode give the same response whatever else runs. Envelopes of time since start t,
// duration D (smoothstep rises, so levels do not jump):
//   storm      rise(t) = A * smooth(min(t, D) / 1 h) * (t > D ? exp(-(t - D) / 1.5 h) : 1), with
//              A = intensity * (warning - normal level at the start + r * (guarantee - warning)),
//              r ~ U(0.45, 1.3) per gauge: at intensity 1 every gauge peaks r of the way from its warning
//              to its guarantee line (about a third of them past the guarantee line);
//   pollution  PM2.5 -> intensity * 200 * U(0.87, 1.1) µg/m³ per sensor, weight smooth(min(t, D) / 1 h)
//              * (1 - smooth((t - D) / 1 h)); PM10/PM2.5 falls towards 1.3;
//   jam        volume/capacity -> intensity * U(1.18, 1.32) per road, weight smooth(min(t, D) / 15 min)
//              * (1 - smooth((t - D) / 20 min)), speed a further 45 % down (times min(intensity, 1)).
class EpisodePlan
{
public:
    EpisodePlan() = default;
    EpisodePlan(std::vector<Episode> episodes, const SensorFleet& fleet, quint64 seed);

    // What the episodes do to the fleet's sensor number `sensorIndex` at `tsMs`.
    [[nodiscard]] Disturbance at(size_t sensorIndex, qint64 tsMs) const;
    [[nodiscard]] const std::vector<Episode>& episodes() const { return m_episodes; }
    // Sensors an episode moves (its district's gauges, air sensors or roads).
    [[nodiscard]] int affectedCount(size_t episode) const;

    static constexpr qint64 stormRiseMs = 3600 * 1000;
    static constexpr qint64 stormRecessionMs = 5400 * 1000; // time constant of the falling limb
    static constexpr qint64 hazeRiseMs = 3600 * 1000;
    static constexpr qint64 hazeClearMs = 3600 * 1000;
    static constexpr qint64 jamBuildMs = 900 * 1000;
    static constexpr qint64 jamClearMs = 1200 * 1000;

    // The envelopes above, 0..1, of the time since the episode's start.
    [[nodiscard]] static double stormEnvelope(qint64 sinceStartMs, qint64 durationMs);
    [[nodiscard]] static double hazeEnvelope(qint64 sinceStartMs, qint64 durationMs);
    [[nodiscard]] static double jamEnvelope(qint64 sinceStartMs, qint64 durationMs);

private:
    struct Effect
    {
        size_t episode = 0;
        double amount = 0; // storm: peak rise (m); pollution: PM2.5 target; jam: volume/capacity target
    };
    std::vector<Episode> m_episodes;
    std::vector<std::vector<Effect>> m_bySensor; // by fleet index; empty when nothing touches a sensor
};

} // namespace citybrain::sim
