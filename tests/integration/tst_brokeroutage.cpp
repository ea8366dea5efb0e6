// Outages with real parts: a Mosquitto that is stopped and restarted mid-stream, a console that is
// away while incidents are published, and a cluster of two bridged brokers of which one dies.
// The promise checked each time: no QoS 1 incident lost, none shown twice.
#include "embeddedbroker.h"
#include "testconsole.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;
using namespace citybrain::testing;

namespace {

QSet<QString> shownIncidents(IncidentModel& model)
{
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.index(row).data(IncidentModel::IdRole).toString());
    return ids;
}

QString incidentId(int n)
{
    return QStringLiteral("INC-OUTAGE-%1").arg(n, 4, 10, QLatin1Char('0'));
}

// Publishes incidents n in [from, to) with per-source sequence numbers; retained, as the contract says.
void publishIncidents(MqttClient& publisher, int from, int to)
{
    for (int n = from; n < to; ++n) {
        QVERIFY(publisher.publish(QStringLiteral("xy/v1/incident/%1/event").arg(incidentId(n)),
            incidentPayload(n + 1, QStringLiteral("事件 %1").arg(n)), 1, true));
    }
}

} // namespace

class TestBrokerOutage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aBrokerRestartMidStreamLosesNoIncident()
    {
        EmbeddedBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QTemporaryDir dir;
        Console console({ broker.uri() }, dir.filePath("citybrain.sqlite"), QStringLiteral("outage-console"));
        MqttClient publisher(clientSettings({ broker.uri() }, QStringLiteral("outage-source")));
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);

        publishIncidents(publisher, 0, 100);
        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 100, 10000);
        broker.stop(); // mid-stream: the publisher keeps publishing into its offline buffer
        publishIncidents(publisher, 100, 150);
        QTRY_VERIFY_WITH_TIMEOUT(!console.state.health().connected(), 5000);
        QVERIFY2(broker.start(&error), qPrintable(error));
        QElapsedTimer sinceReturn;
        sinceReturn.start();
        QTRY_VERIFY_WITH_TIMEOUT(console.state.health().connected(), 10000);
        qInfo("console live again %lld ms after the broker returned", static_cast<long long>(sinceReturn.elapsed()));
        publishIncidents(publisher, 150, 200);

        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 200, 15000);
        QSet<QString> expected;
        for (int n = 0; n < 200; ++n)
            expected.insert(incidentId(n));
        QCOMPARE(shownIncidents(console.state.incidents()), expected);
        QVERIFY(console.client.reconnectCount() >= 1);
        publisher.stop();
    }

    void aConsoleThatWasAwayGetsTheBacklog_data()
    {
        QTest::addColumn<int>("mqttVersion");
        QTest::newRow("MQTT 3.1.1") << 4;
        QTest::newRow("MQTT 5") << 5;
    }

    void aConsoleThatWasAwayGetsTheBacklog()
    {
        QFETCH(int, mqttVersion);
        EmbeddedBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString clientId = QStringLiteral("away-console-%1").arg(mqttVersion);
        {
            Console console({ broker.uri() }, dir.filePath("citybrain.sqlite"), clientId, mqttVersion);
            QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);
        } // stopped: its session stays on the broker
        MqttClient publisher(clientSettings({ broker.uri() }, QStringLiteral("away-source")));
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        // Not retained here: only the persistent session can bring these back.
        for (int n = 0; n < 50; ++n)
            QVERIFY(publisher.publish(QStringLiteral("xy/v1/incident/%1/event").arg(incidentId(n)),
                incidentPayload(n + 1, QStringLiteral("离线期间事件 %1").arg(n)), 1, false));
        QVERIFY(publisher.waitForDelivery(10000));

        // A fresh database: whatever it shows came from the broker's backlog.
        Console restarted({ broker.uri() }, dir.filePath("fresh.sqlite"), clientId, mqttVersion);
        QTRY_COMPARE_WITH_TIMEOUT(restarted.state.incidents().rowCount(), 50, 15000);
        publisher.stop();
    }

    void aClusterMemberDiesAndTheConsoleMovesToTheOther()
    {
        EmbeddedBroker first;
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        EmbeddedBroker::Settings bridged;
        bridged.extraConfig = QStringLiteral("connection to-first\n"
                                             "address 127.0.0.1:%1\n"
                                             "topic xy/v1/# both 1\n"
                                             "restart_timeout 1\n"
                                             "try_private true\n")
                                  .arg(first.port());
        EmbeddedBroker second(bridged);
        QVERIFY2(second.start(&error), qPrintable(error));

        QTemporaryDir dir;
        Console console(
            { first.uri(), second.uri() }, dir.filePath("citybrain.sqlite"), QStringLiteral("cluster-console"));
        MqttClient publisher(clientSettings({ second.uri() }, QStringLiteral("cluster-source")));
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(console.state.health().brokerUri() == first.uri(), 5000);

        publishIncidents(publisher, 0, 100); // reach the console across the bridge
        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 100, 15000);
        first.kill();
        publishIncidents(publisher, 100, 200); // while the console is failing over
        QTRY_VERIFY_WITH_TIMEOUT(
            console.state.health().connected() && console.state.health().brokerUri() == second.uri(), 15000);

        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 200, 15000);
        QSet<QString> expected;
        for (int n = 0; n < 200; ++n)
            expected.insert(incidentId(n));
        QCOMPARE(shownIncidents(console.state.incidents()), expected);
        publisher.stop();
    }
};

QTEST_MAIN(TestBrokerOutage)
#include "tst_brokeroutage.moc"
