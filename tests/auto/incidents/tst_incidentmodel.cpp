#include "incidentmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace citybrain;

namespace {
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
} // namespace

class TestIncidentModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mostSevereFirstThenNewest()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Minor, 1000), incidentEvent("B", Severity::Major, 2000),
            incidentEvent("C", Severity::Minor, 3000), incidentEvent("D", Severity::Critical, 500) });
        QCOMPARE(order(model), QStringList({ "D", "B", "C", "A" }));
        QCOMPARE(model.openCount(), 4);
    }

    void anUpdateMovesTheIncidentWhenItsSeverityChanges()
    {
        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ incidentEvent("A", Severity::Minor, 1000), incidentEvent("B", Severity::Moderate, 2000) });
        model.apply({ incidentEvent("A", Severity::Critical, 4000, QStringLiteral("update")) });
        QCOMPARE(order(model), QStringList({ "A", "B" }));
        const QModelIndex a = model.index(0);
        QCOMPARE(model.data(a, IncidentModel::StatusRole).toString(), QStringLiteral("update"));
        QCOMPARE(model.data(a, IncidentModel::ReportedMsRole).toDouble(), 1000.0); // first report time kept
    }

    void closedIncidentsGoBelowOpenOnes()
    {
        IncidentModel model(nullptr);
        model.apply({ incidentEvent("A", Severity::Critical, 1000), incidentEvent("B", Severity::Minor, 2000) });
        model.apply({ incidentEvent("A", Severity::Critical, 3000, QStringLiteral("closed")) });
        QCOMPARE(order(model), QStringList({ "B", "A" }));
        QCOMPARE(model.openCount(), 1);
    }

    void duplicatesAndOlderEventsAreNotShownTwice()
    {
        IncidentModel model(nullptr);
        model.apply({ incidentEvent("A", Severity::Minor, 2000), incidentEvent("A", Severity::Minor, 2000) });
        model.apply({ incidentEvent("A", Severity::Major, 1000) }); // older than what is shown
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), IncidentModel::SeverityRole).toInt(), int(Severity::Minor));
    }

    void textIsKeptVerbatimAndDistrictIsNamed()
    {
        IncidentModel model(nullptr);
        model.apply({ incidentEvent("A", Severity::Minor, 2000) });
        QCOMPARE(model.data(model.index(0), IncidentModel::TitleRole).toString(), QStringLiteral("<img src=x>title A"));
        QCOMPARE(model.data(model.index(0), IncidentModel::DistrictNameRole).toString(), QStringLiteral("渭城区"));
    }

    void theListIsBounded()
    {
        IncidentModel model(nullptr);
        std::vector<IncidentEvent> events;
        for (int i = 0; i < IncidentModel::limit + 50; ++i)
            events.push_back(
                incidentEvent(QStringLiteral("I%1").arg(i), Severity::Minor, 1000 + i, QStringLiteral("closed")));
        events.push_back(incidentEvent("OPEN", Severity::Minor, 10));
        model.apply(events);
        QCOMPARE(model.rowCount(), IncidentModel::limit);
        QVERIFY(model.rowOf("OPEN") >= 0); // an open incident is never pushed out by closed ones
        QCOMPARE(model.rowOf("I0"), -1);
    }
};

QTEST_GUILESS_MAIN(TestIncidentModel)
#include "tst_incidentmodel.moc"
