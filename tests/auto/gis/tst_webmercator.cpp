#include "webmercator.h"

#include <QTest>

#include <cmath>

using citybrain::WebMercator;

class TestWebMercator : public QObject
{
    Q_OBJECT

private slots:
    void worldPlaneCorners();
    void worldRoundTrip();
    void degreeOfLatitudeStretchesByOneOverCosLatitude();
    void fitKeepsAspectAndCentres();
    void fitIsInvalidForEmptyViewport();
    void projectUnprojectRoundTrip();
    void worldToScreenMatchesProject();

private:
    const QRectF m_xianyang { QPointF(107.647253, 34.196351), QPointF(109.172579, 35.544631) };
};

void TestWebMercator::worldPlaneCorners()
{
    QCOMPARE(WebMercator::toWorld(QPointF(0, 0)), QPointF(0.5, 0.5));
    const QPointF northWest = WebMercator::toWorld(QPointF(-180, WebMercator::maxLatitude));
    QVERIFY(qAbs(northWest.x()) < 1e-12);
    QVERIFY(qAbs(northWest.y()) < 1e-9);
    // Latitudes beyond the Mercator limit clamp instead of running off to infinity.
    QVERIFY(std::isfinite(WebMercator::toWorld(QPointF(0, 90)).y()));
}

void TestWebMercator::worldRoundTrip()
{
    const QPointF lonLat(108.7093, 34.3296);
    const QPointF back = WebMercator::toLonLat(WebMercator::toWorld(lonLat));
    QVERIFY(qAbs(back.x() - lonLat.x()) < 1e-9);
    QVERIFY(qAbs(back.y() - lonLat.y()) < 1e-9);
}

void TestWebMercator::degreeOfLatitudeStretchesByOneOverCosLatitude()
{
    const double lat = 34.8;
    const QPointF a = WebMercator::toWorld(QPointF(108.4, lat - 0.005));
    const QPointF b = WebMercator::toWorld(QPointF(108.41, lat + 0.005));
    const double ratio = std::abs(b.y() - a.y()) / std::abs(b.x() - a.x());
    QVERIFY2(qAbs(ratio - 1 / std::cos(qDegreesToRadians(lat))) < 1e-4, qPrintable(QString::number(ratio)));
}

void TestWebMercator::fitKeepsAspectAndCentres()
{
    const QRectF viewport(0, 0, 1600, 1000);
    const WebMercator view(m_xianyang, viewport, 20);
    QVERIFY(view.isValid());
    const QPointF topLeft = view.project(QPointF(m_xianyang.left(), m_xianyang.bottom()));
    const QPointF bottomRight = view.project(QPointF(m_xianyang.right(), m_xianyang.top()));
    const QRectF drawn(topLeft, bottomRight);
    // Xianyang is taller than wide in Mercator: it fills the height minus margins, centred horizontally.
    QVERIFY(qAbs(drawn.top() - 20) < 1e-6);
    QVERIFY(qAbs(drawn.bottom() - 980) < 1e-6);
    QVERIFY(qAbs(drawn.center().x() - 800) < 1e-6);
    const QRectF world = WebMercator::toWorld(m_xianyang);
    QVERIFY(qAbs(drawn.width() / drawn.height() - world.width() / world.height()) < 1e-9);
}

void TestWebMercator::fitIsInvalidForEmptyViewport()
{
    QVERIFY(!WebMercator(m_xianyang, QRectF(0, 0, 30, 30), 20).isValid());
    QVERIFY(!WebMercator(QRectF(), QRectF(0, 0, 300, 300), 0).isValid());
    QCOMPARE(WebMercator().unproject(QPointF(1, 1)), QPointF());
}

void TestWebMercator::projectUnprojectRoundTrip()
{
    const WebMercator view(m_xianyang, QRectF(0, 0, 3840, 2160), 40);
    const QPointF lonLat(108.2, 35.1);
    const QPointF back = view.unproject(view.project(lonLat));
    QVERIFY(qAbs(back.x() - lonLat.x()) < 1e-9);
    QVERIFY(qAbs(back.y() - lonLat.y()) < 1e-9);
}

void TestWebMercator::worldToScreenMatchesProject()
{
    const WebMercator view(m_xianyang, QRectF(0, 0, 1920, 1080), 10);
    const QPointF lonLat(108.9, 34.5);
    const QPointF viaTransform = view.worldToScreen().map(WebMercator::toWorld(lonLat));
    const QPointF direct = view.project(lonLat);
    QVERIFY(QLineF(viaTransform, direct).length() < 1e-6);
}

QTEST_APPLESS_MAIN(TestWebMercator)
#include "tst_webmercator.moc"
