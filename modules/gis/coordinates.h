#pragma once

#include <QPointF>
#include <QString>
#include <QStringView>

#include <optional>

namespace citybrain {

// The geodetic datums a layer or a basemap may use. CGCS2000 (China's national datum) differs from
// WGS-84 by centimetres, far below what a city map shows, so it is read as WGS-84. GCJ-02 is the
// obfuscated datum Chinese web maps and many Chinese data sources use: up to ~700 m off WGS-84.
enum class Datum { Wgs84, Gcj02 };

// "wgs84", "cgcs2000" (both Wgs84), "gcj02"; case-insensitive; nullopt for anything else.
[[nodiscard]] std::optional<Datum> datumFromName(QStringView name);
[[nodiscard]] QString datumName(Datum datum);

// Whether GCJ-02 applies at a position: inside the rough mainland-China box the published algorithm
// uses. Outside it the two datums coincide.
[[nodiscard]] bool gcj02Applies(const QPointF& lonLat);
// WGS-84 -> GCJ-02 (lon, lat degrees): the published closed-form offset.
[[nodiscard]] QPointF wgs84ToGcj02(const QPointF& lonLat);
// GCJ-02 -> WGS-84 by fixed-point iteration of the forward offset; round trip error below 1e-7 degrees
// (about 1 cm).
[[nodiscard]] QPointF gcj02ToWgs84(const QPointF& lonLat);
[[nodiscard]] QPointF convertDatum(const QPointF& lonLat, Datum from, Datum to);

} // namespace citybrain
