#include "focusnearby.h"

#include "maplayers.h"
#include "sensormarkers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citybrain {

namespace {

constexpr double earthRadiusM = 6371008.8; // mean radius (IUGG)
constexpr double degree = M_PI / 180.0;

bool nearerFirst(const NearbyList::Item& a, const NearbyList::Item& b)
{
    return a.distanceM != b.distanceM ? a.distanceM < b.distanceM : a.id < b.id;
}

// Keeps the `limit` nearest, sorted.
void keepNearest(std::vector<NearbyList::Item>& items, int limit)
{
    const auto keep = std::min(items.size(), static_cast<std::size_t>(limit));
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(keep), items.end(), nearerFirst);
    items.resize(keep);
}

} // namespace

bool NearbyList::Item::operator==(const Item& other) const
{
    // NaN values (a reading without its headline) compare equal to each other here.
    const bool sameValue = value == other.value || (std::isnan(value) && std::isnan(other.value));
    return id == other.id && name == other.name && distanceM == other.distanceM && lon == other.lon && lat == other.lat
        && domain == other.domain && status == other.status && metric == other.metric && sameValue
        && tsMs == other.tsMs;
}

NearbyList::NearbyList(QString kind, QObject* parent)
    : QAbstractListModel(parent)
    , m_kind(std::move(kind))
{ }

void NearbyList::setItems(std::vector<Item> items)
{
    const bool sameIds = items.size() == m_items.size()
        && std::equal(
            items.begin(), items.end(), m_items.begin(), [](const Item& a, const Item& b) { return a.id == b.id; });
    if (!sameIds) {
        const bool countChanges = items.size() != m_items.size();
        beginResetModel();
        m_items = std::move(items);
        endResetModel();
        if (countChanges)
            Q_EMIT countChanged();
        return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i] == m_items[i])
            continue;
        m_items[i] = std::move(items[i]);
        const QModelIndex at = index(static_cast<int>(i));
        Q_EMIT dataChanged(at, at);
    }
}

int NearbyList::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant NearbyList::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item& item = m_items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ItemIdRole:
        return item.id;
    case Qt::DisplayRole:
    case NameRole:
        return item.name;
    case KindRole:
        return m_kind;
    case DistanceMRole:
        return item.distanceM;
    case LonRole:
        return item.lon;
    case LatRole:
        return item.lat;
    case DomainRole:
        return item.domain;
    case StatusRole:
        return item.status;
    case MetricRole:
        return item.metric;
    case ValueRole:
        return item.value;
    case TsMsRole:
        return static_cast<double>(item.tsMs);
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> NearbyList::roleNames() const
{
    return {
        { ItemIdRole, "itemId" },
        { NameRole, "name" },
        { KindRole, "kind" },
        { DistanceMRole, "distanceM" },
        { LonRole, "lon" },
        { LatRole, "lat" },
        { DomainRole, "domain" },
        { StatusRole, "status" },
        { MetricRole, "metric" },
        { ValueRole, "value" },
        { TsMsRole, "tsMs" },
    };
}

FocusNearby::FocusNearby(QObject* parent)
    : QObject(parent)
    , m_cameras(QStringLiteral("camera"), this)
    , m_sensors(QStringLiteral("sensor"), this)
{
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, &FocusNearby::refresh);
    m_tick.setInterval(refreshMs);
    connect(&m_tick, &QTimer::timeout, this, &FocusNearby::refresh);
    // Cameras arrive (retained) or change, sensors change status: at once rather than on the next tick.
    if (const MapLayers* layers = MapLayers::instance())
        connect(layers, &MapLayers::layersChanged, this, &FocusNearby::scheduleSoon);
    if (const SensorMarkers* sensors = SensorMarkers::instance())
        connect(sensors, &SensorMarkers::changed, this, &FocusNearby::scheduleSoon);
}

double FocusNearby::distanceMeters(double lon1, double lat1, double lon2, double lat2)
{
    const double dLat = (lat2 - lat1) * degree;
    const double dLon = (lon2 - lon1) * degree;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * degree) * std::cos(lat2 * degree) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * earthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

void FocusNearby::setLon(double lon)
{
    if (lon == m_lon)
        return;
    m_lon = lon;
    Q_EMIT positionChanged();
    scheduleSoon();
}

void FocusNearby::setLat(double lat)
{
    if (lat == m_lat)
        return;
    m_lat = lat;
    Q_EMIT positionChanged();
    scheduleSoon();
}

void FocusNearby::setRadiusKm(double radiusKm)
{
    if (!std::isfinite(radiusKm) || radiusKm <= 0 || radiusKm == m_radiusKm)
        return;
    m_radiusKm = radiusKm;
    Q_EMIT radiusKmChanged();
    scheduleSoon();
}

bool FocusNearby::hasPosition() const
{
    // An incident without a location arrives as 0, 0 (the Gulf of Guinea): no point rather than that.
    return std::isfinite(m_lon) && std::isfinite(m_lat) && std::abs(m_lon) <= 180 && std::abs(m_lat) <= 90
        && !(m_lon == 0 && m_lat == 0);
}

void FocusNearby::scheduleSoon()
{
    if (!m_soon.isActive())
        m_soon.start();
}

std::vector<NearbyList::Item> FocusNearby::nearbyCameras(int* total) const
{
    std::vector<NearbyList::Item> items;
    const MapLayers* layers = MapLayers::instance();
    const MapLayers::Layer* layer = layers ? layers->layer(QLatin1String(camerasLayer)) : nullptr;
    if (!layer)
        return items;
    const double radiusM = m_radiusKm * 1000.0;
    const MarkerSet& markers = layer->markers;
    for (int i = 0; i < markers.size(); ++i) {
        const QPointF lonLat = markers.stateAt(i).lonLat;
        const double distance = distanceMeters(m_lon, m_lat, lonLat.x(), lonLat.y());
        if (!(distance <= radiusM))
            continue;
        NearbyList::Item item;
        item.id = markers.idAt(i);
        const auto feature = layer->pointFeatures.constFind(item.id);
        if (feature != layer->pointFeatures.cend())
            item.name = feature->properties.value(QLatin1String("name")).toString();
        if (item.name.isEmpty())
            item.name = item.id;
        item.distanceM = distance;
        item.lon = lonLat.x();
        item.lat = lonLat.y();
        items.push_back(std::move(item));
    }
    *total = static_cast<int>(items.size());
    keepNearest(items, maxRows);
    return items;
}

std::vector<NearbyList::Item> FocusNearby::nearbySensors(int* total, int* alerts) const
{
    std::vector<NearbyList::Item> items;
    const SensorMarkers* sensors = SensorMarkers::instance();
    if (!sensors)
        return items;
    const double radiusM = m_radiusKm * 1000.0;
    sensors->forEachSensor([&](const SensorMarkers::Reading& reading) {
        const double distance = distanceMeters(m_lon, m_lat, reading.lonLat.x(), reading.lonLat.y());
        if (!(distance <= radiusM))
            return;
        if (reading.status == SensorMarkers::Status::Warning || reading.status == SensorMarkers::Status::Alarm)
            ++*alerts;
        NearbyList::Item item;
        item.id = reading.id;
        item.name = reading.id;
        item.distanceM = distance;
        item.lon = reading.lonLat.x();
        item.lat = reading.lonLat.y();
        item.domain = reading.domain;
        item.status = SensorMarkers::statusName(reading.status);
        item.metric = reading.headlineMetric;
        item.value = std::numeric_limits<double>::quiet_NaN();
        for (const auto& [metric, value] : reading.values) {
            if (metric == reading.headlineMetric) {
                item.value = value;
                break;
            }
        }
        item.tsMs = reading.tsMs;
        items.push_back(std::move(item));
    });
    *total = static_cast<int>(items.size());
    keepNearest(items, maxRows);
    return items;
}

void FocusNearby::refresh()
{
    m_soon.stop();
    int cameraCount = 0;
    int sensorCount = 0;
    int alerts = 0;
    std::vector<NearbyList::Item> cameras;
    std::vector<NearbyList::Item> sensors;
    if (hasPosition()) {
        cameras = nearbyCameras(&cameraCount);
        sensors = nearbySensors(&sensorCount, &alerts);
        if (!m_tick.isActive())
            m_tick.start();
    } else {
        m_tick.stop();
    }
    qint64 dataMs = 0;
    for (const NearbyList::Item& sensor : sensors)
        dataMs = std::max(dataMs, sensor.tsMs);
    m_cameras.setItems(std::move(cameras));
    m_sensors.setItems(std::move(sensors));
    if (cameraCount != m_cameraCount || sensorCount != m_sensorCount || alerts != m_sensorAlertCount
        || dataMs != m_dataMs) {
        m_cameraCount = cameraCount;
        m_sensorCount = sensorCount;
        m_sensorAlertCount = alerts;
        m_dataMs = dataMs;
        Q_EMIT countsChanged();
    }
}

} // namespace citybrain
