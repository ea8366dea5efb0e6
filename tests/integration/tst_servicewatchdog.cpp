// The wall as systemd runs it (packaging/systemd/citybrain-wall.service): the real citybrain started with
// NOTIFY_SOCKET and WATCHDOG_USEC pointing at this test, which plays systemd's part. It says it is ready
// once the wall is drawn, pings the watchdog from its GUI thread, stops pinging when it hangs (SIGSTOP)
// and, over its configured memory ceiling, exits with status 75 for systemd to restart it.
#include "notifysocket.h"

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

class TestServiceWatchdog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    void start(QProcess& app, const NotifySocket& socket, const QStringList& extra = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("NOTIFY_SOCKET"), socket.name());
        environment.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("2000000")); // a ping every second
        app.setProcessEnvironment(environment);
        app.setStandardOutputFile(QProcess::nullDevice());
        static int run = 0;
        app.start(qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain"),
            QStringList { QStringLiteral("--db"), m_dir.filePath(QStringLiteral("wall-%1.sqlite").arg(++run)),
                QStringLiteral("--snapshot-every"), QStringLiteral("0"), QStringLiteral("--size"),
                QStringLiteral("1280x720") }
                + extra);
        QVERIFY(app.waitForStarted(10000));
    }

    static void stop(QProcess& app)
    {
        if (app.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(app.processId()), SIGCONT);
        app.terminate();
        if (!app.waitForFinished(30000)) {
            app.kill();
            app.waitForFinished();
        }
    }

    // 'T' once the kernel has stopped the process.
    static char processState(qint64 pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return '?';
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        return close >= 0 && close + 2 < text.size() ? text.at(close + 2) : '?';
    }

private Q_SLOTS:
    void aHungGuiStopsTheWatchdogPings()
    {
        NotifySocket socket(m_dir.filePath(QStringLiteral("notify.sock")));
        QVERIFY(socket.isBound());
        QProcess app;
        start(app, socket);
        const qint64 pid = app.processId();
        auto cleanup = qScopeGuard([&app] { stop(app); });

        // Ready from the app itself (not its broker or simulator), once the wall's first frame is shown.
        QTRY_VERIFY_WITH_TIMEOUT(socket.count("READY=1\nSTATUS=wall shown", pid) == 1, 60000);
        const qint64 readyMs = socket.matching("READY=1\nSTATUS=wall shown").first().atMs;
        QTRY_VERIFY_WITH_TIMEOUT(socket.count("WATCHDOG=1", pid, readyMs) >= 2, 10000);
        for (const NotifySocket::Datagram& datagram : socket.received())
            QCOMPARE(datagram.pid, pid);

        // A hung GUI: no more pings, which is what makes systemd restart it.
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        QTRY_COMPARE(processState(pid), 'T');
        const qint64 stoppedMs = socket.elapsedMs();
        QTRY_VERIFY(socket.elapsedMs() - stoppedMs >= 3000); // the observation window, three ping periods
        QCOMPARE(socket.count("WATCHDOG=1", 0, stoppedMs), 0);

        // Alive again, it pings again; on SIGTERM it says it is stopping.
        QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
        const qint64 continuedMs = socket.elapsedMs();
        QTRY_VERIFY_WITH_TIMEOUT(socket.count("WATCHDOG=1", pid, continuedMs) >= 1, 10000);
        app.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 30000);
        QTRY_COMPARE(socket.count("STOPPING=1", pid), 1);
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
    }

    void overItsMemoryCeilingItExitsForARestart()
    {
        QFile config(m_dir.filePath(QStringLiteral("ceiling.ini")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[service]\nmax_rss_mb=64\n"); // the wall with Qt Quick and a map is far above 64 MiB
        config.close();
        NotifySocket socket(m_dir.filePath(QStringLiteral("ceiling.sock")));
        QProcess app;
        start(app, socket, { QStringLiteral("--config"), config.fileName() });
        const qint64 pid = app.processId();
        auto cleanup = qScopeGuard([&app] { stop(app); });
        // Two checks 10 s apart, then the normal shutdown.
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 90000); // reading the socket meanwhile
        const QString log = QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 75, qPrintable(QStringLiteral("exit %1\n").arg(app.exitCode()) + log));
        QVERIFY2(log.contains(QStringLiteral("max_rss_mb")), qPrintable(log));
        QTRY_COMPARE(socket.count("STOPPING=1", pid), 1);
    }
};

QTEST_GUILESS_MAIN(TestServiceWatchdog)
#include "tst_servicewatchdog.moc"
