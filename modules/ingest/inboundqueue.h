#pragma once

#include "mqttmessage.h"

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace citybrain {

// The bounded hand-off between Paho's threads and the ingest worker, in two lanes.
// - priority (QoS >= 1: incidents, indicators, presence): never dropped; when full, push() waits,
//   which holds back Paho's acknowledgement so the broker keeps the messages for us.
// - bulk (QoS 0 telemetry): when full the oldest reading is dropped and counted, since a newer
//   reading of the same sensor supersedes it.
class InboundQueue
{
public:
    struct LaneStats
    {
        qint64 depth = 0;
        qint64 highWater = 0;
        qint64 dropped = 0;
    };

    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t bulkWakeDepth = 4096;

    explicit InboundQueue(std::size_t bulkCapacity = 100000, std::size_t priorityCapacity = 20000);

    // False if the queue is closed and the message was not taken.
    bool push(MqttMessage&& message);
    // Moves everything queued into `out` (priority lane first), waiting until `deadline` unless
    // - the queue is closed, a priority message is queued or wake() was called,
    // - bulkWakeDepth telemetry readings are waiting, or
    // - the oldest waiting telemetry reading arrived `coalesce` ago: readings are handed out in small
    //   groups soon after they arrive, rather than one wake-up per reading or one per deadline.
    // Returns false once the queue is closed and empty.
    bool popAll(std::vector<MqttMessage>& out, Clock::time_point deadline, Clock::duration coalesce);
    // The same, waiting up to `wait`; telemetry alone does not cut the wait short (below bulkWakeDepth).
    bool popAll(std::vector<MqttMessage>& out, std::chrono::milliseconds wait);
    // Ends the consumer's current (or next) popAll() wait early, e.g. when its batch was taken.
    void wake();
    void close();

    [[nodiscard]] LaneStats priorityStats() const;
    [[nodiscard]] LaneStats bulkStats() const;

private:
    struct Lane
    {
        std::deque<MqttMessage> items;
        std::size_t capacity = 0;
        qint64 highWater = 0;
        qint64 dropped = 0;
    };
    static LaneStats statsOf(const Lane& lane);

    mutable std::mutex m_mutex;
    std::condition_variable m_readable;
    std::condition_variable m_writable;
    Lane m_priority;
    Lane m_bulk;
    Clock::time_point m_bulkSince; // arrival of the oldest reading waiting in m_bulk
    bool m_consumerWaiting = false; // popAll() is waiting for telemetry to arrive
    bool m_woken = false;
    bool m_closed = false;
};

} // namespace citybrain
