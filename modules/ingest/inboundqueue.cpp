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
    lane->highWater = std::max<qint64>(lane->highWater, static_cast<qint64>(lane->items.size()));
    // Telemetry waits for the worker's next frame; waking it for every reading costs more CPU than the
    // reading itself. Incidents (they hold Paho until stored) and a filling queue wake it at once.
    const bool wake = lane == &m_priority || m_bulk.items.size() == bulkWakeDepth;
    lock.unlock();
    if (wake)
        m_readable.notify_one();
    return true;
}

bool InboundQueue::popAll(std::vector<MqttMessage>& out, std::chrono::milliseconds wait)
{
    std::unique_lock lock(m_mutex);
    m_readable.wait_for(
        lock, wait, [this] { return m_closed || !m_priority.items.empty() || m_bulk.items.size() >= bulkWakeDepth; });
    const bool hadPriority = !m_priority.items.empty();
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
