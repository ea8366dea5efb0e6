#include "downsample.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace citybrain {

M4Accumulator::M4Accumulator(double fromX, double toX, int pixelWidth)
    : m_fromX(fromX)
    , m_toX(toX)
    , m_span(toX - fromX)
    , m_pixelWidth(pixelWidth)
    , m_valid(
          pixelWidth >= 1 && std::isfinite(fromX) && std::isfinite(toX) && toX >= fromX && std::isfinite(toX - fromX))
{ }

int M4Accumulator::column(double x) const
{
    if (!m_valid || !(x >= m_fromX && x <= m_toX))
        return -1;
    if (m_span <= 0.0)
        return 0;
    // (x - fromX) <= span, so the quotient is <= pixelWidth; multiplying first keeps integer borders exact.
    const double position = (x - m_fromX) * static_cast<double>(m_pixelWidth) / m_span;
    const int col = static_cast<int>(position);
    return std::min(col, m_pixelWidth - 1);
}

void M4Accumulator::add(double x, double y)
{
    if (!std::isfinite(y))
        return;
    const int col = column(x);
    if (col < 0)
        return;
    const Slot slot { x, y, m_seq++ };
    if (col != m_column) {
        flush();
        m_column = col;
        m_first = m_last = m_min = m_max = slot;
        return;
    }
    m_last = slot;
    if (y < m_min.y)
        m_min = slot;
    if (y > m_max.y)
        m_max = slot;
}

void M4Accumulator::add(const RollupRow& row)
{
    std::array<QPointF, 4> points { QPointF(row.startX, row.first), QPointF(row.minX, row.min),
        QPointF(row.maxX, row.max), QPointF(row.endX, row.last) };
    if (row.maxX < row.minX)
        std::swap(points[1], points[2]);
    // Tolerate rows whose times are out of order rather than feeding x backwards.
    std::stable_sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0 && points[i].x() == points[i - 1].x() && points[i].y() == points[i - 1].y())
            continue;
        add(points[i].x(), points[i].y());
    }
}

void M4Accumulator::flush()
{
    if (m_column < 0)
        return;
    std::array<Slot, 4> kept { m_first, m_min, m_max, m_last };
    std::sort(kept.begin(), kept.end(), [](const Slot& a, const Slot& b) { return a.seq < b.seq; });
    std::int64_t previous = -1;
    for (const Slot& slot : kept) {
        if (slot.seq == previous)
            continue;
        previous = slot.seq;
        m_out.emplace_back(slot.x, slot.y);
    }
    m_column = -1;
}

std::vector<QPointF> M4Accumulator::take()
{
    flush();
    m_seq = 0;
    std::vector<QPointF> out;
    out.swap(m_out);
    return out;
}

std::vector<QPointF> m4(const std::vector<QPointF>& points, double fromX, double toX, int pixelWidth)
{
    M4Accumulator accumulator(fromX, toX, pixelWidth);
    for (const QPointF& point : points)
        accumulator.add(point.x(), point.y());
    return accumulator.take();
}

std::vector<QPointF> m4(const std::vector<RollupRow>& rows, double fromX, double toX, int pixelWidth)
{
    M4Accumulator accumulator(fromX, toX, pixelWidth);
    for (const RollupRow& row : rows)
        accumulator.add(row);
    return accumulator.take();
}

std::vector<QPointF> lttb(const std::vector<QPointF>& points, int threshold)
{
    const std::size_t n = points.size();
    if (threshold < 3 || static_cast<std::size_t>(threshold) >= n)
        return points;

    std::vector<QPointF> out;
    out.reserve(static_cast<std::size_t>(threshold));
    out.push_back(points.front());

    // The n - 2 inner points are split into threshold - 2 buckets; bucket b is [begin(b), begin(b + 1)).
    const double every = static_cast<double>(n - 2) / static_cast<double>(threshold - 2);
    const auto begin = [&](int bucket) {
        if (bucket >= threshold - 2)
            return n - 1;
        return std::min(n - 1, static_cast<std::size_t>(std::floor(bucket * every)) + 1);
    };

    std::size_t a = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        // Average of the next bucket (the last point for the last bucket).
        const std::size_t nextBegin = begin(bucket + 1);
        const std::size_t nextEnd = bucket + 2 < threshold - 1 ? begin(bucket + 2) : n;
        double avgX = 0.0;
        double avgY = 0.0;
        for (std::size_t i = nextBegin; i < nextEnd; ++i) {
            avgX += points[i].x();
            avgY += points[i].y();
        }
        const double count = static_cast<double>(nextEnd - nextBegin);
        avgX /= count;
        avgY /= count;

        const double ax = points[a].x();
        const double ay = points[a].y();
        std::size_t chosen = begin(bucket);
        double largest = -1.0;
        for (std::size_t i = begin(bucket); i < nextBegin; ++i) {
            // Twice the triangle's area; the factor does not change the choice.
            const double area = std::abs((ax - avgX) * (points[i].y() - ay) - (ax - points[i].x()) * (avgY - ay));
            if (area > largest) {
                largest = area;
                chosen = i;
            }
        }
        out.push_back(points[chosen]);
        a = chosen;
    }
    out.push_back(points.back());
    return out;
}

} // namespace citybrain
