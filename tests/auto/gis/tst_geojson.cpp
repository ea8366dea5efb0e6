#include "geojson.h"

#include <QFile>
#include <QtTest>

#include <cmath>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::FeatureRejection)
Q_DECLARE_METATYPE(citybrain::GeometryKind)

namespace {

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray shipped(const char* name)
{
    return readFile(QStringLiteral(":/geo/") + QLatin1String(name));
}

QByteArray testData(const char* name)
{
    return readFile(QFINDTESTDATA(QStringLiteral("data/") + QLatin1String(name)));
}

// A Feature with the given geometry member (raw JSON text).
QByteArray featureWith(const QByteArray& geometry)
{
    return R"({"type":"Feature","properties":{},"geometry":)" + geometry + "}";
}

std::vector<QPointF> allVertices(const GeoFeature& feature)
{
    std::vector<QPointF> out(feature.points.begin(), feature.points.end());
    for (const QPolygonF& line : feature.lines)
        out.insert(out.end(), line.begin(), line.end());
    for (const auto& polygon : feature.polygons) {
        for (const QPolygonF& ring : polygon)
            out.insert(out.end(), ring.begin(), ring.end());
    }
    return out;
}

int rejectedFor(const GeoJsonDocument& doc, FeatureRejection reason)
{
    return doc.rejected[static_cast<std::size_t>(reason)];
}

// The shipped files' numbers (resources/geo/PROVENANCE.md).
constexpr std::size_t districtCount = 14;
constexpr int districtVertexCount = 3894;

} // namespace

class TestGeoJson : public QObject
{
    Q_OBJECT

private slots:
    void shippedDistrictsLoadWithoutRejections();
    void shippedDistrictsKeepEveryVertex();
    void shippedDistrictsKeepIdentityProperties();
    void shippedDistrictBoundsMatchProvenance();
    void gcj02SourceIsConvertedToWgs84();

    void eachGeometryTypeLoads_data();
    void eachGeometryTypeLoads();
    void polygonWithHoleKeepsBothRings();
    void multiPolygonKeepsEachPart();
    void altitudeIsAcceptedAndDropped();
    void rangeLimitsAreInclusive();
    void boundsCoverTheVertices();
    void bareGeometryIsAnAnonymousFeature();
    void numericIdIsKeptAsText_data();
    void numericIdIsKeptAsText();
    void stringIdOf128CharactersIsAccepted();
    void propertiesAreKept();

    void featureIsRejected_data();
    void featureIsRejected();
    void tooManyVerticesRejectsTheFeature();
    void vertexCapIsInclusive();
    void hugeExponentRefusesWholeDocument();
    void mixedCollectionLoadsTheGoodFeatures();
    void problemNamesFeatureIndexAndId();
    void problemsKeepOnlyTheFirstTwenty();
    void nullGeometryWithIdDeletesThatId();
    void nullGeometryInCollectionDeletesThatId();

    void documentIsRefused_data();
    void documentIsRefused();
    void nestingAtTheLimitIsAccepted();
    void bracketsInsideStringsDoNotCountAsNesting();
    void maxBytesIsInclusive();
};

void TestGeoJson::shippedDistrictsLoadWithoutRejections()
{
    const GeoJsonDocument doc = parseGeoJson(shipped("xianyang-districts.wgs84.geojson"));
    QVERIFY2(doc.isValid(), qPrintable(doc.error));
    QCOMPARE(doc.kind, GeoJsonDocument::Kind::FeatureCollection);
    QCOMPARE(doc.rejectedCount(), 0);
    QCOMPARE(doc.problems, QStringList());
    QCOMPARE(doc.features.size(), districtCount);
    for (const GeoFeature& district : doc.features)
        QCOMPARE(district.kind, GeometryKind::MultiPolygon);
}

void TestGeoJson::shippedDistrictsKeepEveryVertex()
{
    const GeoJsonDocument doc = parseGeoJson(shipped("xianyang-districts.wgs84.geojson"));
    int vertices = 0;
    for (const GeoFeature& district : doc.features)
        vertices += district.vertexCount();
    QCOMPARE(vertices, districtVertexCount);
}

void TestGeoJson::shippedDistrictsKeepIdentityProperties()
{
    const GeoJsonDocument doc = parseGeoJson(shipped("xianyang-districts.wgs84.geojson"));
    QCOMPARE(doc.features.size(), districtCount);
    const QJsonObject first = doc.features.front().properties;
    QCOMPARE(first.value(QLatin1String("adcode")).toInt(), 610402);
    QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("秦都区"));
}

void TestGeoJson::shippedDistrictBoundsMatchProvenance()
{
    const GeoJsonDocument doc = parseGeoJson(shipped("xianyang-districts.wgs84.geojson"));
    QVERIFY(!doc.features.empty());
    QRectF all;
    for (const GeoFeature& district : doc.features)
        all = all.isNull() ? district.bounds : all.united(district.bounds);
    // PROVENANCE.md, "Bounding boxes", WGS-84: [107.647253, 34.196351, 109.172579, 35.544631].
    QCOMPARE(all.left(), 107.647253);
    QCOMPARE(all.top(), 34.196351);
    QCOMPARE(all.right(), 109.172579);
    QCOMPARE(all.bottom(), 35.544631);
}

// The WGS-84 file was made from the GCJ-02 one by the same inversion, rounded to 6 decimals, so the
// two agree to that rounding (at most 5e-7 degrees, about 5 cm).
void TestGeoJson::gcj02SourceIsConvertedToWgs84()
{
    const GeoJsonDocument converted = parseGeoJson(shipped("xianyang-districts.gcj02.geojson"), Datum::Gcj02);
    const GeoJsonDocument reference = parseGeoJson(shipped("xianyang-districts.wgs84.geojson"));
    QCOMPARE(converted.rejectedCount(), 0);
    QCOMPARE(converted.features.size(), reference.features.size());
    double worst = 0;
    for (std::size_t f = 0; f < reference.features.size(); ++f) {
        const std::vector<QPointF> got = allVertices(converted.features[f]);
        const std::vector<QPointF> want = allVertices(reference.features[f]);
        QCOMPARE(got.size(), want.size());
        for (std::size_t v = 0; v < want.size(); ++v) {
            worst = std::max(worst, std::max(std::fabs(got[v].x() - want[v].x()), std::fabs(got[v].y() - want[v].y())));
        }
    }
    QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
}

void TestGeoJson::eachGeometryTypeLoads_data()
{
    QTest::addColumn<QByteArray>("geometry");
    QTest::addColumn<GeometryKind>("kind");
    QTest::addColumn<int>("vertices");
    QTest::newRow("Point") << QByteArray(R"({"type":"Point","coordinates":[108.7,34.3]})") << GeometryKind::Point << 1;
    QTest::newRow("MultiPoint") << QByteArray(R"({"type":"MultiPoint","coordinates":[[108.7,34.3],[108.8,34.4]]})")
                                << GeometryKind::MultiPoint << 2;
    QTest::newRow("LineString") << QByteArray(R"({"type":"LineString","coordinates":[[108.7,34.3],[108.8,34.4]]})")
                                << GeometryKind::LineString << 2;
    QTest::newRow("MultiLineString") << QByteArray(
        R"({"type":"MultiLineString","coordinates":[[[108.7,34.3],[108.8,34.4]],)"
        R"([[108.1,34.1],[108.2,34.2],[108.3,34.1]]]})")
                                     << GeometryKind::MultiLineString << 5;
    QTest::newRow("Polygon") << QByteArray(
        R"({"type":"Polygon","coordinates":[[[108.6,34.3],[108.7,34.3],[108.7,34.4],[108.6,34.3]]]})")
                             << GeometryKind::Polygon << 4;
    QTest::newRow("MultiPolygon") << QByteArray(
        R"({"type":"MultiPolygon","coordinates":[[[[108.6,34.3],[108.7,34.3],[108.7,34.4],)"
        R"([108.6,34.3]]]]})") << GeometryKind::MultiPolygon
                                  << 4;
}

void TestGeoJson::eachGeometryTypeLoads()
{
    QFETCH(QByteArray, geometry);
    QFETCH(GeometryKind, kind);
    QFETCH(int, vertices);
    const GeoJsonDocument doc = parseGeoJson(featureWith(geometry));
    QCOMPARE(doc.problems, QStringList());
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.features.front().kind, kind);
    QCOMPARE(doc.features.front().vertexCount(), vertices);
}

void TestGeoJson::polygonWithHoleKeepsBothRings()
{
    const GeoJsonDocument doc = parseGeoJson(testData("polygon-with-hole.geojson"));
    QCOMPARE(doc.features.size(), std::size_t(1));
    const GeoFeature& park = doc.features.front();
    QCOMPARE(park.kind, GeometryKind::Polygon);
    QCOMPARE(park.polygons.size(), std::size_t(1));
    QCOMPARE(park.polygons.front().size(), std::size_t(2));
    const QPolygonF& outer = park.polygons.front()[0];
    const QPolygonF& hole = park.polygons.front()[1];
    QCOMPARE(outer.size(), 5);
    QCOMPARE(hole.size(), 5);
    QCOMPARE(outer.first(), QPointF(108.60, 34.30));
    QCOMPARE(hole.first(), QPointF(108.64, 34.34));
    QVERIFY(outer.containsPoint(QPointF(108.65, 34.35), Qt::OddEvenFill));
    QVERIFY(!hole.containsPoint(QPointF(108.62, 34.32), Qt::OddEvenFill));
}

void TestGeoJson::multiPolygonKeepsEachPart()
{
    const GeoJsonDocument doc = parseGeoJson(testData("multipolygon.geojson"));
    QCOMPARE(doc.features.size(), std::size_t(1));
    const GeoFeature& county = doc.features.front();
    QCOMPARE(county.kind, GeometryKind::MultiPolygon);
    QCOMPARE(county.polygons.size(), std::size_t(2));
    QCOMPARE(county.polygons[0].size(), std::size_t(1));
    QCOMPARE(county.polygons[1].size(), std::size_t(1));
    QCOMPARE(county.polygons[0][0].size(), 4);
    QCOMPARE(county.polygons[1][0].size(), 5);
    QCOMPARE(county.vertexCount(), 9);
}

void TestGeoJson::altitudeIsAcceptedAndDropped()
{
    const GeoJsonDocument doc = parseGeoJson(featureWith(R"({"type":"Point","coordinates":[108.7,34.3,412.5]})"));
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.features.front().points, std::vector<QPointF>({ QPointF(108.7, 34.3) }));
}

void TestGeoJson::rangeLimitsAreInclusive()
{
    const GeoJsonDocument doc
        = parseGeoJson(featureWith(R"({"type":"MultiPoint","coordinates":[[-180,-90],[180,90],[180,-90],[-180,90]]})"));
    QCOMPARE(doc.rejectedCount(), 0);
    QCOMPARE(doc.features.size(), std::size_t(1));
}

void TestGeoJson::boundsCoverTheVertices()
{
    const GeoJsonDocument doc
        = parseGeoJson(featureWith(R"({"type":"LineString","coordinates":[[108.9,34.2],[108.1,34.8],[108.5,34.5]]})"));
    QCOMPARE(doc.features.size(), std::size_t(1));
    const QRectF bounds = doc.features.front().bounds;
    QCOMPARE(bounds.left(), 108.1);
    QCOMPARE(bounds.right(), 108.9);
    QCOMPARE(bounds.top(), 34.2); // y = lat, top is the smaller latitude
    QCOMPARE(bounds.bottom(), 34.8);
}

void TestGeoJson::bareGeometryIsAnAnonymousFeature()
{
    const GeoJsonDocument doc = parseGeoJson(R"({"type":"Point","coordinates":[108.7,34.3]})");
    QCOMPARE(doc.kind, GeoJsonDocument::Kind::Feature);
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.features.front().id, QString());
    QVERIFY(doc.features.front().properties.isEmpty());
    QCOMPARE(doc.features.front().points.front(), QPointF(108.7, 34.3));
}

void TestGeoJson::numericIdIsKeptAsText_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << QByteArray("610402") << "610402";
    QTest::newRow("negative") << QByteArray("-7") << "-7";
    QTest::newRow("integral with .0") << QByteArray("42.0") << "42";
    QTest::newRow("integral with exponent") << QByteArray("1e3") << "1000";
    QTest::newRow("fraction") << QByteArray("2.5") << "2.5";
    QTest::newRow("beyond 2^53 kept exactly") << QByteArray("9007199254740993") << "9007199254740993";
}

void TestGeoJson::numericIdIsKeptAsText()
{
    QFETCH(QByteArray, id);
    QFETCH(QString, text);
    const GeoJsonDocument doc
        = parseGeoJson(R"({"type":"Feature","id":)" + id + R"(,"geometry":{"type":"Point","coordinates":[1,2]}})");
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.features.front().id, text);
}

void TestGeoJson::stringIdOf128CharactersIsAccepted()
{
    const QByteArray id(128, 'x');
    const GeoJsonDocument doc
        = parseGeoJson(R"({"type":"Feature","id":")" + id + R"(","geometry":{"type":"Point","coordinates":[1,2]}})");
    QCOMPARE(doc.rejectedCount(), 0);
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.features.front().id, QString::fromLatin1(id));
}

void TestGeoJson::propertiesAreKept()
{
    const GeoJsonDocument doc = parseGeoJson(testData("mixed-collection.geojson"));
    QVERIFY(!doc.features.empty());
    QCOMPARE(doc.features.front().properties.value(QLatin1String("name")).toString(),
        QStringLiteral("Qindu air quality station"));
}

void TestGeoJson::featureIsRejected_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<FeatureRejection>("reason");

    const auto geometry = [](const char* json) { return featureWith(json); };
    const auto point = [](const char* coordinates) {
        return featureWith(QByteArray(R"({"type":"Point","coordinates":)") + coordinates + "}");
    };

    QTest::newRow("no geometry member") << QByteArray(R"({"type":"Feature","properties":{}})")
                                        << FeatureRejection::MissingGeometry;
    QTest::newRow("null geometry without id") << geometry("null") << FeatureRejection::MissingGeometry;
    QTest::newRow("null geometry with empty id")
        << QByteArray(R"({"type":"Feature","id":"","geometry":null})") << FeatureRejection::MissingGeometry;

    QTest::newRow("unknown type") << geometry(R"({"type":"Circle","coordinates":[1,2]})")
                                  << FeatureRejection::UnknownGeometry;
    QTest::newRow("GeometryCollection") << geometry(
        R"({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]})")
                                        << FeatureRejection::UnknownGeometry;
    QTest::newRow("geometry not an object") << geometry(R"x("POINT (1 2)")x") << FeatureRejection::UnknownGeometry;
    QTest::newRow("bare GeometryCollection")
        << QByteArray(R"({"type":"GeometryCollection","geometries":[]})") << FeatureRejection::UnknownGeometry;

    QTest::newRow("no coordinates") << geometry(R"({"type":"Point"})") << FeatureRejection::BadCoordinates;
    QTest::newRow("one number") << point("[108.7]") << FeatureRejection::BadCoordinates;
    QTest::newRow("four numbers") << point("[108.7,34.3,10,1]") << FeatureRejection::BadCoordinates;
    QTest::newRow("numbers as strings") << point(R"(["108.7","34.3"])") << FeatureRejection::BadCoordinates;
    QTest::newRow("null in position") << point("[108.7,null]") << FeatureRejection::BadCoordinates;
    QTest::newRow("altitude not a number") << point(R"([108.7,34.3,"high"])") << FeatureRejection::BadCoordinates;
    QTest::newRow("polygon one level too shallow")
        << geometry(R"({"type":"Polygon","coordinates":[[1,2],[3,4],[5,6],[1,2]]})")
        << FeatureRejection::BadCoordinates;
    QTest::newRow("line of numbers") << geometry(R"({"type":"LineString","coordinates":[1,2]})")
                                     << FeatureRejection::BadCoordinates;

    QTest::newRow("NaN as string") << point(R"(["NaN",34.3])") << FeatureRejection::NonFinite;
    QTest::newRow("Infinity as string") << point(R"([108.7,"Infinity"])") << FeatureRejection::NonFinite;
    QTest::newRow("-inf as string") << point(R"(["-inf",34.3])") << FeatureRejection::NonFinite;

    QTest::newRow("longitude over 180") << point("[180.000001,34.3]") << FeatureRejection::OutOfRange;
    QTest::newRow("latitude under -90") << point("[108.7,-90.5]") << FeatureRejection::OutOfRange;
    QTest::newRow("lat/lon swapped outside range") << point("[34.3,108.7]") << FeatureRejection::OutOfRange;

    QTest::newRow("line of one position")
        << geometry(R"({"type":"LineString","coordinates":[[1,2]]})") << FeatureRejection::TooFewPositions;
    QTest::newRow("ring of three positions")
        << geometry(R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[1,2]]]})") << FeatureRejection::TooFewPositions;
    QTest::newRow("polygon without rings")
        << geometry(R"({"type":"Polygon","coordinates":[]})") << FeatureRejection::TooFewPositions;
    QTest::newRow("empty MultiPoint") << geometry(R"({"type":"MultiPoint","coordinates":[]})")
                                      << FeatureRejection::TooFewPositions;

    QTest::newRow("unclosed outer ring") << geometry(
        R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2.000001]]]})")
                                         << FeatureRejection::UnclosedRing;
    QTest::newRow("unclosed hole") << geometry(
        R"({"type":"Polygon","coordinates":[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[2,2],[1,2]]]})")
                                   << FeatureRejection::UnclosedRing;

    QTest::newRow("id true") << QByteArray(
        R"({"type":"Feature","id":true,"geometry":{"type":"Point","coordinates":[1,2]}})")
                             << FeatureRejection::BadId;
    QTest::newRow("id object") << QByteArray(
        R"({"type":"Feature","id":{"v":1},"geometry":{"type":"Point","coordinates":[1,2]}})")
                               << FeatureRejection::BadId;
    QTest::newRow("id null") << QByteArray(
        R"({"type":"Feature","id":null,"geometry":{"type":"Point","coordinates":[1,2]}})")
                             << FeatureRejection::BadId;
    QTest::newRow("id of 129 characters") << QByteArray(
        R"({"type":"Feature","id":")" + QByteArray(129, 'x') + R"(","geometry":{"type":"Point","coordinates":[1,2]}})")
                                          << FeatureRejection::BadId;
}

void TestGeoJson::featureIsRejected()
{
    QFETCH(QByteArray, payload);
    QFETCH(FeatureRejection, reason);
    const GeoJsonDocument doc = parseGeoJson(payload);
    QVERIFY2(doc.isValid(), qPrintable(doc.error));
    QCOMPARE(doc.features.size(), std::size_t(0));
    QCOMPARE(doc.deletedIds, QStringList());
    QCOMPARE(doc.rejectedCount(), 1);
    QCOMPARE(rejectedFor(doc, reason), 1);
    QCOMPARE(doc.problems, QStringList { QStringLiteral("feature 0: ") + featureRejectionName(reason) });
}

void TestGeoJson::tooManyVerticesRejectsTheFeature()
{
    GeoJsonLimits limits;
    limits.maxVerticesPerFeature = 3;
    const GeoJsonDocument doc = parseGeoJson(
        featureWith(R"({"type":"LineString","coordinates":[[1,1],[2,2],[3,3],[4,4]]})"), Datum::Wgs84, limits);
    QCOMPARE(doc.features.size(), std::size_t(0));
    QCOMPARE(rejectedFor(doc, FeatureRejection::TooManyVertices), 1);
    QCOMPARE(doc.problems, QStringList { QStringLiteral("feature 0: too_many_vertices") });
}

void TestGeoJson::vertexCapIsInclusive()
{
    GeoJsonLimits limits;
    limits.maxVerticesPerFeature = 3;
    const GeoJsonDocument doc
        = parseGeoJson(featureWith(R"({"type":"LineString","coordinates":[[1,1],[2,2],[3,3]]})"), Datum::Wgs84, limits);
    QCOMPARE(doc.rejectedCount(), 0);
    QCOMPARE(doc.features.size(), std::size_t(1));
}

void TestGeoJson::hugeExponentRefusesWholeDocument()
{
    // Qt 6.4's QJsonDocument does not turn 1e999 into inf: it refuses the number ("illegal number"),
    // so the whole document is refused rather than one feature being counted as non_finite.
    const GeoJsonDocument doc = parseGeoJson(featureWith(R"({"type":"Point","coordinates":[1e999,34.3]})"));
    QVERIFY(!doc.isValid());
    QVERIFY2(doc.error.startsWith(QLatin1String("not JSON: ")), qPrintable(doc.error));
}

void TestGeoJson::mixedCollectionLoadsTheGoodFeatures()
{
    const GeoJsonDocument doc = parseGeoJson(testData("mixed-collection.geojson"));
    QVERIFY2(doc.isValid(), qPrintable(doc.error));
    QCOMPARE(doc.features.size(), std::size_t(2));
    QCOMPARE(doc.features[0].id, QStringLiteral("station-1"));
    QCOMPARE(doc.features[1].id, QStringLiteral("42"));
    QCOMPARE(doc.rejectedCount(), 1);
    QCOMPARE(rejectedFor(doc, FeatureRejection::UnclosedRing), 1);
}

void TestGeoJson::problemNamesFeatureIndexAndId()
{
    const GeoJsonDocument doc = parseGeoJson(testData("mixed-collection.geojson"));
    QCOMPARE(doc.problems, QStringList { QStringLiteral("feature 1 (id \"a7\"): unclosed_ring") });
}

void TestGeoJson::problemsKeepOnlyTheFirstTwenty()
{
    QByteArray json = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < 25; ++i) {
        if (i > 0)
            json += ',';
        json += R"({"type":"Feature","id":"f)" + QByteArray::number(i) + R"(","geometry":{"type":"Circle"}})";
    }
    json += "]}";
    const GeoJsonDocument doc = parseGeoJson(json);
    QCOMPARE(doc.rejectedCount(), 25);
    QCOMPARE(doc.problems.size(), 20);
    QCOMPARE(doc.problems.last(), QStringLiteral("feature 19 (id \"f19\"): unknown_geometry"));
}

void TestGeoJson::nullGeometryWithIdDeletesThatId()
{
    const GeoJsonDocument doc = parseGeoJson(R"({"type":"Feature","id":"bus-17","geometry":null})");
    QCOMPARE(doc.kind, GeoJsonDocument::Kind::Feature);
    QCOMPARE(doc.deletedIds, QStringList { QStringLiteral("bus-17") });
    QCOMPARE(doc.features.size(), std::size_t(0));
    QCOMPARE(doc.rejectedCount(), 0);
}

void TestGeoJson::nullGeometryInCollectionDeletesThatId()
{
    const GeoJsonDocument doc = parseGeoJson(R"({"type":"FeatureCollection","features":[
        {"type":"Feature","id":7,"geometry":null},
        {"type":"Feature","id":"kept","geometry":{"type":"Point","coordinates":[108.7,34.3]}}]})");
    QCOMPARE(doc.deletedIds, QStringList { QStringLiteral("7") });
    QCOMPARE(doc.features.size(), std::size_t(1));
    QCOMPARE(doc.rejectedCount(), 0);
}

void TestGeoJson::documentIsRefused_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<int>("maxFeatures");
    QTest::addColumn<QString>("errorStart");

    const GeoJsonLimits defaults;
    const QByteArray point = R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}})";
    const QByteArray threeFeatures
        = R"({"type":"FeatureCollection","features":[)" + point + ',' + point + ',' + point + "]}";
    // 17 levels: the Feature object, properties, and 15 nested arrays.
    const QByteArray tooDeep = R"({"type":"Feature","properties":{"x":)" + QByteArray(15, '[') + QByteArray(15, ']')
        + R"(},"geometry":{"type":"Point","coordinates":[1,2]}})";

    QTest::newRow("not JSON") << QByteArray("type: Feature") << defaults.maxBytes << defaults.maxFeatures
                              << "not JSON: ";
    QTest::newRow("empty") << QByteArray() << defaults.maxBytes << defaults.maxFeatures << "not JSON: ";
    QTest::newRow("truncated") << point.left(point.size() - 5) << defaults.maxBytes << defaults.maxFeatures
                               << "not JSON: ";
    QTest::newRow("invalid UTF-8 in a string")
        << QByteArray("{\"type\":\"Feature\",\"properties\":{\"name\":\"X\xff\xfeY\"},"
                      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}")
        << defaults.maxBytes << defaults.maxFeatures << "not JSON: ";
    QTest::newRow("a JSON array") << "[" + point + "]" << defaults.maxBytes << defaults.maxFeatures
                                  << "not a GeoJSON object";
    QTest::newRow("no type") << QByteArray(R"({"features":[]})") << defaults.maxBytes << defaults.maxFeatures
                             << "not a Feature or FeatureCollection";
    QTest::newRow("Topology") << QByteArray(R"({"type":"Topology","objects":{}})") << defaults.maxBytes
                              << defaults.maxFeatures << "not a Feature or FeatureCollection";
    QTest::newRow("features not an array") << QByteArray(R"({"type":"FeatureCollection","features":{}})")
                                           << defaults.maxBytes << defaults.maxFeatures << "\"features\"";
    QTest::newRow("too deep") << tooDeep << defaults.maxBytes << defaults.maxFeatures << "too deep";
    QTest::newRow("over maxBytes") << point << int(point.size() - 1) << defaults.maxFeatures << "too big";
    QTest::newRow("over maxFeatures") << threeFeatures << defaults.maxBytes << 2 << "too many features";
}

void TestGeoJson::documentIsRefused()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, maxBytes);
    QFETCH(int, maxFeatures);
    QFETCH(QString, errorStart);
    GeoJsonLimits limits;
    limits.maxBytes = maxBytes;
    limits.maxFeatures = maxFeatures;
    const GeoJsonDocument doc = parseGeoJson(payload, Datum::Wgs84, limits);
    QVERIFY(!doc.isValid());
    QCOMPARE(doc.kind, GeoJsonDocument::Kind::Invalid);
    QVERIFY2(doc.error.startsWith(errorStart), qPrintable(doc.error));
    QCOMPARE(doc.features.size(), std::size_t(0));
}

void TestGeoJson::nestingAtTheLimitIsAccepted()
{
    // 16 levels: the Feature object, properties, and 14 nested arrays.
    const QByteArray json = R"({"type":"Feature","properties":{"x":)" + QByteArray(14, '[') + QByteArray(14, ']')
        + R"(},"geometry":{"type":"Point","coordinates":[1,2]}})";
    const GeoJsonDocument doc = parseGeoJson(json);
    QVERIFY2(doc.isValid(), qPrintable(doc.error));
    QCOMPARE(doc.features.size(), std::size_t(1));
}

void TestGeoJson::bracketsInsideStringsDoNotCountAsNesting()
{
    const QByteArray json = R"({"type":"Feature","properties":{"note":"\"[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{"},)"
                            R"("geometry":{"type":"Point","coordinates":[1,2]}})";
    const GeoJsonDocument doc = parseGeoJson(json);
    QVERIFY2(doc.isValid(), qPrintable(doc.error));
    QCOMPARE(doc.features.size(), std::size_t(1));
}

void TestGeoJson::maxBytesIsInclusive()
{
    const QByteArray json = R"({"type":"Point","coordinates":[1,2]})";
    GeoJsonLimits limits;
    limits.maxBytes = int(json.size());
    QVERIFY(parseGeoJson(json, Datum::Wgs84, limits).isValid());
}

QTEST_GUILESS_MAIN(TestGeoJson)
#include "tst_geojson.moc"
