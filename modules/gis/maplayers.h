#pragma once

#include "coordinates.h"
#include "geojson.h"
#include "gisupdate.h"
#include "markerset.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QHash>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace citybrain {

// Every layer the maps can draw, shared by all map views of the process (wall map, mini maps):
// the shipped district boundaries and city outline, sensors, incidents, the incident heat layer,
// camera points, and the dynamic GeoJSON layers fed from MQTT. GUI thread only.
//
// A layer holds point features in a MarkerSet (sensors, incidents, cameras, a dynamic layer's points)
// and/or line and polygon features (districts, outline, a dynamic layer's areas). Views watch
// layersChanged (at most once per applied batch) and compare revisions to rebuild only what changed.
// Visibility is per layer and shared: the layer panel on the wall toggles it for every view.
class MapLayers : public QAbstractListModel, public QmlSingleton<MapLayers>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(MapLayers)
    QML_SINGLETON

    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int rejectedFeatures READ rejectedFeatures NOTIFY countChanged)

public:
    enum class Kind { Districts, Outline, Sensors, Incidents, Heat, Cameras, Dynamic };
    Q_ENUM(Kind)

    enum Roles {
        IdRole = Qt::UserRole + 1,
        TitleRole, // translated for the shipped layers; the id (or the collection's "name") for dynamic ones
        KindRole, // Kind as a string: districts, outline, sensors, incidents, heat, cameras, dynamic
        VisibleRole,
        FeatureCountRole, // markers + shapes
        RejectedRole, // features skipped for bad geometry since start
        UpdatedMsRole, // last change (0: never)
        DatumRole, // the source's datum as declared: "wgs84" or "gcj02"
    };
    Q_ENUM(Roles)

    struct Layer
    {
        QString id;
        QString title;
        Kind kind = Kind::Dynamic;
        bool visible = true;
        Datum sourceDatum = Datum::Wgs84;
        MarkerSet markers;
        std::vector<GeoFeature> shapes; // lines and polygons, WGS-84
        QHash<QString, GeoFeature> pointFeatures; // dynamic layers: the point features by id (for hover)
        quint64 shapesRevision = 0;
        int rejected = 0;
        qint64 updatedMs = 0;
    };

    // No default argument: QML would construct its own (empty) singleton instead of calling create().
    explicit MapLayers(QObject* parent);
    ~MapLayers() override;

    // The shipped layers (districts, outline, sensors, incidents, heat, cameras), empty but for the
    // districts and outline, which load from :/geo.
    void addStandardLayers();
    // Loads a GeoJSON file as a static layer (a deployment's licensed districts, its camera list).
    // Bad features are skipped and counted; false and *error when the file is unusable.
    bool loadFile(const QString& id, const QString& title, Kind kind, const QString& path, Datum datum, QString* error);

    // Dynamic layers from MQTT, in arrival order. Creates a layer on its first message.
    void apply(const std::vector<GisUpdate>& updates);

    [[nodiscard]] Layer* layer(const QString& id);
    [[nodiscard]] const Layer* layer(const QString& id) const;
    [[nodiscard]] const std::vector<std::unique_ptr<Layer>>& layers() const { return m_layers; }
    // The point layer's marker set (sensors, incidents, cameras); creates the layer if absent.
    [[nodiscard]] MarkerSet& markers(const QString& id);
    // Call after changing a layer's markers or shapes directly: updates the row and emits layersChanged
    // once per event-loop turn however many calls.
    void touch(const QString& id);

    Q_INVOKABLE void setVisible(const QString& id, bool visible);
    Q_INVOKABLE bool isVisible(const QString& id) const;
    [[nodiscard]] int rejectedFeatures() const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();
    // Something in a layer changed (markers, shapes, visibility). Coalesced per event-loop turn.
    void layersChanged();

private:
    void scheduleChanged();
    Layer& ensure(const QString& id, Kind kind);

    std::vector<std::unique_ptr<Layer>> m_layers;
    bool m_changePending = false;
};

} // namespace citybrain
