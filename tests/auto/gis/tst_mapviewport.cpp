#include "mapviewport.h"
#include "webmercator.h"

#include <QtTest>

using namespace citybrain;

namespace {
// Xianyang's city centre (秦都区).
const QPointF xianyang(108.7093, 34.3296);

MapViewport viewAt(const QPointF& lonLat, double zoom)
{
    MapViewport view;
    view.setSize(QSizeF(1920, 1080));
    view.setZoomLimits(0, 20);
    view.setCenterWorld(WebMercator::toWorld(lonLat));
    view.setZoom(zoom);
    return view;
}
} // namespace

class TstMapViewport : public QObject
{
    Q_OBJECT

private slots:
    void centreIsInTheMiddleOfTheScreen()
    {
        const MapViewport view = viewAt(xianyang, 12);
        const QPointF screen = view.worldToScreen(WebMercator::toWorld(xianyang));
        QCOMPARE(screen, QPointF(960, 540));
    }

    void screenAndWorldRoundTrip()
    {
        const MapViewport view = viewAt(xianyang, 13.4);
        const QPointF screen(123.5, 987.25);
        const QPointF back = view.worldToScreen(view.screenToWorld(screen));
        QVERIFY(qAbs(back.x() - screen.x()) < 1e-6);
        QVERIFY(qAbs(back.y() - screen.y()) < 1e-6);
    }

    void oneZoomStepDoublesTheScale()
    {
        MapViewport view = viewAt(xianyang, 10);
        const double before = view.scale();
        view.setZoom(11);
        QCOMPARE(view.scale(), 2 * before);
    }

    void zoomAboutKeepsTheAnchoredPlaceUnderTheCursor()
    {
        MapViewport view = viewAt(xianyang, 11);
        const QPointF cursor(300, 200);
        const QPointF place = view.screenToWorld(cursor);
        view.zoomAbout(1.5, cursor);
        QCOMPARE(view.zoom(), 12.5);
        const QPointF screen = view.worldToScreen(place);
        QVERIFY2(qAbs(screen.x() - cursor.x()) < 1e-6 && qAbs(screen.y() - cursor.y()) < 1e-6,
            qPrintable(QStringLiteral("the place moved to %1,%2").arg(screen.x()).arg(screen.y())));
    }

    void zoomStaysWithinLimits()
    {
        MapViewport view = viewAt(xianyang, 11);
        view.setZoomLimits(8, 16);
        view.zoomAbout(20, QPointF(10, 10));
        QCOMPARE(view.zoom(), 16.0);
        view.setZoom(-3);
        QCOMPARE(view.zoom(), 8.0);
        view.setZoom(qQNaN());
        QCOMPARE(view.zoom(), 8.0);
    }

    void panMovesTheContentWithTheDrag()
    {
        MapViewport view = viewAt(xianyang, 12);
        const QPointF place = view.screenToWorld(QPointF(500, 500));
        view.panByPixels(QPointF(40, -30));
        const QPointF screen = view.worldToScreen(place);
        QVERIFY(qAbs(screen.x() - 540) < 1e-6);
        QVERIFY(qAbs(screen.y() - 470) < 1e-6);
    }

    void fitShowsTheWholeRectangle()
    {
        MapViewport view = viewAt(xianyang, 3);
        const QRectF city = WebMercator::toWorld(QRectF(QPointF(107.6, 34.1), QPointF(109.2, 35.6))).normalized();
        view.fit(city, 24);
        const QRectF shown = view.worldRect();
        QVERIFY(shown.contains(city));
        // Tight on one axis: the rectangle fills the viewport less the margins.
        const QPointF topLeft = view.worldToScreen(city.topLeft());
        const QPointF bottomRight = view.worldToScreen(city.bottomRight());
        const bool tightX = qAbs(topLeft.x() - 24) < 0.5 && qAbs(bottomRight.x() - 1896) < 0.5;
        const bool tightY = qAbs(topLeft.y() - 24) < 0.5 && qAbs(bottomRight.y() - 1056) < 0.5;
        QVERIFY(tightX || tightY);
    }

    void metersPerPixelMatchesTheSlippyMapTable()
    {
        // At zoom 0 on the equator one pixel is 156,543 m; it halves per zoom and shrinks with cos(lat).
        MapViewport view = viewAt(QPointF(0, 0), 0);
        QVERIFY(qAbs(view.metersPerPixel() - 156543.03) < 0.1);
        view = viewAt(xianyang, 12);
        const double expected = 156543.03 / 4096 * std::cos(qDegreesToRadians(34.3296));
        QVERIFY(qAbs(view.metersPerPixel() - expected) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TstMapViewport)
#include "tst_mapviewport.moc"
