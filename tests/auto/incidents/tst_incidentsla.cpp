#include "incidentbook.h"
#include "incidentfixtures.h"
#include "incidentsla.h"

#include <QTest>

using namespace citybrain;

namespace {
constexpr qint64 reported = 1'795'912'200'000;
constexpr qint64 second = 1'000;
constexpr qint64 minute = 60 * second;

// The default targets, written out (slapolicy.h): a changed default must show here.
constexpr qint64 acknowledgeBudget[] = { 1 * minute, 2 * minute, 5 * minute, 15 * minute };
constexpr qint64 dispatchBudget[] = { 3 * minute, 5 * minute, 15 * minute, 60 * minute };
constexpr qint64 onSceneBudget[] = { 8 * minute, 15 * minute, 30 * minute, 120 * minute };

IncidentCase incident(int priority, IncidentState state = IncidentState::New)
{
    IncidentCase c;
    c.latest = fixtures::event(QStringLiteral("INC-1"), QStringLiteral("waterlogging"), Severity::Minor, reported);
    c.reportedMs = reported;
    c.priority = priority;
    c.state = state;
    return c;
}

// Where `phase` is the milestone still to come, the earlier ones met on time.
IncidentCase waitingFor(SlaPhase phase, int priority)
{
    IncidentCase c = incident(priority);
    if (phase == SlaPhase::Acknowledge)
        return c;
    c.state = IncidentState::Acknowledged;
    c.acknowledgedMs = reported + 1;
    if (phase == SlaPhase::Dispatch)
        return c;
    c.state = IncidentState::Dispatched;
    c.dispatchedMs = reported + 2;
    return c;
}
} // namespace

class TestIncidentSla : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachPhaseRunsAgainstItsPriorityBudget_data()
    {
        QTest::addColumn<int>("phase");
        QTest::addColumn<int>("priority");
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<QString>("name");
        for (int p = 1; p <= 4; ++p) {
            const auto i = static_cast<std::size_t>(p - 1);
            QTest::addRow("P%d acknowledge", p)
                << int(SlaPhase::Acknowledge) << p << acknowledgeBudget[i] << QStringLiteral("acknowledge");
            QTest::addRow("P%d dispatch", p)
                << int(SlaPhase::Dispatch) << p << dispatchBudget[i] << QStringLiteral("dispatch");
            QTest::addRow("P%d on_scene", p)
                << int(SlaPhase::OnScene) << p << onSceneBudget[i] << QStringLiteral("on_scene");
        }
    }
    void eachPhaseRunsAgainstItsPriorityBudget()
    {
        QFETCH(int, phase);
        QFETCH(int, priority);
        QFETCH(qint64, budget);
        QFETCH(QString, name);
        const IncidentCase c = waitingFor(SlaPhase(phase), priority);
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + 10);
        QCOMPARE(int(clock.phase), phase);
        QCOMPARE(slaPhaseName(clock.phase), name);
        QCOMPARE(clock.budgetMs, budget);
        QCOMPARE(clock.deadlineMs, reported + budget); // counted from the report, not from the last milestone
        QVERIFY(!clock.breached);
        QCOMPARE(clock.breaches, 0);
    }

    void breachedOnlyAfterTheDeadline_data() { eachPhaseRunsAgainstItsPriorityBudget_data(); }
    void breachedOnlyAfterTheDeadline()
    {
        QFETCH(int, phase);
        QFETCH(int, priority);
        QFETCH(qint64, budget);
        const IncidentCase c = waitingFor(SlaPhase(phase), priority);
        const qint64 deadline = reported + budget;

        const SlaClock atDeadline = slaClock(c, SlaPolicy {}, deadline);
        QVERIFY(!atDeadline.breached);
        QCOMPARE(atDeadline.breaches, 0);

        const SlaClock after = slaClock(c, SlaPolicy {}, deadline + 1);
        QCOMPARE(int(after.phase), phase); // still waiting for the same milestone
        QVERIFY(after.breached);
        QCOMPARE(after.breaches, 1);
    }

    void allMilestonesMetStopsTheClock()
    {
        IncidentCase c = waitingFor(SlaPhase::OnScene, 1);
        c.state = IncidentState::OnScene;
        c.onSceneMs = reported + 3;
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + 24 * 60 * minute);
        QCOMPARE(clock.phase, SlaPhase::None);
        QCOMPARE(slaPhaseName(clock.phase), QString());
        QVERIFY(!clock.breached);
        QCOMPARE(clock.breaches, 0);
        QCOMPARE(clock.deadlineMs, 0);
    }

    void aMilestoneMetExactlyAtItsDeadlineIsOnTime()
    {
        IncidentCase c = incident(2, IncidentState::Acknowledged);
        c.acknowledgedMs = reported + acknowledgeBudget[1];
        const SlaClock clock = slaClock(c, SlaPolicy {}, c.acknowledgedMs);
        QCOMPARE(clock.phase, SlaPhase::Dispatch);
        QCOMPARE(clock.breaches, 0);
    }

    void milestonesMetLateCountAsBreaches()
    {
        IncidentCase c = incident(1, IncidentState::Acknowledged);
        c.acknowledgedMs = reported + acknowledgeBudget[0] + 1; // a millisecond late
        SlaClock clock = slaClock(c, SlaPolicy {}, c.acknowledgedMs);
        QCOMPARE(clock.phase, SlaPhase::Dispatch);
        QVERIFY(!clock.breached); // the dispatch is not late yet
        QCOMPARE(clock.breaches, 1); // but the acknowledge was

        c.state = IncidentState::Dispatched;
        c.dispatchedMs = reported + dispatchBudget[0] + 1;
        clock = slaClock(c, SlaPolicy {}, reported + onSceneBudget[0] + 1);
        QCOMPARE(clock.phase, SlaPhase::OnScene);
        QVERIFY(clock.breached);
        QCOMPARE(clock.breaches, 3); // two met late, one overdue

        c.state = IncidentState::OnScene;
        c.onSceneMs = reported + onSceneBudget[0] + 5;
        clock = slaClock(c, SlaPolicy {}, c.onSceneMs);
        QCOMPARE(clock.phase, SlaPhase::None);
        QVERIFY(!clock.breached);
        QCOMPARE(clock.breaches, 3); // all three met late
    }

    void clocksStopWhenTheIncidentEnds_data()
    {
        QTest::addColumn<int>("state");
        QTest::newRow("resolved") << int(IncidentState::Resolved);
        QTest::newRow("closed") << int(IncidentState::Closed);
        QTest::newRow("cancelled") << int(IncidentState::Cancelled);
        QTest::newRow("merged") << int(IncidentState::Merged);
    }
    void clocksStopWhenTheIncidentEnds()
    {
        QFETCH(int, state);
        IncidentCase c = incident(1, IncidentState(state));
        c.acknowledgedMs = reported + acknowledgeBudget[0] + 1; // late
        c.resolvedMs = reported + 2 * minute; // before the dispatch deadline, no unit needed
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + 24 * 60 * minute); // a day later
        QCOMPARE(clock.phase, SlaPhase::None);
        QVERIFY(!clock.breached);
        QCOMPARE(clock.breaches, 1); // what was met late still counts
    }

    void theSameIncidentStillOpenWouldBeOverdue()
    {
        // The counterpart of the test above: only the state stops the clock.
        IncidentCase c = incident(1, IncidentState::Acknowledged);
        c.acknowledgedMs = reported + acknowledgeBudget[0] + 1;
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + 24 * 60 * minute);
        QCOMPARE(clock.phase, SlaPhase::Dispatch);
        QVERIFY(clock.breached);
        QCOMPARE(clock.breaches, 2);
    }

    void escalatedIncidentsKeepRunning()
    {
        const IncidentCase c = incident(2, IncidentState::Escalated);
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + acknowledgeBudget[1] + 1);
        QCOMPARE(clock.phase, SlaPhase::Acknowledge);
        QVERIFY(clock.breached);
    }

    void anIncidentTheSourceClosedStopsItsClock()
    {
        // Not open any more (IncidentCase::isOpen): nobody is expected to answer it.
        IncidentCase c = incident(1);
        c.latest.status = QStringLiteral("closed");
        QVERIFY(!c.isOpen());
        const SlaClock clock = slaClock(c, SlaPolicy {}, reported + 60 * minute);
        QCOMPARE(clock.phase, SlaPhase::None);
        QVERIFY(!clock.breached);
        QCOMPARE(clock.breaches, 0);
    }

    void aReprioritisedIncidentRunsOnItsNewBudget()
    {
        IncidentBook book;
        book.applyEvent(
            fixtures::event(QStringLiteral("INC-1"), QStringLiteral("waterlogging"), Severity::Minor, reported));
        QCOMPARE(slaClock(*book.find(QStringLiteral("INC-1")), SlaPolicy {}, reported).budgetMs, acknowledgeBudget[3]);
        book.applyAction(fixtures::withPriority(fixtures::action(QStringLiteral("INC-1"), QStringLiteral("c1-1"),
                                                    fixtures::zhang(), ActionKind::Reprioritise, 0, reported + second),
            1, QStringLiteral("school nearby")));
        const SlaClock clock = slaClock(*book.find(QStringLiteral("INC-1")), SlaPolicy {}, reported + 2 * minute);
        QCOMPARE(clock.budgetMs, acknowledgeBudget[0]);
        QVERIFY(clock.breached); // 2 minutes without an acknowledge: late for a P1, not for a P4
    }

    void aDispatchFromNewMeetsTheAcknowledgeMilestoneToo()
    {
        IncidentBook book;
        book.applyEvent(fixtures::event(QStringLiteral("INC-1"), QStringLiteral("fire"), Severity::Major, reported));
        book.applyAction(fixtures::withUnit(fixtures::action(QStringLiteral("INC-1"), QStringLiteral("c1-1"),
                                                fixtures::zhang(), ActionKind::Dispatch, 0, reported + 30 * second),
            UnitType::Fire, QStringLiteral("F-01")));
        const SlaClock clock = slaClock(*book.find(QStringLiteral("INC-1")), SlaPolicy {}, reported + 31 * second);
        QCOMPARE(clock.phase, SlaPhase::OnScene);
        QCOMPARE(clock.breaches, 0);
    }

    void aDeploymentsOwnPolicyIsUsed()
    {
        SlaPolicy strict;
        strict.acknowledgeMs = { 10 * second, 20 * second, 30 * second, 40 * second };
        const IncidentCase c = incident(3);
        const SlaClock clock = slaClock(c, strict, reported + 31 * second);
        QCOMPARE(clock.budgetMs, 30 * second);
        QCOMPARE(clock.deadlineMs, reported + 30 * second);
        QVERIFY(clock.breached);
    }
};

QTEST_GUILESS_MAIN(TestIncidentSla)
#include "tst_incidentsla.moc"
