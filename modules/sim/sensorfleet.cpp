#include "sensorfleet.h"

#include "districtlayer.h"
#include "logging.h"
#include "simrandom.h"
#include "telemetrymodel.h"

#include <QPointF>

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {

// The Wei (渭河) and Jing (泾河) rivers through Xianyang, coarse lon/lat polylines for river gauges.
const std::vector<std::vector<QPointF>>& rivers()
{
    static const std::vector<std::vector<QPointF>> lines = {
        { { 107.95, 34.235 }, { 108.08, 34.235 }, { 108.25, 34.215 }, { 108.45, 34.205 }, { 108.60, 34.250 },
            { 108.70, 34.310 }, { 108.80, 34.335 }, { 108.95, 34.380 } },
        { { 107.75, 35.200 }, { 107.95, 35.080 }, { 108.10, 35.030 }, { 108.30, 34.930 }, { 108.50, 34.780 },
            { 108.65, 34.620 }, { 108.80, 34.530 }, { 108.95, 34.470 } },
    };
    return lines;
}

QPointF pointAlong(const std::vector<QPointF>& line, double t)
{
    const double scaled = t * static_cast<double>(line.size() - 1);
    const auto i = std::min(static_cast<size_t>(scaled), line.size() - 2);
    const double f = scaled - static_cast<double>(i);
    return line[i] + (line[i + 1] - line[i]) * f;
}

QPointF rounded(const QPointF& p)
{
    return { std::round(p.x() * 1e6) / 1e6, std::round(p.y() * 1e6) / 1e6 };
}

// A point inside the district: near the seat most of the time, anywhere otherwise.
QPointF placeInside(const District& district, QRandomGenerator& rng, double nearSeatShare, double sigma)
{
    if (rng.generateDouble() < nearSeatShare) {
        for (int attempt = 0; attempt < 500; ++attempt) {
            const QPointF p = rounded(district.seat + QPointF(gaussian(rng) * sigma, gaussian(rng) * sigma * 0.8));
            if (district.contains(p))
                return p;
        }
    }
    for (int attempt = 0; attempt < 20000; ++attempt) {
        const QRectF& b = district.bounds;
        const QPointF p = rounded({ uniform(rng, b.left(), b.right()), uniform(rng, b.top(), b.bottom()) });
        if (district.contains(p))
            return p;
    }
    qCWarning(lcSim) << "could not place a sensor inside" << district.adcode << "- using its seat";
    return district.seat;
}

QPointF placeOnRiver(const District& district, QRandomGenerator& rng)
{
    for (int attempt = 0; attempt < 400; ++attempt) {
        const auto& line = rivers()[rng.bounded(static_cast<int>(rivers().size()))];
        const QPointF p
            = rounded(pointAlong(line, rng.generateDouble()) + QPointF(gaussian(rng) * 0.012, gaussian(rng) * 0.012));
        if (district.contains(p))
            return p;
    }
    return placeInside(district, rng, 0.5, 0.03);
}

// Splits `total` over the districts: one each first, the rest by weight (largest remainder).
std::vector<int> allocate(const std::vector<District>& districts, int total)
{
    std::vector<int> counts(districts.size(), 0);
    if (total <= 0 || districts.empty())
        return counts;
    std::vector<size_t> order(districts.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return SensorFleet::districtWeight(districts[a].adcode) > SensorFleet::districtWeight(districts[b].adcode);
    });
    int left = total;
    for (size_t i : order) {
        if (left == 0)
            break;
        counts[i] = 1;
        --left;
    }
    double weightSum = 0;
    for (const District& d : districts)
        weightSum += SensorFleet::districtWeight(d.adcode);
    std::vector<double> remainder(districts.size());
    const int toShare = left;
    for (size_t i = 0; i < districts.size(); ++i) {
        const double exact = toShare * SensorFleet::districtWeight(districts[i].adcode) / weightSum;
        const int whole = static_cast<int>(std::floor(exact));
        counts[i] += whole;
        left -= whole;
        remainder[i] = exact - whole;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
    for (size_t i = 0; left > 0; i = (i + 1) % order.size(), --left)
        ++counts[order[i]];
    return counts;
}

} // namespace

double SensorFleet::districtWeight(const QString& adcode)
{
    if (isUrban(adcode))
        return 4.0;
    if (adcode == QLatin1String("610403") || adcode == QLatin1String("610481"))
        return 1.6; // Yangling and Xingping: dense small towns
    return 1.0;
}

bool SensorFleet::isUrban(const QString& adcode)
{
    return adcode == QLatin1String("610402") || adcode == QLatin1String("610404");
}

SensorFleet::SensorFleet(const DistrictLayer& layer, quint64 seed, const SensorCounts& counts)
{
    QRandomGenerator rng = makeGenerator(seed, Stream::Fleet);
    const std::vector<District>& districts = layer.districts();
    const std::pair<QString, int> domains[] = {
        { QStringLiteral("air"), counts.air },
        { QStringLiteral("traffic"), counts.traffic },
        { QStringLiteral("water"), counts.water },
        { QStringLiteral("noise"), counts.noise },
        { QStringLiteral("energy"), counts.energy },
    };
    m_sensors.reserve(static_cast<size_t>(counts.total()));
    for (const auto& [domain, total] : domains) {
        const std::vector<int> perDistrict = allocate(districts, total);
        for (size_t d = 0; d < districts.size(); ++d) {
            const District& district = districts[d];
            const bool urban = isUrban(district.adcode);
            for (int n = 1; n <= perDistrict[d]; ++n) {
                SimSensor sensor;
                sensor.id = QStringLiteral("%1-%2-%3").arg(domain, district.adcode).arg(n, 3, 10, QLatin1Char('0'));
                sensor.domain = domain;
                sensor.district = district.adcode;
                sensor.urban = urban;
                const QPointF p = domain == QLatin1String("water")
                    ? placeOnRiver(district, rng)
                    : placeInside(district, rng, urban ? 0.75 : 0.6, urban ? 0.035 : 0.025);
                sensor.lon = p.x();
                sensor.lat = p.y();
                sensor.phase = rng.generateDouble();
                sensor.drift = gaussian(rng);
                if (domain == QLatin1String("traffic")) {
                    sensor.scale = urban ? uniform(rng, 1800, 3600) : uniform(rng, 600, 1800); // capacity veh/h
                    sensor.shape = urban ? uniform(rng, 45, 60) : uniform(rng, 55, 80); // free speed km/h
                } else if (domain == QLatin1String("air")) {
                    sensor.scale = (urban ? 1.1 : 0.9) * uniform(rng, 0.85, 1.2); // PM baseline factor
                    sensor.shape = uniform(rng, 1.45, 1.9); // PM10 / PM2.5
                } else if (domain == QLatin1String("water")) {
                    sensor.scale = uniform(rng, 1.5, 6.0); // mean level above datum, m
                    sensor.shape = uniform(rng, 0.15, 0.45); // slow swing amplitude, m
                } else if (domain == QLatin1String("noise")) {
                    sensor.scale = urban ? uniform(rng, 58, 67) : uniform(rng, 50, 60); // daytime dB(A)
                } else {
                    sensor.scale = urban ? uniform(rng, 60, 180) : uniform(rng, 25, 90); // substation peak MW
                }
                m_sensors.push_back(std::move(sensor));
            }
        }
    }
    // The station lines, fixed per gauge, like a real hydrological station's: 警戒水位 0.4-0.8 m above the
    // highest level the gauge reaches in a normal year (flood season, crest of its swing, the noise), rounded
    // up to 0.1 m, and 保证水位 0.8-1.5 m above that. Their own stream, so the placement above is unchanged.
    QRandomGenerator lines = makeGenerator(seed, Stream::Gauges);
    for (SimSensor& sensor : m_sensors) {
        if (sensor.domain != QLatin1String("water"))
            continue;
        sensor.warningLine = std::ceil((TelemetryModel::normalLevelMax(sensor) + uniform(lines, 0.4, 0.8)) * 10) / 10;
        sensor.guaranteeLine = std::round((sensor.warningLine + uniform(lines, 0.8, 1.5)) * 10) / 10;
    }
    qCInfo(lcSim) << "placed" << m_sensors.size() << "sensors in" << districts.size() << "districts";
}

int SensorFleet::count(const QString& domain) const
{
    return static_cast<int>(
        std::count_if(m_sensors.begin(), m_sensors.end(), [&](const SimSensor& s) { return s.domain == domain; }));
}

} // namespace citybrain::sim
