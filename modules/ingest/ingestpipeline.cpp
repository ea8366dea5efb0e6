#include "ingestpipeline.h"

#include "alarmgrouper.h"
#include "anomalydetector.h"
#include "capdecoder.h"
#include "historyreader.h"
#include "historystore.h"
#include "incidentactionjson.h"
#include "incidentbook.h"
#include "incidentstore.h"
#include "logging.h"
#include "ruleengine.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#ifdef Q_OS_LINUX
#include <pthread.h>
#endif

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>
#include <list>

namespace citybrain {

namespace {

// Logs a rejection the first time its reason is seen, then at most once every 10 s per reason with a
// count, so a flood of garbage cannot flood the log. Forbidden actions are an operator's doing, not
// garbage: each is logged (its detail names the actor and the console), up to 20 every 10 s.
class RejectionLog
{
public:
    void note(const QString& topic, const Rejection& rejection, qint64 nowMs)
    {
        Entry& entry = m_entries[static_cast<std::size_t>(rejection.reason)];
        ++entry.suppressed;
        if (nowMs - entry.windowStartMs >= 10000) {
            entry.windowStartMs = nowMs;
            entry.logged = 0;
        }
        if (entry.logged >= (rejection.reason == RejectReason::Forbidden ? 20 : 1))
            return;
        qCWarning(lcIngest).noquote() << "rejected" << rejectReasonName(rejection.reason) << "on" << topic.left(200)
                                      << "-" << rejection.detail.left(300) << "(" << entry.suppressed
                                      << "of this reason since the last report)";
        ++entry.logged;
        entry.suppressed = 0;
    }

private:
    struct Entry
    {
        qint64 windowStartMs = -100000;
        int logged = 0;
        qint64 suppressed = 0;
    };
    std::array<Entry, rejectReasonCount> m_entries {};
};

// GIS layers with features skipped for bad geometry: the layer, how many and the first problems, at
// most once every 10 s (with the count of messages not reported in between).
class GisFeatureLog
{
public:
    void note(const GisMessage& message, qint64 nowMs)
    {
        if (message.update.rejectedFeatures == 0)
            return;
        ++m_unreported;
        if (nowMs - m_lastLogMs < 10000)
            return;
        m_lastLogMs = nowMs;
        qCWarning(lcIngest).noquote() << "gis layer" << message.update.layerId << "-" << message.update.rejectedFeatures
                                      << "features skipped:"
                                      << message.problems.mid(0, 3).join(QStringLiteral("; ")).left(500) << "("
                                      << m_unreported << "messages with skipped features since the last report)";
        m_unreported = 0;
    }

private:
    qint64 m_lastLogMs = -100000;
    qint64 m_unreported = 0;
};

// Actions read back from the journal, decoded with the contract's codec; an unreadable one is logged
// and skipped (the journal is append-only: it stays there for the auditor).
std::vector<IncidentAction> actionsFromJournal(const std::vector<JournalEntry>& entries)
{
    std::vector<IncidentAction> actions;
    actions.reserve(entries.size());
    for (const JournalEntry& entry : entries) {
        QString error;
        if (auto action = incidentActionFromJson(entry.payload.toUtf8(), entry.incidentId, &error))
            actions.push_back(std::move(*action));
        else
            qCWarning(lcStore).noquote() << "journal entry" << entry.id << "is not a readable action:" << error;
    }
    return actions;
}

// The journal entry of a console action: "action:<name>", the lifecycle state around it.
JournalEntry journalEntryFor(const IncidentAction& action, const IncidentBook::Outcome& outcome)
{
    JournalEntry entry;
    entry.incidentId = action.incidentId;
    entry.kind = QStringLiteral("action:") + actionKindName(action.kind);
    entry.actor = action.actor;
    entry.role = action.role;
    entry.console = action.console;
    entry.tsMs = action.tsMs;
    entry.payload = QString::fromUtf8(incidentActionToJson(action));
    entry.before = incidentStateName(outcome.before);
    entry.after = incidentStateName(outcome.after);
    entry.actionId = action.actionId;
    return entry;
}

// The worker's IncidentBook, bounded, and filled from the journal the first time an action on an
// incident arrives (IngestPipeline's header says why). Lives on the worker thread.
class Lifecycles
{
public:
    Lifecycles(QString dbPath, int capacity)
        : m_dbPath(std::move(dbPath))
        , m_capacity(std::max(1, capacity))
    { }

    // The restored incidents, with every action journalled on them.
    void restore(const IngestBatch& restored)
    {
        for (const IncidentEvent& event : restored.incidents) {
            touch(event.id)->loaded = true;
            m_book.applyEvent(event);
        }
        for (const IncidentAction& action : restored.actions) {
            touch(action.incidentId)->loaded = true;
            m_book.applyAction(action);
        }
        evict();
    }

    void applyEvent(const IncidentEvent& event)
    {
        touch(event.id);
        m_book.applyEvent(event);
        evict();
    }

    IncidentBook::Outcome applyAction(const IncidentAction& action)
    {
        Slot* slot = touch(action.incidentId);
        if (!slot->loaded)
            slot->loaded = load(action.incidentId);
        const IncidentBook::Outcome outcome = m_book.applyAction(action);
        evict();
        return outcome;
    }

private:
    struct Slot
    {
        std::list<QString>::iterator position;
        bool loaded = false; // its journalled actions are in the book
    };

    // Marks the incident as the most recently seen.
    Slot* touch(const QString& incidentId)
    {
        auto it = m_slots.find(incidentId);
        if (it != m_slots.end()) {
            m_order.splice(m_order.end(), m_order, it->position);
            return &*it;
        }
        m_order.push_back(incidentId);
        Slot slot;
        slot.position = std::prev(m_order.end());
        return &*m_slots.insert(incidentId, slot);
    }

    void evict()
    {
        while (m_slots.size() > m_capacity) {
            const QString oldest = m_order.front();
            m_order.pop_front();
            m_slots.remove(oldest);
            m_book.remove(oldest);
        }
    }

    // The incident's journalled actions into the book; false if the journal cannot be read now.
    bool load(const QString& incidentId)
    {
        if (m_dbPath.isEmpty())
            return true; // nothing is journalled
        if (!m_journal) {
            auto reader = std::make_unique<HistoryReader>(m_dbPath);
            QString error;
            if (!reader->open(&error))
                return false;
            m_journal = std::move(reader);
        }
        bool ok = false;
        const std::vector<JournalEntry> entries = m_journal->incidentActions({ incidentId }, &ok);
        if (!ok) {
            qCWarning(lcStore).noquote() << "journal not readable:" << m_journal->lastError();
            m_journal.reset(); // reopened next time
            return false;
        }
        for (const IncidentAction& action : actionsFromJournal(entries))
            m_book.applyAction(action);
        return true;
    }

    const QString m_dbPath;
    const qsizetype m_capacity;
    IncidentBook m_book;
    QHash<QString, Slot> m_slots;
    std::list<QString> m_order; // least recently seen first
    std::unique_ptr<HistoryReader> m_journal;
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

// Annotations go to the journal too: the audit trail says who noted what, and when.
std::vector<JournalEntry> journalEntriesFor(const std::vector<Annotation>& annotations)
{
    std::vector<JournalEntry> entries;
    for (const Annotation& annotation : annotations) {
        JournalEntry entry;
        entry.kind = annotation.removed ? QStringLiteral("annotation_removed") : QStringLiteral("annotation");
        entry.actor = annotation.author;
        entry.role = QStringLiteral("leader");
        entry.console = annotation.console;
        entry.tsMs = annotation.removed ? QDateTime::currentMSecsSinceEpoch() : annotation.tsMs;
        entry.payload = QString::fromUtf8(QJsonDocument(
            QJsonObject { { QStringLiteral("id"), annotation.id }, { QStringLiteral("at"), annotation.atMs },
                { QStringLiteral("text"),
                    annotation.text } }).toJson(QJsonDocument::Compact));
        entries.push_back(std::move(entry));
    }
    return entries;
}

} // namespace

IngestPipeline::IngestPipeline(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_decoder(m_settings.topics, m_settings.limits)
    , m_history(m_settings.dbPath.isEmpty() ? nullptr : std::make_unique<HistoryStore>(m_settings.dbPath))
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
    if (m_history)
        m_history->stop(); // writes what is queued and the rollups of open minutes
}

void IngestPipeline::enqueue(MqttMessage&& message)
{
    // This runs on Paho's thread for every message: telemetry (QoS 0) goes straight to the queue.
    if (message.qos < 1 || m_settings.dbPath.isEmpty()) {
        m_queue.push(std::move(message));
        return;
    }
    const TopicScheme::Route route = m_settings.topics.route(message.topic);
    const bool incident = route.feed == TopicScheme::Feed::IncidentEvent || route.feed == TopicScheme::Feed::Cap
        || route.feed == TopicScheme::Feed::IncidentAction
        || (route.feed == TopicScheme::Feed::Ngsi && route.domain == QLatin1String("Alert"));
    if (!incident) {
        m_queue.push(std::move(message));
        return;
    }
    message.stored = std::make_shared<std::promise<void>>();
    std::future<void> stored = message.stored->get_future();
    if (!m_queue.push(std::move(message)))
        return; // closed: we are stopping, the broker redelivers it next time
    // Bounded, so that a hung disk cannot hang the MQTT client forever; the worker goes on in memory.
    if (stored.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        qCWarning(lcStore) << "incident or action not committed within 10 s; acknowledging it anyway";
}

void IngestPipeline::setRules(std::shared_ptr<const RuleSet> rules)
{
    std::lock_guard lock(m_rulesMutex);
    m_newRules = std::move(rules);
    m_rulesChanged = true;
}

QString IngestPipeline::storeError() const
{
    if (!m_history || m_history->state() == StoreState::Ok)
        return {};
    const QString detail = m_history->storeError();
    return detail.isEmpty() ? storeStateName(m_history->state()) : detail;
}

std::unique_ptr<IngestBatch> IngestPipeline::restoreFromStore() const
{
    auto restored = std::make_unique<IngestBatch>();
    restored->restored = true;
    QString error;
    IncidentStore incidents(m_settings.dbPath);
    if (incidents.open(&error)) {
        restored->incidents = incidents.loadRecent(500, &error);
        std::reverse(restored->incidents.begin(), restored->incidents.end()); // oldest first, as if live
    }
    HistoryReader reader(m_settings.dbPath);
    if (!reader.open(&error)) {
        qCWarning(lcStore).noquote() << "history not readable:" << error;
        return restored;
    }
    // A restarted console shows the same lifecycle states: every action on the restored incidents.
    QStringList ids;
    ids.reserve(qsizetype(restored->incidents.size()));
    for (const IncidentEvent& incident : restored->incidents)
        ids.append(incident.id);
    bool ok = false;
    restored->actions = actionsFromJournal(reader.incidentActions(ids, &ok));
    if (!ok)
        qCWarning(lcStore).noquote() << "journalled actions not readable:" << reader.lastError();
    // Every KPI tile and chart opens with its recent history, not blank.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const IndicatorUpdate& latest : reader.latestIndicators()) {
        for (const QPointF& point :
            reader.indicatorHistory(latest.id, now - m_settings.restoreHistoryMs, now, restoredChartWidth)) {
            IndicatorUpdate past = latest;
            past.tsMs = static_cast<qint64>(point.x());
            past.value = point.y();
            if (past.tsMs < latest.tsMs)
                restored->indicators.push_back(past);
        }
        restored->indicators.push_back(latest);
    }
    return restored;
}

void IngestPipeline::post(std::unique_ptr<IngestBatch> batch)
{
    m_batchInFlight = true;
    std::shared_ptr<const IngestBatch> shared(std::move(batch));
    QMetaObject::invokeMethod(
        this,
        [this, shared] {
            m_batchInFlight = false;
            m_queue.wake(); // the worker may post the next one if its frame is due
            Q_EMIT batchReady(shared);
        },
        Qt::QueuedConnection);
}

void IngestPipeline::run()
{
    using namespace std::chrono;
#ifdef Q_OS_LINUX
    pthread_setname_np(pthread_self(), "cb-ingest"); // for top and perf
#endif
    Lifecycles lifecycles(m_history ? m_settings.dbPath : QString(), bookCapacity);
    if (m_history) {
        // Opening and migrating is disk I/O: here, not on the GUI thread.
        QString error;
        if (!m_history->start(&error))
            qCWarning(lcStore).noquote() << "history:" << error << "- keeping data in memory until it opens";
        std::unique_ptr<IngestBatch> restored = restoreFromStore();
        lifecycles.restore(*restored);
        post(std::move(restored));
    }

    // Monitoring: rules and the learned baseline on every sample, their alarms grouped into incidents.
    RuleEngine rules;
    rules.setRules(m_settings.rules);
    AlarmGrouper grouper;
    std::unique_ptr<AnomalyDetector> anomalies;
    std::unique_ptr<HistoryReader> trendReader; // the readings around a raised alarm's trigger
    if (m_history) {
        trendReader = std::make_unique<HistoryReader>(m_settings.dbPath);
        QString error;
        if (!trendReader->open(&error))
            trendReader.reset();
    }
    if (m_settings.anomalies) {
        anomalies = std::make_unique<AnomalyDetector>();
        if (trendReader) {
            const AnomalyDetector::SeedStats seeded
                = anomalies->seed(*trendReader, QDateTime::currentMSecsSinceEpoch());
            qCInfo(lcIngest) << "anomaly baseline:" << seeded.series << "series from" << seeded.hours
                             << "hours of history in" << seeded.elapsedMs << "ms";
        }
    }
    std::vector<SensorAlarm> alarmChanges;
    auto lastRuleTick = steady_clock::now();

    RejectionLog rejectionLog;
    GisFeatureLog gisLog;
    CapChains capChains;
    auto pending = std::make_unique<IngestBatch>();
    QHash<QString, std::size_t> telemetrySlot; // sensor id -> index in pending->telemetry
    // With history on, a round's readings are moved into `history` (it keeps every one) and only each
    // sensor's newest is copied into the batch, at the end of the round: latestInRound[i] is the index in
    // `history` of the newest reading for pending->telemetry[i] (npos: none this round), `touched` the
    // slots that have one.
    constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> latestInRound;
    std::vector<std::size_t> touched;
    std::array<qint64, static_cast<std::size_t>(Decoded::Count)> decodedInRound {};
    std::vector<MqttMessage> messages;
    std::vector<TelemetrySample> history;
    std::vector<IndicatorUpdate> newIndicators;
    std::vector<Annotation> newAnnotations;
    std::vector<IncidentAction> newActions;
    std::vector<JournalEntry> newJournal; // the actions' entries, then the annotations'
    const milliseconds frame(std::max(1, m_settings.frameMs));
    const milliseconds coalesce(std::clamp(m_settings.coalesceMs, 0, m_settings.frameMs));
    auto lastPost = steady_clock::now() - frame; // the first batch may go at once
    bool open = true;
    while (open) {
        // Wake for the frame when a batch is waiting to go; otherwise for the next reading (after the
        // coalescing delay), an incident, the taking of the batch in flight, or the rules' clock.
        const auto now = steady_clock::now();
        const auto nextPost = lastPost + frame;
        auto deadline = lastRuleTick + seconds(1);
        if (!pending->isEmpty())
            deadline = std::min(deadline, m_batchInFlight ? now + frame : nextPost);
        messages.clear();
        open = m_queue.popAll(messages, deadline, coalesce);
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        std::vector<IncidentEvent> newIncidents;
        std::vector<std::shared_ptr<std::promise<void>>> waiting;
        // Counted per round, not per message: one atomic add each instead of thousands.
        m_received.fetch_add(static_cast<qint64>(messages.size()), std::memory_order_relaxed);
        pending->received += static_cast<qint64>(messages.size());
        if (m_history)
            history.reserve(messages.size());
        for (MqttMessage& message : messages) {
            if (message.stored)
                waiting.push_back(std::move(message.stored));
            pending->newestMessageMs = std::max(pending->newestMessageMs, message.receivedMs);
            FeedDecoder::Result result = m_decoder.decode(message.topic, message.payload, nowMs);
            if (auto* rejection = std::get_if<Rejection>(&result)) {
                ++pending->rejected[static_cast<std::size_t>(rejection->reason)];
                m_rejected[static_cast<std::size_t>(rejection->reason)].fetch_add(1, std::memory_order_relaxed);
                rejectionLog.note(message.topic, *rejection, nowMs);
                continue;
            }
            const auto count = [&decodedInRound](Decoded kind) { ++decodedInRound[static_cast<std::size_t>(kind)]; };
            if (std::holds_alternative<Ignored>(result)) {
                count(Decoded::Ignored);
                continue;
            }
            ++pending->decoded;
            if (auto* sample = std::get_if<TelemetrySample>(&result)) {
                count(Decoded::Telemetry);
                rules.observe(*sample, &alarmChanges);
                if (anomalies)
                    anomalies->observe(*sample, &alarmChanges);
                auto slot = telemetrySlot.constFind(sample->sensorId);
                std::size_t index = 0;
                if (slot != telemetrySlot.constEnd()) {
                    index = *slot;
                } else {
                    index = pending->telemetry.size();
                    telemetrySlot.insert(sample->sensorId, index);
                    pending->telemetry.emplace_back(); // filled below, or at the end of the round
                    latestInRound.push_back(npos);
                }
                if (m_history) {
                    if (latestInRound[index] == npos)
                        touched.push_back(index);
                    latestInRound[index] = history.size();
                    history.push_back(std::move(*sample));
                } else {
                    pending->telemetry[index] = std::move(*sample);
                }
            } else if (auto* indicator = std::get_if<IndicatorUpdate>(&result)) {
                count(Decoded::Indicator);
                if (m_history)
                    newIndicators.push_back(*indicator);
                if (!message.retained)
                    pending->liveIndicatorTsMs.push_back(indicator->tsMs);
                pending->indicators.push_back(std::move(*indicator));
            } else if (auto* incident = std::get_if<IncidentEvent>(&result)) {
                count(Decoded::Incident);
                capChains.resolve(*incident);
                lifecycles.applyEvent(*incident);
                newIncidents.push_back(std::move(*incident));
            } else if (auto* action = std::get_if<IncidentAction>(&result)) {
                count(Decoded::Action);
                const IncidentBook::Outcome outcome = lifecycles.applyAction(*action);
                if (outcome.duplicate)
                    continue; // a redelivery: journalled and passed on the first time
                if (m_history)
                    newJournal.push_back(journalEntryFor(*action, outcome));
                newActions.push_back(std::move(*action));
            } else if (auto* annotation = std::get_if<Annotation>(&result)) {
                newAnnotations.push_back(*annotation);
                pending->annotations.push_back(std::move(*annotation));
            } else if (auto* presence = std::get_if<PresenceStatus>(&result)) {
                count(Decoded::Presence);
                pending->presence.push_back(std::move(*presence));
            } else if (auto* control = std::get_if<WallControl>(&result)) {
                pending->wallControls.push_back(std::move(*control));
            } else if (auto* gis = std::get_if<GisMessage>(&result)) {
                count(Decoded::Gis);
                for (int reason = 0; reason < featureRejectionCount; ++reason) {
                    m_gisFeaturesRejected[static_cast<std::size_t>(reason)].fetch_add(
                        gis->rejectedByReason[static_cast<std::size_t>(reason)], std::memory_order_relaxed);
                }
                gisLog.note(*gis, nowMs);
                if (message.receivedMs > 0)
                    gis->update.receivedMs = message.receivedMs;
                pending->gisUpdates.push_back(std::move(gis->update));
            }
        }
        {
            std::lock_guard lock(m_rulesMutex);
            if (m_rulesChanged) {
                rules.setRules(std::move(m_newRules), &alarmChanges);
                m_rulesChanged = false;
            }
        }
        if (steady_clock::now() - lastRuleTick >= seconds(1)) {
            rules.tick(nowMs, &alarmChanges);
            lastRuleTick = steady_clock::now();
        }
        for (SensorAlarm& alarm : alarmChanges) {
            const bool raised = alarm.state == SensorAlarm::State::Raised;
            (raised ? m_alarmsRaised : m_alarmsCleared).fetch_add(1, std::memory_order_relaxed);
            if (raised && trendReader) {
                // Half an hour before the condition began up to now: what the operator compares against.
                constexpr qint64 before = 30 * 60 * 1000;
                alarm.trend
                    = trendReader->range({ alarm.sensorId, alarm.metric }, alarm.sinceMs - before, alarm.tsMs, 120);
            }
            std::vector<IncidentEvent> grouped;
            grouper.apply(alarm, &grouped);
            for (IncidentEvent& event : grouped) {
                lifecycles.applyEvent(event);
                newIncidents.push_back(std::move(event));
            }
            pending->alarms.push_back(std::move(alarm));
        }
        alarmChanges.clear();
        for (const std::size_t index : touched) {
            pending->telemetry[index] = history[latestInRound[index]];
            latestInRound[index] = npos;
        }
        touched.clear();
        for (std::size_t kind = 0; kind < decodedInRound.size(); ++kind) {
            if (decodedInRound[kind] != 0)
                m_decoded[kind].fetch_add(decodedInRound[kind], std::memory_order_relaxed);
            decodedInRound[kind] = 0;
        }
        if (m_history) {
            // History keeps every reading; the wall gets the coalesced ones.
            if (!history.empty())
                m_history->append(std::move(history));
            if (!newIndicators.empty())
                m_history->appendIndicators(std::move(newIndicators));
            // Durable before Paho acknowledges; if the store is faulted they stay queued in it.
            if (!newIncidents.empty())
                m_history->appendIncidents(newIncidents);
            if (!newAnnotations.empty()) {
                std::vector<JournalEntry> notes = journalEntriesFor(newAnnotations);
                std::move(notes.begin(), notes.end(), std::back_inserter(newJournal));
            }
            // Actions too: durable before Paho acknowledges them.
            if (!newJournal.empty())
                m_history->appendJournal(std::move(newJournal));
        }
        newJournal.clear();
        newAnnotations.clear();
        history.clear();
        newIndicators.clear();
        for (IncidentEvent& event : newIncidents)
            pending->incidents.push_back(std::move(event));
        for (IncidentAction& action : newActions)
            pending->actions.push_back(std::move(action));
        newActions.clear();
        // Committed (or rejected, or the store is down and we go on in memory): let Paho acknowledge.
        for (const auto& promise : waiting)
            promise->set_value();
        if (!pending->isEmpty() && !m_batchInFlight && steady_clock::now() >= lastPost + frame) {
            post(std::move(pending));
            pending = std::make_unique<IngestBatch>();
            telemetrySlot.clear();
            latestInRound.clear();
            lastPost = steady_clock::now();
        }
    }
}

} // namespace citybrain
