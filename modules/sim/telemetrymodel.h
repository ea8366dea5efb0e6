#pragma once

#include "sensorfleet.h"

#include <QRandomGenerator>

namespace citybrain::sim {

// What the episodes running at a reading's time do to one sensor (EpisodePlan::at); nothing by default.
struct Disturbance
{
    double levelRise = 0; // water: metres added to the gauge's level
    double haze = 0; // air: 0..1, how far PM2.5 has moved from its normal value to hazePm25
    double hazePm25 = 0; // air: the PM2.5 (µg/m³) the pollution episode drives the sensor to
    double jam = 0; // traffic: 0..1, how far the road has moved from its normal demand to jamVc
    double jamVc = 0; // traffic: the volume/capacity ratio the jam drives the road to
    double jamSlowdown = 0; // traffic: share of the speed lost on top of the demand's effect, at jam = 1

    [[nodiscard]] bool isNone() const { return levelRise == 0 && haze == 0 && jam == 0; }
};

// Turns a sensor's traits, the Beijing time of day and seeded noise into readings in the contract's
// units and ranges (docs/topics.md, Telemetry).
class TelemetryModel
{
public:
    // Advances the sensor's noise state, stores and returns the reading at `tsMs`. A disturbance moves the
    // reading without drawing from `rng`, so episodes do not change the rest of the stream.
    static const std::vector<std::pair<QString, double>>& read(
        SimSensor& sensor, qint64 tsMs, QRandomGenerator& rng, const Disturbance& disturbance = {});

    // The traffic congestion index (1 free .. 10 jammed) of a volume/capacity ratio.
    [[nodiscard]] static double congestionIndex(double volumeToCapacity);
    // Congestion index below which a road counts as flowing freely (畅通 or 基本畅通).
    static constexpr double freeFlowLimit = 4.0;

    // A gauge's level at `tsMs` without noise or episodes: datum, flood season (汛期, July to September,
    // floodSeasonRise higher) and its slow three-day swing.
    [[nodiscard]] static double normalLevel(const SimSensor& gauge, qint64 tsMs);
    // The highest level the gauge can publish in a year without episodes.
    [[nodiscard]] static double normalLevelMax(const SimSensor& gauge);
    static constexpr double floodSeasonRise = 0.8; // m
    static constexpr double levelNoiseMax = 0.12; // m: 0.04 m per unit of the clamped (+-3) noise state
};

} // namespace citybrain::sim
