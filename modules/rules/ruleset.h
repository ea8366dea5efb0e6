#pragma once

#include "citytypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace citybrain {

// The monitoring rule file (docs/rules.md): what counts as trouble, per domain, metric, district or sensor
// group. Loaded and validated as a whole; the engine keeps a RuleSet read-only behind a shared_ptr.

enum class RuleType {
    Threshold, // the value is past a line (a number or another metric of the same sample)
    Rate, // the change per minute over a window is past a line
    Silence, // no sample for longer than a timeout
};

// A per-sensor line from the rule's "overrides" (a gauge that does not report its own lines).
struct RuleLineOverride
{
    QString sensor; // an exact sensor id, or a prefix ending in '*'
    std::optional<double> line; // replaces the rule's above/below (or above_metric/below_metric)
    std::optional<double> clear;
    std::optional<double> hysteresis;
};

struct Rule
{
    QString id; // "air.pm25.heavy": [a-z0-9._-]
    QString title; // Chinese, used in explanations: "重度污染线" ("超过重度污染线 150")
    QString titleEn; // English, for explanationEn; the id when not given
    QString note; // free text (sources, reasoning); not used by the engine
    QString domain; // air, traffic, water, noise, energy
    QString metric; // pm25, level, ...; may be empty for a silence rule (any sample of the domain counts)
    QStringList districts; // adcodes; empty: every district
    QStringList sensors; // sensor ids or prefixes ending in '*' (a sensor group); empty: every sensor
    RuleType type = RuleType::Threshold;
    bool above = true; // threshold, rate: the line is crossed upwards (above) or downwards (below)
    double line = 0; // the line, when it is a number
    QString lineMetric; // the line, when it is another metric of the same sample (above_metric, below_metric)
    std::optional<double> clear; // the absolute clear level (hysteresis); default: the line
    double hysteresis = 0; // or the clear level as a distance from the line (for metric lines)
    qint64 forMs = 0; // minimum duration past the line before raising
    qint64 windowMs = 0; // rate: the window the change per minute is measured over
    qint64 timeoutMs = 0; // silence: how long without a sample
    Severity severity = Severity::Minor;
    QString incidentKind; // waterlogging, pollution, traffic_jam, noise, sensor_offline, ...
    int fromHour = -1; // time of day (Beijing time) the rule applies: [fromHour, toHour), may wrap midnight
    int toHour = -1;
    std::vector<RuleLineOverride> overrides;
    QJsonObject source; // the rule as written: a reloaded rule is "unchanged" when this is equal

    [[nodiscard]] bool hasHours() const { return fromHour >= 0; }
    // Whether the rule applies at this time of day (always true without "hours").
    [[nodiscard]] bool inHours(qint64 tsMs) const;
    [[nodiscard]] bool matchesDistrict(const QString& adcode) const;
    [[nodiscard]] bool matchesSensor(const QString& sensorId) const;
    // The override for this sensor: an exact id first, then the longest matching prefix; nullptr if none.
    [[nodiscard]] const RuleLineOverride* overrideFor(const QString& sensorId) const;
    // The same rule as written (id and every field).
    [[nodiscard]] bool sameAs(const Rule& other) const { return source == other.source; }
};

struct RuleSet
{
    std::vector<Rule> rules; // enabled rules, in file order
    int disabled = 0; // rules with "enabled": false (validated, not kept)

    [[nodiscard]] const Rule* find(const QString& id) const;
};

// Parses and validates a rule file. On success fills *out and returns true. On failure returns false,
// leaves *out untouched and appends one message per problem to *errors (when not null), naming the rule
// and the field: `rule "air.pm25.heavy": field "above": expected a number`.
bool loadRuleSet(const QByteArray& json, RuleSet* out, QStringList* errors);
// The same from a file (or a Qt resource path); a file that cannot be read is one error.
bool loadRuleSetFile(const QString& path, RuleSet* out, QStringList* errors);

// The shipped Xianyang defaults (resources/rules/default-rules.json), compiled in as a Qt resource.
[[nodiscard]] QString defaultRuleFilePath();

// Contract names: "threshold", "rate", "silence".
[[nodiscard]] QString ruleTypeName(RuleType type);

} // namespace citybrain
