// Dispatch with real parts: consoles act through ConsoleActions on a real Mosquitto, every console
// (the acting one included) journals and applies the action when the broker delivers it, the
// roles hold at both ends, a lost conflict tells its console who won, and the alarm follows.
#include "consoleactions.h"
#include "embeddedbroker.h"
#include "incidentactionjson.h"
#include "incidentalarm.h"
#include "testconsole.h"
#include "wallfocus.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;
using namespace citybrain::testing;

namespace {

QString stateOf(Console& console, const QString& incidentId)
{
    IncidentModel& incidents = console.state.incidents();
    const int row = incidents.rowOf(incidentId);
    return row < 0 ? QString() : incidents.index(row).data(IncidentModel::StateRole).toString();
}

// One console as main() wires it, with its actions.
struct ActingConsole
{
    ActingConsole(const QString& broker, const QString& db, const QString& clientId, const QString& role)
        : console({ broker }, db, clientId)
        , actions(&console.client, TopicScheme(), role, clientId, nullptr)
    {
        console.state.incidents().setConsoleId(clientId);
        actions.setIncidents(&console.state.incidents());
    }
    Console console;
    ConsoleActions actions;
};

} // namespace

class TestDispatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
        m_source = std::make_unique<MqttClient>(clientSettings({ m_broker.uri() }, QStringLiteral("dispatch-source")));
        m_source->start();
        QVERIFY(m_source->waitForConnected(10000));
    }

    void actionsTravelThroughTheBrokerToEveryConsole()
    {
        QTemporaryDir dir;
        ActingConsole dispatcher(m_broker.uri(), dir.filePath("d.sqlite"), "desk-1", "dispatcher");
        ActingConsole leader(m_broker.uri(), dir.filePath("l.sqlite"), "leader-1", "leader");
        ActingConsole wall(m_broker.uri(), dir.filePath("w.sqlite"), "wall-1", "wall");
        QTRY_VERIFY_WITH_TIMEOUT(dispatcher.console.client.isConnected() && leader.console.client.isConnected()
                && wall.console.client.isConnected(),
            10000);
        IncidentAlarm alarm(&dispatcher.console.state.incidents(), ConsoleRole::Dispatcher, nullptr);
        IncidentAlarm wallAlarm(&wall.console.state.incidents(), ConsoleRole::Wall, nullptr);

        const QString id = QStringLiteral("INC-DISPATCH-1");
        QVERIFY(m_source->publish(
            QStringLiteral("xy/v1/incident/%1/event").arg(id), incidentPayload(1, "秦都区商铺起火"), 1, false));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(wall.console, id), QStringLiteral("new"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!stateOf(dispatcher.console, id).isEmpty(), 10000);
        // A major fire is P1: it sounds at the dispatcher's desk and flashes, silently, on the wall.
        QCOMPARE(dispatcher.console.state.incidents().find(id)->priority, 1);
        QVERIFY(alarm.isActive());
        QVERIFY(alarm.isSounding());
        QCOMPARE(alarm.incidentId(), id);
        QVERIFY(wallAlarm.isActive());
        QVERIFY(!wallAlarm.isSounding());

        // The wall offers nothing and refuses everything; a dispatcher may not close or cancel.
        QVERIFY(!wall.actions.may(QStringLiteral("acknowledge"), id));
        QVERIFY(!wall.actions.acknowledge(id));
        QVERIFY(!wall.actions.lastRefusal().isEmpty());
        QVERIFY(!dispatcher.actions.may(QStringLiteral("cancel"), id));
        QVERIFY(!dispatcher.actions.cancel(id, QStringLiteral("误报")));
        // Not offered before its time: a unit cannot arrive before one was sent.
        QVERIFY(!dispatcher.actions.may(QStringLiteral("on_scene"), id));

        QVERIFY(dispatcher.actions.acknowledge(id));
        for (ActingConsole* console : { &dispatcher, &leader, &wall })
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(console->console, id), QStringLiteral("acknowledged"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!alarm.isActive(), 5000); // acknowledged: silence
        QVERIFY(!alarm.isSounding());
        QCOMPARE(leader.console.state.incidents().find(id)->acknowledgedBy, QStringLiteral("desk-1"));

        QVERIFY(dispatcher.actions.dispatchUnit(id, QStringLiteral("fire"), QStringLiteral("秦都消防3")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(wall.console, id), QStringLiteral("dispatched"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(dispatcher.actions.may(QStringLiteral("on_scene"), id), 10000);
        QVERIFY(dispatcher.actions.arriveOnScene(id, QStringLiteral("秦都消防3")));
        QVERIFY(dispatcher.actions.reprioritise(id, 2, QStringLiteral("火势已控制")));
        QVERIFY(!dispatcher.actions.reprioritise(id, 1, QString())); // a reason is required
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(leader.console, id), QStringLiteral("on_scene"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(leader.console.state.incidents().find(id)->priority, 2, 10000);
        const IncidentCase& seen = *leader.console.state.incidents().find(id);
        QCOMPARE(seen.units.size(), std::size_t(1));
        QCOMPARE(seen.units.front().status, QStringLiteral("on_scene"));
        QCOMPARE(seen.priorityReason, QStringLiteral("火势已控制"));

        // The leader puts it in focus on the wall; a dispatcher may not steer the wall.
        QVERIFY(!dispatcher.actions.focusWall(id));
        QVERIFY(leader.actions.focusWall(id));
        QTRY_COMPARE_WITH_TIMEOUT(wall.console.state.focus().incidentId(), id, 10000);
        QCOMPARE(wall.console.state.focus().console(), QStringLiteral("leader-1"));
        QVERIFY(leader.actions.focusWall(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(wall.console.state.focus().incidentId(), QString(), 10000);

        QVERIFY(dispatcher.actions.resolve(id, QStringLiteral("明火扑灭")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(leader.console, id), QStringLiteral("resolved"), 10000);
        QVERIFY(leader.actions.close(id, QString()));
        for (ActingConsole* console : { &dispatcher, &leader, &wall })
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(console->console, id), QStringLiteral("closed"), 10000);
        // Every console journalled the same versions: six actions applied everywhere.
        QCOMPARE(wall.console.state.incidents().find(id)->version, 6);
        QCOMPARE(dispatcher.console.state.incidents().find(id)->version, 6);
    }

    void aForgedActionIsRefusedAtTheEdge()
    {
        QTemporaryDir dir;
        ActingConsole wall(m_broker.uri(), dir.filePath("w.sqlite"), "forge-wall", "wall");
        QTRY_VERIFY_WITH_TIMEOUT(wall.console.client.isConnected(), 10000);
        const QString id = QStringLiteral("INC-FORGED-1");
        QVERIFY(m_source->publish(
            QStringLiteral("xy/v1/incident/%1/event").arg(id), incidentPayload(2, "渭城区积水"), 1, false));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(wall.console, id), QStringLiteral("new"), 10000);
        // A dispatcher's console has no cancel; someone publishes one by hand anyway.
        IncidentAction forged;
        forged.incidentId = id;
        forged.actionId = QStringLiteral("rogue-1");
        forged.actor = QStringLiteral("rogue");
        forged.role = QStringLiteral("dispatcher");
        forged.console = QStringLiteral("rogue");
        forged.kind = ActionKind::Cancel;
        forged.tsMs = QDateTime::currentMSecsSinceEpoch();
        const double rejectedBefore = wall.console.state.health().messagesRejected();
        QVERIFY(m_source->publish(
            QStringLiteral("xy/v1/incident/%1/action").arg(id), incidentActionToJson(forged), 1, false));
        QTRY_VERIFY_WITH_TIMEOUT(wall.console.state.health().messagesRejected() > rejectedBefore, 10000);
        QCOMPARE(stateOf(wall.console, id), QStringLiteral("new"));
        QCOMPARE(wall.console.state.incidents().find(id)->version, 0);
    }

    void theLoserOfAConflictIsToldWhoWon()
    {
        QTemporaryDir dir;
        ActingConsole dispatcher(m_broker.uri(), dir.filePath("d.sqlite"), "conflict-desk", "dispatcher");
        ActingConsole leader(m_broker.uri(), dir.filePath("l.sqlite"), "conflict-leader", "leader");
        QTRY_VERIFY_WITH_TIMEOUT(dispatcher.console.client.isConnected() && leader.console.client.isConnected(), 10000);
        const QString id = QStringLiteral("INC-CONFLICT-1");
        QVERIFY(m_source->publish(
            QStringLiteral("xy/v1/incident/%1/event").arg(id), incidentPayload(3, "兴平市燃气泄漏"), 1, false));
        QTRY_VERIFY_WITH_TIMEOUT(
            dispatcher.console.state.incidents().find(id) && leader.console.state.incidents().find(id), 10000);
        QSignalSpy dispatcherLost(&dispatcher.console.state.incidents(), &IncidentModel::actionLost);
        QSignalSpy leaderLost(&leader.console.state.incidents(), &IncidentModel::actionLost);
        // Both act on version 0 before either hears of the other; the leader a few ms earlier.
        QVERIFY(leader.actions.cancel(id, QStringLiteral("重复报警")));
        QTest::qSleep(5);
        QVERIFY(dispatcher.actions.acknowledge(id));
        QTRY_VERIFY_WITH_TIMEOUT(dispatcher.console.state.incidents().find(id)->timeline.size() == 2
                && leader.console.state.incidents().find(id)->timeline.size() == 2,
            10000);
        // The same total order on both consoles: the same winner, the same state.
        const IncidentCase& onDesk = *dispatcher.console.state.incidents().find(id);
        const IncidentCase& onLead = *leader.console.state.incidents().find(id);
        QCOMPARE(incidentStateName(onDesk.state), incidentStateName(onLead.state));
        QCOMPARE(onDesk.version, onLead.version);
        // The cancel sorts first (same base version, earlier): the acknowledge lost, and only its console
        // is told, with the winner.
        QCOMPARE(incidentStateName(onDesk.state), QStringLiteral("cancelled"));
        QCOMPARE(onDesk.version, 1);
        QTRY_COMPARE_WITH_TIMEOUT(dispatcherLost.count(), 1, 5000);
        QCOMPARE(dispatcherLost.at(0).at(0).toString(), id);
        QCOMPARE(dispatcherLost.at(0).at(1).toString(), QStringLiteral("acknowledge"));
        QCOMPARE(dispatcherLost.at(0).at(2).toString(), QStringLiteral("conflict-leader"));
        QCOMPARE(dispatcherLost.at(0).at(4).toString(), QStringLiteral("cancel"));
        QCOMPARE(dispatcherLost.at(0).at(5).toString(), QStringLiteral("cancelled"));
        QCOMPARE(leaderLost.count(), 0);
    }

    void aLeaderShowsAPageAndEachPushKeepsWhatItDoesNotChange()
    {
        QTemporaryDir dir;
        ActingConsole dispatcher(m_broker.uri(), dir.filePath("d.sqlite"), "page-desk", "dispatcher");
        ActingConsole leader(m_broker.uri(), dir.filePath("l.sqlite"), "page-leader", "leader");
        ActingConsole wall(m_broker.uri(), dir.filePath("w.sqlite"), "page-wall", "wall");
        leader.actions.setWallFocus(&leader.console.state.focus());
        QTRY_VERIFY_WITH_TIMEOUT(dispatcher.console.client.isConnected() && leader.console.client.isConnected()
                && wall.console.client.isConnected(),
            10000);
        const WallFocus& shown = wall.console.state.focus();

        QVERIFY(!dispatcher.actions.showPage(QStringLiteral("alarms"), true));
        QVERIFY(!leader.actions.showPage(QStringLiteral("Not An Id!"), true));
        QVERIFY(leader.actions.showPage(QStringLiteral("alarms"), true));
        QTRY_COMPARE_WITH_TIMEOUT(shown.page(), QStringLiteral("alarms"), 10000);
        QVERIFY(shown.pinned());
        QTRY_COMPARE_WITH_TIMEOUT(leader.console.state.focus().page(), QStringLiteral("alarms"), 10000);

        // A focus push keeps the pinned page...
        const QString id = QStringLiteral("INC-PAGE-1");
        QVERIFY(m_source->publish(
            QStringLiteral("xy/v1/incident/%1/event").arg(id), incidentPayload(1, "秦都区道路塌陷"), 1, false));
        QTRY_VERIFY_WITH_TIMEOUT(leader.console.state.incidents().find(id), 10000);
        QVERIFY(leader.actions.focusWall(id));
        QTRY_COMPARE_WITH_TIMEOUT(shown.incidentId(), id, 10000);
        QCOMPARE(shown.page(), QStringLiteral("alarms"));
        QVERIFY(shown.pinned());

        // ...and a page push keeps the focus.
        QTRY_COMPARE_WITH_TIMEOUT(leader.console.state.focus().incidentId(), id, 10000);
        QVERIFY(leader.actions.showPage(QStringLiteral("overview"), false));
        QTRY_COMPARE_WITH_TIMEOUT(shown.page(), QStringLiteral("overview"), 10000);
        QVERIFY(!shown.pinned());
        QCOMPARE(shown.incidentId(), id);

        // Released: no focus, the playlist on the wall clock.
        QTRY_COMPARE_WITH_TIMEOUT(leader.console.state.focus().page(), QStringLiteral("overview"), 10000);
        QVERIFY(leader.actions.focusWall(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(leader.console.state.focus().incidentId(), QString(), 10000);
        QVERIFY(leader.actions.showPage(QString(), false));
        QTRY_COMPARE_WITH_TIMEOUT(shown.page(), QString(), 10000);
        QCOMPARE(shown.incidentId(), QString());
    }

    void cleanupTestCase()
    {
        m_source->stop();
        m_broker.stop();
    }

private:
    EmbeddedBroker m_broker;
    std::unique_ptr<MqttClient> m_source;
};

QTEST_MAIN(TestDispatch)
#include "tst_dispatch.moc"
