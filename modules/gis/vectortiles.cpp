#include "vectortiles.h"

#include <QMutexLocker>
#include <QPainter>
#include <QPainterPath>
#include <QPen>

#include <cmath>
#include <utility>

namespace citybrain {

namespace {

// Shapes are clipped to the tile grown by this much (pixels) beyond the stroke half-width, so the edges
// clipping adds to a polygon lie outside the picture and antialiasing at the tile border is unaffected.
constexpr double clipSlack = 2.0;

struct PixelRect
{
    double left;
    double top;
    double right;
    double bottom;
};

// World -> tile pixels, in double: at zoom 18 a world coordinate times 256 * 2^z is ~1e8, beyond what
// QPainter's fixed-point rasteriser takes, so coordinates are made tile-relative before QPainter sees them.
struct TileTransform
{
    double originX;
    double originY;
    double scale;

    [[nodiscard]] QPointF map(const QPointF& world) const
    {
        return { (world.x() - originX) * scale, (world.y() - originY) * scale };
    }
};

QPolygonF toPixels(const QPolygonF& ring, const TileTransform& transform)
{
    QPolygonF pixels;
    pixels.reserve(ring.size());
    for (const QPointF& point : ring)
        pixels.append(transform.map(point));
    return pixels;
}

// Sutherland-Hodgman against one edge of the rect. `inside` tells a point is on the kept side,
// `cross` the intersection of a segment with the edge.
template <typename Inside, typename Cross> QPolygonF clipEdge(const QPolygonF& input, Inside inside, Cross cross)
{
    QPolygonF output;
    if (input.isEmpty())
        return output;
    output.reserve(input.size() + 4);
    QPointF previous = input.last();
    bool previousInside = inside(previous);
    for (const QPointF& current : input) {
        const bool currentInside = inside(current);
        if (currentInside != previousInside)
            output.append(cross(previous, current));
        if (currentInside)
            output.append(current);
        previous = current;
        previousInside = currentInside;
    }
    return output;
}

// The part of a closed ring inside the rect, as a ring whose odd-even interior inside the rect is the
// original's. Edges it adds run along the rect's border.
QPolygonF clipRing(const QPolygonF& ring, const PixelRect& r)
{
    auto atX = [](const QPointF& a, const QPointF& b, double x) {
        return QPointF(x, a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x()));
    };
    auto atY = [](const QPointF& a, const QPointF& b, double y) {
        return QPointF(a.x() + (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()), y);
    };
    QPolygonF out = clipEdge(
        ring, [&](const QPointF& p) { return p.x() >= r.left; },
        [&](const QPointF& a, const QPointF& b) { return atX(a, b, r.left); });
    out = clipEdge(
        out, [&](const QPointF& p) { return p.x() <= r.right; },
        [&](const QPointF& a, const QPointF& b) { return atX(a, b, r.right); });
    out = clipEdge(
        out, [&](const QPointF& p) { return p.y() >= r.top; },
        [&](const QPointF& a, const QPointF& b) { return atY(a, b, r.top); });
    out = clipEdge(
        out, [&](const QPointF& p) { return p.y() <= r.bottom; },
        [&](const QPointF& a, const QPointF& b) { return atY(a, b, r.bottom); });
    return out;
}

double signedArea(const QPolygonF& ring)
{
    double area = 0;
    for (qsizetype i = 0, n = ring.size(); i < n; ++i) {
        const QPointF& a = ring.at(i);
        const QPointF& b = ring.at((i + 1) % n);
        area += a.x() * b.y() - b.x() * a.y();
    }
    return area / 2;
}

// Liang-Barsky: clips segment a-b to the rect; false when nothing is left. t0/t1 are the kept range.
bool clipSegment(const QPointF& a, const QPointF& b, const PixelRect& r, double* t0, double* t1)
{
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    const double p[4] = { -dx, dx, -dy, dy };
    const double q[4] = { a.x() - r.left, r.right - a.x(), a.y() - r.top, r.bottom - a.y() };
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            lo = std::max(lo, t);
        else
            hi = std::min(hi, t);
        if (lo > hi)
            return false;
    }
    *t0 = lo;
    *t1 = hi;
    return true;
}

// A visible run of a line, with how far along the whole line (pixels) it starts, so dashes line up
// across tile borders.
struct LinePiece
{
    QPolygonF points;
    double startLength = 0;
};

std::vector<LinePiece> clipLine(const QPolygonF& line, bool closed, const PixelRect& r)
{
    std::vector<LinePiece> pieces;
    const qsizetype n = line.size();
    const qsizetype segments = closed && n > 2 && line.first() != line.last() ? n : n - 1;
    double length = 0;
    bool open = false; // the last piece continues
    for (qsizetype i = 0; i < segments; ++i) {
        const QPointF a = line.at(i);
        const QPointF b = line.at((i + 1) % n);
        const double segmentLength = std::hypot(b.x() - a.x(), b.y() - a.y());
        double t0 = 0;
        double t1 = 1;
        if (!clipSegment(a, b, r, &t0, &t1)) {
            open = false;
        } else {
            const QPointF from = a + (b - a) * t0;
            const QPointF to = a + (b - a) * t1;
            if (!open || t0 > 0) {
                pieces.push_back({ QPolygonF { from }, length + segmentLength * t0 });
            }
            pieces.back().points.append(to);
            open = t1 >= 1;
        }
        length += segmentLength;
    }
    return pieces;
}

bool paintScene(QPainter& painter, const VectorScene& scene, const TileId& id)
{
    const QRectF tileWorld = id.worldRect();
    const TileTransform transform { tileWorld.x(), tileWorld.y(), double(tilePixels) * id.tilesPerSide() };
    bool touched = false;
    for (const VectorShape& shape : scene.shapes) {
        const VectorStyle& style = shape.style;
        const bool fill = shape.closed && style.fill.isValid() && style.fill.alpha() > 0;
        const bool stroke = style.stroke.isValid() && style.stroke.alpha() > 0 && style.strokePixels > 0;
        if ((!fill && !stroke) || shape.rings.empty())
            continue;
        const double margin = (stroke ? style.strokePixels / 2 : 0) + clipSlack;
        QRectF bounds = shape.worldBounds;
        if (bounds.isNull()) {
            for (const QPolygonF& ring : shape.rings)
                bounds = bounds.united(ring.boundingRect());
        }
        const double worldMargin = margin / transform.scale;
        // Grown by the margin, so a zero-height bound (a horizontal line) still has an area to intersect.
        if (!bounds.adjusted(-worldMargin, -worldMargin, worldMargin, worldMargin).intersects(tileWorld))
            continue;

        const PixelRect clip { -margin, -margin, tilePixels + margin, tilePixels + margin };
        if (fill) {
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill);
            for (const QPolygonF& ring : shape.rings) {
                if (ring.size() < 3)
                    continue;
                const QPolygonF clipped = clipRing(toPixels(ring, transform), clip);
                if (clipped.size() < 3 || std::abs(signedArea(clipped)) < 1e-6)
                    continue;
                path.addPolygon(clipped);
                path.closeSubpath();
            }
            if (!path.isEmpty()) {
                painter.fillPath(path, style.fill);
                touched = true;
            }
        }
        if (stroke) {
            QPen pen(style.stroke, style.strokePixels, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            pen.setCosmetic(true);
            if (style.dashed)
                pen.setDashPattern({ 4.0, 3.0 });
            QPainterPath solid;
            for (const QPolygonF& ring : shape.rings) {
                if (ring.size() < 2)
                    continue;
                const std::vector<LinePiece> pieces = clipLine(toPixels(ring, transform), shape.closed, clip);
                for (const LinePiece& piece : pieces) {
                    touched = true;
                    if (style.dashed) {
                        pen.setDashOffset(piece.startLength / style.strokePixels);
                        painter.setPen(pen);
                        painter.drawPolyline(piece.points);
                    } else {
                        solid.addPolygon(piece.points);
                    }
                }
            }
            if (!solid.isEmpty())
                painter.strokePath(solid, pen);
        }
    }
    return touched;
}

QImage renderTile(const VectorScene& scene, const TileId& id, const QColor& background, bool* touched)
{
    QImage image(tilePixels, tilePixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(background.isValid() ? background : QColor(Qt::transparent));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    *touched = paintScene(painter, scene, id);
    painter.end();
    return image;
}

bool anyOpaquePixel(const QImage& image)
{
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(line[x]) != 0)
                return true;
        }
    }
    return false;
}

} // namespace

VectorTileSource::VectorTileSource(Datum displayDatum)
    : m_datum(displayDatum)
{ }

void VectorTileSource::setScene(std::shared_ptr<const VectorScene> scene)
{
    {
        QMutexLocker lock(&m_mutex);
        std::swap(m_scene, scene);
        ++m_revision;
    }
    // The old scene (now in `scene`) is released here, outside the lock, unless a tile still draws it.
}

quint64 VectorTileSource::revision() const
{
    QMutexLocker lock(&m_mutex);
    return m_revision;
}

QImage VectorTileSource::tile(const TileId& id)
{
    std::shared_ptr<const VectorScene> scene;
    {
        QMutexLocker lock(&m_mutex);
        scene = m_scene;
    }
    if (!scene || !id.isValid())
        return {};
    bool touched = false;
    QImage image = renderTile(*scene, id, QColor(), &touched);
    // A tile inside a shape's bounds but outside the shape itself (a bay of a concave district) is empty.
    if (!touched || !anyOpaquePixel(image))
        return {};
    return image;
}

QImage VectorTileSource::render(const VectorScene& scene, const TileId& id, const QColor& background)
{
    if (!id.isValid())
        return {};
    bool touched = false;
    return renderTile(scene, id, background, &touched);
}

} // namespace citybrain
