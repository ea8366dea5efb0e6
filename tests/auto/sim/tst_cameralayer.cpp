// The simulator's camera layer: published once at start, retained, as GeoJSON the consoles parse with no
// rejection; every camera inside its Xianyang district; deterministic per seed.
#include "cameralayer.h"
#include "citysimulator.h"
#include "districtlayer.h"
#include "feeddecoder.h"
#include "geojson.h"
#include "topicscheme.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace citybrain;
using namespace citybrain::sim;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;

// The camera layer message of a simulator's start.
std::vector<SimMessage> cameraMessages(quint64 seed)
{
    SimSettings settings;
    settings.seed = seed;
    CitySimulator simulator(settings, DistrictLayer::xianyang());
    std::vector<SimMessage> out;
    for (SimMessage& m : simulator.start(t0)) {
        if (simulator.topics().route(m.topic).feed == TopicScheme::Feed::Gis)
            out.push_back(std::move(m));
    }
    return out;
}

} // namespace

class TestCameraLayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startPublishesOneRetainedCameraLayer()
    {
        const std::vector<SimMessage> messages = cameraMessages(1);
        QCOMPARE(int(messages.size()), 1);
        QCOMPARE(messages.front().topic, QStringLiteral("xy/v1/gis/cameras"));
        QCOMPARE(messages.front().qos, 1);
        QVERIFY(messages.front().retained);
    }

    void thePayloadParsesWithNoRejection()
    {
        const GeoJsonDocument layer = parseGeoJson(cameraMessages(1).front().payload);
        QVERIFY2(layer.isValid(), qPrintable(layer.error));
        QCOMPARE(layer.kind, GeoJsonDocument::Kind::FeatureCollection);
        QCOMPARE(layer.rejectedCount(), 0);
        QCOMPARE(int(layer.features.size()), CameraLayer::defaultCount);
        for (const GeoFeature& camera : layer.features)
            QCOMPARE(camera.kind, GeometryKind::Point);
    }

    void everyCameraIsInsideItsDistrict()
    {
        const GeoJsonDocument layer = parseGeoJson(cameraMessages(1).front().payload);
        for (const GeoFeature& camera : layer.features) {
            const District* district = DistrictLayer::xianyang().locate(camera.points.front());
            QVERIFY2(district, qPrintable(camera.id));
            QCOMPARE(district->adcode, camera.properties.value(QLatin1String("district")).toString());
        }
    }

    void everyDistrictHasCamerasAndTheCentreMost()
    {
        const CameraLayer layer(DistrictLayer::xianyang(), 1);
        QHash<QString, int> perDistrict;
        for (const SimCamera& camera : layer.cameras())
            ++perDistrict[camera.district];
        QCOMPARE(perDistrict.size(), 14);
        QVERIFY(perDistrict.value(QStringLiteral("610402")) > perDistrict.value(QStringLiteral("610426")));
        QVERIFY(perDistrict.value(QStringLiteral("610404")) > perDistrict.value(QStringLiteral("610428")));
    }

    void camerasHaveUniqueIdsChineseNamesAndAStream()
    {
        const GeoJsonDocument layer = parseGeoJson(cameraMessages(1).front().payload);
        QSet<QString> ids;
        static const QRegularExpression name(QStringLiteral("^\\S+[区县市] \\S+(路|大道)口? \\d\\d$"));
        for (const GeoFeature& camera : layer.features) {
            QVERIFY2(TopicScheme::isValidId(camera.id), qPrintable(camera.id));
            QVERIFY2(!ids.contains(camera.id), qPrintable(camera.id));
            ids.insert(camera.id);
            const QString cameraName = camera.properties.value(QLatin1String("name")).toString();
            QVERIFY2(name.match(cameraName).hasMatch(), qPrintable(cameraName));
            const District* district
                = DistrictLayer::xianyang().find(camera.properties.value(QLatin1String("district")).toString());
            QVERIFY(district && cameraName.startsWith(district->name + u' '));
            QCOMPARE(camera.properties.value(QLatin1String("stream")).toString(),
                QStringLiteral("rtsp://demo.invalid/xy/") + camera.id);
        }
    }

    void aConsoleDecodesItAsAReplaceOfTheCamerasLayer()
    {
        const SimMessage m = cameraMessages(1).front();
        const FeedDecoder::Result result = FeedDecoder().decode(m.topic, m.payload, t0);
        const auto* gis = std::get_if<GisMessage>(&result);
        QVERIFY(gis);
        QCOMPARE(gis->update.layerId, QStringLiteral("cameras"));
        QCOMPARE(gis->update.kind, GisUpdate::Kind::Replace);
        QCOMPARE(int(gis->update.features.size()), CameraLayer::defaultCount);
        QCOMPARE(gis->update.rejectedFeatures, 0);
    }

    void theSameSeedPlacesTheSameCameras()
    {
        QCOMPARE(cameraMessages(7).front().payload, cameraMessages(7).front().payload);
        QVERIFY(cameraMessages(7).front().payload != cameraMessages(8).front().payload);
    }

    void zeroCamerasPublishesNoLayer()
    {
        SimSettings settings;
        settings.cameras = 0;
        CitySimulator simulator(settings, DistrictLayer::xianyang());
        for (const SimMessage& m : simulator.start(t0))
            QVERIFY(simulator.topics().route(m.topic).feed != TopicScheme::Feed::Gis);
    }
};

QTEST_GUILESS_MAIN(TestCameraLayer)
#include "tst_cameralayer.moc"
