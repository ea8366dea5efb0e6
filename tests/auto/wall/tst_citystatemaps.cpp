// CityState and the map: GIS layer updates applied live and held back in playback, telemetry to the
// sensors layer, the incident queue to the incidents layer, and the markers' QML singletons.
#include "citystate.h"
#include "maplayers.h"

#include <QDateTime>
#include <QTest>

using namespace citybrain;

namespace {

GisUpdate update(const QString& layer, GisUpdate::Kind kind, const QStringList& pointIds = {})
{
    GisUpdate u;
    u.layerId = layer;
    u.kind = kind;
    double lon = 108.70;
    for (const QString& id : pointIds) {
        GeoFeature f;
        f.id = id;
        f.kind = GeometryKind::Point;
        f.points = { QPointF(lon, 34.33) };
        lon += 0.01;
        u.features.push_back(f);
    }
    return u;
}

IngestBatch gisBatch(std::vector<GisUpdate> updates)
{
    IngestBatch batch;
    batch.gisUpdates = std::move(updates);
    return batch;
}

QStringList ids(const MarkerSet& markers)
{
    QStringList out;
    for (int i = 0; i < markers.size(); ++i)
        out << markers.idAt(i);
    out.sort();
    return out;
}

} // namespace

class TestCityStateMaps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gisUpdatesReachTheLayersWhenLive()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        CityState state(true);
        state.setMapLayers(&layers);
        state.apply(gisBatch({ update("cameras", GisUpdate::Kind::Replace, { "c1", "c2" }) }));
        QCOMPARE(ids(layers.markers(QStringLiteral("cameras"))), (QStringList { "c1", "c2" }));
    }

    void inPlaybackGisUpdatesWaitForLiveAndAReplaceSupersedesWhatCameBefore()
    {
        MapLayers layers(nullptr);
        CityState state(true);
        state.setMapLayers(&layers);
        state.setLive(false);
        state.apply(gisBatch({ update("l", GisUpdate::Kind::Replace, { "a" }),
            update("l", GisUpdate::Kind::Upsert, { "b" }), update("m", GisUpdate::Kind::Upsert, { "x" }) }));
        state.apply(gisBatch({ update("l", GisUpdate::Kind::Replace, { "c" }),
            update("l", GisUpdate::Kind::Upsert, { "d" }), update("m", GisUpdate::Kind::Clear) }));
        QVERIFY(!layers.layer(QStringLiteral("l")));
        state.setLive(true);
        QCOMPARE(ids(layers.markers(QStringLiteral("l"))), (QStringList { "c", "d" }));
        QCOMPARE(layers.markers(QStringLiteral("m")).size(), 0);
    }

    void telemetryFeedsTheSensorsLayer()
    {
        MapLayers layers(nullptr);
        CityState state(true);
        state.setMapLayers(&layers);
        TelemetrySample sample;
        sample.sensorId = QStringLiteral("air-610402-001");
        sample.domain = QStringLiteral("air");
        sample.district = QStringLiteral("610402");
        sample.tsMs = QDateTime::currentMSecsSinceEpoch();
        sample.lon = 108.70;
        sample.lat = 34.33;
        sample.values = { { QStringLiteral("aqi"), 80 } };
        IngestBatch batch;
        batch.telemetry = { sample };
        state.apply(batch);
        QCOMPARE(ids(layers.markers(QStringLiteral("sensors"))), QStringList { "air-610402-001" });
        QCOMPARE(state.sensorMarkers().sensor(QStringLiteral("air-610402-001")).value("status").toString(),
            QStringLiteral("normal"));
    }

    void incidentsFeedTheIncidentsLayer()
    {
        MapLayers layers(nullptr);
        CityState state(true);
        state.setMapLayers(&layers);
        IncidentEvent event;
        event.id = QStringLiteral("INC-1");
        event.source = QStringLiteral("119-fire");
        event.tsMs = QDateTime::currentMSecsSinceEpoch();
        event.kind = QStringLiteral("fire");
        event.severity = Severity::Major;
        event.status = QStringLiteral("new");
        event.title = QStringLiteral("秦都区商铺起火");
        event.district = QStringLiteral("610402");
        event.lon = 108.70;
        event.lat = 34.33;
        IngestBatch batch;
        batch.incidents = { event };
        state.apply(batch);
        QCOMPARE(ids(layers.markers(QStringLiteral("incidents"))), QStringList { "INC-1" });
        QCOMPARE(ids(layers.markers(QStringLiteral("heat"))), QStringList { "INC-1" });
    }

    void theMarkersAreQmlSingletons()
    {
        CityState state(true);
        state.provideToQml();
        QCOMPARE(SensorMarkers::instance(), &state.sensorMarkers());
        QCOMPARE(IncidentMarkers::instance(), &state.incidentMarkers());
    }
};

QTEST_MAIN(TestCityStateMaps)
#include "tst_citystatemaps.moc"
