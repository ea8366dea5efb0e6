#include "districtlayer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using citybrain::District;
using citybrain::DistrictLayer;

class TestDistrictLayer : public QObject
{
    Q_OBJECT

private slots:
    void shippedLayerHasTheFourteenDistricts();
    void shippedDistrictHasItsChineseName_data();
    void shippedDistrictHasItsChineseName();
    void everySeatLiesInsideItsOwnDistrict();
    void locateFindsQinduAtItsSeat();
    void locateReturnsNullOutsideTheCity_data();
    void locateReturnsNullOutsideTheCity();
    void boundsMatchProvenance();
    void missingFileGivesErrorAndEmptyLayer();
    void malformedJsonGivesErrorAndEmptyLayer();
    void nonFeatureCollectionGivesErrorAndEmptyLayer();
    void featureWithInvalidCoordinateIsSkipped_data();
    void featureWithInvalidCoordinateIsSkipped();
    void featureWithAdcodeBeyondAnIntegerIsSkipped_data();
    void featureWithAdcodeBeyondAnIntegerIsSkipped();
    void seatDefaultsToBoundsCentreWithoutSeatFile();
    void missingSeatFileKeepsDistrictsAndReportsError();

private:
    QString write(const QString& name, const QByteArray& content);
    QTemporaryDir m_dir;
};

namespace {

const QByteArray validFeature = R"({"type":"Feature","properties":{"adcode":100001,"name":"Good"},
    "geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]}})";

QByteArray collection(const QByteArray& features)
{
    return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

} // namespace

QString TestDistrictLayer::write(const QString& name, const QByteArray& content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestDistrictLayer::shippedLayerHasTheFourteenDistricts()
{
    const DistrictLayer& layer = DistrictLayer::xianyang();
    QStringList adcodes;
    for (const District& district : layer.districts())
        adcodes.append(district.adcode);
    adcodes.sort();
    const QStringList expected { "610402", "610403", "610404", "610422", "610423", "610424", "610425", "610426",
        "610428", "610429", "610430", "610431", "610481", "610482" };
    QCOMPARE(adcodes, expected);
}

void TestDistrictLayer::shippedDistrictHasItsChineseName_data()
{
    QTest::addColumn<QString>("adcode");
    QTest::addColumn<QString>("name");
    QTest::newRow("610402") << "610402" << QStringLiteral("秦都区");
    QTest::newRow("610403") << "610403" << QStringLiteral("杨陵区");
    QTest::newRow("610404") << "610404" << QStringLiteral("渭城区");
    QTest::newRow("610422") << "610422" << QStringLiteral("三原县");
    QTest::newRow("610423") << "610423" << QStringLiteral("泾阳县");
    QTest::newRow("610424") << "610424" << QStringLiteral("乾县");
    QTest::newRow("610425") << "610425" << QStringLiteral("礼泉县");
    QTest::newRow("610426") << "610426" << QStringLiteral("永寿县");
    QTest::newRow("610428") << "610428" << QStringLiteral("长武县");
    QTest::newRow("610429") << "610429" << QStringLiteral("旬邑县");
    QTest::newRow("610430") << "610430" << QStringLiteral("淳化县");
    QTest::newRow("610431") << "610431" << QStringLiteral("武功县");
    QTest::newRow("610481") << "610481" << QStringLiteral("兴平市");
    QTest::newRow("610482") << "610482" << QStringLiteral("彬州市");
}

void TestDistrictLayer::shippedDistrictHasItsChineseName()
{
    QFETCH(QString, adcode);
    QFETCH(QString, name);
    const District* district = DistrictLayer::xianyang().find(adcode);
    QVERIFY(district);
    QCOMPARE(district->name, name);
}

void TestDistrictLayer::everySeatLiesInsideItsOwnDistrict()
{
    for (const District& district : DistrictLayer::xianyang().districts()) {
        QVERIFY2(district.contains(district.seat), qPrintable(district.name));
        // A real seat point from the seat file, not the bounding-box fallback.
        QVERIFY2(district.seat != district.bounds.center(), qPrintable(district.name));
    }
}

void TestDistrictLayer::locateFindsQinduAtItsSeat()
{
    const DistrictLayer& layer = DistrictLayer::xianyang();
    const District* qindu = layer.find(QStringLiteral("610402"));
    QVERIFY(qindu);
    const District* found = layer.locate(qindu->seat);
    QVERIFY(found);
    QCOMPARE(found->name, QStringLiteral("秦都区"));
}

void TestDistrictLayer::locateReturnsNullOutsideTheCity_data()
{
    QTest::addColumn<QPointF>("lonLat");
    // Inside Xianyang's bounding box (south edge 34.196 N) but in Xi'an, not Xianyang.
    QTest::newRow("Xi'an Bell Tower") << QPointF(108.9402, 34.2612);
    QTest::newRow("null island") << QPointF(0, 0);
}

void TestDistrictLayer::locateReturnsNullOutsideTheCity()
{
    QFETCH(QPointF, lonLat);
    const DistrictLayer& layer = DistrictLayer::xianyang();
    for (const District& district : layer.districts())
        QVERIFY2(!district.contains(lonLat), qPrintable(district.name));
    QCOMPARE(layer.locate(lonLat), nullptr);
}

void TestDistrictLayer::boundsMatchProvenance()
{
    // PROVENANCE.md, WGS-84 bbox [west, south, east, north].
    const QRectF bounds = DistrictLayer::xianyang().bounds();
    QVERIFY(qAbs(bounds.left() - 107.647253) < 1e-6);
    QVERIFY(qAbs(bounds.top() - 34.196351) < 1e-6);
    QVERIFY(qAbs(bounds.right() - 109.172579) < 1e-6);
    QVERIFY(qAbs(bounds.bottom() - 35.544631) < 1e-6);
}

void TestDistrictLayer::missingFileGivesErrorAndEmptyLayer()
{
    QString error;
    const DistrictLayer layer = DistrictLayer::load(m_dir.filePath("absent.geojson"), QString(), &error);
    QVERIFY(layer.isEmpty());
    QVERIFY(layer.bounds().isNull());
    QVERIFY(error.contains("absent.geojson"));
}

void TestDistrictLayer::malformedJsonGivesErrorAndEmptyLayer()
{
    const QString path = write("malformed.geojson", R"({"type":"FeatureCollection","features":[{"type":)");
    QString error;
    const DistrictLayer layer = DistrictLayer::load(path, QString(), &error);
    QVERIFY(layer.isEmpty());
    QVERIFY2(error.contains("malformed.geojson") && error.contains("offset"), qPrintable(error));
    // Without an error pointer it must not crash either.
    QVERIFY(DistrictLayer::load(path, QString()).isEmpty());
}

void TestDistrictLayer::nonFeatureCollectionGivesErrorAndEmptyLayer()
{
    const QString path = write("feature.geojson", validFeature);
    QString error;
    QVERIFY(DistrictLayer::load(path, QString(), &error).isEmpty());
    QVERIFY2(error.contains("FeatureCollection"), qPrintable(error));
}

void TestDistrictLayer::featureWithInvalidCoordinateIsSkipped_data()
{
    QTest::addColumn<QByteArray>("ring");
    QTest::newRow("lon out of range") << QByteArray("[[200,1],[201,1],[201,2],[200,2],[200,1]]");
    QTest::newRow("lat out of range") << QByteArray("[[3,91],[4,91],[4,92],[3,92],[3,91]]");
    QTest::newRow("null coordinate") << QByteArray("[[3,null],[4,1],[4,2],[3,2],[3,null]]");
    QTest::newRow("NaN as string") << QByteArray(R"([["NaN",1],[4,1],[4,2],[3,2],["NaN",1]])");
    QTest::newRow("too few positions") << QByteArray("[[3,1],[4,1],[3,1]]");
}

void TestDistrictLayer::featureWithInvalidCoordinateIsSkipped()
{
    QFETCH(QByteArray, ring);
    const QByteArray bad = R"({"type":"Feature","properties":{"adcode":100002,"name":"Bad"},
        "geometry":{"type":"MultiPolygon","coordinates":[[[[5,5],[6,5],[6,6],[5,6],[5,5]]],[)"
        + ring + "]]}}";
    const QString path = write("mixed.geojson", collection(validFeature + "," + bad));
    QString error;
    const DistrictLayer layer = DistrictLayer::load(path, QString(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(layer.districts().size(), size_t(1));
    QCOMPARE(layer.districts().front().adcode, QStringLiteral("100001"));
    QCOMPARE(layer.find(QStringLiteral("100002")), nullptr);
    QCOMPARE(layer.bounds(), QRectF(1, 1, 1, 1));
}

// Found by tests/fuzz (fuzz_geojson): a numeric adcode beyond qint64 was converted with undefined behaviour.
void TestDistrictLayer::featureWithAdcodeBeyondAnIntegerIsSkipped_data()
{
    QTest::addColumn<QByteArray>("adcode");
    QTest::newRow("1e19") << QByteArray("1e19");
    QTest::newRow("-1e19") << QByteArray("-1e19");
    QTest::newRow("1e300") << QByteArray("1e300");
}

void TestDistrictLayer::featureWithAdcodeBeyondAnIntegerIsSkipped()
{
    QFETCH(QByteArray, adcode);
    const QByteArray bad = R"({"type":"Feature","properties":{"adcode":)" + adcode
        + R"(,"name":"Bad"},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}})";
    const QString path = write("huge-adcode.geojson", collection(validFeature + "," + bad));
    const DistrictLayer layer = DistrictLayer::load(path, QString());
    QCOMPARE(layer.districts().size(), size_t(1));
    QCOMPARE(layer.districts().front().adcode, QStringLiteral("100001"));
}

void TestDistrictLayer::seatDefaultsToBoundsCentreWithoutSeatFile()
{
    const QString path = write("one.geojson", collection(validFeature));
    const DistrictLayer layer = DistrictLayer::load(path, QString());
    QCOMPARE(layer.districts().size(), size_t(1));
    QCOMPARE(layer.districts().front().seat, QPointF(1.5, 1.5));
    QCOMPARE(layer.locate(QPointF(1.5, 1.5)), &layer.districts().front());
}

void TestDistrictLayer::missingSeatFileKeepsDistrictsAndReportsError()
{
    const QString path = write("one.geojson", collection(validFeature));
    QString error;
    const DistrictLayer layer = DistrictLayer::load(path, m_dir.filePath("no-seats.geojson"), &error);
    QCOMPARE(layer.districts().size(), size_t(1));
    QCOMPARE(layer.districts().front().seat, QPointF(1.5, 1.5));
    QVERIFY(error.contains("no-seats.geojson"));
}

QTEST_GUILESS_MAIN(TestDistrictLayer)
#include "tst_districtlayer.moc"
