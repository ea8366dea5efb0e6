#pragma once

#include "ruleset.h"
#include "sensoralarm.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QtGlobal>

#include <memory>
#include <utility>
#include <vector>

// Small builders shared by the rule tests: Beijing times, telemetry samples, rule sets from JSON text and
// recorded series.
namespace citybrain::fixtures {

inline constexpr qint64 minute = 60 * 1000;
inline constexpr qint64 second = 1000;

// 2026-11-29 at hh:mm Beijing time (UTC+8), epoch ms.
inline qint64 beijing(int hour, int minuteOfHour = 0, int day = 29)
{
    return QDateTime(QDate(2026, 11, day), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()
        + (static_cast<qint64>(hour) - 8) * 60 * minute + static_cast<qint64>(minuteOfHour) * minute;
}

// A sample of sensor "<domain>-<adcode>-<n>": the domain and district are taken from the id.
inline TelemetrySample sample(const QString& sensorId, qint64 tsMs, std::vector<std::pair<QString, double>> values)
{
    TelemetrySample s;
    s.sensorId = sensorId;
    const QStringList parts = sensorId.split(QLatin1Char('-'));
    s.domain = parts.value(0);
    s.district = parts.value(1);
    s.tsMs = tsMs;
    s.lon = 108.72;
    s.lat = 34.33;
    s.values = std::move(values);
    return s;
}

inline TelemetrySample sample(const QString& sensorId, qint64 tsMs, const QString& metric, double value)
{
    return sample(sensorId, tsMs, { { metric, value } });
}

// A rule set from the JSON text of its rules array's elements; null (with the errors printed) if invalid.
inline std::shared_ptr<const RuleSet> ruleSet(const QByteArray& rulesJson)
{
    auto set = std::make_shared<RuleSet>();
    QStringList errors;
    if (!loadRuleSet("{\"version\": 1, \"rules\": [" + rulesJson + "]}", set.get(), &errors)) {
        qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
        return nullptr;
    }
    return set;
}

// A recorded series: (minutes after the start, value).
using Series = std::vector<std::pair<double, double>>;

inline int countState(const std::vector<SensorAlarm>& changes, SensorAlarm::State state)
{
    int n = 0;
    for (const SensorAlarm& a : changes)
        n += a.state == state ? 1 : 0;
    return n;
}

} // namespace citybrain::fixtures
