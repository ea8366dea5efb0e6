#include "webmercator.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace citybrain {

QPointF WebMercator::toWorld(const QPointF& lonLat)
{
    const double lat = std::clamp(lonLat.y(), -maxLatitude, maxLatitude);
    const double sinLat = std::sin(qDegreesToRadians(lat));
    const double x = lonLat.x() / 360.0 + 0.5;
    const double y = 0.5 - std::log((1 + sinLat) / (1 - sinLat)) / (4 * M_PI);
    return { x, y };
}

QPointF WebMercator::toLonLat(const QPointF& world)
{
    const double lon = (world.x() - 0.5) * 360.0;
    const double lat = qRadiansToDegrees(2 * std::atan(std::exp((0.5 - world.y()) * 2 * M_PI)) - M_PI / 2);
    return { lon, lat };
}

QPolygonF WebMercator::toWorld(const QPolygonF& lonLat)
{
    QPolygonF world;
    world.reserve(lonLat.size());
    for (const QPointF& point : lonLat)
        world.append(toWorld(point));
    return world;
}

QRectF WebMercator::toWorld(const QRectF& lonLatBounds)
{
    // Lat grows north and world y south: the lon/lat rectangle's bottom() (max lat) becomes the top.
    return QRectF(toWorld(QPointF(lonLatBounds.left(), lonLatBounds.bottom())),
        toWorld(QPointF(lonLatBounds.right(), lonLatBounds.top())));
}

WebMercator::WebMercator(const QRectF& lonLatBounds, const QRectF& viewport, qreal margin)
{
    const QRectF world = toWorld(lonLatBounds).normalized();
    const QRectF inner = viewport.adjusted(margin, margin, -margin, -margin);
    if (world.width() <= 0 || world.height() <= 0 || inner.width() <= 0 || inner.height() <= 0)
        return;
    m_scale = std::min(inner.width() / world.width(), inner.height() / world.height());
    m_offset = inner.center() - world.center() * m_scale;
}

QTransform WebMercator::worldToScreen() const
{
    return QTransform(m_scale, 0, 0, m_scale, m_offset.x(), m_offset.y());
}

QPointF WebMercator::project(const QPointF& lonLat) const
{
    return toWorld(lonLat) * m_scale + m_offset;
}

QPointF WebMercator::unproject(const QPointF& screen) const
{
    if (!isValid())
        return {};
    return toLonLat((screen - m_offset) / m_scale);
}

} // namespace citybrain
