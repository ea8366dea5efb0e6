#pragma once

#include <QImage>
#include <QRectF>

namespace citybrain {

class MarkerSet;

// The incident density layer: every marker of a set spread as a Gaussian of `sigmaMeters` (heavier
// for a higher category: weight 1 + category), summed on a grid over the markers' extent, normalised
// to the densest cell and coloured from transparent blue through yellow to red. The map scales the
// image over `worldRect`, so panning and zooming never recompute it; only new markers do.
struct HeatImage
{
    QImage image; // ARGB32 premultiplied; null when the set is empty
    QRectF worldRect;
};

[[nodiscard]] HeatImage renderHeat(const MarkerSet& markers, double sigmaMeters = 1500, int maxCells = 256);

} // namespace citybrain
