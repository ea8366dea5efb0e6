#pragma once

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <vector>

namespace citybrain {

// One county-level district: its boundary parts (outer rings, lon/lat degrees, WGS-84) and seat.
struct District
{
    QString adcode;
    QString name;
    QPointF seat; // lon, lat; the bounding-box centre when no seat point was given
    std::vector<QPolygonF> rings;
    QRectF bounds;

    [[nodiscard]] bool contains(const QPointF& lonLat) const;
};

// The demo district layer shipped in resources/geo (see its PROVENANCE.md), or a deployment's own
// licensed layer of the same shape. Plain data without QObject: usable from any thread once loaded.
class DistrictLayer
{
public:
    // Reads a GeoJSON FeatureCollection of (Multi)Polygons with `adcode` and `name` properties and,
    // optionally (seatPath may be empty), a FeatureCollection of seat Points with the same `adcode`s.
    // A feature with a missing adcode or an invalid coordinate (non-finite, outside +-180/+-90, a ring
    // of fewer than 4 positions) is skipped with a warning. If the boundary file cannot be read or holds
    // no valid district, the layer is empty and *error (when not null) says why; a seat file that
    // cannot be read leaves the bounding-box centres as seats and also sets *error.
    [[nodiscard]] static DistrictLayer load(
        const QString& boundaryPath, const QString& seatPath, QString* error = nullptr);
    // The shipped Xianyang layer (WGS-84), compiled into the program as Qt resources under :/geo.
    [[nodiscard]] static const DistrictLayer& xianyang();

    [[nodiscard]] const std::vector<District>& districts() const { return m_districts; }
    [[nodiscard]] const District* find(const QString& adcode) const;
    // The district containing a point, or nullptr.
    [[nodiscard]] const District* locate(const QPointF& lonLat) const;
    // The lon/lat bounding box of all districts (x = lon, y = lat; y grows north).
    [[nodiscard]] QRectF bounds() const { return m_bounds; }
    [[nodiscard]] bool isEmpty() const { return m_districts.empty(); }

private:
    std::vector<District> m_districts;
    QRectF m_bounds;
};

} // namespace citybrain
