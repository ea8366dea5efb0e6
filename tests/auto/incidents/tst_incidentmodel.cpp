#include "incidentfixtures.h"
#include "incidentmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;
using fixtures::action;
using fixtures::li;
using fixtures::wang;
using fixtures::zhang;

namespace {
constexpr qint64 now = 1'795'912'200'000;

IncidentEvent incidentEvent(
    const QString& id, Severity severity, qint64 tsMs, const QString& status = QStringLiteral("new"))
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("12345-hotline");
    e.kind = QStringLiteral("city_management");
    e.severity = severity;
    e.status = status;
    e.title = QStringLiteral("<img src=x>title ") + id;
    e.district = QStringLiteral("610404");
    e.lon = 108.72;
    e.lat = 34.33;
    e.tsMs = tsMs;
    return e;
}
QStringList order(const IncidentModel& model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row), IncidentModel::IdRole).toString();
    return ids;
}
QVariant role(const IncidentModel& model, const QString& id, int role)
{
    const int row = model.rowOf(id);
    return row < 0 ? QVariant() : model.data(model.index(row), role);
}
} // namespace

class TestIncidentModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openFirstThenPriorityThenOldest()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // city_management: severity alone gives the priority (critical P1 .. minor P4).
        model.apply({ incidentEvent("A", Severity::Minor, 1000), incidentEvent("B", Severity::Major, 2000),
            incidentEvent("C", Severity::Minor, 3000), incidentEvent("D", Severity::Critical, 500) });
        // Within P4 the one waiting longest (A) comes first: the dispatcher works the queue oldest first.
        QCOMPARE(order(model), QStringList({ "D", "B", "A", "C" }));
        QCOMPARE(model.openCount(), 4);
    }

    void aLateArrivingOlderIncidentGoesAboveNewerOnes()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("NEW", Severity::Moderate, 5000) });
        model.apply({ incidentEvent("OLD", Severity::Moderate, 1000) }); // delayed in transit
        QCOMPARE(order(model), QStringList({ "OLD", "NEW" }));
    }

    void anUpdateMovesTheIncidentWhenItsSeverityChanges()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Minor, 1000), incidentEvent("B", Severity::Moderate, 2000) });
        QCOMPARE(order(model), QStringList({ "B", "A" }));
        model.apply({ incidentEvent("A", Severity::Critical, 4000, QStringLiteral("update")) });
        QCOMPARE(order(model), QStringList({ "A", "B" }));
        const QModelIndex a = model.index(0);
        QCOMPARE(model.data(a, IncidentModel::StatusRole).toString(), QStringLiteral("update"));
        QCOMPARE(model.data(a, IncidentModel::PriorityRole).toInt(), 1);
        QCOMPARE(model.data(a, IncidentModel::ReportedMsRole).toDouble(), 1000.0); // first report time kept
    }

    void closedIncidentsGoBelowOpenOnes()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Critical, 1000), incidentEvent("B", Severity::Minor, 2000) });
        model.apply({ incidentEvent("A", Severity::Critical, 3000, QStringLiteral("closed")) });
        QCOMPARE(order(model), QStringList({ "B", "A" }));
        QCOMPARE(model.openCount(), 1);
        QCOMPARE(role(model, "A", IncidentModel::OpenRole).toBool(), false);
    }

    void duplicatesAndOlderEventsAreNotShownTwice()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Minor, 2000), incidentEvent("A", Severity::Minor, 2000) });
        model.apply({ incidentEvent("A", Severity::Major, 1000) }); // older than what is shown
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), IncidentModel::SeverityRole).toInt(), int(Severity::Minor));
    }

    void textIsKeptVerbatimAndDistrictIsNamed()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Minor, 2000) });
        QCOMPARE(model.data(model.index(0), IncidentModel::TitleRole).toString(), QStringLiteral("<img src=x>title A"));
        QCOMPARE(model.data(model.index(0), IncidentModel::DistrictNameRole).toString(), QStringLiteral("渭城区"));
    }

    void theListIsBounded()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<IncidentEvent> events;
        for (int i = 0; i < IncidentModel::limit + 50; ++i)
            events.push_back(
                incidentEvent(QStringLiteral("I%1").arg(i), Severity::Minor, 1000 + i, QStringLiteral("closed")));
        events.push_back(incidentEvent("OPEN", Severity::Minor, 10));
        model.apply(events);
        QCOMPARE(model.rowCount(), IncidentModel::limit);
        QVERIFY(model.rowOf("OPEN") >= 0); // an open incident is never pushed out by closed ones
        QCOMPARE(model.rowOf("I0"), -1); // the oldest closed ones left
        QVERIFY(model.rowOf(QStringLiteral("I%1").arg(IncidentModel::limit + 49)) >= 0);
    }

    void actionsMoveRowsAndChangeRoles()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Major, 1000), incidentEvent("B", Severity::Major, 2000),
            incidentEvent("C", Severity::Minor, 3000) });
        QCOMPARE(order(model), QStringList({ "A", "B", "C" }));
        QCOMPARE(role(model, "A", IncidentModel::AlarmRole).toBool(), true); // an unacknowledged P2
        QCOMPARE(role(model, "C", IncidentModel::AlarmRole).toBool(), false); // P4: no alarm

        // A reprioritise moves B to the top.
        model.applyActions({ fixtures::withPriority(
            action("B", "c1-1", zhang(), ActionKind::Reprioritise, 0, 2500), 1, QStringLiteral("school nearby")) });
        QCOMPARE(order(model), QStringList({ "B", "A", "C" }));
        QCOMPARE(role(model, "B", IncidentModel::PriorityRole).toInt(), 1);
        QCOMPARE(role(model, "B", IncidentModel::PriorityOverriddenRole).toBool(), true);
        QCOMPARE(role(model, "B", IncidentModel::VersionRole).toInt(), 1);

        // An acknowledge changes A's roles in place and silences its alarm.
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy incidentChanged(&model, &IncidentModel::incidentChanged);
        model.applyActions({ action("A", "c1-2", zhang(), ActionKind::Acknowledge, 0, 3000) });
        QCOMPARE(order(model), QStringList({ "B", "A", "C" }));
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(dataChanged.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(incidentChanged.count(), 1);
        QCOMPARE(incidentChanged.at(0).at(0).toString(), QStringLiteral("A"));
        QCOMPARE(role(model, "A", IncidentModel::StateRole).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(role(model, "A", IncidentModel::AcknowledgedByRole).toString(), QStringLiteral("zhang.wei"));
        QCOMPARE(role(model, "A", IncidentModel::AlarmRole).toBool(), false);
        QCOMPARE(role(model, "B", IncidentModel::AlarmRole).toBool(), true);

        // Two units sent.
        model.applyActions({ fixtures::withUnit(action("A", "c1-3", zhang(), ActionKind::Dispatch, 1, 3100),
                                 UnitType::Fire, QStringLiteral("F-01")),
            fixtures::withUnit(action("A", "c1-4", zhang(), ActionKind::Dispatch, 2, 3200), UnitType::Medical,
                QStringLiteral("M-07")) });
        QCOMPARE(role(model, "A", IncidentModel::StateRole).toString(), QStringLiteral("dispatched"));
        QCOMPARE(role(model, "A", IncidentModel::UnitCountRole).toInt(), 2);
        QCOMPARE(role(model, "A", IncidentModel::VersionRole).toInt(), 3);

        // Resolved: A is no longer open, its units are released and it goes below the open ones.
        QSignalSpy countChanged(&model, &IncidentModel::countChanged);
        model.applyActions({ action("A", "c1-5", zhang(), ActionKind::Resolve, 3, 4000) });
        QCOMPARE(order(model), QStringList({ "B", "C", "A" }));
        QCOMPARE(role(model, "A", IncidentModel::OpenRole).toBool(), false);
        QCOMPARE(role(model, "A", IncidentModel::StateRole).toString(), QStringLiteral("resolved"));
        QCOMPARE(role(model, "A", IncidentModel::UnitCountRole).toInt(), 0);
        QCOMPARE(model.openCount(), 2);
        QCOMPARE(countChanged.count(), 1);

        // A leader escalates B.
        model.applyActions({ action("B", "c2-1", wang(), ActionKind::Escalate, 1, 4100) });
        QCOMPARE(role(model, "B", IncidentModel::StateRole).toString(), QStringLiteral("escalated"));
        QCOMPARE(role(model, "B", IncidentModel::EscalatedRole).toBool(), true);
        QCOMPARE(role(model, "B", IncidentModel::OpenRole).toBool(), true);
    }

    void actionsBeforeTheirIncidentShowWhenItArrives()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1500) });
        QCOMPARE(model.rowCount(), 0);
        model.apply({ incidentEvent("A", Severity::Major, 1000) });
        QCOMPARE(role(model, "A", IncidentModel::StateRole).toString(), QStringLiteral("acknowledged"));
    }

    void ownLostActionIsReportedOnceWithTheWinner()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConsoleId(QStringLiteral("console-1"));
        model.apply({ incidentEvent("A", Severity::Major, 1000) });
        QSignalSpy lost(&model, &IncidentModel::actionLost);
        model.applyActions({ action("A", "c2-1", wang(), ActionKind::Acknowledge, 0, 1100),
            action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1200) });
        QCOMPARE(lost.count(), 1);
        const QList<QVariant> args = lost.takeFirst();
        QCOMPARE(args.at(0).toString(), QStringLiteral("A"));
        QCOMPARE(args.at(1).toString(), QStringLiteral("acknowledge")); // what was lost
        QCOMPARE(args.at(2).toString(), QStringLiteral("wang.fang")); // who won
        QCOMPARE(args.at(3).toString(), QStringLiteral("console-2"));
        QCOMPARE(args.at(4).toString(), QStringLiteral("acknowledge")); // with what
        QCOMPARE(args.at(5).toString(), QStringLiteral("acknowledged")); // where the incident is now

        // Delivered again, or followed by more actions: not reported twice.
        model.applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1200),
            action("A", "c1-2", zhang(), ActionKind::Note, 1, 1300) });
        QCOMPARE(lost.count(), 0);
    }

    void otherConsolesLostActionsAreNotReported()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConsoleId(QStringLiteral("console-1"));
        model.apply({ incidentEvent("A", Severity::Major, 1000) });
        QSignalSpy lost(&model, &IncidentModel::actionLost);
        model.applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1100),
            action("A", "c3-1", li(), ActionKind::Acknowledge, 0, 1200), // console-3 loses to us
            action("A", "c2-1", wang(), ActionKind::Acknowledge, 0, 1300) }); // console-2 too
        QCOMPARE(role(model, "A", IncidentModel::AcknowledgedByRole).toString(), QStringLiteral("zhang.wei"));
        QCOMPARE(lost.count(), 0);
    }

    void ownActionLosingToALateArrivalIsReported()
    {
        // Ours applied first; another console's acknowledge, made earlier, arrives after it and wins.
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConsoleId(QStringLiteral("console-1"));
        model.apply({ incidentEvent("A", Severity::Major, 1000) });
        QSignalSpy lost(&model, &IncidentModel::actionLost);
        model.applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1200) });
        QCOMPARE(lost.count(), 0);
        QCOMPARE(role(model, "A", IncidentModel::AcknowledgedByRole).toString(), QStringLiteral("zhang.wei"));
        model.applyActions({ action("A", "c2-1", wang(), ActionKind::Acknowledge, 0, 1100) });
        QCOMPARE(role(model, "A", IncidentModel::AcknowledgedByRole).toString(), QStringLiteral("wang.fang"));
        QCOMPARE(lost.count(), 1);
        QCOMPARE(lost.at(0).at(1).toString(), QStringLiteral("acknowledge"));
        QCOMPARE(lost.at(0).at(2).toString(), QStringLiteral("wang.fang"));
        QCOMPARE(lost.at(0).at(3).toString(), QStringLiteral("console-2"));
    }

    void withoutAConsoleIdNothingIsReported()
    {
        IncidentModel model(nullptr);
        model.apply({ incidentEvent("A", Severity::Major, 1000) });
        QSignalSpy lost(&model, &IncidentModel::actionLost);
        model.applyActions({ action("A", "c2-1", wang(), ActionKind::Acknowledge, 0, 1100),
            action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, 1200) });
        QCOMPARE(lost.count(), 0);
    }

    void tickFlipsTheSlaClock()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tick(now);
        model.apply({ incidentEvent("A", Severity::Critical, now), incidentEvent("B", Severity::Minor, now) });
        QCOMPARE(role(model, "A", IncidentModel::SlaPhaseRole).toString(), QStringLiteral("acknowledge"));
        QCOMPARE(role(model, "A", IncidentModel::SlaDeadlineMsRole).toDouble(), double(now + 60'000)); // P1
        QCOMPARE(role(model, "A", IncidentModel::SlaBudgetMsRole).toDouble(), 60'000.0);
        QCOMPARE(role(model, "A", IncidentModel::SlaBreachedRole).toBool(), false);
        QCOMPARE(model.breachCount(), 0);

        QSignalSpy slaChanged(&model, &IncidentModel::slaChanged);
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        model.tick(now + 60'000); // at the deadline: not late yet
        QCOMPARE(slaChanged.count(), 0);
        QCOMPARE(dataChanged.count(), 0);

        model.tick(now + 60'001);
        QCOMPARE(role(model, "A", IncidentModel::SlaBreachedRole).toBool(), true);
        QCOMPARE(role(model, "A", IncidentModel::SlaBreachesRole).toInt(), 1);
        QCOMPARE(role(model, "B", IncidentModel::SlaBreachedRole).toBool(), false); // P4: 15 minutes
        QCOMPARE(model.breachCount(), 1);
        QCOMPARE(model.overdueCount(), 1);
        QCOMPARE(slaChanged.count(), 1);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(dataChanged.at(0).at(0).toModelIndex().row(), model.rowOf("A"));

        // Acknowledged late: no longer overdue, but the breach is counted.
        model.applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, now + 90'000) });
        QCOMPARE(role(model, "A", IncidentModel::SlaPhaseRole).toString(), QStringLiteral("dispatch"));
        QCOMPARE(role(model, "A", IncidentModel::SlaBreachedRole).toBool(), false);
        QCOMPARE(model.breachCount(), 1);
        QCOMPARE(model.overdueCount(), 0);

        model.tick(now + 180'001); // P1 dispatch target: 3 minutes
        QCOMPARE(role(model, "A", IncidentModel::SlaBreachedRole).toBool(), true);
        QCOMPARE(model.breachCount(), 2);

        // Resolved incidents count no more.
        model.applyActions({ action("A", "c1-2", zhang(), ActionKind::Resolve, 1, now + 200'000) });
        QCOMPARE(model.breachCount(), 0);
        QCOMPARE(model.overdueCount(), 0);
    }

    void resetShowsExactlyTheGivenEventsAndActions()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("X", Severity::Minor, 500), incidentEvent("Y", Severity::Minor, 600) });
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        QSignalSpy countChanged(&model, &IncidentModel::countChanged);
        model.reset({ incidentEvent("A", Severity::Minor, 1000), incidentEvent("B", Severity::Minor, 2000) },
            { fixtures::withPriority(action("B", "c1-1", zhang(), ActionKind::Reprioritise, 0, 2100), 1, {}),
                action("A", "c1-2", zhang(), ActionKind::Acknowledge, 0, 2200),
                action("GONE", "c1-3", zhang(), ActionKind::Acknowledge, 0, 2300) });
        QCOMPARE(resetSpy.count(), 1);
        QVERIFY(countChanged.count() >= 1);
        QCOMPARE(order(model), QStringList({ "B", "A" }));
        QCOMPARE(role(model, "A", IncidentModel::StateRole).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(role(model, "B", IncidentModel::PriorityRole).toInt(), 1);
        QCOMPARE(model.find("X"), nullptr); // forgotten, not only hidden

        model.reset({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.openCount(), 0);
    }

    void roleNamesAreTheQmlContract()
    {
        IncidentModel model(nullptr);
        const QHash<int, QByteArray> names = model.roleNames();
        QCOMPARE(names.value(IncidentModel::IdRole), QByteArray("incidentId"));
        QCOMPARE(names.value(IncidentModel::StateRole), QByteArray("state"));
        QCOMPARE(names.value(IncidentModel::PriorityRole), QByteArray("priority"));
        QCOMPARE(names.value(IncidentModel::UnitCountRole), QByteArray("unitCount"));
        QCOMPARE(names.value(IncidentModel::AlarmRole), QByteArray("alarm"));
        QCOMPARE(names.value(IncidentModel::SlaBreachedRole), QByteArray("slaBreached"));
        QCOMPARE(names.size(), IncidentModel::EscalatedRole - IncidentModel::IdRole + 1); // every role named
    }
};

QTEST_GUILESS_MAIN(TestIncidentModel)
#include "tst_incidentmodel.moc"
