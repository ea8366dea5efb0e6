#pragma once

#include "coordinates.h"
#include "tilesource.h"

#include <QColor>
#include <QMutex>
#include <QPolygonF>
#include <QRectF>

#include <memory>
#include <vector>

namespace citybrain {

struct VectorStyle
{
    QColor fill; // invalid: not filled (lines, outlines)
    QColor stroke; // invalid: not stroked
    qreal strokePixels = 1.5; // screen pixels at any zoom
    bool dashed = false;
};

// A polygon (outer ring + holes, odd-even filled) or a polyline, in world coordinates (Web Mercator
// unit plane), already in the display datum.
struct VectorShape
{
    std::vector<QPolygonF> rings;
    bool closed = true; // polygon; false: every ring is an open polyline
    VectorStyle style;
    QRectF worldBounds;
};

// Everything the vector tile layer draws, bottom to top. Immutable once shared: the map builds a new
// scene when a layer changes and hands it over whole.
struct VectorScene
{
    std::vector<VectorShape> shapes;
};

// Renders the polygon and line layers (districts, city outline, dynamic GeoJSON polygons) into tiles
// with QPainter, so panning moves finished tiles and only a zoom step renders new ones. setScene()
// runs on the GUI thread, tile() on the loader's worker.
class VectorTileSource : public TileSource
{
public:
    explicit VectorTileSource(Datum displayDatum = Datum::Wgs84);

    void setScene(std::shared_ptr<const VectorScene> scene); // bumps revision()
    [[nodiscard]] QImage tile(const TileId& id) override; // null when no shape touches the tile
    [[nodiscard]] int minZoom() const override { return 0; }
    [[nodiscard]] int maxZoom() const override { return 22; }
    [[nodiscard]] Datum datum() const override { return m_datum; }
    [[nodiscard]] quint64 revision() const override;

    // Draws `scene` into a tilePixels image of tile `id` (for tile() and for the basemap generator).
    [[nodiscard]] static QImage render(const VectorScene& scene, const TileId& id, const QColor& background = {});

private:
    Datum m_datum;
    mutable QMutex m_mutex;
    std::shared_ptr<const VectorScene> m_scene;
    quint64 m_revision = 0;
};

} // namespace citybrain
