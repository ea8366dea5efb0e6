// The GIS layer feed, xy/v1/gis/<layer-id> (docs/topics.md, "GIS layers"), through FeedDecoder as a
// console receives it: replace, upsert, delete, clear, the datum member, the feed's own size limit, and
// one named reason for every whole-message rejection.
#include "coordinates.h"
#include "decoderoutcome.h"
#include "feeddecoder.h"
#include "gisdecoder.h"

#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 kNow = 1'795'912'200'000;
const QString kTopic = QStringLiteral("xy/v1/gis/flood-zones");

FeedDecoder::Result decode(const QByteArray& payload, const QString& topic = kTopic)
{
    return FeedDecoder().decode(topic, payload, kNow);
}

const GisMessage* gis(const FeedDecoder::Result& result)
{
    return std::get_if<GisMessage>(&result);
}

QString detail(const FeedDecoder::Result& result)
{
    const auto* rejection = std::get_if<Rejection>(&result);
    return rejection ? rejection->detail : QString();
}

QByteArray pointFeature(const QByteArray& id, double lon = 108.70, double lat = 34.33)
{
    return "{\"type\":\"Feature\",\"id\":" + id + ",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
        + QByteArray::number(lon, 'f', 6) + "," + QByteArray::number(lat, 'f', 6)
        + "]},\"properties\":{\"name\":\"泵站\"}}";
}

// A FeatureCollection of `n` points, padded with a long property until it is at least `minBytes` long.
QByteArray collection(int n, qsizetype minBytes = 0)
{
    QByteArray json = "{\"type\":\"FeatureCollection\",\"features\":[";
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            json += ',';
        json += pointFeature("\"p" + QByteArray::number(i) + "\"", 108.5 + i * 1e-5, 34.3);
    }
    json += "]";
    if (json.size() < minBytes)
        json += ",\"note\":\"" + QByteArray(minBytes - json.size(), 'x') + "\"";
    json += "}";
    return json;
}

} // namespace

class TestGisDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFeatureCollectionReplacesTheLayer()
    {
        const FeedDecoder::Result result = decode(collection(3));
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        const GisUpdate& update = gis(result)->update;
        QCOMPARE(update.layerId, QStringLiteral("flood-zones"));
        QCOMPARE(update.kind, GisUpdate::Kind::Replace);
        QCOMPARE(int(update.features.size()), 3);
        QCOMPARE(update.features[1].id, QStringLiteral("p1"));
        QCOMPARE(update.rejectedFeatures, 0);
        QCOMPARE(update.receivedMs, kNow);
    }

    void aFeatureIsUpsertedById()
    {
        const FeedDecoder::Result result = decode(pointFeature("\"pump-7\""));
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        const GisUpdate& update = gis(result)->update;
        QCOMPARE(update.kind, GisUpdate::Kind::Upsert);
        QCOMPARE(int(update.features.size()), 1);
        QCOMPARE(update.features[0].id, QStringLiteral("pump-7"));
        QCOMPARE(update.features[0].properties.value(QLatin1String("name")).toString(), QStringLiteral("泵站"));
        QVERIFY(update.deletedIds.isEmpty());
    }

    void aNumericFeatureIdCounts()
    {
        const FeedDecoder::Result result = decode(pointFeature("42"));
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QCOMPARE(gis(result)->update.features[0].id, QStringLiteral("42"));
    }

    void aFeatureWithANullGeometryDeletesItsId()
    {
        const FeedDecoder::Result result = decode(R"({"type":"Feature","id":"pump-7","geometry":null})");
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        const GisUpdate& update = gis(result)->update;
        QCOMPARE(update.kind, GisUpdate::Kind::Upsert);
        QVERIFY(update.features.empty());
        QCOMPARE(update.deletedIds, QStringList { QStringLiteral("pump-7") });
    }

    void anEmptyPayloadClearsTheLayer()
    {
        const FeedDecoder::Result result = decode(QByteArray());
        QVERIFY2(gis(result), qPrintable(outcome(result)));
        QCOMPARE(gis(result)->update.kind, GisUpdate::Kind::Clear);
        QCOMPARE(gis(result)->update.layerId, QStringLiteral("flood-zones"));
    }

    void aFeatureWithoutAnIdIsMissingAField_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("absent") << QByteArray(
            R"({"type":"Feature","geometry":{"type":"Point","coordinates":[108.7,34.3]},"properties":{}})");
        QTest::newRow("null") << pointFeature("null");
        QTest::newRow("empty") << pointFeature("\"\"");
        QTest::newRow("bare geometry") << QByteArray(R"({"type":"Point","coordinates":[108.7,34.3]})");
        QTest::newRow("null geometry, no id") << QByteArray(R"({"type":"Feature","geometry":null})");
    }
    void aFeatureWithoutAnIdIsMissingAField()
    {
        QFETCH(QByteArray, payload);
        const FeedDecoder::Result result = decode(payload);
        QCOMPARE(outcome(result), QStringLiteral("missing_field"));
        QVERIFY2(detail(result).startsWith(QLatin1String("id")), qPrintable(detail(result)));
    }

    void aFeatureWithABadIdIsTheWrongType()
    {
        const FeedDecoder::Result result = decode(pointFeature("{\"a\":1}"));
        QCOMPARE(outcome(result), QStringLiteral("wrong_type"));
        QVERIFY2(detail(result).startsWith(QLatin1String("id")), qPrintable(detail(result)));
    }

    void aGcj02DocumentIsConvertedToWgs84()
    {
        const QPointF wgs(108.70, 34.33);
        const QPointF gcj = wgs84ToGcj02(wgs);
        QByteArray json = "{\"type\":\"FeatureCollection\",\"datum\":\"gcj02\",\"features\":["
            + pointFeature("\"a\"", gcj.x(), gcj.y()) + "]}";
        const FeedDecoder::Result result = decode(json);
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        const QPointF decoded = gis(result)->update.features[0].points[0];
        QVERIFY2(std::abs(decoded.x() - wgs.x()) < 1e-5 && std::abs(decoded.y() - wgs.y()) < 1e-5,
            qPrintable(QStringLiteral("%1,%2").arg(decoded.x(), 0, 'f', 7).arg(decoded.y(), 0, 'f', 7)));
    }

    void aFeatureMayDeclareItsDatumToo()
    {
        const QPointF gcj = wgs84ToGcj02(QPointF(108.70, 34.33));
        QByteArray json = pointFeature("\"a\"", gcj.x(), gcj.y());
        json.insert(1, "\"datum\":\"GCJ02\",");
        const FeedDecoder::Result result = decode(json);
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QVERIFY(std::abs(gis(result)->update.features[0].points[0].x() - 108.70) < 1e-5);
    }

    void withoutADatumCoordinatesAreWgs84()
    {
        const FeedDecoder::Result result = decode(collection(1));
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QCOMPARE(gis(result)->update.features[0].points[0], QPointF(108.5, 34.3));
    }

    void aDatumMemberIsValidated_data()
    {
        QTest::addColumn<QByteArray>("datum");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown") << QByteArray("\"bd09\"") << "out_of_range";
        QTest::newRow("empty") << QByteArray("\"\"") << "out_of_range";
        QTest::newRow("number") << QByteArray("4326") << "wrong_type";
        QTest::newRow("null") << QByteArray("null") << "wrong_type";
    }
    void aDatumMemberIsValidated()
    {
        QFETCH(QByteArray, datum);
        QFETCH(QString, reason);
        const QByteArray json = "{\"type\":\"FeatureCollection\",\"datum\":" + datum + ",\"features\":[]}";
        const FeedDecoder::Result result = decode(json);
        QCOMPARE(outcome(result), reason);
        QVERIFY2(detail(result).startsWith(QLatin1String("datum")), qPrintable(detail(result)));
    }

    void onlyTheTopLevelDatumCounts()
    {
        const QByteArray json = R"({"type":"Feature","id":"a","properties":{"datum":"bd09","id":null},)"
                                R"("geometry":{"type":"Point","coordinates":[108.7,34.3]}})";
        const FeedDecoder::Result result = decode(json);
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QCOMPARE(gis(result)->update.features[0].points[0], QPointF(108.7, 34.3));
    }

    void anEscapedMemberNameIsStillTheDatum()
    {
        const QByteArray json = R"({"type":"FeatureCollection","datum":"bd09","features":[]})";
        QCOMPARE(outcome(decode(json)), QStringLiteral("out_of_range"));
    }

    void badFeaturesAreSkippedAndCountedByReason()
    {
        const QByteArray json = "{\"type\":\"FeatureCollection\",\"features\":[" + pointFeature("\"good\"")
            + R"(,{"type":"Feature","id":"far","geometry":{"type":"Point","coordinates":[200,34]}})"
            + R"(,{"type":"Feature","id":"open","geometry":{"type":"Polygon","coordinates":[[[108,34],[108.1,34],[108.1,34.1],[108,34.2]]]}})"
            + R"(,{"type":"Feature","id":"nogeo"})" + "]}";
        const FeedDecoder::Result result = decode(json);
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        const GisMessage& message = *gis(result);
        QCOMPARE(int(message.update.features.size()), 1);
        QCOMPARE(message.update.rejectedFeatures, 3);
        const auto count
            = [&](FeatureRejection reason) { return message.rejectedByReason[static_cast<std::size_t>(reason)]; };
        QCOMPARE(count(FeatureRejection::OutOfRange), 1);
        QCOMPARE(count(FeatureRejection::UnclosedRing), 1);
        QCOMPARE(count(FeatureRejection::MissingGeometry), 1);
        QCOMPARE(message.problems.size(), 3);
    }

    void aLoneFeatureWithBadGeometryChangesNothingButCounts()
    {
        const FeedDecoder::Result result
            = decode(R"({"type":"Feature","id":"far","geometry":{"type":"Point","coordinates":[200,34]}})");
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QCOMPARE(gis(result)->update.kind, GisUpdate::Kind::Upsert);
        QVERIFY(gis(result)->update.features.empty());
        QVERIFY(gis(result)->update.deletedIds.isEmpty());
        QCOMPARE(gis(result)->update.rejectedFeatures, 1);
    }

    void wholeDocumentErrorsHaveOneNamedReason_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{\"type\":") << "malformed_json"
                                  << "payload";
        QTest::newRow("array") << QByteArray("[1,2]") << "malformed_json"
                               << "payload";
        QTest::newRow("no type") << QByteArray(R"({"features":[]})") << "missing_field"
                                 << "type";
        QTest::newRow("type not a string") << QByteArray(R"({"type":7,"features":[]})") << "wrong_type"
                                           << "type";
        QTest::newRow("unknown type") << QByteArray(R"({"type":"Topology","objects":{}})") << "out_of_range"
                                      << "type";
        QTest::newRow("no features") << QByteArray(R"({"type":"FeatureCollection"})") << "missing_field"
                                     << "features";
        QTest::newRow("features not an array")
            << QByteArray(R"({"type":"FeatureCollection","features":{}})") << "wrong_type"
            << "features";
        QTest::newRow("number overflows")
            << QByteArray(R"({"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1e999,34]}})")
            << "non_finite"
            << "geometry";
        QTest::newRow("too deep") << QByteArray(R"({"type":"Feature","id":"a","properties":)") + QByteArray(20, '[')
                + QByteArray(20, ']') + "}"
                                  << "too_deep"
                                  << "payload";
        QTest::newRow("not utf-8") << QByteArray("{\"type\":\"Feature\",\"id\":\"\xff\"}") << "not_utf8"
                                   << "payload";
    }
    void wholeDocumentErrorsHaveOneNamedReason()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        QFETCH(QString, field);
        const FeedDecoder::Result result = decode(payload);
        QCOMPARE(outcome(result), reason);
        QVERIFY2(detail(result).startsWith(field), qPrintable(detail(result)));
    }

    void tooManyFeaturesIsOutOfRange()
    {
        GisDecoder::Limits limits;
        limits.maxFeatures = 2;
        const GisDecoder::Result result = GisDecoder(limits).decode(collection(3), QStringLiteral("l"), kNow);
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY(rejection);
        QCOMPARE(rejection->reason, RejectReason::OutOfRange);
        QVERIFY2(rejection->detail.startsWith(QLatin1String("features")), qPrintable(rejection->detail));
    }

    void aMegabyteLayerPassesTheGisLimit()
    {
        const QByteArray payload = collection(2000, 1024 * 1024);
        QVERIFY(payload.size() >= 1024 * 1024);
        const FeedDecoder::Result result = decode(payload);
        QVERIFY2(gis(result), qPrintable(outcome(result) + u' ' + detail(result)));
        QCOMPARE(int(gis(result)->update.features.size()), 2000);
    }

    void theGisLimitIsFourMebibytesByDefault()
    {
        QCOMPARE(FeedDecoder::Limits().maxGisPayloadBytes, qsizetype(4 * 1024 * 1024));
        const FeedDecoder::Result result = decode(collection(1, 4 * 1024 * 1024 + 1));
        QCOMPARE(outcome(result), QStringLiteral("oversize"));
    }

    void otherFeedsKeepTheirOwnLimit()
    {
        const QByteArray big = collection(1, 300 * 1024);
        QCOMPARE(outcome(decode(big, QStringLiteral("xy/v1/indicator/air.aqi"))), QStringLiteral("oversize"));
        QCOMPARE(outcome(decode(big, QStringLiteral("xy/v1/gis-not/cameras"))), QStringLiteral("oversize"));
    }

    void theGisLimitIsConfigurable()
    {
        FeedDecoder::Limits limits;
        limits.maxGisPayloadBytes = 1000;
        const FeedDecoder decoder(TopicScheme(), limits);
        QCOMPARE(outcome(decoder.decode(kTopic, collection(1, 1001), kNow)), QStringLiteral("oversize"));
        QCOMPARE(outcome(decoder.decode(kTopic, collection(1), kNow)), QStringLiteral("gis"));
    }

    void theConsolesOwnLayersAreNotPublishable_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::newRow("sensors") << "sensors";
        QTest::newRow("incidents") << "incidents";
        QTest::newRow("heat") << "heat";
    }
    void theConsolesOwnLayersAreNotPublishable()
    {
        QFETCH(QString, layer);
        const FeedDecoder::Result result = decode(collection(1), QStringLiteral("xy/v1/gis/") + layer);
        QCOMPARE(outcome(result), QStringLiteral("unknown_topic"));
        QVERIFY2(detail(result).contains(layer), qPrintable(detail(result)));
        QCOMPARE(outcome(decode(QByteArray(), QStringLiteral("xy/v1/gis/") + layer)), QStringLiteral("unknown_topic"));
    }

    void anInvalidLayerIdIsAnUnknownTopic()
    {
        QCOMPARE(
            outcome(decode(collection(1), QStringLiteral("xy/v1/gis/flood zones"))), QStringLiteral("unknown_topic"));
        QCOMPARE(outcome(decode(collection(1), QStringLiteral("xy/v1/gis/a/b"))), QStringLiteral("unknown_topic"));
    }
};

QTEST_GUILESS_MAIN(TestGisDecoder)
#include "tst_gisdecoder.moc"
