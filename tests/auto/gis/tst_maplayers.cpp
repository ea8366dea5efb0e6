// The map's layers: the shipped ones, files, the GIS feed's replace/upsert/delete/clear, per-layer rows,
// visibility, and layersChanged coalesced per event-loop turn.
#include "maplayers.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

GeoFeature point(const QString& id, double lon, double lat, const QJsonObject& properties = {})
{
    GeoFeature f;
    f.id = id;
    f.kind = GeometryKind::Point;
    f.points = { QPointF(lon, lat) };
    f.properties = properties;
    f.bounds = QRectF(QPointF(lon, lat), QSizeF(0, 0));
    return f;
}

GeoFeature line(const QString& id, double lon, double lat)
{
    GeoFeature f;
    f.id = id;
    f.kind = GeometryKind::LineString;
    f.lines = { QPolygonF({ QPointF(lon, lat), QPointF(lon + 0.01, lat + 0.01) }) };
    return f;
}

GeoFeature polygon(const QString& id, double lon, double lat)
{
    GeoFeature f;
    f.id = id;
    f.kind = GeometryKind::Polygon;
    f.polygons = { { QPolygonF(
        { QPointF(lon, lat), QPointF(lon + 0.01, lat), QPointF(lon + 0.01, lat + 0.01), QPointF(lon, lat) }) } };
    return f;
}

GisUpdate update(
    const QString& layer, GisUpdate::Kind kind, std::vector<GeoFeature> features = {}, const QStringList& deleted = {})
{
    GisUpdate u;
    u.layerId = layer;
    u.kind = kind;
    u.features = std::move(features);
    u.deletedIds = deleted;
    u.receivedMs = 1'795'912'200'000;
    return u;
}

int rowOf(const MapLayers& layers, const QString& id)
{
    for (int row = 0; row < layers.rowCount(); ++row) {
        if (layers.index(row).data(MapLayers::IdRole).toString() == id)
            return row;
    }
    return -1;
}

QVariant roleOf(const MapLayers& layers, const QString& id, int role)
{
    return layers.index(rowOf(layers, id)).data(role);
}

} // namespace

class TestMapLayers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void standardLayersAreListedInOrderWithTitlesAndKinds()
    {
        MapLayers layers(nullptr);
        QAbstractItemModelTester tester(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        layers.addStandardLayers();
        QCOMPARE(layers.rowCount(), 6);
        const QStringList ids = { "districts", "outline", "sensors", "incidents", "heat", "cameras" };
        const QStringList titles
            = { "Districts", "City outline", "Sensors", "Incidents", "Incident density", "Cameras" };
        for (int row = 0; row < ids.size(); ++row) {
            QCOMPARE(layers.index(row).data(MapLayers::IdRole).toString(), ids[row]);
            QCOMPARE(layers.index(row).data(MapLayers::TitleRole).toString(), titles[row]);
            QCOMPARE(layers.index(row).data(MapLayers::KindRole).toString(), ids[row]);
            QVERIFY(layers.index(row).data(MapLayers::VisibleRole).toBool());
        }
    }

    void shippedDistrictsAndOutlineLoadAsShapes()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        const MapLayers::Layer* districts = layers.layer(QStringLiteral("districts"));
        QVERIFY(districts);
        QCOMPARE(int(districts->shapes.size()), 14);
        QCOMPARE(districts->markers.size(), 0);
        QCOMPARE(districts->rejected, 0);
        QCOMPARE(roleOf(layers, "districts", MapLayers::FeatureCountRole).toInt(), 14);
        QVERIFY(!layers.layer(QStringLiteral("outline"))->shapes.empty());
        QVERIFY(roleOf(layers, "outline", MapLayers::UpdatedMsRole).toDouble() > 0);
        QCOMPARE(roleOf(layers, "sensors", MapLayers::FeatureCountRole).toInt(), 0);
        QCOMPARE(roleOf(layers, "sensors", MapLayers::UpdatedMsRole).toDouble(), 0.0);
    }

    void loadFileConvertsAGcj02SourceToWgs84()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        QString error;
        QVERIFY2(layers.loadFile(QStringLiteral("licensed"), QStringLiteral("Licensed districts"),
                     MapLayers::Kind::Districts, QStringLiteral(":/geo/xianyang-districts.gcj02.geojson"), Datum::Gcj02,
                     &error),
            qPrintable(error));
        const QRectF wgs = layers.layer(QStringLiteral("districts"))->shapes.front().bounds;
        const QRectF converted = layers.layer(QStringLiteral("licensed"))->shapes.front().bounds;
        // GCJ-02 is ~500 m off here; converted back, the two sources agree to metres.
        QVERIFY2(std::abs(wgs.left() - converted.left()) < 2e-4 && std::abs(wgs.top() - converted.top()) < 2e-4,
            qPrintable(QStringLiteral("%1,%2 vs %3,%4")
                           .arg(wgs.left())
                           .arg(wgs.top())
                           .arg(converted.left())
                           .arg(converted.top())));
        QCOMPARE(roleOf(layers, "licensed", MapLayers::DatumRole).toString(), QStringLiteral("gcj02"));
        QCOMPARE(roleOf(layers, "licensed", MapLayers::TitleRole).toString(), QStringLiteral("Licensed districts"));
    }

    void loadFileOfAMissingFileFailsWithAReason()
    {
        MapLayers layers(nullptr);
        QString error;
        QVERIFY(!layers.loadFile(QStringLiteral("x"), QStringLiteral("X"), MapLayers::Kind::Dynamic,
            QStringLiteral("/nonexistent/layer.geojson"), Datum::Wgs84, &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent/layer.geojson")));
        QCOMPARE(layers.rowCount(), 0);
    }

    void loadFileOfAnUnusableDocumentFailsWithAReason()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.geojson"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"type\":\"FeatureCollection\",\"features\":{}}");
        file.close();
        MapLayers layers(nullptr);
        QString error;
        QVERIFY(!layers.loadFile(
            QStringLiteral("x"), QStringLiteral("X"), MapLayers::Kind::Dynamic, path, Datum::Wgs84, &error));
        QVERIFY(error.contains(QStringLiteral("features")));
    }

    void firstMessageCreatesADynamicLayerTitledByItsId()
    {
        MapLayers layers(nullptr);
        QAbstractItemModelTester tester(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&layers, &MapLayers::countChanged);
        layers.apply({ update("flood-zones", GisUpdate::Kind::Replace, { polygon("z1", 108.7, 34.3) }) });
        QCOMPARE(layers.rowCount(), 1);
        QVERIFY(count.count() >= 1);
        QCOMPARE(roleOf(layers, "flood-zones", MapLayers::KindRole).toString(), QStringLiteral("dynamic"));
        QCOMPARE(roleOf(layers, "flood-zones", MapLayers::TitleRole).toString(), QStringLiteral("flood-zones"));
        QCOMPARE(roleOf(layers, "flood-zones", MapLayers::UpdatedMsRole).toDouble(), 1'795'912'200'000.0);
    }

    void aStandardLayerIdKeepsItsKind()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        layers.apply({ update("cameras", GisUpdate::Kind::Replace, { point("c1", 108.7, 34.3) }) });
        QCOMPARE(layers.rowCount(), 6);
        QCOMPARE(layers.layer(QStringLiteral("cameras"))->kind, MapLayers::Kind::Cameras);
        QCOMPARE(layers.layer(QStringLiteral("cameras"))->markers.size(), 1);
    }

    void updatesForTheConsolesOwnLayersAreIgnored()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        layers.markers(QStringLiteral("sensors")).upsert(QStringLiteral("s1"), MarkerState { QPointF(108.7, 34.3) });
        layers.apply({ update("sensors", GisUpdate::Kind::Clear),
            update("incidents", GisUpdate::Kind::Replace, { point("p", 108.7, 34.3) }) });
        QCOMPARE(layers.layer(QStringLiteral("sensors"))->markers.size(), 1);
        QCOMPARE(layers.layer(QStringLiteral("incidents"))->markers.size(), 0);
    }

    void replaceEmptiesTheLayerFirst()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("l", GisUpdate::Kind::Replace,
            { point("a", 108.70, 34.30), point("b", 108.71, 34.31), polygon("z", 108.7, 34.3) }) });
        layers.apply({ update("l", GisUpdate::Kind::Replace, { point("c", 108.72, 34.32) }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QCOMPARE(layer->markers.size(), 1);
        QCOMPARE(layer->markers.idAt(0), QStringLiteral("c"));
        QVERIFY(layer->shapes.empty());
        QCOMPARE(layer->pointFeatures.size(), 1);
        QCOMPARE(roleOf(layers, "l", MapLayers::FeatureCountRole).toInt(), 1);
    }

    void upsertReplacesAPointById()
    {
        MapLayers layers(nullptr);
        layers.apply(
            { update("l", GisUpdate::Kind::Replace, { point("a", 108.70, 34.30), point("b", 108.71, 34.31) }) });
        layers.apply({ update("l", GisUpdate::Kind::Upsert, { point("a", 108.75, 34.35) }) });
        const MarkerSet& markers = layers.layer(QStringLiteral("l"))->markers;
        QCOMPARE(markers.size(), 2);
        QCOMPARE(markers.stateAt(markers.indexOf(QStringLiteral("a"))).lonLat, QPointF(108.75, 34.35));
    }

    void upsertReplacesAShapeById()
    {
        MapLayers layers(nullptr);
        layers.apply(
            { update("l", GisUpdate::Kind::Replace, { line("r", 108.70, 34.30), polygon("z", 108.7, 34.3) }) });
        const quint64 before = layers.layer(QStringLiteral("l"))->shapesRevision;
        layers.apply({ update("l", GisUpdate::Kind::Upsert, { line("r", 108.80, 34.40) }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QCOMPARE(int(layer->shapes.size()), 2);
        const auto r = std::find_if(
            layer->shapes.begin(), layer->shapes.end(), [](const GeoFeature& f) { return f.id == QLatin1String("r"); });
        QCOMPARE(r->lines.front().front(), QPointF(108.80, 34.40));
        QVERIFY(layer->shapesRevision > before);
    }

    void aFeatureThatBecomesAPolygonLeavesTheMarkers()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("l", GisUpdate::Kind::Replace, { point("a", 108.70, 34.30) }) });
        layers.apply({ update("l", GisUpdate::Kind::Upsert, { polygon("a", 108.7, 34.3) }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QCOMPARE(layer->markers.size(), 0);
        QVERIFY(!layer->pointFeatures.contains(QStringLiteral("a")));
        QCOMPARE(int(layer->shapes.size()), 1);
    }

    void deletedIdsLeaveMarkersAndShapes()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("l", GisUpdate::Kind::Replace,
            { point("a", 108.70, 34.30), point("b", 108.71, 34.31), polygon("z", 108.7, 34.3) }) });
        layers.apply({ update("l", GisUpdate::Kind::Upsert, {}, { "a", "z", "unknown" }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QCOMPARE(layer->markers.size(), 1);
        QCOMPARE(layer->markers.idAt(0), QStringLiteral("b"));
        QVERIFY(layer->shapes.empty());
        QVERIFY(!layer->pointFeatures.contains(QStringLiteral("a")));
    }

    void clearEmptiesTheLayerAndKeepsItListed()
    {
        MapLayers layers(nullptr);
        layers.apply(
            { update("l", GisUpdate::Kind::Replace, { point("a", 108.70, 34.30), polygon("z", 108.7, 34.3) }) });
        layers.apply({ update("l", GisUpdate::Kind::Clear) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QVERIFY(layer);
        QCOMPARE(layer->markers.size(), 0);
        QVERIFY(layer->shapes.empty());
        QVERIFY(layer->pointFeatures.isEmpty());
        QCOMPARE(roleOf(layers, "l", MapLayers::FeatureCountRole).toInt(), 0);
    }

    void updatesApplyInArrivalOrder()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("l", GisUpdate::Kind::Replace, { point("a", 108.70, 34.30) }),
            update("l", GisUpdate::Kind::Clear), update("l", GisUpdate::Kind::Upsert, { point("b", 108.71, 34.31) }) });
        const MarkerSet& markers = layers.layer(QStringLiteral("l"))->markers;
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers.idAt(0), QStringLiteral("b"));
    }

    void statusPropertyGivesThePointsCategory()
    {
        MapLayers layers(nullptr);
        const auto status = [](const char* s) { return QJsonObject { { QStringLiteral("status"), s } }; };
        layers.apply({ update("l", GisUpdate::Kind::Replace,
            { point("n", 108.70, 34.30, status("normal")), point("w", 108.71, 34.30, status("warning")),
                point("a", 108.72, 34.30, status("alarm")), point("o", 108.73, 34.30, status("offline")),
                point("x", 108.74, 34.30, status("exploded")), point("none", 108.75, 34.30) }) });
        const MarkerSet& markers = layers.layer(QStringLiteral("l"))->markers;
        const auto category = [&](const char* id) { return int(markers.stateAt(markers.indexOf(id)).category); };
        QCOMPARE(category("n"), 0);
        QCOMPARE(category("w"), 1);
        QCOMPARE(category("a"), 2);
        QCOMPARE(category("o"), 3);
        QCOMPARE(category("x"), 0);
        QCOMPARE(category("none"), 0);
    }

    void aMultiPointIsMarkedAtItsFirstPoint()
    {
        MapLayers layers(nullptr);
        GeoFeature multi = point("m", 108.70, 34.30);
        multi.kind = GeometryKind::MultiPoint;
        multi.points.push_back(QPointF(108.9, 34.5));
        layers.apply({ update("l", GisUpdate::Kind::Replace, { multi }) });
        const MarkerSet& markers = layers.layer(QStringLiteral("l"))->markers;
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers.stateAt(0).lonLat, QPointF(108.70, 34.30));
    }

    void pointFeaturesKeepTheirPropertiesForHover()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("cameras", GisUpdate::Kind::Replace,
            { point("c1", 108.70, 34.30, { { QStringLiteral("name"), QStringLiteral("秦都区 人民路口 03") } }) }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("cameras"));
        QCOMPARE(layer->pointFeatures.value(QStringLiteral("c1")).properties.value(QLatin1String("name")).toString(),
            QStringLiteral("秦都区 人民路口 03"));
    }

    void featuresWithoutIdsInACollectionAllStay()
    {
        MapLayers layers(nullptr);
        layers.apply({ update("l", GisUpdate::Kind::Replace,
            { point({}, 108.70, 34.30), point({}, 108.71, 34.31), polygon({}, 108.7, 34.3) }) });
        const MapLayers::Layer* layer = layers.layer(QStringLiteral("l"));
        QCOMPARE(layer->markers.size(), 2);
        QCOMPARE(int(layer->shapes.size()), 1);
    }

    void rejectedFeaturesAddUpPerLayerAndInTotal()
    {
        MapLayers layers(nullptr);
        QSignalSpy count(&layers, &MapLayers::countChanged);
        GisUpdate a = update("a", GisUpdate::Kind::Replace, { point("p", 108.7, 34.3) });
        a.rejectedFeatures = 2;
        GisUpdate b = update("b", GisUpdate::Kind::Upsert, {});
        b.rejectedFeatures = 1;
        layers.apply({ a, b });
        layers.apply({ a });
        QCOMPARE(roleOf(layers, "a", MapLayers::RejectedRole).toInt(), 4);
        QCOMPARE(roleOf(layers, "b", MapLayers::RejectedRole).toInt(), 1);
        QCOMPARE(layers.rejectedFeatures(), 5);
        QVERIFY(count.count() >= 2);
    }

    void layersChangedOncePerEventLoopTurn()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        QSignalSpy changed(&layers, &MapLayers::layersChanged);
        QVERIFY(changed.wait()); // what adding the shipped layers changed
        changed.clear();
        layers.touch(QStringLiteral("sensors"));
        layers.touch(QStringLiteral("incidents"));
        layers.setVisible(QStringLiteral("heat"), false);
        layers.apply({ update("l", GisUpdate::Kind::Replace, { point("p", 108.7, 34.3) }) });
        QCOMPARE(changed.count(), 0); // not before the event loop runs
        QVERIFY(changed.wait());
        QCOMPARE(changed.count(), 1);
    }

    void touchMarksTheLayerUpdated()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        QAbstractItemModelTester tester(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy data(&layers, &QAbstractItemModel::dataChanged);
        layers.markers(QStringLiteral("sensors")).upsert(QStringLiteral("s1"), MarkerState { QPointF(108.7, 34.3) });
        layers.touch(QStringLiteral("sensors"));
        QCOMPARE(data.count(), 1);
        QCOMPARE(data.first().at(0).value<QModelIndex>().row(), rowOf(layers, "sensors"));
        QCOMPARE(roleOf(layers, "sensors", MapLayers::FeatureCountRole).toInt(), 1);
        QVERIFY(roleOf(layers, "sensors", MapLayers::UpdatedMsRole).toDouble() > 0);
    }

    void markersCreatesAMissingLayerOfItsKind()
    {
        MapLayers layers(nullptr);
        (void)layers.markers(QStringLiteral("incidents"));
        (void)layers.markers(QStringLiteral("my-points"));
        QCOMPARE(layers.layer(QStringLiteral("incidents"))->kind, MapLayers::Kind::Incidents);
        QCOMPARE(layers.layer(QStringLiteral("my-points"))->kind, MapLayers::Kind::Dynamic);
    }

    void visibilityIsPerLayer()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        QSignalSpy data(&layers, &QAbstractItemModel::dataChanged);
        layers.setVisible(QStringLiteral("heat"), false);
        QVERIFY(!layers.isVisible(QStringLiteral("heat")));
        QVERIFY(layers.isVisible(QStringLiteral("incidents")));
        QVERIFY(!roleOf(layers, "heat", MapLayers::VisibleRole).toBool());
        QCOMPARE(data.count(), 1);
        layers.setVisible(QStringLiteral("heat"), false); // no change, no signal
        layers.setVisible(QStringLiteral("nonexistent"), false);
        QCOMPARE(data.count(), 1);
        QVERIFY(!layers.isVisible(QStringLiteral("nonexistent")));
    }

    void roleNamesAreTheQmlNames()
    {
        MapLayers layers(nullptr);
        const QHash<int, QByteArray> names = layers.roleNames();
        QCOMPARE(names.value(MapLayers::IdRole), QByteArray("layerId"));
        QCOMPARE(names.value(MapLayers::VisibleRole), QByteArray("layerVisible"));
        QCOMPARE(names.size(), 8);
    }
};

QTEST_MAIN(TestMapLayers)
#include "tst_maplayers.moc"
