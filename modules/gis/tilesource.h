#pragma once

#include "coordinates.h"

#include <QImage>
#include <QRectF>
#include <QString>
#include <QtGlobal>

#include <cmath>
#include <functional>

namespace citybrain {

// A slippy-map tile address (XYZ scheme: y = 0 at the north edge). `quarter` (0..3) adds quarter zoom
// levels for sources that can draw any scale (the vector layers): tile (z, x, y, q) spans
// 2^-(z + q/4) of the world, so a map resting on a quarter-step zoom shows its tiles pixel for pixel,
// without resampling. Raster basemaps use quarter 0 only. The grids of (z, q) and (z - 1, q) nest.
struct TileId
{
    int z = 0;
    int x = 0;
    int y = 0;
    int quarter = 0;

    [[nodiscard]] double tilesPerSide() const { return std::exp2(z + quarter / 4.0); }
    [[nodiscard]] bool isValid() const
    {
        return z >= 0 && z <= 24 && quarter >= 0 && quarter <= 3 && x >= 0 && y >= 0 && x < tilesPerSide()
            && y < tilesPerSide();
    }
    // The tile's square in the Web Mercator unit plane.
    [[nodiscard]] QRectF worldRect() const;
    [[nodiscard]] TileId parent() const { return { z - 1, x / 2, y / 2, quarter }; }
    [[nodiscard]] quint64 key() const
    {
        return (quint64(z) << 59) | (quint64(quarter) << 57) | (quint64(x) << 29) | quint64(y);
    }
    friend bool operator==(const TileId& a, const TileId& b)
    {
        return a.z == b.z && a.x == b.x && a.y == b.y && a.quarter == b.quarter;
    }
};

inline constexpr int tilePixels = 256;

// Where tiles come from: an MBTiles basemap or the vector layers rendered on demand. tile() runs on the
// tile loader's worker thread, never on the GUI thread, and must be safe to call from it while the GUI
// thread keeps the source alive.
class TileSource
{
public:
    virtual ~TileSource() = default;
    // A tilePixels x tilePixels image (ARGB32 premultiplied), or a null image when the source has no
    // tile there (the map then scales an ancestor or shows the vector layers alone).
    [[nodiscard]] virtual QImage tile(const TileId& id) = 0;
    [[nodiscard]] virtual int minZoom() const = 0;
    [[nodiscard]] virtual int maxZoom() const = 0;
    // The datum the tiles are drawn in: a GCJ-02 basemap makes the map draw every layer in GCJ-02.
    [[nodiscard]] virtual Datum datum() const = 0;
    // Changes whenever the same TileId would give a different picture (vector layers edited).
    [[nodiscard]] virtual quint64 revision() const { return 0; }
};

} // namespace citybrain
