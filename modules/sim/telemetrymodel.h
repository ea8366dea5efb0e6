#pragma once

#include "sensorfleet.h"

#include <QRandomGenerator>

namespace citybrain::sim {

// Turns a sensor's traits, the Beijing time of day and seeded noise into readings in the contract's
// units and ranges (docs/topics.md, Telemetry).
class TelemetryModel
{
public:
    // Advances the sensor's noise state, stores and returns the reading at `tsMs`.
    static const std::vector<std::pair<QString, double>>& read(SimSensor& sensor, qint64 tsMs, QRandomGenerator& rng);

    // The traffic congestion index (1 free .. 10 jammed) of a volume/capacity ratio.
    [[nodiscard]] static double congestionIndex(double volumeToCapacity);
    // Congestion index below which a road counts as flowing freely (畅通 or 基本畅通).
    static constexpr double freeFlowLimit = 4.0;
};

} // namespace citybrain::sim
