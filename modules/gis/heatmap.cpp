#include "heatmap.h"

#include "markerset.h"
#include "webmercator.h"

#include <QColor>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <vector>

namespace citybrain {

namespace {

constexpr double earthCircumferenceMeters = 40075016.686;

// Transparent at 0, then blue, cyan, yellow, red; alpha grows with density.
QRgb ramp(double t)
{
    struct Stop
    {
        double at;
        QColor color;
    };
    static const Stop stops[] = { { 0.0, QColor(40, 90, 255) }, { 0.35, QColor(0, 210, 230) },
        { 0.65, QColor(255, 225, 40) }, { 1.0, QColor(255, 45, 30) } };
    const Stop* upper = std::find_if(std::begin(stops), std::end(stops), [t](const Stop& s) { return s.at >= t; });
    if (upper == std::begin(stops))
        upper = std::begin(stops) + 1;
    if (upper == std::end(stops))
        upper = std::end(stops) - 1;
    const Stop& lower = *(upper - 1);
    const double f = std::clamp((t - lower.at) / (upper->at - lower.at), 0.0, 1.0);
    const double alpha = std::min(1.0, 0.15 + t * 1.2) * 0.78;
    const auto mix = [&](int a, int b) { return (a + (b - a) * f) * alpha; };
    return qRgba(qRound(mix(lower.color.red(), upper->color.red())),
        qRound(mix(lower.color.green(), upper->color.green())), qRound(mix(lower.color.blue(), upper->color.blue())),
        qRound(alpha * 255));
}

std::vector<double> gaussianKernel(double sigmaCells)
{
    const int radius = std::max(1, static_cast<int>(std::ceil(3 * sigmaCells)));
    std::vector<double> kernel(static_cast<size_t>(2 * radius + 1));
    for (int i = -radius; i <= radius; ++i)
        kernel[static_cast<size_t>(i + radius)] = std::exp(-0.5 * (i * i) / (sigmaCells * sigmaCells));
    return kernel;
}

} // namespace

HeatImage renderHeat(const MarkerSet& markers, double sigmaMeters, int maxCells)
{
    HeatImage heat;
    if (markers.size() == 0 || sigmaMeters <= 0 || maxCells < 8)
        return heat;
    const QRectF bounds = markers.worldBounds();
    const double lat = WebMercator::toLonLat(bounds.center()).y();
    const double sigmaWorld = sigmaMeters / (earthCircumferenceMeters * std::cos(qDegreesToRadians(lat)));
    const QRectF area = bounds.adjusted(-3 * sigmaWorld, -3 * sigmaWorld, 3 * sigmaWorld, 3 * sigmaWorld);
    // Three cells per sigma, fewer when the extent would need more than maxCells on a side.
    const double cell = std::max(sigmaWorld / 3, std::max(area.width(), area.height()) / maxCells);
    const int columns = std::max(1, static_cast<int>(std::ceil(area.width() / cell)));
    const int rows = std::max(1, static_cast<int>(std::ceil(area.height() / cell)));

    std::vector<double> grid(static_cast<size_t>(columns) * static_cast<size_t>(rows), 0.0);
    for (int i = 0; i < markers.size(); ++i) {
        const QPointF p = (markers.worldAt(i) - area.topLeft()) / cell;
        const int cx = std::clamp(static_cast<int>(p.x()), 0, columns - 1);
        const int cy = std::clamp(static_cast<int>(p.y()), 0, rows - 1);
        grid[static_cast<size_t>(cy) * static_cast<size_t>(columns) + static_cast<size_t>(cx)]
            += 1 + markers.stateAt(i).category;
    }

    // Separable Gaussian blur.
    const std::vector<double> kernel = gaussianKernel(sigmaWorld / cell);
    const int radius = static_cast<int>(kernel.size() / 2);
    std::vector<double> pass(grid.size(), 0.0);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < columns; ++x) {
            double sum = 0;
            for (int k = -radius; k <= radius; ++k) {
                const int xx = x + k;
                if (xx >= 0 && xx < columns)
                    sum += grid[static_cast<size_t>(y * columns + xx)] * kernel[static_cast<size_t>(k + radius)];
            }
            pass[static_cast<size_t>(y * columns + x)] = sum;
        }
    }
    double densest = 0;
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < columns; ++x) {
            double sum = 0;
            for (int k = -radius; k <= radius; ++k) {
                const int yy = y + k;
                if (yy >= 0 && yy < rows)
                    sum += pass[static_cast<size_t>(yy * columns + x)] * kernel[static_cast<size_t>(k + radius)];
            }
            grid[static_cast<size_t>(y * columns + x)] = sum;
            densest = std::max(densest, sum);
        }
    }
    if (densest <= 0)
        return heat;

    heat.image = QImage(columns, rows, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < rows; ++y) {
        auto* line = reinterpret_cast<QRgb*>(heat.image.scanLine(y));
        for (int x = 0; x < columns; ++x) {
            const double t = grid[static_cast<size_t>(y * columns + x)] / densest;
            line[x] = t < 0.04 ? qRgba(0, 0, 0, 0) : ramp(t);
        }
    }
    heat.worldRect = QRectF(area.topLeft(), QSizeF(columns * cell, rows * cell));
    return heat;
}

} // namespace citybrain
