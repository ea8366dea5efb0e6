// The wall's incident summary: open incidents by lifecycle state and priority, the overdue ones and
// the missed SLA milestones, from the live IncidentModel, recounted once per burst of changes.
#include "incidentmodel.h"
#include "incidentsummary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;

IncidentEvent incident(const QString& id, Severity severity, const QString& status = QStringLiteral("new"))
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("12345-hotline");
    e.seq = 1;
    e.tsMs = t0;
    e.kind = QStringLiteral("city_management");
    e.severity = severity; // critical P1, major P2, moderate P3, minor P4 for this kind
    e.status = status;
    e.title = id;
    e.district = QStringLiteral("610404");
    return e;
}

IncidentAction acknowledge(const QString& incidentId, qint64 tsMs)
{
    IncidentAction a;
    a.incidentId = incidentId;
    a.actionId = QStringLiteral("console-1-") + incidentId;
    a.actor = QStringLiteral("张伟");
    a.role = QStringLiteral("dispatcher");
    a.console = QStringLiteral("console-1");
    a.kind = ActionKind::Acknowledge;
    a.baseVersion = 0;
    a.tsMs = tsMs;
    a.seq = 1;
    return a;
}

struct City
{
    IncidentModel incidents { nullptr };
    City() { IncidentModel::provide(&incidents); }
    ~City() { IncidentModel::provide(nullptr); }
};

} // namespace

class TestIncidentSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyOpenStateHasARowInLifecycleOrder()
    {
        IncidentSummary summary;
        QAbstractItemModelTester tester(&summary);
        QCOMPARE(summary.rowCount(), 5);
        QStringList states;
        for (int row = 0; row < summary.rowCount(); ++row)
            states.append(summary.index(row).data(IncidentSummary::StateRole).toString());
        QCOMPARE(states, QStringList({ "new", "acknowledged", "dispatched", "on_scene", "escalated" }));
    }

    void openIncidentsCountByStateAndPriority()
    {
        City city;
        city.incidents.apply({ incident("a", Severity::Critical), incident("b", Severity::Critical),
            incident("c", Severity::Minor), incident("d", Severity::Major) });
        city.incidents.applyActions({ acknowledge("d", t0 + 1000) });
        IncidentSummary summary;
        QAbstractItemModelTester tester(&summary);
        QCOMPARE(summary.cell("new", 1), 2);
        QCOMPARE(summary.cell("new", 4), 1);
        QCOMPARE(summary.cell("new", 0), 3);
        QCOMPARE(summary.cell("acknowledged", 2), 1);
        QCOMPARE(summary.index(1).data(IncidentSummary::TotalRole).toInt(), 1);
        QCOMPARE(summary.index(0).data(IncidentSummary::P1Role).toInt(), 2);
        QCOMPARE(summary.openCount(), 4);
        QCOMPARE(summary.byPriority(), QList<int>({ 2, 1, 0, 1 }));
        QCOMPARE(summary.largestCell(), 2);
    }

    void closedIncidentsDoNotCount()
    {
        City city;
        city.incidents.apply({ incident("a", Severity::Minor), incident("b", Severity::Minor, "closed") });
        IncidentSummary summary;
        QCOMPARE(summary.openCount(), 1);
        QCOMPARE(summary.cell("new", 4), 1);
    }

    void overdueIncidentsAndMissedMilestonesCount()
    {
        City city;
        city.incidents.apply({ incident("a", Severity::Critical), incident("b", Severity::Minor) });
        city.incidents.tick(t0 + 120'000); // P1 must be acknowledged in a minute, P4 in 15
        IncidentSummary summary;
        QCOMPARE(summary.overdueCount(), 1);
        QCOMPARE(summary.breachCount(), 1);
        QCOMPARE(summary.index(0).data(IncidentSummary::OverdueRole).toInt(), 1);
    }

    void aBurstOfChangesIsOneRecount()
    {
        City city;
        IncidentSummary summary;
        QAbstractItemModelTester tester(&summary);
        QSignalSpy changed(&summary, &IncidentSummary::changed);
        city.incidents.apply({ incident("a", Severity::Critical) });
        city.incidents.apply({ incident("b", Severity::Major) });
        city.incidents.applyActions({ acknowledge("a", t0 + 1000) });
        QCOMPARE(changed.count(), 0); // not yet: coalesced
        QVERIFY(changed.wait(2000));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(summary.openCount(), 2);
        QCOMPARE(summary.cell("acknowledged", 1), 1);
        QCOMPARE(summary.cell("new", 2), 1);
    }

    void theDataTimeIsTheNewestEventOrAction()
    {
        City city;
        city.incidents.apply({ incident("a", Severity::Minor) });
        city.incidents.applyActions({ acknowledge("a", t0 + 7000) });
        IncidentSummary summary;
        QCOMPARE(summary.dataMs(), double(t0 + 7000));
    }

    void withoutIncidentsEverythingIsZero()
    {
        IncidentSummary summary;
        QCOMPARE(summary.openCount(), 0);
        QCOMPARE(summary.byPriority(), QList<int>({ 0, 0, 0, 0 }));
        QCOMPARE(summary.cell("new", 0), 0);
        QCOMPARE(summary.cell("closed", 0), 0);
    }
};

QTEST_GUILESS_MAIN(TestIncidentSummary)
#include "tst_incidentsummary.moc"
