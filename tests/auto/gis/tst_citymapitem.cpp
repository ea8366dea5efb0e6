#include "citymapitem.h"
#include "coordinates.h"
#include "districtlayer.h"
#include "maplayers.h"
#include "mbtiles.h"
#include "webmercator.h"

#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cmath>
#include <memory>

Q_IMPORT_QML_PLUGIN(CityBrain_GisPlugin)

using namespace citybrain;

namespace {

bool near(const QColor& a, const QColor& b, int tolerance = 12)
{
    return qAbs(a.red() - b.red()) <= tolerance && qAbs(a.green() - b.green()) <= tolerance
        && qAbs(a.blue() - b.blue()) <= tolerance;
}

// How many pixels of a box around `at` are near `color`.
int countNear(const QImage& image, const QPointF& at, int radius, const QColor& color, int tolerance = 12)
{
    int count = 0;
    for (int y = int(at.y()) - radius; y <= int(at.y()) + radius; ++y) {
        for (int x = int(at.x()) - radius; x <= int(at.x()) + radius; ++x) {
            if (x >= 0 && y >= 0 && x < image.width() && y < image.height())
                count += near(image.pixelColor(x, y), color, tolerance) ? 1 : 0;
        }
    }
    return count;
}

const QPointF qindu(108.7093, 34.3296); // 秦都区 seat area
const QColor critical(0xe5, 0x53, 0x3d);

} // namespace

class TstCityMapItem : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstFrameShowsTheWholeCity();
    void theWholeCityFitsAnySize_data();
    void theWholeCityFitsAnySize();
    void aResizeRefitsTheCityUntilSomeoneMovesTheMap();
    void districtsAreFilledAtTheirSeats();
    void districtNamesDoNotOverlap();
    void incidentMarkerShowsItsSeverityColour();
    void aPulsingHaloDimsAndMovesWithItsMarker();
    void hiddenLayerDrawsNothing();
    void manyMarkersAreClusteredAtCityZoom();
    void clustersOpenUpWhenZoomingIn();
    void dragPansWithoutReclusteringSmallMoves();
    void wheelZoomKeepsThePlaceUnderTheCursor();
    void keyboardZoomsAndFits();
    void featureAtFindsTheIncidentThenTheDistrict();
    void hoverReportsTheFeatureAndTheCoordinate();
    void clickOnAClusterZoomsIntoIt();
    void flyToIncidentCentresIt();
    void gcj02BasemapShiftsTheLayersToMatch();
    void unreadableBasemapIsReportedAndTheVectorMapStays();

private:
    QImage grabWhenTilesAreIn();
    void addIncident(const QString& id, const QPointF& lonLat, int severity, bool pulse = false);

    std::unique_ptr<MapLayers> m_layers;
    std::unique_ptr<QQuickWindow> m_window;
    CityMapItem* m_map = nullptr;
};

void TstCityMapItem::init()
{
    m_layers = std::make_unique<MapLayers>(nullptr);
    m_layers->addStandardLayers();
    m_window = std::make_unique<QQuickWindow>();
    m_window->resize(1600, 1000);
    m_map = new CityMapItem(m_window->contentItem());
    m_map->setLayers(m_layers.get());
    m_map->setSize(QSizeF(1600, 1000));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TstCityMapItem::cleanup()
{
    m_window.reset();
    m_map = nullptr;
    m_layers.reset();
}

QImage TstCityMapItem::grabWhenTilesAreIn()
{
    // The vector layers are rendered on the tile worker: wait until the map asks for no more tiles.
    QElapsedTimer waiting;
    waiting.start();
    QImage image = m_window->grabWindow();
    while (waiting.elapsed() < 10000) {
        const int tiles = m_map->drawnTiles();
        QTest::qWait(200);
        image = m_window->grabWindow();
        if (tiles > 0 && m_map->drawnTiles() == tiles && !m_map->isLoadingTiles())
            break;
    }
    return image;
}

void TstCityMapItem::addIncident(const QString& id, const QPointF& lonLat, int severity, bool pulse)
{
    m_layers->markers(QStringLiteral("incidents")).upsert(id, { lonLat, static_cast<quint8>(severity), pulse });
    m_layers->touch(QStringLiteral("incidents"));
}

void TstCityMapItem::firstFrameShowsTheWholeCity()
{
    const QRectF city = DistrictLayer::xianyang().bounds();
    const QRectF item(0, 0, m_map->width(), m_map->height());
    for (const QPointF& corner : { city.topLeft(), city.bottomRight() })
        QVERIFY(item.contains(m_map->project(corner.x(), corner.y())));
    // ... and fills the view: the city is not a stamp in the middle.
    const QPointF a = m_map->project(city.left(), city.top());
    const QPointF b = m_map->project(city.right(), city.bottom());
    QVERIFY(qAbs(b.x() - a.x()) > 0.8 * item.width() || qAbs(b.y() - a.y()) > 0.8 * item.height());
}

void TstCityMapItem::theWholeCityFitsAnySize_data()
{
    QTest::addColumn<QSizeF>("size");
    QTest::newRow("console mini map") << QSizeF(500, 400);
    QTest::newRow("tall") << QSizeF(400, 800);
    QTest::newRow("4K wall") << QSizeF(3840, 2160);
}

void TstCityMapItem::theWholeCityFitsAnySize()
{
    QFETCH(QSizeF, size);
    m_map->setSize(size);
    m_map->fitCity();
    const QRectF item(QPointF(0, 0), size);
    for (const District& district : DistrictLayer::xianyang().districts()) {
        for (const QPolygonF& ring : district.rings) {
            for (const QPointF& vertex : ring) {
                const QPointF at = m_map->project(vertex.x(), vertex.y());
                QVERIFY2(item.contains(at),
                    qPrintable(QStringLiteral("%1 at %2,%3").arg(district.name).arg(at.x()).arg(at.y())));
            }
        }
    }
}

void TstCityMapItem::aResizeRefitsTheCityUntilSomeoneMovesTheMap()
{
    const QRectF city = DistrictLayer::xianyang().bounds();
    const auto cityInside = [&] {
        const QRectF item(0, 0, m_map->width(), m_map->height());
        return item.contains(m_map->project(city.left(), city.top()))
            && item.contains(m_map->project(city.right(), city.bottom()));
    };
    // An alarm banner pushes the panel down: the whole city still shows.
    m_map->setSize(QSizeF(1600, 700));
    QVERIFY(cityInside());
    m_map->setSize(QSizeF(900, 500));
    QVERIFY(cityInside());
    // Once the operator has moved the map, a resize keeps their view.
    m_map->panBy(0, 300);
    const QPointF centre = m_map->center();
    m_map->setSize(QSizeF(1600, 1000));
    QCOMPARE(m_map->center(), centre);
    m_map->fitCity(); // and "0" brings the whole city back, following resizes again
    m_map->setSize(QSizeF(700, 400));
    QVERIFY(cityInside());
}

void TstCityMapItem::districtsAreFilledAtTheirSeats()
{
    m_map->setProperty("labelPixelSize", 0); // names off: they sit on the seats
    const QImage image = grabWhenTilesAreIn();
    const QColor fill = m_map->property("districtFill").value<QColor>();
    for (const District& district : DistrictLayer::xianyang().districts()) {
        const QPointF seat = m_map->project(district.seat.x(), district.seat.y());
        QVERIFY2(countNear(image, seat, 1, fill, 10) > 0,
            qPrintable(QStringLiteral("%1: %2").arg(district.name, image.pixelColor(seat.toPoint()).name())));
    }
    // Far outside the city: the background.
    const QPointF west = m_map->project(107.2, 34.9);
    if (QRectF(0, 0, 1600, 1000).contains(west))
        QVERIFY(near(image.pixelColor(west.toPoint()), m_map->property("backgroundColor").value<QColor>(), 4));
}

void TstCityMapItem::districtNamesDoNotOverlap()
{
    m_map->setProperty("labelPixelSize", 22);
    const QImage image = grabWhenTilesAreIn();
    QCOMPARE(m_map->drawnLabels(), static_cast<int>(DistrictLayer::xianyang().districts().size()));
    std::vector<QRectF> rects;
    const QColor label = m_map->property("labelColor").value<QColor>();
    for (const District& district : DistrictLayer::xianyang().districts()) {
        const QRectF rect = m_map->labelRect(district.adcode);
        QVERIFY2(!rect.isEmpty(), qPrintable(district.name));
        for (const QRectF& other : rects)
            QVERIFY2(!rect.intersects(other), qPrintable(district.name));
        rects.push_back(rect);
        QVERIFY2(
            countNear(image, rect.center(), int(rect.height() / 2) - 1, label, 30) > 10, qPrintable(district.name));
    }
}

void TstCityMapItem::incidentMarkerShowsItsSeverityColour()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3);
    m_map->setZoom(14); // street level: no clustering
    m_map->setCenter(qindu);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    const QImage image = m_window->grabWindow();
    const QPointF at = m_map->project(qindu.x(), qindu.y());
    QVERIFY2(countNear(image, at, 3, critical, 20) > 10, qPrintable(image.pixelColor(at.toPoint()).name()));
}

// The halo behind an incident nobody has acknowledged: drawn around the marker, dimmed by the pulse, and
// moved with the map when it pans (the software renderer draws it apart from the other symbols).
void TstCityMapItem::aPulsingHaloDimsAndMovesWithItsMarker()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3, true);
    m_map->setZoom(14);
    m_map->setCenter(qindu);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    const auto haloPixels = [&](const QImage& image) {
        // A ring around the marker, outside the marker itself.
        const QPointF at = m_map->project(qindu.x(), qindu.y());
        return countNear(image, at, 24, critical, 60) - countNear(image, at, 8, critical, 60);
    };
    m_map->setPulse(1);
    const int bright = haloPixels(m_window->grabWindow());
    m_map->setPulse(0);
    const int off = haloPixels(m_window->grabWindow());
    QVERIFY2(bright > off + 50, qPrintable(QStringLiteral("%1 vs %2").arg(bright).arg(off)));
    m_map->setPulse(1);
    m_map->panBy(120, 80);
    QTRY_VERIFY(QLineF(m_map->project(qindu.x(), qindu.y()), QPointF(800 + 120, 500 + 80)).length() < 2);
    const QImage moved = m_window->grabWindow();
    QVERIFY2(qAbs(haloPixels(moved) - bright) < bright / 5,
        qPrintable(QStringLiteral("%1 vs %2").arg(haloPixels(moved)).arg(bright)));
    QCOMPARE(countNear(moved, QPointF(800, 500), 24, critical, 60), 0); // none left where it was
}

void TstCityMapItem::hiddenLayerDrawsNothing()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    m_layers->setVisible(QStringLiteral("incidents"), false);
    QTRY_COMPARE(m_map->drawnSymbols(), 0);
    const QImage image = m_window->grabWindow();
    QCOMPARE(countNear(image, m_map->project(qindu.x(), qindu.y()), 3, critical, 20), 0);
    m_layers->setVisible(QStringLiteral("incidents"), true);
    m_map->setShownLayers({ QStringLiteral("districts") }); // a view may show fewer layers still
    QTRY_COMPARE(m_map->drawnSymbols(), 0);
}

void TstCityMapItem::manyMarkersAreClusteredAtCityZoom()
{
    MarkerSet& sensors = m_layers->markers(QStringLiteral("sensors"));
    for (int i = 0; i < 2000; ++i) {
        const double angle = i * 0.61803 * 2 * M_PI;
        const double radius = 0.002 * std::sqrt(i);
        sensors.upsert(QStringLiteral("s%1").arg(i),
            { qindu + QPointF(radius * std::cos(angle), radius * std::sin(angle)), static_cast<quint8>(i % 4), false });
    }
    m_layers->touch(QStringLiteral("sensors"));
    QTRY_VERIFY(m_map->drawnSymbols() > 0);
    QVERIFY2(m_map->drawnSymbols() < 100, qPrintable(QString::number(m_map->drawnSymbols())));
}

void TstCityMapItem::clustersOpenUpWhenZoomingIn()
{
    MarkerSet& sensors = m_layers->markers(QStringLiteral("sensors"));
    for (int i = 0; i < 50; ++i)
        sensors.upsert(QStringLiteral("s%1").arg(i), { qindu + QPointF(i * 0.0004, 0), 0, false });
    m_layers->touch(QStringLiteral("sensors"));
    QTRY_VERIFY(m_map->drawnSymbols() > 0);
    const int atCityZoom = m_map->drawnSymbols();
    m_map->setCenter(qindu + QPointF(0.01, 0));
    m_map->setZoom(18);
    QTRY_VERIFY(m_map->drawnSymbols() > atCityZoom);
    QVERIFY(m_map->drawnSymbols() >= 20);
}

void TstCityMapItem::dragPansWithoutReclusteringSmallMoves()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    const QPointF before = m_map->project(qindu.x(), qindu.y());
    const int rebuilds = m_map->symbolRebuilds();
    const QPoint start(800, 500);
    QTest::mousePress(m_window.get(), Qt::LeftButton, {}, start);
    for (int step = 1; step <= 10; ++step)
        QTest::mouseMove(m_window.get(), start + QPoint(step * 6, step * 4));
    QTest::mouseRelease(m_window.get(), Qt::LeftButton, {}, start + QPoint(60, 40));
    const QPointF after = m_map->project(qindu.x(), qindu.y());
    QVERIFY2(QLineF(after, before + QPointF(60, 40)).length() < 7,
        qPrintable(QStringLiteral("%1,%2 -> %3,%4").arg(before.x()).arg(before.y()).arg(after.x()).arg(after.y())));
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    QCOMPARE(m_map->symbolRebuilds(), rebuilds); // a pan inside the queried area moves, never re-clusters
}

void TstCityMapItem::wheelZoomKeepsThePlaceUnderTheCursor()
{
    const QPoint cursor(400, 300);
    const QPointF place = m_map->unproject(cursor);
    const qreal zoom = m_map->zoom();
    QWheelEvent wheel(cursor, m_window->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_window.get(), &wheel);
    QCOMPARE(m_map->zoom(), zoom + 1);
    const QPointF back = m_map->project(place.x(), place.y());
    QVERIFY(QLineF(back, cursor).length() < 0.5);
}

void TstCityMapItem::keyboardZoomsAndFits()
{
    m_map->forceActiveFocus();
    const qreal zoom = m_map->zoom();
    QTest::keyClick(m_window.get(), Qt::Key_Plus);
    QCOMPARE(m_map->zoom(), zoom + 1);
    QTest::keyClick(m_window.get(), Qt::Key_Minus);
    QTest::keyClick(m_window.get(), Qt::Key_Minus);
    QCOMPARE(m_map->zoom(), zoom - 1);
    QTest::keyClick(m_window.get(), Qt::Key_0); // back to the whole city (animated)
    QTRY_VERIFY(qAbs(m_map->zoom() - zoom) < 1e-6);
}

void TstCityMapItem::featureAtFindsTheIncidentThenTheDistrict()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    const QPointF at = m_map->project(qindu.x(), qindu.y());
    QVariantMap feature = m_map->featureAt(at);
    QCOMPARE(feature.value("kind").toString(), QStringLiteral("incident"));
    QCOMPARE(feature.value("id").toString(), QStringLiteral("fire-1"));
    // Beside the marker: the district it lies in.
    const District* district = DistrictLayer::xianyang().locate(m_map->unproject(at + QPointF(0, -60)));
    QVERIFY(district);
    feature = m_map->featureAt(at + QPointF(0, -60));
    QCOMPARE(feature.value("kind").toString(), QStringLiteral("district"));
    QCOMPARE(feature.value("adcode").toString(), district->adcode);
    QCOMPARE(feature.value("name").toString(), district->name);
}

void TstCityMapItem::hoverReportsTheFeatureAndTheCoordinate()
{
    addIncident(QStringLiteral("fire-1"), qindu, 3);
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    QSignalSpy hovered(m_map, &CityMapItem::hoveredFeatureChanged);
    const QPoint at = m_map->project(qindu.x(), qindu.y()).toPoint();
    QTest::mouseMove(m_window.get(), at + QPoint(200, 0));
    QTest::mouseMove(m_window.get(), at);
    QTRY_COMPARE(m_map->hoveredFeature().value("id").toString(), QStringLiteral("fire-1"));
    QVERIFY(m_map->cursorInside());
    QVERIFY(QLineF(m_map->cursorCoordinate(), qindu).length() < 0.01);
}

void TstCityMapItem::clickOnAClusterZoomsIntoIt()
{
    // 30 sensors along a 550 m street: one cluster for the whole city, 30 markers up close.
    MarkerSet& sensors = m_layers->markers(QStringLiteral("sensors"));
    for (int i = 0; i < 30; ++i)
        sensors.upsert(QStringLiteral("s%1").arg(i), { qindu + QPointF(i * 0.0002, 0), 0, false });
    m_layers->touch(QStringLiteral("sensors"));
    QTRY_COMPARE(m_map->drawnSymbols(), 1);
    // Click on clusters (found along the street) until every sensor stands alone.
    for (int click = 0; click < 8 && m_map->drawnSymbols() < 30; ++click) {
        QVariantMap cluster;
        const QPointF west = m_map->project(qindu.x() - 0.001, qindu.y());
        const QPointF east = m_map->project(qindu.x() + 0.007, qindu.y());
        for (qreal x = west.x(); x <= east.x() && cluster.isEmpty(); x += 3) {
            const QVariantMap feature = m_map->featureAt(QPointF(x, west.y()));
            if (feature.value("kind").toString() == QLatin1String("cluster"))
                cluster = feature;
        }
        QVERIFY2(!cluster.isEmpty(), qPrintable(QStringLiteral("no cluster at zoom %1").arg(m_map->zoom())));
        const qreal zoom = m_map->zoom();
        const QPointF at = m_map->project(cluster.value("lon").toDouble(), cluster.value("lat").toDouble());
        QTest::mouseClick(m_window.get(), Qt::LeftButton, {}, at.toPoint());
        QTRY_VERIFY(m_map->zoom() >= std::floor(zoom) + 2 - 1e-6); // the fly ends two levels closer
        QTest::qWait(50);
    }
    QTRY_COMPARE(m_map->drawnSymbols(), 30);
}

void TstCityMapItem::flyToIncidentCentresIt()
{
    const QPointF place(108.95, 34.55);
    addIncident(QStringLiteral("flood-7"), place, 2);
    QVERIFY(!m_map->flyToIncident(QStringLiteral("nope")));
    QVERIFY(m_map->flyToIncident(QStringLiteral("flood-7"), 15));
    QTRY_COMPARE(m_map->zoom(), 15.0);
    const QPointF centre = m_map->project(place.x(), place.y());
    QVERIFY(QLineF(centre, QPointF(800, 500)).length() < 1);
}

void TstCityMapItem::gcj02BasemapShiftsTheLayersToMatch()
{
    // A GCJ-02 basemap with a red dot where a Chinese web map would draw 秦都区's seat (zoom 12).
    const int z = 12;
    const QPointF world = WebMercator::toWorld(wgs84ToGcj02(qindu)) * (1 << z);
    const TileId tile { z, int(world.x()), int(world.y()) };
    const QPoint dot(int((world.x() - tile.x) * 256), int((world.y() - tile.y) * 256));
    QVERIFY2(QRect(8, 8, 240, 240).contains(dot), "pick a place away from the tile's edge");
    QImage image(256, 256, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0x20, 0x20, 0x20));
    for (int y = -4; y <= 4; ++y) {
        for (int x = -4; x <= 4; ++x)
            image.setPixelColor(dot + QPoint(x, y), QColor(255, 0, 0));
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gcj.mbtiles"));
    MbTilesWriter writer;
    QString error;
    QVERIFY2(writer.create(path, QStringLiteral("test"), QRectF(QPointF(107, 34), QPointF(110, 36)), z, z,
                 QStringLiteral("test"), &error),
        qPrintable(error));
    QVERIFY2(writer.addTile(tile, image, &error), qPrintable(error));
    QVERIFY2(writer.finish(&error), qPrintable(error));
    m_layers->setVisible(QStringLiteral("districts"), false);
    m_layers->setVisible(QStringLiteral("outline"), false);

    const QColor red(255, 0, 0);
    const auto redAtTheSeat = [&] {
        const QImage shot = m_window->grabWindow();
        return countNear(shot, m_map->project(qindu.x(), qindu.y()), 2, red, 30);
    };
    m_map->setBasemapDatum(QStringLiteral("gcj02"));
    m_map->setBasemap(path);
    QCOMPARE(m_map->basemapError(), QString());
    QCOMPARE(m_map->displayDatumName(), QStringLiteral("gcj02"));
    m_map->setZoom(z);
    m_map->setCenter(qindu);
    QTRY_VERIFY(m_map->drawnTiles() > 0 && redAtTheSeat() >= 20); // WGS-84 data lands on the GCJ-02 picture

    // The same tiles declared WGS-84: the dot is a few hundred metres (> 5 px at zoom 12) away.
    m_map->setBasemapDatum(QStringLiteral("wgs84"));
    QCOMPARE(m_map->displayDatumName(), QStringLiteral("wgs84"));
    QTRY_VERIFY(m_map->drawnTiles() > 0
        && countNear(m_window->grabWindow(), m_map->project(qindu.x(), qindu.y()), 12, red, 30) > 0);
    QCOMPARE(redAtTheSeat(), 0);
    // ... and a pan carries the basemap along with everything else.
    m_map->panBy(100, 0);
    const QImage panned = m_window->grabWindow();
    const QPointF seat = m_map->project(qindu.x(), qindu.y());
    QVERIFY(countNear(panned, seat, 12, red, 30) > 0);
    QCOMPARE(countNear(panned, seat, 2, red, 30), 0);
}

void TstCityMapItem::unreadableBasemapIsReportedAndTheVectorMapStays()
{
    m_map->setBasemap(QStringLiteral("/nonexistent/city.mbtiles"));
    QVERIFY(!m_map->basemapError().isEmpty());
    QCOMPARE(m_map->displayDatumName(), QStringLiteral("wgs84"));
    const QImage image = grabWhenTilesAreIn();
    QVERIFY(!image.isNull());
}

QTEST_MAIN(TstCityMapItem)
#include "tst_citymapitem.moc"
