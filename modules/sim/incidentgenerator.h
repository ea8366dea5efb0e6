#pragma once

#include "citytypes.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <map>
#include <vector>

namespace citybrain {
class DistrictLayer;
}

namespace citybrain::sim {

// Incidents as the source systems (110, 119, 12345, monitoring) report them: a few already open at
// start-up, then new ones as a seeded Poisson process, each with a later `update` and `closed` event
// for most. Sequence numbers count per source from 1.
class IncidentGenerator
{
public:
    struct Settings
    {
        double meanIntervalS = 20; // mean time between new incidents
        int startupCount = 4; // incidents open when the simulator starts
    };

    IncidentGenerator(const DistrictLayer& layer, quint64 seed, Settings settings);

    // The incidents already open at `nowMs`, reported a few minutes earlier. Call once, first.
    [[nodiscard]] std::vector<IncidentEvent> start(qint64 nowMs);
    // Every new incident and follow-up due up to `nowMs`, in time order, each stamped with its due time.
    [[nodiscard]] std::vector<IncidentEvent> advance(qint64 nowMs);

    [[nodiscard]] int openCount() const { return static_cast<int>(m_open.size()); }

    // The contract's JSON (docs/topics.md, Incident event), compact.
    [[nodiscard]] static QByteArray toJson(const IncidentEvent& event);

private:
    struct FollowUp
    {
        qint64 dueMs = 0;
        quint64 order = 0; // ties in time keep creation order
        QString incidentId;
        QString status; // update or closed
    };

    IncidentEvent create(qint64 tsMs, qint64 createdMs);
    void scheduleFollowUps(const IncidentEvent& event, qint64 fromMs);
    IncidentEvent followUp(const FollowUp& due);
    void stamp(IncidentEvent& event);
    QString nextId(qint64 createdMs);

    const DistrictLayer& m_layer;
    Settings m_settings;
    QRandomGenerator m_rng;
    std::vector<FollowUp> m_followUps; // sorted by (dueMs, order)
    quint64 m_order = 0;
    std::map<QString, qint64> m_seqBySource;
    std::map<QString, IncidentEvent> m_open; // by incident id: the last event sent
    qint64 m_nextNewMs = 0;
    QString m_idDay;
    qint64 m_idNumber = 0;
    bool m_started = false;
};

} // namespace citybrain::sim
