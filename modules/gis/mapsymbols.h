#pragma once

#include <QColor>
#include <QRectF>
#include <QtGlobal>

#include <array>

class QPainter;

namespace citybrain {

// The shapes a map marker takes. Incidents use the Theme's severity shapes (dot, ringed dot, triangle,
// diamond: Theme.severityMarkers), so a colour-blind operator reads severity from the shape too;
// sensors use dot (normal), triangle (warning), square (alarm) and a hollow ring (offline).
enum class SymbolShape : quint8 { Dot, RingedDot, Triangle, Diamond, Square, HollowRing, Camera, Halo };

// Paints one marker centred in `cell`, filling it (the outline stays inside the cell). Halo is a soft
// ring filling the whole cell, drawn behind markers that pulse.
void paintMarkerSymbol(QPainter& painter, const QRectF& cell, SymbolShape shape, const QColor& fill,
    const QColor& outline, qreal outlineWidth);

// Paints a cluster: a ring split into arcs proportional to `byCategory` (clockwise from 12 o'clock,
// most severe category first) in `colors`, around a filled disc of `centre`. The count is not painted
// here: the map draws it with digit symbols (paintDigitSymbol) so one ring serves every count.
void paintClusterRing(QPainter& painter, const QRectF& cell, const std::array<int, 4>& byCategory,
    const std::array<QColor, 4>& colors, const QColor& centre, qreal ringWidth);

// One character of a cluster count ('0'..'9', 'k', '+') centred in `cell`, bold, in `color` with a
// thin dark outline so it reads on any ring colour.
void paintDigitSymbol(
    QPainter& painter, const QRectF& cell, QChar digit, const QColor& color, const QString& fontFamily);

// Cluster proportions rounded to sixteenths, so the atlas holds few distinct rings; the result sums to
// 16 and keeps every non-empty category at least 1.
[[nodiscard]] std::array<int, 4> quantizeShares(const std::array<int, 4>& byCategory);

// The short text of a cluster count: "7", "86", "999", "1.2k", "12k", "99k+"; at most 4 characters.
[[nodiscard]] QString clusterCountText(int count);

// Atlas keys: every input that changes the picture goes into the key. The three kinds never collide
// (the top two bits name the kind). Keys are exact (distinct inputs give distinct keys) for sizes up to
// 511 px (marker), 1023 px (cluster) and 16383 px (digit), shares 0..31, any palette hash and any digit
// colour; a marker's colours are exact when opaque or fully transparent, a translucent one keeps its
// alpha exactly and its RGB at 5:6:5. Larger sizes clamp. Layouts in mapsymbols.cpp.
[[nodiscard]] quint64 markerSymbolKey(SymbolShape shape, const QColor& fill, const QColor& outline, int sizePx);
[[nodiscard]] quint64 clusterSymbolKey(const std::array<int, 4>& shares, quint32 paletteHash, int sizePx);
[[nodiscard]] quint64 digitSymbolKey(QChar digit, const QColor& color, int sizePx);

} // namespace citybrain
