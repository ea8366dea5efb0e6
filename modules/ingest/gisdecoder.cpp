#include "gisdecoder.h"

#include "coordinates.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <optional>

namespace citybrain {

namespace {

// The top-level members the decoder needs before (and instead of) a full parse.
struct TopLevel
{
    std::optional<QJsonValue> type;
    std::optional<QJsonValue> id;
    std::optional<QJsonValue> datum;
};

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Reads a few top-level members of a JSON object by a byte scan, without parsing the rest: a
// FeatureCollection's "features" may be megabytes, and parseGeoJson needs the datum before it starts.
// False when the bytes are not an object the scan can follow; parseGeoJson then says what is wrong.
// For a member given twice the last occurrence wins, as in QJsonObject.
class TopLevelScanner
{
public:
    explicit TopLevelScanner(QByteArrayView json)
        : m_json(json)
    { }

    bool scan(TopLevel* out)
    {
        skipSpace();
        if (!take('{'))
            return false;
        skipSpace();
        if (take('}'))
            return atEnd();
        for (;;) {
            skipSpace();
            const qsizetype keyBegin = m_at;
            if (!skipString())
                return false;
            const QByteArrayView key = m_json.sliced(keyBegin, m_at - keyBegin);
            skipSpace();
            if (!take(':'))
                return false;
            skipSpace();
            const qsizetype valueBegin = m_at;
            if (!skipValue())
                return false;
            const QByteArrayView value = m_json.sliced(valueBegin, m_at - valueBegin);
            if (std::optional<QJsonValue>* member = memberFor(key, out))
                *member = parseValue(value);
            skipSpace();
            if (take(','))
                continue;
            if (take('}'))
                return atEnd();
            return false;
        }
    }

private:
    static std::optional<QJsonValue>* memberFor(QByteArrayView rawKey, TopLevel* out)
    {
        const QString key = rawKey.contains('\\') ? parseValue(rawKey).toString()
                                                  : QString::fromUtf8(rawKey.sliced(1, rawKey.size() - 2));
        if (key == QLatin1String("type"))
            return &out->type;
        if (key == QLatin1String("id"))
            return &out->id;
        if (key == QLatin1String("datum"))
            return &out->datum;
        return nullptr;
    }

    // One JSON value on its own (small: a type, an id, a datum).
    static QJsonValue parseValue(QByteArrayView raw)
    {
        QByteArray wrapped;
        wrapped.reserve(raw.size() + 2);
        wrapped.append('[').append(raw.data(), raw.size()).append(']');
        const QJsonDocument document = QJsonDocument::fromJson(wrapped);
        return document.isArray() && !document.array().isEmpty() ? document.array().first() : QJsonValue();
    }

    void skipSpace()
    {
        while (m_at < m_json.size() && isJsonSpace(m_json[m_at]))
            ++m_at;
    }

    bool take(char c)
    {
        if (m_at < m_json.size() && m_json[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    bool atEnd()
    {
        skipSpace();
        return m_at == m_json.size();
    }

    bool skipString()
    {
        if (!take('"'))
            return false;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at++];
            if (c == '\\')
                ++m_at;
            else if (c == '"')
                return true;
        }
        return false;
    }

    bool skipValue()
    {
        if (m_at >= m_json.size())
            return false;
        const char first = m_json[m_at];
        if (first == '"')
            return skipString();
        if (first == '{' || first == '[') {
            int depth = 0;
            while (m_at < m_json.size()) {
                const char c = m_json[m_at];
                if (c == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_at;
                if (c == '{' || c == '[')
                    ++depth;
                else if ((c == '}' || c == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        // A number or a literal: up to the next separator.
        const qsizetype begin = m_at;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at];
            if (c == ',' || c == '}' || c == ']' || isJsonSpace(c))
                break;
            ++m_at;
        }
        return m_at > begin;
    }

    QByteArrayView m_json;
    qsizetype m_at = 0;
};

bool isGeometryType(const QString& type)
{
    static const QStringList geometries
        = { QStringLiteral("Point"), QStringLiteral("MultiPoint"), QStringLiteral("LineString"),
              QStringLiteral("MultiLineString"), QStringLiteral("Polygon"), QStringLiteral("MultiPolygon") };
    return geometries.contains(type);
}

// Why parseGeoJson refused the whole document, as one named reason. Runs only on that (rare) path, so a
// second parse costs nothing on the good one.
Rejection documentRejection(const QByteArray& payload, const GeoJsonDocument& parsed, const GisDecoder::Limits& limits)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError)
        return jsonParseRejection(payload, error);
    if (!document.isObject())
        return { RejectReason::MalformedJson, QStringLiteral("payload: top level is not an object") };
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(QLatin1String("type"));
    if (type.isUndefined())
        return { RejectReason::MissingField, QStringLiteral("type: required (FeatureCollection or Feature)") };
    if (!type.isString())
        return { RejectReason::WrongType, QStringLiteral("type: expected a string") };
    const QString typeName = type.toString();
    if (typeName == QLatin1String("FeatureCollection")) {
        const QJsonValue features = object.value(QLatin1String("features"));
        if (features.isUndefined())
            return { RejectReason::MissingField, QStringLiteral("features: required in a FeatureCollection") };
        if (!features.isArray())
            return { RejectReason::WrongType, QStringLiteral("features: expected an array") };
        if (features.toArray().size() > limits.maxFeatures) {
            return { RejectReason::OutOfRange,
                QStringLiteral("features: %1 features, at most %2 allowed")
                    .arg(features.toArray().size())
                    .arg(limits.maxFeatures) };
        }
    } else if (typeName != QLatin1String("Feature") && !isGeometryType(typeName)) {
        return { RejectReason::OutOfRange,
            QStringLiteral("type: \"%1\" is not a FeatureCollection, a Feature or a geometry").arg(typeName.left(64)) };
    }
    return { RejectReason::MalformedJson, QStringLiteral("payload: ") + parsed.error.left(300) };
}

} // namespace

GisDecoder::GisDecoder()
    : GisDecoder(Limits())
{ }

GisDecoder::GisDecoder(Limits limits)
    : m_limits(limits)
{ }

bool GisDecoder::isConsoleLayer(const QString& layerId)
{
    return layerId == QLatin1String("sensors") || layerId == QLatin1String("incidents")
        || layerId == QLatin1String("heat");
}

GisDecoder::Result GisDecoder::decode(const QByteArray& payload, const QString& layerId, qint64 nowMs) const
{
    TopLevel top;
    const bool scanned = TopLevelScanner(payload).scan(&top);

    Datum datum = Datum::Wgs84;
    if (scanned && top.datum) {
        if (!top.datum->isString())
            return Rejection { RejectReason::WrongType, QStringLiteral("datum: expected a string (wgs84 or gcj02)") };
        const std::optional<Datum> named = datumFromName(top.datum->toString());
        if (!named) {
            return Rejection { RejectReason::OutOfRange,
                QStringLiteral("datum: unknown value \"%1\" (wgs84, cgcs2000 or gcj02)")
                    .arg(top.datum->toString().left(64)) };
        }
        datum = *named;
    }

    GeoJsonLimits geoLimits;
    geoLimits.maxBytes = static_cast<int>(std::min<qsizetype>(m_limits.maxPayloadBytes, 0x7fffffff));
    geoLimits.maxDepth = m_limits.maxDepth;
    geoLimits.maxFeatures = m_limits.maxFeatures;
    geoLimits.maxVerticesPerFeature = m_limits.maxVerticesPerFeature;
    GeoJsonDocument parsed = parseGeoJson(payload, datum, geoLimits);
    if (!parsed.isValid())
        return documentRejection(payload, parsed, m_limits);

    GisMessage message;
    GisUpdate& update = message.update;
    update.layerId = layerId;
    update.receivedMs = nowMs;
    if (parsed.kind == GeoJsonDocument::Kind::Feature) {
        // An upsert names what it replaces. The scan always succeeds on a document parseGeoJson took.
        if (!top.id || top.id->isNull() || (top.id->isString() && top.id->toString().isEmpty()))
            return Rejection { RejectReason::MissingField, QStringLiteral("id: a Feature updates its layer by id") };
        if (parsed.rejected[static_cast<std::size_t>(FeatureRejection::BadId)] > 0) {
            return Rejection { RejectReason::WrongType,
                QStringLiteral("id: expected a string of at most 128 characters or a number") };
        }
        update.kind = GisUpdate::Kind::Upsert;
    } else {
        update.kind = GisUpdate::Kind::Replace;
    }
    update.features = std::move(parsed.features);
    update.deletedIds = std::move(parsed.deletedIds);
    update.rejectedFeatures = parsed.rejectedCount();
    message.rejectedByReason = parsed.rejected;
    message.problems = std::move(parsed.problems);
    return message;
}

} // namespace citybrain
