#include "telemetrymodel.h"

#include "airquality.h"
#include "beijingclock.h"
#include "dailycycle.h"
#include "simrandom.h"

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {
double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

// A slow city-wide weather swing (hours), the same for every sensor at a given time.
double weather(qint64 tsMs)
{
    const double hours = static_cast<double>(tsMs) / 3600000.0;
    return 1.0 + 0.15 * std::sin(2.0 * M_PI * hours / 31.0) + 0.08 * std::sin(2.0 * M_PI * hours / 7.3);
}
} // namespace

double TelemetryModel::congestionIndex(double volumeToCapacity)
{
    const double x = std::clamp((volumeToCapacity - 0.35) / 0.9, 0.0, 1.0);
    return 1.0 + 9.0 * std::pow(x, 1.3);
}

double TelemetryModel::normalLevel(const SimSensor& gauge, qint64 tsMs)
{
    const double days = static_cast<double>(tsMs) / BeijingClock::dayMs;
    const int month = BeijingClock::date(tsMs).month();
    const double flood = (month >= 7 && month <= 9) ? floodSeasonRise : 0.0; // 汛期
    return gauge.scale + flood + gauge.shape * std::sin(2.0 * M_PI * (days / 3.0 + gauge.phase));
}

double TelemetryModel::normalLevelMax(const SimSensor& gauge)
{
    return gauge.scale + floodSeasonRise + gauge.shape + levelNoiseMax;
}

const std::vector<std::pair<QString, double>>& TelemetryModel::read(
    SimSensor& sensor, qint64 tsMs, QRandomGenerator& rng, const Disturbance& disturbance)
{
    sensor.drift = 0.85 * sensor.drift + 0.5 * gaussian(rng);
    const double noise = std::clamp(sensor.drift, -3.0, 3.0);
    const double hour = BeijingClock::hourOfDay(tsMs);
    const QDate date = BeijingClock::date(tsMs);
    auto& v = sensor.last;
    v.clear();

    if (sensor.domain == QLatin1String("traffic")) {
        // Some roads are busy all day, others never fill up.
        const double demandFactor = sensor.urban ? 0.75 + 0.85 * sensor.phase : 0.45 + 0.5 * sensor.phase;
        double vc = std::max(
            0.01, DailyCycle::trafficDemand(hour, BeijingClock::isWeekend(date)) * demandFactor * (1 + 0.07 * noise));
        if (disturbance.jam > 0) {
            const double jammed = std::max(vc, disturbance.jamVc * (1 + 0.02 * noise));
            vc += disturbance.jam * (jammed - vc);
        }
        const double flow = sensor.scale * std::min(vc, 1.0) * (1.0 - 0.2 * std::max(0.0, vc - 1.0));
        const double speed = sensor.shape / (1.0 + 0.6 * std::pow(vc, 4.0))
            * (1.0 - disturbance.jam * disturbance.jamSlowdown); // stop-and-go: queues at every junction
        v = { { QStringLiteral("flow"), std::round(std::clamp(flow, 0.0, 20000.0)) },
            { QStringLiteral("speed"), round1(std::clamp(speed, 3.0, 120.0)) },
            { QStringLiteral("congestion"), round1(congestionIndex(vc)) } };
    } else if (sensor.domain == QLatin1String("air")) {
        const bool heating = BeijingClock::isHeatingSeason(date);
        double pm25 = DailyCycle::particulateBaseline(date) * sensor.scale
            * DailyCycle::particulateFactor(hour, heating) * weather(tsMs) * (1 + 0.1 * noise);
        double coarse = sensor.shape; // PM10 / PM2.5
        if (disturbance.haze > 0) {
            // Haze is mostly fine, secondary particles: the PM10/PM2.5 ratio falls towards 1.3.
            const double hazy = std::max(pm25, disturbance.hazePm25 * (1 + 0.04 * noise));
            pm25 += disturbance.haze * (hazy - pm25);
            coarse += disturbance.haze * (std::min(coarse, 1.3) - coarse);
        }
        pm25 = std::clamp(pm25, 2.0, 900.0);
        const double pm10 = std::clamp(pm25 * coarse + 6.0 * (1 + 0.3 * noise), 3.0, 1500.0);
        const double traffic = DailyCycle::trafficDemand(hour, BeijingClock::isWeekend(date));
        const double no2 = std::clamp((12.0 + 48.0 * traffic) * sensor.scale * (1 + 0.1 * noise), 2.0, 400.0);
        const double o3 = std::clamp(DailyCycle::ozone(hour, date) * (1.15 - 0.3 * traffic) * (1 + 0.08 * noise), 2.0,
            600.0); // NO titrates ozone near busy roads
        const double r25 = round1(pm25);
        const double r10 = round1(pm10);
        const double rno2 = round1(no2);
        const double ro3 = round1(o3);
        v = { { QStringLiteral("aqi"), static_cast<double>(AirQuality::aqi(r25, r10, rno2, ro3)) },
            { QStringLiteral("pm25"), r25 }, { QStringLiteral("pm10"), r10 }, { QStringLiteral("no2"), rno2 },
            { QStringLiteral("o3"), ro3 } };
    } else if (sensor.domain == QLatin1String("water")) {
        const double level = normalLevel(sensor, tsMs) + 0.04 * noise + disturbance.levelRise;
        // The station lines travel with every reading, as a hydrological station reports them.
        v = { { QStringLiteral("level"), round2(std::clamp(level, 0.0, 40.0)) },
            { QStringLiteral("warning_line"), round2(sensor.warningLine) },
            { QStringLiteral("guarantee_line"), round2(sensor.guaranteeLine) } };
    } else if (sensor.domain == QLatin1String("noise")) {
        const double laeq = sensor.scale + DailyCycle::noiseOffset(hour) + 1.5 * noise;
        v = { { QStringLiteral("laeq"), round1(std::clamp(laeq, 30.0, 100.0)) } };
    } else {
        const double load = sensor.scale * DailyCycle::energyFactor(hour, date) * (1 + 0.025 * noise);
        v = { { QStringLiteral("load"), round1(std::clamp(load, 0.0, 5000.0)) } };
    }
    return v;
}

} // namespace citybrain::sim
