#pragma once

#include "citytypes.h"

#include <QPointF>
#include <QString>

#include <vector>

namespace citybrain {

// What the monitoring rules and the anomaly detector say about one sensor's metric: an alarm raised,
// or cleared. Deduplicated: one alarm per (rule, sensor) while it stays active, whatever number of
// samples cross the line. Plain data, produced on the ingest worker, shown on the GUI thread.
struct SensorAlarm
{
    enum class State { Raised, Cleared };
    QString id; // "<ruleId>/<sensorId>": stable while active, reused after it cleared
    QString ruleId; // a rule of the rule file, or "anomaly.<metric>" for the baseline detector
    QString sensorId;
    QString domain; // air, traffic, water, noise, energy
    QString metric; // pm25, level, congestion, ...
    QString district; // adcode
    double lon = 0;
    double lat = 0;
    State state = State::Raised;
    Severity severity = Severity::Minor;
    QString incidentKind; // the kind of incident it raises: waterlogging, pollution, traffic_jam, ...
    double value = 0; // the reading that raised (or cleared) it
    double threshold = 0; // the line it crossed; for anomalies the usual value (median) for that hour
    double score = 0; // anomalies: distance from the usual value in robust standard deviations
    bool anomaly = false;
    qint64 sinceMs = 0; // when the condition began (before the minimum duration passed)
    qint64 tsMs = 0; // when this change happened (the sample's time)
    QString explanation; // for the operator, in Chinese: what, where, how far past the line, since when
    QString incidentId; // the incident it is grouped under (set by the grouper), or empty
    // Raised alarms: the readings around the trigger (x epoch ms, y value) from the history store, for
    // the operator's sparkline. Filled by the ingest worker, not by the rules.
    std::vector<QPointF> trend;
    QString explanationEn; // the same in English
    QString summary; // a short Chinese predicate for incident titles: "超过警戒水位", "PM2.5 超过重度污染线"
};

} // namespace citybrain
