#pragma once

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <vector>

namespace citybrain {

// One county-level district: its boundary parts (outer rings, lon/lat degrees, WGS-84) and seat.
struct District {
    QString adcode;
    QString name;
    QPointF seat; // lon, lat
    std::vector<QPolygonF> rings;
    QRectF bounds;

    [[nodiscard]] bool contains(const QPointF& lonLat) const;
};

// The demo district layer shipped in resources/geo (see its PROVENANCE.md), or a deployment's own
// licensed layer of the same shape.
class DistrictLayer {
public:
    // Reads a GeoJSON FeatureCollection of (Multi)Polygons with `adcode` and `name` properties and,
    // optionally, a FeatureCollection of seat Points with the same `adcode`s.
    [[nodiscard]] static DistrictLayer load(const QString& boundaryPath, const QString& seatPath, QString* error);
    // The shipped Xianyang layer, compiled into the program.
    [[nodiscard]] static const DistrictLayer& xianyang();

    [[nodiscard]] const std::vector<District>& districts() const { return m_districts; }
    [[nodiscard]] const District* find(const QString& adcode) const;
    // The district containing a point, or nullptr.
    [[nodiscard]] const District* locate(const QPointF& lonLat) const;
    [[nodiscard]] QRectF bounds() const { return m_bounds; }
    [[nodiscard]] bool isEmpty() const { return m_districts.empty(); }

private:
    std::vector<District> m_districts;
    QRectF m_bounds;
};

} // namespace citybrain
