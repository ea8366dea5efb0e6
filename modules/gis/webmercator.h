#pragma once

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QTransform>

namespace citybrain {

// Spherical Web Mercator (EPSG:3857) plus a "fit these bounds into that viewport" view transform.
//
// World coordinates are the normalised Mercator plane used by slippy-map tiles: x in [0, 1] from
// 180 W to 180 E, y in [0, 1] from 85.05 N down to 85.05 S (y grows south, like screen pixels).
// A view maps the world plane to screen pixels with one uniform scale and an offset, so shapes keep
// their aspect ratio. Project geometry to world coordinates once (toWorld) and re-use it for every
// view (worldToScreen()); the scene-graph map engine is meant to share this class.
class WebMercator
{
public:
    static constexpr double maxLatitude = 85.0511287798066;

    [[nodiscard]] static QPointF toWorld(const QPointF& lonLat);
    [[nodiscard]] static QPointF toLonLat(const QPointF& world);
    [[nodiscard]] static QPolygonF toWorld(const QPolygonF& lonLat);
    // The world-plane rectangle of a lon/lat rectangle (x = lon, y = lat).
    [[nodiscard]] static QRectF toWorld(const QRectF& lonLatBounds);

    WebMercator() = default;
    // A view that fits lonLatBounds into viewport, inset by margin pixels on every side, keeping the
    // aspect ratio and centring the slack. Invalid (isValid() false) if either rectangle is empty.
    WebMercator(const QRectF& lonLatBounds, const QRectF& viewport, qreal margin);

    [[nodiscard]] bool isValid() const { return m_scale > 0; }
    // Screen pixels per world unit (the world plane is 1 unit wide).
    [[nodiscard]] qreal scale() const { return m_scale; }
    [[nodiscard]] QTransform worldToScreen() const;

    [[nodiscard]] QPointF project(const QPointF& lonLat) const;
    [[nodiscard]] QPointF unproject(const QPointF& screen) const;

private:
    qreal m_scale = 0;
    QPointF m_offset; // screen position of the world origin
};

} // namespace citybrain
