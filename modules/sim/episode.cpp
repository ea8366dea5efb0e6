#include "episode.h"

#include "districtlayer.h"
#include "sensorfleet.h"
#include "simrandom.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {

double smooth(double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    return x * x * (3 - 2 * x);
}

double ratio(qint64 a, qint64 b)
{
    return static_cast<double>(a) / static_cast<double>(b);
}

// Rises over `riseMs` from the start (or less, for a short episode), holds until the end, then falls.
double rising(qint64 sinceStartMs, qint64 durationMs, qint64 riseMs)
{
    if (sinceStartMs <= 0 || durationMs <= 0)
        return 0;
    return smooth(ratio(std::min(sinceStartMs, durationMs), riseMs));
}

double clearing(qint64 sinceStartMs, qint64 durationMs, qint64 clearMs)
{
    return sinceStartMs > durationMs ? 1.0 - smooth(ratio(sinceStartMs - durationMs, clearMs)) : 1.0;
}

QString domainOf(Episode::Kind kind)
{
    switch (kind) {
    case Episode::Kind::Storm:
        return QStringLiteral("water");
    case Episode::Kind::Pollution:
        return QStringLiteral("air");
    case Episode::Kind::Jam:
        break;
    }
    return QStringLiteral("traffic");
}

QString knownDistricts(const DistrictLayer& layer)
{
    QStringList codes;
    for (const District& d : layer.districts())
        codes << d.adcode;
    return codes.join(QStringLiteral(", "));
}

// "1h30m" in milliseconds, zero included; nothing if malformed.
std::optional<qint64> parseSpan(const QString& text)
{
    static const QRegularExpression whole(QStringLiteral("^(?:\\d+(?:\\.\\d+)?[dhms])+$"));
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)([dhms])"));
    if (!whole.match(text).hasMatch())
        return std::nullopt;
    double ms = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QChar unit = m.captured(2).at(0);
        const double scale = unit == u'd' ? 86400e3 : unit == u'h' ? 3600e3 : unit == u'm' ? 60e3 : 1e3;
        ms += m.captured(1).toDouble() * scale;
    }
    if (ms > 1e15)
        return std::nullopt;
    return static_cast<qint64>(std::llround(ms));
}

} // namespace

QString Episode::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Storm:
        return QStringLiteral("storm");
    case Kind::Pollution:
        return QStringLiteral("pollution");
    case Kind::Jam:
        break;
    }
    return QStringLiteral("jam");
}

std::optional<Episode::Kind> Episode::kindFromName(const QString& name)
{
    for (Kind kind : { Kind::Storm, Kind::Pollution, Kind::Jam }) {
        if (name == kindName(kind))
            return kind;
    }
    return std::nullopt;
}

std::optional<qint64> Episode::parseDuration(const QString& text)
{
    const std::optional<qint64> ms = parseSpan(text);
    if (!ms || *ms <= 0)
        return std::nullopt;
    return ms;
}

QString Episode::validate(const DistrictLayer& layer) const
{
    if (!layer.find(district))
        return QStringLiteral("unknown district '%1' (one of %2)").arg(district, knownDistricts(layer));
    if (durationMs <= 0 || durationMs > maxDurationMs)
        return QStringLiteral("the duration must be more than 0 and at most 7 days");
    if (!(intensity > 0) || intensity > maxIntensity)
        return QStringLiteral("the intensity must be more than 0 and at most %1").arg(maxIntensity);
    return {};
}

std::optional<Episode> Episode::parse(const QString& spec, qint64 nowMs, const DistrictLayer& layer, QString* error)
{
    auto fail = [&](const QString& why) -> std::optional<Episode> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // The start may be an RFC 3339 time, colons and all: kind and district from the left, duration and
    // intensity from the right, the start is what is left between them.
    const qsizetype first = spec.indexOf(u':');
    const qsizetype second = first < 0 ? -1 : spec.indexOf(u':', first + 1);
    const qsizetype last = spec.lastIndexOf(u':');
    const qsizetype beforeLast = last <= 0 ? -1 : spec.lastIndexOf(u':', last - 1);
    if (first < 0 || second < 0 || beforeLast <= second)
        return fail(QStringLiteral("expected kind:district:start:duration:intensity, e.g. storm:610404:+10m:2h:1.0"));

    Episode episode;
    const QString kind = spec.left(first);
    const std::optional<Kind> parsedKind = kindFromName(kind);
    if (!parsedKind)
        return fail(QStringLiteral("unknown kind '%1' (storm, pollution or jam)").arg(kind));
    episode.kind = *parsedKind;
    episode.district = spec.mid(first + 1, second - first - 1);

    const QString start = spec.mid(second + 1, beforeLast - second - 1);
    if (start.startsWith(u'+') || start.startsWith(u'-')) {
        const std::optional<qint64> offset = start.size() > 1 ? parseSpan(start.mid(1)) : std::nullopt;
        if (!offset)
            return fail(QStringLiteral("start '%1' is neither an offset like +10m nor an RFC 3339 time").arg(start));
        episode.startMs = nowMs + (start.startsWith(u'-') ? -*offset : *offset);
    } else {
        static const QRegularExpression rfc3339(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:\\d\\d)$"));
        const QDateTime parsed = QDateTime::fromString(start, Qt::ISODateWithMs);
        if (!rfc3339.match(start).hasMatch() || !parsed.isValid())
            return fail(QStringLiteral("start '%1' is neither an offset like +10m nor an RFC 3339 time with its zone "
                                       "like 2026-07-15T14:00:00+08:00")
                            .arg(start));
        episode.startMs = parsed.toMSecsSinceEpoch();
    }

    const QString duration = spec.mid(beforeLast + 1, last - beforeLast - 1);
    const std::optional<qint64> durationMs = parseDuration(duration);
    if (!durationMs)
        return fail(QStringLiteral("duration '%1' is not like 2h, 90m or 1h30m").arg(duration));
    episode.durationMs = *durationMs;

    const QString intensity = spec.mid(last + 1);
    bool ok = false;
    episode.intensity = intensity.toDouble(&ok);
    if (!ok)
        return fail(QStringLiteral("intensity '%1' is not a number").arg(intensity));

    if (const QString why = episode.validate(layer); !why.isEmpty())
        return fail(why);
    return episode;
}

double EpisodePlan::stormEnvelope(qint64 sinceStartMs, qint64 durationMs)
{
    const double up = rising(sinceStartMs, durationMs, stormRiseMs);
    if (sinceStartMs <= durationMs)
        return up;
    return up * std::exp(-ratio(sinceStartMs - durationMs, stormRecessionMs));
}

double EpisodePlan::hazeEnvelope(qint64 sinceStartMs, qint64 durationMs)
{
    return rising(sinceStartMs, durationMs, hazeRiseMs) * clearing(sinceStartMs, durationMs, hazeClearMs);
}

double EpisodePlan::jamEnvelope(qint64 sinceStartMs, qint64 durationMs)
{
    return rising(sinceStartMs, durationMs, jamBuildMs) * clearing(sinceStartMs, durationMs, jamClearMs);
}

EpisodePlan::EpisodePlan(std::vector<Episode> episodes, const SensorFleet& fleet, quint64 seed)
    : m_episodes(std::move(episodes))
{
    const std::vector<SimSensor>& sensors = fleet.sensors();
    m_bySensor.resize(sensors.size());
    for (size_t e = 0; e < m_episodes.size(); ++e) {
        const Episode& episode = m_episodes[e];
        const QString domain = domainOf(episode.kind);
        const auto salt = static_cast<quint32>(episode.district.toUInt() * 4 + static_cast<quint32>(episode.kind));
        QRandomGenerator rng = makeGenerator(seed, Stream::Episodes, salt);
        for (size_t i = 0; i < sensors.size(); ++i) {
            const SimSensor& s = sensors[i];
            if (s.district != episode.district || s.domain != domain)
                continue;
            Effect effect { e, 0 };
            switch (episode.kind) {
            case Episode::Kind::Storm: {
                const double reach = uniform(rng, 0.45, 1.3);
                const double toWarning = s.warningLine - TelemetryModel::normalLevel(s, episode.startMs);
                effect.amount
                    = episode.intensity * std::max(0.0, toWarning + reach * (s.guaranteeLine - s.warningLine));
                break;
            }
            case Episode::Kind::Pollution:
                effect.amount = episode.intensity * 200.0 * uniform(rng, 0.87, 1.1);
                break;
            case Episode::Kind::Jam:
                effect.amount = episode.intensity * uniform(rng, 1.18, 1.32);
                break;
            }
            m_bySensor[i].push_back(effect);
        }
    }
}

int EpisodePlan::affectedCount(size_t episode) const
{
    int n = 0;
    for (const std::vector<Effect>& effects : m_bySensor)
        n += static_cast<int>(
            std::count_if(effects.begin(), effects.end(), [&](const Effect& e) { return e.episode == episode; }));
    return n;
}

Disturbance EpisodePlan::at(size_t sensorIndex, qint64 tsMs) const
{
    Disturbance d;
    if (sensorIndex >= m_bySensor.size())
        return d;
    for (const Effect& effect : m_bySensor[sensorIndex]) {
        const Episode& episode = m_episodes[effect.episode];
        const qint64 since = tsMs - episode.startMs;
        switch (episode.kind) {
        case Episode::Kind::Storm:
            d.levelRise += effect.amount * stormEnvelope(since, episode.durationMs);
            break;
        case Episode::Kind::Pollution: {
            const double weight = hazeEnvelope(since, episode.durationMs);
            if (weight * effect.amount > d.haze * d.hazePm25) {
                d.haze = weight;
                d.hazePm25 = effect.amount;
            }
            break;
        }
        case Episode::Kind::Jam: {
            const double weight = jamEnvelope(since, episode.durationMs);
            if (weight * effect.amount > d.jam * d.jamVc) {
                d.jam = weight;
                d.jamVc = effect.amount;
                d.jamSlowdown = 0.45 * std::min(episode.intensity, 1.0);
            }
            break;
        }
        }
    }
    return d;
}

} // namespace citybrain::sim
