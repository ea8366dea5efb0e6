// The simulated dispatch desk, through the simulator's published messages: decoded with the one codec of
// console actions and folded with the consoles' own IncidentBook.
#include "citysimulator.h"
#include "districtlayer.h"
#include "incidentactionjson.h"
#include "incidentbook.h"
#include "simdispatcher.h"
#include "topicscheme.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <set>

using namespace citybrain;
using namespace citybrain::sim;

namespace {
// 2026-11-25 10:00 Beijing, a Wednesday.
const qint64 startMs = QDateTime(QDate(2026, 11, 25), QTime(2, 0), QTimeZone::utc()).toMSecsSinceEpoch();
constexpr qint64 hourMs = 3600 * 1000;
constexpr qint64 secondMs = 1000;

IncidentEvent eventFrom(const QString& id, const QJsonObject& o)
{
    IncidentEvent e;
    e.id = id;
    e.tsMs = static_cast<qint64>(o.value(QLatin1String("ts")).toDouble());
    e.seq = static_cast<qint64>(o.value(QLatin1String("seq")).toDouble());
    e.source = o.value(QLatin1String("source")).toString();
    e.kind = o.value(QLatin1String("kind")).toString();
    (void)severityFromName(o.value(QLatin1String("severity")).toString(), &e.severity);
    e.status = o.value(QLatin1String("status")).toString();
    e.title = o.value(QLatin1String("title")).toString();
    e.district = o.value(QLatin1String("district")).toString();
    e.lon = o.value(QLatin1String("lon")).toDouble();
    e.lat = o.value(QLatin1String("lat")).toDouble();
    return e;
}

// What a console would see of a run: the incidents' events and the desk's actions, each decoded.
struct Run
{
    std::vector<SimMessage> startBatch; // what start() returned
    std::vector<SimMessage> messages; // everything, start-up included, in publication order
    std::map<QString, std::vector<IncidentEvent>> events; // by incident, in order
    std::map<QString, std::vector<IncidentAction>> actions; // by incident, in publication order
    std::vector<IncidentAction> allActions; // in publication order
    QStringList problems; // messages that did not decode, or broke the contract
    qint64 endMs = 0;
};

Run simulate(quint64 seed, qint64 spanMs, bool desk = true, qint64 fromMs = startMs)
{
    SimSettings settings;
    settings.seed = seed;
    settings.dispatchDesk = desk;
    CitySimulator simulator(settings, DistrictLayer::xianyang());
    Run run;
    run.endMs = fromMs + spanMs;
    auto take = [&](std::vector<SimMessage> batch) {
        for (SimMessage& m : batch) {
            const TopicScheme::Route route = simulator.topics().route(m.topic);
            if (route.feed == TopicScheme::Feed::IncidentEvent) {
                run.events[route.id].push_back(eventFrom(route.id, QJsonDocument::fromJson(m.payload).object()));
            } else if (route.feed == TopicScheme::Feed::IncidentAction) {
                QString error;
                const std::optional<IncidentAction> action = incidentActionFromJson(m.payload, route.id, &error);
                if (!action)
                    run.problems << route.id + QStringLiteral(": ") + error;
                else if (m.qos != 1 || m.retained)
                    run.problems << route.id + QStringLiteral(": an action is QoS 1, not retained");
                else {
                    run.actions[route.id].push_back(*action);
                    run.allActions.push_back(*action);
                }
            }
            run.messages.push_back(std::move(m));
        }
    };
    run.startBatch = simulator.start(fromMs);
    take(run.startBatch);
    for (qint64 t = fromMs + secondMs; t <= fromMs + spanMs; t += secondMs)
        take(simulator.advance(t));
    return run;
}

const IncidentAction* firstOf(const std::vector<IncidentAction>& actions, ActionKind kind)
{
    for (const IncidentAction& a : actions) {
        if (a.kind == kind)
            return &a;
    }
    return nullptr;
}

IncidentCase fold(const Run& run, const QString& id)
{
    const std::vector<IncidentEvent>& events = run.events.at(id);
    const auto actions = run.actions.find(id);
    return IncidentBook::fold(events.back(), events.front().tsMs,
        actions == run.actions.end() ? std::vector<IncidentAction> {} : actions->second);
}

bool isSerious(Severity s)
{
    return s == Severity::Major || s == Severity::Critical;
}

QString stateName(const Run& run, const QString& id)
{
    return incidentStateName(fold(run, id).state);
}
} // namespace

class TestSimDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Every new incident and every resolve is a debug line: an hour is thousands of them.
        QLoggingCategory::setFilterRules(QStringLiteral("citybrain.sim.debug=false"));
    }

    void sameSeedSameActions()
    {
        const Run a = simulate(11, hourMs);
        const Run b = simulate(11, hourMs);
        QVERIFY(a.allActions.size() > 100);
        QCOMPARE(a.messages.size(), b.messages.size());
        for (size_t i = 0; i < a.messages.size(); ++i)
            QVERIFY2(a.messages[i] == b.messages[i], qPrintable(a.messages[i].topic));
    }

    void everyActionDecodesAsTheDesks()
    {
        const Run run = simulate(1, hourMs);
        QVERIFY2(run.problems.isEmpty(), qPrintable(run.problems.join(u'\n')));
        qint64 lastSeq = startMs;
        std::set<QString> ids;
        for (const IncidentAction& a : run.allActions) {
            QCOMPARE(a.role, QStringLiteral("dispatcher"));
            QCOMPARE(a.console, QStringLiteral("sim-dispatch-desk"));
            QCOMPARE(a.actor, QStringLiteral("模拟调度席"));
            QCOMPARE(a.actionId, QStringLiteral("sim-dispatch-desk-%1").arg(a.seq));
            QCOMPARE(a.seq, lastSeq + 1); // counts per console, from the start time in ms
            lastSeq = a.seq;
            QVERIFY2(ids.insert(a.actionId).second, qPrintable(a.actionId));
            QVERIFY2(a.tsMs <= run.endMs, qPrintable(a.actionId));
        }
        for (const auto& [id, actions] : run.actions) {
            for (size_t i = 0; i < actions.size(); ++i)
                QCOMPARE(actions[i].baseVersion, qint64(i)); // the desk's actions on it so far
        }
    }

    void anHourFoldsWithNoActionLostAndClosedIncidentsResolved()
    {
        const Run run = simulate(2, hourMs);
        int closed = 0;
        for (const auto& [id, events] : run.events) {
            const IncidentCase incident = fold(run, id);
            for (const TimelineEntry& entry : incident.timeline)
                QVERIFY2(entry.applied, qPrintable(id + u' ' + entry.action.actionId));
            const auto actions = run.actions.find(id);
            QCOMPARE(int(incident.timeline.size()), actions == run.actions.end() ? 0 : int(actions->second.size()));
            const IncidentEvent& latest = events.back();
            if (latest.status == QLatin1String("closed") && latest.tsMs + 30 * secondMs <= run.endMs) {
                ++closed;
                QCOMPARE(incidentStateName(incident.state), QStringLiteral("resolved"));
                QVERIFY(incident.resolvedMs > latest.tsMs);
            } else if (latest.status != QLatin1String("closed")) {
                QVERIFY2(incident.state != IncidentState::Resolved, qPrintable(id));
                // Two minutes is the longest a desk takes to acknowledge.
                if (events.front().tsMs + 120 * secondMs <= run.endMs)
                    QVERIFY2(incident.state != IncidentState::New, qPrintable(id));
            }
        }
        QVERIFY2(closed > 100, qPrintable(QString::number(closed)));
    }

    void theDeskKeepsItsTimes()
    {
        const Run run = simulate(3, hourMs);
        int dispatched = 0;
        int onScene = 0;
        for (const auto& [id, actions] : run.actions) {
            const std::vector<IncidentEvent>& events = run.events.at(id);
            const IncidentAction* ack = firstOf(actions, ActionKind::Acknowledge);
            const IncidentAction* resolve = firstOf(actions, ActionKind::Resolve);
            QVERIFY2(ack, qPrintable(id));
            QCOMPARE(&actions.front(), ack);
            if (resolve) {
                const IncidentEvent& closedEvent = events.back();
                QCOMPARE(closedEvent.status, QStringLiteral("closed"));
                const qint64 after = resolve->tsMs - closedEvent.tsMs;
                QVERIFY2(after >= 10 * secondMs && after <= 30 * secondMs, qPrintable(id));
                QCOMPARE(&actions.back(), resolve);
            }
            if (resolve && resolve->tsMs == ack->tsMs)
                continue; // closed before the desk got to it: acknowledged and resolved together
            const qint64 toAck = ack->tsMs - events.front().tsMs;
            if (isSerious(events.front().severity))
                QVERIFY2(toAck >= 15 * secondMs && toAck <= 45 * secondMs, qPrintable(id));
            else
                QVERIFY2(toAck >= 30 * secondMs && toAck <= 120 * secondMs, qPrintable(id));
            if (const IncidentAction* dispatch = firstOf(actions, ActionKind::Dispatch)) {
                ++dispatched;
                const qint64 toDispatch = dispatch->tsMs - ack->tsMs;
                QVERIFY2(toDispatch >= 20 * secondMs && toDispatch <= 60 * secondMs, qPrintable(id));
            }
            for (const IncidentAction& arrived : actions) {
                if (arrived.kind != ActionKind::OnScene)
                    continue;
                ++onScene;
                const auto sent = std::find_if(actions.begin(), actions.end(), [&](const IncidentAction& a) {
                    return a.kind == ActionKind::Dispatch && a.unitId == arrived.unitId;
                });
                QVERIFY2(sent != actions.end(), qPrintable(arrived.unitId));
                QCOMPARE(arrived.unitType, sent->unitType);
                const qint64 travel = arrived.tsMs - sent->tsMs;
                QVERIFY2(travel >= 180 * secondMs && travel <= 480 * secondMs, qPrintable(id));
            }
        }
        QVERIFY(dispatched > 50);
        QVERIFY(onScene > 10);
    }

    void unitsFitTheKinds()
    {
        const Run run = simulate(4, 2 * hourMs);
        std::set<QString> kindsSeen;
        for (const auto& [id, actions] : run.actions) {
            const std::vector<IncidentEvent>& events = run.events.at(id);
            const QString kind = events.front().kind;
            const QString place
                = SimDispatcher::shortDistrictName(DistrictLayer::xianyang().find(events.front().district)->name);
            bool everSerious = false;
            for (const IncidentEvent& e : events)
                everSerious = everSerious || isSerious(e.severity);
            const std::vector<UnitType> allowed = SimDispatcher::unitsFor(kind, Severity::Critical);
            std::vector<UnitType> sent;
            for (const IncidentAction& a : actions) {
                if (a.kind != ActionKind::Dispatch)
                    continue;
                kindsSeen.insert(kind);
                sent.push_back(a.unitType);
                QVERIFY2(std::find(allowed.begin(), allowed.end(), a.unitType) != allowed.end(),
                    qPrintable(kind + u' ' + a.unitId));
                QVERIFY2(QRegularExpression(QStringLiteral("^\\S+\\d{1,2}$")).match(a.unitId).hasMatch(),
                    qPrintable(a.unitId));
                switch (a.unitType) {
                case UnitType::Fire:
                    QCOMPARE(a.unitId.left(a.unitId.indexOf(QStringLiteral("消防"))), place);
                    break;
                case UnitType::Police:
                    QVERIFY2(a.unitId.startsWith(place + QStringLiteral("交警"))
                            || a.unitId.startsWith(place + QStringLiteral("巡警")),
                        qPrintable(a.unitId));
                    break;
                case UnitType::Medical:
                    QVERIFY2(a.unitId.startsWith(QStringLiteral("120急救")), qPrintable(a.unitId));
                    break;
                case UnitType::CityManagement:
                    QVERIFY2(a.unitId.startsWith(place + QStringLiteral("城管"))
                            || a.unitId.startsWith(place + QStringLiteral("环境执法")),
                        qPrintable(a.unitId));
                    break;
                case UnitType::Utility:
                    QVERIFY2(a.unitId.startsWith(kind == QLatin1String("waterlogging") ? QStringLiteral("排水抢险")
                                                                                       : QStringLiteral("燃气抢修")),
                        qPrintable(a.unitId));
                    break;
                }
            }
            if (sent.empty())
                continue;
            QVERIFY2(sent.front() == allowed.front(), qPrintable(id)); // the kind's own service goes first
            QVERIFY2(sent.size() == 1 || everSerious, qPrintable(id)); // a second unit for serious incidents
            QVERIFY(sent.size() <= 2);
        }
        for (const char* kind :
            { "traffic_accident", "fire", "waterlogging", "pollution", "gas_leak", "city_management" })
            QVERIFY2(kindsSeen.count(QLatin1String(kind)), kind);
    }

    void unitsForEachKind_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QList<int>>("minor");
        QTest::addColumn<QList<int>>("major");
        auto units = [](std::initializer_list<UnitType> list) {
            QList<int> out;
            for (UnitType t : list)
                out << int(t);
            return out;
        };
        QTest::newRow("fire") << QStringLiteral("fire") << units({ UnitType::Fire })
                              << units({ UnitType::Fire, UnitType::Medical });
        QTest::newRow("traffic_accident") << QStringLiteral("traffic_accident") << units({ UnitType::Police })
                                          << units({ UnitType::Police, UnitType::Medical });
        QTest::newRow("waterlogging") << QStringLiteral("waterlogging") << units({ UnitType::CityManagement })
                                      << units({ UnitType::CityManagement, UnitType::Utility });
        QTest::newRow("gas_leak") << QStringLiteral("gas_leak") << units({ UnitType::Utility })
                                  << units({ UnitType::Utility, UnitType::Fire });
        QTest::newRow("pollution") << QStringLiteral("pollution") << units({ UnitType::CityManagement })
                                   << units({ UnitType::CityManagement });
        QTest::newRow("city_management") << QStringLiteral("city_management") << units({ UnitType::CityManagement })
                                         << units({ UnitType::CityManagement });
        QTest::newRow("other") << QStringLiteral("landslide") << units({ UnitType::Police })
                               << units({ UnitType::Police });
    }
    void unitsForEachKind()
    {
        QFETCH(QString, kind);
        QFETCH(QList<int>, minor);
        QFETCH(QList<int>, major);
        auto ints = [](const std::vector<UnitType>& units) {
            QList<int> out;
            for (UnitType t : units)
                out << int(t);
            return out;
        };
        QCOMPARE(ints(SimDispatcher::unitsFor(kind, Severity::Minor)), minor);
        QCOMPARE(ints(SimDispatcher::unitsFor(kind, Severity::Moderate)), minor);
        QCOMPARE(ints(SimDispatcher::unitsFor(kind, Severity::Major)), major);
        QCOMPARE(ints(SimDispatcher::unitsFor(kind, Severity::Critical)), major);
    }

    void districtShortNames()
    {
        QCOMPARE(SimDispatcher::shortDistrictName(QStringLiteral("秦都区")), QStringLiteral("秦都"));
        QCOMPARE(SimDispatcher::shortDistrictName(QStringLiteral("三原县")), QStringLiteral("三原"));
        QCOMPARE(SimDispatcher::shortDistrictName(QStringLiteral("兴平市")), QStringLiteral("兴平"));
        QCOMPARE(SimDispatcher::shortDistrictName(QStringLiteral("乾县")), QStringLiteral("乾县"));
        // Every district of the shipped layer has one.
        for (const District& d : DistrictLayer::xianyang().districts())
            QVERIFY2(SimDispatcher::shortDistrictName(d.name).size() >= 2, qPrintable(d.name));
    }

    void startupIncidentsHavePastDatedActionsOnly()
    {
        std::map<QString, int> states;
        for (quint64 seed = 1; seed <= 8; ++seed) {
            const Run run = simulate(seed, 10 * secondMs);
            const TopicScheme topics;
            std::set<QString> startupIds;
            for (const SimMessage& m : run.startBatch) {
                const TopicScheme::Route route = topics.route(m.topic);
                if (route.feed == TopicScheme::Feed::IncidentEvent)
                    startupIds.insert(route.id);
            }
            QVERIFY(!startupIds.empty());
            int fromStart = 0;
            for (const SimMessage& m : run.startBatch) {
                const TopicScheme::Route route = topics.route(m.topic);
                if (route.feed != TopicScheme::Feed::IncidentAction)
                    continue;
                ++fromStart;
                QVERIFY2(startupIds.count(route.id), qPrintable(route.id));
                QString error;
                const auto action = incidentActionFromJson(m.payload, route.id, &error);
                QVERIFY2(action, qPrintable(error));
                QVERIFY2(action->tsMs <= startMs, qPrintable(action->actionId));
                QVERIFY2(action->tsMs > run.events.at(route.id).front().tsMs, qPrintable(action->actionId));
            }
            // Reported at least two minutes earlier: each was acknowledged by now at the latest.
            QVERIFY(fromStart >= int(startupIds.size()));
            for (const QString& id : startupIds) {
                const IncidentCase incident = fold(run, id);
                for (const TimelineEntry& entry : incident.timeline)
                    QVERIFY(entry.applied);
                ++states[stateName(run, id)];
            }
            // After start-up the desk goes on in real time: nothing else is dated before the start.
            for (const IncidentAction& a : run.allActions) {
                const bool early = std::any_of(run.startBatch.begin(), run.startBatch.end(),
                    [&](const SimMessage& m) { return m.payload.contains(a.actionId.toUtf8()); });
                if (!early)
                    QVERIFY2(a.tsMs >= startMs, qPrintable(a.actionId));
            }
        }
        // A believable mix on the wall when it opens. (Acknowledged but not yet dispatched is rare here: the
        // generator reports start-up incidents 2 to 15 minutes earlier, the desk dispatches within 3.)
        QVERIFY2(states[QStringLiteral("dispatched")] > 0, "none dispatched");
        QVERIFY2(states[QStringLiteral("on_scene")] > 0, "none on scene");
        QCOMPARE(states[QStringLiteral("new")], 0);
    }

    void offSwitchPublishesNone()
    {
        const Run off = simulate(5, hourMs, false);
        QVERIFY(off.allActions.empty());
        QVERIFY(off.problems.isEmpty());
        // The desk draws from its own stream: switching it off changes nothing else.
        const Run on = simulate(5, hourMs, true);
        std::vector<SimMessage> rest;
        const TopicScheme topics;
        for (const SimMessage& m : on.messages) {
            if (topics.route(m.topic).feed != TopicScheme::Feed::IncidentAction)
                rest.push_back(m);
        }
        QCOMPARE(rest.size(), off.messages.size());
        for (size_t i = 0; i < rest.size(); ++i)
            QVERIFY2(rest[i] == off.messages[i], qPrintable(rest[i].topic));
    }

    void anIncidentClosedBeforeItsAcknowledgeIsAcknowledgedAndResolved()
    {
        SimDispatcher desk(DistrictLayer::xianyang(), 1, SimDispatcher::Settings {});
        desk.start(startMs);
        IncidentEvent event;
        event.id = QStringLiteral("INC-T-1");
        event.kind = QStringLiteral("city_management");
        event.district = QStringLiteral("610402");
        event.status = QStringLiteral("new");
        event.tsMs = startMs;
        desk.observe({ event });
        event.status = QStringLiteral("closed");
        event.tsMs = startMs + 20 * secondMs; // the desk takes at least 30 s for a minor case
        desk.observe({ event });
        const std::vector<IncidentAction> actions = desk.due(startMs + hourMs);
        QCOMPARE(int(actions.size()), 2);
        QCOMPARE(actions[0].kind, ActionKind::Acknowledge);
        QCOMPARE(actions[1].kind, ActionKind::Resolve);
        QCOMPARE(IncidentBook::fold(event, startMs, actions).state, IncidentState::Resolved);
        QCOMPARE(desk.caseCount(), 0);
    }

    void anUpdateToMajorSendsTheSecondUnit()
    {
        SimDispatcher desk(DistrictLayer::xianyang(), 1, SimDispatcher::Settings {});
        desk.start(startMs);
        IncidentEvent event;
        event.id = QStringLiteral("INC-T-2");
        event.kind = QStringLiteral("fire");
        event.district = QStringLiteral("610404");
        event.status = QStringLiteral("new");
        event.severity = Severity::Moderate;
        event.tsMs = startMs;
        desk.observe({ event });
        std::vector<IncidentAction> actions = desk.due(startMs + 5 * 60 * secondMs);
        event.status = QStringLiteral("update");
        event.severity = Severity::Major;
        event.tsMs = startMs + 5 * 60 * secondMs;
        desk.observe({ event });
        for (IncidentAction& a : desk.due(startMs + hourMs))
            actions.push_back(std::move(a));
        std::vector<UnitType> sent;
        for (const IncidentAction& a : actions) {
            if (a.kind == ActionKind::Dispatch)
                sent.push_back(a.unitType);
        }
        QCOMPARE(int(sent.size()), 2);
        QCOMPARE(sent[0], UnitType::Fire);
        QCOMPARE(sent[1], UnitType::Medical);
        const IncidentCase incident = IncidentBook::fold(event, startMs, actions);
        QCOMPARE(incident.state, IncidentState::OnScene);
        for (const TimelineEntry& entry : incident.timeline)
            QVERIFY(entry.applied);
        QCOMPARE(int(incident.units.size()), 2);
        QVERIFY(incident.units[0].unitId.startsWith(QStringLiteral("渭城消防")));
    }

    void actionIdsDoNotRepeatAfterARestart()
    {
        const Run first = simulate(6, 10 * 60 * secondMs);
        const Run second = simulate(6, 10 * 60 * secondMs, true, startMs + 10 * 60 * secondMs + 5 * secondMs);
        std::set<QString> ids;
        for (const IncidentAction& a : first.allActions)
            ids.insert(a.actionId);
        QVERIFY(!second.allActions.empty());
        for (const IncidentAction& a : second.allActions)
            QVERIFY2(!ids.count(a.actionId), qPrintable(a.actionId));
    }
};

QTEST_GUILESS_MAIN(TestSimDispatcher)
#include "tst_simdispatcher.moc"
