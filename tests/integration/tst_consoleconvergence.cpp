// Consoles that agree with no server of our own: two real app instances (a dispatcher's and a leader's)
// on a real broker receive conflicting actions on the same incidents, one of them is killed with SIGKILL
// mid-stream and started again, and afterwards both journals fold to the same state for every incident,
// the state the lifecycle's total order gives for the set of actions published.
#include "embeddedbroker.h"
#include "incidentactionjson.h"
#include "incidentbook.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>

using namespace citybrain;

namespace {

QString appPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain");
}

IncidentEvent fire(const QString& id, qint64 tsMs)
{
    IncidentEvent event;
    event.id = id;
    event.source = QStringLiteral("119-fire");
    event.seq = 1;
    event.tsMs = tsMs;
    event.kind = QStringLiteral("fire");
    event.severity = Severity::Major;
    event.status = QStringLiteral("new");
    event.title = QStringLiteral("秦都区人民路商铺起火 %1").arg(id);
    event.district = QStringLiteral("610402");
    event.lon = 108.70;
    event.lat = 34.33;
    return event;
}

QByteArray eventPayload(const IncidentEvent& event)
{
    return QJsonDocument(
        QJsonObject { { "ts", event.tsMs }, { "seq", event.seq }, { "source", event.source }, { "kind", event.kind },
            { "severity", "major" }, { "status", event.status }, { "title", event.title },
            { "district", event.district }, { "lon", event.lon }, { "lat", event.lat } })
        .toJson(QJsonDocument::Compact);
}

IncidentAction action(const QString& incident, const QString& console, const QString& role, int n, ActionKind kind,
    qint64 baseVersion, qint64 tsMs)
{
    IncidentAction a;
    a.incidentId = incident;
    a.console = console;
    a.actor = console == QLatin1String("disp-a") ? QStringLiteral("zhang.wei") : QStringLiteral("li.na");
    a.role = role;
    a.seq = n;
    a.actionId = QStringLiteral("%1-%2").arg(console).arg(n);
    a.kind = kind;
    a.baseVersion = baseVersion;
    a.tsMs = tsMs;
    return a;
}

} // namespace

class TestConsoleConvergence : public QObject
{
    Q_OBJECT
private:
    EmbeddedBroker m_broker;
    QTemporaryDir m_dir;

    void startApp(QProcess& app, const QString& clientId, const QString& role)
    {
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.setStandardOutputFile(QProcess::nullDevice());
        app.start(appPath(),
            { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--db"), m_dir.filePath(clientId + ".sqlite"),
                QStringLiteral("--client-id"), clientId, QStringLiteral("--role"), role,
                QStringLiteral("--snapshot-every"), QStringLiteral("0"), QStringLiteral("--size"),
                QStringLiteral("1280x720") });
        QVERIFY(app.waitForStarted(10000));
    }

    // Each incident's case as the console's journal gives it, keyed by incident id.
    std::map<QString, QJsonObject> exportCases(const QString& clientId)
    {
        QProcess exporter;
        exporter.start(appPath(),
            { QStringLiteral("--db"), m_dir.filePath(clientId + ".sqlite"), QStringLiteral("--export"),
                QStringLiteral("cases") });
        exporter.waitForFinished(30000);
        std::map<QString, QJsonObject> cases;
        for (const QByteArray& line : exporter.readAllStandardOutput().split('\n')) {
            if (!line.isEmpty()) {
                const QJsonObject object = QJsonDocument::fromJson(line).object();
                cases[object.value("incident").toString()] = object;
            }
        }
        return cases;
    }

    static bool waitFor(const std::function<bool()>& condition, int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (condition())
                return true;
            QTest::qWait(50);
        }
        return false;
    }

private Q_SLOTS:
    void consolesAgreeAfterConflictsAndACrash()
    {
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        std::atomic<int> onlineA { 0 };
        std::atomic<int> onlineB { 0 };
        MqttSettings watch;
        watch.brokerUris = { m_broker.uri() };
        watch.clientId = QStringLiteral("convergence-watcher");
        watch.persistentSession = false;
        watch.subscriptions = { QStringLiteral("xy/v1/status/+") };
        MqttClient watcher(watch);
        watcher.setMessageHandler([&](MqttMessage&& m) {
            if (!m.payload.contains("\"online\":true"))
                return;
            if (m.topic.endsWith(QLatin1String("/disp-a")))
                ++onlineA;
            else if (m.topic.endsWith(QLatin1String("/lead-b")))
                ++onlineB;
        });
        watcher.start();
        MqttSettings source;
        source.brokerUris = { m_broker.uri() };
        source.clientId = QStringLiteral("convergence-source");
        MqttClient publisher(source);
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        QVERIFY(watcher.waitForConnected(10000));

        QProcess appA;
        QProcess appB;
        startApp(appA, QStringLiteral("disp-a"), QStringLiteral("dispatcher"));
        startApp(appB, QStringLiteral("lead-b"), QStringLiteral("leader"));
        QVERIFY(waitFor([&] { return onlineA.load() >= 1 && onlineB.load() >= 1; }));

        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 60000;
        std::map<QString, IncidentEvent> events;
        for (const QString& id :
            { QStringLiteral("INC-CONV-1"), QStringLiteral("INC-CONV-2"), QStringLiteral("INC-CONV-3") }) {
            events[id] = fire(id, t0);
            QVERIFY(publisher.publish(
                QStringLiteral("xy/v1/incident/%1/event").arg(id), eventPayload(events[id]), 1, true));
        }
        const auto publish = [&](const IncidentAction& a) {
            return publisher.publish(
                QStringLiteral("xy/v1/incident/%1/action").arg(a.incidentId), incidentActionToJson(a), 1, false);
        };
        using K = ActionKind;
        const QString d = QStringLiteral("dispatcher");
        const QString l = QStringLiteral("leader");
        // Round one, both consoles up: the dispatcher and the leader act on the same versions at once.
        std::vector<IncidentAction> round1 = {
            action("INC-CONV-1", "disp-a", d, 1, K::Acknowledge, 0, t0 + 1000),
            action("INC-CONV-1", "lead-b", l, 1, K::Cancel, 0, t0 + 999), // same version, earlier: it wins
            action("INC-CONV-2", "disp-a", d, 2, K::Acknowledge, 0, t0 + 2000),
            action("INC-CONV-2", "lead-b", l, 2, K::Acknowledge, 0, t0 + 2000), // a second acknowledge loses
            action("INC-CONV-3", "disp-a", d, 3, K::Dispatch, 0, t0 + 3000),
        };
        round1[4].unitType = UnitType::Fire;
        round1[4].unitId = QStringLiteral("秦都消防-1");
        for (const IncidentAction& a : round1)
            QVERIFY(publish(a));
        QVERIFY(publisher.waitForDelivery(10000));
        QTest::qWait(1500);

        // The leader's console dies; the dispatcher goes on, and one of its actions is delivered twice.
        ::kill(static_cast<pid_t>(appB.processId()), SIGKILL);
        QVERIFY(appB.waitForFinished(5000));
        std::vector<IncidentAction> round2 = {
            action("INC-CONV-2", "disp-a", d, 4, K::Dispatch, 1, t0 + 4000),
            action("INC-CONV-3", "disp-a", d, 5, K::OnScene, 1, t0 + 5000),
            action("INC-CONV-2", "disp-a", d, 4, K::Dispatch, 1, t0 + 4000), // redelivered
            // A stale action from a console that had been offline: based on version 0.
            action("INC-CONV-3", "disp-x", d, 6, K::Merge, 0, t0 + 6000),
        };
        round2[0].unitType = UnitType::Medical;
        round2[0].unitId = QStringLiteral("120-渭城-2");
        round2[1].unitId = QStringLiteral("秦都消防-1");
        round2[3].mergeInto = QStringLiteral("INC-CONV-1");
        for (const IncidentAction& a : round2)
            QVERIFY(publish(a));
        QVERIFY(publisher.waitForDelivery(10000));

        // The leader's console comes back: its journal has round one, its persistent session round two.
        startApp(appB, QStringLiteral("lead-b"), QStringLiteral("leader"));
        QVERIFY(waitFor([&] { return onlineB.load() >= 2; }));
        const IncidentAction resolve = action("INC-CONV-3", "lead-b", l, 7, K::Resolve, 3, t0 + 7000);
        QVERIFY(publish(resolve));
        QVERIFY(publisher.waitForDelivery(10000));
        QTest::qWait(2000);
        appA.terminate();
        appB.terminate();
        QVERIFY(appA.waitForFinished(15000));
        QVERIFY(appB.waitForFinished(15000));

        const std::map<QString, QJsonObject> casesA = exportCases(QStringLiteral("disp-a"));
        const std::map<QString, QJsonObject> casesB = exportCases(QStringLiteral("lead-b"));
        QCOMPARE(casesA.size(), std::size_t(3));
        QCOMPARE(casesB.size(), std::size_t(3));

        // What the lifecycle says the set of actions gives, whatever order it arrived in.
        std::map<QString, std::vector<IncidentAction>> published;
        for (const auto& round : { round1, round2, std::vector<IncidentAction> { resolve } }) {
            for (const IncidentAction& a : round)
                published[a.incidentId].push_back(a);
        }
        for (const auto& [id, event] : events) {
            const IncidentCase expected = IncidentBook::fold(event, event.tsMs, published[id]);
            QVERIFY2(casesA.count(id) && casesB.count(id), qPrintable(id));
            QCOMPARE(casesA.at(id), casesB.at(id)); // the two consoles agree on everything
            const QJsonObject& got = casesA.at(id);
            QCOMPARE(got.value("state").toString(), incidentStateName(expected.state));
            QCOMPARE(got.value("version").toInteger(), expected.version);
            QJsonArray applied;
            QJsonArray lost;
            for (const TimelineEntry& line : expected.timeline)
                (line.applied ? applied : lost).append(line.action.actionId);
            QCOMPARE(got.value("applied").toArray(), applied);
            QCOMPARE(got.value("lost").toArray(), lost);
        }
        // The conflicts were real: something lost, and the order decided the same winner on both.
        QCOMPARE(casesA.at("INC-CONV-1").value("state").toString(), QStringLiteral("cancelled"));
        QCOMPARE(casesA.at("INC-CONV-1").value("lost").toArray(), QJsonArray { "disp-a-1" });
        QCOMPARE(casesA.at("INC-CONV-2").value("lost").toArray().size(), 1);
        // The stale merge sorts before the on-scene report but meets a dispatched incident: it loses.
        QCOMPARE(casesA.at("INC-CONV-3").value("state").toString(), QStringLiteral("resolved"));
        QCOMPARE(casesA.at("INC-CONV-3").value("lost").toArray(), QJsonArray { "disp-x-6" });
        publisher.stop();
        watcher.stop();
    }
};

QTEST_GUILESS_MAIN(TestConsoleConvergence)
#include "tst_consoleconvergence.moc"
