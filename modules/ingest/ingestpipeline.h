#pragma once

#include "feeddecoder.h"
#include "inboundqueue.h"
#include "ingestbatch.h"

#include "ruleset.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace citybrain {

// MQTT messages in, batches for the GUI thread out. Paho's threads call enqueue(); one worker
// thread decodes, validates, coalesces telemetry per sensor, stores incidents, journals console
// actions, and posts a batch to the GUI thread at most once per frame, and only when the previous
// batch has been taken. Telemetry is decoded as it arrives (in groups, Settings::coalesceMs), so a
// batch leaves as soon as its frame is due, or as soon as the GUI takes the previous one if that
// was late.
//
// Console actions: the worker keeps an IncidentBook of the incidents' events and actions, so each
// action's journal entry ("action:<name>") records the lifecycle state before and after it. An
// incident's journalled actions are loaded into the book the first time an action on it arrives (and
// at start for the restored incidents), so the states are right after a restart too; the book keeps
// at most bookCapacity incidents, forgetting the least recently seen (reloaded from the journal if
// needed). A redelivered action (same incident and action id) is neither journalled nor posted again.
class HistoryStore;

class IngestPipeline : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        TopicScheme topics;
        FeedDecoder::Limits limits;
        QString dbPath; // empty: nothing is persisted
        int frameMs = 16;
        qint64 restoreHistoryMs = 3600 * 1000; // indicator history the wall opens with
        // Monitoring rules evaluated on every telemetry sample (docs/rules.md); null: none.
        std::shared_ptr<const RuleSet> rules {};
        // The per-sensor baseline of the daily and weekly cycle (docs/anomaly.md), seeded from the store.
        bool anomalies = true;
        // Telemetry is decoded in small groups as it arrives, each group at most this long after its first
        // reading, so that a frame's batch is ready when the frame is due (publish-to-model latency); the
        // batches still go out at most once per frame.
        int coalesceMs = 4;
    };
    static constexpr int restoredChartWidth = 1200; // points per indicator restored (M4 over this many px)
    static constexpr int bookCapacity = 20000; // incidents whose lifecycle the worker keeps in memory

    explicit IngestPipeline(Settings settings, QObject* parent = nullptr);
    ~IngestPipeline() override;

    // Starts the worker; it first restores stored incidents and their journalled actions as a batch
    // with `restored` set.
    void start();
    void stop();
    // Thread-safe: the worker takes the new rules before its next message (the rule file changed).
    void setRules(std::shared_ptr<const RuleSet> rules);
    // Alarms raised and cleared since start, readable from any thread (for metrics).
    [[nodiscard]] qint64 alarmsRaisedTotal() const { return m_alarmsRaised.load(std::memory_order_relaxed); }
    [[nodiscard]] qint64 alarmsClearedTotal() const { return m_alarmsCleared.load(std::memory_order_relaxed); }

    // Thread-safe; called from Paho's threads. An incident event or console action (QoS >= 1) returns
    // only once it is committed to the store, so the broker's PUBACK follows a durable write.
    void enqueue(MqttMessage&& message);

    [[nodiscard]] const InboundQueue& queue() const { return m_queue; }

    // Running totals since start, readable from any thread (for metrics).
    enum class Decoded { Telemetry, Indicator, Incident, Action, Presence, Ignored, Gis, Count };
    [[nodiscard]] qint64 receivedTotal() const { return m_received.load(std::memory_order_relaxed); }
    [[nodiscard]] qint64 decodedTotal(Decoded kind) const
    {
        return m_decoded[static_cast<std::size_t>(kind)].load(std::memory_order_relaxed);
    }
    [[nodiscard]] qint64 rejectedTotal(RejectReason reason) const
    {
        return m_rejected[static_cast<std::size_t>(reason)].load(std::memory_order_relaxed);
    }
    // GIS features skipped inside otherwise usable layer messages, by reason (citybrain_gis_features_
    // rejected_total{reason=featureRejectionName(reason)}); the whole-message rejections are in rejectedTotal.
    [[nodiscard]] qint64 gisFeaturesRejectedTotal(FeatureRejection reason) const
    {
        return m_gisFeaturesRejected[static_cast<std::size_t>(reason)].load(std::memory_order_relaxed);
    }
    // Empty while the store writes normally; otherwise what is wrong with it.
    [[nodiscard]] QString storeError() const;
    // The history store (null without a database); thread-safe.
    [[nodiscard]] const HistoryStore* history() const { return m_history.get(); }

Q_SIGNALS:
    // Emitted in this object's (the GUI) thread.
    void batchReady(const std::shared_ptr<const citybrain::IngestBatch>& batch);

private:
    void run();
    void post(std::unique_ptr<IngestBatch> batch);
    [[nodiscard]] std::unique_ptr<IngestBatch> restoreFromStore() const;

    Settings m_settings;
    FeedDecoder m_decoder;
    InboundQueue m_queue;
    std::thread m_worker;
    std::atomic<bool> m_batchInFlight { false };
    std::atomic<qint64> m_received { 0 };
    std::array<std::atomic<qint64>, static_cast<std::size_t>(Decoded::Count)> m_decoded {};
    std::array<std::atomic<qint64>, rejectReasonCount> m_rejected {};
    std::array<std::atomic<qint64>, featureRejectionCount> m_gisFeaturesRejected {};
    std::unique_ptr<HistoryStore> m_history;
    std::mutex m_rulesMutex;
    std::shared_ptr<const RuleSet> m_newRules; // taken by the worker
    bool m_rulesChanged = false;
    std::atomic<qint64> m_alarmsRaised { 0 };
    std::atomic<qint64> m_alarmsCleared { 0 };
};

} // namespace citybrain
