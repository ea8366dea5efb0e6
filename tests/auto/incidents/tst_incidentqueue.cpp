#include "incidentfixtures.h"
#include "incidentmodel.h"
#include "incidentqueue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace citybrain;
using fixtures::action;
using fixtures::wang;
using fixtures::zhang;

namespace {
const QString weicheng = QStringLiteral("610404"); // 渭城区
const QString qindu = QStringLiteral("610402"); // 秦都区

IncidentEvent incident(const QString& id, const QString& district, const QString& kind, Severity severity, qint64 tsMs)
{
    IncidentEvent e = fixtures::event(id, kind, severity, tsMs);
    e.district = district;
    return e;
}

QStringList ids(const IncidentQueue& queue)
{
    QStringList out;
    for (int row = 0; row < queue.rowCount(); ++row)
        out << queue.idAt(row);
    return out;
}
} // namespace

class TestIncidentQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<IncidentModel>(nullptr);
        m_queue = std::make_unique<IncidentQueue>();
        m_queue->setSourceModel(m_model.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_queue.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // In the model's order: open ones A (P2), B (P2), C (P3); then ended ones E, D (newest first).
        m_model->apply({ incident("A", weicheng, "waterlogging", Severity::Major, 1000),
            incident("B", qindu, "fire", Severity::Moderate, 2000),
            incident("C", weicheng, "fire", Severity::Minor, 3000),
            incident("D", qindu, "waterlogging", Severity::Minor, 4000),
            incident("E", weicheng, "waterlogging", Severity::Minor, 5000) });
        m_model->applyActions({ action("C", "c1-1", zhang(), ActionKind::Acknowledge, 0, 3100),
            action("D", "c1-2", zhang(), ActionKind::Acknowledge, 0, 4100),
            action("D", "c1-3", zhang(), ActionKind::Resolve, 1, 4200),
            action("E", "c2-1", wang(), ActionKind::Cancel, 0, 5100) });
    }
    void cleanup()
    {
        m_tester.reset();
        m_queue.reset();
        m_model.reset();
    }

    void byDefaultOnlyOpenIncidentsInTheModelsOrder()
    {
        QCOMPARE(m_queue->state(), QStringLiteral("open"));
        QCOMPARE(ids(*m_queue), QStringList({ "A", "B", "C" }));
        QCOMPARE(m_queue->count(), 3);
    }

    void anEmptyStateShowsAll()
    {
        m_queue->setState(QString());
        QCOMPARE(ids(*m_queue), QStringList({ "A", "B", "C", "E", "D" }));
    }

    void aStateNameShowsThatStateOnly_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("new") << "new" << QStringList({ "A", "B" });
        QTest::newRow("acknowledged") << "acknowledged" << QStringList({ "C" });
        QTest::newRow("resolved") << "resolved" << QStringList({ "D" });
        QTest::newRow("cancelled") << "cancelled" << QStringList({ "E" });
        QTest::newRow("dispatched") << "dispatched" << QStringList();
    }
    void aStateNameShowsThatStateOnly()
    {
        QFETCH(QString, state);
        QFETCH(QStringList, expected);
        m_queue->setState(state);
        QCOMPARE(ids(*m_queue), expected);
    }

    void districtAndKindFilterAndCombine()
    {
        m_queue->setDistrict(qindu);
        QCOMPARE(ids(*m_queue), QStringList({ "B" }));
        m_queue->setState(QString());
        QCOMPARE(ids(*m_queue), QStringList({ "B", "D" }));
        m_queue->setDistrict(QString());
        m_queue->setState(QStringLiteral("open"));
        m_queue->setKind(QStringLiteral("fire"));
        QCOMPARE(ids(*m_queue), QStringList({ "B", "C" }));
        m_queue->setDistrict(weicheng);
        QCOMPARE(ids(*m_queue), QStringList({ "C" }));
        m_queue->setKind(QStringLiteral("pollution"));
        QCOMPARE(m_queue->count(), 0);
    }

    void changingAFilterIsSignalledOnce()
    {
        QSignalSpy filterChanged(m_queue.get(), &IncidentQueue::filterChanged);
        QSignalSpy countChanged(m_queue.get(), &IncidentQueue::countChanged);
        m_queue->setDistrict(qindu);
        QCOMPARE(filterChanged.count(), 1);
        QVERIFY(countChanged.count() >= 1);
        m_queue->setDistrict(qindu); // the same again
        m_queue->setState(QStringLiteral("open"));
        QCOMPARE(filterChanged.count(), 1);
    }

    void idAtAndRowOfId()
    {
        QCOMPARE(m_queue->idAt(0), QStringLiteral("A"));
        QCOMPARE(m_queue->idAt(2), QStringLiteral("C"));
        QCOMPARE(m_queue->idAt(3), QString());
        QCOMPARE(m_queue->idAt(-1), QString());
        QCOMPARE(m_queue->rowOfId(QStringLiteral("B")), 1);
        QCOMPARE(m_queue->rowOfId(QStringLiteral("E")), -1); // cancelled: not in the open queue
        QCOMPARE(m_queue->rowOfId(QStringLiteral("nope")), -1);
        m_queue->setKind(QStringLiteral("fire"));
        QCOMPARE(m_queue->rowOfId(QStringLiteral("C")), 1); // rows of the queue, not of the model
    }

    void theQueueFollowsActionsAndEvents()
    {
        QSignalSpy countChanged(m_queue.get(), &IncidentQueue::countChanged);
        m_model->applyActions({ action("A", "c1-4", zhang(), ActionKind::Acknowledge, 0, 6000),
            action("A", "c1-5", zhang(), ActionKind::Resolve, 1, 6100) });
        QCOMPARE(ids(*m_queue), QStringList({ "B", "C" }));
        QVERIFY(countChanged.count() >= 1);

        m_queue->setKind(QStringLiteral("fire"));
        IncidentAction classify = action("B", "c1-6", zhang(), ActionKind::Classify, 0, 6200);
        classify.incidentKind = QStringLiteral("gas_leak");
        m_model->applyActions({ classify });
        QCOMPARE(ids(*m_queue), QStringList({ "C" })); // no longer a fire

        countChanged.clear();
        m_model->apply({ incident("F", qindu, "fire", Severity::Critical, 7000) });
        QCOMPARE(ids(*m_queue), QStringList({ "F", "C" })); // P1 on top
        QCOMPARE(countChanged.count(), 1);
    }

private:
    std::unique_ptr<IncidentModel> m_model;
    std::unique_ptr<IncidentQueue> m_queue;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestIncidentQueue)
#include "tst_incidentqueue.moc"
