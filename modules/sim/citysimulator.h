#pragma once

#include "citytypes.h"
#include "episode.h"
#include "incidentgenerator.h"
#include "indicatorboard.h"
#include "sensorfleet.h"
#include "simdispatcher.h"
#include "simmessage.h"
#include "topicscheme.h"

#include <QRandomGenerator>

#include <vector>

namespace citybrain {
class DistrictLayer;
}

namespace citybrain::sim {

struct SimSettings
{
    quint64 seed = 1;
    QString topicPrefix = QStringLiteral("xy/v1");
    QString clientId = QStringLiteral("citybrain-sim");
    SensorCounts sensors;
    qint64 indicatorIntervalMs = 1000;
    IncidentGenerator::Settings incidents;
    // The simulated dispatch desk (SimDispatcher) works the incidents, for a demo wall with nobody at a
    // dispatcher console. Off when a real dispatcher or leader console runs the demo.
    bool dispatchDesk = true;
    SimDispatcher::Settings dispatch;
    // Scripted storms, pollution episodes and jams (Episode); validate them first (Episode::validate).
    std::vector<Episode> episodes;
    // Cameras of the camera layer published at start (CameraLayer); 0: no camera layer.
    int cameras = 150;
};

// The Xianyang city simulator: generates every feed of docs/topics.md deterministically from a seed
// and the times it is asked about. It does no I/O; the caller publishes what it returns and decides
// the pace. The same settings and the same sequence of calls give byte-identical messages.
//
//   CitySimulator sim(settings, DistrictLayer::xianyang());
//   publish(sim.start(now));                 // startup incidents, first indicators
//   every tick: publish(sim.telemetry(now, n)); publish(sim.advance(now));
class CitySimulator
{
public:
    CitySimulator(SimSettings settings, const DistrictLayer& layer);

    // Call once, first: the camera layer (xy/v1/gis/cameras, QoS 1, retained), the incidents open at
    // start-up (reported a few minutes before `nowMs`), the dispatch desk's actions on them that were due
    // by `nowMs` (past-dated) and a first round of indicators.
    [[nodiscard]] std::vector<SimMessage> start(qint64 nowMs);
    // The next `count` telemetry readings, sensors taken in turn (a fixed shuffled order), at `nowMs`.
    [[nodiscard]] std::vector<SimMessage> telemetry(qint64 nowMs, int count);
    // The same readings as samples, without the JSON round trip, for an in-process consumer (the rules
    // replay test). It advances the same state: a run may mix both calls, each reading comes once.
    [[nodiscard]] std::vector<TelemetrySample> samples(qint64 nowMs, int count);
    // Incident events due by `nowMs`, the dispatch desk's actions due by then and, on their own schedule,
    // the indicators.
    [[nodiscard]] std::vector<SimMessage> advance(qint64 nowMs);
    // The presence message (retained, QoS 1) with the caller's sequence number, which counts the
    // messages on the status topic; online false is also the last will.
    [[nodiscard]] SimMessage presence(bool online, qint64 nowMs, qint64 seq) const;

    [[nodiscard]] const SensorFleet& fleet() const { return m_fleet; }
    [[nodiscard]] const TopicScheme& topics() const { return m_topics; }
    [[nodiscard]] const SimSettings& settings() const { return m_settings; }
    [[nodiscard]] const EpisodePlan& episodes() const { return m_plan; }
    [[nodiscard]] int openIncidents() const { return m_incidents.openCount(); }

private:
    void appendIncidents(std::vector<IncidentEvent> events, std::vector<SimMessage>* out);
    void appendActions(qint64 nowMs, std::vector<SimMessage>* out);
    void appendIndicators(qint64 nowMs, std::vector<SimMessage>* out);

    SimSettings m_settings;
    const DistrictLayer& m_layer;
    TopicScheme m_topics;
    SensorFleet m_fleet;
    IncidentGenerator m_incidents;
    SimDispatcher m_dispatcher;
    EpisodePlan m_plan;
    std::unique_ptr<IndicatorBoard> m_board; // made at start(), it needs the start time
    QRandomGenerator m_telemetryRng;
    std::vector<size_t> m_order; // the round-robin order of sensors
    size_t m_next = 0;
    qint64 m_nextIndicatorsMs = 0;
    bool m_started = false;
};

} // namespace citybrain::sim
