// The real citybrain-sim executable against a real mosquitto.
#include "embeddedbroker.h"
#include "mqttclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTest>

#include <vector>

using namespace citybrain;

namespace {

QString simulatorPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain-sim");
}

// Collects everything under a prefix, from a Paho thread.
class Recorder
{
    static MqttSettings settings(const QString& uri, const QString& filter)
    {
        MqttSettings settings;
        settings.brokerUris = { uri };
        settings.clientId = QStringLiteral("tst-sim-recorder");
        settings.persistentSession = false;
        settings.subscriptions = { filter };
        return settings;
    }

public:
    Recorder(const QString& uri, const QString& filter)
        : m_client(settings(uri, filter))
    {
        m_client.setMessageHandler([this](MqttMessage&& m) {
            QMutexLocker lock(&m_mutex);
            m_messages.push_back(std::move(m));
        });
        m_client.start();
    }
    ~Recorder() { m_client.stop(); }

    bool waitForConnected() const { return m_client.waitForConnected(10000); }
    std::vector<MqttMessage> messages() const
    {
        QMutexLocker lock(&m_mutex);
        return m_messages;
    }
    int count(const QString& topicPart) const
    {
        int n = 0;
        for (const MqttMessage& m : messages())
            n += m.topic.contains(topicPart) ? 1 : 0;
        return n;
    }
    // The "online" flags published on the status topic, in order of arrival.
    QList<bool> presence(const QString& topic) const
    {
        QList<bool> flags;
        for (const MqttMessage& m : messages()) {
            if (m.topic == topic)
                flags << QJsonDocument::fromJson(m.payload).object().value(QLatin1String("online")).toBool();
        }
        return flags;
    }

private:
    MqttClient m_client;
    mutable QMutex m_mutex;
    std::vector<MqttMessage> m_messages;
};

} // namespace

class TestSimExecutable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(simulatorPath()).isExecutable(), qPrintable(simulatorPath()));
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
    }

    void publishesEveryFeedForItsDuration()
    {
        Recorder recorder(m_broker.uri(), QStringLiteral("run1/v1/#"));
        QVERIFY(recorder.waitForConnected());
        QProcess sim;
        sim.setProcessChannelMode(QProcess::ForwardedChannels);
        sim.start(simulatorPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--duration"), QStringLiteral("3"),
                QStringLiteral("--rate"), QStringLiteral("300"), QStringLiteral("--seed"), QStringLiteral("9"),
                QStringLiteral("--topic-prefix"), QStringLiteral("run1/v1"), QStringLiteral("--client-id"),
                QStringLiteral("sim-run1") });
        QVERIFY(sim.waitForStarted(5000));
        QVERIFY2(sim.waitForFinished(30000), "citybrain-sim did not stop after --duration 3");
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);

        const QString status = QStringLiteral("run1/v1/status/sim-run1");
        QTRY_VERIFY_WITH_TIMEOUT(recorder.presence(status).size() >= 2, 10000);
        QCOMPARE(recorder.presence(status).first(), true);
        QCOMPARE(recorder.presence(status).last(), false);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count(QStringLiteral("/telemetry/")) >= 300, 10000);
        QVERIFY(recorder.count(QStringLiteral("/indicator/air.aqi")) >= 2);
        QVERIFY(recorder.count(QStringLiteral("/indicator/plan.5g_stations")) >= 2);
        QVERIFY(recorder.count(QStringLiteral("/incident/")) >= 3);
        // The dispatch desk is on by default: the start-up incidents come with their past actions.
        QVERIFY(recorder.count(QStringLiteral("/action")) >= 3);
    }

    void dispatchDeskOffPublishesNoActions()
    {
        Recorder recorder(m_broker.uri(), QStringLiteral("run3/v1/#"));
        QVERIFY(recorder.waitForConnected());
        QProcess sim;
        sim.setProcessChannelMode(QProcess::ForwardedChannels);
        sim.start(simulatorPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--duration"), QStringLiteral("2"),
                QStringLiteral("--rate"), QStringLiteral("50"), QStringLiteral("--topic-prefix"),
                QStringLiteral("run3/v1"), QStringLiteral("--client-id"), QStringLiteral("sim-run3"),
                QStringLiteral("--dispatch-desk"), QStringLiteral("off") });
        QVERIFY(sim.waitForStarted(5000));
        QVERIFY2(sim.waitForFinished(30000), "citybrain-sim did not stop after --duration 2");
        QCOMPARE(sim.exitCode(), 0);
        // The final offline presence is published last: everything before it has arrived.
        QTRY_VERIFY_WITH_TIMEOUT(recorder.presence(QStringLiteral("run3/v1/status/sim-run3")).size() >= 2, 10000);
        QVERIFY(recorder.count(QStringLiteral("/incident/")) >= 3);
        QCOMPARE(recorder.count(QStringLiteral("/action")), 0);
    }

    void stormEpisodeRaisesItsDistrictsGauges()
    {
        Recorder recorder(m_broker.uri(), QStringLiteral("run4/v1/telemetry/water/#"));
        QVERIFY(recorder.waitForConnected());
        QProcess sim;
        sim.setProcessChannelMode(QProcess::ForwardedChannels);
        // Started two hours ago and lasting three: the gauges of 渭城区 are up now.
        sim.start(simulatorPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--duration"), QStringLiteral("2"),
                QStringLiteral("--rate"), QStringLiteral("600"), QStringLiteral("--topic-prefix"),
                QStringLiteral("run4/v1"), QStringLiteral("--client-id"), QStringLiteral("sim-run4"),
                QStringLiteral("--episode"), QStringLiteral("storm:610404:-2h:3h:1.0") });
        QVERIFY(sim.waitForStarted(5000));
        QVERIFY2(sim.waitForFinished(30000), "citybrain-sim did not stop after --duration 2");
        QCOMPARE(sim.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.count(QStringLiteral("/water/")) >= 40, 10000);
        int up = 0;
        for (const MqttMessage& m : recorder.messages()) {
            const QJsonObject values
                = QJsonDocument::fromJson(m.payload).object().value(QLatin1String("values")).toObject();
            const bool over = values.value(QLatin1String("level")).toDouble()
                > values.value(QLatin1String("warning_line")).toDouble();
            QVERIFY2(values.contains(QLatin1String("guarantee_line")), qPrintable(m.topic));
            QCOMPARE(over, m.topic.contains(QLatin1String("/water/610404/")));
            up += over ? 1 : 0;
        }
        QVERIFY(up > 0);
    }

    void stopsCleanlyOnSigterm()
    {
        Recorder recorder(m_broker.uri(), QStringLiteral("run2/v1/status/#"));
        QVERIFY(recorder.waitForConnected());
        QProcess sim;
        sim.setProcessChannelMode(QProcess::ForwardedChannels);
        sim.start(simulatorPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--topic-prefix"), QStringLiteral("run2/v1"),
                QStringLiteral("--rate"), QStringLiteral("50") });
        QVERIFY(sim.waitForStarted(5000));
        const QString status = QStringLiteral("run2/v1/status/citybrain-sim");
        QTRY_VERIFY_WITH_TIMEOUT(recorder.presence(status).contains(true), 10000);
        sim.terminate();
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.presence(status).last(), false, 10000);
    }

    void rejectsBadOptionsWithExitCodeTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") }
                                        << QStringLiteral("frobnicate");
        QTest::newRow("malformed rate") << QStringList { QStringLiteral("--rate"), QStringLiteral("fast") }
                                        << QStringLiteral("--rate");
        QTest::newRow("negative duration")
            << QStringList { QStringLiteral("--duration"), QStringLiteral("-1") } << QStringLiteral("--duration");
        QTest::newRow("bad client id") << QStringList { QStringLiteral("--client-id"), QStringLiteral("a b") }
                                       << QStringLiteral("--client-id");
        QTest::newRow("missing value") << QStringList { QStringLiteral("--seed") } << QStringLiteral("seed");
        QTest::newRow("dispatch desk neither on nor off") << QStringList { QStringLiteral("--dispatch-desk"),
            QStringLiteral("yes") } << QStringLiteral("--dispatch-desk");
        QTest::newRow("episode of an unknown kind")
            << QStringList { QStringLiteral("--episode"), QStringLiteral("flood:610404:+10m:2h:1") }
            << QStringLiteral("unknown kind 'flood'");
        QTest::newRow("episode in an unknown district") << QStringList { QStringLiteral("--episode"),
            QStringLiteral("storm:610499:+10m:2h:1") } << QStringLiteral("unknown district '610499'");
        QTest::newRow("episode with a malformed duration") << QStringList { QStringLiteral("--episode"),
            QStringLiteral("jam:610402:+0m:soon:1") } << QStringLiteral("duration 'soon'");
        QTest::newRow("episode with too high an intensity")
            << QStringList { QStringLiteral("--episode"), QStringLiteral("pollution:610402:+0m:1h:9") }
            << QStringLiteral("--episode 'pollution:610402:+0m:1h:9': the intensity");
    }
    void rejectsBadOptionsWithExitCodeTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QProcess sim;
        sim.start(simulatorPath(), arguments);
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitCode(), 2);
        const QString error = QString::fromUtf8(sim.readAllStandardError()).trimmed();
        QVERIFY2(error.contains(named), qPrintable(error));
        QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    }

    void printsItsVersion()
    {
        QProcess sim;
        sim.start(simulatorPath(), { QStringLiteral("--version") });
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(QString::fromUtf8(sim.readAllStandardOutput()).contains(QStringLiteral(CITYBRAIN_VERSION)));
    }

private:
    EmbeddedBroker m_broker;
};

QTEST_GUILESS_MAIN(TestSimExecutable)
#include "tst_simexecutable.moc"
