#include "resourceguard.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

std::optional<qint64> constant(qint64 value)
{
    return value;
}

} // namespace

class TestResourceGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anRssLimitBelowTheCurrentRssIsCrossedAfterTwoChecks()
    {
        ResourceGuard guard;
        guard.setMaxRssMb(1); // this test process is far above 1 MiB
        QSignalSpy crossed(&guard, &ResourceGuard::limitCrossed);
        guard.check();
        QCOMPARE(crossed.count(), 0);
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(QStringLiteral("service/max_rss_mb: resident memory "
                                              "\\d+ MiB is above the limit of 1 MiB")));
        guard.check();
        QCOMPARE(crossed.count(), 1);
        const QString reason = crossed.first().first().toString();
        QVERIFY2(reason.startsWith(QStringLiteral("service/max_rss_mb: resident memory ")), qPrintable(reason));
        QVERIFY2(reason.endsWith(QStringLiteral("above the limit of 1 MiB")), qPrintable(reason));
    }

    void zeroIsOffAndNeverFires()
    {
        ResourceGuard guard;
        guard.setMaxRssMb(0);
        guard.addLimit(QStringLiteral("service/max_queue_high_water"), QStringLiteral("queue"), QString(), 0,
            [] { return constant(1000000); });
        QVERIFY(!guard.isActive());
        QSignalSpy crossed(&guard, &ResourceGuard::limitCrossed);
        for (int i = 0; i < 4; ++i)
            guard.check();
        QCOMPARE(crossed.count(), 0);
    }

    void aQueueHighWaterOverItsLimitFires()
    {
        ResourceGuard guard;
        guard.addLimit(QStringLiteral("service/max_queue_high_water"), QStringLiteral("ingest queue high-water mark"),
            QStringLiteral(" messages"), 100, [] { return constant(250); });
        QSignalSpy crossed(&guard, &ResourceGuard::limitCrossed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("max_queue_high_water")));
        guard.check();
        guard.check();
        QCOMPARE(crossed.count(), 1);
        QCOMPARE(crossed.first().first().toString(),
            QStringLiteral("service/max_queue_high_water: ingest queue high-water mark 250 messages is above the "
                           "limit of 100 messages"));
    }

    // One check above, one below: a passing spike, not a reason to restart the wall.
    void aSpikeBetweenChecksDoesNotFire()
    {
        const QList<qint64> values { 250, 50, 250, 50 };
        qsizetype next = 0;
        ResourceGuard guard;
        guard.addLimit(QStringLiteral("service/max_queue_high_water"), QStringLiteral("queue"), QString(), 100,
            [&] { return constant(values[next++]); });
        QSignalSpy crossed(&guard, &ResourceGuard::limitCrossed);
        for (int i = 0; i < 4; ++i)
            guard.check();
        QCOMPARE(crossed.count(), 0);
    }

    void itFiresOnceAndTheTimerDrivesTheChecks()
    {
        ResourceGuard guard(std::chrono::milliseconds(20));
        guard.addLimit(QStringLiteral("service/max_queue_high_water"), QStringLiteral("queue"), QString(), 100,
            [] { return constant(250); });
        QSignalSpy crossed(&guard, &ResourceGuard::limitCrossed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("max_queue_high_water")));
        guard.start();
        QVERIFY(crossed.wait(5000));
        guard.check();
        QCOMPARE(crossed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestResourceGuard)
#include "tst_resourceguard.moc"
