#include "incidentbook.h"
#include "incidentfixtures.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace citybrain;
using fixtures::action;
using fixtures::wang;
using fixtures::zhang;

namespace {
const QString incidentId = QStringLiteral("INC-1");
constexpr qint64 reported = 100'000;

// A fire, 重大 (major): P1 (fire is one level more urgent).
IncidentEvent fireEvent()
{
    return fixtures::event(incidentId, QStringLiteral("fire"), Severity::Major, reported);
}

// Two consoles, one incident, real conflicts. console-1 is 张伟, a dispatcher; console-2 is 王芳, the duty
// leader. In the total order (base version, ts, action id):
//   A1 c1 acknowledge  base 0 t100500  applied              -> acknowledged v1
//   A2 c2 acknowledge  base 0 t100700  lost to A1           (both acknowledged what they saw as version 0)
//   A7 c2 close        base 0 t106000  lost to A1           (stale: written on a console offline since v0)
//   A3 c1 dispatch F-01 base 1 t100800 applied              -> dispatched v2
//   A4 c2 cancel       base 1 t100900  applied              -> cancelled v3, F-01 released
//                                                           (the leader cancels while the unit is sent)
//   A6 c2 note         base 2 t101500  applied              -> cancelled v4 (notes are kept after the end)
//   A5 c1 on_scene F-01 base 2 t103000 lost to A4           (the unit arrives at a cancelled incident)
// A3 is also delivered twice.
std::vector<IncidentAction> scenario()
{
    const IncidentAction a1
        = action(incidentId, QStringLiteral("c1-000001"), zhang(), ActionKind::Acknowledge, 0, 100'500);
    const IncidentAction a2
        = action(incidentId, QStringLiteral("c2-000001"), wang(), ActionKind::Acknowledge, 0, 100'700);
    const IncidentAction a4 = [] {
        IncidentAction a = action(incidentId, QStringLiteral("c2-000002"), wang(), ActionKind::Cancel, 1, 100'900);
        a.note = QStringLiteral("119 reports it out");
        return a;
    }();
    const IncidentAction a5
        = fixtures::withUnit(action(incidentId, QStringLiteral("c1-000003"), zhang(), ActionKind::OnScene, 2, 103'000),
            UnitType::Fire, QStringLiteral("F-01"));
    const IncidentAction a6 = [] {
        IncidentAction a = action(incidentId, QStringLiteral("c2-000003"), wang(), ActionKind::Note, 2, 101'500);
        a.note = QStringLiteral("caller confirmed: burnt pot");
        return a;
    }();
    const IncidentAction a7 = action(incidentId, QStringLiteral("c2-000004"), wang(), ActionKind::Close, 0, 106'000);
    const IncidentAction a3
        = fixtures::withUnit(action(incidentId, QStringLiteral("c1-000002"), zhang(), ActionKind::Dispatch, 1, 100'800),
            UnitType::Fire, QStringLiteral("F-01"));
    return { a1, a2, a4, a5, a6, a7, a3 }; // the last one is delivered twice
}

QString unitLine(const UnitAssignment& unit)
{
    return QStringLiteral("unit %1 %2 %3 dispatched %4 on scene %5 by %6")
        .arg(unitTypeName(unit.type), unit.unitId, unit.status)
        .arg(unit.dispatchedMs)
        .arg(unit.onSceneMs)
        .arg(unit.dispatchedBy);
}

QString timelineLine(const TimelineEntry& entry)
{
    return QStringLiteral("%1 %2 %3 -> %4 won by %5/%6/%7/%8")
        .arg(entry.action.actionId, actionKindName(entry.action.kind),
            entry.applied ? QStringLiteral("applied") : QStringLiteral("lost"), incidentStateName(entry.stateAfter),
            entry.wonByActor, entry.wonByConsole, entry.wonByActionId,
            entry.wonByActionId.isEmpty() ? QString() : actionKindName(entry.wonByKind));
}

// Everything a console shows of a case, as lines of text: two cases are the same when their lines are.
QStringList fingerprint(const IncidentCase& c)
{
    QStringList lines;
    lines
        << QStringLiteral("state %1 version %2 open %3").arg(incidentStateName(c.state)).arg(c.version).arg(c.isOpen());
    lines << QStringLiteral("priority %1 derived %2 overridden %3 reason %4 kind %5")
                 .arg(c.priority)
                 .arg(c.derivedPriority)
                 .arg(c.priorityOverridden)
                 .arg(c.priorityReason, c.kind);
    lines << QStringLiteral("reported %1 acknowledged %2 by %3 dispatched %4 on scene %5 resolved %6 closed %7")
                 .arg(c.reportedMs)
                 .arg(c.acknowledgedMs)
                 .arg(c.acknowledgedBy)
                 .arg(c.dispatchedMs)
                 .arg(c.onSceneMs)
                 .arg(c.resolvedMs)
                 .arg(c.closedMs);
    lines << QStringLiteral("merged into %1 escalated %2 notes %3 attachments %4")
                 .arg(c.mergedInto)
                 .arg(c.escalated)
                 .arg(c.notes)
                 .arg(QStringList(c.attachments.begin(), c.attachments.end()).join(QLatin1Char(',')));
    for (const UnitAssignment& unit : c.units)
        lines << unitLine(unit);
    for (const TimelineEntry& entry : c.timeline)
        lines << timelineLine(entry);
    return lines;
}

QString describeOrder(const std::vector<int>& order, int eventAt, const std::vector<IncidentAction>& actions)
{
    QStringList names;
    for (std::size_t i = 0; i <= order.size(); ++i) {
        if (static_cast<int>(i) == eventAt)
            names << QStringLiteral("EVENT");
        if (i < order.size())
            names << actions[static_cast<std::size_t>(order[i])].actionId;
    }
    return names.join(QLatin1Char(' '));
}

// Two incidents for duplicateOf: same kind, `metres` apart to the north, `minutes` apart in time.
IncidentEvent nearby(const QString& id, const QString& kind, double metres, qint64 minutes)
{
    IncidentEvent e = fixtures::event(id, kind, Severity::Moderate, reported + minutes * 60'000);
    e.lat = fixtures::northOf(fixtures::baseLat, metres);
    return e;
}
} // namespace

class TestIncidentBook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theScenarioFoldsAsTheRulesSay()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        std::vector<IncidentAction> actions = scenario();
        std::reverse(actions.begin(), actions.end()); // arrival order does not matter (see below)
        for (const IncidentAction& a : actions)
            QVERIFY(!book.applyAction(a).duplicate);

        const IncidentCase* c = book.find(incidentId);
        QVERIFY(c);
        QCOMPARE(c->state, IncidentState::Cancelled);
        QCOMPARE(c->version, 4);
        QCOMPARE(c->priority, 1);
        QCOMPARE(c->acknowledgedBy, QStringLiteral("zhang.wei"));
        QCOMPARE(c->acknowledgedMs, 100'500);
        QCOMPARE(c->dispatchedMs, 100'800);
        QCOMPARE(c->onSceneMs, 0); // the arrival was lost
        QCOMPARE(c->closedMs, 100'900);
        QCOMPARE(c->notes, 1);
        QCOMPARE(c->units.size(), std::size_t(1));
        QCOMPARE(c->units[0].unitId, QStringLiteral("F-01"));
        QCOMPARE(c->units[0].type, UnitType::Fire);
        QCOMPARE(c->units[0].status, QStringLiteral("released")); // the cancel released it
        QCOMPARE(c->units[0].dispatchedBy, QStringLiteral("zhang.wei"));

        QStringList ids;
        QList<bool> applied;
        for (const TimelineEntry& entry : c->timeline) {
            ids << entry.action.actionId;
            applied << entry.applied;
        }
        QCOMPARE(ids,
            QStringList({ "c1-000001", "c2-000001", "c2-000004", "c1-000002", "c2-000002", "c2-000003", "c1-000003" }));
        QCOMPARE(applied, QList<bool>({ true, false, false, true, true, true, false }));
    }

    void lostActionsNameTheWinner()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        for (const IncidentAction& a : scenario())
            book.applyAction(a);
        const IncidentCase* c = book.find(incidentId);
        QVERIFY(c);
        const auto line = [&](const char* actionId) -> const TimelineEntry& {
            return *std::find_if(c->timeline.begin(), c->timeline.end(),
                [&](const TimelineEntry& e) { return e.action.actionId == QLatin1String(actionId); });
        };
        // 王芳's acknowledge lost to 张伟's, made first at the same base version.
        const TimelineEntry& secondAck = line("c2-000001");
        QVERIFY(!secondAck.applied);
        QCOMPARE(secondAck.wonByActor, QStringLiteral("zhang.wei"));
        QCOMPARE(secondAck.wonByConsole, QStringLiteral("console-1"));
        QCOMPARE(secondAck.wonByActionId, QStringLiteral("c1-000001"));
        QCOMPARE(secondAck.wonByKind, ActionKind::Acknowledge);
        QCOMPARE(secondAck.stateAfter, IncidentState::Acknowledged);
        // The stale close falls at base version 0, where only acknowledged was known: refused there.
        const TimelineEntry& staleClose = line("c2-000004");
        QVERIFY(!staleClose.applied);
        QCOMPARE(staleClose.wonByActionId, QStringLiteral("c1-000001"));
        // 张伟's unit arrived at an incident the leader had cancelled.
        const TimelineEntry& arrival = line("c1-000003");
        QVERIFY(!arrival.applied);
        QCOMPARE(arrival.wonByActor, QStringLiteral("wang.fang"));
        QCOMPARE(arrival.wonByConsole, QStringLiteral("console-2"));
        QCOMPARE(arrival.wonByActionId, QStringLiteral("c2-000002"));
        QCOMPARE(arrival.wonByKind, ActionKind::Cancel);
        QCOMPARE(arrival.stateAfter, IncidentState::Cancelled);
        // Applied ones name nobody.
        QVERIFY(line("c2-000002").wonByActionId.isEmpty());
        QVERIFY(line("c2-000002").wonByActor.isEmpty());
    }

    void twoSourcesAtTheSameMomentGiveOneStateWhateverTheArrivalOrder()
    {
        IncidentEvent police = fireEvent();
        police.source = QStringLiteral("110-police");
        police.title = QStringLiteral("from the police");
        IncidentEvent fire = police;
        fire.source = QStringLiteral("119-fire");
        fire.title = QStringLiteral("from the fire brigade");
        IncidentBook one;
        one.applyEvent(police);
        one.applyEvent(fire);
        IncidentBook other;
        other.applyEvent(fire);
        other.applyEvent(police);
        QCOMPARE(one.find(incidentId)->latest.title, other.find(incidentId)->latest.title);
        QCOMPARE(one.find(incidentId)->latest.source, QStringLiteral("119-fire")); // the greater source
    }

    void everyArrivalOrderConvergesToTheSameCase()
    {
        const std::vector<IncidentAction> actions = scenario();
        const int distinct = static_cast<int>(actions.size());
        // The reference: the event, then the actions in the order above.
        IncidentBook reference;
        reference.applyEvent(fireEvent());
        for (const IncidentAction& a : actions)
            reference.applyAction(a);
        const QStringList expected = fingerprint(*reference.find(incidentId));

        // Eight deliveries: the seven actions and the last one again. Every distinct order of them
        // (8!/2 = 20160), each with the event first, last, and at a position that walks through all nine.
        std::vector<int> order(static_cast<std::size_t>(distinct));
        std::iota(order.begin(), order.end(), 0);
        order.push_back(distinct - 1);
        int permutations = 0;
        int runs = 0;
        QElapsedTimer timer;
        timer.start();
        do {
            const int walking = permutations % (distinct + 2);
            for (const int eventAt : { 0, distinct + 1, walking }) {
                IncidentBook book;
                QSet<QString> delivered;
                bool eventKnown = false;
                for (int i = 0; i <= static_cast<int>(order.size()); ++i) {
                    if (i == eventAt) {
                        book.applyEvent(fireEvent());
                        eventKnown = true;
                    }
                    if (i == static_cast<int>(order.size()))
                        break;
                    const IncidentAction& a = actions[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
                    const IncidentBook::Outcome outcome = book.applyAction(a);
                    const bool repeated = delivered.contains(a.actionId);
                    delivered.insert(a.actionId);
                    if (outcome.duplicate != repeated || outcome.known != eventKnown
                        || (eventKnown != (book.find(incidentId) != nullptr))) {
                        QFAIL(qPrintable(QStringLiteral("wrong outcome for %1 in %2")
                                             .arg(a.actionId, describeOrder(order, eventAt, actions))));
                    }
                }
                const IncidentCase* c = book.find(incidentId);
                QVERIFY(c);
                const QStringList actual = fingerprint(*c);
                if (actual != expected) {
                    qWarning("arrival order: %s", qPrintable(describeOrder(order, eventAt, actions)));
                    QCOMPARE(actual, expected);
                }
                ++runs;
            }
            ++permutations;
        } while (std::next_permutation(order.begin(), order.end()));
        QCOMPARE(permutations, 20160);
        QCOMPARE(runs, 3 * 20160);
        qInfo("%d arrival orders in %lld ms", runs, static_cast<long long>(timer.elapsed()));
    }

    void theFoldIgnoresArrivalOrderAndDuplicates()
    {
        std::vector<IncidentAction> actions = scenario();
        const IncidentCase forward = IncidentBook::fold(fireEvent(), reported, actions);
        actions.push_back(actions.front());
        std::reverse(actions.begin(), actions.end());
        QCOMPARE(fingerprint(IncidentBook::fold(fireEvent(), reported, actions)), fingerprint(forward));
    }

    void theTotalOrderIsBaseVersionThenTimeThenId()
    {
        const IncidentAction early = action(incidentId, QStringLiteral("b"), zhang(), ActionKind::Note, 0, 500);
        const IncidentAction laterBase = action(incidentId, QStringLiteral("a"), zhang(), ActionKind::Note, 1, 100);
        const IncidentAction sameBaseLater = action(incidentId, QStringLiteral("a"), zhang(), ActionKind::Note, 0, 600);
        const IncidentAction sameBaseSameTime
            = action(incidentId, QStringLiteral("c"), zhang(), ActionKind::Note, 0, 500);
        QVERIFY(IncidentBook::ordered(early, laterBase)); // base version first, whatever the time
        QVERIFY(!IncidentBook::ordered(laterBase, early));
        QVERIFY(IncidentBook::ordered(early, sameBaseLater)); // then time, whatever the id
        QVERIFY(IncidentBook::ordered(early, sameBaseSameTime)); // then the id
        QVERIFY(!IncidentBook::ordered(sameBaseSameTime, early));
        QVERIFY(!IncidentBook::ordered(early, early));
    }

    void aRepeatedActionIdIsADuplicate()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        const IncidentAction ack
            = action(incidentId, QStringLiteral("c1-000001"), zhang(), ActionKind::Acknowledge, 0, 100'500);
        const IncidentBook::Outcome first = book.applyAction(ack);
        QVERIFY(!first.duplicate);
        QVERIFY(first.applied);
        QCOMPARE(first.before, IncidentState::New);
        QCOMPARE(first.after, IncidentState::Acknowledged);

        const IncidentBook::Outcome again = book.applyAction(ack);
        QVERIFY(again.duplicate);
        QVERIFY(!again.applied);
        QCOMPARE(again.before, IncidentState::Acknowledged);
        QCOMPARE(again.after, IncidentState::Acknowledged);

        // The same id with other content (a replay gone wrong) is the same action: ignored too.
        IncidentAction forged = ack;
        forged.kind = ActionKind::Resolve;
        forged.tsMs = 100'000;
        QVERIFY(book.applyAction(forged).duplicate);

        const IncidentCase* c = book.find(incidentId);
        QCOMPARE(c->version, 1);
        QCOMPARE(c->timeline.size(), std::size_t(1));
        QCOMPARE(c->state, IncidentState::Acknowledged);
    }

    void anActionThatLosesIsReportedSo()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        book.applyAction(action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Acknowledge, 0, 100'500));
        const IncidentBook::Outcome lost
            = book.applyAction(action(incidentId, QStringLiteral("c2-1"), wang(), ActionKind::Acknowledge, 0, 100'700));
        QVERIFY(!lost.duplicate);
        QVERIFY(lost.known);
        QVERIFY(!lost.applied);
        QCOMPARE(lost.after, IncidentState::Acknowledged);
        QCOMPARE(book.find(incidentId)->version, 1);
    }

    void anEscalatedIncidentKeepsItsProgress()
    {
        // Escalated from on scene, a late acknowledge must not send it back to "acknowledged".
        const IncidentEvent fire
            = fixtures::event(QStringLiteral("INC-ESC"), QStringLiteral("fire"), Severity::Major, 1000);
        const IncidentCase c = IncidentBook::fold(fire, fire.tsMs,
            std::vector<IncidentAction> {
                fixtures::action(fire.id, QStringLiteral("a1"), fixtures::zhang(), ActionKind::Acknowledge, 0, 2000),
                fixtures::withUnit(
                    fixtures::action(fire.id, QStringLiteral("a2"), fixtures::zhang(), ActionKind::Dispatch, 1, 3000),
                    UnitType::Fire, QStringLiteral("F1")),
                fixtures::withUnit(
                    fixtures::action(fire.id, QStringLiteral("a3"), fixtures::zhang(), ActionKind::OnScene, 2, 4000),
                    UnitType::Fire, QStringLiteral("F1")),
                fixtures::action(fire.id, QStringLiteral("a4"), fixtures::wang(), ActionKind::Escalate, 3, 5000),
                fixtures::action(fire.id, QStringLiteral("a5"), fixtures::li(), ActionKind::Acknowledge, 4, 6000),
                fixtures::action(fire.id, QStringLiteral("a6"), fixtures::li(), ActionKind::Resolve, 4, 7000) });
        QCOMPARE(c.timeline.size(), std::size_t(6));
        QVERIFY(!c.timeline[4].applied);
        QCOMPARE(c.timeline[4].wonByActionId, QStringLiteral("a4"));
        QCOMPARE(c.state, IncidentState::Resolved);
        QCOMPARE(c.acknowledgedBy, QStringLiteral("zhang.wei"));
        // Escalated before anyone acknowledged: the acknowledge applies.
        const IncidentCase early = IncidentBook::fold(fire, fire.tsMs,
            std::vector<IncidentAction> {
                fixtures::action(fire.id, QStringLiteral("b1"), fixtures::wang(), ActionKind::Escalate, 0, 2000),
                fixtures::action(fire.id, QStringLiteral("b2"), fixtures::li(), ActionKind::Acknowledge, 1, 3000) });
        QCOMPARE(early.state, IncidentState::Acknowledged);
    }

    void actionsBeforeTheirEventWaitForIt()
    {
        IncidentBook book;
        const IncidentBook::Outcome ack = book.applyAction(
            action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Acknowledge, 0, 100'500));
        QVERIFY(!ack.known);
        QVERIFY(!ack.duplicate);
        const IncidentBook::Outcome dispatch = book.applyAction(
            fixtures::withUnit(action(incidentId, QStringLiteral("c1-2"), zhang(), ActionKind::Dispatch, 1, 100'600),
                UnitType::Fire, QStringLiteral("F-01")));
        QVERIFY(!dispatch.known);
        QCOMPARE(book.find(incidentId), nullptr);
        QVERIFY(book.ids().isEmpty());
        QVERIFY(book.duplicateOf(incidentId).isEmpty());

        book.applyEvent(fireEvent());
        const IncidentCase* c = book.find(incidentId);
        QVERIFY(c);
        QCOMPARE(book.ids(), QList<QString>({ incidentId }));
        QCOMPARE(c->state, IncidentState::Dispatched);
        QCOMPARE(c->version, 2);
        QCOMPARE(c->units.size(), std::size_t(1));
        QCOMPARE(c->reportedMs, reported);
        QCOMPARE(c->latest.title, fireEvent().title);

        // A repeat of an action that waited is still a duplicate.
        QVERIFY(
            book.applyAction(action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Acknowledge, 0, 100'500))
                .duplicate);
    }

    void refusedRolesAndMalformedActionsChangeNothing()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        // The wall and unknown roles never act; a dispatcher may not cancel. Refused at the edge: not even
        // on the timeline.
        IncidentAction fromWall
            = action(incidentId, QStringLiteral("w-1"), zhang(), ActionKind::Acknowledge, 0, 100'100);
        fromWall.role = QStringLiteral("wall");
        IncidentAction unknownRole
            = action(incidentId, QStringLiteral("x-1"), zhang(), ActionKind::Acknowledge, 0, 100'200);
        unknownRole.role = QStringLiteral("admin");
        const IncidentAction dispatcherCancel
            = action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Cancel, 0, 100'300);
        for (const IncidentAction& a : { fromWall, unknownRole, dispatcherCancel }) {
            const IncidentBook::Outcome outcome = book.applyAction(a);
            QVERIFY2(!outcome.applied, qPrintable(a.actionId));
            QCOMPARE(outcome.after, IncidentState::New);
        }
        QCOMPARE(book.find(incidentId)->timeline.size(), std::size_t(0));
        QCOMPARE(book.find(incidentId)->version, 0);

        // A dispatch with no unit, a priority out of range: allowed by the lifecycle, but without effect.
        const IncidentAction noUnit
            = action(incidentId, QStringLiteral("c1-2"), zhang(), ActionKind::Dispatch, 0, 100'400);
        const IncidentAction badPriority = fixtures::withPriority(
            action(incidentId, QStringLiteral("c1-3"), zhang(), ActionKind::Reprioritise, 0, 100'500), 5, {});
        QVERIFY(!book.applyAction(noUnit).applied);
        QVERIFY(!book.applyAction(badPriority).applied);
        const IncidentCase* c = book.find(incidentId);
        QCOMPARE(c->state, IncidentState::New);
        QCOMPARE(c->version, 0);
        QCOMPARE(c->priority, 1);
        QCOMPARE(c->timeline.size(), std::size_t(2)); // shown, as not applied
    }

    void recordActionsFillTheCase()
    {
        IncidentBook book;
        book.applyEvent(fixtures::event(incidentId, QStringLiteral("waterlogging"), Severity::Moderate, reported));
        QCOMPARE(book.find(incidentId)->priority, 3);
        IncidentAction classify = action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Classify, 0, 100'100);
        classify.incidentKind = QStringLiteral("gas_leak");
        book.applyAction(classify);
        QCOMPARE(book.find(incidentId)->kind, QStringLiteral("gas_leak"));
        QCOMPARE(book.find(incidentId)->priority, 2); // derived again from the new kind
        book.applyAction(fixtures::withPriority(
            action(incidentId, QStringLiteral("c1-2"), zhang(), ActionKind::Reprioritise, 1, 100'200), 1,
            QStringLiteral("near a school")));
        IncidentAction attach = action(incidentId, QStringLiteral("c1-3"), zhang(), ActionKind::Attach, 2, 100'300);
        attach.uri = QStringLiteral("https://evidence.example/photo/1.jpg");
        book.applyAction(attach);
        const IncidentCase* c = book.find(incidentId);
        QCOMPARE(c->priority, 1);
        QVERIFY(c->priorityOverridden);
        QCOMPARE(c->priorityReason, QStringLiteral("near a school"));
        QCOMPARE(c->derivedPriority, 2);
        QCOMPARE(c->attachments, std::vector<QString>({ attach.uri }));
        QCOMPARE(c->state, IncidentState::New);
        QCOMPARE(c->version, 3);
    }

    void anOlderEventOnlyMovesTheReportedTime()
    {
        IncidentBook book;
        IncidentEvent update = fireEvent();
        update.tsMs = reported + 5'000;
        update.status = QStringLiteral("update");
        update.title = QStringLiteral("newer");
        book.applyEvent(update);
        book.applyEvent(fireEvent()); // the first report, late
        const IncidentCase* c = book.find(incidentId);
        QCOMPARE(c->reportedMs, reported);
        QCOMPARE(c->latest.title, QStringLiteral("newer"));
        QCOMPARE(c->latest.status, QStringLiteral("update"));
    }

    void removeAndClearForget()
    {
        IncidentBook book;
        book.applyEvent(fireEvent());
        book.applyEvent(fixtures::event(QStringLiteral("INC-2"), QStringLiteral("fire"), Severity::Minor, reported));
        book.applyAction(action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Acknowledge, 0, 100'500));
        book.remove(incidentId);
        QCOMPARE(book.find(incidentId), nullptr);
        QCOMPARE(book.ids(), QList<QString>({ QStringLiteral("INC-2") }));
        // Forgotten with its actions: the same action id is new again.
        book.applyEvent(fireEvent());
        QVERIFY(
            !book.applyAction(action(incidentId, QStringLiteral("c1-1"), zhang(), ActionKind::Acknowledge, 0, 100'500))
                 .duplicate);
        book.clear();
        QVERIFY(book.ids().isEmpty());
        QCOMPARE(book.size(), 0);
    }

    void duplicateOfFindsTheOlderNearbyIncidentOfTheSameKind()
    {
        IncidentBook book;
        book.applyEvent(nearby(QStringLiteral("OLD"), QStringLiteral("waterlogging"), 0, 0));
        book.applyEvent(nearby(QStringLiteral("NEW"), QStringLiteral("waterlogging"), 450, 28));
        QCOMPARE(book.duplicateOf(QStringLiteral("NEW")), QStringLiteral("OLD"));
        QCOMPARE(book.duplicateOf(QStringLiteral("OLD")), QString()); // the older one is the one that stays
        // Of two candidates, the oldest.
        book.applyEvent(nearby(QStringLiteral("OLDEST"), QStringLiteral("waterlogging"), 100, -1));
        QCOMPARE(book.duplicateOf(QStringLiteral("NEW")), QStringLiteral("OLDEST"));
        QCOMPARE(book.duplicateOf(QStringLiteral("OLD")), QStringLiteral("OLDEST"));
    }

    void duplicateOfFindsNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("metres");
        QTest::addColumn<qint64>("minutes");
        QTest::addColumn<QString>("olderEnds"); // "", or how the older one ended: source, cancel
        QTest::newRow("different kind") << "fire" << 100.0 << qint64(5) << "";
        QTest::newRow("too far") << "waterlogging" << 550.0 << qint64(5) << "";
        QTest::newRow("too old") << "waterlogging" << 100.0 << qint64(31) << "";
        QTest::newRow("older closed by its source") << "waterlogging" << 100.0 << qint64(5) << "source";
        QTest::newRow("older cancelled") << "waterlogging" << 100.0 << qint64(5) << "cancel";
        QTest::newRow("this one closed") << "waterlogging" << 100.0 << qint64(5) << "self";
    }
    void duplicateOfFindsNothing()
    {
        QFETCH(QString, kind);
        QFETCH(double, metres);
        QFETCH(qint64, minutes);
        QFETCH(QString, olderEnds);
        IncidentBook book;
        book.applyEvent(nearby(QStringLiteral("OLD"), QStringLiteral("waterlogging"), 0, 0));
        book.applyEvent(nearby(QStringLiteral("NEW"), kind, metres, minutes));
        if (olderEnds == QLatin1String("source")) {
            IncidentEvent closed = nearby(QStringLiteral("OLD"), QStringLiteral("waterlogging"), 0, 1);
            closed.status = QStringLiteral("closed");
            book.applyEvent(closed);
        } else if (olderEnds == QLatin1String("cancel")) {
            book.applyAction(
                action(QStringLiteral("OLD"), QStringLiteral("c2-1"), wang(), ActionKind::Cancel, 0, reported));
        } else if (olderEnds == QLatin1String("self")) {
            book.applyAction(
                action(QStringLiteral("NEW"), QStringLiteral("c2-1"), wang(), ActionKind::Cancel, 0, reported));
        }
        QCOMPARE(book.duplicateOf(QStringLiteral("NEW")), QString());
    }

    void duplicateOfUsesTheClassifiedKind()
    {
        IncidentBook book;
        book.applyEvent(nearby(QStringLiteral("OLD"), QStringLiteral("waterlogging"), 0, 0));
        book.applyEvent(nearby(QStringLiteral("NEW"), QStringLiteral("city_management"), 100, 5));
        QCOMPARE(book.duplicateOf(QStringLiteral("NEW")), QString());
        IncidentAction classify
            = action(QStringLiteral("NEW"), QStringLiteral("c1-1"), zhang(), ActionKind::Classify, 0, reported);
        classify.incidentKind = QStringLiteral("waterlogging");
        book.applyAction(classify);
        QCOMPARE(book.duplicateOf(QStringLiteral("NEW")), QStringLiteral("OLD"));
    }
};

QTEST_GUILESS_MAIN(TestIncidentBook)
#include "tst_incidentbook.moc"
