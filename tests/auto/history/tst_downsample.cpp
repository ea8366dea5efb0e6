#include "downsample.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

using namespace citybrain;

// QVERIFY2 formats its message even when the check passes, which dominates loops over thousands of columns; this
// formats it only on failure.
#define VERIFY_LAZY(condition, message)                                                                                \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            QFAIL(message);                                                                                            \
    } while (false)

namespace {

// The shapes of series the property tests run over; every test function runs each shape on many seeded cases.
enum class Shape {
    RandomWalk, // irregular sampling, a drifting value
    Spikes, // flat noise with rare huge spikes either way
    ConstantRuns, // long runs of equal values: ties for min and max everywhere
    Gaps, // long silences, so many columns hold no point
    DuplicateX, // many points share a timestamp (some identical points)
    BorderPoints, // points exactly on column borders and on both ends of the range
    SinglePoint,
    Empty,
};

constexpr double kEpoch = 1.7e12; // epoch ms, so the tests see realistic magnitudes
constexpr int kCasesPerShape = 150;

struct Case
{
    std::vector<QPointF> points;
    double fromX = 0.0;
    double toX = 0.0;
    int width = 1;
    quint32 seed = 0;
};

QString describe(const Case& c)
{
    return QStringLiteral("[seed %1, %2 points, width %3, range %4..%5] ")
        .arg(c.seed)
        .arg(c.points.size())
        .arg(c.width)
        .arg(c.fromX, 0, 'f', 3)
        .arg(c.toX, 0, 'f', 3);
}

int randomWidth(QRandomGenerator& rng)
{
    switch (rng.bounded(5)) {
    case 0:
        return 1;
    case 1:
        return rng.bounded(2, 8);
    case 2:
        return rng.bounded(8, 200);
    default:
        return rng.bounded(200, 3000);
    }
}

Case makeCase(Shape shape, quint32 seed)
{
    QRandomGenerator rng(seed);
    Case c;
    c.seed = seed;
    c.width = randomWidth(rng);

    if (shape == Shape::BorderPoints) {
        // Integer column width, so every border fromX + k * columnWidth is an exact double.
        const int columnWidth = rng.bounded(1, 50);
        c.fromX = kEpoch + rng.bounded(1000);
        c.toX = c.fromX + double(c.width) * columnWidth;
        for (int k = 0; k <= c.width; ++k) {
            const double border = c.fromX + double(k) * columnWidth;
            if (rng.bounded(3) != 0)
                c.points.emplace_back(border, rng.bounded(-100, 100));
            if (k < c.width && columnWidth > 1 && rng.bounded(2) == 0)
                c.points.emplace_back(border + rng.bounded(1, columnWidth), rng.bounded(-100, 100));
        }
        return c;
    }

    int n = 0;
    switch (shape) {
    case Shape::SinglePoint:
        n = 1;
        break;
    case Shape::Empty:
        n = 0;
        break;
    default:
        n = rng.bounded(2, 3000);
        break;
    }

    double x = kEpoch + rng.bounded(100000);
    double y = rng.bounded(-1000, 1000);
    double runValue = 0.0;
    int runLeft = 0;
    for (int i = 0; i < n; ++i) {
        switch (shape) {
        case Shape::RandomWalk:
            x += rng.bounded(1, 2000);
            y += (rng.generateDouble() - 0.5) * 10.0;
            break;
        case Shape::Spikes:
            x += rng.bounded(1, 1000);
            y = rng.generateDouble();
            if (rng.bounded(100) == 0)
                y = (rng.bounded(2) == 0 ? 1.0 : -1.0) * (1e3 + rng.bounded(1e6));
            break;
        case Shape::ConstantRuns:
            x += rng.bounded(1, 1000);
            if (runLeft-- <= 0) {
                runLeft = rng.bounded(1, 200);
                runValue = double(rng.bounded(-2, 3));
            }
            y = runValue;
            break;
        case Shape::Gaps:
            x += rng.bounded(20) == 0 ? rng.bounded(100000, 10000000) : rng.bounded(1, 1000);
            y += (rng.generateDouble() - 0.5) * 10.0;
            break;
        case Shape::DuplicateX:
            x += rng.bounded(0, 3);
            if (rng.bounded(3) != 0)
                y = double(rng.bounded(-5, 5));
            break;
        case Shape::SinglePoint:
        case Shape::Empty:
        case Shape::BorderPoints:
            break;
        }
        c.points.emplace_back(x, y);
    }

    // The range: the whole series, a window inside it, or one reaching past it on either side.
    const double lo = c.points.empty() ? kEpoch : c.points.front().x();
    const double hi = c.points.empty() ? kEpoch + 1000.0 : c.points.back().x();
    const double span = std::max(hi - lo, 1.0);
    switch (rng.bounded(4)) {
    case 0:
        c.fromX = lo;
        c.toX = hi;
        break;
    case 1:
        c.fromX = lo + std::floor(rng.generateDouble() * span * 0.5);
        c.toX = c.fromX + std::ceil(rng.generateDouble() * span * 0.5);
        break;
    case 2:
        c.fromX = lo - std::floor(rng.generateDouble() * span);
        c.toX = hi + std::floor(rng.generateDouble() * span);
        break;
    default:
        c.fromX = lo + std::floor(rng.generateDouble() * span);
        c.toX = c.fromX + span;
        break;
    }
    if (c.toX <= c.fromX)
        c.toX = c.fromX + 1.0;
    return c;
}

void forEachCase(Shape shape, const std::function<void(const Case&)>& test)
{
    for (int i = 0; i < kCasesPerShape; ++i) {
        test(makeCase(shape, 20240604u + 1000u * quint32(shape) + quint32(i)));
        if (QTest::currentTestFailed())
            return;
    }
}

bool samePoint(const QPointF& a, const QPointF& b)
{
    return a.x() == b.x() && a.y() == b.y();
}

QString pointText(const QPointF& p)
{
    return QStringLiteral("(%1, %2)").arg(p.x(), 0, 'f', 3).arg(p.y(), 0, 'g', 17);
}

std::vector<QPointF> inRange(const std::vector<QPointF>& points, double fromX, double toX)
{
    std::vector<QPointF> out;
    std::copy_if(points.begin(), points.end(), std::back_inserter(out),
        [&](const QPointF& p) { return p.x() >= fromX && p.x() <= toX; });
    return out;
}

// Empty if `sub` is a subsequence of `all` (same points, same order), else the first point that is not.
QString subsequenceError(const std::vector<QPointF>& all, const std::vector<QPointF>& sub)
{
    std::size_t j = 0;
    for (std::size_t i = 0; i < all.size() && j < sub.size(); ++i) {
        if (samePoint(all[i], sub[j]))
            ++j;
    }
    if (j == sub.size())
        return {};
    return QStringLiteral("output point %1 %2 is not from the input (in order)").arg(j).arg(pointText(sub[j]));
}

// First, last, min and max of one column, by value, in input order (ties: the first one).
struct ColumnStats
{
    bool any = false;
    QPointF first;
    QPointF last;
    double min = 0.0;
    double max = 0.0;
};

std::vector<ColumnStats> columnStats(const std::vector<QPointF>& points, const M4Accumulator& columns)
{
    std::vector<ColumnStats> stats(std::size_t(std::max(columns.pixelWidth(), 0)));
    for (const QPointF& p : points) {
        const int col = columns.column(p.x());
        if (col < 0)
            continue;
        ColumnStats& s = stats[std::size_t(col)];
        if (!s.any) {
            s.any = true;
            s.first = p;
            s.min = s.max = p.y();
        }
        s.last = p;
        s.min = std::min(s.min, p.y());
        s.max = std::max(s.max, p.y());
    }
    return stats;
}

// The y range a polyline through `points` (in range, sorted) covers in each pixel column, as a line renderer
// would draw it: the points themselves, plus each segment clipped to the columns it crosses.
struct YRange
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double y)
    {
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    }
};

std::vector<YRange> rasterise(const std::vector<QPointF>& points, const Case& c, const M4Accumulator& columns)
{
    std::vector<YRange> ranges(std::size_t(c.width));
    const std::vector<QPointF> pts = inRange(points, c.fromX, c.toX);
    for (const QPointF& p : pts)
        ranges[std::size_t(columns.column(p.x()))].add(p.y());
    const auto border = [&](int k) { return c.fromX + (c.toX - c.fromX) * k / c.width; };
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const QPointF a = pts[i - 1];
        const QPointF b = pts[i];
        const int ca = columns.column(a.x());
        const int cb = columns.column(b.x());
        if (ca == cb)
            continue; // inside one column: its ends are already counted
        const auto at = [&](double x) {
            x = std::clamp(x, a.x(), b.x());
            return a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
        };
        for (int col = ca; col <= cb; ++col) {
            ranges[std::size_t(col)].add(at(col == ca ? a.x() : border(col)));
            ranges[std::size_t(col)].add(at(col == cb ? b.x() : border(col + 1)));
        }
    }
    return ranges;
}

// Rollup rows built from raw points, one per `bucketWidth` bucket from `origin`, with real sample times.
std::vector<RollupRow> rollUp(const std::vector<QPointF>& points, double origin, double bucketWidth)
{
    std::vector<RollupRow> rows;
    double currentBucket = std::numeric_limits<double>::quiet_NaN();
    for (const QPointF& p : points) {
        const double bucket = std::floor((p.x() - origin) / bucketWidth);
        if (rows.empty() || bucket != currentBucket) {
            currentBucket = bucket;
            rows.push_back({ p.x(), p.x(), p.y(), p.y(), p.y(), p.y(), p.x(), p.x() });
            continue;
        }
        RollupRow& row = rows.back();
        row.endX = p.x();
        row.last = p.y();
        if (p.y() < row.min) {
            row.min = p.y();
            row.minX = p.x();
        }
        if (p.y() > row.max) {
            row.max = p.y();
            row.maxX = p.x();
        }
    }
    return rows;
}

// Per-column min and max of a downsampled output (columns with no point stay empty).
std::vector<YRange> columnMinMax(const std::vector<QPointF>& points, const M4Accumulator& columns)
{
    std::vector<YRange> ranges(std::size_t(columns.pixelWidth()));
    for (const QPointF& p : points) {
        const int col = columns.column(p.x());
        if (col >= 0)
            ranges[std::size_t(col)].add(p.y());
    }
    return ranges;
}

// Raw points every 1..3 s over [fromX, toX] with an occasional spike, integer ms.
std::vector<QPointF> secondsSeries(QRandomGenerator& rng, double fromX, double toX)
{
    std::vector<QPointF> points;
    double y = 0.0;
    for (double x = fromX + rng.bounded(3000); x <= toX; x += 1000.0 * rng.bounded(1, 4)) {
        y += rng.generateDouble() - 0.5;
        points.emplace_back(x, rng.bounded(200) == 0 ? y + 1000.0 * (rng.generateDouble() - 0.5) : y);
    }
    return points;
}

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT

private slots:
    // M4 properties, each over every shape of series.
    void m4_outputIsSubsequenceOfInput_data() { shapes(); }
    void m4_outputIsSubsequenceOfInput();
    void m4_keepsXOrder_data() { shapes(); }
    void m4_keepsXOrder();
    void m4_atMostFourPointsPerColumn_data() { shapes(); }
    void m4_atMostFourPointsPerColumn();
    void m4_keepsEveryColumnsFirstLastMinMax_data() { shapes(); }
    void m4_keepsEveryColumnsFirstLastMinMax();
    void m4_keepsGlobalExtremesAndEndsOfRange_data() { shapes(); }
    void m4_keepsGlobalExtremesAndEndsOfRange();
    void m4_rasterisesLikeTheInput_data() { shapes(); }
    void m4_rasterisesLikeTheInput();
    void m4_accumulatorGivesTheSameAsBatch_data() { shapes(); }
    void m4_accumulatorGivesTheSameAsBatch();

    // M4 edges.
    void m4_emptyInputGivesNothing();
    void m4_noColumnsOrReversedRangeGivesNothing();
    void m4_ignoresPointsOutsideTheRange();
    void m4_pointOnAColumnBorderBelongsToTheRightColumn();
    void m4_pointAtToXBelongsToTheLastColumn();
    void m4_zeroSpanRangeIsOneColumn();
    void m4_ignoresNonFiniteValues();
    void m4_identicalRunKeepsFirstAndLast();
    void m4_keepsTheFirstOfTiedExtremes();

    // LTTB.
    void lttb_keepsFirstAndLast_data() { shapes(); }
    void lttb_keepsFirstAndLast();
    void lttb_returnsExactlyThresholdPoints_data() { shapes(); }
    void lttb_returnsExactlyThresholdPoints();
    void lttb_outputIsOrderedSubsequence_data() { shapes(); }
    void lttb_outputIsOrderedSubsequence();
    void lttb_returnsInputWhenThresholdOutOfRange();
    void lttb_keepsAHugeSpike();

    // M4 on rollup rows.
    void rollupM4_matchesRawColumnMinMaxWhenBucketsAlign();
    void rollupM4_neverShowsMoreThanRawPerColumn();
    void rollupM4_isSubsequenceOfRaw();
    void rollupM4_atMostFourPointsPerColumn();
    void rollupM4_ignoresRowsOutsideTheRange();

private:
    static void shapes();
};

void TestDownsample::shapes()
{
    QTest::addColumn<Shape>("shape");
    QTest::newRow("random walk") << Shape::RandomWalk;
    QTest::newRow("spikes") << Shape::Spikes;
    QTest::newRow("constant runs") << Shape::ConstantRuns;
    QTest::newRow("gaps") << Shape::Gaps;
    QTest::newRow("duplicate x") << Shape::DuplicateX;
    QTest::newRow("points on column borders") << Shape::BorderPoints;
    QTest::newRow("single point") << Shape::SinglePoint;
    QTest::newRow("empty") << Shape::Empty;
}

void TestDownsample::m4_outputIsSubsequenceOfInput()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> out = m4(c.points, c.fromX, c.toX, c.width);
        const QString error = subsequenceError(inRange(c.points, c.fromX, c.toX), out);
        VERIFY_LAZY(error.isEmpty(), qPrintable(describe(c) + error));
    });
}

void TestDownsample::m4_keepsXOrder()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> out = m4(c.points, c.fromX, c.toX, c.width);
        const auto disorder = std::adjacent_find(
            out.begin(), out.end(), [](const QPointF& a, const QPointF& b) { return b.x() < a.x(); });
        if (disorder != out.end())
            QFAIL(qPrintable(describe(c) + QStringLiteral("x goes back after ") + pointText(*disorder)));
    });
}

void TestDownsample::m4_atMostFourPointsPerColumn()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> out = m4(c.points, c.fromX, c.toX, c.width);
        const M4Accumulator columns(c.fromX, c.toX, c.width);
        std::vector<int> counts(std::size_t(c.width), 0);
        for (const QPointF& p : out) {
            const int col = columns.column(p.x());
            VERIFY_LAZY(col >= 0, qPrintable(describe(c) + QStringLiteral("point outside the range ") + pointText(p)));
            VERIFY_LAZY(++counts[std::size_t(col)] <= 4,
                qPrintable(describe(c) + QStringLiteral("more than 4 points in column %1").arg(col)));
        }
        QVERIFY(out.size() <= std::size_t(4 * c.width));
    });
}

void TestDownsample::m4_keepsEveryColumnsFirstLastMinMax()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> out = m4(c.points, c.fromX, c.toX, c.width);
        const M4Accumulator columns(c.fromX, c.toX, c.width);
        const std::vector<ColumnStats> in = columnStats(c.points, columns);
        const std::vector<ColumnStats> kept = columnStats(out, columns);
        for (int col = 0; col < c.width; ++col) {
            const ColumnStats& a = in[std::size_t(col)];
            const ColumnStats& b = kept[std::size_t(col)];
            const QString where = describe(c) + QStringLiteral("column %1: ").arg(col);
            VERIFY_LAZY(a.any == b.any,
                qPrintable(where + QStringLiteral("kept points %1, input points %2").arg(b.any).arg(a.any)));
            if (!a.any)
                continue;
            VERIFY_LAZY(samePoint(a.first, b.first), qPrintable(where + "first " + pointText(a.first) + " lost"));
            VERIFY_LAZY(samePoint(a.last, b.last), qPrintable(where + "last " + pointText(a.last) + " lost"));
            VERIFY_LAZY(a.min == b.min, qPrintable(where + QStringLiteral("min %1, kept %2").arg(a.min).arg(b.min)));
            VERIFY_LAZY(a.max == b.max, qPrintable(where + QStringLiteral("max %1, kept %2").arg(a.max).arg(b.max)));
        }
    });
}

void TestDownsample::m4_keepsGlobalExtremesAndEndsOfRange()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> in = inRange(c.points, c.fromX, c.toX);
        const std::vector<QPointF> out = m4(c.points, c.fromX, c.toX, c.width);
        QCOMPARE(out.empty(), in.empty());
        if (in.empty())
            return;
        const auto byY = [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); };
        VERIFY_LAZY(samePoint(out.front(), in.front()), qPrintable(describe(c) + "first in range lost"));
        VERIFY_LAZY(samePoint(out.back(), in.back()), qPrintable(describe(c) + "last in range lost"));
        VERIFY_LAZY(
            std::min_element(out.begin(), out.end(), byY)->y() == std::min_element(in.begin(), in.end(), byY)->y(),
            qPrintable(describe(c) + "global min lost"));
        VERIFY_LAZY(
            std::max_element(out.begin(), out.end(), byY)->y() == std::max_element(in.begin(), in.end(), byY)->y(),
            qPrintable(describe(c) + "global max lost"));
    });
}

void TestDownsample::m4_rasterisesLikeTheInput()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const M4Accumulator columns(c.fromX, c.toX, c.width);
        const std::vector<YRange> full = rasterise(c.points, c, columns);
        const std::vector<YRange> reduced = rasterise(m4(c.points, c.fromX, c.toX, c.width), c, columns);
        for (int col = 0; col < c.width; ++col) {
            const YRange& a = full[std::size_t(col)];
            const YRange& b = reduced[std::size_t(col)];
            VERIFY_LAZY(a.lo == b.lo && a.hi == b.hi,
                qPrintable(describe(c)
                    + QStringLiteral("column %1 drawn %2..%3, full series %4..%5")
                          .arg(col)
                          .arg(b.lo, 0, 'g', 17)
                          .arg(b.hi, 0, 'g', 17)
                          .arg(a.lo, 0, 'g', 17)
                          .arg(a.hi, 0, 'g', 17)));
        }
    });
}

void TestDownsample::m4_accumulatorGivesTheSameAsBatch()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        const std::vector<QPointF> batch = m4(c.points, c.fromX, c.toX, c.width);
        M4Accumulator accumulator(c.fromX, c.toX, c.width);
        for (int round = 0; round < 2; ++round) { // the second round checks take() leaves it empty and reusable
            for (const QPointF& p : c.points)
                accumulator.add(p);
            const std::vector<QPointF> streamed = accumulator.take();
            VERIFY_LAZY(streamed.size() == batch.size()
                    && std::equal(streamed.begin(), streamed.end(), batch.begin(), samePoint),
                qPrintable(describe(c) + QStringLiteral("round %1 differs").arg(round)));
        }
    });
}

void TestDownsample::m4_emptyInputGivesNothing()
{
    QVERIFY(m4(std::vector<QPointF> {}, 0.0, 1000.0, 100).empty());
}

void TestDownsample::m4_noColumnsOrReversedRangeGivesNothing()
{
    const std::vector<QPointF> points { { 1.0, 1.0 }, { 2.0, 5.0 }, { 3.0, 2.0 } };
    QVERIFY(m4(points, 0.0, 10.0, 0).empty());
    QVERIFY(m4(points, 0.0, 10.0, -5).empty());
    QVERIFY(m4(points, 10.0, 0.0, 100).empty());
    QVERIFY(m4(points, std::numeric_limits<double>::quiet_NaN(), 10.0, 100).empty());
}

void TestDownsample::m4_ignoresPointsOutsideTheRange()
{
    const std::vector<QPointF> points { { 0.0, -100.0 }, { 10.0, 1.0 }, { 15.0, 2.0 }, { 20.0, 3.0 }, { 30.0, 100.0 } };
    const std::vector<QPointF> out = m4(points, 10.0, 20.0, 1);
    const std::vector<QPointF> expected { { 10.0, 1.0 }, { 20.0, 3.0 } };
    QCOMPARE(out.size(), expected.size());
    QVERIFY(std::equal(out.begin(), out.end(), expected.begin(), samePoint));
}

void TestDownsample::m4_pointOnAColumnBorderBelongsToTheRightColumn()
{
    // Integer epoch ms, integer column widths (e.g. 24 h over 2,000 px: 43.2 s): every border is exact.
    struct Layout
    {
        double span;
        int width;
    };
    for (const Layout layout : { Layout { 86400000.0, 2000 }, Layout { 604800000.0, 1920 }, Layout { 3600000.0, 1000 },
             Layout { 86400000.0, 3 }, Layout { 77777.0 * 1234, 1234 } }) {
        const double fromX = kEpoch + 12345.0;
        const M4Accumulator columns(fromX, fromX + layout.span, layout.width);
        const double columnWidth = layout.span / layout.width;
        for (int k = 0; k < layout.width; ++k) {
            const double border = fromX + columnWidth * k;
            VERIFY_LAZY(columns.column(border) == k,
                qPrintable(QStringLiteral("width %1: border of column %2 in %3")
                               .arg(layout.width)
                               .arg(k)
                               .arg(columns.column(border))));
            if (k > 0)
                VERIFY_LAZY(columns.column(border - 1.0) == k - 1,
                    qPrintable(QStringLiteral("width %1: 1 ms before column %2 in %3")
                                   .arg(layout.width)
                                   .arg(k)
                                   .arg(columns.column(border - 1.0))));
        }
        QCOMPARE(columns.column(fromX - 1.0), -1);
        QCOMPARE(columns.column(fromX + layout.span + 1.0), -1);
    }
}

void TestDownsample::m4_pointAtToXBelongsToTheLastColumn()
{
    const M4Accumulator columns(0.0, 1000.0, 10);
    QCOMPARE(columns.column(1000.0), 9);
    const std::vector<QPointF> points { { 950.0, 5.0 }, { 1000.0, 7.0 } };
    const std::vector<QPointF> out = m4(points, 0.0, 1000.0, 10);
    QCOMPARE(out.size(), std::size_t(2));
    QVERIFY(samePoint(out.back(), QPointF(1000.0, 7.0)));
}

void TestDownsample::m4_zeroSpanRangeIsOneColumn()
{
    const std::vector<QPointF> points { { 4.0, 0.0 }, { 5.0, 3.0 }, { 5.0, -1.0 }, { 5.0, 9.0 }, { 5.0, 2.0 },
        { 5.0, 4.0 }, { 6.0, 100.0 } };
    const std::vector<QPointF> out = m4(points, 5.0, 5.0, 300);
    const std::vector<QPointF> expected { { 5.0, 3.0 }, { 5.0, -1.0 }, { 5.0, 9.0 }, { 5.0, 4.0 } };
    QCOMPARE(out.size(), expected.size());
    QVERIFY(std::equal(out.begin(), out.end(), expected.begin(), samePoint));
}

void TestDownsample::m4_ignoresNonFiniteValues()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<QPointF> points { { 1.0, 1.0 }, { 2.0, nan }, { nan, 50.0 }, { 3.0, inf }, { 4.0, 2.0 } };
    const std::vector<QPointF> out = m4(points, 0.0, 10.0, 1);
    const std::vector<QPointF> expected { { 1.0, 1.0 }, { 4.0, 2.0 } };
    QCOMPARE(out.size(), expected.size());
    QVERIFY(std::equal(out.begin(), out.end(), expected.begin(), samePoint));
}

void TestDownsample::m4_identicalRunKeepsFirstAndLast()
{
    // Ten identical points: the first is also the min and max, so the first and the last remain.
    std::vector<QPointF> points(10, QPointF(5.0, 1.0));
    const std::vector<QPointF> out = m4(points, 0.0, 10.0, 1);
    QCOMPARE(out.size(), std::size_t(2)); // first (also min and max) and last
}

void TestDownsample::m4_keepsTheFirstOfTiedExtremes()
{
    // 9 and 1 each occur twice: the first occurrence is kept (the documented tie rule), the later ones are not.
    const std::vector<QPointF> points { { 0.0, 5.0 }, { 1.0, 9.0 }, { 2.0, 1.0 }, { 3.0, 9.0 }, { 4.0, 1.0 },
        { 5.0, 6.0 } };
    const std::vector<QPointF> out = m4(points, 0.0, 5.0, 1);
    const std::vector<QPointF> expected { { 0.0, 5.0 }, { 1.0, 9.0 }, { 2.0, 1.0 }, { 5.0, 6.0 } };
    QCOMPARE(out.size(), expected.size());
    QVERIFY(std::equal(out.begin(), out.end(), expected.begin(), samePoint));
}

void TestDownsample::lttb_keepsFirstAndLast()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        if (c.points.size() < 4)
            return;
        const int threshold = 3 + int(c.seed % quint32(c.points.size() - 3));
        const std::vector<QPointF> out = lttb(c.points, threshold);
        VERIFY_LAZY(samePoint(out.front(), c.points.front()), qPrintable(describe(c) + "first lost"));
        VERIFY_LAZY(samePoint(out.back(), c.points.back()), qPrintable(describe(c) + "last lost"));
    });
}

void TestDownsample::lttb_returnsExactlyThresholdPoints()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        if (c.points.size() < 4)
            return;
        const int threshold = 3 + int(c.seed % quint32(c.points.size() - 3));
        QCOMPARE(lttb(c.points, threshold).size(), std::size_t(threshold));
    });
}

void TestDownsample::lttb_outputIsOrderedSubsequence()
{
    QFETCH(Shape, shape);
    forEachCase(shape, [](const Case& c) {
        if (c.points.size() < 4)
            return;
        const int threshold = 3 + int(c.seed % quint32(c.points.size() - 3));
        const std::vector<QPointF> out = lttb(c.points, threshold);
        const QString error = subsequenceError(c.points, out);
        VERIFY_LAZY(error.isEmpty(), qPrintable(describe(c) + error));
        QVERIFY(
            std::is_sorted(out.begin(), out.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
    });
}

void TestDownsample::lttb_returnsInputWhenThresholdOutOfRange()
{
    const std::vector<QPointF> points { { 0.0, 1.0 }, { 1.0, 3.0 }, { 2.0, 2.0 }, { 3.0, 5.0 }, { 4.0, 4.0 } };
    for (int threshold : { -1, 0, 1, 2, 5, 6, 1000 }) {
        const std::vector<QPointF> out = lttb(points, threshold);
        VERIFY_LAZY(out.size() == points.size() && std::equal(out.begin(), out.end(), points.begin(), samePoint),
            qPrintable(QStringLiteral("threshold %1").arg(threshold)));
    }
    QVERIFY(lttb({}, 10).empty());
}

void TestDownsample::lttb_keepsAHugeSpike()
{
    for (quint32 seed = 1; seed <= 50; ++seed) {
        QRandomGenerator rng(seed);
        std::vector<QPointF> points;
        for (int i = 0; i < 10000; ++i)
            points.emplace_back(kEpoch + 1000.0 * i, rng.generateDouble());
        const int spikeAt = rng.bounded(1, 9999);
        const double spike = seed % 2 ? 1e6 : -1e6;
        points[std::size_t(spikeAt)].setY(spike);
        const std::vector<QPointF> out = lttb(points, 200);
        VERIFY_LAZY(std::any_of(out.begin(), out.end(),
                        [&](const QPointF& p) { return samePoint(p, points[std::size_t(spikeAt)]); }),
            qPrintable(QStringLiteral("seed %1: spike at %2 lost").arg(seed).arg(spikeAt)));
    }
}

void TestDownsample::rollupM4_matchesRawColumnMinMaxWhenBucketsAlign()
{
    // 1-minute rollups; columns a whole number of minutes wide starting on a minute, as the store picks them.
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator rng(seed);
        const double bucket = 60000.0;
        const int width = rng.bounded(1, 400);
        const int minutesPerColumn = rng.bounded(1, 6);
        const double fromX = std::floor(kEpoch / bucket) * bucket + bucket * rng.bounded(1000);
        const double toX = fromX + double(width) * minutesPerColumn * bucket;
        const std::vector<QPointF> raw = secondsSeries(rng, fromX, toX);
        const M4Accumulator columns(fromX, toX, width);
        const std::vector<YRange> fromRaw = columnMinMax(m4(raw, fromX, toX, width), columns);
        const std::vector<YRange> fromRollup = columnMinMax(m4(rollUp(raw, fromX, bucket), fromX, toX, width), columns);
        for (int col = 0; col < width; ++col) {
            VERIFY_LAZY(fromRaw[std::size_t(col)].lo == fromRollup[std::size_t(col)].lo
                    && fromRaw[std::size_t(col)].hi == fromRollup[std::size_t(col)].hi,
                qPrintable(QStringLiteral("seed %1, width %2, column %3: rollup %4..%5, raw %6..%7")
                               .arg(seed)
                               .arg(width)
                               .arg(col)
                               .arg(fromRollup[std::size_t(col)].lo)
                               .arg(fromRollup[std::size_t(col)].hi)
                               .arg(fromRaw[std::size_t(col)].lo)
                               .arg(fromRaw[std::size_t(col)].hi)));
        }
    }
}

void TestDownsample::rollupM4_neverShowsMoreThanRawPerColumn()
{
    // Buckets straddling column borders: a column may show less than the raw series, never more, and the
    // global extremes stay.
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator rng(seed);
        const int width = rng.bounded(1, 2000);
        const double fromX = kEpoch + rng.bounded(100000);
        const double toX = fromX + 3600000.0 * rng.bounded(1, 48);
        const std::vector<QPointF> raw = secondsSeries(rng, fromX, toX);
        const M4Accumulator columns(fromX, toX, width);
        const std::vector<YRange> fromRaw = columnMinMax(m4(raw, fromX, toX, width), columns);
        const std::vector<QPointF> rolled = m4(rollUp(raw, kEpoch, 60000.0), fromX, toX, width);
        const std::vector<YRange> fromRollup = columnMinMax(rolled, columns);
        for (int col = 0; col < width; ++col) {
            const YRange& r = fromRollup[std::size_t(col)];
            if (r.lo > r.hi)
                continue;
            VERIFY_LAZY(r.lo >= fromRaw[std::size_t(col)].lo && r.hi <= fromRaw[std::size_t(col)].hi,
                qPrintable(QStringLiteral("seed %1, column %2").arg(seed).arg(col)));
        }
        const auto byY = [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); };
        QCOMPARE(std::min_element(rolled.begin(), rolled.end(), byY)->y(),
            std::min_element(raw.begin(), raw.end(), byY)->y());
        QCOMPARE(std::max_element(rolled.begin(), rolled.end(), byY)->y(),
            std::max_element(raw.begin(), raw.end(), byY)->y());
    }
}

void TestDownsample::rollupM4_isSubsequenceOfRaw()
{
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator rng(seed);
        const int width = rng.bounded(1, 2000);
        const double fromX = kEpoch + rng.bounded(100000);
        const double toX = fromX + 3600000.0 * rng.bounded(1, 48);
        const std::vector<QPointF> raw = secondsSeries(rng, fromX, toX);
        const std::vector<QPointF> rolled = m4(rollUp(raw, kEpoch, 60000.0), fromX, toX, width);
        const QString error = subsequenceError(raw, rolled);
        VERIFY_LAZY(error.isEmpty(), qPrintable(QStringLiteral("seed %1: ").arg(seed) + error));
    }
}

void TestDownsample::rollupM4_atMostFourPointsPerColumn()
{
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator rng(seed);
        const int width = rng.bounded(1, 500);
        const double fromX = kEpoch;
        const double toX = fromX + 3600000.0 * rng.bounded(1, 48);
        const std::vector<QPointF> rolled
            = m4(rollUp(secondsSeries(rng, fromX, toX), kEpoch, 60000.0), fromX, toX, width);
        const M4Accumulator columns(fromX, toX, width);
        std::vector<int> counts(std::size_t(width), 0);
        for (const QPointF& p : rolled)
            VERIFY_LAZY(
                ++counts[std::size_t(columns.column(p.x()))] <= 4, qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestDownsample::rollupM4_ignoresRowsOutsideTheRange()
{
    const std::vector<RollupRow> rows {
        { 0.0, 50.0, 1.0, 2.0, -100.0, 100.0, 10.0, 20.0 }, // before the range
        { 100.0, 150.0, 3.0, 4.0, 0.0, 9.0, 110.0, 120.0 },
        { 300.0, 350.0, 5.0, 6.0, -100.0, 100.0, 310.0, 320.0 }, // after the range
    };
    const std::vector<QPointF> out = m4(rows, 100.0, 200.0, 1);
    const std::vector<QPointF> expected { { 100.0, 3.0 }, { 110.0, 0.0 }, { 120.0, 9.0 }, { 150.0, 4.0 } };
    QCOMPARE(out.size(), expected.size());
    QVERIFY(std::equal(out.begin(), out.end(), expected.begin(), samePoint));
}

QTEST_GUILESS_MAIN(TestDownsample)
#include "tst_downsample.moc"
