#pragma once

#include <QRandomGenerator>

#include <vector>

namespace citybrain::sim {

// Seeded random streams. Each part of the simulator draws from its own stream, so adding sensors does
// not change the incident sequence and vice versa. Never the global generator.
enum class Stream : quint32 {
    Fleet = 1,
    Telemetry = 2,
    Incidents = 3,
    Indicators = 4,
    Dispatch = 5,
    Gauges = 6, // the water gauges' station lines
    Episodes = 7, // how each sensor responds to an episode
    Cameras = 8, // where the cameras of the camera layer stand
};

[[nodiscard]] QRandomGenerator makeGenerator(quint64 seed, Stream stream);
// A sub-stream: the same seed and stream with another salt give an independent sequence.
[[nodiscard]] QRandomGenerator makeGenerator(quint64 seed, Stream stream, quint32 salt);

// Standard normal deviate (Box-Muller).
[[nodiscard]] double gaussian(QRandomGenerator& rng);
// Exponentially distributed waiting time with the given mean.
[[nodiscard]] double exponential(QRandomGenerator& rng, double mean);
// Uniform in [low, high).
[[nodiscard]] double uniform(QRandomGenerator& rng, double low, double high);
// Index drawn with probability proportional to its weight; weights must not all be zero.
[[nodiscard]] int pickWeighted(QRandomGenerator& rng, const std::vector<double>& weights);
// Poisson-distributed count (Knuth; for small means).
[[nodiscard]] int poisson(QRandomGenerator& rng, double mean);

} // namespace citybrain::sim
