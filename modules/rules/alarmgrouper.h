#pragma once

#include "citytypes.h"
#include "sensoralarm.h"

#include <QHash>
#include <QString>

#include <deque>
#include <vector>

namespace citybrain {

// Groups alarms into incidents, so a storm raises one waterlogging incident with twenty gauges under it
// rather than twenty incidents. Not thread-safe; the ingest worker calls it after the rule engine.
//
// A raised alarm joins the open incident of its district and incident kind when it comes at most
// windowMs after that incident's latest raised alarm; otherwise it opens a new incident. An incident's
// severity is the worst of the alarms it ever had; it closes when all its alarms are cleared (a later
// alarm opens a new incident). Ids are deterministic, from the district, the kind and the first alarm's
// time (Beijing time, to the minute): RUL-20261129-610404-waterlogging-0830 (then -2, -3 if that minute
// already had one), so every console computing them from the same telemetry gets the same ids.
class AlarmGrouper
{
public:
    static constexpr qint64 defaultWindowMs = 30 * 60 * 1000;
    static constexpr const char* source = "citybrain-rules";

    explicit AlarmGrouper(qint64 windowMs = defaultWindowMs);

    // Sets alarm.incidentId and appends the incident's event (status new, update or closed) to
    // *incidents. An alarm without an incident kind, or a cleared alarm of no known incident, is left
    // as it is.
    void apply(SensorAlarm& alarm, std::vector<IncidentEvent>* incidents);

    // The ids of the alarms grouped under an incident (in the order they joined); empty when unknown.
    [[nodiscard]] std::vector<QString> alarmsOf(const QString& incidentId) const;
    // The open incident an alarm is grouped under, or empty.
    [[nodiscard]] QString incidentOf(const QString& alarmId) const;
    [[nodiscard]] int openCount() const { return static_cast<int>(m_open.size()); }
    [[nodiscard]] qint64 windowMs() const { return m_windowMs; }

    // How many closed incidents are remembered (for alarmsOf and for unique ids).
    static constexpr int closedKept = 1000;

private:
    struct Member
    {
        QString alarmId;
        QString sensorId;
        QString domain;
        QString summary;
        QString explanation;
        Severity severity = Severity::Minor;
        bool active = true;
    };

    struct Group
    {
        QString id;
        QString district;
        QString kind;
        qint64 firstMs = 0;
        qint64 latestRaiseMs = 0;
        Severity worst = Severity::Minor;
        double lon = 0;
        double lat = 0;
        bool closed = false;
        std::vector<Member> members;
    };

    [[nodiscard]] QString newId(const SensorAlarm& alarm) const;
    [[nodiscard]] IncidentEvent eventOf(const Group& group, const QString& status, qint64 tsMs);

    qint64 m_windowMs;
    qint64 m_seq = 0;
    QHash<QString, Group> m_groups; // id -> group, open and recently closed
    QHash<QString, QString> m_open; // district + '|' + kind -> the open group's id
    QHash<QString, QString> m_alarmGroup; // alarm id -> the open group it is in
    std::deque<QString> m_closed; // closed group ids, oldest first
};

} // namespace citybrain
