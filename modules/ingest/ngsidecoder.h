#pragma once

#include "citytypes.h"
#include "feeddecoder.h"

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <variant>

namespace citybrain {

// Decoder of FIWARE Smart Data Models entities published on xy/v1/ngsi/<type>/<entity-id>: one entity
// per message, already parsed as a JSON object by FeedDecoder (which checked size, UTF-8, depth and
// syntax). Every form the models publish is accepted:
//   NGSI-LD normalized  {"pm25": {"type": "Property", "value": 12, "unitCode": "GQ", "observedAt": ...}},
//                       relationships {"type": "Relationship", "object": ...}, "location" a GeoProperty
//   NGSI-LD concise / keyValues, with or without @context (never fetched)   {"pm25": 12}
//   NGSI-v2 normalized  {"pm25": {"type": "Number", "value": 12, "metadata": {"unitCode": {"value": "GQ"}}}}
//   NGSI-v2 keyValues   {"pm25": 12}
// An attribute that is an object with a string "type" and a "value" member is normalized; anything
// else (a number, a GeoJSON geometry, a structured value) is taken as it is.
//
// Checks, first failure wins: "id" then "type" (missing_field, wrong_type, topic_mismatch against the
// topic), then per type:
//   AirQualityObserved, TrafficFlowObserved, NoiseLevelObserved, WaterQualityObserved -> TelemetrySample:
//     time: dateObserved, else dateObservedTo, else dateObservedFrom, else the latest observedAt of any
//     attribute; then location; then the attributes in key order.
//   Alert -> IncidentEvent: dateIssued, category, subCategory, severity, location, validTo, description,
//     alertSource.
//
// Time: a DateTime is a string or {"@type": "DateTime", "@value": string}; RFC 3339, and a time without a
// zone is UTC (as the models define it); an ISO interval "start/end" stands for its end. Observation and
// issue times must lie in [now - maxPastMs, now + maxFutureMs] (bad_timestamp). validTo has no window.
//
// Place: location is a GeoJSON geometry. Point: its position; LineString, MultiPoint, MultiLineString:
// the first position; Polygon, MultiPolygon: the mean of the (first) outer ring's vertices. Every
// position used must be finite (non_finite) and inside +-180 / +-90 (out_of_range). The district is the
// adcode of the Xianyang district containing the point, empty outside Xianyang.
//
// Telemetry values: every attribute whose value is a finite JSON number becomes a metric, under a name
// from this table or else its own name lower-cased; strings, booleans, arrays and objects are not
// metrics (except "congested"). Attribute names outside [A-Za-z0-9._-]{1,64} are skipped.
//   AirQualityObserved   airQualityIndex -> aqi; pm25, pm10, no2, o3 (µg/m³): unitCode GQ or none as is,
//                        GP (mg/m³) x 1000, any other unit skipped; so2, co, ... lower-cased
//   TrafficFlowObserved  intensity (vehicles in the observation period) -> flow in vehicles/h, when the
//                        period is known (the dateObserved interval, else dateObservedFrom..To; 0 < period
//                        <= 24 h), otherwise kept as "intensity"; averageVehicleSpeed -> speed (km/h);
//                        congested (boolean) -> congested 1 or 0 (a flag, not the 1..10 congestion index);
//                        occupancy (fraction 0..1) and the rest lower-cased
//   NoiseLevelObserved   LAeq -> laeq, LAmax -> lamax, LAS -> las, ... (lower-cased)
//   WaterQualityObserved pH -> ph, temperature, conductivity, O2 -> o2, ... (lower-cased)
// A lower-cased name that is a contract metric of another domain gets this domain as prefix, so a
// metric name means one thing everywhere: water "flow" -> water_flow, water "NO2" (nitrite) -> water_no2.
// An explicitly mapped attribute wins over a lower-cased one of the same name; otherwise the first in
// key order wins. Contract metrics are range-checked (out_of_range); NaN or infinity is non_finite; an
// entity without any metric is missing_field, one with more than fields::maxMetricsPerSample metrics is
// out_of_range. seq is 0 (the models have no sequence numbers).
//
// Alert: id = incidentId(entity id); source = alertSource or "ngsi"; tsMs = dateIssued; kind from
// category and subCategory (kindFor); severity informational/low -> minor, medium -> moderate, high ->
// major, critical -> critical, absent -> minor, anything else out_of_range; status "closed" when validTo
// is in the past, else "new"; title = first line of description (at most 200 characters), else the
// subCategory, else the category; description at most 4000 characters (longer text is cut, not
// rejected). Text with an unpaired UTF-16 surrogate is not_utf8.
//
// decode() is const and keeps no mutable state: one decoder may be shared by several threads.
class NgsiDecoder
{
public:
    struct Limits
    {
        qint64 maxFutureMs = 5 * 60 * 1000;
        qint64 maxPastMs = 7LL * 24 * 3600 * 1000;
    };
    using Result = std::variant<Rejection, TelemetrySample, IncidentEvent>;

    // Two constructors rather than a default argument: see FeedDecoder.
    NgsiDecoder();
    explicit NgsiDecoder(Limits limits);

    [[nodiscard]] const Limits& limits() const { return m_limits; }

    // topicType and topicEntityId are the route's domain and id; nowMs is the time of receipt.
    [[nodiscard]] Result decode(
        const QJsonObject& entity, const QString& topicType, const QString& topicEntityId, qint64 nowMs) const;

    // A topic-safe incident id for an Alert entity: "NGSI-" + the id with every character outside
    // [A-Za-z0-9._-] replaced by '_'; when that is longer than 64 characters, its first 47 characters,
    // '-' and the first 16 hex digits of SHA-256(entity id as UTF-8), as CapDecoder::incidentIdFor does.
    [[nodiscard]] static QString incidentId(const QString& entityId);

    // Our incident kind for a Smart Data Models Alert category and subCategory: carAccident ->
    // traffic_accident, trafficJam -> traffic_jam, airPollution / waterPollution -> pollution, flood /
    // rainfall -> waterlogging, forestFire / buildingFire or category fire -> fire, category security ->
    // public_safety, category health -> public_health, otherwise the subCategory (else the category) in
    // snake_case ("roadClosed" -> road_closed).
    [[nodiscard]] static QString kindFor(const QString& category, const QString& subCategory);

private:
    Limits m_limits;
};

} // namespace citybrain
