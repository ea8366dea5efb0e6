#pragma once

#include "ruleset.h"
#include "sensoralarm.h"

#include <QHash>
#include <QString>

#include <deque>
#include <memory>
#include <vector>

namespace citybrain {

// Evaluates the monitoring rules (docs/rules.md) on telemetry, one sample at a time, and reports alarm
// changes: one Raised per episode of a (rule, sensor), one Cleared when it ends. Not thread-safe and
// without threads of its own: the ingest worker owns it and calls it.
//
// Per (rule, sensor): idle -> pending (the value crossed the line; since = that sample's time) -> raised
// (after the rule's for_seconds, with the value still past the line) -> cleared when the value goes back
// past the clear level (hysteresis). A value between the line and the clear level neither raises nor
// clears, pending or raised: that damps flapping. A gap in the data changes nothing (the silence rules
// report gaps). Samples older than the last one seen for a (rule, sensor) are ignored by it.
//
// Cost: one hash lookup of the sensor id per sample; the rules that apply to a sensor (its domain,
// district and sensor group, looked up by domain) are bound to it once, with their state, in one
// contiguous array, so a sample walks only its own rules and builds no string unless an alarm is raised
// or cleared (docs/performance.md, "Rule engine").
class RuleEngine
{
public:
    RuleEngine();
    ~RuleEngine();
    RuleEngine(const RuleEngine&) = delete;
    RuleEngine& operator=(const RuleEngine&) = delete;

    // Replaces the rules. The state (pending or raised) of every rule that still exists unchanged (same
    // id, same fields) is kept; alarms of rules removed or changed are cleared, reported in *changes when
    // given. A null set is an empty one.
    void setRules(std::shared_ptr<const RuleSet> rules, std::vector<SensorAlarm>* changes = nullptr);
    [[nodiscard]] std::shared_ptr<const RuleSet> rules() const { return m_rules; }

    // Evaluates the sample against its rules; appends the alarms it raised or cleared to *changes.
    void observe(const TelemetrySample& sample, std::vector<SensorAlarm>* changes);
    // Time passing without samples: raises silence alarms (a sensor quiet for longer than the rule's
    // timeout) and pending conditions whose minimum duration has passed since the last sample (which
    // must be at most staleLimitMs old at that moment). Call it about once a second with the current
    // time. The changes are dated when their condition completed, not `nowMs`, and sorted by that time
    // and alarm id: every console computes the same alarms from the same telemetry.
    void tick(qint64 nowMs, std::vector<SensorAlarm>* changes);

    // The alarms raised now, as they were raised, sorted by id.
    [[nodiscard]] std::vector<SensorAlarm> active() const;
    [[nodiscard]] int activeCount() const { return m_activeCount; }
    [[nodiscard]] int sensorCount() const { return static_cast<int>(m_sensors.size()); }
    // (rule, sensor) pairs bound, each with its state.
    [[nodiscard]] int stateCount() const { return m_slotCount; }

    // How old the last sample may be for tick() to complete a pending duration without a new sample.
    static constexpr qint64 staleLimitMs = 5 * 60 * 1000;

private:
    enum class Phase : quint8 { Idle, Pending, Raised };
    enum class ClearReason { Value, OutOfHours, RuleChanged, Resumed };

    // Rate rules: recent readings, thinned to one per 1/128 of the window.
    using RateWindow = std::deque<std::pair<qint64, double>>;

    // One rule bound to one sensor: the sensor's effective line and the (rule, sensor) state. A sensor's
    // slots are contiguous, so a sample walks a few cache lines rather than one scattered node per rule.
    struct Slot
    {
        const Rule* rule = nullptr;
        int ruleIndex = 0;
        int hint = 0; // where the metric was in the last sample's values
        int lineHint = 0;
        bool hasClear = false;
        bool hasSample = false;
        bool inPendingList = false;
        Phase phase = Phase::Idle;
        double line = 0;
        const QString* lineMetric = nullptr; // when the line is another metric of the sample
        double clear = 0;
        double hysteresis = 0;
        qint64 lastTs = 0; // the last sample this slot evaluated
        double lastValue = 0; // its value (threshold: the reading; rate: the change per minute)
        double lastThreshold = 0;
        double lastClear = 0;
        qint64 sinceMs = 0; // when the current episode's condition began
        double peak = 0; // the worst value of the episode
        qint64 rateSpanMs = 0; // rate: the span the last rate was measured over
        std::unique_ptr<RateWindow> window; // rate rules only
        std::unique_ptr<SensorAlarm> raised; // the Raised change, while raised
    };

    struct Sensor
    {
        QString id;
        QString domain;
        QString district;
        double lon = 0;
        double lat = 0;
        quint64 generation = 0; // of the rules the slots were made for
        std::vector<Slot> bound;
    };

    // (sensor index, slot index): the slots tick() looks at.
    using SlotRef = std::pair<int, int>;

    // Binds the rules of the sensor's (new) domain and district to it. A slot of a rule that is still
    // bound keeps its state (remap: old rule index -> new, or -1); a slot of a rule that no longer applies
    // ends, cleared (reported in *changes) if it was raised.
    void bind(int sensorIndex, const QString& domain, const QString& district, const std::vector<int>* remap,
        qint64 tsMs, std::vector<SensorAlarm>* changes);
    void evaluate(Slot& slot, int sensorIndex, qint64 tsMs, double value, double threshold, double clear,
        std::vector<SensorAlarm>* changes);
    void raise(Slot& slot, int sensorIndex, qint64 tsMs, std::vector<SensorAlarm>* changes);
    void clear(Slot& slot, int sensorIndex, qint64 tsMs, ClearReason reason, std::vector<SensorAlarm>* changes);
    [[nodiscard]] SensorAlarm makeAlarm(const Slot& slot, const Sensor& sensor, qint64 tsMs) const;
    void addPending(Slot& slot, int sensorIndex, int slotIndex);
    void rebuildTickLists();
    void addTickRefs(int sensorIndex);

    std::shared_ptr<const RuleSet> m_rules;
    quint64 m_generation = 1;
    QHash<QString, std::vector<int>> m_rulesByDomain; // rule indices per domain
    QHash<QString, int> m_sensorIndex;
    std::vector<Sensor> m_sensors;
    std::vector<SlotRef> m_silence; // the silence slots, for tick()
    std::vector<SlotRef> m_pending; // slots that were pending with a minimum duration, for tick()
    int m_slotCount = 0;
    int m_activeCount = 0;
};

} // namespace citybrain
