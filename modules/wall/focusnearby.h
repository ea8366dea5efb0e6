#pragma once

#include <QAbstractListModel>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace citybrain {

// What is near a point: cameras or sensors, nearest first (FocusNearby's two lists).
class NearbyList : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FocusNearby.cameras and FocusNearby.sensors")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        ItemIdRole = Qt::UserRole + 1, // the camera's feature id or the sensor's id
        NameRole, // a camera's name (its id when it has none); a sensor's id
        KindRole, // camera, sensor
        DistanceMRole, // great-circle distance from the point, metres
        LonRole,
        LatRole,
        DomainRole, // sensors: air, traffic, water, noise, energy
        StatusRole, // sensors: normal, warning, alarm, offline
        MetricRole, // sensors: the headline metric (aqi, congestion, level, laeq, load)
        ValueRole, // sensors: its latest value (NaN when the reading lacks it)
        TsMsRole, // sensors: the reading's time
    };
    Q_ENUM(Roles)

    struct Item
    {
        QString id;
        QString name;
        double distanceM = 0;
        double lon = 0;
        double lat = 0;
        QString domain;
        QString status;
        QString metric;
        double value = 0;
        qint64 tsMs = 0;

        bool operator==(const Item& other) const;
    };

    NearbyList(QString kind, QObject* parent);

    // Shows these items (nearest first): the rows that stay in place update, other changes reset.
    void setItems(std::vector<Item> items);
    [[nodiscard]] const std::vector<Item>& items() const { return m_items; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    QString m_kind;
    std::vector<Item> m_items;
};

// The cameras and sensors within radiusKm of a point (panel focus_nearby: the incident in focus),
// nearest first, at most maxRows of each; the counts within the radius may be larger. Created inside
// the panel; it reads MapLayers' "cameras" layer and SensorMarkers' instances (empty without them).
// No point (lon and lat 0, or out of range): both lists are empty.
//
// A position or radius change recomputes on the next event-loop turn (lon and lat set together count
// once); sensor readings change without a signal, so while there is a point it recomputes every
// refreshMs, and the views only see the rows that changed.
class FocusNearby : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(double lon READ lon WRITE setLon NOTIFY positionChanged)
    Q_PROPERTY(double lat READ lat WRITE setLat NOTIFY positionChanged)
    Q_PROPERTY(double radiusKm READ radiusKm WRITE setRadiusKm NOTIFY radiusKmChanged)
    Q_PROPERTY(bool hasPosition READ hasPosition NOTIFY positionChanged)
    Q_PROPERTY(NearbyList* cameras READ cameras CONSTANT)
    Q_PROPERTY(NearbyList* sensors READ sensors CONSTANT)
    // Within the radius, whether listed or not.
    Q_PROPERTY(int cameraCount READ cameraCount NOTIFY countsChanged)
    Q_PROPERTY(int sensorCount READ sensorCount NOTIFY countsChanged)
    // Sensors within the radius showing a warning or an alarm.
    Q_PROPERTY(int sensorAlertCount READ sensorAlertCount NOTIFY countsChanged)
    // The newest sensor reading listed, epoch ms; 0 when none.
    Q_PROPERTY(double dataMs READ dataMs NOTIFY countsChanged)
public:
    static constexpr int maxRows = 12;
    static constexpr int refreshMs = 1000;
    static constexpr double defaultRadiusKm = 2.0;
    static constexpr const char* camerasLayer = "cameras";

    explicit FocusNearby(QObject* parent = nullptr);

    // Great-circle distance (haversine, mean Earth radius 6371.0088 km) in metres.
    [[nodiscard]] static double distanceMeters(double lon1, double lat1, double lon2, double lat2);

    [[nodiscard]] double lon() const { return m_lon; }
    void setLon(double lon);
    [[nodiscard]] double lat() const { return m_lat; }
    void setLat(double lat);
    [[nodiscard]] double radiusKm() const { return m_radiusKm; }
    void setRadiusKm(double radiusKm);
    [[nodiscard]] bool hasPosition() const;
    [[nodiscard]] NearbyList* cameras() { return &m_cameras; }
    [[nodiscard]] NearbyList* sensors() { return &m_sensors; }
    [[nodiscard]] int cameraCount() const { return m_cameraCount; }
    [[nodiscard]] int sensorCount() const { return m_sensorCount; }
    [[nodiscard]] int sensorAlertCount() const { return m_sensorAlertCount; }
    [[nodiscard]] double dataMs() const { return static_cast<double>(m_dataMs); }

    // Recomputes now (the timers call it; tests may too).
    void refresh();

Q_SIGNALS:
    void positionChanged();
    void radiusKmChanged();
    void countsChanged();

private:
    void scheduleSoon();
    [[nodiscard]] std::vector<NearbyList::Item> nearbyCameras(int* total) const;
    [[nodiscard]] std::vector<NearbyList::Item> nearbySensors(int* total, int* alerts) const;

    double m_lon = 0;
    double m_lat = 0;
    double m_radiusKm = defaultRadiusKm;
    NearbyList m_cameras;
    NearbyList m_sensors;
    int m_cameraCount = 0;
    int m_sensorCount = 0;
    int m_sensorAlertCount = 0;
    qint64 m_dataMs = 0;
    QTimer m_soon; // a position change, on the next turn
    QTimer m_tick; // sensor values, while there is a point
};

} // namespace citybrain
