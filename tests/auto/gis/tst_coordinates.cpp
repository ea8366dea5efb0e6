#include "coordinates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <vector>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::Datum)

namespace {

// Every [lon, lat(, alt)] position of a GeoJSON geometry, in file order. Read here with QJsonDocument
// rather than parseGeoJson so that these tests do not depend on the GeoJSON reader.
void collectPositions(const QJsonValue& coordinates, std::vector<QPointF>& out)
{
    const QJsonArray array = coordinates.toArray();
    if (!array.isEmpty() && array.first().isDouble()) {
        out.emplace_back(array.at(0).toDouble(), array.at(1).toDouble());
        return;
    }
    for (const QJsonValue& child : array)
        collectPositions(child, out);
}

// The shipped layer's positions, feature by feature.
std::vector<std::vector<QPointF>> shippedPositions(const QString& file)
{
    QFile f(QStringLiteral(":/geo/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<std::vector<QPointF>> features;
    const QJsonArray array = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("features")).toArray();
    for (const QJsonValue& feature : array) {
        features.emplace_back();
        collectPositions(
            feature.toObject().value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")),
            features.back());
    }
    return features;
}

double maxAxisError(const QPointF& a, const QPointF& b)
{
    return std::max(std::fabs(a.x() - b.x()), std::fabs(a.y() - b.y()));
}

// East and north components (metres) of the step from a to b, on a sphere of mean Earth radius.
QPointF eastNorthMetres(const QPointF& a, const QPointF& b)
{
    constexpr double metresPerDegree = 6371000.0 * M_PI / 180.0;
    const double cosLat = std::cos(a.y() * M_PI / 180.0);
    return { (b.x() - a.x()) * cosLat * metresPerDegree, (b.y() - a.y()) * metresPerDegree };
}

// Seat of government of 秦都区, Xianyang (WGS-84, from resources/geo).
const QPointF xianyangWgs84(108.693998, 34.331266);

// The shipped *.wgs84.* files are GCJ-02 source coordinates inverted and then rounded to 6 decimals
// (resources/geo/PROVENANCE.md, section 2.5). The rounding alone moves a value by up to 5e-7 degrees,
// so an exact inverse can come back only that close; the forward offset barely changes over 5e-7
// degrees (its derivative is about 1e-3), so the forward check lands within 5e-7 plus a hair.
constexpr double halfSixthDecimal = 5e-7;
constexpr double roundingSlack = 1e-9;
constexpr double forwardTolerance = 1e-6;

} // namespace

class TestCoordinates : public QObject
{
    Q_OBJECT

private slots:
    void datumFromNameReadsKnownNames_data();
    void datumFromNameReadsKnownNames();
    void datumFromNameRefusesOtherNames_data();
    void datumFromNameRefusesOtherNames();
    void datumNameIsReadBack_data();
    void datumNameIsReadBack();

    void gcj02AppliesInsideMainlandBox_data();
    void gcj02AppliesInsideMainlandBox();
    void gcj02DoesNotApplyOutsideMainlandBox_data();
    void gcj02DoesNotApplyOutsideMainlandBox();

    void wgs84ToGcj02MatchesPublishedPairs_data();
    void wgs84ToGcj02MatchesPublishedPairs();
    void gcj02ToWgs84InvertsPublishedPairs_data();
    void gcj02ToWgs84InvertsPublishedPairs();
    void roundTripReturnsStartAcrossChina();
    void roundTripReturnsTiananmen();

    void forwardMatchesShippedSeats();
    void inverseMatchesShippedSeats();
    void forwardMatchesShippedDistrictVertices();
    void inverseMatchesShippedDistrictVertices();

    void offsetNearXianyangIsHundredsOfMetres();
    void gcj02LiesEastAndSouthNearXianyang();

    void conversionIsIdentityOutsideChina_data();
    void conversionIsIdentityOutsideChina();
    void convertDatumToSameDatumIsIdentity();
    void convertDatumPicksDirection();
};

void TestCoordinates::datumFromNameReadsKnownNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Datum>("expected");
    QTest::newRow("wgs84") << "wgs84" << Datum::Wgs84;
    QTest::newRow("WGS84") << "WGS84" << Datum::Wgs84;
    QTest::newRow("cgcs2000 reads as WGS-84") << "cgcs2000" << Datum::Wgs84;
    QTest::newRow("CGCS2000 reads as WGS-84") << "CGCS2000" << Datum::Wgs84;
    QTest::newRow("gcj02") << "gcj02" << Datum::Gcj02;
    QTest::newRow("Gcj02") << "Gcj02" << Datum::Gcj02;
}

void TestCoordinates::datumFromNameReadsKnownNames()
{
    QFETCH(QString, name);
    QFETCH(Datum, expected);
    const std::optional<Datum> datum = datumFromName(name);
    QVERIFY(datum.has_value());
    QCOMPARE(*datum, expected);
}

void TestCoordinates::datumFromNameRefusesOtherNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << "";
    QTest::newRow("bd09 (Baidu) is not supported") << "bd09";
    QTest::newRow("epsg code") << "EPSG:4326";
    QTest::newRow("prefix only") << "gcj";
    QTest::newRow("longer") << "wgs84x";
}

void TestCoordinates::datumFromNameRefusesOtherNames()
{
    QFETCH(QString, name);
    QVERIFY(!datumFromName(name).has_value());
}

void TestCoordinates::datumNameIsReadBack_data()
{
    QTest::addColumn<Datum>("datum");
    QTest::addColumn<QString>("name");
    QTest::newRow("wgs84") << Datum::Wgs84 << "wgs84";
    QTest::newRow("gcj02") << Datum::Gcj02 << "gcj02";
}

void TestCoordinates::datumNameIsReadBack()
{
    QFETCH(Datum, datum);
    QFETCH(QString, name);
    QCOMPARE(datumName(datum), name);
    QCOMPARE(datumFromName(datumName(datum)), std::optional<Datum>(datum));
}

void TestCoordinates::gcj02AppliesInsideMainlandBox_data()
{
    QTest::addColumn<QPointF>("lonLat");
    QTest::newRow("Xianyang") << xianyangWgs84;
    QTest::newRow("Beijing") << QPointF(116.397128, 39.916527);
    QTest::newRow("Urumqi") << QPointF(87.6168, 43.8256);
    QTest::newRow("south-west corner") << QPointF(72.004, 0.8293);
    QTest::newRow("north-east corner") << QPointF(137.8347, 55.8271);
}

void TestCoordinates::gcj02AppliesInsideMainlandBox()
{
    QFETCH(QPointF, lonLat);
    QVERIFY(gcj02Applies(lonLat));
}

void TestCoordinates::gcj02DoesNotApplyOutsideMainlandBox_data()
{
    QTest::addColumn<QPointF>("lonLat");
    QTest::newRow("Paris") << QPointF(2.3522, 48.8566);
    QTest::newRow("Sydney") << QPointF(151.2093, -33.8688);
    QTest::newRow("Tokyo (east of the box)") << QPointF(139.6917, 35.6895);
    QTest::newRow("just west of the box") << QPointF(72.0039, 30.0);
    QTest::newRow("just north of the box") << QPointF(120.0, 55.8272);
    QTest::newRow("not a number") << QPointF(std::nan(""), 34.0);
}

void TestCoordinates::gcj02DoesNotApplyOutsideMainlandBox()
{
    QFETCH(QPointF, lonLat);
    QVERIFY(!gcj02Applies(lonLat));
}

// Pairs published with independent implementations of the same formula; tolerance per source.
static void addPublishedPairs()
{
    QTest::addColumn<QPointF>("wgs84");
    QTest::addColumn<QPointF>("gcj02");
    QTest::addColumn<double>("tolerance");
    // googollee/eviltransform, go/transform_test.go (values printed to full double precision).
    QTest::newRow("Shanghai (eviltransform)")
        << QPointF(121.5272106, 31.1774276) << QPointF(121.531541859215, 31.17530398364597) << 1e-9;
    QTest::newRow("Shenzhen (eviltransform)")
        << QPointF(113.912316, 22.543847) << QPointF(113.9171764808363, 22.540796131694766) << 1e-9;
    QTest::newRow("Beijing (eviltransform)")
        << QPointF(116.377817, 39.911954) << QPointF(116.38404722455657, 39.91334545536069) << 1e-9;
    // wandergis/coordtransform, test/app.js (also the reference of hutool's CoordinateUtilTest).
    QTest::newRow("Beijing (coordtransform)")
        << QPointF(116.404, 39.915) << QPointF(116.41024449916938, 39.91640428150164) << 1e-9;
    // Two further implementations whose arithmetic differs in the last digits (up to 8e-8 degrees).
    QTest::newRow("Jiaxing (geotool)") << QPointF(121.0917077, 30.6107779)
                                       << QPointF(121.09626935575027, 30.608604331756705) << 1e-7;
    QTest::newRow("Beijing north-west (geoToolbox)")
        << QPointF(116.0, 40.0) << QPointF(116.006141221789, 40.001213650174) << 1e-7;
}

void TestCoordinates::wgs84ToGcj02MatchesPublishedPairs_data()
{
    addPublishedPairs();
}

void TestCoordinates::wgs84ToGcj02MatchesPublishedPairs()
{
    QFETCH(QPointF, wgs84);
    QFETCH(QPointF, gcj02);
    QFETCH(double, tolerance);
    const QPointF got = wgs84ToGcj02(wgs84);
    QVERIFY2(maxAxisError(got, gcj02) < tolerance,
        qPrintable(QStringLiteral("got %1, %2").arg(got.x(), 0, 'f', 12).arg(got.y(), 0, 'f', 12)));
}

void TestCoordinates::gcj02ToWgs84InvertsPublishedPairs_data()
{
    addPublishedPairs();
}

void TestCoordinates::gcj02ToWgs84InvertsPublishedPairs()
{
    QFETCH(QPointF, wgs84);
    QFETCH(QPointF, gcj02);
    QFETCH(double, tolerance);
    const QPointF got = gcj02ToWgs84(gcj02);
    QVERIFY2(maxAxisError(got, wgs84) < tolerance,
        qPrintable(QStringLiteral("got %1, %2").arg(got.x(), 0, 'f', 12).arg(got.y(), 0, 'f', 12)));
}

void TestCoordinates::roundTripReturnsStartAcrossChina()
{
    double worst = 0;
    for (double lon = 73.0; lon <= 135.0; lon += 0.7) {
        for (double lat = 1.0; lat <= 55.0; lat += 0.7) {
            const QPointF wgs(lon, lat);
            worst = std::max(worst, maxAxisError(gcj02ToWgs84(wgs84ToGcj02(wgs)), wgs));
        }
    }
    QVERIFY2(worst < 1e-7, qPrintable(QString::number(worst)));
}

void TestCoordinates::roundTripReturnsTiananmen()
{
    const QPointF wgs(116.397128, 39.916527);
    const QPointF gcj = wgs84ToGcj02(wgs);
    QVERIFY(maxAxisError(gcj, wgs) > 1e-3); // it did move
    QVERIFY(maxAxisError(gcj02ToWgs84(gcj), wgs) < 1e-7);
}

void TestCoordinates::forwardMatchesShippedSeats()
{
    const auto wgs = shippedPositions(QStringLiteral("xianyang-district-seats.wgs84.geojson"));
    const auto gcj = shippedPositions(QStringLiteral("xianyang-district-seats.gcj02.geojson"));
    QCOMPARE(wgs.size(), std::size_t(14));
    QCOMPARE(gcj.size(), wgs.size());
    for (std::size_t i = 0; i < wgs.size(); ++i) {
        QCOMPARE(wgs[i].size(), std::size_t(1));
        QVERIFY2(maxAxisError(wgs84ToGcj02(wgs[i][0]), gcj[i][0]) < forwardTolerance,
            qPrintable(QStringLiteral("seat %1").arg(i)));
    }
}

void TestCoordinates::inverseMatchesShippedSeats()
{
    const auto wgs = shippedPositions(QStringLiteral("xianyang-district-seats.wgs84.geojson"));
    const auto gcj = shippedPositions(QStringLiteral("xianyang-district-seats.gcj02.geojson"));
    QCOMPARE(wgs.size(), std::size_t(14));
    QCOMPARE(gcj.size(), wgs.size());
    for (std::size_t i = 0; i < wgs.size(); ++i) {
        QVERIFY2(maxAxisError(gcj02ToWgs84(gcj[i][0]), wgs[i][0]) <= halfSixthDecimal + roundingSlack,
            qPrintable(QStringLiteral("seat %1").arg(i)));
    }
}

void TestCoordinates::forwardMatchesShippedDistrictVertices()
{
    const auto wgs = shippedPositions(QStringLiteral("xianyang-districts.wgs84.geojson"));
    const auto gcj = shippedPositions(QStringLiteral("xianyang-districts.gcj02.geojson"));
    QCOMPARE(wgs.size(), std::size_t(14));
    QCOMPARE(gcj.size(), wgs.size());
    std::size_t vertices = 0;
    double worst = 0;
    for (std::size_t f = 0; f < wgs.size(); ++f) {
        QCOMPARE(gcj[f].size(), wgs[f].size());
        for (std::size_t v = 0; v < wgs[f].size(); ++v)
            worst = std::max(worst, maxAxisError(wgs84ToGcj02(wgs[f][v]), gcj[f][v]));
        vertices += wgs[f].size();
    }
    QCOMPARE(vertices, std::size_t(3894)); // PROVENANCE.md
    QVERIFY2(worst < forwardTolerance, qPrintable(QString::number(worst)));
}

void TestCoordinates::inverseMatchesShippedDistrictVertices()
{
    const auto wgs = shippedPositions(QStringLiteral("xianyang-districts.wgs84.geojson"));
    const auto gcj = shippedPositions(QStringLiteral("xianyang-districts.gcj02.geojson"));
    QCOMPARE(wgs.size(), std::size_t(14));
    QCOMPARE(gcj.size(), wgs.size());
    double worst = 0;
    for (std::size_t f = 0; f < wgs.size(); ++f) {
        QCOMPARE(gcj[f].size(), wgs[f].size());
        for (std::size_t v = 0; v < wgs[f].size(); ++v)
            worst = std::max(worst, maxAxisError(gcj02ToWgs84(gcj[f][v]), wgs[f][v]));
    }
    QVERIFY2(worst <= halfSixthDecimal + roundingSlack, qPrintable(QString::number(worst)));
}

void TestCoordinates::offsetNearXianyangIsHundredsOfMetres()
{
    const QPointF step = eastNorthMetres(xianyangWgs84, wgs84ToGcj02(xianyangWgs84));
    const double metres = std::hypot(step.x(), step.y());
    QVERIFY2(metres > 100.0 && metres < 1000.0, qPrintable(QString::number(metres)));
}

// Over the shipped district vertices GCJ-02 lies 408-476 m east and 39-182 m south of WGS-84 (426 m
// east, 163 m south at this seat); PROVENANCE.md rounds it to "430-450 m east, 40-160 m south".
// A swapped sign or swapped axes keep the magnitude but fail this.
void TestCoordinates::gcj02LiesEastAndSouthNearXianyang()
{
    const QPointF step = eastNorthMetres(xianyangWgs84, wgs84ToGcj02(xianyangWgs84));
    QVERIFY2(step.x() > 400.0 && step.x() < 480.0, qPrintable(QString::number(step.x())));
    QVERIFY2(step.y() < -20.0 && step.y() > -200.0, qPrintable(QString::number(step.y())));
}

void TestCoordinates::conversionIsIdentityOutsideChina_data()
{
    QTest::addColumn<QPointF>("lonLat");
    QTest::newRow("Paris") << QPointF(2.3522, 48.8566);
    QTest::newRow("Sydney") << QPointF(151.2093, -33.8688);
    QTest::newRow("New York") << QPointF(-74.006, 40.7128);
    QTest::newRow("Tokyo") << QPointF(139.6917, 35.6895);
}

void TestCoordinates::conversionIsIdentityOutsideChina()
{
    QFETCH(QPointF, lonLat);
    QCOMPARE(wgs84ToGcj02(lonLat), lonLat);
    QCOMPARE(gcj02ToWgs84(lonLat), lonLat);
}

void TestCoordinates::convertDatumToSameDatumIsIdentity()
{
    QCOMPARE(convertDatum(xianyangWgs84, Datum::Wgs84, Datum::Wgs84), xianyangWgs84);
    QCOMPARE(convertDatum(xianyangWgs84, Datum::Gcj02, Datum::Gcj02), xianyangWgs84);
}

void TestCoordinates::convertDatumPicksDirection()
{
    const QPointF gcj = wgs84ToGcj02(xianyangWgs84);
    QCOMPARE(convertDatum(xianyangWgs84, Datum::Wgs84, Datum::Gcj02), gcj);
    QCOMPARE(convertDatum(gcj, Datum::Gcj02, Datum::Wgs84), gcj02ToWgs84(gcj));
}

QTEST_GUILESS_MAIN(TestCoordinates)
#include "tst_coordinates.moc"
