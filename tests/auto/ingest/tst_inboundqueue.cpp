#include "inboundqueue.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace citybrain;
using namespace std::chrono_literals;

namespace {
MqttMessage message(int qos, const QByteArray& payload)
{
    MqttMessage m;
    m.topic = QStringLiteral("xy/v1/x");
    m.payload = payload;
    m.qos = qos;
    return m;
}
} // namespace

class TestInboundQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void priorityLaneIsServedFirst()
    {
        InboundQueue queue;
        queue.push(message(0, "telemetry"));
        queue.push(message(1, "incident"));
        std::vector<MqttMessage> out;
        QVERIFY(queue.popAll(out, 0ms));
        QCOMPARE(out.size(), std::size_t(2));
        QCOMPARE(out[0].payload, QByteArray("incident"));
    }

    void telemetryWaitsForTheFrameButAnIncidentWakesTheWorker()
    {
        InboundQueue queue;
        std::vector<MqttMessage> out;
        std::thread producer([&] {
            queue.push(message(0, "telemetry"));
            queue.push(message(1, "incident"));
        });
        // Woken by the incident, not by the end of a (here one-minute) frame wait.
        QElapsedTimer waited;
        waited.start();
        QVERIFY(queue.popAll(out, 60s));
        QVERIFY2(waited.elapsed() < 30000, "the incident did not wake the worker");
        producer.join();
        std::vector<MqttMessage> rest;
        queue.popAll(rest, 0ms);
        QCOMPARE(out.size() + rest.size(), std::size_t(2));
    }

    void aReadingIsHandedOutAfterTheCoalescingDelayNotAtTheDeadline()
    {
        InboundQueue queue;
        std::vector<MqttMessage> out;
        std::thread producer([&] { queue.push(message(0, "telemetry")); });
        // A minute until the deadline, 5 ms of coalescing: the reading does not wait for the deadline.
        QElapsedTimer waited;
        waited.start();
        QVERIFY(queue.popAll(out, InboundQueue::Clock::now() + 60s, 5ms));
        producer.join();
        std::vector<MqttMessage> rest;
        queue.popAll(rest, 0ms);
        QCOMPARE(out.size() + rest.size(), std::size_t(1));
        QVERIFY2(waited.elapsed() < 30000, "the reading waited for the deadline");
    }

    void wakeEndsTheConsumersWait()
    {
        InboundQueue queue;
        std::vector<MqttMessage> out;
        std::thread other([&] { queue.wake(); });
        QElapsedTimer waited;
        waited.start();
        QVERIFY(queue.popAll(out, InboundQueue::Clock::now() + 60s, 60s)); // still open
        other.join();
        QVERIFY(out.empty());
        QVERIFY2(waited.elapsed() < 30000, "wake() did not end the wait");
    }

    void aFullBulkLaneDropsTheOldestAndCountsIt()
    {
        InboundQueue queue(3, 3);
        for (int i = 0; i < 5; ++i)
            queue.push(message(0, QByteArray::number(i)));
        QCOMPARE(queue.bulkStats().dropped, qint64(2));
        QCOMPARE(queue.bulkStats().highWater, qint64(3));
        std::vector<MqttMessage> out;
        queue.popAll(out, 0ms);
        QCOMPARE(out.front().payload, QByteArray("2"));
        QCOMPARE(out.back().payload, QByteArray("4"));
        QCOMPARE(queue.bulkStats().depth, qint64(0));
    }

    void aFullPriorityLaneWaitsInsteadOfDropping()
    {
        InboundQueue queue(3, 2);
        queue.push(message(1, "a"));
        queue.push(message(1, "b"));
        std::atomic<bool> pushed { false };
        std::thread producer([&] {
            queue.push(message(1, "c")); // blocks until the consumer makes room
            pushed = true;
        });
        std::this_thread::sleep_for(50ms);
        QVERIFY(!pushed.load());
        std::vector<MqttMessage> out;
        queue.popAll(out, 0ms);
        producer.join();
        queue.popAll(out, 100ms);
        QCOMPARE(out.size(), std::size_t(3));
        QCOMPARE(queue.priorityStats().dropped, qint64(0));
        QCOMPARE(queue.priorityStats().highWater, qint64(2));
    }

    void closeWakesAProducerAndTheConsumer()
    {
        InboundQueue queue(3, 1);
        queue.push(message(1, "a"));
        std::thread producer([&] { queue.push(message(1, "b")); });
        std::this_thread::sleep_for(20ms);
        queue.close();
        producer.join();
        std::vector<MqttMessage> out;
        QVERIFY(queue.popAll(out, 10s)); // what was queued is still handed out
        out.clear();
        QVERIFY(!queue.popAll(out, 10s)); // then the worker learns the queue is closed, at once
    }
};

QTEST_GUILESS_MAIN(TestInboundQueue)
#include "tst_inboundqueue.moc"
