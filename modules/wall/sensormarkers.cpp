#include "sensormarkers.h"

#include "districtlayer.h"
#include "maplayers.h"
#include "sensoralarmmodel.h"

#include <QVariantList>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

// The metric a domain's sparkline follows; another domain's sensors use their first metric.
QString headlineMetric(const QString& domain, const std::vector<std::pair<QString, double>>& values)
{
    static const QHash<QString, QString> headlines = {
        { QStringLiteral("air"), QStringLiteral("aqi") },
        { QStringLiteral("traffic"), QStringLiteral("congestion") },
        { QStringLiteral("water"), QStringLiteral("level") },
        { QStringLiteral("noise"), QStringLiteral("laeq") },
        { QStringLiteral("energy"), QStringLiteral("load") },
    };
    const QString preferred = headlines.value(domain);
    for (const auto& [metric, value] : values) {
        if (metric == preferred)
            return metric;
    }
    return values.empty() ? QString() : values.front().first;
}

} // namespace

SensorMarkers::SensorMarkers(const SensorAlarmModel* alarms, QObject* parent)
    : QObject(parent)
    , m_alarms(alarms)
{
    if (m_alarms) {
        // The alarm model resets itself on every change (its alarms change rarely).
        connect(m_alarms, &QAbstractItemModel::modelReset, this, &SensorMarkers::refreshAlarms);
    }
}

QString SensorMarkers::statusName(Status status)
{
    switch (status) {
    case Status::Normal:
        break;
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Alarm:
        return QStringLiteral("alarm");
    case Status::Offline:
        return QStringLiteral("offline");
    }
    return QStringLiteral("normal");
}

void SensorMarkers::setMapLayers(MapLayers* layers)
{
    m_layers = layers;
    if (!m_layers)
        return;
    MarkerSet& markers = m_layers->markers(QLatin1String(layerId));
    markers.reserve(static_cast<int>(m_sensors.size()));
    for (auto it = m_sensors.cbegin(); it != m_sensors.cend(); ++it)
        place(it.key(), it.value());
    touchLayer();
}

void SensorMarkers::setOfflineAfterSeconds(double seconds)
{
    if (!std::isfinite(seconds) || seconds <= 0)
        return;
    m_offlineAfterMs = static_cast<qint64>(seconds * 1000.0);
}

SensorMarkers::Status SensorMarkers::statusOf(const QString& id, const Sensor& sensor, qint64 nowMs) const
{
    if (nowMs - sensor.lastSeenMs > m_offlineAfterMs)
        return Status::Offline;
    const int level = m_alarmLevel.value(id, 0);
    return level >= 2 ? Status::Alarm : (level == 1 ? Status::Warning : Status::Normal);
}

bool SensorMarkers::place(const QString& id, const Sensor& sensor)
{
    if (!m_layers)
        return false;
    MarkerSet& markers = m_layers->markers(QLatin1String(layerId));
    const MarkerState state { sensor.lonLat, static_cast<quint8>(sensor.status), false };
    const int index = markers.indexOf(id);
    if (index >= 0) {
        const MarkerState& current = markers.stateAt(index);
        if (current.lonLat == state.lonLat && current.category == state.category)
            return false; // unchanged: the views need not rebuild
    }
    markers.upsert(id, state);
    return true;
}

void SensorMarkers::apply(const std::vector<TelemetrySample>& telemetry, qint64 nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
    bool moved = false;
    bool statusChanged = false;
    for (const TelemetrySample& sample : telemetry) {
        Sensor& sensor = m_sensors[sample.sensorId];
        const Status before = sensor.status;
        const bool isNew = sensor.lastSeenMs == 0;
        sensor.domain = sample.domain;
        sensor.district = sample.district;
        sensor.lonLat = QPointF(sample.lon, sample.lat);
        sensor.lastSeenMs = nowMs;
        sensor.tsMs = sample.tsMs;
        sensor.values = sample.values;
        if (sensor.trendMetric.isEmpty())
            sensor.trendMetric = headlineMetric(sample.domain, sample.values);
        for (const auto& [metric, value] : sample.values) {
            if (metric != sensor.trendMetric)
                continue;
            const QPointF point(static_cast<double>(sample.tsMs), value);
            if (sensor.ringSize < trendCapacity) {
                sensor.ring[static_cast<std::size_t>((sensor.ringStart + sensor.ringSize) % trendCapacity)] = point;
                ++sensor.ringSize;
            } else {
                sensor.ring[static_cast<std::size_t>(sensor.ringStart)] = point; // overwrites the oldest
                sensor.ringStart = (sensor.ringStart + 1) % trendCapacity;
            }
            break;
        }
        sensor.status = statusOf(sample.sensorId, sensor, nowMs);
        statusChanged = statusChanged || isNew || sensor.status != before;
        moved = place(sample.sensorId, sensor) || moved;
    }
    if (moved)
        touchLayer();
    if (statusChanged) {
        recount();
        Q_EMIT changed();
    }
}

void SensorMarkers::tick(qint64 nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
    restatus(nowMs);
}

void SensorMarkers::refreshAlarms()
{
    if (!m_alarms)
        return;
    QHash<QString, int> levels;
    for (int row = 0; row < m_alarms->rowCount(); ++row) {
        const QModelIndex index = m_alarms->index(row, 0);
        if (!index.data(SensorAlarmModel::ActiveRole).toBool())
            continue;
        const QString sensorId = index.data(SensorAlarmModel::SensorIdRole).toString();
        const int severity = index.data(SensorAlarmModel::SeverityRole).toInt();
        const int level = severity >= static_cast<int>(Severity::Major) ? 2 : 1;
        levels[sensorId] = std::max(levels.value(sensorId, 0), level);
    }
    if (levels == m_alarmLevel)
        return;
    m_alarmLevel = std::move(levels);
    restatus(m_nowMs);
}

void SensorMarkers::restatus(qint64 nowMs)
{
    bool any = false;
    for (auto it = m_sensors.begin(); it != m_sensors.end(); ++it) {
        const Status now = statusOf(it.key(), it.value(), nowMs);
        if (now == it->status)
            continue;
        it->status = now;
        place(it.key(), it.value());
        any = true;
    }
    if (!any)
        return;
    touchLayer();
    recount();
    Q_EMIT changed();
}

void SensorMarkers::recount()
{
    m_counts = {};
    for (const Sensor& sensor : std::as_const(m_sensors))
        ++m_counts[static_cast<std::size_t>(sensor.status)];
}

void SensorMarkers::touchLayer()
{
    if (m_layers)
        m_layers->touch(QLatin1String(layerId));
}

SensorMarkers::Status SensorMarkers::status(const QString& id) const
{
    const auto it = m_sensors.constFind(id);
    return it != m_sensors.cend() ? it->status : Status::Offline;
}

std::vector<QPointF> SensorMarkers::trend(const QString& id) const
{
    std::vector<QPointF> points;
    const auto it = m_sensors.constFind(id);
    if (it == m_sensors.cend())
        return points;
    points.reserve(static_cast<std::size_t>(it->ringSize));
    for (int i = 0; i < it->ringSize; ++i)
        points.push_back(it->ring[static_cast<std::size_t>((it->ringStart + i) % trendCapacity)]);
    return points;
}

void SensorMarkers::forEachSensor(const std::function<void(const Reading&)>& visit) const
{
    for (auto it = m_sensors.cbegin(); it != m_sensors.cend(); ++it) {
        const Sensor& s = it.value();
        visit(Reading { it.key(), s.domain, s.district, s.lonLat, s.tsMs, s.status, s.trendMetric, s.values });
    }
}

QVariantMap SensorMarkers::sensor(const QString& id) const
{
    const auto it = m_sensors.constFind(id);
    if (it == m_sensors.cend())
        return {};
    const Sensor& sensor = *it;
    const District* district = DistrictLayer::xianyang().find(sensor.district);
    QVariantList values;
    values.reserve(static_cast<qsizetype>(sensor.values.size()));
    for (const auto& [metric, value] : sensor.values)
        values.append(QVariantMap { { QStringLiteral("metric"), metric }, { QStringLiteral("value"), value } });
    QVariantList points;
    for (const QPointF& point : trend(id))
        points.append(point);
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("domain"), sensor.domain },
        { QStringLiteral("district"), sensor.district },
        { QStringLiteral("districtName"), district ? district->name : sensor.district },
        { QStringLiteral("lon"), sensor.lonLat.x() },
        { QStringLiteral("lat"), sensor.lonLat.y() },
        { QStringLiteral("status"), statusName(sensor.status) },
        { QStringLiteral("lastSeenMs"), static_cast<double>(sensor.lastSeenMs) },
        { QStringLiteral("tsMs"), static_cast<double>(sensor.tsMs) },
        { QStringLiteral("values"), values },
        { QStringLiteral("trendMetric"), sensor.trendMetric },
        { QStringLiteral("trend"), points },
    };
}

} // namespace citybrain
