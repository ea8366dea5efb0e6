#include "presencemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace citybrain;

namespace {
PresenceStatus status(const QString& id, const QString& kind, bool online, qint64 tsMs)
{
    PresenceStatus s;
    s.clientId = id;
    s.kind = kind;
    s.online = online;
    s.tsMs = tsMs;
    return s;
}
} // namespace

class TestPresenceModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientsAreListedByKindAndGoOfflineByTheirWill()
    {
        PresenceModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ status("sim", "simulator", true, 1000), status("wall-1", "wall", true, 1000),
            status("disp-1", "dispatcher", true, 1000) });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.onlineCount(), 3);
        QCOMPARE(model.index(0).data(PresenceModel::KindRole).toString(), QStringLiteral("dispatcher"));
        model.apply({ status("sim", "simulator", false, 2000) }); // its last will
        QCOMPARE(model.onlineCount(), 2);
        QCOMPARE(model.rowCount(), 3); // still listed, as offline
    }

    void anOlderMessageDoesNotReviveAClient()
    {
        PresenceModel model(nullptr);
        model.apply({ status("sim", "simulator", false, 2000), status("sim", "simulator", true, 1000) });
        QCOMPARE(model.onlineCount(), 0);
    }

    void aClientThatChangesKindMoves()
    {
        PresenceModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ status("a", "wall", true, 1), status("b", "dispatcher", true, 1) });
        model.apply({ status("b", "leader", true, 2) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(PresenceModel::ClientIdRole).toString(), QStringLiteral("b"));
        QCOMPARE(model.index(0).data(PresenceModel::KindRole).toString(), QStringLiteral("leader"));
    }
};

QTEST_GUILESS_MAIN(TestPresenceModel)
#include "tst_presencemodel.moc"
