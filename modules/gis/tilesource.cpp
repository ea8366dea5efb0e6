#include "tilesource.h"

namespace citybrain {

QRectF TileId::worldRect() const
{
    const double tiles = tilesPerSide();
    return QRectF(x / tiles, y / tiles, 1.0 / tiles, 1.0 / tiles);
}

} // namespace citybrain
