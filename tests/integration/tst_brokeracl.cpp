// The production broker sample (packaging/mosquitto) on a real Mosquitto, with certificates made for this
// test: only the paths, the port and the listener address of the sample are changed, so the TLS, password,
// ACL and persistence directives under test are the sample's own. Real Paho clients log in as one user
// per role and check what the ACL lets through.
#include "embeddedbroker.h"
#include "mqttclient.h"
#include "terminationsignals.h"
#include "testcerts.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <mutex>

#include <pwd.h>
#include <unistd.h>

using namespace citybrain;

namespace {

// The sample ACL's users, one per role.
const QStringList sampleUsers
    = { "sensor-gw-1", "source-110", "indicator-1", "gis-1", "dispatcher-1", "leader-1", "wall-1" };

QString passwordOf(const QString& user)
{
    return QStringLiteral("test-password-of-") + user;
}

QByteArray actionPayload(const QString& console, const QString& role, int seq)
{
    return QStringLiteral(R"({"ts":%1,"seq":%2,"action_id":"%3-%2","actor":"test","role":"%4","console":"%3",)"
                          R"("action":"acknowledge","base_version":0,"note":""})")
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(seq)
        .arg(console, role)
        .toUtf8();
}

// Everything one client received; filled on a Paho thread, read by the test.
class Inbox
{
public:
    void add(MqttMessage&& message)
    {
        std::lock_guard lock(m_mutex);
        m_messages.append(std::move(message));
    }
    [[nodiscard]] bool has(const QString& topic, const QByteArray& payload) const
    {
        std::lock_guard lock(m_mutex);
        return std::any_of(m_messages.cbegin(), m_messages.cend(),
            [&](const MqttMessage& message) { return message.topic == topic && message.payload == payload; });
    }
    [[nodiscard]] bool hasTopic(const QString& topic) const
    {
        std::lock_guard lock(m_mutex);
        return std::any_of(
            m_messages.cbegin(), m_messages.cend(), [&](const MqttMessage& message) { return message.topic == topic; });
    }

private:
    mutable std::mutex m_mutex;
    QList<MqttMessage> m_messages;
};

// A client as the apps connect: TLS with the test CA, a user and password, its presence as retained last will.
struct Peer
{
    explicit Peer(const MqttSettings& settings)
        : client(settings)
    {
        client.setMessageHandler([this](MqttMessage&& message) { inbox.add(std::move(message)); });
        client.start();
    }
    Inbox inbox;
    MqttClient client;
};

QString currentUserName()
{
    const passwd* user = ::getpwuid(::geteuid());
    return user ? QString::fromLocal8Bit(user->pw_name) : QStringLiteral("root");
}

} // namespace

class TestBrokerAcl : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    testing::TestCerts m_certs { m_dir.path() };
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_broker;

    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

    MqttSettings settings(const QString& user, const QString& clientId, const QStringList& subscriptions = {}) const
    {
        MqttSettings settings;
        settings.brokerUris = { QStringLiteral("ssl://127.0.0.1:%1").arg(m_port) };
        settings.clientId = clientId;
        settings.persistentSession = false;
        settings.subscriptions = subscriptions;
        settings.caFile = m_certs.certificate(QStringLiteral("ca"));
        settings.username = user;
        settings.password = user.isEmpty() ? QString() : passwordOf(user);
        settings.willTopic = QStringLiteral("xy/v1/status/") + clientId;
        settings.willPayload = R"({"ts":0,"seq":0,"online":false})";
        return settings;
    }

    std::unique_ptr<Peer> connected(const MqttSettings& settings) const
    {
        auto peer = std::make_unique<Peer>(settings);
        if (!peer->client.waitForConnected(5000)) {
            qWarning().noquote() << settings.username << "could not connect:" << brokerLog();
            return nullptr;
        }
        return peer;
    }

    // A duty leader's console subscribed to everything: it may read all a console could see.
    std::unique_ptr<Peer> observer(const QString& clientId) const
    {
        return connected(settings(QStringLiteral("leader-1"), clientId, { QStringLiteral("xy/v1/#") }));
    }

    [[nodiscard]] QString brokerLog() const
    {
        QFile file(path(QStringLiteral("mosquitto.log")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    bool writePasswordFile() const
    {
        const QString file = path(QStringLiteral("citybrain.passwd"));
        for (const QString& user : sampleUsers) {
            QStringList arguments { QStringLiteral("-b"), file, user, passwordOf(user) };
            if (user == sampleUsers.first())
                arguments.prepend(QStringLiteral("-c"));
            if (QProcess::execute(QStringLiteral("mosquitto_passwd"), arguments) != 0)
                return false;
        }
        return true;
    }

    // The sample with its deployment paths, port and listener address replaced; every other line as shipped.
    bool writeConfig() const
    {
        const QString sampleDir = QStringLiteral(CITYBRAIN_MOSQUITTO_SAMPLE_DIR);
        if (!QFile::copy(sampleDir + "/citybrain.acl", path(QStringLiteral("citybrain.acl"))))
            return false;
        QFile sample(sampleDir + "/citybrain.conf");
        if (!sample.open(QIODevice::ReadOnly))
            return false;
        QDir().mkpath(path(QStringLiteral("persistence")));
        QHash<QString, QString> replacements {
            { "listener", QStringLiteral("%1 127.0.0.1").arg(m_port) },
            { "cafile", m_certs.certificate(QStringLiteral("ca")) },
            { "certfile", m_certs.certificate(QStringLiteral("broker")) },
            { "keyfile", m_certs.key(QStringLiteral("broker")) },
            { "password_file", path(QStringLiteral("citybrain.passwd")) },
            { "acl_file", path(QStringLiteral("citybrain.acl")) },
            { "persistence_location", path(QStringLiteral("persistence")) + u'/' },
        };
        QStringList lines;
        for (const QString& line : QString::fromUtf8(sample.readAll()).split(u'\n')) {
            const QString directive = line.section(u' ', 0, 0);
            if (line.startsWith(u'#') || !replacements.contains(directive)) {
                lines.append(line);
                continue;
            }
            lines.append(directive + u' ' + replacements.take(directive));
        }
        if (!replacements.isEmpty()) {
            qWarning() << "the sample no longer has" << replacements.keys();
            return false;
        }
        // Test only: run as whoever runs the test (as root, Mosquitto would switch to the 'mosquitto' user,
        // which cannot read this folder), and keep a log the test can show, besides syslog.
        lines.append(QStringLiteral("user ") + currentUserName());
        lines.append(QStringLiteral("log_dest file ") + path(QStringLiteral("mosquitto.log")));
        QFile config(path(QStringLiteral("citybrain.conf")));
        return config.open(QIODevice::WriteOnly) && config.write(lines.join(u'\n').toUtf8()) > 0;
    }

    bool startBroker()
    {
        m_broker = std::make_unique<QProcess>();
        m_broker->setProcessChannelMode(QProcess::ForwardedChannels);
        m_broker->setChildProcessModifier(terminateWithParent);
        m_broker->start(EmbeddedBroker::mosquittoExecutable(), { "-c", path(QStringLiteral("citybrain.conf")) });
        if (!m_broker->waitForStarted(5000))
            return false;
        const QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && m_broker->state() == QProcess::Running) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200))
                return true;
            QThread::msleep(20);
        }
        qWarning().noquote() << "mosquitto did not start:" << brokerLog();
        return false;
    }

    // SIGTERM: Mosquitto saves its persistence file on the way out.
    void stopBroker()
    {
        if (!m_broker)
            return;
        m_broker->terminate();
        if (!m_broker->waitForFinished(5000))
            m_broker->kill();
        m_broker->waitForFinished(2000);
        m_broker.reset();
    }

    struct Publication
    {
        QString topic;
        QByteArray payload;
        bool retained = false;
    };

    // `user` publishes `forbidden`, then `marker` (which its role may publish) at the same QoS 1, so the marker
    // reaches the observer after the forbidden message would have: once it is there, the other must be too.
    void expectDenied(
        const QString& user, const QString& clientId, const Publication& forbidden, const Publication& marker) const
    {
        const auto watcher = observer(QStringLiteral("observer-of-") + clientId);
        QVERIFY(watcher);
        const auto publisher = connected(settings(user, clientId));
        QVERIFY(publisher);
        QVERIFY(publisher->client.publish(forbidden.topic, forbidden.payload, 1, forbidden.retained));
        QVERIFY(publisher->client.publish(marker.topic, marker.payload, 1, marker.retained));
        QTRY_VERIFY_WITH_TIMEOUT(watcher->inbox.has(marker.topic, marker.payload), 5000);
        QVERIFY(!watcher->inbox.hasTopic(forbidden.topic));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!EmbeddedBroker::mosquittoExecutable().isEmpty(), "mosquitto is not installed");
        m_port = EmbeddedBroker::freeLoopbackPort();
        QVERIFY(m_port != 0);
        QVERIFY(m_certs.makeCa(QStringLiteral("ca")));
        QVERIFY(m_certs.makeServer(
            QStringLiteral("broker"), QStringLiteral("ca"), QStringLiteral("IP:127.0.0.1,DNS:localhost")));
        QVERIFY(writePasswordFile());
        QVERIFY(writeConfig());
        QVERIFY(startBroker());
    }

    void cleanupTestCase() { stopBroker(); }

    void aLeadersActionAndWallControlReachAnObserver()
    {
        const auto watcher = observer(QStringLiteral("observer-leader"));
        QVERIFY(watcher);
        const auto leader = connected(settings(QStringLiteral("leader-1"), QStringLiteral("leader-console")));
        QVERIFY(leader);
        const QByteArray action = actionPayload(QStringLiteral("leader-console"), QStringLiteral("leader"), 1);
        const QByteArray control = R"({"ts":1795912230000,"seq":1,"page":"overview","console":"leader-console"})";
        QVERIFY(leader->client.publish(QStringLiteral("xy/v1/incident/INC-LEADER/action"), action, 1, false));
        QVERIFY(leader->client.publish(QStringLiteral("xy/v1/wall/wall-hall/control"), control, 1, true));
        QTRY_VERIFY_WITH_TIMEOUT(watcher->inbox.has(QStringLiteral("xy/v1/incident/INC-LEADER/action"), action), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(watcher->inbox.has(QStringLiteral("xy/v1/wall/wall-hall/control"), control), 5000);
    }

    void aWallCannotPublishAnAction()
    {
        expectDenied(QStringLiteral("wall-1"), QStringLiteral("wall-node-1"),
            { QStringLiteral("xy/v1/incident/INC-WALL/action"),
                actionPayload(QStringLiteral("wall-node-1"), QStringLiteral("wall"), 1) },
            { QStringLiteral("xy/v1/status/wall-node-1"),
                R"({"ts":1795912230000,"seq":1,"online":true,"kind":"wall"})" });
    }

    void aSensorCannotPublishAnIncidentEvent()
    {
        expectDenied(QStringLiteral("sensor-gw-1"), QStringLiteral("gateway-1"),
            { QStringLiteral("xy/v1/incident/INC-SENSOR/event"),
                R"({"ts":1795912200250,"seq":1,"source":"gateway-1","kind":"fire","severity":"major",)"
                R"("status":"new","title":"forged","district":"610402","lon":108.7,"lat":34.33})",
                true },
            { QStringLiteral("xy/v1/telemetry/air/610402/aq-marker"),
                R"({"ts":1795912200250,"seq":1,"lon":108.7,"lat":34.33,"values":{"aqi":87}})" });
    }

    void aSourcesIncidentEventArrives()
    {
        const auto watcher = observer(QStringLiteral("observer-source"));
        QVERIFY(watcher);
        const auto source = connected(settings(QStringLiteral("source-110"), QStringLiteral("source-110")));
        QVERIFY(source);
        const QByteArray event = R"({"ts":1795912200250,"seq":1,"source":"110","kind":"traffic_accident",)"
                                 R"("severity":"minor","status":"new","title":"t","district":"610402",)"
                                 R"("lon":108.7,"lat":34.33})";
        QVERIFY(source->client.publish(QStringLiteral("xy/v1/incident/INC-SOURCE/event"), event, 1, false));
        QTRY_VERIFY_WITH_TIMEOUT(watcher->inbox.has(QStringLiteral("xy/v1/incident/INC-SOURCE/event"), event), 5000);
    }

    void aDispatcherCannotSteerAWall()
    {
        expectDenied(QStringLiteral("dispatcher-1"), QStringLiteral("dispatcher-console"),
            { QStringLiteral("xy/v1/wall/wall-dispatch/control"),
                R"({"ts":1795912230000,"seq":1,"page":"overview","console":"dispatcher-console"})", true },
            { QStringLiteral("xy/v1/incident/INC-DISPATCH/action"),
                actionPayload(QStringLiteral("dispatcher-console"), QStringLiteral("dispatcher"), 1) });
    }

    void aSensorsTelemetryArrives()
    {
        const auto watcher = observer(QStringLiteral("observer-telemetry"));
        QVERIFY(watcher);
        const auto sensor = connected(settings(QStringLiteral("sensor-gw-1"), QStringLiteral("gateway-2")));
        QVERIFY(sensor);
        const QString topic = QStringLiteral("xy/v1/telemetry/traffic/610404/trf-610404-001");
        const QByteArray reading = R"({"ts":1795912200250,"seq":7,"lon":108.72,"lat":34.34,"values":{"flow":1200}})";
        QVERIFY(sensor->client.publish(topic, reading, 0, false));
        QTRY_VERIFY_WITH_TIMEOUT(watcher->inbox.has(topic, reading), 5000);
    }

    void aWrongPasswordIsRefused()
    {
        MqttSettings wrong = settings(QStringLiteral("dispatcher-1"), QStringLiteral("dispatcher-wrong"));
        wrong.password = QStringLiteral("not-the-password");
        Peer refused(wrong);
        QVERIFY(!refused.client.waitForConnected(3000));
        QVERIFY(connected(settings(QStringLiteral("dispatcher-1"), QStringLiteral("dispatcher-right"))));
    }

    void anonymousClientsAreRefused()
    {
        Peer anonymous(settings(QString(), QStringLiteral("anonymous-probe")));
        QVERIFY(!anonymous.client.waitForConnected(3000));
        QVERIFY(connected(settings(QStringLiteral("wall-1"), QStringLiteral("anonymous-probe"))));
    }

    void aPersistentSessionKeepsQos1MessagesAcrossARestart()
    {
        MqttSettings wallSettings
            = settings(QStringLiteral("wall-1"), QStringLiteral("wall-node-persistent"), { QStringLiteral("xy/v1/#") });
        wallSettings.persistentSession = true;
        {
            const auto wall = connected(wallSettings);
            QVERIFY(wall);
            wall->client.stop(); // a clean disconnect: the session stays on the broker
        }
        const QString topic = QStringLiteral("xy/v1/incident/INC-PERSIST/action");
        const QByteArray action = actionPayload(QStringLiteral("leader-persist"), QStringLiteral("leader"), 1);
        {
            const auto leader = connected(settings(QStringLiteral("leader-1"), QStringLiteral("leader-persist")));
            QVERIFY(leader);
            QVERIFY(leader->client.publish(topic, action, 1, false));
            QVERIFY(leader->client.waitForDelivery(5000)); // acknowledged: queued for the wall's session
            leader->client.stop();
        }
        stopBroker();
        QVERIFY(startBroker());
        const auto wall = connected(wallSettings);
        QVERIFY(wall);
        QTRY_VERIFY_WITH_TIMEOUT(wall->inbox.has(topic, action), 5000);
    }
};

QTEST_GUILESS_MAIN(TestBrokerAcl)
#include "tst_brokeracl.moc"
