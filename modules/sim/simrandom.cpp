#include "simrandom.h"

#include <cmath>
#include <numeric>

namespace citybrain::sim {

QRandomGenerator makeGenerator(quint64 seed, Stream stream)
{
    const quint32 words[] = { static_cast<quint32>(seed), static_cast<quint32>(seed >> 32),
        static_cast<quint32>(stream), 0x58594342u /* "XYCB" */ };
    return QRandomGenerator(std::begin(words), std::end(words));
}

QRandomGenerator makeGenerator(quint64 seed, Stream stream, quint32 salt)
{
    const quint32 words[] = { static_cast<quint32>(seed), static_cast<quint32>(seed >> 32),
        static_cast<quint32>(stream), 0x58594342u /* "XYCB" */, salt };
    return QRandomGenerator(std::begin(words), std::end(words));
}

double gaussian(QRandomGenerator& rng)
{
    double u1 = rng.generateDouble();
    while (u1 <= 1e-300)
        u1 = rng.generateDouble();
    const double u2 = rng.generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double exponential(QRandomGenerator& rng, double mean)
{
    return -mean * std::log(1.0 - rng.generateDouble());
}

double uniform(QRandomGenerator& rng, double low, double high)
{
    return low + (high - low) * rng.generateDouble();
}

int pickWeighted(QRandomGenerator& rng, const std::vector<double>& weights)
{
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double x = rng.generateDouble() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
        x -= weights[i];
        if (x < 0)
            return static_cast<int>(i);
    }
    return static_cast<int>(weights.size()) - 1;
}

int poisson(QRandomGenerator& rng, double mean)
{
    const double limit = std::exp(-mean);
    double product = rng.generateDouble();
    int count = 0;
    while (product > limit) {
        ++count;
        product *= rng.generateDouble();
    }
    return count;
}

} // namespace citybrain::sim
