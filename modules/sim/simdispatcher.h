#pragma once

#include "citytypes.h"

#include <QRandomGenerator>

#include <map>
#include <utility>
#include <vector>

namespace citybrain {
class DistrictLayer;
}

namespace citybrain::sim {

// The simulated dispatch desk: works the simulator's incidents as a 119/110/12345 desk would, so a demo
// wall with nobody at a dispatcher console still shows the whole lifecycle (docs/topics.md, "Console
// action"). It watches the incident events the generator emits and keeps a seeded schedule per incident:
//
//   acknowledge   U(15,45) s after the report for critical and major incidents, U(30,120) s otherwise;
//   dispatch      the kind's unit U(20,60) s after that, and for a major or critical incident a second
//                 unit U(5,30) s after the first (unitsFor); an update raising the severity to major
//                 sends that second unit then;
//   on_scene      each unit U(180,480) s after its dispatch;
//   resolve       U(10,30) s after the source's `closed` event, which cancels the rest of the schedule
//                 (an incident closed before the desk acknowledged it is acknowledged and resolved then).
//
// Incidents reported before start-up get the actions their schedule had due by then, with those past
// times. Seeded (Stream::Dispatch) and driven only by the events and the times it is asked about: the same
// seed, start time and events give the same actions.
class SimDispatcher
{
public:
    struct Settings
    {
        QString console = QStringLiteral("sim-dispatch-desk"); // console id; action ids are <console>-<seq>
        QString actor = QStringLiteral("模拟调度席");
    };

    SimDispatcher(const DistrictLayer& layer, quint64 seed, Settings settings);

    // Call once, first. Action sequence numbers continue from `nowMs`, so the ids of a restarted desk do
    // not repeat those of the previous run (it publishes far fewer than one action per millisecond).
    void start(qint64 nowMs);
    // The generator's events, in the order it emitted them.
    void observe(const std::vector<IncidentEvent>& events);
    // The actions due by `nowMs`, in time order, each stamped with its due time, its sequence number and
    // the number of this desk's actions already published on that incident as its base version.
    [[nodiscard]] std::vector<IncidentAction> due(qint64 nowMs);

    // Incidents the desk is working (seen, not yet resolved).
    [[nodiscard]] int caseCount() const { return static_cast<int>(m_cases.size()); }
    [[nodiscard]] const Settings& settings() const { return m_settings; }

    // The units a desk sends to an incident of this kind and severity, the first one first:
    // fire -> fire (+ medical), traffic_accident -> police (+ medical), waterlogging -> city_management
    // (+ utility), gas_leak -> utility (+ fire), pollution and city_management -> city_management, any
    // other kind -> police. The second unit goes to major and critical incidents only.
    [[nodiscard]] static std::vector<UnitType> unitsFor(const QString& kind, Severity severity);
    // "秦都区" -> "秦都", "兴平市" -> "兴平"; a one-character name keeps its suffix ("乾县").
    [[nodiscard]] static QString shortDistrictName(const QString& name);

private:
    struct Planned
    {
        QString incidentId;
        ActionKind kind = ActionKind::Acknowledge;
        UnitType unitType = UnitType::Police;
        QString unitId;
    };
    using Key = std::pair<qint64, quint64>; // due time, then planning order

    struct Case
    {
        QString kind;
        QString district; // adcode
        Severity severity = Severity::Minor;
        qint64 published = 0; // this desk's actions on it so far: the next base version
        qint64 ackMs = 0; // when its acknowledge is (or was) due
        bool secondUnit = false; // a second unit is planned or sent
        bool closing = false; // the source closed it: only the resolve is left
        std::vector<QString> units; // call signs planned or sent, released on resolve
    };

    void openCase(const IncidentEvent& event);
    void planUnit(const QString& incidentId, Case& c, UnitType type, qint64 dispatchMs);
    void closeCase(const IncidentEvent& event);
    void plan(qint64 dueMs, Planned planned);
    QString callSign(const Case& c, UnitType type);
    IncidentAction make(const Planned& planned, qint64 tsMs, Case& c, ActionKind kind, const QString& note);

    const DistrictLayer& m_layer;
    Settings m_settings;
    QRandomGenerator m_rng;
    std::map<Key, Planned> m_plan;
    quint64 m_order = 0;
    std::map<QString, Case> m_cases; // by incident id
    std::map<QString, int> m_busy; // call sign -> incidents it is assigned to
    qint64 m_seq = 0;
    bool m_started = false;
};

} // namespace citybrain::sim
