// The app killed with SIGKILL mid-stream and started again: every incident published, before, during
// and after the crash, ends up in its journal exactly once per event — the ones it had acknowledged
// from its SQLite file, the rest from its persistent session on the broker.
#include "embeddedbroker.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace citybrain;

namespace {

QString appPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain");
}

QByteArray incident(int n)
{
    return QJsonDocument(QJsonObject { { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", n + 1 },
                             { "source", "119-fire" }, { "kind", "fire" }, { "severity", "major" }, { "status", "new" },
                             { "title", QStringLiteral("崩溃测试 %1").arg(n) }, { "district", "610402" },
                             { "lon", 108.70 }, { "lat", 34.33 } })
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestAppCrash : public QObject
{
    Q_OBJECT
private:
    EmbeddedBroker m_broker;
    QTemporaryDir m_dir;

    void startApp(QProcess& app)
    {
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.setStandardOutputFile(QProcess::nullDevice());
        app.start(appPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--db"), m_dir.filePath("wall.sqlite"),
                QStringLiteral("--client-id"), QStringLiteral("crash-wall"), QStringLiteral("--snapshot-every"),
                QStringLiteral("0"), QStringLiteral("--size"), QStringLiteral("1280x720") });
        QVERIFY(app.waitForStarted(10000));
    }

    // The wall's presence says it is online: connected and subscribed.
    static bool waitOnline(MqttClient& watcher, const std::function<bool()>& online)
    {
        Q_UNUSED(watcher);
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            if (online())
                return true;
            QTest::qWait(50);
        }
        return false;
    }

private Q_SLOTS:
    void noIncidentIsLostWhenTheAppIsKilled()
    {
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        std::atomic<int> onlineSeen { 0 };
        MqttSettings watch;
        watch.brokerUris = { m_broker.uri() };
        watch.clientId = QStringLiteral("crash-watcher");
        watch.persistentSession = false;
        watch.subscriptions = { QStringLiteral("xy/v1/status/crash-wall") };
        MqttClient watcher(watch);
        watcher.setMessageHandler([&](MqttMessage&& m) {
            if (m.payload.contains("\"online\":true"))
                ++onlineSeen;
        });
        watcher.start();
        MqttSettings source;
        source.brokerUris = { m_broker.uri() };
        source.clientId = QStringLiteral("crash-source");
        MqttClient publisher(source);
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        QVERIFY(watcher.waitForConnected(10000));

        QProcess app;
        startApp(app);
        QVERIFY(waitOnline(watcher, [&] { return onlineSeen.load() >= 1; }));
        const int total = 300;
        for (int n = 0; n < total; ++n) {
            QVERIFY(
                publisher.publish(QStringLiteral("xy/v1/incident/INC-CRASH-%1/event").arg(n), incident(n), 1, false));
            if (n == 150) {
                ::kill(static_cast<pid_t>(app.processId()), SIGKILL);
                QVERIFY(app.waitForFinished(5000));
            }
            QTest::qWait(5);
        }
        QVERIFY(publisher.waitForDelivery(10000));

        QProcess restarted;
        startApp(restarted);
        QVERIFY(waitOnline(watcher, [&] { return onlineSeen.load() >= 2; }));
        // Let the backlog drain, then stop it cleanly and read its journal as an auditor would.
        QTest::qWait(3000);
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(15000));

        QProcess exporter;
        exporter.start(appPath(),
            { QStringLiteral("--db"), m_dir.filePath("wall.sqlite"), QStringLiteral("--export"),
                QStringLiteral("incidents"), QStringLiteral("--from"), QStringLiteral("0") });
        QVERIFY(exporter.waitForFinished(30000));
        QCOMPARE(exporter.exitCode(), 0);
        QSet<QString> incidents;
        int events = 0;
        for (const QByteArray& line : exporter.readAllStandardOutput().split('\n')) {
            if (line.isEmpty())
                continue;
            ++events;
            incidents.insert(QJsonDocument::fromJson(line).object().value("incident").toString());
        }
        QCOMPARE(incidents.size(), total); // none lost
        QCOMPARE(events, total); // none journalled twice
        publisher.stop();
        watcher.stop();
    }
};

QTEST_GUILESS_MAIN(TestAppCrash)
#include "tst_appcrash.moc"
