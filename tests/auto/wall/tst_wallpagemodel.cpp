#include "wallpagemodel.h"
#include "wallplaylist.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

LayoutPanel panel(const QString& kind, int column, int row, int columnSpan, int rowSpan)
{
    LayoutPanel panel;
    panel.panel = kind;
    panel.column = column;
    panel.row = row;
    panel.columnSpan = columnSpan;
    panel.rowSpan = rowSpan;
    return panel;
}

// A 4 x 2 grid: kpi in column 0, the map over columns 1-2, the clock top right; a second page "alarms".
WallLayout layout()
{
    WallLayout layout;
    layout.columns = 4;
    layout.rows = 2;
    LayoutPage overview;
    overview.id = QStringLiteral("overview");
    overview.title = QStringLiteral("Overview");
    overview.panels = { panel("kpi", 0, 0, 1, 2), panel("map", 1, 0, 2, 2), panel("clock", 3, 0, 1, 1) };
    overview.panels[0].title = QStringLiteral("指标");
    overview.panels[0].settings = { { QStringLiteral("columns"), 2 } };
    LayoutPage alarms;
    alarms.id = QStringLiteral("alarms");
    alarms.title = QStringLiteral("Alarms");
    alarms.panels = { panel("alarms", 0, 0, 4, 2) };
    layout.pages = { overview, alarms };
    layout.pinnedPage = QStringLiteral("overview");
    return layout;
}

// Cells of 1000 x 1000 px; the viewport: the whole canvas unless given.
void place(WallPageModel& model, const QRectF& viewport = QRectF(0, 0, 4000, 2000))
{
    model.setArea(QRectF(0, 0, 4000, 2000));
    model.setViewport(viewport);
}

QStringList column(const WallPageModel& model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row).data(role).toString());
    return values;
}

QRectF rectOf(const WallPageModel& model, int row)
{
    const QModelIndex index = model.index(row);
    return QRectF(index.data(WallPageModel::XRole).toDouble(), index.data(WallPageModel::YRole).toDouble(),
        index.data(WallPageModel::WidthRole).toDouble(), index.data(WallPageModel::HeightRole).toDouble());
}

} // namespace

class TestWallPageModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_playlist = std::make_unique<WallPlaylist>(nullptr);
        m_playlist->setLayout(layout());
        m_playlist->update(0);
        WallPlaylist::provide(m_playlist.get());
    }

    void cleanup()
    {
        WallPlaylist::provide(nullptr);
        m_playlist.reset();
    }

    void withoutAPlaylistItIsEmpty()
    {
        WallPlaylist::provide(nullptr);
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        QCOMPARE(model.rowCount(), 0);
    }

    void panelsArePlacedOnTheGridWithGaps()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        model.setArea(QRectF(0, 100, 4000, 2000)); // cells of 1000 x 1000 below a 100 px header
        model.setGap(20);
        model.setViewport(QRectF(0, 0, 4000, 2200));
        QCOMPARE(column(model, WallPageModel::PanelRole), QStringList({ "kpi", "map", "clock" }));
        QCOMPARE(rectOf(model, 0), QRectF(10, 110, 980, 1980));
        QCOMPARE(rectOf(model, 1), QRectF(1010, 110, 1980, 1980));
        QCOMPARE(rectOf(model, 2), QRectF(3010, 110, 980, 980));
        QCOMPARE(model.cellRect(3, 1, 1, 1), QRectF(3010, 1110, 980, 980));
    }

    void rowsCarryTheLayoutsPanel()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        const QModelIndex kpi = model.index(0);
        QCOMPARE(kpi.data(WallPageModel::SourceRole).toString(),
            QStringLiteral("qrc:/qt/qml/CityBrain/Panels/KpiPanel.qml"));
        QCOMPARE(kpi.data(WallPageModel::TitleRole).toString(), QStringLiteral("指标"));
        QCOMPARE(kpi.data(WallPageModel::SettingsRole).toMap().value(QStringLiteral("columns")).toInt(), 2);
        QCOMPARE(column(model, WallPageModel::KeyRole), QStringList({ "overview/0", "overview/1", "overview/2" }));
    }

    void eachNodeShowsThePanelsOverItsViewport()
    {
        WallPageModel left;
        WallPageModel right;
        QAbstractItemModelTester leftTester(&left);
        QAbstractItemModelTester rightTester(&right);
        left.setGap(20);
        right.setGap(20);
        place(left, QRectF(0, 0, 2000, 2000));
        place(right, QRectF(2000, 0, 2000, 2000));
        QCOMPARE(column(left, WallPageModel::PanelRole), QStringList({ "kpi", "map" }));
        QCOMPARE(column(right, WallPageModel::PanelRole), QStringList({ "map", "clock" }));
        // The map spans both nodes: each draws its half, in its own coordinates.
        QCOMPARE(rectOf(left, 1), QRectF(1010, 10, 1980, 1980));
        QCOMPARE(rectOf(right, 0), QRectF(-990, 10, 1980, 1980));
        QCOMPARE(rectOf(right, 1), QRectF(1010, 10, 980, 980));
    }

    void aPureMoveUpdatesRowsInPlace()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setGap(40);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(rectOf(model, 0), QRectF(20, 20, 960, 1960));
    }

    void aViewportThatSeesOtherPanelsResets()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model, QRectF(0, 0, 1000, 2000));
        QCOMPARE(model.rowCount(), 1);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy counts(&model, &WallPageModel::countChanged);
        model.setViewport(QRectF(3000, 0, 1000, 2000));
        QCOMPARE(resets.count(), 1);
        QVERIFY(counts.count() >= 1);
        QCOMPARE(column(model, WallPageModel::PanelRole), QStringList({ "clock" }));
    }

    void aPageSwitchResets()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        m_playlist->setControl(QStringLiteral("alarms"), true, 1000, QString());
        m_playlist->update(1000);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(column(model, WallPageModel::KeyRole), QStringList({ "alarms/0" }));
        m_playlist->update(2000); // a tick that changes nothing
        QCOMPARE(resets.count(), 1);
    }

    void keysSurviveAReloadThatKeepsThePanels()
    {
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        const QStringList before = column(model, WallPageModel::KeyRole);
        m_playlist->setLayout(layout());
        QCOMPARE(column(model, WallPageModel::KeyRole), before);
    }

    void anUnknownPanelKindIsLeftOut()
    {
        WallLayout withUnknown = layout();
        withUnknown.pages[0].panels[0].panel = QStringLiteral("no_such_panel");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no_such_panel")));
        m_playlist->setLayout(withUnknown);
        WallPageModel model;
        QAbstractItemModelTester tester(&model);
        place(model);
        QCOMPARE(column(model, WallPageModel::KeyRole), QStringList({ "overview/1", "overview/2" }));
    }

private:
    std::unique_ptr<WallPlaylist> m_playlist;
};

QTEST_GUILESS_MAIN(TestWallPageModel)
#include "tst_wallpagemodel.moc"
