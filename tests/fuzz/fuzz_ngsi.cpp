// libFuzzer target: NgsiDecoder, FIWARE Smart Data Models entities in every form they are published in
// (NGSI-LD normalized and concise/keyValues, NGSI-v2 normalized and keyValues).
//
// Input: one entity as JSON text, as published on xy/v1/ngsi/<type>/<entity-id>. It gets the checks
// FeedDecoder makes before it hands an entity over (UTF-8, nesting depth, an object), and the topic is the
// entity's own type and id when the topic scheme allows them, so that mutations reach the attributes
// instead of stopping at topic_mismatch.

#include "fuzzsupport.h"
#include "ngsidecoder.h"
#include "topicscheme.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace citybrain;
using namespace citybrain::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const NgsiDecoder decoder(NgsiDecoder::Limits { kCenturyMs, kCenturyMs });
    static const FeedDecoder::Limits feedLimits;

    const QByteArray payload = toBytes(data, size);
    if (payload.size() > feedLimits.maxPayloadBytes || !QByteArrayView(payload).isValidUtf8()
        || jsonDepth(payload) > feedLimits.maxDepth)
        return -1; // never reaches the decoder: keep it out of the corpus
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject entity = document.object();

    QString type = entity.value(QLatin1String("type")).toString();
    if (!TopicScheme::isKnownNgsiType(type))
        type = QStringLiteral("AirQualityObserved");
    QString id = entity.value(QLatin1String("id")).toString();
    if (!TopicScheme::isValidExternalId(id))
        id = QStringLiteral("urn:ngsi-ld:AirQualityObserved:fuzz");
    const NgsiDecoder::Result result = decoder.decode(entity, type, id, kNowMs);
    Q_UNUSED(result);
    return 0;
}
