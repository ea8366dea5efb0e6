#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace citybrain {

// Where a map looks: a centre in world coordinates (Web Mercator unit plane) and a fractional zoom
// (256 * 2^zoom screen pixels span the world), on a viewport of a given pixel size. Pure value type:
// the map item keeps one; tests check the arithmetic without a window.
class MapViewport
{
public:
    MapViewport() = default;

    void setSize(const QSizeF& pixels);
    [[nodiscard]] QSizeF size() const { return m_size; }
    void setCenterWorld(const QPointF& world); // clamped into the world plane
    [[nodiscard]] QPointF centerWorld() const { return m_center; }
    void setZoom(double zoom); // clamped to the limits
    [[nodiscard]] double zoom() const { return m_zoom; }
    void setZoomLimits(double minZoom, double maxZoom);
    [[nodiscard]] double minZoom() const { return m_minZoom; }
    [[nodiscard]] double maxZoom() const { return m_maxZoom; }

    // Screen pixels per world unit.
    [[nodiscard]] double scale() const;
    [[nodiscard]] QPointF worldToScreen(const QPointF& world) const;
    [[nodiscard]] QPointF screenToWorld(const QPointF& screen) const;
    // The world rectangle the viewport shows.
    [[nodiscard]] QRectF worldRect() const;
    // Ground metres per screen pixel at the centre's latitude.
    [[nodiscard]] double metersPerPixel() const;

    // Zooms by `steps` (1 doubles the scale) keeping the world point under `anchor` (screen) in place.
    void zoomAbout(double steps, const QPointF& anchor);
    void panByPixels(const QPointF& delta); // the content moves by delta
    // Centre and zoom showing worldRect whole inside the viewport inset by margin (zoom clamped).
    void fit(const QRectF& worldRect, double margin);

private:
    QSizeF m_size;
    QPointF m_center { 0.5, 0.5 };
    double m_zoom = 9;
    double m_minZoom = 3;
    double m_maxZoom = 19;
};

} // namespace citybrain
