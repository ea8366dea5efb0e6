// Role enforcement from outside: three real `citybrain` processes (dispatcher, leader, wall) on one real
// Mosquitto, and a raw client that publishes what a console of the wrong role would (docs/topics.md: the
// role rules of actions, annotations and the wall control). Every receiving console must refuse it: not in
// its SQLite journal, the incident unchanged, the refusal counted in /metrics and logged. The same
// actions from the right role are applied everywhere, which shows the checks can fail.
#include "embeddedbroker.h"
#include "mqttclient.h"
#include "securityapp.h"
#include "testconsole.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <mutex>

using namespace citybrain;
using namespace citybrain::testing;

namespace {

const QString rogue = QStringLiteral("mallory");
const QString rogueConsole = QStringLiteral("rogue-desk");

struct RunningConsole
{
    QString clientId;
    QString role;
    quint16 metricsPort = 0;
    std::unique_ptr<AppProcess> app;

    [[nodiscard]] QString db() const { return app->folder(QStringLiteral("work/citybrain.sqlite")); }
    [[nodiscard]] double rejected(const char* reason) const
    {
        return metricValue(httpGet(QHostAddress::LocalHost, metricsPort),
            QByteArray("citybrain_messages_rejected_total{reason=\"") + reason + "\"}");
    }
    [[nodiscard]] double rejectedAll() const
    {
        double total = 0;
        for (const QByteArray& line : httpGet(QHostAddress::LocalHost, metricsPort).split('\n')) {
            if (line.startsWith("citybrain_messages_rejected_total{"))
                total += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        }
        return total;
    }
    [[nodiscard]] QString incidentStatus(const QString& incident) const
    {
        const QVariantList rows
            = queryColumn(db(), QStringLiteral("SELECT status FROM incident WHERE id=?"), { incident });
        return rows.isEmpty() ? QString() : rows.first().toString();
    }
    // The lifecycle journal of one incident: "action:<name> <before>-><after>" per console action.
    [[nodiscard]] QStringList actions(const QString& incident) const
    {
        QStringList entries;
        for (const QVariant& row : queryColumn(db(),
                 QStringLiteral("SELECT kind || ' ' || before || '->' || after FROM journal"
                                " WHERE incident_id=? AND kind LIKE 'action:%' ORDER BY id"),
                 { incident }))
            entries.append(row.toString());
        return entries;
    }
    [[nodiscard]] int annotations(const QString& annotation) const
    {
        return queryColumn(db(),
            QStringLiteral("SELECT count(*) FROM journal WHERE kind='annotation' AND json_extract(payload, '$.id')=?"),
            { annotation })
            .value(0)
            .toInt();
    }
    [[nodiscard]] QByteArray log() const { return app->output(); }
};

QByteArray actionPayload(const QString& actionId, const QString& role, const QString& action,
    const QString& actor = rogue, const QString& console = rogueConsole)
{
    QJsonObject object { { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", 1 }, { "action_id", actionId },
        { "actor", actor }, { "role", role }, { "console", console }, { "action", action }, { "base_version", 0 },
        { "note", "" } };
    if (action == QLatin1String("dispatch")) {
        object.insert("unit_type", "fire");
        object.insert("unit_id", "QD-F3");
    }
    return json(object);
}

QByteArray annotationPayload(const QString& id, const QString& role, const QString& console)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return json({ { "id", id }, { "ts", now }, { "seq", 1 }, { "at", now - 60000 }, { "text", "泵站全部启动" },
        { "author", console }, { "role", role }, { "console", console } });
}

QString actionTopic(const QString& incident)
{
    return QStringLiteral("xy/v1/incident/%1/action").arg(incident);
}

// The wall's own presence messages; filled on a Paho thread.
class PresenceLog
{
public:
    void add(const QByteArray& payload)
    {
        std::lock_guard lock(m_mutex);
        m_payloads.append(QJsonDocument::fromJson(payload).object());
    }
    [[nodiscard]] bool focusShown() const
    {
        std::lock_guard lock(m_mutex);
        return std::any_of(m_payloads.cbegin(), m_payloads.cend(),
            [](const QJsonObject& status) { return status.value("focus_mode").toBool(); });
    }
    // The latest presence says whether the wall shows the focus page; false before any.
    [[nodiscard]] bool focusNow() const
    {
        std::lock_guard lock(m_mutex);
        return !m_payloads.isEmpty() && m_payloads.last().value("focus_mode").toBool();
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_payloads.clear();
    }
    [[nodiscard]] bool online() const
    {
        std::lock_guard lock(m_mutex);
        return !m_payloads.isEmpty() && m_payloads.last().value("online").toBool();
    }

private:
    mutable std::mutex m_mutex;
    QList<QJsonObject> m_payloads;
};

} // namespace

class TestRoleEnforcement : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    EmbeddedBroker m_broker;
    std::unique_ptr<MqttClient> m_rogue;
    std::unique_ptr<MqttClient> m_watcher;
    PresenceLog m_wallPresence;
    std::vector<RunningConsole> m_consoles;
    int m_sourceSeq = 0;

    RunningConsole& console(const QString& role)
    {
        return *std::find_if(
            m_consoles.begin(), m_consoles.end(), [&](const RunningConsole& c) { return c.role == role; });
    }

    // A source reports a new incident; every console has stored it before the test acts on it.
    void openIncident(const QString& incident)
    {
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/incident/%1/event").arg(incident),
            incidentPayload(++m_sourceSeq, QStringLiteral("秦都区商铺起火"), QStringLiteral("sec-119")), 1, true));
        for (const RunningConsole& c : m_consoles)
            QTRY_COMPARE_WITH_TIMEOUT(c.incidentStatus(incident), QStringLiteral("new"), 20000);
    }

    static QString refusalLine(const QString& reason, const QString& topic)
    {
        return QStringLiteral("rejected %1 on %2").arg(reason, topic);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        MqttSettings rogue = clientSettings({ m_broker.uri() }, QStringLiteral("sec-rogue"));
        rogue.persistentSession = false;
        m_rogue = std::make_unique<MqttClient>(rogue);
        m_rogue->start();
        MqttSettings watch = clientSettings(
            { m_broker.uri() }, QStringLiteral("sec-watcher"), { QStringLiteral("xy/v1/status/sec-wall") });
        watch.persistentSession = false;
        m_watcher = std::make_unique<MqttClient>(watch);
        m_watcher->setMessageHandler([this](MqttMessage&& message) { m_wallPresence.add(message.payload); });
        m_watcher->start();
        QVERIFY(m_rogue->waitForConnected(10000));
        QVERIFY(m_watcher->waitForConnected(10000));

        for (const QString& role : { QStringLiteral("dispatcher"), QStringLiteral("leader"), QStringLiteral("wall") }) {
            RunningConsole c;
            c.clientId = QStringLiteral("sec-") + role;
            c.role = role;
            c.metricsPort = EmbeddedBroker::freeLoopbackPort();
            c.app = std::make_unique<AppProcess>(m_dir.filePath(role));
            QVERIFY(c.app->start({ QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--role"), role,
                                     QStringLiteral("--client-id"), c.clientId, QStringLiteral("--db"), c.db(),
                                     QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:%1").arg(c.metricsPort),
                                     QStringLiteral("--size"), QStringLiteral("1280x720"),
                                     QStringLiteral("--snapshot-every"), QStringLiteral("0") },
                {}, QString()));
            m_consoles.push_back(std::move(c));
        }
        for (const RunningConsole& c : m_consoles) {
            QTRY_COMPARE_WITH_TIMEOUT(
                metricValue(httpGet(QHostAddress::LocalHost, c.metricsPort), "citybrain_mqtt_connected"), 1.0, 30000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_wallPresence.online(), 10000);
    }

    void cleanupTestCase()
    {
        for (RunningConsole& c : m_consoles)
            c.app->stop();
        m_consoles.clear();
        if (m_watcher)
            m_watcher->stop();
        if (m_rogue)
            m_rogue->stop();
    }

    // `wall` and unknown roles may take no action and write no annotation (forbidden, logged with who tried:
    // docs/topics.md).
    void aWallOrUnknownRoleCannotActOrAnnotate()
    {
        const QString wallAcks = QStringLiteral("INC-SEC-WALL-ROLE");
        const QString operatorDispatches = QStringLiteral("INC-SEC-OPERATOR-ROLE");
        const QString annotation = QStringLiteral("ANN-SEC-DISPATCHER");
        openIncident(wallAcks);
        openIncident(operatorDispatches);
        std::vector<double> before;
        for (const RunningConsole& c : m_consoles)
            before.push_back(c.rejected("forbidden"));

        QVERIFY(m_rogue->publish(actionTopic(wallAcks), actionPayload("rogue-1", "wall", "acknowledge"), 1, false));
        QVERIFY(m_rogue->publish(
            actionTopic(operatorDispatches), actionPayload("rogue-2", "operator", "dispatch"), 1, false));
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/annotation/") + annotation,
            annotationPayload(annotation, QStringLiteral("dispatcher"), QStringLiteral("sec-dispatcher")), 1, true));

        for (std::size_t i = 0; i < m_consoles.size(); ++i) {
            const RunningConsole& c = m_consoles[i];
            QTRY_VERIFY2_WITH_TIMEOUT(c.rejected("forbidden") >= before[i] + 3, qPrintable(c.role), 10000);
            QCOMPARE(c.actions(wallAcks), QStringList());
            QCOMPARE(c.actions(operatorDispatches), QStringList());
            QCOMPARE(c.incidentStatus(wallAcks), QStringLiteral("new"));
            QCOMPARE(c.incidentStatus(operatorDispatches), QStringLiteral("new"));
            QCOMPARE(c.annotations(annotation), 0);
        }
        // Each refusal is in each console's log, whatever came just before it.
        for (const RunningConsole& c : m_consoles) {
            for (const QString& topic : { actionTopic(wallAcks), actionTopic(operatorDispatches),
                     QStringLiteral("xy/v1/annotation/") + annotation }) {
                const QString line = refusalLine(QStringLiteral("forbidden"), topic);
                QTRY_VERIFY2_WITH_TIMEOUT(c.log().contains(line.toUtf8()),
                    qPrintable(QStringLiteral("%1 console: no log line \"%2\"").arg(c.role, line)), 5000);
            }
        }
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/annotation/") + annotation, QByteArray(), 1, true));
    }

    // A dispatcher may not escalate, cancel or close (forbidden, logged with its actor and console).
    void aDispatcherCannotEscalateCancelOrClose()
    {
        const QString incident = QStringLiteral("INC-SEC-FORBIDDEN");
        openIncident(incident);
        std::vector<double> before;
        for (const RunningConsole& c : m_consoles)
            before.push_back(c.rejected("forbidden"));
        const QStringList forbidden { QStringLiteral("escalate"), QStringLiteral("cancel"), QStringLiteral("close") };
        int n = 0;
        for (const QString& action : forbidden) {
            QVERIFY(m_rogue->publish(actionTopic(incident),
                actionPayload(QStringLiteral("rogue-f%1").arg(++n), "dispatcher", action), 1, false));
        }
        for (std::size_t i = 0; i < m_consoles.size(); ++i) {
            const RunningConsole& c = m_consoles[i];
            QTRY_VERIFY2_WITH_TIMEOUT(c.rejected("forbidden") >= before[i] + 3, qPrintable(c.role), 10000);
            QCOMPARE(c.actions(incident), QStringList());
            QCOMPARE(c.incidentStatus(incident), QStringLiteral("new"));
            for (const QString& action : forbidden) {
                const QString line
                    = QStringLiteral("%1 - action: a dispatcher may not %2 (actor \"%3\", console \"%4\")")
                          .arg(refusalLine(QStringLiteral("forbidden"), actionTopic(incident)), action, rogue,
                              rogueConsole);
                QTRY_VERIFY2_WITH_TIMEOUT(c.log().contains(line.toUtf8()),
                    qPrintable(QStringLiteral("%1 console: no log line \"%2\"").arg(c.role, line)), 5000);
            }
        }
    }

    // Only leader consoles steer the wall (docs/topics.md, Wall control); a dispatcher's push is refused.
    void aDispatcherCannotSteerTheWall()
    {
        const QString incident = QStringLiteral("INC-SEC-FOCUS-ROGUE");
        openIncident(incident);
        RunningConsole& wall = console(QStringLiteral("wall"));
        const double rejectedBefore = wall.rejectedAll();
        const QByteArray control = json({ { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", 1 },
            { "focus_incident", incident }, { "console", "sec-dispatcher" }, { "role", "dispatcher" } });
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/wall/main/control"), control, 1, true));
        // Either the wall refuses it (counted) or it follows it (its presence shows the focus page).
        QTRY_VERIFY_WITH_TIMEOUT(wall.rejectedAll() > rejectedBefore || m_wallPresence.focusShown(), 15000);
        QVERIFY2(!m_wallPresence.focusShown(),
            "the wall followed a wall control pushed by the dispatcher console sec-dispatcher");
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/wall/main/control"), QByteArray(), 1, true));
    }

    // The same kinds of action from the right role are applied by every console.
    void theRightRolesAreObeyedEverywhere()
    {
        const QString incident = QStringLiteral("INC-SEC-RIGHT");
        const QString annotation = QStringLiteral("ANN-SEC-LEADER");
        openIncident(incident);
        QVERIFY(m_rogue->publish(actionTopic(incident),
            actionPayload("sec-dispatcher-1", "dispatcher", "acknowledge", "zhang.wei", "sec-dispatcher"), 1, false));
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/annotation/") + annotation,
            annotationPayload(annotation, QStringLiteral("leader"), QStringLiteral("sec-leader")), 1, true));
        for (const RunningConsole& c : m_consoles) {
            QTRY_COMPARE_WITH_TIMEOUT(
                c.actions(incident), QStringList { "action:acknowledge new->acknowledged" }, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(c.annotations(annotation), 1, 10000);
        }
        // The wall released from any focus first, so that the focus seen below is this push's.
        const QByteArray release = json({ { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", 2 },
            { "focus_incident", "" }, { "console", "sec-leader" }, { "role", "leader" } });
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/wall/main/control"), release, 1, true));
        QTRY_VERIFY_WITH_TIMEOUT(!m_wallPresence.focusNow(), 15000);
        m_wallPresence.clear();
        const QByteArray control = json({ { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", 3 },
            { "focus_incident", incident }, { "console", "sec-leader" }, { "role", "leader" } });
        QVERIFY(m_rogue->publish(QStringLiteral("xy/v1/wall/main/control"), control, 1, true));
        QTRY_VERIFY_WITH_TIMEOUT(m_wallPresence.focusShown(), 15000);
    }
};

QTEST_GUILESS_MAIN(TestRoleEnforcement)
#include "tst_roleenforcement.moc"
