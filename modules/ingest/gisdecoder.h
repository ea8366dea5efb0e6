#pragma once

#include "feeddecoder.h"

#include <QByteArray>
#include <QString>

#include <variant>

namespace citybrain {

// Decoder of the GIS layer feed (docs/topics.md, "GIS layers"): GeoJSON (RFC 7946) documents that
// replace, upsert into, delete from or clear one map layer. FeedDecoder has already checked the size
// (Limits::maxGisPayloadBytes), the topic, UTF-8 and the nesting depth; an empty payload never comes here
// (FeedDecoder makes it a Clear).
//
// Checks, in this order, the first failure wins (a Rejection: the whole message changes nothing):
//   1. the top-level member "datum" (a CityBrain extension), when present: not a string -> wrong_type;
//      not wgs84, cgcs2000 or gcj02 (case-insensitive) -> out_of_range.
//   2. the document as a whole (parseGeoJson): not JSON -> malformed_json (a number beyond a double
//      -> non_finite, one that underflows -> out_of_range, as FeedDecoder); top level not an object ->
//      malformed_json; no "type" -> missing_field; "type" not a string -> wrong_type; a type that is not
//      FeatureCollection, Feature or a geometry -> out_of_range; a FeatureCollection without "features"
//      -> missing_field, "features" not an array -> wrong_type, more than GeoJsonLimits::maxFeatures
//      features -> out_of_range; anything else parseGeoJson refuses whole -> malformed_json.
//   3. a Feature (or a bare geometry) without an "id" (absent, null or "") -> missing_field: an upsert needs
//      one; an "id" that is neither a string nor a number, or longer than 128 characters -> wrong_type.
// Then: FeatureCollection -> Replace; Feature -> Upsert of that feature, or, with "geometry": null, an
// Upsert deleting that id. Features with bad geometry inside a usable document are skipped and counted
// by reason (rejectedByReason, GisUpdate::rejectedFeatures); a lone Feature whose geometry is bad gives an
// Upsert that changes nothing but counts it. Coordinates from a GCJ-02 source are converted to WGS-84.
class GisDecoder
{
public:
    struct Limits
    {
        qsizetype maxPayloadBytes = 4 * 1024 * 1024;
        int maxDepth = 16;
        int maxFeatures = 200000;
        int maxVerticesPerFeature = 100000;
    };
    using Result = std::variant<Rejection, GisMessage>;

    GisDecoder();
    explicit GisDecoder(Limits limits);

    [[nodiscard]] const Limits& limits() const { return m_limits; }
    // The layers every console draws from its own data (sensors, incidents, heat): not publishable, a
    // message on them is unknown_topic (FeedDecoder checks it with the topic).
    [[nodiscard]] static bool isConsoleLayer(const QString& layerId);
    // One non-empty payload on the layer `layerId` (already TopicScheme::isValidId), received at nowMs.
    [[nodiscard]] Result decode(const QByteArray& payload, const QString& layerId, qint64 nowMs) const;

private:
    Limits m_limits;
};

} // namespace citybrain
