// libFuzzer target: the MQTT contract as FeedDecoder receives it (every feed of docs/topics.md).
//
// Input: the topic, a newline, the payload (no newline: the whole input is the topic and the payload is
// empty, a retained message being cleared). Seeds in corpus/fuzz_feed are written that way.
//
// Beyond "no crash, no sanitizer report" it checks two properties the decoders promise:
//  - the telemetry fast path gives exactly the result of the full path (feeddecoder.h, Limits), for every
//    input, not only telemetry;
//  - an accepted console action survives incidentActionToJson -> incidentActionFromJson unchanged (the
//    journal writes and reads actions that way), and the raw payload read as a journal line gives the same
//    action as the live decode.

#include "feeddecoder.h"
#include "fuzzsupport.h"
#include "incidentactionjson.h"

#include <QStringList>

#include <variant>

using namespace citybrain;
using namespace citybrain::fuzz;

namespace {

FeedDecoder::Limits wideLimits(bool fastPath)
{
    FeedDecoder::Limits limits;
    limits.maxPastMs = kCenturyMs;
    limits.maxFutureMs = kCenturyMs;
    limits.telemetryFastPath = fastPath;
    return limits;
}

QString describe(const TelemetrySample& s)
{
    QStringList values;
    for (const auto& [name, value] : s.values)
        values << QStringLiteral("%1=%2").arg(name).arg(value, 0, 'g', 17);
    return QStringLiteral("%1 %2 %3 ts=%4 seq=%5 lon=%6 lat=%7 {%8}")
        .arg(s.sensorId, s.domain, s.district)
        .arg(s.tsMs)
        .arg(s.seq)
        .arg(s.lon, 0, 'g', 17)
        .arg(s.lat, 0, 'g', 17)
        .arg(values.join(u' '));
}

QString describe(const FeedDecoder::Result& result)
{
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return QStringLiteral("rejected %1: %2").arg(rejectReasonName(rejection->reason), rejection->detail);
    if (const auto* sample = std::get_if<TelemetrySample>(&result))
        return QStringLiteral("telemetry ") + describe(*sample);
    return QStringLiteral("result #%1").arg(result.index());
}

bool sameSample(const TelemetrySample& a, const TelemetrySample& b)
{
    return a.sensorId == b.sensorId && a.domain == b.domain && a.district == b.district && a.tsMs == b.tsMs
        && a.seq == b.seq && a.lon == b.lon && a.lat == b.lat && a.values == b.values;
}

bool sameResult(const FeedDecoder::Result& a, const FeedDecoder::Result& b)
{
    if (a.index() != b.index())
        return false;
    if (const auto* ra = std::get_if<Rejection>(&a)) {
        const auto& rb = std::get<Rejection>(b);
        return ra->reason == rb.reason && ra->detail == rb.detail;
    }
    if (const auto* sa = std::get_if<TelemetrySample>(&a))
        return sameSample(*sa, std::get<TelemetrySample>(b));
    return true; // the other feeds take one path
}

bool sameAction(const IncidentAction& a, const IncidentAction& b)
{
    return a.incidentId == b.incidentId && a.actionId == b.actionId && a.actor == b.actor && a.role == b.role
        && a.console == b.console && a.kind == b.kind && a.baseVersion == b.baseVersion && a.tsMs == b.tsMs
        && a.seq == b.seq && a.note == b.note && a.unitType == b.unitType && a.unitId == b.unitId
        && a.priority == b.priority && a.incidentKind == b.incidentKind && a.mergeInto == b.mergeInto && a.uri == b.uri;
}

void checkAction(const IncidentAction& action, const QByteArray& payload)
{
    QString error;
    const QByteArray json = incidentActionToJson(action);
    const std::optional<IncidentAction> back = incidentActionFromJson(json, action.incidentId, &error);
    if (!back)
        fail("an accepted action does not read back:", error + QStringLiteral(" in ") + QString::fromUtf8(json));
    if (!sameAction(action, *back))
        fail("an action changes through its JSON:", QString::fromUtf8(json));
    // The journal replays the payload as received.
    const std::optional<IncidentAction> journal = incidentActionFromJson(payload, action.incidentId, &error);
    if (!journal)
        fail("a live action is refused as a journal line:", error);
    if (!sameAction(action, *journal))
        fail("a journal line reads differently from the live payload");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const FeedDecoder fast(TopicScheme(), wideLimits(true));
    static const FeedDecoder full(TopicScheme(), wideLimits(false));

    const QByteArray input = toBytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QString topic = QString::fromUtf8(newline < 0 ? input : input.left(newline));
    const QByteArray payload = newline < 0 ? QByteArray() : input.mid(newline + 1);

    const FeedDecoder::Result result = fast.decode(topic, payload, kNowMs);
    const FeedDecoder::Result reference = full.decode(topic, payload, kNowMs);
    if (!sameResult(result, reference))
        fail("the telemetry fast path differs from the full path:",
            QStringLiteral("fast: %1 / full: %2").arg(describe(result), describe(reference)));
    if (const auto* action = std::get_if<IncidentAction>(&result))
        checkAction(*action, payload);
    return 0;
}
