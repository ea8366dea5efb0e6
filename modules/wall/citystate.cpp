#include "citystate.h"

#include "ingestpipeline.h"
#include "maplayers.h"
#include "metricsregistry.h"
#include "mqttclient.h"
#include "processmetrics.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>

namespace citybrain {

CityState::CityState(bool embeddedBroker, const QString& wallId, QObject* parent)
    : QObject(parent)
    , m_indicators(nullptr)
    , m_incidents(nullptr)
    , m_health(embeddedBroker, nullptr)
    , m_presence(nullptr)
    , m_annotations(nullptr)
    , m_focus(wallId, nullptr)
    , m_alarms(&m_incidents, nullptr)
    , m_sensorMarkers(&m_alarms, nullptr)
    , m_incidentMarkers(&m_incidents, nullptr)
{
    m_healthTimer.setInterval(1000);
    // SLA clocks, alarms and duplicate hints move with time, not only with data; so do silent sensors.
    connect(&m_healthTimer, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_incidents.tick(now);
        m_sensorMarkers.tick(now);
    });
}

void CityState::setMapLayers(MapLayers* layers)
{
    m_mapLayers = layers;
    m_sensorMarkers.setMapLayers(layers);
    m_incidentMarkers.setMapLayers(layers);
}

void CityState::attach(IngestPipeline* pipeline)
{
    connect(pipeline, &IngestPipeline::batchReady, this,
        [this](const std::shared_ptr<const IngestBatch>& batch) { apply(*batch); });
    connect(&m_healthTimer, &QTimer::timeout, this, [this, pipeline] {
        const InboundQueue::LaneStats priority = pipeline->queue().priorityStats();
        const InboundQueue::LaneStats bulk = pipeline->queue().bulkStats();
        m_health.tick(
            QDateTime::currentMSecsSinceEpoch(), std::max(priority.highWater, bulk.highWater), pipeline->storeError());
        const std::optional<qint64> resident = processResidentMemoryBytes();
        m_health.setFigures(m_latency ? m_latency->quantile(0.99) * 1000.0 : 0.0,
            resident ? static_cast<double>(*resident) / (1024.0 * 1024.0) : 0.0);
    });
    m_healthTimer.start();
}

void CityState::attach(MqttClient* client)
{
    connect(client, &MqttClient::connectionChanged, this,
        [this](bool connected, const QString& server) { m_health.setConnection(connected, server); });
}

void CityState::setHistograms(Histogram* latencySeconds, Histogram* applySeconds)
{
    m_latency = latencySeconds;
    m_applyTime = applySeconds;
}

void CityState::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    if (live) {
        m_incidents.apply(m_missedIncidents);
        m_incidents.applyActions(m_missedActions);
        m_alarms.apply(m_missedAlarms);
        m_indicators.apply(m_missedIndicators);
        if (m_mapLayers)
            m_mapLayers->apply(m_missedGis);
    }
    m_missedGis.clear();
    m_missedIncidents.clear();
    m_missedActions.clear();
    m_missedAlarms.clear();
    m_missedIndicators.clear();
}

void CityState::showState(const std::vector<IncidentEvent>& incidents, const std::vector<IncidentAction>& actions,
    const std::vector<IndicatorUpdate>& indicators)
{
    m_incidents.reset(incidents, actions);
    m_indicators.reset(indicators);
}

void CityState::apply(const IngestBatch& batch)
{
    QElapsedTimer applying;
    applying.start();
    if (m_live) {
        m_indicators.apply(batch.indicators);
        m_incidents.apply(batch.incidents);
        m_incidents.applyActions(batch.actions);
        m_alarms.apply(batch.alarms);
        if (m_mapLayers)
            m_mapLayers->apply(batch.gisUpdates);
    } else {
        constexpr std::size_t limit = 100000; // the store has them all; these only bridge the return
        if (m_missedIncidents.size() < limit)
            m_missedIncidents.insert(m_missedIncidents.end(), batch.incidents.begin(), batch.incidents.end());
        if (m_missedAlarms.size() < limit)
            m_missedAlarms.insert(m_missedAlarms.end(), batch.alarms.begin(), batch.alarms.end());
        if (m_missedActions.size() < limit)
            m_missedActions.insert(m_missedActions.end(), batch.actions.begin(), batch.actions.end());
        if (m_missedIndicators.size() < limit)
            m_missedIndicators.insert(m_missedIndicators.end(), batch.indicators.begin(), batch.indicators.end());
        for (const GisUpdate& update : batch.gisUpdates) {
            if (update.kind != GisUpdate::Kind::Upsert) { // what came before on this layer no longer counts
                m_missedGis.erase(std::remove_if(m_missedGis.begin(), m_missedGis.end(),
                                      [&](const GisUpdate& missed) { return missed.layerId == update.layerId; }),
                    m_missedGis.end());
            }
            if (m_missedGis.size() < limit)
                m_missedGis.push_back(update);
        }
    }
    m_sensorMarkers.apply(batch.telemetry, QDateTime::currentMSecsSinceEpoch());
    m_health.apply(batch);
    m_presence.apply(batch.presence);
    m_annotations.apply(batch.annotations); // live and in playback alike: they mark moments
    m_focus.apply(batch.wallControls); // a leader steers the wall in playback too
    ++m_batches;
    if (m_applyTime)
        m_applyTime->observe(static_cast<double>(applying.nsecsElapsed()) / 1e9);
    if (m_latency && !batch.restored) {
        // From the source's timestamp to the model holding the value.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto observe = [&](qint64 tsMs) { m_latency->observe(std::max<qint64>(0, now - tsMs) / 1000.0); };
        for (const TelemetrySample& sample : batch.telemetry)
            observe(sample.tsMs);
        for (const qint64 tsMs : batch.liveIndicatorTsMs)
            observe(tsMs);
    }
    Q_EMIT batchApplied();
}

void CityState::provideToQml()
{
    IndicatorModel::provide(&m_indicators);
    IncidentModel::provide(&m_incidents);
    FeedHealth::provide(&m_health);
    PresenceModel::provide(&m_presence);
    AnnotationModel::provide(&m_annotations);
    WallFocus::provide(&m_focus);
    SensorAlarmModel::provide(&m_alarms);
    SensorMarkers::provide(&m_sensorMarkers);
    IncidentMarkers::provide(&m_incidentMarkers);
}

} // namespace citybrain
