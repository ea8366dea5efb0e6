// VectorTileSource: polygons and lines drawn into 256 px tiles, as the map shows them.
#include "vectortiles.h"

#include <QTest>

#include <memory>

using namespace citybrain;

namespace {

const QColor fillColour(200, 30, 40);
const QColor strokeColour(20, 220, 60);

// Pixel coordinates of tile `id` (may lie beyond it) in the world plane.
QPointF pixelToWorld(const TileId& id, const QPointF& pixel)
{
    const QRectF world = id.worldRect();
    const double scale = world.width() / tilePixels;
    return { world.x() + pixel.x() * scale, world.y() + pixel.y() * scale };
}

// A rectangle given in pixels of tile `id`, as a world-coordinate ring.
QPolygonF tileRect(const TileId& id, const QRectF& pixels)
{
    return QPolygonF({ pixelToWorld(id, pixels.topLeft()), pixelToWorld(id, pixels.topRight()),
        pixelToWorld(id, pixels.bottomRight()), pixelToWorld(id, pixels.bottomLeft()),
        pixelToWorld(id, pixels.topLeft()) });
}

// An open polyline straight across tile `id` at pixel row y, starting and ending outside it.
VectorShape horizontalLine(const TileId& id, double y, const VectorStyle& style)
{
    VectorShape line;
    line.closed = false;
    line.style = style;
    line.rings = { QPolygonF({ pixelToWorld(id, QPointF(-50, y)), pixelToWorld(id, QPointF(350, y)) }) };
    line.worldBounds = line.rings.front().boundingRect();
    return line;
}

VectorShape polygon(std::vector<QPolygonF> rings, const VectorStyle& style)
{
    VectorShape shape;
    shape.style = style;
    for (const QPolygonF& ring : rings)
        shape.worldBounds = shape.worldBounds.united(ring.boundingRect());
    shape.rings = std::move(rings);
    return shape;
}

VectorStyle filled()
{
    VectorStyle style;
    style.fill = fillColour;
    return style;
}

std::shared_ptr<const VectorScene> sceneOf(std::vector<VectorShape> shapes)
{
    auto scene = std::make_shared<VectorScene>();
    scene->shapes = std::move(shapes);
    return scene;
}

const TileId cityTile { 10, 821, 408 }; // Xianyang at zoom 10

} // namespace

class TestVectorTiles : public QObject
{
    Q_OBJECT

private slots:
    void squareIsFilledInsideAndTransparentOutside();
    void tileAwayFromEveryShapeIsNull();
    void tileInsideTheBoundsButOutsideTheShapeIsNull();
    void holeIsLeftUnfilled();
    void edgeLandsOnItsPixelAtZoom18();
    void strokeKeepsItsPixelWidth();
    void dashedLineHasGaps();
    void backgroundFillsTheRenderedTile();
    void settingASceneChangesTheRevision();
    void tileWithoutSceneIsNull();
};

void TestVectorTiles::squareIsFilledInsideAndTransparentOutside()
{
    VectorTileSource source;
    source.setScene(sceneOf({ polygon({ tileRect(cityTile, QRectF(64, 64, 128, 128)) }, filled()) }));
    const QImage tile = source.tile(cityTile);
    QCOMPARE(tile.size(), QSize(tilePixels, tilePixels));
    QCOMPARE(tile.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(tile.pixelColor(128, 128), fillColour);
    QCOMPARE(tile.pixelColor(66, 66), fillColour);
    QCOMPARE(tile.pixelColor(10, 10).alpha(), 0);
    QCOMPARE(tile.pixelColor(200, 128).alpha(), 0);
    QCOMPARE(tile.pixelColor(128, 250).alpha(), 0);
}

void TestVectorTiles::tileAwayFromEveryShapeIsNull()
{
    VectorTileSource source;
    source.setScene(sceneOf({ polygon({ tileRect(cityTile, QRectF(64, 64, 128, 128)) }, filled()) }));
    QVERIFY(source.tile(TileId { 10, cityTile.x + 2, cityTile.y }).isNull());
}

void TestVectorTiles::tileInsideTheBoundsButOutsideTheShapeIsNull()
{
    // An L over a 3x3 block of tiles: the block's top-right tile is inside its bounds, not inside the L.
    const TileId origin = cityTile;
    QPolygonF l;
    for (const QPointF& pixel : { QPointF(0, 0), QPointF(256, 0), QPointF(256, 512), QPointF(768, 512),
             QPointF(768, 768), QPointF(0, 768), QPointF(0, 0) })
        l.append(pixelToWorld(origin, pixel));
    VectorTileSource source;
    source.setScene(sceneOf({ polygon({ l }, filled()) }));
    QVERIFY(!source.tile(origin).isNull());
    QVERIFY(source.tile(TileId { origin.z, origin.x + 2, origin.y }).isNull());
}

void TestVectorTiles::holeIsLeftUnfilled()
{
    VectorTileSource source;
    source.setScene(sceneOf({ polygon(
        { tileRect(cityTile, QRectF(16, 16, 224, 224)), tileRect(cityTile, QRectF(96, 96, 64, 64)) }, filled()) }));
    const QImage tile = source.tile(cityTile);
    QCOMPARE(tile.pixelColor(40, 40), fillColour);
    QCOMPARE(tile.pixelColor(128, 128).alpha(), 0);
}

void TestVectorTiles::edgeLandsOnItsPixelAtZoom18()
{
    // A polygon far larger than the tile (it spans thousands of tiles) whose west edge is at pixel 102.5.
    // In single precision the edge would move by up to 2 px here (floats are 4 px apart at 5e7 pixels).
    const TileId id { 18, 210232, 104592 };
    VectorTileSource source;
    source.setScene(sceneOf({ polygon({ tileRect(id, QRectF(102.5, -1e6, 2e6, 2e6)) }, filled()) }));
    const QImage tile = source.tile(id);
    QVERIFY(!tile.isNull());
    QCOMPARE(tile.pixelColor(101, 128).alpha(), 0);
    QCOMPARE(tile.pixelColor(103, 128), fillColour);
    QCOMPARE(tile.pixelColor(103, 0), fillColour);
    QCOMPARE(tile.pixelColor(255, 255), fillColour);
}

void TestVectorTiles::strokeKeepsItsPixelWidth()
{
    VectorStyle style;
    style.stroke = strokeColour;
    style.strokePixels = 4;
    VectorTileSource source;
    source.setScene(sceneOf({ horizontalLine(cityTile, 128, style) }));
    const QImage tile = source.tile(cityTile);
    QCOMPARE(tile.pixelColor(128, 127), strokeColour);
    QCOMPARE(tile.pixelColor(128, 128), strokeColour);
    QCOMPARE(tile.pixelColor(128, 123).alpha(), 0);
    QCOMPARE(tile.pixelColor(128, 132).alpha(), 0);
}

void TestVectorTiles::dashedLineHasGaps()
{
    VectorStyle style;
    style.stroke = strokeColour;
    style.strokePixels = 2;
    style.dashed = true;
    VectorTileSource source;
    source.setScene(sceneOf({ horizontalLine(cityTile, 128, style) }));
    const QImage tile = source.tile(cityTile);
    int drawn = 0;
    int gaps = 0;
    for (int x = 0; x < tilePixels; ++x) {
        const int alpha = tile.pixelColor(x, 128).alpha();
        drawn += alpha > 200 ? 1 : 0;
        gaps += alpha == 0 ? 1 : 0;
    }
    QVERIFY2(drawn > 50, qPrintable(QString::number(drawn)));
    QVERIFY2(gaps > 50, qPrintable(QString::number(gaps)));
}

void TestVectorTiles::backgroundFillsTheRenderedTile()
{
    const auto scene = sceneOf({ polygon({ tileRect(cityTile, QRectF(64, 64, 128, 128)) }, filled()) });
    const QColor land(20, 30, 40);
    const QImage tile = VectorTileSource::render(*scene, cityTile, land);
    QCOMPARE(tile.pixelColor(10, 10), land);
    QCOMPARE(tile.pixelColor(128, 128), fillColour);
    QCOMPARE(VectorTileSource::render(*scene, TileId { 10, 0, 0 }, land).pixelColor(128, 128), land);
}

void TestVectorTiles::settingASceneChangesTheRevision()
{
    VectorTileSource source;
    const quint64 before = source.revision();
    source.setScene(sceneOf({}));
    QVERIFY(source.revision() != before);
}

void TestVectorTiles::tileWithoutSceneIsNull()
{
    VectorTileSource source;
    QVERIFY(source.tile(cityTile).isNull());
}

QTEST_GUILESS_MAIN(TestVectorTiles)
#include "tst_vectortiles.moc"
