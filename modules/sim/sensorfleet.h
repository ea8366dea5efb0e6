#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>
#include <vector>

namespace citybrain {
class DistrictLayer;
struct District;
} // namespace citybrain

namespace citybrain::sim {

struct SensorCounts
{
    int air = 60;
    int traffic = 240;
    int water = 40;
    int noise = 60;
    int energy = 40;

    [[nodiscard]] int total() const { return air + traffic + water + noise + energy; }
};

// One simulated sensor: where it is, its individual character and its running state.
struct SimSensor
{
    QString id; // air-610402-003
    QString domain;
    QString district;
    double lon = 0;
    double lat = 0;
    bool urban = false; // in the central districts (秦都区, 渭城区)
    double scale = 1; // capacity (veh/h), PM baseline factor, gauge datum (m), dB level or peak MW
    double shape = 1; // second per-sensor trait: free speed, PM10/PM2.5 ratio, demand factor...
    double phase = 0; // 0..1, offsets slow cycles between sensors
    double drift = 0; // AR(1) noise state, about unit variance
    double warningLine = 0; // water gauges: 警戒水位, m above datum, above anything a normal year reaches
    double guaranteeLine = 0; // water gauges: 保证水位, above the warning line
    qint64 seq = 0; // last published sequence number
    std::vector<std::pair<QString, double>> last; // last published values
};

// The simulated sensors of the five domains, placed inside the district polygons by seeded rejection
// sampling, clustered around the seats and weighted towards the central districts.
class SensorFleet
{
public:
    SensorFleet(const DistrictLayer& layer, quint64 seed, const SensorCounts& counts);

    [[nodiscard]] const std::vector<SimSensor>& sensors() const { return m_sensors; }
    [[nodiscard]] std::vector<SimSensor>& sensors() { return m_sensors; }
    [[nodiscard]] int count(const QString& domain) const;

    // Relative density of sensors in a district: the central districts carry the most.
    [[nodiscard]] static double districtWeight(const QString& adcode);
    [[nodiscard]] static bool isUrban(const QString& adcode);

private:
    std::vector<SimSensor> m_sensors;
};

} // namespace citybrain::sim
