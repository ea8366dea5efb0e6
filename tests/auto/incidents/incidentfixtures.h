#pragma once

#include "citytypes.h"

#include <QString>

// Small builders shared by the incident tests: a source event and a console action, with the few
// fields each test cares about spelled out at the call site.
namespace citybrain::fixtures {

// 渭城区 (610404), near the Xianyang government seat.
inline constexpr double baseLon = 108.72;
inline constexpr double baseLat = 34.33;
// One degree of latitude is about 111.2 km anywhere: a north offset of `metres`.
inline double northOf(double lat, double metres)
{
    return lat + metres / 111'195.0;
}

inline IncidentEvent event(const QString& id, const QString& kind, Severity severity, qint64 tsMs,
    const QString& status = QStringLiteral("new"))
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("12345-hotline");
    e.seq = tsMs;
    e.tsMs = tsMs;
    e.kind = kind;
    e.severity = severity;
    e.status = status;
    e.title = QStringLiteral("title ") + id;
    e.description = QStringLiteral("description ") + id;
    e.district = QStringLiteral("610404");
    e.lon = baseLon;
    e.lat = baseLat;
    return e;
}

// Who acts, from which console.
struct Who
{
    QString actor;
    QString role;
    QString console;
};
inline Who zhang()
{
    return { QStringLiteral("zhang.wei"), QStringLiteral("dispatcher"), QStringLiteral("console-1") };
}
inline Who wang()
{
    return { QStringLiteral("wang.fang"), QStringLiteral("leader"), QStringLiteral("console-2") };
}
inline Who li()
{
    return { QStringLiteral("li.na"), QStringLiteral("dispatcher"), QStringLiteral("console-3") };
}

inline IncidentAction action(const QString& incidentId, const QString& actionId, const Who& who, ActionKind kind,
    qint64 baseVersion, qint64 tsMs)
{
    IncidentAction a;
    a.incidentId = incidentId;
    a.actionId = actionId;
    a.actor = who.actor;
    a.role = who.role;
    a.console = who.console;
    a.kind = kind;
    a.baseVersion = baseVersion;
    a.tsMs = tsMs;
    a.seq = tsMs;
    return a;
}

inline IncidentAction withUnit(IncidentAction a, UnitType type, const QString& unitId)
{
    a.unitType = type;
    a.unitId = unitId;
    return a;
}

inline IncidentAction withPriority(IncidentAction a, int priority, const QString& reason)
{
    a.priority = priority;
    a.note = reason;
    return a;
}

} // namespace citybrain::fixtures
