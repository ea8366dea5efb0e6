#include "citystate.h"

#include "ingestpipeline.h"
#include "mqttclient.h"

#include <QDateTime>

namespace citybrain {

CityState::CityState(bool embeddedBroker, QObject* parent)
    : QObject(parent)
    , m_indicators(nullptr)
    , m_incidents(nullptr)
    , m_health(embeddedBroker, nullptr)
    , m_presence(nullptr)
{
    m_healthTimer.setInterval(1000);
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
    });
    m_healthTimer.start();
}

void CityState::attach(MqttClient* client)
{
    connect(client, &MqttClient::connectionChanged, this,
        [this](bool connected, const QString& server) { m_health.setConnection(connected, server); });
}

void CityState::apply(const IngestBatch& batch)
{
    m_indicators.apply(batch.indicators);
    m_incidents.apply(batch.incidents);
    m_health.apply(batch);
    m_presence.apply(batch.presence);
    ++m_batches;
    Q_EMIT batchApplied();
}

void CityState::provideToQml()
{
    IndicatorModel::provide(&m_indicators);
    IncidentModel::provide(&m_incidents);
    FeedHealth::provide(&m_health);
    PresenceModel::provide(&m_presence);
}

} // namespace citybrain
