// TileLoader: tiles loaded on the worker thread into the bounded cache the map reads.
#include "tileloader.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QWaitCondition>

#include <memory>
#include <vector>

using namespace citybrain;

namespace {

// A solid tile whose colour names it.
QColor colourOf(const TileId& id, int call = 0)
{
    return QColor(id.x % 256, id.y % 256, call == 0 ? 0 : 255);
}

QImage solid(const QColor& colour)
{
    QImage image(tilePixels, tilePixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(colour);
    return image;
}

const qint64 tileBytes = qint64(tilePixels) * tilePixels * 4;

// Answers every tile with its colour (a second request for the same tile gets a bluer one), and none
// for the tiles in `empty`. Records what was asked, in order. Optionally gated: each tile() waits for
// one permit of `gate` (or for open()), so a test decides when a load finishes.
class FakeSource : public TileSource
{
public:
    explicit FakeSource(bool gated = false)
        : m_gated(gated)
    { }

    QImage tile(const TileId& id) override
    {
        int call = 0;
        {
            QMutexLocker lock(&m_mutex);
            for (const TileId& seen : m_requests)
                call += seen == id ? 1 : 0;
            m_requests.push_back(id);
        }
        entered.release();
        if (m_gated) {
            QMutexLocker lock(&m_mutex);
            while (!m_open && m_permits == 0)
                m_released.wait(&m_mutex);
            if (!m_open)
                --m_permits;
        }
        for (const TileId& none : empty) {
            if (none == id)
                return {};
        }
        return solid(colourOf(id, call));
    }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 20; }
    Datum datum() const override { return Datum::Wgs84; }

    void release(int tiles)
    {
        QMutexLocker lock(&m_mutex);
        m_permits += tiles;
        m_released.wakeAll();
    }
    void open()
    {
        QMutexLocker lock(&m_mutex);
        m_open = true;
        m_released.wakeAll();
    }
    std::vector<TileId> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    int calls(const TileId& id) const
    {
        int n = 0;
        for (const TileId& seen : requests())
            n += seen == id ? 1 : 0;
        return n;
    }

    std::vector<TileId> empty; // set before loading starts
    QSemaphore entered; // one permit per tile() call begun

private:
    const bool m_gated;
    mutable QMutex m_mutex;
    QWaitCondition m_released;
    std::vector<TileId> m_requests;
    int m_permits = 0;
    bool m_open = false;
};

std::vector<TileId> row(int count, int z = 12, int y = 1500)
{
    std::vector<TileId> tiles;
    for (int x = 0; x < count; ++x)
        tiles.push_back(TileId { z, 3300 + x, y });
    return tiles;
}

} // namespace

class TestTileLoader : public QObject
{
    Q_OBJECT

private slots:
    void wantedTilesAreLoadedAndAnnounced();
    void cachedTileIsNotLoadedAgain();
    void newWantedSetDropsTilesNotYetLoaded();
    void cacheStaysWithinItsByteLimit();
    void leastRecentlyUsedTileIsEvictedFirst();
    void emptyTileIsRecordedAndNotLoadedAgain();
    void invalidateDropsTheCache();
    void tileLoadingDuringInvalidateIsDiscardedAndLoadedAgain();
    void queueHighWaterIsTheLongestWantedQueue();
    void destroyingWhileLoadingReturns();
};

void TestTileLoader::wantedTilesAreLoadedAndAnnounced()
{
    FakeSource source;
    TileLoader loader(&source);
    QSignalSpy loaded(&loader, &TileLoader::tilesLoaded);
    const std::vector<TileId> tiles = row(3);
    loader.want(tiles);
    QTRY_COMPARE(loader.cachedCount(), 3);
    QTRY_VERIFY(loaded.count() >= 1);
    for (const TileId& id : tiles)
        QCOMPARE(loader.cached(id).pixelColor(10, 10), colourOf(id));
    QCOMPARE(loader.loadedTotal(), 3);
    QCOMPARE(loader.cacheBytes(), 3 * tileBytes);
}

void TestTileLoader::cachedTileIsNotLoadedAgain()
{
    FakeSource source;
    TileLoader loader(&source);
    const std::vector<TileId> tiles = row(2);
    loader.want({ tiles[0] });
    QTRY_VERIFY(!loader.cached(tiles[0]).isNull());
    loader.want(tiles);
    QTRY_VERIFY(!loader.cached(tiles[1]).isNull());
    QCOMPARE(source.calls(tiles[0]), 1);
}

void TestTileLoader::newWantedSetDropsTilesNotYetLoaded()
{
    FakeSource source(true);
    TileLoader loader(&source);
    const auto openGate = qScopeGuard([&source] { source.open(); }); // even if the test fails
    const std::vector<TileId> old = row(4);
    const TileId fresh { 12, 100, 100 };
    loader.want(old);
    QVERIFY(source.entered.tryAcquire(1, 10000)); // the worker is loading old[0]
    loader.want({ fresh });
    source.release(2);
    QTRY_VERIFY(!loader.cached(fresh).isNull());
    const std::vector<TileId> expected { old[0], fresh };
    QCOMPARE(source.requests(), expected);
}

void TestTileLoader::cacheStaysWithinItsByteLimit()
{
    FakeSource source;
    TileLoader loader(&source, 3 * tileBytes);
    loader.want(row(10));
    QTRY_COMPARE(loader.loadedTotal(), 10);
    QVERIFY(loader.cacheBytes() <= 3 * tileBytes);
    QCOMPARE(loader.cachedCount(), 3);
}

void TestTileLoader::leastRecentlyUsedTileIsEvictedFirst()
{
    FakeSource source;
    TileLoader loader(&source, 2 * tileBytes);
    const std::vector<TileId> tiles = row(3);
    loader.want({ tiles[0], tiles[1] });
    QTRY_COMPARE(loader.cachedCount(), 2);
    QVERIFY(!loader.cached(tiles[0]).isNull()); // tiles[0] is now the most recently used
    loader.want({ tiles[0], tiles[2] });
    QTRY_VERIFY(!loader.cached(tiles[2]).isNull());
    QVERIFY(!loader.cached(tiles[0]).isNull());
    QVERIFY(loader.cached(tiles[1]).isNull());
}

void TestTileLoader::emptyTileIsRecordedAndNotLoadedAgain()
{
    FakeSource source;
    const std::vector<TileId> tiles = row(2);
    source.empty = { tiles[0] };
    TileLoader loader(&source);
    loader.want({ tiles[0] });
    QTRY_VERIFY(loader.isEmpty(tiles[0]));
    QVERIFY(loader.cached(tiles[0]).isNull());
    QCOMPARE(loader.cachedCount(), 0);
    loader.want(tiles);
    QTRY_VERIFY(!loader.cached(tiles[1]).isNull());
    QCOMPARE(source.calls(tiles[0]), 1);
}

void TestTileLoader::invalidateDropsTheCache()
{
    FakeSource source(true);
    const std::vector<TileId> tiles = row(2);
    source.empty = { tiles[1] };
    TileLoader loader(&source);
    const auto openGate = qScopeGuard([&source] { source.open(); }); // even if the test fails
    source.release(2);
    loader.want(tiles);
    QTRY_VERIFY(!loader.cached(tiles[0]).isNull() && loader.isEmpty(tiles[1]));
    loader.invalidate(); // the gate is shut: nothing can be reloaded yet
    QCOMPARE(loader.cachedCount(), 0);
    QCOMPARE(loader.cacheBytes(), 0);
    QVERIFY(loader.cached(tiles[0]).isNull());
    QVERIFY(!loader.isEmpty(tiles[1]));
}

void TestTileLoader::tileLoadingDuringInvalidateIsDiscardedAndLoadedAgain()
{
    FakeSource source(true);
    const TileId id = row(1).front();
    TileLoader loader(&source);
    const auto openGate = qScopeGuard([&source] { source.open(); }); // even if the test fails
    loader.want({ id });
    QVERIFY(source.entered.tryAcquire(1, 10000)); // the first picture is being made
    loader.invalidate(); // ... and is stale before it arrives
    source.release(1);
    QVERIFY(source.entered.tryAcquire(1, 10000)); // the stale picture arrived; the fresh one is being made
    QVERIFY(loader.cached(id).isNull());
    source.open();
    QTRY_VERIFY(!loader.cached(id).isNull());
    QCOMPARE(loader.cached(id).pixelColor(10, 10), colourOf(id, 1));
}

void TestTileLoader::queueHighWaterIsTheLongestWantedQueue()
{
    FakeSource source(true);
    TileLoader loader(&source);
    const auto openGate = qScopeGuard([&source] { source.open(); }); // even if the test fails
    loader.want(row(5));
    loader.want(row(2, 13));
    QCOMPARE(loader.queueHighWater(), 5);
}

void TestTileLoader::destroyingWhileLoadingReturns()
{
    FakeSource source(true);
    auto loader = std::make_unique<TileLoader>(&source);
    const auto openGate = qScopeGuard([&source] { source.open(); }); // even if the test fails
    loader->want(row(50));
    QVERIFY(source.entered.tryAcquire(1, 10000));
    source.open(); // the tile in progress completes; the destructor must not wait for the other 49
    loader.reset();
    const int calls = int(source.requests().size());
    QVERIFY(calls >= 1);
    QCOMPARE(int(source.requests().size()), calls); // the worker is gone
}

QTEST_GUILESS_MAIN(TestTileLoader)
#include "tst_tileloader.moc"
