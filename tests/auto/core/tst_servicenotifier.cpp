#include "servicenotifier.h"

#include "../../integration/notifysocket.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace citybrain;

class TestServiceNotifier : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // systemd's environment for the next ServiceNotifier: the socket, and a watchdog period when not 0.
    static void setEnvironment(const QString& socket, qint64 watchdogUsec = 0, qint64 watchdogPid = 0)
    {
        qputenv("NOTIFY_SOCKET", socket.toLocal8Bit());
        if (watchdogUsec > 0)
            qputenv("WATCHDOG_USEC", QByteArray::number(watchdogUsec));
        if (watchdogPid > 0)
            qputenv("WATCHDOG_PID", QByteArray::number(watchdogPid));
    }

    QString socketPath() const { return m_dir.filePath(QStringLiteral("notify.sock")); }

private Q_SLOTS:
    void cleanup()
    {
        qunsetenv("NOTIFY_SOCKET");
        qunsetenv("WATCHDOG_USEC");
        qunsetenv("WATCHDOG_PID");
    }

    void readyArrivesWithItsStatus()
    {
        NotifySocket socket(socketPath());
        QVERIFY(socket.isBound());
        setEnvironment(socket.name());
        ServiceNotifier notifier;
        QVERIFY(notifier.isEnabled());
        notifier.ready(QStringLiteral("wall shown"));
        QTRY_COMPARE(socket.count("READY=1\nSTATUS=wall shown", ::getpid()), 1);
    }

    void anAbstractSocketNameIsReached()
    {
        NotifySocket socket(QStringLiteral("@citybrain-tst-servicenotifier-%1").arg(::getpid()));
        QVERIFY(socket.isBound());
        setEnvironment(socket.name());
        ServiceNotifier notifier;
        notifier.ready();
        QTRY_COMPARE(socket.count("READY=1"), 1);
    }

    void watchdogPingsEveryHalfPeriod()
    {
        NotifySocket socket(socketPath());
        setEnvironment(socket.name(), 200000); // 200 ms: a ping every 100 ms
        ServiceNotifier notifier;
        QCOMPARE(notifier.watchdogInterval(), std::chrono::milliseconds(100));
        notifier.startWatchdog();
        QTRY_VERIFY(socket.count("WATCHDOG=1") >= 5);
        const QList<NotifySocket::Datagram> pings = socket.matching("WATCHDOG=1");
        // The first ping is at once, then one per interval: never faster, and on average not much slower.
        for (qsizetype i = 2; i < pings.size(); ++i)
            QVERIFY2(pings[i].atMs - pings[i - 1].atMs >= 90,
                qPrintable(QStringLiteral("pings %1 ms apart").arg(pings[i].atMs - pings[i - 1].atMs)));
        const double mean = double(pings.last().atMs - pings[1].atMs) / double(pings.size() - 2);
        QVERIFY2(mean < 200, qPrintable(QStringLiteral("pings on average %1 ms apart").arg(mean)));
    }

    // WATCHDOG_PID names the process systemd watches; another process's period is not ours to keep.
    void aWatchdogForAnotherProcessIsNotKept()
    {
        NotifySocket socket(socketPath());
        setEnvironment(socket.name(), 200000, ::getpid() + 1);
        ServiceNotifier notifier;
        QCOMPARE(notifier.watchdogInterval(), std::chrono::milliseconds(0));
        notifier.startWatchdog();
        notifier.ready(); // datagrams keep their order: READY=1 comes after any ping
        QTRY_COMPARE(socket.count("READY=1"), 1);
        QCOMPARE(socket.count("WATCHDOG=1"), 0);
    }

    void nothingIsSentWithoutNotifySocket()
    {
        NotifySocket socket(socketPath());
        ServiceNotifier silent;
        QVERIFY(!silent.isEnabled());
        QVERIFY(!silent.notify("READY=1"));
        silent.ready();
        silent.startWatchdog();
        silent.stopping();
        // A notifier that is told the socket sends a marker: it arrives first, so nothing came before it.
        setEnvironment(socket.name());
        ServiceNotifier marker;
        QVERIFY(marker.notify("STATUS=marker"));
        QTRY_COMPARE(socket.received().size(), 1);
        QCOMPARE(socket.received().first().text, QByteArray("STATUS=marker"));
    }

    void stoppingArrives()
    {
        NotifySocket socket(socketPath());
        setEnvironment(socket.name());
        ServiceNotifier notifier;
        notifier.stopping();
        QTRY_COMPARE(socket.count("STOPPING=1"), 1);
    }

    // A receiver that does not read (here: no event loop) fills its queue; the GUI thread must not block on it.
    void aFullSocketDropsPingsInsteadOfBlocking()
    {
        NotifySocket socket(socketPath());
        setEnvironment(socket.name());
        ServiceNotifier notifier;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("systemd notification not sent")));
        int sent = 0;
        for (int i = 0; i < 1000; ++i)
            sent += notifier.notify("WATCHDOG=1") ? 1 : 0;
        QVERIFY2(sent > 0 && sent < 1000, qPrintable(QStringLiteral("%1 of 1000 sent").arg(sent)));
    }

    // The embedded broker and simulator are child processes: they must not answer for the service.
    void childProcessesDoNotInheritTheSocket()
    {
        NotifySocket socket(socketPath());
        setEnvironment(socket.name(), 200000, ::getpid());
        ServiceNotifier notifier;
        QVERIFY(notifier.isEnabled());
        QVERIFY(!qEnvironmentVariableIsSet("NOTIFY_SOCKET"));
        QVERIFY(!qEnvironmentVariableIsSet("WATCHDOG_USEC"));
        QVERIFY(!qEnvironmentVariableIsSet("WATCHDOG_PID"));
    }
};

QTEST_GUILESS_MAIN(TestServiceNotifier)
#include "tst_servicenotifier.moc"
