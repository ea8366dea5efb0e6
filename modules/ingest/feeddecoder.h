#pragma once

#include "citytypes.h"
#include "geojson.h"
#include "gisupdate.h"
#include "topicscheme.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonParseError>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <array>

#include <memory>
#include <optional>
#include <variant>

namespace citybrain {

class CapDecoder;
class GisDecoder;
class NgsiDecoder;

// Why a payload was rejected: exactly one reason per payload (docs/topics.md, "Rejections").
enum class RejectReason {
    Oversize,
    NotUtf8,
    MalformedJson,
    TooDeep,
    UnknownTopic,
    TopicMismatch,
    MissingField,
    WrongType,
    NonFinite,
    OutOfRange,
    BadTimestamp,
    MalformedXml, // a CAP payload that is not well-formed XML, declares a DTD or nests too deep
    Forbidden // a console action its role may not take (roleMay), e.g. a dispatcher's close
};

// The counter name of a reason as the contract spells it: "oversize", "not_utf8", ...
[[nodiscard]] QString rejectReasonName(RejectReason reason);
inline constexpr int rejectReasonCount = 13;

struct Rejection
{
    RejectReason reason;
    QString detail; // names the field and why, e.g. "values.pm25: expected a number"
};

// The Rejection for a JSON document QJsonDocument could not parse: malformed_json, except a number that
// overflows a double (1e999: non_finite) or underflows to zero (1e-999: out_of_range), named by its path.
[[nodiscard]] Rejection jsonParseRejection(QByteArrayView json, const QJsonParseError& error);

// A decoded message of xy/v1/gis/<layer-id> (GisDecoder): the update for the map, and why the features it
// left out were skipped (for the pipeline's per-reason counters and its log).
struct GisMessage
{
    GisUpdate update;
    std::array<int, featureRejectionCount> rejectedByReason {}; // indexed by FeatureRejection
    QStringList problems; // the first skipped features in words (GeoJsonDocument::problems)
};

// Valid traffic this console does not consume yet (wall control), or an empty payload (a retained
// message being cleared).
struct Ignored
{
    QString why;
};

// Validating decoder of the v1 topic and payload contract (docs/topics.md): our JSON feeds, FIWARE Smart
// Data Models on xy/v1/ngsi/<type>/<entity-id> (NgsiDecoder) and OASIS CAP 1.2 alerts on xy/v1/cap/<sender>
// (CapDecoder).
//
// Checks run in this order and the first failure wins:
//   1. oversize (payload larger than Limits::maxPayloadBytes; on xy/v1/gis/<layer-id>, a valid GIS topic,
//      larger than Limits::maxGisPayloadBytes)
//   2. unknown_topic (TopicScheme::route gives Feed::Unknown, a telemetry adcode that is not six digits, or
//      a GIS layer the consoles draw themselves: GisDecoder::isConsoleLayer)
//   3. empty payload -> Ignored (an annotation: removed; a GIS layer: a Clear GisMessage)
//   4. not_utf8 (the payload bytes are not strict UTF-8)
//   5. CAP only: the payload goes to CapDecoder, which owns every further check (malformed_xml first: not
//      well-formed, a DTD, elements nested deeper than Limits::maxXmlDepth; then its fields). Steps 6 to 9
//      are for JSON feeds.
//   6. too_deep (objects/arrays nested deeper than Limits::maxDepth; counted by a byte scan before parsing)
//      GIS only: the payload then goes to GisDecoder (gisdecoder.h), which owns every further check.
//   7. malformed_json (parse error or a top level that is not an object); a number that overflows a double
//      (1e999) is non_finite and one that underflows to zero (1e-999) is out_of_range instead
//   8. wall control -> Ignored
//   9. per-feed fields: first the payload ids against the topic (topic_mismatch), then ts, seq, source,
//      then the feed's fields in the order of docs/topics.md. NGSI entities go to NgsiDecoder (its own
//      header gives its order: id and type against the topic, then time, place and values). Incident
//      actions: `incident` against the topic and ts (with the live window), then incidentActionFromJson
//      (incidentactionjson.h) checks every field, and last the role: an action the role may not take
//      (roleMay: a dispatcher's escalate, close or cancel) is forbidden, its detail naming the actor and
//      the console.
//
// Field rules common to every feed: a field that is absent is missing_field; present with another JSON
// type (null included) is wrong_type; a whole number is required for seq and epoch-millisecond ts
// (5.0 counts as whole); required identifying strings (source, kind, name, title) must not be empty;
// a text field holding an unpaired UTF-16 surrogate (an escaped "\ud800") is not_utf8.
// out_of_range also covers: an enumerated string outside its set (severity, incident status, better,
// presence kind), an incident district that is not six digits, seq < 0 or beyond 64 bits, empty values,
// text longer than its bound (source 128 characters, incident kind 64, indicator name and name_en 200, unit
// 32, presence version 64; title, description, annotation text as docs/topics.md says), more than
// fields::maxMetricsPerSample metrics or a metric name over fields::maxMetricNameChars characters.
// Text is never interpreted: markup, entities and control characters are kept as they are, for the
// consoles to show as plain text (tests/data/hostile).
//
// TelemetrySample::values is sorted by metric name (QJsonObject keeps keys sorted; for a duplicated key
// the last occurrence wins). Known metrics are range-checked by name whatever the domain.
//
// decode() is const and keeps no mutable state: one decoder may be shared by several threads, and
// copies share their (immutable) NGSI and CAP decoders.
class FeedDecoder
{
public:
    struct Limits
    {
        qsizetype maxPayloadBytes = 256 * 1024;
        int maxDepth = 16;
        qint64 maxFutureMs = 5 * 60 * 1000;
        qint64 maxPastMs = 7LL * 24 * 3600 * 1000;
        int maxXmlDepth = 32; // CAP: XML elements nested at most this deep (CapDecoder::Limits::maxDepth)
        // GIS layers only (xy/v1/gis/<layer-id>): a city's layer of polygons runs to megabytes.
        qsizetype maxGisPayloadBytes = 4 * 1024 * 1024;
        // Telemetry as sensors send it (flat JSON, no escapes, only the contract's fields) is read by a byte
        // scanner instead of QJsonDocument, for a fraction of the cost; anything else takes the full path
        // below. Same results either way (tst_telemetryfastpath); off only to compare the two.
        bool telemetryFastPath = true;
    };
    using Result = std::variant<Rejection, Ignored, TelemetrySample, IndicatorUpdate, IncidentEvent, PresenceStatus,
        Annotation, IncidentAction, WallControl, GisMessage>;

    // Two constructors rather than "Limits limits = Limits()": GCC cannot use a nested struct's default
    // member initializers in a default argument of its enclosing class. Call sites are the same.
    explicit FeedDecoder(TopicScheme scheme = TopicScheme());
    FeedDecoder(TopicScheme scheme, Limits limits);

    [[nodiscard]] const TopicScheme& scheme() const { return m_scheme; }
    [[nodiscard]] const Limits& limits() const { return m_limits; }

    // Decodes one message received at nowMs (epoch milliseconds, used for the ts window).
    [[nodiscard]] Result decode(const QString& topic, const QByteArray& payload, qint64 nowMs) const;

private:
    TopicScheme m_scheme;
    Limits m_limits;
    std::shared_ptr<const NgsiDecoder> m_ngsi;
    std::shared_ptr<const CapDecoder> m_cap;
    std::shared_ptr<const GisDecoder> m_gis;
};

// The telemetry fast path alone (Limits::telemetryFastPath): the sample when `payload` is telemetry it can
// vouch for, i.e. one the full path would accept with exactly this result; otherwise nothing, and the full
// path decides and names the reason. `route` is the topic's (Feed::Telemetry); the payload's UTF-8 has been
// checked. It takes a top-level object of ts (integer ms), seq, lon, lat, values (metric -> number) and
// optionally source, id, sensor, domain, district, each once, strings without escapes.
[[nodiscard]] std::optional<TelemetrySample> decodePlainTelemetry(
    QByteArrayView payload, const TopicScheme::Route& route, const FeedDecoder::Limits& limits, qint64 nowMs);

} // namespace citybrain
