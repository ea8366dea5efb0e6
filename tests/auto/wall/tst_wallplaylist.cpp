#include "wallfocus.h"
#include "wallplaylist.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

LayoutPage page(const QString& id, int dwellSeconds)
{
    LayoutPage page;
    page.id = id;
    page.title = id.toUpper();
    page.dwellSeconds = dwellSeconds;
    return page;
}

// a 10 s, b 20 s, c 30 s: a 60 s cycle.
WallLayout threePages()
{
    WallLayout layout;
    layout.pages = { page("a", 10), page("b", 20), page("c", 30) };
    layout.focusPage = page("focus", 60);
    return layout;
}

constexpr qint64 kTs = 1795912230000; // a control's ts

} // namespace

class TestWallPlaylist : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pageAtFollowsTheDwellTimes_data()
    {
        QTest::addColumn<qint64>("epoch");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<int>("page");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::newRow("epoch") << qint64(0) << qint64(0) << 0 << qint64(0) << qint64(10000);
        QTest::newRow("last ms of a") << qint64(0) << qint64(9999) << 0 << qint64(0) << qint64(10000);
        QTest::newRow("first ms of b") << qint64(0) << qint64(10000) << 1 << qint64(10000) << qint64(30000);
        QTest::newRow("last ms of b") << qint64(0) << qint64(29999) << 1 << qint64(10000) << qint64(30000);
        QTest::newRow("first ms of c") << qint64(0) << qint64(30000) << 2 << qint64(30000) << qint64(60000);
        QTest::newRow("last ms of c") << qint64(0) << qint64(59999) << 2 << qint64(30000) << qint64(60000);
        QTest::newRow("next cycle") << qint64(0) << qint64(60000) << 0 << qint64(60000) << qint64(70000);
        QTest::newRow("1 ms before the epoch") << qint64(0) << qint64(-1) << 2 << qint64(-30000) << qint64(0);
        QTest::newRow("well before the epoch") << qint64(0) << qint64(-59999) << 0 << qint64(-60000) << qint64(-50000);
        QTest::newRow("shifted epoch, before it")
            << qint64(5000) << qint64(4999) << 2 << qint64(-25000) << qint64(5000);
        QTest::newRow("shifted epoch, b") << qint64(5000) << qint64(15000) << 1 << qint64(15000) << qint64(35000);
    }

    void pageAtFollowsTheDwellTimes()
    {
        QFETCH(qint64, epoch);
        QFETCH(qint64, now);
        QFETCH(int, page);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        qint64 startMs = -7;
        qint64 endMs = -7;
        QCOMPARE(WallPlaylist::pageAt(threePages(), epoch, now, &startMs, &endMs), page);
        QCOMPARE(startMs, start);
        QCOMPARE(endMs, end);
    }

    void aNewPlaylistHasOneEmptyPage()
    {
        WallPlaylist playlist(nullptr);
        QCOMPARE(playlist.pageCount(), 1);
        QVERIFY(playlist.currentPage().panels.empty());
        QCOMPARE(playlist.pageIndex(), 0);
    }

    void withoutAPageThePlaylistRunsOnTheWallClock()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.update(kTs); // kTs mod 60 s = 30 s: c
        QCOMPARE(playlist.pageId(), QStringLiteral("c"));
        QCOMPARE(playlist.pageTitle(), QStringLiteral("C"));
        QVERIFY(!playlist.pinned());
        QCOMPARE(playlist.pageStartMs(), double(kTs));
        QCOMPARE(playlist.pageEndMs(), double(kTs + 30000));
    }

    void twoNodesStartedAtDifferentTimesShowTheSamePage()
    {
        WallPlaylist early(nullptr);
        early.setLayout(threePages());
        early.setControl(QStringLiteral("b"), false, kTs, QString());
        for (qint64 t = kTs; t < kTs + 45000; t += 250)
            early.update(t);

        WallPlaylist late(nullptr);
        late.setLayout(threePages());
        late.setControl(QStringLiteral("b"), false, kTs, QString());
        for (qint64 t = kTs + 45000; t < kTs + 200000; t += 250) {
            early.update(t);
            late.update(t);
            QCOMPARE(late.pageId(), early.pageId());
            QCOMPARE(late.pageStartMs(), early.pageStartMs());
        }
    }

    void anUnpinnedPageStartsAtTheControlsTs()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.setControl(QStringLiteral("c"), false, kTs + 1234, QString());
        playlist.update(kTs + 1234);
        QCOMPARE(playlist.pageId(), QStringLiteral("c"));
        QVERIFY(!playlist.pinned());
        QCOMPARE(playlist.pageStartMs(), double(kTs + 1234));
        QCOMPARE(playlist.pageEndMs(), double(kTs + 1234 + 30000));
        playlist.update(kTs + 1234 + 30000); // then the playlist goes on
        QCOMPARE(playlist.pageId(), QStringLiteral("a"));
    }

    void aPinnedPageStays()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.setControl(QStringLiteral("a"), true, kTs, QString());
        for (qint64 t = kTs; t < kTs + 120000; t += 5000) {
            playlist.update(t);
            QCOMPARE(playlist.pageId(), QStringLiteral("a"));
        }
        QVERIFY(playlist.pinned());
        QCOMPARE(playlist.pageStartMs(), 0.0);
        QCOMPARE(playlist.pageEndMs(), 0.0);
    }

    void anUnknownPageFallsBackToPlaying()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("nope")));
        playlist.setControl(QStringLiteral("nope"), true, kTs, QString());
        playlist.update(10000);
        QVERIFY(!playlist.pinned());
        QCOMPARE(playlist.pageId(), QStringLiteral("b"));
    }

    void theFilesPinHoldsWhenTheControlNamesNoPage()
    {
        WallLayout layout = threePages();
        layout.pinnedPage = QStringLiteral("b");
        WallPlaylist playlist(nullptr);
        playlist.setLayout(layout);
        playlist.update(0);
        QCOMPARE(playlist.pageId(), QStringLiteral("b"));
        QVERIFY(playlist.pinned());
        playlist.setControl(QStringLiteral("c"), false, kTs, QString()); // the control's page wins
        playlist.update(kTs);
        QCOMPARE(playlist.pageId(), QStringLiteral("c"));
        QVERIFY(!playlist.pinned());
    }

    void focusShowsTheFocusPageUntilReleased()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.setControl(QStringLiteral("b"), true, kTs, QString());
        playlist.update(kTs);
        const int revision = playlist.revision();
        playlist.setControl(QStringLiteral("b"), true, kTs + 1, QStringLiteral("INC-1"));
        playlist.update(kTs + 1);
        QVERIFY(playlist.focusMode());
        QCOMPARE(playlist.pageIndex(), -1);
        QCOMPARE(playlist.pageId(), QStringLiteral("focus"));
        QVERIFY(playlist.revision() > revision);
        playlist.setControl(QStringLiteral("b"), true, kTs + 2, QString());
        playlist.update(kTs + 2);
        QVERIFY(!playlist.focusMode());
        QCOMPARE(playlist.pageId(), QStringLiteral("b"));
    }

    void aReloadKeepsThePageById()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.setControl(QStringLiteral("b"), true, kTs, QString());
        playlist.update(kTs);
        QCOMPARE(playlist.pageIndex(), 1);
        QSignalSpy layoutSpy(&playlist, &WallPlaylist::layoutChanged);
        QSignalSpy pageSpy(&playlist, &WallPlaylist::pageChanged);
        const int revision = playlist.revision();

        WallLayout reordered = threePages();
        reordered.pages = { page("new", 10), page("c", 30), page("b", 20) };
        playlist.setLayout(reordered);
        QCOMPARE(layoutSpy.count(), 1);
        QCOMPARE(pageSpy.count(), 1);
        QVERIFY(playlist.revision() > revision);
        QCOMPARE(playlist.pageId(), QStringLiteral("b"));
        QCOMPARE(playlist.pageIndex(), 2);
        playlist.update(kTs + 1);
        QCOMPARE(playlist.pageId(), QStringLiteral("b"));
    }

    void aGoodReloadClearsTheErrors()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayoutErrors({ QStringLiteral("line 3: grid.columns: expected an integer") });
        QCOMPARE(playlist.layoutErrors().size(), 1);
        QSignalSpy spy(&playlist, &WallPlaylist::layoutErrorsChanged);
        playlist.setLayout(threePages());
        QCOMPARE(spy.count(), 1);
        QVERIFY(playlist.layoutErrors().isEmpty());
    }

    void aTickThatChangesNothingIsSilent()
    {
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.update(1000);
        QSignalSpy spy(&playlist, &WallPlaylist::pageChanged);
        const int revision = playlist.revision();
        for (qint64 t = 1250; t < 10000; t += 250)
            playlist.update(t);
        QCOMPARE(spy.count(), 0);
        playlist.update(10000);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(playlist.revision(), revision + 1);
    }

    void itFollowsTheWallControl()
    {
        WallFocus focus(QStringLiteral("main"), nullptr);
        WallPlaylist playlist(nullptr);
        playlist.setLayout(threePages());
        playlist.follow(&focus);
        QSignalSpy spy(&playlist, &WallPlaylist::pageChanged);
        WallControl control;
        control.wallId = QStringLiteral("main");
        control.page = QStringLiteral("c");
        control.pinned = true;
        control.console = QStringLiteral("leader-1");
        control.tsMs = kTs;
        focus.apply({ control });
        QVERIFY(focus.pinned());
        QCOMPARE(playlist.pageId(), QStringLiteral("c"));
        QVERIFY(playlist.pinned());
        QVERIFY(spy.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestWallPlaylist)
#include "tst_wallplaylist.moc"
