#pragma once

#include "citytypes.h"
#include "feeddecoder.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <variant>

namespace citybrain {

// Decoder of OASIS CAP 1.2 alerts (urn:oasis:names:tc:emergency:cap:1.2) published on
// `xy/v1/cap/<sender>`: a publisher puts the alert's CAP <sender> in the topic, and the decoder
// rejects an alert whose <sender> differs (topic_mismatch).
//
// Parsing is one pass of QXmlStreamReader; no entity is ever expanded and nothing is fetched.
// Checks run in this order and the first failure wins:
//   1. malformed_xml: not well-formed, an XML declaration naming an encoding other than UTF-8, any DTD
//      (<!DOCTYPE ...>, so any entity declaration) or unresolved entity reference, elements nested deeper
//      than Limits::maxDepth (the root is depth 1),
//      a root that is not <alert> in the CAP 1.2 namespace. Also during the scan, and so before a
//      malformation later in the document: more than maxInfoBlocks <info> or more than maxAreas <area>
//      (counted over the whole alert) -> out_of_range.
//   2. missing_field: identifier, sender, sent, status, msgType, scope (absent or blank), in that order.
//   3. topic_mismatch: <sender> is not exactly the topic's sender.
//   4. out_of_range: status, msgType, scope outside CAP 1.2's lists (exact, case-sensitive).
//   5. bad_timestamp: sent is not YYYY-MM-DDThh:mm:ss[.fff] with a zone (+hh:mm, -hh:mm; CAP writes
//      UTC as "-00:00"; "Z" is accepted too), or lies outside [now - maxPastMs, now + maxFutureMs].
//   6. Ignored: msgType Ack or Error (no incident change); status other than Actual (Exercise, System,
//      Test, Draft: CAP tells recipients not to act on them, and the wall cannot mark them as drills).
//   7. Update and Cancel: <references> absent -> missing_field; a reference that is not a
//      "sender,identifier,sent" triple -> out_of_range.
//   8. the first error inside <info> blocks, in document order: category, urgency, severity, certainty
//      outside CAP's lists -> out_of_range; <polygon> (space-separated "lat,lon" pairs, latitude first)
//      with a pair that is not two numbers -> out_of_range, a NaN/Infinity -> non_finite, lat outside
//      [-90, 90] or lon outside [-180, 180] -> out_of_range, more than maxVerticesPerPolygon pairs,
//      fewer than 4 or first != last ("polygon not closed") -> out_of_range; <circle> ("lat,lon r_km")
//      alike, with a radius >= 0.
// Elements in other namespaces (the XML-DSig <Signature>) and unknown CAP elements are skipped; text of
// child elements inside a text field (schema-invalid feeds) is dropped. For a field given twice, the
// first occurrence wins. Text is kept verbatim (no trimming, no HTML handling) except in coded values
// (identifier, sender, sent, enumerations, references, language, coordinates, geocodes), which are trimmed.
// An <info> without urgency/severity/certainty/category is accepted (the alert is still shown).
//
// Mapping to IncidentEvent:
//   id: Alert -> its own identifier; Update and Cancel -> the identifier of the oldest reference (the
//       earliest `sent` among the triples, the first listed when none parses): "CAP-" + identifier with
//       every character outside [A-Za-z0-9._-] replaced by '_'; if longer than 64 characters, the first
//       47 characters + '-' + 16 hex digits of SHA-256(identifier as UTF-8), so always
//       TopicScheme::isValidId. A stateless decoder cannot follow a chain: a Cancel that references only
//       an Update (CWA) yields the Update's own message id, not the original incident's. The incident
//       store can resolve this by aliasing "CAP-" + cap->identifier to the event's id.
//   status: Alert -> new, Update -> update, Cancel -> closed.
//   <info> used: language zh-CN, else any zh / zh-*, else en / en-*, else the first (case-insensitive;
//       an absent <language> is CAP's default en-US). CapAlert::language records the one used.
//   title: headline, else event, else the <note> (no <info>), else "CAP <alert|update|cancel> <identifier>";
//       at most 200 characters. description: <description> (empty if absent), at most 4000 characters.
//       CapAlert keeps them whole.
//   kind from the first <category>: Fire fire, Env pollution, Met weather (waterlogging if the event
//       mentions rain, flood, waterlog, 暴雨, 豪雨, 淹水, 积水, 積水, 内涝, 內澇), Geo geological,
//       Safety and Security public_safety, Rescue rescue, Health public_health, Transport traffic,
//       Infra infrastructure, CBRNE hazmat, Other or none other.
//   severity: Extreme critical, Severe major, Moderate moderate, Minor / Unknown / absent minor.
//   location: the area-weighted centroid of the first polygon (the vertex mean if its area is ~0 or the
//       centroid falls outside the polygon's bounding box, as it may for a self-intersecting ring, which is
//       kept as drawn: the alert is not lost over a sloppy polygon; orientation is irrelevant), else
//       the first circle's centre, else the seat of the Xianyang district named by a geocode whose
//       valueName is an administrative-division code (adcode, GB/T 2260, 行政区划代码, ...; 6, 9 or 12
//       digits, the first six compared), else 0,0. district: DistrictLayer::xianyang().locate(location),
//       or the geocode's adcode, or empty.
//   source "cap:" + sender (at most 128 characters), seq 0, tsMs = sent. cap: every CapAlert field, from
//       the <info> used (areaDesc of its areas joined by "; ").
//
// decode() is const and keeps no mutable state: one decoder may be shared by several threads.
class CapDecoder
{
public:
    struct Limits
    {
        int maxDepth = 32;
        int maxInfoBlocks = 16;
        int maxAreas = 64;
        int maxVerticesPerPolygon = 5000;
        qint64 maxFutureMs = 5 * 60 * 1000;
        qint64 maxPastMs = 7LL * 24 * 3600 * 1000;
    };
    using Result = std::variant<Rejection, Ignored, IncidentEvent>;

    // Two constructors: GCC 12 rejects `Limits limits = {}` for a nested struct with member initialisers.
    CapDecoder();
    explicit CapDecoder(Limits limits);

    [[nodiscard]] const Limits& limits() const { return m_limits; }

    // Decodes one alert received at nowMs (epoch milliseconds) on the topic of topicSender.
    [[nodiscard]] Result decode(const QByteArray& payload, const QString& topicSender, qint64 nowMs) const;

    // The incident id of a CAP identifier (see above). Exposed for the incident store and tests.
    [[nodiscard]] static QString incidentIdFor(const QString& capIdentifier);

private:
    Limits m_limits;
};

} // namespace citybrain
