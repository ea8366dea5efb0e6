#pragma once

#include "coordinates.h"

#include <QByteArray>
#include <QJsonObject>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace citybrain {

enum class GeometryKind { Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon };

// One GeoJSON Feature (RFC 7946), coordinates in WGS-84 lon/lat degrees whatever the source's datum.
struct GeoFeature
{
    QString id; // the Feature's "id" (a number is kept as its text); may be empty
    GeometryKind kind = GeometryKind::Point;
    std::vector<QPointF> points; // Point (one), MultiPoint
    std::vector<QPolygonF> lines; // LineString (one), MultiLineString
    // Polygon (one), MultiPolygon: each polygon is its outer ring then its holes; rings are closed
    // (first position == last).
    std::vector<std::vector<QPolygonF>> polygons;
    QJsonObject properties;
    QRectF bounds; // lon/lat (x = lon, y = lat)

    [[nodiscard]] bool isPointLike() const { return kind == GeometryKind::Point || kind == GeometryKind::MultiPoint; }
    [[nodiscard]] int vertexCount() const;
};

// Why a feature was skipped. The layer still loads with the others.
enum class FeatureRejection {
    MissingGeometry, // no "geometry" member, or null without an id to delete
    UnknownGeometry, // a "type" that is not one of the six geometries (GeometryCollection included)
    BadCoordinates, // "coordinates" not nested arrays of 2 or 3 numbers as the type requires
    NonFinite, // NaN or Inf (as strings or huge exponents)
    OutOfRange, // lon outside +-180 or lat outside +-90
    TooFewPositions, // a line of fewer than 2 positions, a ring of fewer than 4
    UnclosedRing, // a ring whose last position is not its first
    TooManyVertices, // more than GeoJsonLimits::maxVerticesPerFeature
    BadId, // an "id" that is neither a string nor a number, or a string over 128 characters
};
inline constexpr int featureRejectionCount = 9;
// snake_case name for logs and metrics: missing_geometry, unknown_geometry, bad_coordinates,
// non_finite, out_of_range, too_few_positions, unclosed_ring, too_many_vertices, bad_id.
[[nodiscard]] QString featureRejectionName(FeatureRejection reason);

struct GeoJsonLimits
{
    int maxBytes = 32 * 1024 * 1024;
    int maxFeatures = 200000;
    int maxVerticesPerFeature = 100000;
    int maxDepth = 16; // JSON nesting; deeper documents are refused whole
};

struct GeoJsonDocument
{
    enum class Kind { Invalid, FeatureCollection, Feature };

    Kind kind = Kind::Invalid;
    std::vector<GeoFeature> features;
    // Features with "geometry": null and an id: in a dynamic layer they delete that feature.
    QStringList deletedIds;
    // Set when the whole document is unusable (not UTF-8 JSON, too big or too deep, not a Feature or
    // FeatureCollection, "features" not an array, more than maxFeatures): kind is Invalid then.
    QString error;
    std::array<int, featureRejectionCount> rejected {};
    // The first 20 rejections in words, e.g. "feature 3 (id \"a7\"): unclosed_ring".
    QStringList problems;

    [[nodiscard]] bool isValid() const { return kind != Kind::Invalid; }
    [[nodiscard]] int rejectedCount() const;
};

// Parses a GeoJSON Feature or FeatureCollection. A bare geometry object is accepted as a Feature
// without id or properties. Coordinates from a GCJ-02 source are converted to WGS-84.
[[nodiscard]] GeoJsonDocument parseGeoJson(
    const QByteArray& json, Datum sourceDatum = Datum::Wgs84, const GeoJsonLimits& limits = {});

} // namespace citybrain
