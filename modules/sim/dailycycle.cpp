#include "dailycycle.h"

#include "beijingclock.h"

#include <cmath>

namespace citybrain::sim {

namespace {
double bump(double hour, double centre, double width)
{
    const double d = (hour - centre) / width;
    return std::exp(-d * d);
}
double logistic(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}
} // namespace

double DailyCycle::daylight(double hour)
{
    return logistic((hour - 6.5) * 1.6) * logistic((22.0 - hour) * 1.2);
}

double DailyCycle::trafficDemand(double hour, bool weekend)
{
    const double peak = weekend ? 0.2 : 0.45;
    return 0.05 + 0.45 * daylight(hour) + peak * bump(hour, 8.0, 0.8) + peak * 0.95 * bump(hour, 18.0, 0.9);
}

double DailyCycle::particulateFactor(double hour, bool heatingSeason)
{
    const double rush = bump(hour, 8.0, 1.2) + bump(hour, 18.0, 1.3);
    const double evening = (heatingSeason ? 0.5 : 0.1) * (bump(hour, 21.5, 2.2) + bump(hour, -2.5, 2.2));
    const double mixing = 0.18 * bump(hour, 14.5, 2.5); // a deeper boundary layer dilutes at midday
    return 0.8 + 0.22 * rush + evening - mixing;
}

double DailyCycle::particulateBaseline(const QDate& date)
{
    if (BeijingClock::isHeatingSeason(date))
        return 68.0;
    const int month = date.month();
    if (month >= 6 && month <= 8)
        return 26.0;
    return 40.0;
}

double DailyCycle::ozone(double hour, const QDate& date)
{
    const int month = date.month();
    // Strongest photochemistry in June and July, weakest in December and January.
    const double amplitude = 45.0 + 130.0 * (0.5 + 0.5 * std::cos(2.0 * M_PI * (month - 6.5) / 12.0));
    const double sun = hour > 7.0 && hour < 20.0 ? std::pow(std::sin(M_PI * (hour - 7.0) / 13.0), 1.6) : 0.0;
    return 12.0 + amplitude * sun;
}

double DailyCycle::noiseOffset(double hour)
{
    return -11.0 * (1.0 - daylight(hour)) + 3.0 * (bump(hour, 8.0, 1.0) + bump(hour, 18.0, 1.0));
}

double DailyCycle::energyFactor(double hour, const QDate& date)
{
    double factor = 0.52 + 0.22 * daylight(hour) + 0.1 * bump(hour, 10.5, 2.0) + 0.2 * bump(hour, 20.0, 1.8);
    const int month = date.month();
    if (BeijingClock::isHeatingSeason(date))
        factor += 0.08 + 0.06 * bump(hour, 19.5, 3.0);
    else if (month >= 7 && month <= 8)
        factor += 0.12 * bump(hour, 15.0, 3.5); // air conditioning
    return factor;
}

} // namespace citybrain::sim
