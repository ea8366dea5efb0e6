#include "ngsidecoder.h"

#include "districtlayer.h"
#include "jsonfields.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QPointF>

#include <cmath>
#include <map>

namespace citybrain {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qsizetype kMaxTitleChars = 200;
constexpr qsizetype kMaxDescriptionChars = 4000;

// One attribute of an entity, unwrapped from whichever form carried it.
struct Attribute
{
    QString path; // for rejection details: "pm25", "pm25.value", "refX.object"
    QJsonValue value; // Undefined when the entity has no such attribute
    QString unitCode; // empty when not given
    QJsonValue observedAt { QJsonValue::Undefined }; // NGSI-LD normalized only
};

Attribute attribute(const QJsonObject& entity, const QString& name)
{
    Attribute a { name, entity.value(name), {}, QJsonValue::Undefined };
    if (!a.value.isObject())
        return a;
    const QJsonObject wrapper = a.value.toObject();
    const QJsonValue type = wrapper.value(QLatin1String("type"));
    if (!type.isString())
        return a;
    if (type.toString() == QLatin1String("Relationship") && wrapper.contains(QLatin1String("object"))) {
        a.value = wrapper.value(QLatin1String("object"));
        a.path += QLatin1String(".object");
        return a;
    }
    if (!wrapper.contains(QLatin1String("value")))
        return a; // a GeoJSON geometry or a structured keyValues value
    a.value = wrapper.value(QLatin1String("value"));
    a.path += QLatin1String(".value");
    a.observedAt = wrapper.value(QLatin1String("observedAt"));
    const QJsonValue ldUnit = wrapper.value(QLatin1String("unitCode"));
    const QJsonValue v2Unit = wrapper.value(QLatin1String("metadata"))
                                  .toObject()
                                  .value(QLatin1String("unitCode"))
                                  .toObject()
                                  .value(QLatin1String("value"));
    a.unitCode = ldUnit.isString() ? ldUnit.toString() : v2Unit.toString();
    return a;
}

bool isMetricName(const QString& name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString domainFor(const QString& type)
{
    if (type == QLatin1String("AirQualityObserved"))
        return QStringLiteral("air");
    if (type == QLatin1String("TrafficFlowObserved"))
        return QStringLiteral("traffic");
    if (type == QLatin1String("NoiseLevelObserved"))
        return QStringLiteral("noise");
    if (type == QLatin1String("WaterQualityObserved"))
        return QStringLiteral("water");
    return {};
}

// "roadClosed" -> "road_closed"; characters outside [A-Za-z0-9] become '_'; at most 64 characters.
QString snakeCase(const QString& name)
{
    QString out;
    out.reserve(name.size() + 4);
    for (const QChar c : name) {
        if (out.size() >= 64)
            break;
        if (c >= u'A' && c <= u'Z') {
            if (!out.isEmpty() && !out.endsWith(u'_'))
                out += u'_';
            out += c.toLower();
        } else if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            out += c;
        } else if (!out.isEmpty() && !out.endsWith(u'_')) {
            out += u'_';
        }
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.left(64);
}

// A DateTime value: "…", "start/end" (its end; *startOut gets its start) or {"@type":"DateTime","@value":…}.
enum class TimeCheck { Ok, WrongType, BadText };

TimeCheck parseDateTime(const QJsonValue& value, QString* path, qint64* out, qint64* startOut = nullptr)
{
    QJsonValue text = value;
    if (text.isObject() && text.toObject().contains(QLatin1String("@value"))) {
        text = text.toObject().value(QLatin1String("@value"));
        *path += QLatin1String(".@value");
    }
    if (!text.isString())
        return TimeCheck::WrongType;
    const QString s = text.toString();
    const qsizetype slash = s.indexOf(u'/');
    const QStringView end = slash < 0 ? QStringView(s) : QStringView(s).mid(slash + 1);
    qint64 start = 0;
    if (slash >= 0 && !fields::parseRfc3339(QStringView(s).left(slash), &start, fields::MissingZone::MeansUtc))
        return TimeCheck::BadText;
    if (!fields::parseRfc3339(end, out, fields::MissingZone::MeansUtc))
        return TimeCheck::BadText;
    if (slash >= 0 && start > *out)
        return TimeCheck::BadText;
    if (startOut)
        *startOut = slash >= 0 ? start : *out;
    return TimeCheck::Ok;
}

// Reads one entity; the first failure is kept for takeRejection().
class EntityReader
{
public:
    EntityReader(const QJsonObject& entity, const NgsiDecoder::Limits& limits, qint64 nowMs)
        : m_entity(entity)
        , m_limits(limits)
        , m_nowMs(nowMs)
    { }

    [[nodiscard]] Rejection takeRejection() { return std::move(m_rejection); }
    [[nodiscard]] const QJsonObject& entity() const { return m_entity; }
    [[nodiscard]] qint64 nowMs() const { return m_nowMs; }

    bool fail(RejectReason reason, const QString& path, const QString& why)
    {
        m_rejection = { reason, path + QLatin1String(": ") + why };
        return false;
    }

    // "id" and "type" must be present strings equal to the topic's.
    bool matchesTopic(QLatin1String key, const QString& topicValue)
    {
        const QJsonValue value = m_entity.value(key);
        if (value.isUndefined())
            return fail(RejectReason::MissingField, key, QStringLiteral("required"));
        if (!value.isString())
            return fail(RejectReason::WrongType, key, QStringLiteral("expected a string"));
        if (value.toString() != topicValue) {
            return fail(RejectReason::TopicMismatch, key,
                QStringLiteral("\"%1\" differs from the topic's \"%2\"").arg(value.toString().left(64), topicValue));
        }
        return true;
    }

    // A DateTime attribute, checked against the window when limitWindow. *present (if given) says
    // whether the attribute exists; without it an absent attribute is missing_field.
    bool dateTime(const QString& name, qint64* out, bool* present = nullptr, bool limitWindow = true)
    {
        const Attribute a = attribute(m_entity, name);
        if (a.value.isUndefined()) {
            if (!present)
                return fail(RejectReason::MissingField, name, QStringLiteral("required"));
            *present = false;
            return true;
        }
        if (present)
            *present = true;
        return dateTimeValue(a.value, a.path, out, limitWindow);
    }

    bool dateTimeValue(const QJsonValue& value, QString path, qint64* out, bool limitWindow = true)
    {
        switch (parseDateTime(value, &path, out)) {
        case TimeCheck::Ok:
            break;
        case TimeCheck::WrongType:
            return fail(RejectReason::WrongType, path, QStringLiteral("expected a DateTime string"));
        case TimeCheck::BadText:
            return fail(RejectReason::BadTimestamp, path,
                QStringLiteral("not an RFC 3339 date-time or interval: \"%1\"")
                    .arg(value.toObject().value(QLatin1String("@value")).toString(value.toString()).left(64)));
        }
        if (limitWindow) {
            if (const auto why = fields::timestampWindowError(*out, m_nowMs, m_limits.maxPastMs, m_limits.maxFutureMs))
                return fail(RejectReason::BadTimestamp, path, *why);
        }
        return true;
    }

    // A text attribute; an absent optional one leaves *out empty.
    bool text(const QString& name, QString* out, bool required)
    {
        const Attribute a = attribute(m_entity, name);
        if (a.value.isUndefined()) {
            if (required)
                return fail(RejectReason::MissingField, name, QStringLiteral("required"));
            return true;
        }
        if (!a.value.isString())
            return fail(RejectReason::WrongType, a.path, QStringLiteral("expected a string"));
        QString s = a.value.toString();
        if (!s.isValidUtf16())
            return fail(RejectReason::NotUtf8, a.path, QStringLiteral("contains an unpaired surrogate"));
        if (required && s.isEmpty())
            return fail(RejectReason::OutOfRange, a.path, QStringLiteral("must not be empty"));
        *out = std::move(s);
        return true;
    }

    // One GeoJSON position [lon, lat, ...].
    bool position(const QJsonValue& value, const QString& path, QPointF* out)
    {
        if (!value.isArray())
            return fail(RejectReason::WrongType, path, QStringLiteral("expected a position [lon, lat]"));
        const QJsonArray pair = value.toArray();
        if (pair.size() < 2)
            return fail(RejectReason::WrongType, path, QStringLiteral("expected a position [lon, lat]"));
        double lonLat[2] = { 0, 0 };
        const double lows[2] = { fields::minLon, fields::minLat };
        const double highs[2] = { fields::maxLon, fields::maxLat };
        for (int k = 0; k < 2; ++k) {
            const QString at = path + u'[' + QString::number(k) + u']';
            const QJsonValue v = pair.at(k);
            if (!v.isDouble())
                return fail(RejectReason::WrongType, at, QStringLiteral("expected a number"));
            lonLat[k] = v.toDouble();
            if (!std::isfinite(lonLat[k]))
                return fail(RejectReason::NonFinite, at, QStringLiteral("not a finite number"));
            if (const auto why = fields::rangeError(lonLat[k], lows[k], highs[k]))
                return fail(RejectReason::OutOfRange, at, *why);
        }
        *out = QPointF(lonLat[0], lonLat[1]);
        return true;
    }

    // A non-empty array at path; false (with the rejection set) otherwise.
    bool nonEmptyArray(const QJsonValue& value, const QString& path, QJsonArray* out)
    {
        if (!value.isArray())
            return fail(RejectReason::WrongType, path, QStringLiteral("expected an array"));
        *out = value.toArray();
        if (out->isEmpty())
            return fail(RejectReason::OutOfRange, path, QStringLiteral("no position"));
        return true;
    }

    // The mean of a linear ring's vertices (the closing vertex, when repeated, counts once).
    bool ringCentre(const QJsonValue& value, const QString& path, QPointF* out)
    {
        QJsonArray ring;
        if (!nonEmptyArray(value, path, &ring))
            return false;
        qsizetype count = ring.size();
        if (count > 1 && ring.first() == ring.last())
            --count;
        double lon = 0, lat = 0;
        for (qsizetype i = 0; i < count; ++i) {
            QPointF p;
            if (!position(ring.at(i), path + u'[' + QString::number(i) + u']', &p))
                return false;
            lon += p.x();
            lat += p.y();
        }
        *out = QPointF(lon / double(count), lat / double(count));
        return true;
    }

    bool location(QPointF* out)
    {
        const Attribute a = attribute(m_entity, QStringLiteral("location"));
        if (a.value.isUndefined())
            return fail(RejectReason::MissingField, a.path, QStringLiteral("required"));
        if (!a.value.isObject())
            return fail(RejectReason::WrongType, a.path, QStringLiteral("expected a GeoJSON geometry"));
        const QJsonObject geometry = a.value.toObject();
        const QJsonValue type = geometry.value(QLatin1String("type"));
        const QString typePath = a.path + QLatin1String(".type");
        if (type.isUndefined())
            return fail(RejectReason::MissingField, typePath, QStringLiteral("required"));
        if (!type.isString())
            return fail(RejectReason::WrongType, typePath, QStringLiteral("expected a string"));
        const QString path = a.path + QLatin1String(".coordinates");
        const QJsonValue coordinates = geometry.value(QLatin1String("coordinates"));
        if (coordinates.isUndefined())
            return fail(RejectReason::MissingField, path, QStringLiteral("required"));
        const QString kind = type.toString();
        QJsonArray outer;
        QJsonArray inner;
        if (kind == QLatin1String("Point"))
            return position(coordinates, path, out);
        if (kind == QLatin1String("LineString") || kind == QLatin1String("MultiPoint"))
            return nonEmptyArray(coordinates, path, &outer)
                && position(outer.first(), path + QLatin1String("[0]"), out);
        if (kind == QLatin1String("MultiLineString")) {
            return nonEmptyArray(coordinates, path, &outer)
                && nonEmptyArray(outer.first(), path + QLatin1String("[0]"), &inner)
                && position(inner.first(), path + QLatin1String("[0][0]"), out);
        }
        if (kind == QLatin1String("Polygon"))
            return nonEmptyArray(coordinates, path, &outer)
                && ringCentre(outer.first(), path + QLatin1String("[0]"), out);
        if (kind == QLatin1String("MultiPolygon")) {
            return nonEmptyArray(coordinates, path, &outer)
                && nonEmptyArray(outer.first(), path + QLatin1String("[0]"), &inner)
                && ringCentre(inner.first(), path + QLatin1String("[0][0]"), out);
        }
        return fail(
            RejectReason::WrongType, typePath, QStringLiteral("unsupported geometry \"%1\"").arg(kind.left(32)));
    }

private:
    const QJsonObject& m_entity;
    const NgsiDecoder::Limits& m_limits;
    const qint64 m_nowMs;
    Rejection m_rejection { RejectReason::MissingField, {} };
};

QString districtAt(const QPointF& lonLat)
{
    const District* district = DistrictLayer::xianyang().locate(lonLat);
    return district ? district->adcode : QString();
}

// The observation time: dateObserved, dateObservedTo, dateObservedFrom, else the latest observedAt.
bool observationTime(EntityReader& r, qint64* out)
{
    for (const char* name : { "dateObserved", "dateObservedTo", "dateObservedFrom" }) {
        bool present = false;
        if (!r.dateTime(QLatin1String(name), out, &present))
            return false;
        if (present)
            return true;
    }
    bool found = false;
    for (auto it = r.entity().constBegin(); it != r.entity().constEnd(); ++it) {
        const Attribute a = attribute(r.entity(), it.key());
        if (a.observedAt.isUndefined())
            continue;
        qint64 ms = 0;
        if (!r.dateTimeValue(a.observedAt, it.key() + QLatin1String(".observedAt"), &ms))
            return false;
        if (!found || ms > *out)
            *out = ms;
        found = true;
    }
    if (!found) {
        return r.fail(RejectReason::MissingField, QStringLiteral("dateObserved"),
            QStringLiteral("required (or dateObservedTo, dateObservedFrom, observedAt)"));
    }
    return true;
}

// The observation period in ms (the dateObserved interval, else dateObservedFrom..To), 0 if unknown.
qint64 observationPeriod(const QJsonObject& entity)
{
    QString path;
    qint64 start = 0, end = 0;
    if (parseDateTime(attribute(entity, QStringLiteral("dateObserved")).value, &path, &end, &start) == TimeCheck::Ok
        && end > start)
        return end - start;
    if (parseDateTime(attribute(entity, QStringLiteral("dateObservedFrom")).value, &path, &start) == TimeCheck::Ok
        && parseDateTime(attribute(entity, QStringLiteral("dateObservedTo")).value, &path, &end) == TimeCheck::Ok
        && end > start)
        return end - start;
    return 0;
}

struct Metric
{
    double value = 0;
    bool mapped = false; // named by the table rather than lower-cased
};

NgsiDecoder::Result decodeObserved(EntityReader& r, const QString& type, const QString& entityId)
{
    TelemetrySample sample;
    sample.domain = domainFor(type);
    QPointF lonLat;
    if (!observationTime(r, &sample.tsMs) || !r.location(&lonLat))
        return r.takeRejection();
    sample.lon = lonLat.x();
    sample.lat = lonLat.y();

    const bool air = sample.domain == QLatin1String("air");
    const bool traffic = sample.domain == QLatin1String("traffic");
    const qint64 periodMs = traffic ? observationPeriod(r.entity()) : 0;
    std::map<QString, Metric> metrics;
    for (auto it = r.entity().constBegin(); it != r.entity().constEnd(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("id") || key == QLatin1String("type") || key == QLatin1String("location")
            || !isMetricName(key))
            continue;
        const Attribute a = attribute(r.entity(), key);
        double value = 0;
        if (traffic && key == QLatin1String("congested") && a.value.isBool()) {
            value = a.value.toBool() ? 1 : 0;
        } else if (a.value.isDouble()) {
            value = a.value.toDouble();
            if (!std::isfinite(value)) {
                r.fail(RejectReason::NonFinite, a.path, QStringLiteral("not a finite number"));
                return r.takeRejection();
            }
        } else {
            continue;
        }

        QString name;
        bool mapped = true;
        if (air && key == QLatin1String("airQualityIndex")) {
            name = QStringLiteral("aqi");
        } else if (traffic && key == QLatin1String("averageVehicleSpeed")) {
            name = QStringLiteral("speed");
        } else if (traffic && key == QLatin1String("intensity") && periodMs > 0 && periodMs <= kDayMs) {
            name = QStringLiteral("flow");
            value = value * 3600.0 * 1000.0 / double(periodMs);
        } else {
            mapped = false;
            name = key.toLower();
            if (const fields::MetricRange* range = fields::findMetric(name);
                range && sample.domain != QLatin1String(range->domain))
                name = sample.domain + u'_' + name;
        }

        const fields::MetricRange* range = fields::findMetric(name);
        if (air && range && name != QLatin1String("aqi")) {
            // Our air mass concentrations are µg/m³ (UN/CEFACT GQ); GP is mg/m³.
            if (a.unitCode == QLatin1String("GP"))
                value *= 1000;
            else if (!a.unitCode.isEmpty() && a.unitCode != QLatin1String("GQ"))
                continue;
        }
        if (range) {
            if (const auto why = fields::rangeError(value, range->low, range->high)) {
                r.fail(RejectReason::OutOfRange, a.path, name + QLatin1String(" = ") + *why);
                return r.takeRejection();
            }
        }
        auto existing = metrics.find(name);
        if (existing == metrics.end())
            metrics.emplace(std::move(name), Metric { value, mapped });
        else if (mapped && !existing->second.mapped)
            existing->second = Metric { value, mapped };
    }
    if (metrics.empty()) {
        r.fail(RejectReason::MissingField, QStringLiteral("attributes"), QStringLiteral("no numeric attribute"));
        return r.takeRejection();
    }
    if (metrics.size() > std::size_t(fields::maxMetricsPerSample)) {
        r.fail(RejectReason::OutOfRange, QStringLiteral("attributes"),
            QStringLiteral("%1 numeric attributes, at most %2 allowed")
                .arg(metrics.size())
                .arg(fields::maxMetricsPerSample));
        return r.takeRejection();
    }
    sample.values.reserve(metrics.size());
    for (auto& [name, metric] : metrics)
        sample.values.emplace_back(name, metric.value);
    sample.sensorId = entityId;
    sample.district = districtAt(lonLat);
    return sample;
}

NgsiDecoder::Result decodeAlert(EntityReader& r, const QString& entityId)
{
    IncidentEvent event;
    QString category, subCategory, severity, description, source;
    QPointF lonLat;
    if (!r.dateTime(QStringLiteral("dateIssued"), &event.tsMs) || !r.text(QStringLiteral("category"), &category, true)
        || !r.text(QStringLiteral("subCategory"), &subCategory, false)
        || !r.text(QStringLiteral("severity"), &severity, false))
        return r.takeRejection();
    if (severity.isEmpty() || severity == QLatin1String("informational") || severity == QLatin1String("low")) {
        event.severity = Severity::Minor;
    } else if (severity == QLatin1String("medium")) {
        event.severity = Severity::Moderate;
    } else if (severity == QLatin1String("high")) {
        event.severity = Severity::Major;
    } else if (severity == QLatin1String("critical")) {
        event.severity = Severity::Critical;
    } else {
        r.fail(RejectReason::OutOfRange, attribute(r.entity(), QStringLiteral("severity")).path,
            QStringLiteral("unknown value \"%1\"").arg(severity.left(64)));
        return r.takeRejection();
    }
    qint64 validTo = 0;
    bool hasValidTo = false;
    if (!r.location(&lonLat) || !r.dateTime(QStringLiteral("validTo"), &validTo, &hasValidTo, false)
        || !r.text(QStringLiteral("description"), &description, false)
        || !r.text(QStringLiteral("alertSource"), &source, false))
        return r.takeRejection();

    event.id = NgsiDecoder::incidentId(entityId);
    event.source = source.isEmpty() ? QStringLiteral("ngsi") : source;
    event.seq = 0;
    event.kind = NgsiDecoder::kindFor(category, subCategory);
    event.status = hasValidTo && validTo < r.nowMs() ? QStringLiteral("closed") : QStringLiteral("new");
    const QString firstLine = description.section(u'\n', 0, 0).trimmed();
    event.title = fields::leftCodePoints(
        !firstLine.isEmpty() ? firstLine : (!subCategory.isEmpty() ? subCategory : category), kMaxTitleChars);
    event.description = fields::leftCodePoints(description, kMaxDescriptionChars);
    event.lon = lonLat.x();
    event.lat = lonLat.y();
    event.district = districtAt(lonLat);
    return event;
}

} // namespace

NgsiDecoder::NgsiDecoder()
    : NgsiDecoder(Limits())
{ }

NgsiDecoder::NgsiDecoder(Limits limits)
    : m_limits(limits)
{ }

NgsiDecoder::Result NgsiDecoder::decode(
    const QJsonObject& entity, const QString& topicType, const QString& topicEntityId, qint64 nowMs) const
{
    EntityReader reader(entity, m_limits, nowMs);
    if (!reader.matchesTopic(QLatin1String("id"), topicEntityId)
        || !reader.matchesTopic(QLatin1String("type"), topicType))
        return reader.takeRejection();
    if (topicType == QLatin1String("Alert"))
        return decodeAlert(reader, topicEntityId);
    if (!domainFor(topicType).isEmpty())
        return decodeObserved(reader, topicType, topicEntityId);
    return Rejection { RejectReason::UnknownTopic,
        QStringLiteral("type: \"%1\" is not decoded").arg(topicType.left(64)) };
}

QString NgsiDecoder::incidentId(const QString& entityId)
{
    QString id = QStringLiteral("NGSI-");
    id.reserve(id.size() + entityId.size());
    for (const QChar c : entityId) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        id += ok ? c : QChar(u'_');
    }
    if (id.size() <= 64)
        return id;
    const QByteArray hash = QCryptographicHash::hash(entityId.toUtf8(), QCryptographicHash::Sha256).toHex();
    return id.left(47) + u'-' + QString::fromLatin1(hash.left(16));
}

QString NgsiDecoder::kindFor(const QString& category, const QString& subCategory)
{
    struct Rule
    {
        const char* subCategory;
        const char* kind;
    };
    static constexpr Rule bySubCategory[] = {
        { "carAccident", "traffic_accident" },
        { "trafficJam", "traffic_jam" },
        { "airPollution", "pollution" },
        { "waterPollution", "pollution" },
        { "flood", "waterlogging" },
        { "rainfall", "waterlogging" },
        { "forestFire", "fire" },
        { "buildingFire", "fire" },
    };
    for (const Rule& rule : bySubCategory) {
        if (subCategory.compare(QLatin1String(rule.subCategory), Qt::CaseInsensitive) == 0)
            return QLatin1String(rule.kind);
    }
    if (category.compare(QLatin1String("fire"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("fire");
    if (category.compare(QLatin1String("security"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("public_safety");
    if (category.compare(QLatin1String("health"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("public_health");
    QString kind = snakeCase(subCategory);
    if (kind.isEmpty())
        kind = snakeCase(category);
    return kind.isEmpty() ? QStringLiteral("other") : kind;
}

} // namespace citybrain
