#include "flaggedrows.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace citybrain;

namespace {

constexpr int AlarmRole = Qt::UserRole + 1;

// Incidents by title, the ones marked alarming with the "alarm" role.
QStandardItemModel* incidents(std::initializer_list<std::pair<const char*, bool>> rows, QObject* parent)
{
    auto* model = new QStandardItemModel(parent);
    model->setItemRoleNames({ { Qt::DisplayRole, "title" }, { AlarmRole, "alarm" } });
    for (const auto& [title, alarm] : rows) {
        auto* item = new QStandardItem(QString::fromUtf8(title));
        item->setData(alarm, AlarmRole);
        model->appendRow(item);
    }
    return model;
}

QStringList titles(const QAbstractItemModel& model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data().toString());
    return result;
}

} // namespace

class TestFlaggedRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheFlaggedRowsInOrder()
    {
        FlaggedRows rows;
        rows.setFlag(QStringLiteral("alarm"));
        rows.setSourceModel(incidents({ { "fire", true }, { "jam", false }, { "flood", true } }, &rows));
        QCOMPARE(titles(rows), QStringList({ "fire", "flood" }));
        QCOMPARE(rows.count(), 2);
        // Delegates read the source's roles by name.
        QCOMPARE(rows.roleNames().value(AlarmRole), QByteArray("alarm"));
    }

    void followsTheFlagAsItChanges()
    {
        FlaggedRows rows;
        auto* model = incidents({ { "fire", true }, { "jam", false }, { "flood", false } }, &rows);
        rows.setSourceModel(model);
        rows.setFlag(QStringLiteral("alarm"));
        QCOMPARE(rows.count(), 1); // as a view asks first
        QSignalSpy count(&rows, &FlaggedRows::countChanged);
        model->item(2)->setData(true, AlarmRole); // a new P1
        QCOMPARE(titles(rows), QStringList({ "fire", "flood" }));
        model->item(0)->setData(false, AlarmRole); // acknowledged
        QCOMPARE(titles(rows), QStringList({ "flood" }));
        model->item(2)->setText(QStringLiteral("flood, Weicheng")); // another role: still shown, with its new text
        QCOMPARE(titles(rows), QStringList({ "flood, Weicheng" }));
        model->insertRow(0, new QStandardItem(QStringLiteral("gas")));
        model->item(0)->setData(true, AlarmRole);
        QCOMPARE(titles(rows), QStringList({ "gas", "flood, Weicheng" }));
        model->removeRow(0);
        QCOMPARE(rows.count(), 1);
        QCOMPARE(count.count(), 4);
    }

    void anUnknownRoleKeepsNothing()
    {
        FlaggedRows rows;
        rows.setSourceModel(incidents({ { "fire", true } }, &rows));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no role.*alarms"));
        rows.setFlag(QStringLiteral("alarms"));
        QCOMPARE(rows.count(), 0);
        rows.setFlag(QStringLiteral("alarm"));
        QCOMPARE(rows.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFlaggedRows)
#include "tst_flaggedrows.moc"
