#include "feedhealth.h"

#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

class TestFeedHealth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachFeedTurnsStaleAfterItsOwnThreshold()
    {
        FeedHealth health(false, nullptr);
        health.setStaleThresholds(10, 30);
        QVERIFY(health.telemetryStale()); // nothing received yet
        IngestBatch batch;
        batch.received = 2;
        batch.telemetry.resize(1);
        batch.indicators.resize(1);
        batch.newestMessageMs = 100000;
        health.apply(batch);
        health.tick(105000, 0, {});
        QVERIFY(!health.telemetryStale());
        QVERIFY(!health.indicatorStale());
        health.tick(115000, 0, {});
        QVERIFY(health.telemetryStale()); // 15 s > 10 s
        QVERIFY(!health.indicatorStale()); // 15 s < 30 s
        QCOMPARE(health.telemetryAgeSeconds(), 15.0);
        health.tick(131000, 0, {});
        QVERIFY(health.indicatorStale());
    }

    void rejectionsAreCountedByReason()
    {
        FeedHealth health(false, nullptr);
        IngestBatch batch;
        batch.received = 5;
        batch.rejected[static_cast<std::size_t>(RejectReason::Oversize)] = 2;
        batch.rejected[static_cast<std::size_t>(RejectReason::MalformedXml)] = 1;
        health.apply(batch);
        QCOMPARE(health.messagesRejected(), 3.0);
        QCOMPARE(health.rejected(RejectReason::Oversize), qint64(2));
        QCOMPARE(health.rejectionSummary(), QStringLiteral("oversize 2, malformed_xml 1"));
    }

    void restoredIncidentsAreNotCountedAsReceived()
    {
        FeedHealth health(false, nullptr);
        IngestBatch restored;
        restored.restored = true;
        restored.incidents.resize(3);
        restored.received = 3;
        health.apply(restored);
        QCOMPARE(health.messagesReceived(), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestFeedHealth)
#include "tst_feedhealth.moc"
