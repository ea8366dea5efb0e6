#include "citysimulator.h"

#include "beijingclock.h"
#include "cameralayer.h"
#include "districtlayer.h"
#include "incidentactionjson.h"
#include "logging.h"
#include "simrandom.h"
#include "telemetrymodel.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace citybrain::sim {

CitySimulator::CitySimulator(SimSettings settings, const DistrictLayer& layer)
    : m_settings(std::move(settings))
    , m_layer(layer)
    , m_topics(m_settings.topicPrefix)
    , m_fleet(layer, m_settings.seed, m_settings.sensors)
    , m_incidents(layer, m_settings.seed, m_settings.incidents)
    , m_dispatcher(layer, m_settings.seed, m_settings.dispatch)
    , m_plan(m_settings.episodes, m_fleet, m_settings.seed)
    , m_telemetryRng(makeGenerator(m_settings.seed, Stream::Telemetry))
{
    m_order.resize(m_fleet.sensors().size());
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = i;
    // Fisher-Yates with our own stream, so domains and districts interleave on the wire.
    for (size_t i = m_order.size(); i > 1; --i)
        std::swap(m_order[i - 1], m_order[m_telemetryRng.bounded(static_cast<quint32>(i))]);
}

std::vector<SimMessage> CitySimulator::start(qint64 nowMs)
{
    Q_ASSERT(!m_started);
    m_started = true;
    // Every sensor has a reading from the start, so the first indicators are meaningful.
    std::vector<SimSensor>& sensors = m_fleet.sensors();
    for (size_t i = 0; i < sensors.size(); ++i)
        TelemetryModel::read(sensors[i], nowMs, m_telemetryRng, m_plan.at(i, nowMs));
    m_board = std::make_unique<IndicatorBoard>(m_settings.seed, nowMs);

    m_dispatcher.start(nowMs);

    std::vector<SimMessage> out;
    // The camera layer: shared state, so retained for the consoles that start later.
    if (m_settings.cameras > 0) {
        const CameraLayer cameras(m_layer, m_settings.seed, m_settings.cameras);
        out.push_back({ m_topics.gis(QLatin1String(CameraLayer::layerId)), cameras.toGeoJson(), 1, true });
    }
    appendIncidents(m_incidents.start(nowMs), &out);
    appendActions(nowMs, &out);
    appendIndicators(nowMs, &out);
    m_nextIndicatorsMs = nowMs + m_settings.indicatorIntervalMs;
    for (size_t e = 0; e < m_plan.episodes().size(); ++e) {
        const Episode& episode = m_plan.episodes()[e];
        qCInfo(lcSim).noquote() << "episode" << Episode::kindName(episode.kind) << "in" << episode.district << "from"
                                << BeijingClock::rfc3339(episode.startMs) << "for" << episode.durationMs / 60000
                                << "min, intensity" << episode.intensity << "-" << m_plan.affectedCount(e) << "sensors";
    }
    qCInfo(lcSim) << "simulator started with seed" << m_settings.seed << "," << m_fleet.sensors().size() << "sensors,"
                  << m_incidents.openCount() << "open incidents, dispatch desk"
                  << (m_settings.dispatchDesk ? m_settings.dispatch.console : QStringLiteral("off"));
    return out;
}

std::vector<TelemetrySample> CitySimulator::samples(qint64 nowMs, int count)
{
    std::vector<TelemetrySample> out;
    if (m_order.empty() || count <= 0)
        return out;
    out.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        const size_t index = m_order[m_next];
        SimSensor& sensor = m_fleet.sensors()[index];
        m_next = (m_next + 1) % m_order.size();
        TelemetrySample sample;
        sample.values = TelemetryModel::read(sensor, nowMs, m_telemetryRng, m_plan.at(index, nowMs));
        sample.sensorId = sensor.id;
        sample.domain = sensor.domain;
        sample.district = sensor.district;
        sample.tsMs = nowMs;
        sample.seq = ++sensor.seq;
        sample.lon = sensor.lon;
        sample.lat = sensor.lat;
        out.push_back(std::move(sample));
    }
    return out;
}

std::vector<SimMessage> CitySimulator::telemetry(qint64 nowMs, int count)
{
    std::vector<SimMessage> out;
    std::vector<TelemetrySample> readings = samples(nowMs, count);
    out.reserve(readings.size());
    for (const TelemetrySample& sample : readings) {
        QJsonObject values;
        for (const auto& [metric, value] : sample.values)
            values.insert(metric, value);
        const QJsonObject payload {
            { QStringLiteral("ts"), sample.tsMs },
            { QStringLiteral("seq"), sample.seq },
            { QStringLiteral("lon"), sample.lon },
            { QStringLiteral("lat"), sample.lat },
            { QStringLiteral("values"), values },
        };
        out.push_back({ m_topics.telemetry(sample.domain, sample.district, sample.sensorId),
            QJsonDocument(payload).toJson(QJsonDocument::Compact), 0, false });
    }
    return out;
}

std::vector<SimMessage> CitySimulator::advance(qint64 nowMs)
{
    std::vector<SimMessage> out;
    if (!m_started)
        return out;
    appendIncidents(m_incidents.advance(nowMs), &out);
    appendActions(nowMs, &out);
    if (nowMs >= m_nextIndicatorsMs) {
        appendIndicators(nowMs, &out);
        // After a stall, carry on from now rather than catching up with a burst.
        m_nextIndicatorsMs = std::max(m_nextIndicatorsMs + m_settings.indicatorIntervalMs, nowMs + 1);
    }
    return out;
}

void CitySimulator::appendIncidents(std::vector<IncidentEvent> events, std::vector<SimMessage>* out)
{
    for (const IncidentEvent& event : events) {
        if (event.status == QLatin1String("new") && event.kind == QLatin1String("city_management") && m_board)
            m_board->countHotlineCase(event.tsMs);
        out->push_back({ m_topics.incidentEvent(event.id), IncidentGenerator::toJson(event), 1, true });
    }
    if (m_settings.dispatchDesk)
        m_dispatcher.observe(events);
}

void CitySimulator::appendActions(qint64 nowMs, std::vector<SimMessage>* out)
{
    if (!m_settings.dispatchDesk)
        return;
    // Console actions: QoS 1, not retained (docs/topics.md); every console journals them.
    for (const IncidentAction& action : m_dispatcher.due(nowMs))
        out->push_back({ m_topics.incidentAction(action.incidentId), incidentActionToJson(action), 1, false });
}

void CitySimulator::appendIndicators(qint64 nowMs, std::vector<SimMessage>* out)
{
    for (const SimIndicator& indicator : m_board->update(m_fleet.sensors(), m_incidents.openCount(), nowMs))
        out->push_back({ m_topics.indicator(indicator.id), indicator.toJson(nowMs), 1, true });
}

SimMessage CitySimulator::presence(bool online, qint64 nowMs, qint64 seq) const
{
    const QJsonObject payload {
        { QStringLiteral("ts"), nowMs },
        { QStringLiteral("seq"), seq },
        { QStringLiteral("online"), online },
        { QStringLiteral("kind"), QStringLiteral("simulator") },
        { QStringLiteral("version"), QStringLiteral(CITYBRAIN_VERSION) },
    };
    return { m_topics.status(m_settings.clientId), QJsonDocument(payload).toJson(QJsonDocument::Compact), 1, true };
}

} // namespace citybrain::sim
