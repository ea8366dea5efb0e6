#include "incidentlifecycle.h"

#include <QSet>
#include <QTest>

#include <array>
#include <deque>

using namespace citybrain;

namespace {
using S = IncidentState;
using A = ActionKind;
using To = std::optional<IncidentState>;

// The dispatch lifecycle as the issue states it, written out so that it can be read: the normal path is
// new -> acknowledged -> dispatched -> on scene -> resolved -> closed. Besides:
// - a dispatch from new acknowledges too (a unit is sent first under pressure);
// - more units may be dispatched or arrive while dispatched or on scene (on scene stays on scene);
// - an incident may be resolved once someone owns it (acknowledged, dispatched, on scene, escalated);
// - only a resolved incident is closed;
// - escalated is the leaders' attention, reachable from every open working state; work goes on from it
//   (acknowledge, dispatch, a unit arriving, resolve, merge, cancel);
// - a merge is for a duplicate nobody has sent units to yet (new, acknowledged, escalated);
// - a cancel ends any open incident that is not resolved yet;
// - classify, reprioritise, note and attach keep the state while the incident is not ended;
// - closed, merged and cancelled are terminal: only notes and attachments for the review.
constexpr To xx = std::nullopt; // refused
constexpr To New = S::New;
constexpr To Ack = S::Acknowledged;
constexpr To Dsp = S::Dispatched;
constexpr To Scn = S::OnScene;
constexpr To Res = S::Resolved;
constexpr To Clo = S::Closed;
constexpr To Esc = S::Escalated;
constexpr To Mrg = S::Merged;
constexpr To Can = S::Cancelled;

constexpr std::array<A, actionKindCount> actions { A::Acknowledge, A::Classify, A::Reprioritise, A::Dispatch,
    A::OnScene, A::Note, A::Attach, A::Merge, A::Resolve, A::Escalate, A::Close, A::Cancel };

struct StateRow
{
    S from;
    std::array<To, actionKindCount> to; // in the order of `actions`
};

// clang-format off
constexpr StateRow expected[] = {
    //                    ack  classify reprio dispatch on_scene note attach merge resolve escalate close cancel
    { S::New,          { Ack, New,     New,   Dsp,     xx,      New, New,   Mrg,  xx,     Esc,     xx,   Can } },
    { S::Acknowledged, { xx,  Ack,     Ack,   Dsp,     xx,      Ack, Ack,   Mrg,  Res,    Esc,     xx,   Can } },
    { S::Dispatched,   { xx,  Dsp,     Dsp,   Dsp,     Scn,     Dsp, Dsp,   xx,   Res,    Esc,     xx,   Can } },
    { S::OnScene,      { xx,  Scn,     Scn,   Scn,     Scn,     Scn, Scn,   xx,   Res,    Esc,     xx,   Can } },
    { S::Resolved,     { xx,  Res,     Res,   xx,      xx,      Res, Res,   xx,   xx,     xx,      Clo,  xx  } },
    { S::Closed,       { xx,  xx,      xx,    xx,      xx,      Clo, Clo,   xx,   xx,     xx,      xx,   xx  } },
    { S::Escalated,    { Ack, Esc,     Esc,   Dsp,     Scn,     Esc, Esc,   Mrg,  Res,    xx,      xx,   Can } },
    { S::Merged,       { xx,  xx,      xx,    xx,      xx,      Mrg, Mrg,   xx,   xx,     xx,      xx,   xx  } },
    { S::Cancelled,    { xx,  xx,      xx,    xx,      xx,      Can, Can,   xx,   xx,     xx,      xx,   xx  } },
};

// Who may do what: the wall only shows; dispatchers triage and resolve; leaders also escalate, close, cancel.
constexpr bool Y = true;
constexpr bool n = false;
struct RoleRow
{
    ConsoleRole role;
    std::array<bool, actionKindCount> may; // in the order of `actions`
};
constexpr RoleRow roles[] = {
    //                        ack classify reprio dispatch on_scene note attach merge resolve escalate close cancel
    { ConsoleRole::Wall,       { n,  n,       n,     n,       n,       n,   n,     n,    n,      n,       n,    n } },
    { ConsoleRole::Dispatcher, { Y,  Y,       Y,     Y,       Y,       Y,   Y,     Y,    Y,      n,       n,    n } },
    { ConsoleRole::Leader,     { Y,  Y,       Y,     Y,       Y,       Y,   Y,     Y,    Y,      Y,       Y,    Y } },
};
// clang-format on
static_assert(std::size(expected) == incidentStateCount);

constexpr std::array<S, incidentStateCount> allStates { S::New, S::Acknowledged, S::Dispatched, S::OnScene, S::Resolved,
    S::Closed, S::Escalated, S::Merged, S::Cancelled };

QString describe(To to)
{
    return to ? incidentStateName(*to) : QStringLiteral("(refused)");
}

// The states a role can reach from `from` through any sequence of allowed actions.
QSet<S> reachable(S from, ConsoleRole role)
{
    QSet<S> seen { from };
    std::deque<S> queue { from };
    while (!queue.empty()) {
        const S state = queue.front();
        queue.pop_front();
        for (const A action : actions) {
            if (!roleMay(role, action))
                continue;
            const To next = nextState(state, action);
            if (next && !seen.contains(*next)) {
                seen.insert(*next);
                queue.push_back(*next);
            }
        }
    }
    return seen;
}
} // namespace

class TestIncidentLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyStateAndActionFollowsTheMatrix_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("action");
        for (const StateRow& row : expected) {
            for (const A action : actions) {
                const QByteArray name
                    = (incidentStateName(row.from) + QLatin1Char('+') + actionKindName(action)).toUtf8();
                QTest::newRow(name.constData()) << int(row.from) << int(action);
            }
        }
    }
    void everyStateAndActionFollowsTheMatrix()
    {
        QFETCH(int, state);
        QFETCH(int, action);
        const auto from = S(state);
        const auto kind = A(action);
        const StateRow& row = expected[state];
        QCOMPARE(row.from, from); // the matrix is written in enum order
        const auto column = std::find(actions.begin(), actions.end(), kind) - actions.begin();
        QCOMPARE(describe(nextState(from, kind)), describe(row.to[static_cast<std::size_t>(column)]));
    }

    void theMatrixCoversEveryPair()
    {
        int pairs = 0;
        for (const StateRow& row : expected)
            pairs += static_cast<int>(row.to.size());
        QCOMPARE(pairs, 9 * 12);
        QCOMPARE(QSet<A>(actions.begin(), actions.end()).size(), actionKindCount);
    }

    void everyRoleAndActionFollowsTheMatrix_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("may");
        const char* roleNames[] = { "wall", "dispatcher", "leader" };
        for (const RoleRow& row : roles) {
            for (std::size_t i = 0; i < actions.size(); ++i) {
                const QByteArray name
                    = QByteArray(roleNames[int(row.role)]) + '+' + actionKindName(actions[i]).toUtf8();
                QTest::newRow(name.constData()) << int(row.role) << int(actions[i]) << row.may[i];
            }
        }
    }
    void everyRoleAndActionFollowsTheMatrix()
    {
        QFETCH(int, role);
        QFETCH(int, action);
        QFETCH(bool, may);
        QCOMPARE(roleMay(ConsoleRole(role), A(action)), may);
    }

    void roleNamesAreParsed()
    {
        const std::pair<const char*, ConsoleRole> names[] = {
            { "wall", ConsoleRole::Wall },
            { "dispatcher", ConsoleRole::Dispatcher },
            { "leader", ConsoleRole::Leader },
        };
        for (const auto& [text, role] : names) {
            ConsoleRole parsed = role == ConsoleRole::Wall ? ConsoleRole::Leader : ConsoleRole::Wall;
            QVERIFY2(consoleRoleFromName(QString::fromLatin1(text), &parsed), text);
            QCOMPARE(parsed, role);
        }
        ConsoleRole untouched = ConsoleRole::Dispatcher;
        for (const char* text : { "", "Leader", "admin", "dispatcher " }) {
            QVERIFY2(!consoleRoleFromName(QString::fromLatin1(text), &untouched), text);
            QCOMPARE(untouched, ConsoleRole::Dispatcher);
        }
    }

    void stateNamesRoundTrip()
    {
        const QStringList contract { "new", "acknowledged", "dispatched", "on_scene", "resolved", "closed", "escalated",
            "merged", "cancelled" };
        QStringList names;
        for (const S state : allStates) {
            const QString name = incidentStateName(state);
            names << name;
            S parsed = state == S::New ? S::Cancelled : S::New;
            QVERIFY2(incidentStateFromName(name, &parsed), qPrintable(name));
            QCOMPARE(parsed, state);
        }
        QCOMPARE(names, contract);
        S untouched = S::Dispatched;
        for (const char* text : { "", "New", "on-scene", "reopened" }) {
            QVERIFY2(!incidentStateFromName(QString::fromLatin1(text), &untouched), text);
            QCOMPARE(untouched, S::Dispatched);
        }
    }

    void actionNamesRoundTrip()
    {
        const QStringList contract { "acknowledge", "classify", "reprioritise", "dispatch", "on_scene", "note",
            "attach", "merge", "resolve", "escalate", "close", "cancel" };
        QStringList names;
        for (const A action : actions) {
            const QString name = actionKindName(action);
            names << name;
            A parsed = action == A::Note ? A::Cancel : A::Note;
            QVERIFY2(actionKindFromName(name, &parsed), qPrintable(name));
            QCOMPARE(parsed, action);
        }
        QCOMPARE(names, contract);
        A untouched = A::Merge;
        for (const char* text : { "", "Acknowledge", "reprioritize", "onscene" }) {
            QVERIFY2(!actionKindFromName(QString::fromLatin1(text), &untouched), text);
            QCOMPARE(untouched, A::Merge);
        }
    }

    void unitNamesRoundTrip()
    {
        const std::pair<UnitType, const char*> units[] = {
            { UnitType::Police, "police" },
            { UnitType::Fire, "fire" },
            { UnitType::Medical, "medical" },
            { UnitType::CityManagement, "city_management" },
            { UnitType::Utility, "utility" },
        };
        for (const auto& [type, text] : units) {
            QCOMPARE(unitTypeName(type), QLatin1String(text));
            UnitType parsed = type == UnitType::Police ? UnitType::Utility : UnitType::Police;
            QVERIFY2(unitTypeFromName(QString::fromLatin1(text), &parsed), text);
            QCOMPARE(parsed, type);
        }
        UnitType untouched = UnitType::Medical;
        QVERIFY(!unitTypeFromName(u"ambulance", &untouched));
        QVERIFY(!unitTypeFromName(u"", &untouched));
        QCOMPARE(untouched, UnitType::Medical);
    }

    void exactlyClosedMergedAndCancelledAreTerminal()
    {
        QSet<S> terminal;
        for (const S state : allStates) {
            if (isTerminal(state))
                terminal.insert(state);
        }
        QCOMPARE(terminal, QSet<S>({ S::Closed, S::Merged, S::Cancelled }));
    }

    void terminalStatesAcceptOnlyNotesAndAttachments()
    {
        for (const S state : allStates) {
            if (!isTerminal(state))
                continue;
            for (const A action : actions) {
                const To next = nextState(state, action);
                const bool recordOnly = action == A::Note || action == A::Attach;
                QVERIFY2(next.has_value() == recordOnly,
                    qPrintable(incidentStateName(state) + QLatin1Char('+') + actionKindName(action)));
                if (next)
                    QCOMPARE(*next, state);
            }
        }
    }

    void recordActionsNeverChangeTheState()
    {
        for (const S state : allStates) {
            for (const A action : { A::Note, A::Attach, A::Classify, A::Reprioritise }) {
                const To next = nextState(state, action);
                if (next)
                    QCOMPARE(*next, state);
            }
        }
    }

    void aLeaderCanEndEveryOpenIncident()
    {
        for (const S state : allStates) {
            if (isTerminal(state))
                continue;
            const QSet<S> reach = reachable(state, ConsoleRole::Leader);
            QVERIFY2(reach.contains(S::Closed) || reach.contains(S::Cancelled), qPrintable(incidentStateName(state)));
        }
    }

    void aDispatcherCanResolveButNeverEnd()
    {
        for (const S state : allStates) {
            if (isTerminal(state) || state == S::Resolved)
                continue;
            const QSet<S> reach = reachable(state, ConsoleRole::Dispatcher);
            QVERIFY2(reach.contains(S::Resolved), qPrintable(incidentStateName(state)));
            QVERIFY2(!reach.contains(S::Closed) && !reach.contains(S::Cancelled), qPrintable(incidentStateName(state)));
            QVERIFY2(!reach.contains(S::Escalated) || state == S::Escalated, qPrintable(incidentStateName(state)));
        }
    }

    void theWallChangesNothing()
    {
        for (const S state : allStates)
            QCOMPARE(reachable(state, ConsoleRole::Wall), QSet<S>({ state }));
    }
};

QTEST_GUILESS_MAIN(TestIncidentLifecycle)
#include "tst_incidentlifecycle.moc"
