#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <array>
#include <functional>
#include <utility>
#include <vector>

namespace citybrain {

class MapLayers;
class SensorAlarmModel;

// The sensors on the map: every sensor heard from, at its last position, coloured by its status, in
// MapLayers' "sensors" layer (category 0 normal, 1 warning, 2 alarm, 3 offline), plus what the hover
// card shows (sensor()). GUI thread; fed by CityState with each batch's telemetry, re-read from the
// alarm model whenever it changes, and ticked every second for sensors that fell silent.
//
// Status, the first that applies:
//   offline  no reading for longer than offlineAfterSeconds (the telemetry stale threshold,
//            feeds/telemetry_stale_seconds): a silent sensor's alarm is of its last reading, and the
//            alarm list still shows it;
//   alarm    an active monitoring alarm of severity major or critical on the sensor;
//   warning  an active alarm of a lower severity;
//   normal   otherwise.
//
// Memory, bounded per sensor: its last sample's values and a ring of at most trendCapacity (32) recent
// values of its trend metric (the domain's headline: aqi, congestion, level, laeq, load; else the
// sample's first metric) with their timestamps, for the hover sparkline: about 1 KB a sensor. Sensors
// stay known (offline) once heard from; the fleet's size bounds the whole.
class SensorMarkers : public QObject, public QmlSingleton<SensorMarkers>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY changed)
    Q_PROPERTY(int alarmCount READ alarmCount NOTIFY changed)
    Q_PROPERTY(int offlineCount READ offlineCount NOTIFY changed)
public:
    enum class Status { Normal = 0, Warning = 1, Alarm = 2, Offline = 3 }; // the marker categories
    Q_ENUM(Status)
    static constexpr int trendCapacity = 32;
    static constexpr const char* layerId = "sensors";

    // No default arguments: Qt 6.4 would then create its own, empty instance for QML. `alarms` may be
    // null (no alarm statuses).
    SensorMarkers(const SensorAlarmModel* alarms, QObject* parent);

    // Where the markers go (may be null: the state is kept, nothing drawn). Writes every known sensor.
    void setMapLayers(MapLayers* layers);
    // How long without a reading before a sensor shows offline; default 10 s.
    void setOfflineAfterSeconds(double seconds);
    [[nodiscard]] double offlineAfterSeconds() const { return static_cast<double>(m_offlineAfterMs) / 1000.0; }

    // One batch's readings (the latest per sensor), received at nowMs.
    void apply(const std::vector<TelemetrySample>& telemetry, qint64 nowMs);
    // Marks the sensors silent for too long as offline (CityState calls it every second).
    void tick(qint64 nowMs);
    // Re-reads the active alarms per sensor from the alarm model (connected to its resets).
    void refreshAlarms();

    // The hover card: {id, domain, district, districtName, lon, lat, status ("normal", "warning",
    // "alarm", "offline"), lastSeenMs (received), tsMs (the reading's own time), values: [{metric,
    // value}], trendMetric, trend: [points with x = epoch ms, y = value], oldest first}; empty if unknown.
    Q_INVOKABLE [[nodiscard]] QVariantMap sensor(const QString& id) const;
    [[nodiscard]] Status status(const QString& id) const;
    [[nodiscard]] std::vector<QPointF> trend(const QString& id) const;
    [[nodiscard]] static QString statusName(Status status);

    // One known sensor as the wall's summaries read it (district ranking, focus nearby): valid only
    // during the forEachSensor() call that passes it.
    struct Reading
    {
        const QString& id;
        const QString& domain;
        const QString& district; // adcode
        QPointF lonLat;
        qint64 tsMs; // the reading's own time
        Status status;
        const QString& headlineMetric; // the domain's headline (aqi, congestion, level, laeq, load)
        const std::vector<std::pair<QString, double>>& values; // the last sample's
    };
    // Every known sensor's latest reading, in no particular order, without copying them.
    void forEachSensor(const std::function<void(const Reading&)>& visit) const;

    [[nodiscard]] int count() const { return static_cast<int>(m_sensors.size()); }
    [[nodiscard]] int warningCount() const { return m_counts[1]; }
    [[nodiscard]] int alarmCount() const { return m_counts[2]; }
    [[nodiscard]] int offlineCount() const { return m_counts[3]; }

Q_SIGNALS:
    // Statuses or counts changed (at most once per apply, tick or alarm change).
    void changed();

private:
    struct Sensor
    {
        QString domain;
        QString district;
        QPointF lonLat;
        qint64 lastSeenMs = 0; // received
        qint64 tsMs = 0; // the reading's timestamp
        std::vector<std::pair<QString, double>> values;
        QString trendMetric;
        std::array<QPointF, trendCapacity> ring {};
        int ringStart = 0;
        int ringSize = 0;
        Status status = Status::Normal;
    };

    [[nodiscard]] Status statusOf(const QString& id, const Sensor& sensor, qint64 nowMs) const;
    // Puts the sensor's marker in the layer if its position or status changed; true if it did.
    bool place(const QString& id, const Sensor& sensor);
    // Every sensor's status at nowMs; the map and the counts follow the ones that changed.
    void restatus(qint64 nowMs);
    void recount();
    void touchLayer();

    QPointer<MapLayers> m_layers;
    const SensorAlarmModel* m_alarms = nullptr;
    qint64 m_offlineAfterMs = 10000;
    qint64 m_nowMs = 0; // the last apply or tick
    QHash<QString, Sensor> m_sensors;
    QHash<QString, int> m_alarmLevel; // sensor id -> 1 warning, 2 alarm (absent: none)
    std::array<int, 4> m_counts {};
};

} // namespace citybrain
