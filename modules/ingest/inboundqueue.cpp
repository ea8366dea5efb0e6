#include "inboundqueue.h"

namespace citybrain {

InboundQueue::InboundQueue(std::size_t bulkCapacity, std::size_t priorityCapacity)
{
    m_bulk.capacity = bulkCapacity;
    m_priority.capacity = priorityCapacity;
}

bool InboundQueue::push(MqttMessage&& message)
{
    std::unique_lock lock(m_mutex);
    if (m_closed)
        return false;
    Lane* lane = &m_bulk;
    if (message.qos >= 1) {
        lane = &m_priority;
        m_writable.wait(lock, [this] { return m_closed || m_priority.items.size() < m_priority.capacity; });
        if (m_closed)
            return false;
    } else if (m_bulk.items.size() >= m_bulk.capacity) {
        m_bulk.items.pop_front();
        ++m_bulk.dropped;
    }
    lane->items.push_back(std::move(message));
    const auto depth = static_cast<qint64>(lane->items.size());
    if (depth > lane->highWater)
        lane->highWater = depth;
    // Telemetry does not wake the worker per reading: that costs more CPU than the reading itself. The
    // first reading after a hand-out wakes a waiting worker (which then waits for its coalescing delay),
    // and so do incidents (they hold Paho until stored) and a filling queue.
    bool wake = lane == &m_priority || m_bulk.items.size() == bulkWakeDepth;
    if (lane == &m_bulk && depth == 1) {
        m_bulkSince = Clock::now();
        wake = wake || m_consumerWaiting;
    }
    lock.unlock();
    if (wake)
        m_readable.notify_one();
    return true;
}

bool InboundQueue::popAll(std::vector<MqttMessage>& out, Clock::time_point deadline, Clock::duration coalesce)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_closed || m_woken || !m_priority.items.empty() || m_bulk.items.size() >= bulkWakeDepth)
            break;
        Clock::time_point until = deadline;
        if (!m_bulk.items.empty() && coalesce < deadline - m_bulkSince)
            until = m_bulkSince + coalesce;
        if (Clock::now() >= until)
            break;
        m_consumerWaiting = m_bulk.items.empty();
        m_readable.wait_until(lock, until);
        m_consumerWaiting = false;
    }
    m_woken = false;
    const bool hadPriority = !m_priority.items.empty();
    out.reserve(out.size() + m_priority.items.size() + m_bulk.items.size());
    for (Lane* lane : { &m_priority, &m_bulk }) {
        for (MqttMessage& message : lane->items)
            out.push_back(std::move(message));
        lane->items.clear();
    }
    const bool open = !m_closed;
    lock.unlock();
    if (hadPriority)
        m_writable.notify_all();
    return open || !out.empty();
}

bool InboundQueue::popAll(std::vector<MqttMessage>& out, std::chrono::milliseconds wait)
{
    const Clock::time_point deadline = Clock::now() + wait;
    return popAll(out, deadline, deadline - Clock::time_point()); // never shorter than the wait
}

void InboundQueue::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_readable.notify_one();
}

void InboundQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_readable.notify_all();
    m_writable.notify_all();
}

InboundQueue::LaneStats InboundQueue::statsOf(const Lane& lane)
{
    return { static_cast<qint64>(lane.items.size()), lane.highWater, lane.dropped };
}

InboundQueue::LaneStats InboundQueue::priorityStats() const
{
    std::lock_guard lock(m_mutex);
    return statsOf(m_priority);
}

InboundQueue::LaneStats InboundQueue::bulkStats() const
{
    std::lock_guard lock(m_mutex);
    return statsOf(m_bulk);
}

} // namespace citybrain
