#include "ingestpipeline.h"

#include "capdecoder.h"
#include "incidentstore.h"
#include "logging.h"

#include <QDateTime>
#include <QHash>

#include <chrono>

namespace citybrain {

namespace {

// Logs a rejection the first time its reason is seen, then at most every 10 s per reason with a
// count, so a flood of garbage cannot flood the log.
class RejectionLog
{
public:
    void note(const QString& topic, const Rejection& rejection, qint64 nowMs)
    {
        Entry& entry = m_entries[static_cast<std::size_t>(rejection.reason)];
        ++entry.suppressed;
        if (nowMs - entry.lastLogMs < 10000)
            return;
        qCWarning(lcIngest).noquote() << "rejected" << rejectReasonName(rejection.reason) << "on" << topic.left(200)
                                      << "-" << rejection.detail.left(200) << "(" << entry.suppressed
                                      << "of this reason since the last report)";
        entry.lastLogMs = nowMs;
        entry.suppressed = 0;
    }

private:
    struct Entry
    {
        qint64 lastLogMs = -100000;
        qint64 suppressed = 0;
    };
    std::array<Entry, rejectReasonCount> m_entries {};
};

// A CAP Update names the alert it updates, but a later Cancel may name only the Update: remember
// which incident every CAP message went to, so the whole chain lands on the first alert's incident.
class CapChains
{
public:
    void resolve(IncidentEvent& event)
    {
        if (!event.cap)
            return;
        for (int hops = 0; hops < 16 && m_incidentOf.contains(event.id); ++hops)
            event.id = m_incidentOf.value(event.id);
        const QString own = CapDecoder::incidentIdFor(event.cap->identifier);
        if (own == event.id)
            return;
        if (m_incidentOf.size() > 100000)
            m_incidentOf.clear(); // bounded; chains older than that are history
        m_incidentOf.insert(own, event.id);
    }

private:
    QHash<QString, QString> m_incidentOf;
};

} // namespace

IngestPipeline::IngestPipeline(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_decoder(m_settings.topics, m_settings.limits)
{ }

IngestPipeline::~IngestPipeline()
{
    stop();
}

void IngestPipeline::start()
{
    if (!m_worker.joinable())
        m_worker = std::thread([this] { run(); });
}

void IngestPipeline::stop()
{
    m_queue.close();
    if (m_worker.joinable())
        m_worker.join();
}

void IngestPipeline::enqueue(MqttMessage&& message)
{
    const TopicScheme::Route route = m_settings.topics.route(message.topic);
    const bool incident = route.feed == TopicScheme::Feed::IncidentEvent || route.feed == TopicScheme::Feed::Cap
        || (route.feed == TopicScheme::Feed::Ngsi && route.domain == QLatin1String("Alert"));
    if (message.qos < 1 || !incident || m_settings.dbPath.isEmpty()) {
        m_queue.push(std::move(message));
        return;
    }
    message.stored = std::make_shared<std::promise<void>>();
    std::future<void> stored = message.stored->get_future();
    if (!m_queue.push(std::move(message)))
        return; // closed: we are stopping, the broker redelivers it next time
    // Bounded, so that a hung disk cannot hang the MQTT client forever; the worker goes on in memory.
    if (stored.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        qCWarning(lcStore) << "incident not committed within 10 s; acknowledging it anyway";
}

QString IngestPipeline::storeError() const
{
    std::lock_guard lock(m_errorMutex);
    return m_storeError;
}

void IngestPipeline::post(std::unique_ptr<IngestBatch> batch)
{
    m_batchInFlight = true;
    std::shared_ptr<const IngestBatch> shared(std::move(batch));
    QMetaObject::invokeMethod(
        this,
        [this, shared] {
            m_batchInFlight = false;
            Q_EMIT batchReady(shared);
        },
        Qt::QueuedConnection);
}

void IngestPipeline::run()
{
    using namespace std::chrono;
    std::unique_ptr<IncidentStore> store;
    auto setStoreError = [this](const QString& error) {
        std::lock_guard lock(m_errorMutex);
        if (m_storeError != error && !error.isEmpty())
            qCWarning(lcStore).noquote() << error;
        m_storeError = error;
    };
    if (!m_settings.dbPath.isEmpty()) {
        store = std::make_unique<IncidentStore>(m_settings.dbPath);
        QString error;
        if (store->open(&error)) {
            auto restored = std::make_unique<IngestBatch>();
            restored->restored = true;
            restored->incidents = store->loadRecent(500, &error);
            std::reverse(restored->incidents.begin(), restored->incidents.end()); // oldest first, as if live
            post(std::move(restored));
        } else {
            store.reset();
        }
        setStoreError(error);
    }

    RejectionLog rejectionLog;
    CapChains capChains;
    auto pending = std::make_unique<IngestBatch>();
    QHash<QString, std::size_t> telemetrySlot; // sensor id -> index in pending->telemetry
    std::vector<MqttMessage> messages;
    auto lastPost = steady_clock::now();
    const milliseconds frame(m_settings.frameMs);
    bool open = true;
    while (open) {
        const auto nextPost = lastPost + frame;
        const auto wait = duration_cast<milliseconds>(nextPost - steady_clock::now());
        messages.clear();
        open = m_queue.popAll(messages, std::max(wait, milliseconds(1)));
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        std::vector<IncidentEvent> newIncidents;
        std::vector<std::shared_ptr<std::promise<void>>> waiting;
        for (MqttMessage& message : messages) {
            if (message.stored)
                waiting.push_back(std::move(message.stored));
            ++pending->received;
            m_received.fetch_add(1, std::memory_order_relaxed);
            pending->newestMessageMs = std::max(pending->newestMessageMs, message.receivedMs);
            FeedDecoder::Result result = m_decoder.decode(message.topic, message.payload, nowMs);
            if (auto* rejection = std::get_if<Rejection>(&result)) {
                ++pending->rejected[static_cast<std::size_t>(rejection->reason)];
                m_rejected[static_cast<std::size_t>(rejection->reason)].fetch_add(1, std::memory_order_relaxed);
                rejectionLog.note(message.topic, *rejection, nowMs);
                continue;
            }
            const auto count = [this](Decoded kind) {
                m_decoded[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
            };
            if (std::holds_alternative<Ignored>(result)) {
                count(Decoded::Ignored);
                continue;
            }
            ++pending->decoded;
            if (auto* sample = std::get_if<TelemetrySample>(&result)) {
                count(Decoded::Telemetry);
                auto slot = telemetrySlot.constFind(sample->sensorId);
                if (slot != telemetrySlot.constEnd()) {
                    pending->telemetry[*slot] = std::move(*sample);
                } else {
                    telemetrySlot.insert(sample->sensorId, pending->telemetry.size());
                    pending->telemetry.push_back(std::move(*sample));
                }
            } else if (auto* indicator = std::get_if<IndicatorUpdate>(&result)) {
                count(Decoded::Indicator);
                if (!message.retained)
                    pending->liveEventTsMs.push_back(indicator->tsMs);
                pending->indicators.push_back(std::move(*indicator));
            } else if (auto* incident = std::get_if<IncidentEvent>(&result)) {
                count(Decoded::Incident);
                if (!message.retained)
                    pending->liveEventTsMs.push_back(incident->tsMs);
                capChains.resolve(*incident);
                newIncidents.push_back(std::move(*incident));
            } else if (auto* presence = std::get_if<PresenceStatus>(&result)) {
                count(Decoded::Presence);
                pending->presence.push_back(std::move(*presence));
            }
        }
        if (!newIncidents.empty()) {
            QString error;
            if (store && !store->save(newIncidents, &error))
                setStoreError(QStringLiteral("incident store: ") + error);
            else if (store)
                setStoreError(QString());
            for (IncidentEvent& event : newIncidents)
                pending->incidents.push_back(std::move(event));
        }
        // Committed (or rejected, or the store is down and we go on in memory): let Paho acknowledge.
        for (const auto& promise : waiting)
            promise->set_value();
        if (!pending->isEmpty() && !m_batchInFlight && steady_clock::now() >= nextPost) {
            post(std::move(pending));
            pending = std::make_unique<IngestBatch>();
            telemetrySlot.clear();
            lastPost = steady_clock::now();
        }
    }
}

} // namespace citybrain
