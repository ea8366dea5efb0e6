// The live path with real parts: a real Mosquitto, real Paho clients, the ingest pipeline and the
// wall's models, and a real SQLite file.
#include "consoleactions.h"
#include "embeddedbroker.h"
#include "testconsole.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

using namespace citybrain::testing;

class TestLiveIngest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        m_publisher = std::make_unique<MqttClient>(clientSettings({ m_broker.uri() }, QStringLiteral("test-source")));
        m_publisher->start();
        QVERIFY(m_publisher->waitForConnected(10000));
    }

    void feedsReachTheModels()
    {
        QTemporaryDir dir;
        Console console(
            { m_broker.uri() }, dir.filePath("citybrain.sqlite"), QString::fromLatin1(QTest::currentTestFunction()));
        QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(console.state.health().connected(), 5000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(m_publisher->publish("xy/v1/indicator/air.aqi",
            json({ { "ts", now }, { "seq", 1 }, { "value", 87 }, { "unit", "" }, { "name", "全市空气质量指数" },
                { "target", 100 }, { "better", "lower" } }),
            1, true));
        QVERIFY(m_publisher->publish(
            "xy/v1/incident/INC-20261129-0001/event", incidentPayload(1, "秦都区人民路商铺起火"), 1, false));
        QVERIFY(m_publisher->publish("xy/v1/telemetry/air/610402/air-610402-001",
            json({ { "ts", now }, { "seq", 1 }, { "lon", 108.70 }, { "lat", 34.33 },
                { "values", QJsonObject { { "aqi", 90 } } } }),
            0, false));

        QTRY_COMPARE_WITH_TIMEOUT(console.state.indicators().rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 1, 10000);
        const QModelIndex incident = console.state.incidents().index(0);
        QCOMPARE(incident.data(IncidentModel::TitleRole).toString(), QStringLiteral("秦都区人民路商铺起火"));
        QCOMPARE(incident.data(IncidentModel::DistrictNameRole).toString(), QStringLiteral("秦都区"));
        const QModelIndex aqi = console.state.indicators().index(0);
        QCOMPARE(aqi.data(IndicatorModel::ValueRole).toDouble(), 87.0);
        QTRY_VERIFY_WITH_TIMEOUT(console.state.health().messagesReceived() >= 3, 5000);
        QCOMPARE(console.state.health().messagesRejected(), 0.0);
    }

    void badInputIsCountedByReasonAndTheStreamGoesOn()
    {
        QTemporaryDir dir;
        Console console(
            { m_broker.uri() }, dir.filePath("citybrain.sqlite"), QString::fromLatin1(QTest::currentTestFunction()));
        QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(m_publisher->publish("xy/v1/incident/INC-BAD-1/event", "{not json", 1, false));
        QVERIFY(m_publisher->publish(
            "xy/v1/incident/INC-BAD-2/event", json({ { "ts", now }, { "seq", "one" }, { "source", "x" } }), 1, false));
        QVERIFY(m_publisher->publish("xy/v1/weather/today", "{}", 1, false));
        QVERIFY(m_publisher->publish("xy/v1/incident/INC-BAD-3/event", QByteArray(300 * 1024, 'x'), 1, false));
        QVERIFY(
            m_publisher->publish("xy/v1/incident/INC-BAD-4/event", QByteArray("{\"title\":\"\xff\xfe\"}"), 1, false));
        // A good one after the bad ones still arrives.
        QVERIFY(m_publisher->publish(
            "xy/v1/incident/INC-GOOD/event", incidentPayload(2, "<b>渭城区</b>燃气泄漏"), 1, false));

        FeedHealth& health = console.state.health();
        QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(health.messagesRejected(), 5.0, 5000);
        QCOMPARE(health.rejected(RejectReason::MalformedJson), qint64(1));
        QCOMPARE(health.rejected(RejectReason::WrongType) + health.rejected(RejectReason::MissingField), qint64(1));
        QCOMPARE(health.rejected(RejectReason::UnknownTopic), qint64(1));
        QCOMPARE(health.rejected(RejectReason::Oversize), qint64(1));
        QCOMPARE(health.rejected(RejectReason::NotUtf8), qint64(1));
        QVERIFY(health.rejectionSummary().contains(QStringLiteral("oversize 1")));
        QCOMPARE(console.state.incidents().index(0).data(IncidentModel::TitleRole).toString(),
            QStringLiteral("<b>渭城区</b>燃气泄漏"));
    }

    void aRestartedConsoleShowsTheIncidentsItHadSeen()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath("citybrain.sqlite");
        {
            Console console({ m_broker.uri() }, db, QStringLiteral("restart-1"));
            QTRY_VERIFY_WITH_TIMEOUT(console.client.isConnected(), 10000);
            QVERIFY(m_publisher->publish("xy/v1/incident/INC-KEEP/event", incidentPayload(3, "兴平市积水"), 1, false));
            QTRY_COMPARE_WITH_TIMEOUT(console.state.incidents().rowCount(), 1, 10000);
        }
        // The restarted console must not depend on the broker for what it had already seen.
        Console restarted({ QStringLiteral("tcp://127.0.0.1:%1").arg(EmbeddedBroker::freeLoopbackPort()) }, db);
        QTRY_COMPARE_WITH_TIMEOUT(restarted.state.incidents().rowCount(), 1, 5000);
        QCOMPARE(
            restarted.state.incidents().index(0).data(IncidentModel::IdRole).toString(), QStringLiteral("INC-KEEP"));
        QCOMPARE(restarted.state.health().messagesReceived(), 0.0); // restored, not received
    }

    void aLeadersAnnotationReachesEveryConsoleAndOnlyALeaderMayAnnotate()
    {
        QTemporaryDir dir;
        Console wall({ m_broker.uri() }, dir.filePath("wall.sqlite"), QStringLiteral("annotation-wall"));
        Console leaderConsole({ m_broker.uri() }, dir.filePath("leader.sqlite"), QStringLiteral("annotation-leader"));
        QTRY_VERIFY_WITH_TIMEOUT(wall.client.isConnected() && leaderConsole.client.isConnected(), 10000);
        ConsoleActions leader(&leaderConsole.client, TopicScheme(), QStringLiteral("leader"),
            QStringLiteral("annotation-leader"), nullptr);
        ConsoleActions dispatcher(&leaderConsole.client, TopicScheme(), QStringLiteral("dispatcher"),
            QStringLiteral("annotation-dispatcher"), nullptr);
        const qint64 moment = QDateTime::currentMSecsSinceEpoch() - 60000;
        QVERIFY(!dispatcher.canAnnotate());
        QVERIFY(!dispatcher.annotate(QStringLiteral("不应出现"), static_cast<double>(moment)));
        QVERIFY(leader.annotate(QStringLiteral("渭城区泵站全部启动"), static_cast<double>(moment)));
        QTRY_COMPARE_WITH_TIMEOUT(wall.state.annotations().rowCount(), 1, 10000);
        const QModelIndex note = wall.state.annotations().index(0);
        QCOMPARE(note.data(AnnotationModel::TextRole).toString(), QStringLiteral("渭城区泵站全部启动"));
        QCOMPARE(note.data(AnnotationModel::AtMsRole).toDouble(), static_cast<double>(moment));
        QCOMPARE(note.data(AnnotationModel::AuthorRole).toString(), QStringLiteral("annotation-leader"));

        // Retained: a console that starts later sees it too; taking it back removes it everywhere.
        Console late({ m_broker.uri() }, dir.filePath("late.sqlite"), QStringLiteral("annotation-late"));
        QTRY_COMPARE_WITH_TIMEOUT(late.state.annotations().rowCount(), 1, 10000);
        QVERIFY(leader.removeAnnotation(note.data(AnnotationModel::IdRole).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(wall.state.annotations().rowCount(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(late.state.annotations().rowCount(), 0, 10000);
    }

    void cleanupTestCase()
    {
        m_publisher->stop();
        m_broker.stop();
    }

private:
    EmbeddedBroker m_broker;
    std::unique_ptr<MqttClient> m_publisher;
};

QTEST_MAIN(TestLiveIngest)
#include "tst_liveingest.moc"
