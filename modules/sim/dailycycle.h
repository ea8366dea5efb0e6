#pragma once

#include <QDate>

namespace citybrain::sim {

// Dimensionless daily and seasonal profiles by Beijing hour of day (0 <= hour < 24). Each sensor
// scales them by its own capacity or baseline.
class DailyCycle
{
public:
    // Road demand as a share of capacity: night low about 0.05, rush peaks 7-9 and 17-19 near 0.9
    // on weekdays, flatter at weekends.
    [[nodiscard]] static double trafficDemand(double hour, bool weekend);
    // Multiplier on a PM baseline: worse at rush hours and, in the heating season, in the evening.
    [[nodiscard]] static double particulateFactor(double hour, bool heatingSeason);
    // PM2.5 baseline of the season in µg/m³ for the Guanzhong plain.
    [[nodiscard]] static double particulateBaseline(const QDate& date);
    // Ozone in µg/m³ before a sensor's own scale: afternoon sun, strong in summer, weak in winter.
    [[nodiscard]] static double ozone(double hour, const QDate& date);
    // Offset in dB from a sensor's daytime level: quieter at night (22-6), louder at rush hours.
    [[nodiscard]] static double noiseOffset(double hour);
    // Share of a substation's peak load: daytime plateau, evening peak, plus heating and cooling.
    [[nodiscard]] static double energyFactor(double hour, const QDate& date);
    // Share of the day that is "awake", smooth from 0 at night to 1 in the day.
    [[nodiscard]] static double daylight(double hour);
};

} // namespace citybrain::sim
