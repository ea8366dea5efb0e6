// What is near the incident in focus: the cameras of the map's "cameras" layer and the sensors within
// the radius, nearest first, at most 12 each, by great-circle distance.
#include "focusnearby.h"
#include "geojson.h"
#include "gisupdate.h"
#include "maplayers.h"
#include "sensormarkers.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;
constexpr double lon0 = 108.70;
constexpr double lat0 = 34.33;
constexpr double metresPerDegreeLat = 6371008.8 * M_PI / 180.0; // about 111.2 km

// A camera `north` metres north of the point.
QByteArray camera(const QString& id, const QString& name, double north)
{
    return QStringLiteral(R"({"type": "Feature", "id": "%1", "geometry": {"type": "Point", "coordinates": [%2, %3]},
                              "properties": {"name": "%4"}})")
        .arg(id)
        .arg(lon0, 0, 'f', 6)
        .arg(lat0 + north / metresPerDegreeLat, 0, 'f', 8)
        .arg(name)
        .toUtf8();
}

GisUpdate cameras(const QList<QByteArray>& features)
{
    GeoJsonDocument document
        = parseGeoJson(QByteArray(R"({"type": "FeatureCollection", "features": [)") + features.join(',') + "]}");
    GisUpdate update;
    update.layerId = QStringLiteral("cameras");
    update.features = std::move(document.features);
    update.receivedMs = t0;
    return update;
}

TelemetrySample sensor(const QString& id, double north, double aqi = 80)
{
    TelemetrySample s;
    s.sensorId = id;
    s.domain = QStringLiteral("air");
    s.district = QStringLiteral("610402");
    s.tsMs = t0;
    s.lon = lon0;
    s.lat = lat0 + north / metresPerDegreeLat;
    s.values = { { QStringLiteral("pm25"), 40.0 }, { QStringLiteral("aqi"), aqi } };
    return s;
}

struct City
{
    MapLayers layers { nullptr };
    SensorMarkers sensors { nullptr, nullptr };
    City()
    {
        layers.addStandardLayers();
        MapLayers::provide(&layers);
        SensorMarkers::provide(&sensors);
    }
    ~City()
    {
        MapLayers::provide(nullptr);
        SensorMarkers::provide(nullptr);
    }
};

QStringList ids(const NearbyList& list)
{
    QStringList out;
    for (const NearbyList::Item& item : list.items())
        out.append(item.id);
    return out;
}

} // namespace

class TestFocusNearby : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void distanceIsGreatCircle()
    {
        QCOMPARE(qRound(FocusNearby::distanceMeters(108.7, 34.0, 108.7, 35.0)), 111195);
        // Along a parallel a degree of longitude shrinks with cos(latitude); Xianyang to Xi'an about 21 km.
        const double eastWest = FocusNearby::distanceMeters(108.0, 34.33, 109.0, 34.33);
        QVERIFY(std::abs(eastWest - 111195 * std::cos(34.33 * M_PI / 180)) < 30);
        QVERIFY(std::abs(FocusNearby::distanceMeters(108.7054, 34.3296, 108.9398, 34.3416) - 21600) < 500);
        QCOMPARE(FocusNearby::distanceMeters(lon0, lat0, lon0, lat0), 0.0);
    }

    void camerasWithinTheRadiusNearestFirstWithTheirNames()
    {
        City city;
        city.layers.apply({ cameras({ camera("far", "秦都区 远处路口 01", 2500),
            camera("near", "秦都区 人民路口 03", 300), camera("mid", "秦都区 世纪大道口 02", 1200) }) });
        FocusNearby nearby;
        QAbstractItemModelTester tester(nearby.cameras());
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        QCOMPARE(ids(*nearby.cameras()), QStringList({ "near", "mid" }));
        QCOMPARE(nearby.cameraCount(), 2);
        const QModelIndex first = nearby.cameras()->index(0);
        QCOMPARE(first.data(NearbyList::NameRole).toString(), QStringLiteral("秦都区 人民路口 03"));
        QCOMPARE(qRound(first.data(NearbyList::DistanceMRole).toDouble()), 300);
        QCOMPARE(first.data(NearbyList::KindRole).toString(), QStringLiteral("camera"));
    }

    void aLargerRadiusTakesInMore()
    {
        City city;
        city.layers.apply({ cameras({ camera("far", "远处", 2500), camera("near", "近处", 300) }) });
        FocusNearby nearby;
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.setRadiusKm(3);
        nearby.refresh();
        QCOMPARE(ids(*nearby.cameras()), QStringList({ "near", "far" }));
    }

    void atMostTwelveAreListedButAllAreCounted()
    {
        City city;
        std::vector<TelemetrySample> samples;
        for (int i = 0; i < 20; ++i)
            samples.push_back(sensor(QStringLiteral("air-%1").arg(i, 2, 10, QLatin1Char('0')), 1900 - i * 90));
        city.sensors.apply(samples, t0);
        FocusNearby nearby;
        QAbstractItemModelTester tester(nearby.sensors());
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        QCOMPARE(nearby.sensors()->rowCount(), FocusNearby::maxRows);
        QCOMPARE(nearby.sensorCount(), 20);
        QCOMPARE(nearby.sensors()->items().front().id, QStringLiteral("air-19")); // 190 m
        QCOMPARE(nearby.sensors()->items().back().id, QStringLiteral("air-08"));
    }

    void sensorsShowStatusAndTheirHeadlineValue()
    {
        City city;
        city.sensors.apply({ sensor("air-1", 500, 137) }, t0);
        FocusNearby nearby;
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        const QModelIndex row = nearby.sensors()->index(0);
        QCOMPARE(row.data(NearbyList::StatusRole).toString(), QStringLiteral("normal"));
        QCOMPARE(row.data(NearbyList::MetricRole).toString(), QStringLiteral("aqi"));
        QCOMPARE(row.data(NearbyList::ValueRole).toDouble(), 137.0);
        QCOMPARE(row.data(NearbyList::DomainRole).toString(), QStringLiteral("air"));
        QCOMPARE(nearby.dataMs(), double(t0));
    }

    void aPositionChangeRecomputesOnTheNextTurn()
    {
        City city;
        city.sensors.apply({ sensor("air-1", 500) }, t0);
        FocusNearby nearby;
        QSignalSpy counts(&nearby, &FocusNearby::countsChanged);
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        QVERIFY(counts.wait(1000));
        QCOMPARE(counts.count(), 1); // lon and lat together: one recount
        QCOMPARE(nearby.sensorCount(), 1);
    }

    void newReadingsShowWithoutAReset()
    {
        City city;
        city.sensors.apply({ sensor("air-1", 500, 80) }, t0);
        FocusNearby nearby;
        QAbstractItemModelTester tester(nearby.sensors());
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        QSignalSpy resets(nearby.sensors(), &QAbstractItemModel::modelReset);
        city.sensors.apply({ sensor("air-1", 500, 95) }, t0 + 5000);
        QTRY_COMPARE_WITH_TIMEOUT(nearby.sensors()->index(0).data(NearbyList::ValueRole).toDouble(), 95.0, 3000);
        QCOMPARE(resets.count(), 0);
    }

    void withoutAPositionBothListsAreEmpty()
    {
        City city;
        city.sensors.apply({ sensor("air-1", 500) }, t0);
        city.layers.apply({ cameras({ camera("near", "近处", 300) }) });
        FocusNearby nearby;
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        QCOMPARE(nearby.sensorCount(), 1);
        nearby.setLon(0);
        nearby.setLat(0);
        nearby.refresh();
        QVERIFY(!nearby.hasPosition());
        QCOMPARE(nearby.sensors()->rowCount(), 0);
        QCOMPARE(nearby.cameras()->rowCount(), 0);
        QCOMPARE(nearby.sensorCount(), 0);
    }

    void withoutTheServicesBothListsAreEmpty()
    {
        FocusNearby nearby;
        nearby.setLon(lon0);
        nearby.setLat(lat0);
        nearby.refresh();
        QVERIFY(nearby.hasPosition());
        QCOMPARE(nearby.sensors()->rowCount(), 0);
        QCOMPARE(nearby.cameras()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFocusNearby)
#include "tst_focusnearby.moc"
