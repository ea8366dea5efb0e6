#include "airquality.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace citybrain::sim {

namespace {
constexpr std::array<double, 8> iaqiLevels = { 0, 50, 100, 150, 200, 300, 400, 500 };
constexpr std::array<double, 8> pm25Day = { 0, 35, 75, 115, 150, 250, 350, 500 };
constexpr std::array<double, 8> pm10Day = { 0, 50, 150, 250, 350, 420, 500, 600 };
constexpr std::array<double, 8> no2Hour = { 0, 100, 200, 700, 1200, 2340, 3090, 3840 };
constexpr std::array<double, 8> o3Hour = { 0, 160, 200, 300, 400, 800, 1000, 1200 };

const std::array<double, 8>& breakpoints(AirQuality::Pollutant pollutant)
{
    switch (pollutant) {
    case AirQuality::Pollutant::Pm25:
        return pm25Day;
    case AirQuality::Pollutant::Pm10:
        return pm10Day;
    case AirQuality::Pollutant::No2:
        return no2Hour;
    case AirQuality::Pollutant::O3:
        break;
    }
    return o3Hour;
}
} // namespace

double AirQuality::subIndex(Pollutant pollutant, double concentration)
{
    const auto& bp = breakpoints(pollutant);
    if (!(concentration > 0))
        return 0;
    for (size_t i = 1; i < bp.size(); ++i) {
        if (concentration <= bp[i]) {
            return iaqiLevels[i - 1]
                + (iaqiLevels[i] - iaqiLevels[i - 1]) * (concentration - bp[i - 1]) / (bp[i] - bp[i - 1]);
        }
    }
    return iaqiLevels.back();
}

int AirQuality::aqi(double pm25, double pm10, double no2, double o3)
{
    const double worst = std::max({ subIndex(Pollutant::Pm25, pm25), subIndex(Pollutant::Pm10, pm10),
        subIndex(Pollutant::No2, no2), subIndex(Pollutant::O3, o3) });
    return static_cast<int>(std::ceil(worst - 1e-9));
}

} // namespace citybrain::sim
