#include "mapviewport.h"

#include "webmercator.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {
constexpr double earthCircumferenceMeters = 40075016.686;
constexpr double tileSize = 256;
} // namespace

void MapViewport::setSize(const QSizeF& pixels)
{
    m_size = pixels;
}

void MapViewport::setCenterWorld(const QPointF& world)
{
    m_center = QPointF(std::clamp(world.x(), 0.0, 1.0), std::clamp(world.y(), 0.0, 1.0));
}

void MapViewport::setZoom(double zoom)
{
    if (std::isfinite(zoom))
        m_zoom = std::clamp(zoom, m_minZoom, m_maxZoom);
}

void MapViewport::setZoomLimits(double minZoom, double maxZoom)
{
    if (!std::isfinite(minZoom) || !std::isfinite(maxZoom))
        return;
    m_minZoom = std::clamp(minZoom, 0.0, 22.0);
    m_maxZoom = std::clamp(maxZoom, m_minZoom, 22.0);
    setZoom(m_zoom);
}

double MapViewport::scale() const
{
    return tileSize * std::exp2(m_zoom);
}

QPointF MapViewport::worldToScreen(const QPointF& world) const
{
    return (world - m_center) * scale() + QPointF(m_size.width() / 2, m_size.height() / 2);
}

QPointF MapViewport::screenToWorld(const QPointF& screen) const
{
    return (screen - QPointF(m_size.width() / 2, m_size.height() / 2)) / scale() + m_center;
}

QRectF MapViewport::worldRect() const
{
    const double s = scale();
    const QSizeF worldSize(m_size.width() / s, m_size.height() / s);
    return { m_center - QPointF(worldSize.width() / 2, worldSize.height() / 2), worldSize };
}

double MapViewport::metersPerPixel() const
{
    const double lat = WebMercator::toLonLat(m_center).y();
    return earthCircumferenceMeters * std::cos(qDegreesToRadians(lat)) / scale();
}

void MapViewport::zoomAbout(double steps, const QPointF& anchor)
{
    const QPointF before = screenToWorld(anchor);
    setZoom(m_zoom + steps);
    // Keep `before` under the anchor: move the centre by the anchor's new offset.
    const QPointF after = screenToWorld(anchor);
    setCenterWorld(m_center + (before - after));
}

void MapViewport::panByPixels(const QPointF& delta)
{
    setCenterWorld(m_center - delta / scale());
}

void MapViewport::fit(const QRectF& worldRect, double margin)
{
    const QRectF rect = worldRect.normalized();
    const double innerWidth = m_size.width() - 2 * margin;
    const double innerHeight = m_size.height() - 2 * margin;
    if (rect.isNull() || innerWidth <= 0 || innerHeight <= 0)
        return;
    m_center = rect.center();
    if (rect.width() <= 0 && rect.height() <= 0)
        return; // a single point: keep the zoom
    const double sx = rect.width() > 0 ? innerWidth / rect.width() : HUGE_VAL;
    const double sy = rect.height() > 0 ? innerHeight / rect.height() : HUGE_VAL;
    setZoom(std::log2(std::min(sx, sy) / tileSize));
}

} // namespace citybrain
