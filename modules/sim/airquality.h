#pragma once

namespace citybrain::sim {

// Air quality index per HJ 633-2012: individual indices (IAQI) by linear interpolation between the
// pollutant breakpoints, AQI the largest of them. Hourly values use the 24-hour breakpoints for
// PM2.5 and PM10 and the 1-hour breakpoints for NO2 and O3, as China's real-time AQI does.
class AirQuality
{
public:
    enum class Pollutant { Pm25, Pm10, No2, O3 };

    // Sub-index of one concentration (µg/m³), 0..500; 500 above the last breakpoint.
    [[nodiscard]] static double subIndex(Pollutant pollutant, double concentration);
    // AQI rounded up to an integer, as the standard requires.
    [[nodiscard]] static int aqi(double pm25, double pm10, double no2, double o3);
};

} // namespace citybrain::sim
