#pragma once

#include "feeddecoder.h"

// What a decoder result is, in one word: the rejection reason's name, or the kind decoded. Shared by
// the decoder tests so that they name outcomes alike.
inline QString outcome(const citybrain::FeedDecoder::Result& result)
{
    using namespace citybrain;
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return rejectReasonName(rejection->reason);
    if (std::holds_alternative<Ignored>(result))
        return QStringLiteral("ignored");
    if (std::holds_alternative<TelemetrySample>(result))
        return QStringLiteral("telemetry");
    if (std::holds_alternative<IndicatorUpdate>(result))
        return QStringLiteral("indicator");
    if (std::holds_alternative<IncidentEvent>(result))
        return QStringLiteral("incident");
    if (std::holds_alternative<PresenceStatus>(result))
        return QStringLiteral("status");
    if (std::holds_alternative<Annotation>(result))
        return QStringLiteral("annotation");
    if (std::holds_alternative<IncidentAction>(result))
        return QStringLiteral("action");
    if (std::holds_alternative<WallControl>(result))
        return QStringLiteral("wall");
    if (std::holds_alternative<GisMessage>(result))
        return QStringLiteral("gis");
    return QStringLiteral("valueless");
}
