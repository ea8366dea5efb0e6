#include "geojson.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace citybrain {

namespace {

constexpr int maxProblems = 20;
constexpr int maxIdLength = 128;
constexpr int maxQuotedTypeLength = 40;

// nullopt: the part read is fine.
using Problem = std::optional<FeatureRejection>;

// The deepest nesting of arrays and objects, counted on the bytes (brackets inside strings do not
// count). Stops as soon as the limit is passed, so a hostile document costs no more than its size.
int nestingDepth(const QByteArray& json, int limit)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    const char* p = json.constData();
    const char* const end = p + json.size();
    for (; p != end; ++p) {
        const char c = *p;
        if (inString) {
            if (c == '\\') {
                if (p + 1 == end)
                    break;
                ++p; // skip the escaped character, which may be a quote
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
}

// "NaN", "Infinity", "-inf" and the like: a non-finite number smuggled in as a string.
bool spellsNonFinite(const QString& text)
{
    QStringView s = QStringView(text).trimmed();
    if (s.startsWith(u'+') || s.startsWith(u'-'))
        s = s.mid(1);
    return s.compare(u"nan", Qt::CaseInsensitive) == 0 || s.compare(u"inf", Qt::CaseInsensitive) == 0
        || s.compare(u"infinity", Qt::CaseInsensitive) == 0;
}

QString numberAsId(const QJsonValue& value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    const double d = value.toDouble();
    constexpr double int64Limit = 9.2e18;
    if (std::trunc(d) == d && std::fabs(d) < int64Limit)
        return QString::number(static_cast<qint64>(d)); // 3.0 -> "3", -0.0 -> "0"
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

struct FeatureId
{
    bool present = false;
    bool bad = false;
    QString text;
};

FeatureId readId(const QJsonObject& feature)
{
    FeatureId id;
    const QJsonValue value = feature.value(QLatin1String("id"));
    if (value.isUndefined())
        return id;
    id.present = true;
    if (value.isString()) {
        id.text = value.toString();
        id.bad = id.text.size() > maxIdLength;
    } else if (value.isDouble()) {
        id.text = numberAsId(value);
    } else {
        id.bad = true; // null, bool, array, object
    }
    if (id.bad)
        id.text.clear();
    return id;
}

std::optional<GeometryKind> geometryKind(const QString& type)
{
    if (type == QLatin1String("Point"))
        return GeometryKind::Point;
    if (type == QLatin1String("MultiPoint"))
        return GeometryKind::MultiPoint;
    if (type == QLatin1String("LineString"))
        return GeometryKind::LineString;
    if (type == QLatin1String("MultiLineString"))
        return GeometryKind::MultiLineString;
    if (type == QLatin1String("Polygon"))
        return GeometryKind::Polygon;
    if (type == QLatin1String("MultiPolygon"))
        return GeometryKind::MultiPolygon;
    return std::nullopt;
}

// Reads one geometry's coordinates into a GeoFeature, converting them to WGS-84.
class GeometryReader
{
public:
    GeometryReader(Datum sourceDatum, int maxVertices)
        : m_datum(sourceDatum)
        , m_maxVertices(maxVertices)
    { }

    Problem read(const QJsonValue& geometryValue, GeoFeature& feature)
    {
        if (!geometryValue.isObject())
            return FeatureRejection::UnknownGeometry;
        const QJsonObject geometry = geometryValue.toObject();
        const std::optional<GeometryKind> kind = geometryKind(geometry.value(QLatin1String("type")).toString());
        if (!kind)
            return FeatureRejection::UnknownGeometry; // GeometryCollection included
        feature.kind = *kind;
        const QJsonValue coordinates = geometry.value(QLatin1String("coordinates"));
        switch (*kind) {
        case GeometryKind::Point: {
            QPointF point;
            if (const Problem problem = readPosition(coordinates, point))
                return problem;
            feature.points.push_back(point);
            return std::nullopt;
        }
        case GeometryKind::MultiPoint:
            return readParts(coordinates, [&](const QJsonValue& part) {
                QPointF point;
                const Problem problem = readPosition(part, point);
                feature.points.push_back(point);
                return problem;
            });
        case GeometryKind::LineString:
            return readLineInto(coordinates, feature.lines);
        case GeometryKind::MultiLineString:
            return readParts(coordinates, [&](const QJsonValue& part) { return readLineInto(part, feature.lines); });
        case GeometryKind::Polygon:
            return readPolygonInto(coordinates, feature.polygons);
        case GeometryKind::MultiPolygon:
            return readParts(
                coordinates, [&](const QJsonValue& part) { return readPolygonInto(part, feature.polygons); });
        }
        return FeatureRejection::UnknownGeometry;
    }

private:
    // An array of at least one part, each read by readPart.
    template <typename ReadPart> Problem readParts(const QJsonValue& value, ReadPart readPart)
    {
        if (!value.isArray())
            return FeatureRejection::BadCoordinates;
        const QJsonArray parts = value.toArray();
        if (parts.isEmpty())
            return FeatureRejection::TooFewPositions;
        for (const QJsonValue& part : parts) {
            if (const Problem problem = readPart(part))
                return problem;
        }
        return std::nullopt;
    }

    Problem readNumber(const QJsonValue& value, double& out) const
    {
        if (value.isDouble()) {
            out = value.toDouble();
            return std::isfinite(out) ? Problem {} : Problem { FeatureRejection::NonFinite };
        }
        if (value.isString() && spellsNonFinite(value.toString()))
            return FeatureRejection::NonFinite;
        return FeatureRejection::BadCoordinates;
    }

    // [lon, lat] or [lon, lat, alt] in the source datum; the altitude is checked and dropped.
    Problem readSourcePosition(const QJsonValue& value, QPointF& source)
    {
        if (!value.isArray())
            return FeatureRejection::BadCoordinates;
        const QJsonArray position = value.toArray();
        if (position.size() < 2 || position.size() > 3)
            return FeatureRejection::BadCoordinates;
        if (++m_vertices > m_maxVertices)
            return FeatureRejection::TooManyVertices;
        double numbers[3] = {};
        for (qsizetype i = 0; i < position.size(); ++i) {
            if (const Problem problem = readNumber(position.at(i), numbers[i]))
                return problem;
        }
        if (numbers[0] < -180.0 || numbers[0] > 180.0 || numbers[1] < -90.0 || numbers[1] > 90.0)
            return FeatureRejection::OutOfRange;
        source = QPointF(numbers[0], numbers[1]);
        return std::nullopt;
    }

    Problem readPosition(const QJsonValue& value, QPointF& wgs84)
    {
        QPointF source;
        if (const Problem problem = readSourcePosition(value, source))
            return problem;
        wgs84 = convertDatum(source, m_datum, Datum::Wgs84);
        return std::nullopt;
    }

    // A LineString (at least 2 positions) or a linear ring (at least 4, closed).
    Problem readLine(const QJsonValue& value, bool ring, QPolygonF& out)
    {
        if (!value.isArray())
            return FeatureRejection::BadCoordinates;
        const QJsonArray positions = value.toArray();
        out.reserve(std::min<qsizetype>(positions.size(), m_maxVertices));
        QPointF firstSource;
        QPointF lastSource;
        for (const QJsonValue& position : positions) {
            if (const Problem problem = readSourcePosition(position, lastSource))
                return problem;
            if (out.isEmpty())
                firstSource = lastSource;
            out.append(convertDatum(lastSource, m_datum, Datum::Wgs84));
        }
        if (out.size() < (ring ? 4 : 2))
            return FeatureRejection::TooFewPositions;
        // Exact comparison on the source numbers: RFC 7946 wants identical values.
        if (ring && (firstSource.x() != lastSource.x() || firstSource.y() != lastSource.y()))
            return FeatureRejection::UnclosedRing;
        return std::nullopt;
    }

    Problem readLineInto(const QJsonValue& value, std::vector<QPolygonF>& lines)
    {
        QPolygonF line;
        const Problem problem = readLine(value, false, line);
        lines.push_back(std::move(line));
        return problem;
    }

    // An outer ring then its holes.
    Problem readPolygonInto(const QJsonValue& value, std::vector<std::vector<QPolygonF>>& polygons)
    {
        std::vector<QPolygonF> rings;
        const Problem problem = readParts(value, [&](const QJsonValue& ringValue) {
            QPolygonF ring;
            const Problem ringProblem = readLine(ringValue, true, ring);
            rings.push_back(std::move(ring));
            return ringProblem;
        });
        polygons.push_back(std::move(rings));
        return problem;
    }

    Datum m_datum;
    int m_maxVertices;
    int m_vertices = 0;
};

QRectF boundsOf(const GeoFeature& feature)
{
    double minLon = std::numeric_limits<double>::infinity();
    double minLat = minLon;
    double maxLon = -minLon;
    double maxLat = -minLon;
    const auto add = [&](const QPointF& p) {
        minLon = std::min(minLon, p.x());
        maxLon = std::max(maxLon, p.x());
        minLat = std::min(minLat, p.y());
        maxLat = std::max(maxLat, p.y());
    };
    for (const QPointF& p : feature.points)
        add(p);
    for (const QPolygonF& line : feature.lines)
        std::for_each(line.cbegin(), line.cend(), add);
    for (const std::vector<QPolygonF>& polygon : feature.polygons) {
        for (const QPolygonF& ring : polygon)
            std::for_each(ring.cbegin(), ring.cend(), add);
    }
    if (minLon > maxLon)
        return {};
    return QRectF(QPointF(minLon, minLat), QPointF(maxLon, maxLat));
}

class DocumentReader
{
public:
    DocumentReader(GeoJsonDocument& doc, Datum sourceDatum, const GeoJsonLimits& limits)
        : m_doc(doc)
        , m_datum(sourceDatum)
        , m_limits(limits)
    { }

    void readFeature(const QJsonValue& value, int index)
    {
        if (!value.isObject()) {
            reject(index, {}, FeatureRejection::MissingGeometry);
            return;
        }
        const QJsonObject object = value.toObject();
        const FeatureId id = readId(object);
        if (id.bad) {
            reject(index, {}, FeatureRejection::BadId);
            return;
        }
        const QJsonValue geometry = object.value(QLatin1String("geometry"));
        if (geometry.isNull() && !id.text.isEmpty()) {
            m_doc.deletedIds.append(id.text);
            return;
        }
        if (geometry.isUndefined() || geometry.isNull()) {
            reject(index, id.text, FeatureRejection::MissingGeometry);
            return;
        }
        GeoFeature feature;
        feature.id = id.text;
        feature.properties = object.value(QLatin1String("properties")).toObject();
        readGeometry(geometry, index, std::move(feature));
    }

    void readGeometry(const QJsonValue& geometry, int index, GeoFeature feature)
    {
        GeometryReader reader(m_datum, m_limits.maxVerticesPerFeature);
        if (const Problem problem = reader.read(geometry, feature)) {
            reject(index, feature.id, *problem);
            return;
        }
        feature.bounds = boundsOf(feature);
        m_doc.features.push_back(std::move(feature));
    }

private:
    void reject(int index, const QString& id, FeatureRejection reason)
    {
        ++m_doc.rejected[static_cast<std::size_t>(reason)];
        if (m_doc.problems.size() >= maxProblems)
            return;
        const QString where = id.isEmpty() ? QStringLiteral("feature %1").arg(index)
                                           : QStringLiteral("feature %1 (id \"%2\")").arg(index).arg(id);
        m_doc.problems.append(where + QLatin1String(": ") + featureRejectionName(reason));
    }

    GeoJsonDocument& m_doc;
    Datum m_datum;
    const GeoJsonLimits& m_limits;
};

GeoJsonDocument invalid(const QString& error)
{
    GeoJsonDocument doc;
    doc.error = error;
    qCDebug(lcGis) << "GeoJSON document refused:" << error;
    return doc;
}

QString jsonTypeName(const QJsonDocument& doc)
{
    if (doc.isArray())
        return QStringLiteral("an array");
    if (doc.isNull())
        return QStringLiteral("null");
    return QStringLiteral("a scalar");
}

} // namespace

int GeoFeature::vertexCount() const
{
    std::size_t count = points.size();
    for (const QPolygonF& line : lines)
        count += static_cast<std::size_t>(line.size());
    for (const std::vector<QPolygonF>& polygon : polygons) {
        for (const QPolygonF& ring : polygon)
            count += static_cast<std::size_t>(ring.size());
    }
    return static_cast<int>(count);
}

QString featureRejectionName(FeatureRejection reason)
{
    switch (reason) {
    case FeatureRejection::MissingGeometry:
        return QStringLiteral("missing_geometry");
    case FeatureRejection::UnknownGeometry:
        return QStringLiteral("unknown_geometry");
    case FeatureRejection::BadCoordinates:
        return QStringLiteral("bad_coordinates");
    case FeatureRejection::NonFinite:
        return QStringLiteral("non_finite");
    case FeatureRejection::OutOfRange:
        return QStringLiteral("out_of_range");
    case FeatureRejection::TooFewPositions:
        return QStringLiteral("too_few_positions");
    case FeatureRejection::UnclosedRing:
        return QStringLiteral("unclosed_ring");
    case FeatureRejection::TooManyVertices:
        return QStringLiteral("too_many_vertices");
    case FeatureRejection::BadId:
        return QStringLiteral("bad_id");
    }
    return QStringLiteral("unknown");
}

int GeoJsonDocument::rejectedCount() const
{
    int total = 0;
    for (const int n : rejected)
        total += n;
    return total;
}

GeoJsonDocument parseGeoJson(const QByteArray& json, Datum sourceDatum, const GeoJsonLimits& limits)
{
    if (json.size() > limits.maxBytes)
        return invalid(QStringLiteral("too big: %1 bytes, limit %2").arg(json.size()).arg(limits.maxBytes));
    if (nestingDepth(json, limits.maxDepth) > limits.maxDepth)
        return invalid(QStringLiteral("too deep: nesting over %1 levels").arg(limits.maxDepth));

    // QJsonDocument rejects invalid UTF-8 ("invalid UTF8 string") and numbers that overflow a double.
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(
            QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!parsed.isObject())
        return invalid(QStringLiteral("not a GeoJSON object: the document is %1").arg(jsonTypeName(parsed)));

    const QJsonObject root = parsed.object();
    const QString type = root.value(QLatin1String("type")).toString();
    GeoJsonDocument doc;
    DocumentReader reader(doc, sourceDatum, limits);
    if (type == QLatin1String("FeatureCollection")) {
        const QJsonValue features = root.value(QLatin1String("features"));
        if (!features.isArray())
            return invalid(QStringLiteral("\"features\" is not an array"));
        const QJsonArray array = features.toArray();
        if (array.size() > limits.maxFeatures) {
            return invalid(QStringLiteral("too many features: %1, limit %2").arg(array.size()).arg(limits.maxFeatures));
        }
        doc.kind = GeoJsonDocument::Kind::FeatureCollection;
        doc.features.reserve(static_cast<std::size_t>(array.size()));
        int index = 0;
        for (const QJsonValue& feature : array)
            reader.readFeature(feature, index++);
    } else if (type == QLatin1String("Feature")) {
        doc.kind = GeoJsonDocument::Kind::Feature;
        reader.readFeature(root, 0);
    } else if (geometryKind(type) || type == QLatin1String("GeometryCollection")) {
        // A bare geometry: a Feature without id or properties (a GeometryCollection is then rejected).
        doc.kind = GeoJsonDocument::Kind::Feature;
        reader.readGeometry(root, 0, GeoFeature {});
    } else {
        const QString shown
            = type.size() > maxQuotedTypeLength ? type.left(maxQuotedTypeLength) + QStringLiteral("...") : type;
        return invalid(QStringLiteral("not a Feature or FeatureCollection: type \"%1\"").arg(shown));
    }

    return doc;
}

} // namespace citybrain
