// A wall driven by two PCs: two real app instances (--wall-grid 2x1, nodes 0,0 and 1,0) on a real broker
// follow the same retained wall control. A leader's page switch, pin, focus and release reach both, and
// each node says what it shows in its retained presence (page, focus_mode), which is what this test
// watches, as an operator would watch the two halves of the wall. A node started after the control was
// published shows the same page at once (the control is retained). An edited layout file reaches both.
#include "embeddedbroker.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace citybrain;

namespace {

QString appPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain");
}

// Three pages that would not change by themselves during the test (an hour each).
const char* layoutJson = R"({
  "version": 1,
  "title": "两机拼接测试墙",
  "grid": {"columns": 24, "rows": 12},
  "pages": [
    {"id": "overview", "title": "总览", "dwell_seconds": 3600,
     "panels": [{"panel": "kpi", "cell": [0, 0], "span": [12, 12]},
                {"panel": "incidents", "cell": [12, 0], "span": [12, 12]}]},
    {"id": "services", "title": "数字政府", "dwell_seconds": 3600,
     "panels": [{"panel": "plan_targets", "cell": [0, 0], "span": [24, 12]}]},
    {"id": "safety", "title": "城市安全", "dwell_seconds": 3600,
     "panels": [{"panel": "alarms", "cell": [0, 0], "span": [24, 12]}]}
  ]
})";

struct NodeState
{
    QString page;
    bool focusMode = false;
    bool online = false;
};

} // namespace

class TestWallSync : public QObject
{
    Q_OBJECT
private:
    EmbeddedBroker m_broker;
    QTemporaryDir m_dir;
    QMutex m_mutex;
    std::map<QString, NodeState> m_nodes; // by client id, from their presence
    std::unique_ptr<MqttClient> m_watcher;
    std::unique_ptr<MqttClient> m_leader;
    qint64 m_seq = 0;

    void startNode(QProcess& app, const QString& clientId, const QString& node)
    {
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.setStandardOutputFile(QProcess::nullDevice());
        app.start(appPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--db"), m_dir.filePath(clientId + ".sqlite"),
                QStringLiteral("--client-id"), clientId, QStringLiteral("--layout"), m_dir.filePath("wall.json"),
                QStringLiteral("--wall-grid"), QStringLiteral("2x1"), QStringLiteral("--wall-node"), node,
                QStringLiteral("--snapshot-every"), QStringLiteral("0"), QStringLiteral("--size"),
                QStringLiteral("1280x720") });
        QVERIFY(app.waitForStarted(10000));
    }

    void writeLayout(const QByteArray& json)
    {
        QFile layout(m_dir.filePath("wall.json"));
        QVERIFY(layout.open(QIODevice::WriteOnly | QIODevice::Truncate));
        layout.write(json);
    }

    NodeState node(const QString& clientId)
    {
        QMutexLocker lock(&m_mutex);
        return m_nodes[clientId];
    }

    // Both halves of the wall show `page` (and are or are not in focus).
    bool bothShow(const QString& page, bool focusMode, int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            const NodeState left = node(QStringLiteral("wall-left"));
            const NodeState right = node(QStringLiteral("wall-right"));
            if (left.online && right.online && left.page == page && right.page == page && left.focusMode == focusMode
                && right.focusMode == focusMode)
                return true;
            QTest::qWait(50);
        }
        qWarning() << "left" << node(QStringLiteral("wall-left")).page << "right"
                   << node(QStringLiteral("wall-right")).page << "wanted" << page << focusMode;
        return false;
    }

    void control(const QJsonObject& fields)
    {
        QJsonObject payload = fields;
        payload.insert(QStringLiteral("ts"), QDateTime::currentMSecsSinceEpoch());
        payload.insert(QStringLiteral("seq"), ++m_seq);
        payload.insert(QStringLiteral("console"), QStringLiteral("leader-hall"));
        payload.insert(QStringLiteral("role"), QStringLiteral("leader"));
        m_leader->publish(
            QStringLiteral("xy/v1/wall/main/control"), QJsonDocument(payload).toJson(QJsonDocument::Compact), 1, true);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeLayout(layoutJson);
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        MqttSettings watch;
        watch.brokerUris = { m_broker.uri() };
        watch.clientId = QStringLiteral("wallsync-watcher");
        watch.persistentSession = false;
        watch.subscriptions = { QStringLiteral("xy/v1/status/+") };
        m_watcher = std::make_unique<MqttClient>(watch);
        m_watcher->setMessageHandler([this](MqttMessage&& m) {
            const QJsonObject status = QJsonDocument::fromJson(m.payload).object();
            const QString clientId = m.topic.section(u'/', -1);
            QMutexLocker lock(&m_mutex);
            NodeState& state = m_nodes[clientId];
            state.online = status.value(QStringLiteral("online")).toBool();
            state.page = status.value(QStringLiteral("page")).toString();
            state.focusMode = status.value(QStringLiteral("focus_mode")).toBool();
        });
        m_watcher->start();
        MqttSettings leader;
        leader.brokerUris = { m_broker.uri() };
        leader.clientId = QStringLiteral("wallsync-leader");
        leader.persistentSession = false;
        m_leader = std::make_unique<MqttClient>(leader);
        m_leader->start();
        QVERIFY(m_leader->waitForConnected(10000));
    }

    void twoNodesSwitchPagesAndFocusTogether()
    {
        // The control is there before the second node starts: it must pick it up as it connects.
        QProcess left;
        startNode(left, QStringLiteral("wall-left"), QStringLiteral("0,0"));
        control({ { "page", "services" }, { "pinned", true } });
        QTRY_COMPARE_WITH_TIMEOUT(node(QStringLiteral("wall-left")).page, QStringLiteral("services"), 30000);
        QProcess right;
        startNode(right, QStringLiteral("wall-right"), QStringLiteral("1,0"));
        QVERIFY(bothShow(QStringLiteral("services"), false, 30000));

        // A leader moves the playlist on (not pinned): both follow.
        control({ { "page", "safety" }, { "pinned", false } });
        QVERIFY(bothShow(QStringLiteral("safety"), false));

        // Focus on an incident interrupts the playlist on both halves; release returns to it.
        control({ { "page", "safety" }, { "focus_incident", "INC-20261129-0042" } });
        QVERIFY(bothShow(QStringLiteral("focus"), true));
        control({ { "page", "safety" } });
        QVERIFY(bothShow(QStringLiteral("safety"), false));

        // Back to the playlist on the wall clock (no page named): pages of an hour each from the Unix epoch.
        control({});
        const QStringList pages = { QStringLiteral("overview"), QStringLiteral("services"), QStringLiteral("safety") };
        const qint64 hour = (QDateTime::currentMSecsSinceEpoch() / 3600000) % 3;
        QVERIFY(bothShow(pages[static_cast<int>(hour)], false));

        // The layout file is edited while the wall runs: both nodes reload it and can show its new page; an
        // edit that does not validate changes nothing on either.
        QByteArray edited(layoutJson);
        edited.replace("\"id\": \"safety\", \"title\": \"城市安全\"", "\"id\": \"night\", \"title\": \"夜间值守\"");
        writeLayout(edited);
        // A control naming a page the nodes do not know yet waits for the reload that brings it.
        control({ { "page", "night" }, { "pinned", true } });
        QVERIFY(bothShow(QStringLiteral("night"), false));
        writeLayout(R"({"version": 1, "pages": []})");
        QTest::qWait(1500); // time for a reload to happen if it wrongly would; then nothing may have changed
        QVERIFY(left.state() == QProcess::Running && right.state() == QProcess::Running);
        QVERIFY(bothShow(QStringLiteral("night"), false));

        for (QProcess* app : { &left, &right }) {
            app->terminate();
            QVERIFY(app->waitForFinished(20000));
            QCOMPARE(app->exitStatus(), QProcess::NormalExit);
        }
    }
};

QTEST_GUILESS_MAIN(TestWallSync)
#include "tst_wallsync.moc"
