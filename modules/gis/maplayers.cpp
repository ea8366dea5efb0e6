#include "maplayers.h"

#include "logging.h"

#include <QDateTime>
#include <QFile>
#include <QMetaObject>

#include <algorithm>
#include <utility>

namespace citybrain {

namespace {

struct StandardLayer
{
    const char* id;
    MapLayers::Kind kind;
};

// The ids of the shipped layers and their kinds; any other id is a dynamic layer.
constexpr StandardLayer standardLayers[] = {
    { "districts", MapLayers::Kind::Districts },
    { "outline", MapLayers::Kind::Outline },
    { "sensors", MapLayers::Kind::Sensors },
    { "incidents", MapLayers::Kind::Incidents },
    { "heat", MapLayers::Kind::Heat },
    { "cameras", MapLayers::Kind::Cameras },
};

MapLayers::Kind kindForId(const QString& id)
{
    for (const StandardLayer& layer : standardLayers) {
        if (id == QLatin1String(layer.id))
            return layer.kind;
    }
    return MapLayers::Kind::Dynamic;
}

QString kindName(MapLayers::Kind kind)
{
    switch (kind) {
    case MapLayers::Kind::Districts:
        return QStringLiteral("districts");
    case MapLayers::Kind::Outline:
        return QStringLiteral("outline");
    case MapLayers::Kind::Sensors:
        return QStringLiteral("sensors");
    case MapLayers::Kind::Incidents:
        return QStringLiteral("incidents");
    case MapLayers::Kind::Heat:
        return QStringLiteral("heat");
    case MapLayers::Kind::Cameras:
        return QStringLiteral("cameras");
    case MapLayers::Kind::Dynamic:
        break;
    }
    return QStringLiteral("dynamic");
}

// A fed point's category: its "status" property on the sensors' scale, else 0.
quint8 categoryOf(const GeoFeature& feature)
{
    static const QLatin1String statuses[]
        = { QLatin1String("normal"), QLatin1String("warning"), QLatin1String("alarm"), QLatin1String("offline") };
    const QString status = feature.properties.value(QLatin1String("status")).toString();
    for (quint8 i = 0; i < MarkerSet::categories; ++i) {
        if (status == statuses[i])
            return i;
    }
    return 0;
}

bool removeShape(MapLayers::Layer& layer, const QString& id)
{
    const auto end = std::remove_if(
        layer.shapes.begin(), layer.shapes.end(), [&](const GeoFeature& shape) { return shape.id == id; });
    if (end == layer.shapes.end())
        return false;
    layer.shapes.erase(end, layer.shapes.end());
    ++layer.shapesRevision;
    return true;
}

void removeFeature(MapLayers::Layer& layer, const QString& id)
{
    layer.markers.remove(id);
    layer.pointFeatures.remove(id);
    removeShape(layer, id);
}

void clearLayer(MapLayers::Layer& layer)
{
    layer.markers.clear();
    layer.pointFeatures.clear();
    if (!layer.shapes.empty()) {
        layer.shapes.clear();
        ++layer.shapesRevision;
    }
}

// Adds or replaces one feature by id. A point (a MultiPoint by its first point) becomes a marker, a
// line or a polygon a shape; a feature that changed from one to the other leaves its old form.
// `fallbackId` names a feature without an id (a FeatureCollection may have them).
void upsertFeature(MapLayers::Layer& layer, GeoFeature feature, const QString& fallbackId)
{
    if (feature.id.isEmpty())
        feature.id = fallbackId;
    if (feature.isPointLike()) {
        if (feature.points.empty())
            return;
        removeShape(layer, feature.id);
        layer.markers.upsert(feature.id, MarkerState { feature.points.front(), categoryOf(feature), false });
        layer.pointFeatures.insert(feature.id, std::move(feature));
        return;
    }
    layer.markers.remove(feature.id);
    layer.pointFeatures.remove(feature.id);
    const auto same = std::find_if(
        layer.shapes.begin(), layer.shapes.end(), [&](const GeoFeature& shape) { return shape.id == feature.id; });
    if (same != layer.shapes.end())
        *same = std::move(feature);
    else
        layer.shapes.push_back(std::move(feature));
    ++layer.shapesRevision;
}

// A whole collection into an emptied layer; features without an id are numbered "#<index>".
void addFeatures(MapLayers::Layer& layer, std::vector<GeoFeature> features)
{
    layer.markers.reserve(static_cast<int>(features.size()));
    for (std::size_t i = 0; i < features.size(); ++i)
        upsertFeature(layer, std::move(features[i]), QStringLiteral("#%1").arg(i));
}

int rowOf(const std::vector<std::unique_ptr<MapLayers::Layer>>& layers, const MapLayers::Layer& layer)
{
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const auto& l) { return l.get() == &layer; });
    return static_cast<int>(it - layers.begin());
}

int rowOf(const std::vector<std::unique_ptr<MapLayers::Layer>>& layers, const QString& id)
{
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const auto& l) { return l->id == id; });
    return it != layers.end() ? static_cast<int>(it - layers.begin()) : -1;
}

} // namespace

MapLayers::MapLayers(QObject* parent)
    : QAbstractListModel(parent)
{ }

MapLayers::~MapLayers() = default;

void MapLayers::addStandardLayers()
{
    struct Static
    {
        const char* id;
        Kind kind;
        QString title;
        const char* path;
    };
    const Static files[] = {
        { "districts", Kind::Districts, tr("Districts"), ":/geo/xianyang-districts.wgs84.geojson" },
        { "outline", Kind::Outline, tr("City outline"), ":/geo/xianyang-outline.wgs84.geojson" },
    };
    for (const Static& file : files) {
        QString error;
        const QString id = QLatin1String(file.id);
        if (!loadFile(id, file.title, file.kind, QLatin1String(file.path), Datum::Wgs84, &error)) {
            qCWarning(lcGis).noquote() << "shipped layer" << id << "not loaded:" << error;
            ensure(id, file.kind).title = file.title; // there, empty, so the layer panel lists it
        }
    }
    const std::pair<Kind, QString> empty[] = {
        { Kind::Sensors, tr("Sensors") },
        { Kind::Incidents, tr("Incidents") },
        { Kind::Heat, tr("Incident density") },
        { Kind::Cameras, tr("Cameras") },
    };
    for (const auto& [kind, title] : empty) {
        Layer& layer = ensure(kindName(kind), kind);
        layer.title = title;
        const int row = rowOf(m_layers, layer);
        Q_EMIT dataChanged(index(row), index(row), { TitleRole });
    }
}

bool MapLayers::loadFile(
    const QString& id, const QString& title, Kind kind, const QString& path, Datum datum, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    GeoJsonDocument document = parseGeoJson(file.readAll(), datum);
    if (!document.isValid()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, document.error);
        return false;
    }
    Layer& layer = ensure(id, kind);
    layer.title = title;
    layer.sourceDatum = datum;
    clearLayer(layer);
    addFeatures(layer, std::move(document.features));
    const int rejected = document.rejectedCount();
    if (rejected > 0) {
        qCWarning(lcGis).noquote() << "layer" << id << "from" << path << ":" << rejected
                                   << "features skipped:" << document.problems.mid(0, 5).join(QStringLiteral("; "));
    }
    layer.rejected += rejected;
    layer.updatedMs = QDateTime::currentMSecsSinceEpoch();
    const int row = rowOf(m_layers, layer);
    Q_EMIT dataChanged(index(row), index(row));
    if (rejected > 0)
        Q_EMIT countChanged();
    scheduleChanged();
    return true;
}

void MapLayers::apply(const std::vector<GisUpdate>& updates)
{
    if (updates.empty())
        return;
    bool rejectedChanged = false;
    for (const GisUpdate& update : updates) {
        const Kind kind = kindForId(update.layerId);
        if (kind == Kind::Sensors || kind == Kind::Incidents || kind == Kind::Heat) {
            // Drawn from the console's own data (SensorMarkers, IncidentMarkers); the decoder refuses these.
            qCWarning(lcGis) << "GIS update for the console's own layer" << update.layerId << "ignored";
            continue;
        }
        Layer& layer = ensure(update.layerId, kind);
        switch (update.kind) {
        case GisUpdate::Kind::Replace:
            clearLayer(layer);
            addFeatures(layer, update.features);
            break;
        case GisUpdate::Kind::Upsert:
            for (const QString& id : update.deletedIds)
                removeFeature(layer, id);
            for (std::size_t i = 0; i < update.features.size(); ++i)
                upsertFeature(layer, update.features[i], QStringLiteral("#%1").arg(i));
            break;
        case GisUpdate::Kind::Clear:
            clearLayer(layer);
            break;
        }
        if (update.rejectedFeatures > 0) {
            layer.rejected += update.rejectedFeatures;
            rejectedChanged = true;
        }
        layer.updatedMs = update.receivedMs > 0 ? update.receivedMs : QDateTime::currentMSecsSinceEpoch();
        const int row = rowOf(m_layers, layer);
        Q_EMIT dataChanged(index(row), index(row), { FeatureCountRole, RejectedRole, UpdatedMsRole });
    }
    if (rejectedChanged)
        Q_EMIT countChanged();
    scheduleChanged();
}

MapLayers::Layer* MapLayers::layer(const QString& id)
{
    const int row = rowOf(m_layers, id);
    return row >= 0 ? m_layers[static_cast<std::size_t>(row)].get() : nullptr;
}

const MapLayers::Layer* MapLayers::layer(const QString& id) const
{
    const int row = rowOf(m_layers, id);
    return row >= 0 ? m_layers[static_cast<std::size_t>(row)].get() : nullptr;
}

MarkerSet& MapLayers::markers(const QString& id)
{
    return ensure(id, kindForId(id)).markers;
}

void MapLayers::touch(const QString& id)
{
    const int row = rowOf(m_layers, id);
    if (row < 0)
        return;
    m_layers[static_cast<std::size_t>(row)]->updatedMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT dataChanged(index(row), index(row), { FeatureCountRole, UpdatedMsRole });
    scheduleChanged();
}

void MapLayers::setVisible(const QString& id, bool visible)
{
    const int row = rowOf(m_layers, id);
    if (row < 0 || m_layers[static_cast<std::size_t>(row)]->visible == visible)
        return;
    m_layers[static_cast<std::size_t>(row)]->visible = visible;
    Q_EMIT dataChanged(index(row), index(row), { VisibleRole });
    scheduleChanged();
}

bool MapLayers::isVisible(const QString& id) const
{
    const Layer* found = layer(id);
    return found && found->visible;
}

int MapLayers::rejectedFeatures() const
{
    int total = 0;
    for (const auto& layer : m_layers)
        total += layer->rejected;
    return total;
}

int MapLayers::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

QVariant MapLayers::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Layer& layer = *m_layers[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return layer.title;
    case IdRole:
        return layer.id;
    case KindRole:
        return kindName(layer.kind);
    case VisibleRole:
        return layer.visible;
    case FeatureCountRole:
        return layer.markers.size() + static_cast<int>(layer.shapes.size());
    case RejectedRole:
        return layer.rejected;
    case UpdatedMsRole:
        return static_cast<double>(layer.updatedMs);
    case DatumRole:
        return datumName(layer.sourceDatum);
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> MapLayers::roleNames() const
{
    return {
        { IdRole, "layerId" },
        { TitleRole, "title" },
        { KindRole, "kind" },
        { VisibleRole, "layerVisible" },
        { FeatureCountRole, "featureCount" },
        { RejectedRole, "rejected" },
        { UpdatedMsRole, "updatedMs" },
        { DatumRole, "datum" },
    };
}

void MapLayers::scheduleChanged()
{
    if (m_changePending)
        return;
    m_changePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_changePending = false;
            Q_EMIT layersChanged();
        },
        Qt::QueuedConnection);
}

MapLayers::Layer& MapLayers::ensure(const QString& id, Kind kind)
{
    if (Layer* existing = layer(id))
        return *existing;
    const int row = static_cast<int>(m_layers.size());
    beginInsertRows({}, row, row);
    auto created = std::make_unique<Layer>();
    created->id = id;
    created->title = id;
    created->kind = kind;
    Layer& layer = *created;
    m_layers.push_back(std::move(created));
    endInsertRows();
    Q_EMIT countChanged();
    return layer;
}

} // namespace citybrain
