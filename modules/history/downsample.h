#pragma once

// Downsampling for charts: whatever the range, a chart receives at most 4 points per pixel column.
//
// - m4() keeps, for each of pixelWidth equal columns over [fromX, toX], the first, last, min and max point of
//   that column (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014). Drawn as
//   a polyline at that width the result covers exactly the same y range in every pixel column as the full
//   series, so a line chart is error-free; it keeps every extreme.
// - lttb() (Largest-Triangle-Three-Buckets, Steinarsson 2013) picks a fixed number of visually significant
//   points; use it for sparklines and scatter-like views where a fixed count matters more than exact extremes.
// - m4() on RollupRow applies the same selection to pre-aggregated rollup buckets (1-minute, 1-hour), so long
//   ranges never read raw points.
// - M4Accumulator is the streaming form of m4(): feed points (or rollup rows) one by one, e.g. while stepping
//   through an SQLite result, and take() the result. Memory is O(output), never O(input).
//
// Column of a point: floor((x - fromX) * pixelWidth / (toX - fromX)), the point at toX in the last column. It is
// monotone in x, so sorted input fills the columns in order, and a point exactly on a column border (integer
// epoch ms with an integer quotient) falls in the column on its right. If toX == fromX there is one column.
//
// All functions are pure, allocate only their result and are safe to call from any thread.

#include <QPointF>

#include <cstdint>
#include <vector>

namespace citybrain {

// One rollup bucket, as stored by the store's 1-minute and 1-hour tables.
// startX/endX are the times of the bucket's first and last values (the first/last sample times). If only the
// bucket's bounds are known, pass those: the values are still real, their times are then off by at most one
// bucket. minX/maxX are the times of the min and max values.
struct RollupRow
{
    double startX;
    double endX;
    double first;
    double last;
    double min;
    double max;
    double minX;
    double maxX;
};

// Points sorted by x (epoch ms as double); y finite. Both functions keep the input order and never invent points.
// M4: for each of pixelWidth equal columns over [fromX, toX], keep the first, last, min and max point of that column
// (deduplicated, in x order). Lossless for line rasterisation at that width. Points outside [fromX, toX] are
// ignored, as are points whose x or y is not finite. Returns nothing if pixelWidth < 1 or toX < fromX.
// Ties: the first point (in input order) holding the min or max is the one kept.
[[nodiscard]] std::vector<QPointF> m4(const std::vector<QPointF>& points, double fromX, double toX, int pixelWidth);

// Largest-Triangle-Three-Buckets to `threshold` points (keeps first and last); returns the input if threshold >= size
// or < 3. Otherwise returns exactly `threshold` points, a subsequence of the input.
[[nodiscard]] std::vector<QPointF> lttb(const std::vector<QPointF>& points, int threshold);

// The same M4 on pre-aggregated rollup rows (one row per bucket with min, max, first, last and their times), so a
// long range read from 1-minute or 1-hour rollups gives the same guarantees without raw points.
// Rows sorted by startX. Each row stands for its up to four points (startX, first), (minX, min), (maxX, max),
// (endX, last) in x order; those points go through M4 like raw points (each in its own column, ignored outside
// [fromX, toX]). The result is therefore a subsequence of the raw series whenever the rows carry real sample times.
// Per column it equals raw M4's min and max exactly when no bucket straddles a column border (e.g. 1-minute rows
// with columns a whole number of minutes wide, starting on a minute); a straddling bucket's extreme is shown in the
// column that holds its time, so the neighbouring column can show less than the raw series there, never more.
[[nodiscard]] std::vector<QPointF> m4(const std::vector<RollupRow>& rows, double fromX, double toX, int pixelWidth);

// Streaming M4 over one range and width: add() points (or rows) in x order, then take() the result. Gives exactly
// what m4() gives for the same input; m4() is implemented with it. Not thread-safe (one reader at a time).
//
//     M4Accumulator acc(from, to, widthPx);
//     while (query.next())
//         acc.add(query.value(0).toDouble(), query.value(1).toDouble());
//     const std::vector<QPointF> points = acc.take();
class M4Accumulator
{
public:
    M4Accumulator(double fromX, double toX, int pixelWidth);

    void add(double x, double y);
    void add(const QPointF& point) { add(point.x(), point.y()); }
    void add(const RollupRow& row);

    // The column of x, or -1 if x is outside [fromX, toX] (or the accumulator has no columns).
    [[nodiscard]] int column(double x) const;
    [[nodiscard]] int pixelWidth() const { return m_pixelWidth; }

    // Closes the open column and returns the kept points; the accumulator is then empty, ready for another series
    // over the same range.
    [[nodiscard]] std::vector<QPointF> take();

private:
    struct Slot
    {
        double x = 0.0;
        double y = 0.0;
        std::int64_t seq = -1;
    };

    void flush();

    double m_fromX;
    double m_toX;
    double m_span;
    int m_pixelWidth;
    bool m_valid;
    std::int64_t m_seq = 0;
    int m_column = -1;
    Slot m_first;
    Slot m_last;
    Slot m_min;
    Slot m_max;
    std::vector<QPointF> m_out;
};

} // namespace citybrain
