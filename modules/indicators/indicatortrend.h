#pragma once

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

class QXYSeries;

namespace citybrain {

class IndicatorModel;

// Feeds one indicator's history into a QtCharts series. Charts call fill() when pointsChanged()
// fires, which happens at most once per frame.
//
// Gaps: where no value came for longer than gapThresholdMs() (the wall was down, the feed stopped),
// the line is broken, so the chart shows that there was no data instead of a straight line across.
// QtCharts 6.4 has no way to break one QLineSeries (append() drops NaN with a warning; replace() keeps
// it, and then a solid pen breaks but a dashed one, drawn as one path, joins across), so fill() puts
// the first run of points into the given series and each further run into a sibling series on the
// same chart with the same axes and pen and no legend entry.
class IndicatorTrend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString indicatorId READ indicatorId WRITE setIndicatorId NOTIFY indicatorIdChanged)
    // The time shown, back from the newest value, in ms; 0: the whole retained history.
    Q_PROPERTY(double windowMs READ windowMs WRITE setWindowMs NOTIFY windowMsChanged)
    Q_PROPERTY(QString name READ name NOTIFY pointsChanged)
    Q_PROPERTY(QString unit READ unit NOTIFY pointsChanged)
    Q_PROPERTY(double minValue READ minValue NOTIFY pointsChanged)
    Q_PROPERTY(double maxValue READ maxValue NOTIFY pointsChanged)
    Q_PROPERTY(double firstMs READ firstMs NOTIFY pointsChanged)
    Q_PROPERTY(double lastMs READ lastMs NOTIFY pointsChanged)
    Q_PROPERTY(int pointCount READ pointCount NOTIFY pointsChanged)
    // Runs of points without a gap: 0 without points, 1 for an unbroken line.
    Q_PROPERTY(int segmentCount READ segmentCount NOTIFY pointsChanged)
public:
    // Below this, a pause is never a gap: the indicator feed's default staleness threshold
    // (stale.indicatorSeconds), the age at which its panels turn stale.
    static constexpr qint64 minGapMs = 30000;
    // A pause longer than this many typical spacings is a gap.
    static constexpr int gapSpacings = 3;
    // A line gets at most this many points (M4 over maxShownPoints / 4 columns of the window): what a
    // chart draws, and what it costs each second, must not grow with the retained history (an hour of
    // 1-second values is 3,600 points per line, redrawn at every new value).
    static constexpr int maxShownPoints = 1200;
    // The gap threshold for these points (sorted by x, in ms): gapSpacings x the (lower) median of the
    // spacings between consecutive points, and at least minGapMs. With a single spacing the cadence is
    // unknown and that spacing is never a gap.
    [[nodiscard]] static double gapThresholdMs(const QList<QPointF>& points);
    // The points cut at every gap wider than gapThresholdMs(points).
    [[nodiscard]] static QList<QList<QPointF>> segmentsOf(const QList<QPointF>& points);

    explicit IndicatorTrend(QObject* parent = nullptr);
    // For tests and C++ users; QML instances use the IndicatorModel singleton.
    explicit IndicatorTrend(IndicatorModel* model, QObject* parent = nullptr);
    // Removes the sibling series it added to charts.
    ~IndicatorTrend() override;

    [[nodiscard]] QString indicatorId() const { return m_id; }
    void setIndicatorId(const QString& id);
    [[nodiscard]] double windowMs() const { return m_windowMs; }
    void setWindowMs(double windowMs);
    [[nodiscard]] QString name() const;
    [[nodiscard]] QString unit() const;
    [[nodiscard]] double minValue() const { return m_min; }
    [[nodiscard]] double maxValue() const { return m_max; }
    [[nodiscard]] double firstMs() const { return m_points.isEmpty() ? 0 : m_points.first().x(); }
    [[nodiscard]] double lastMs() const { return m_points.isEmpty() ? 0 : m_points.last().x(); }
    // The values in the window; min/max/first/last are theirs.
    [[nodiscard]] int pointCount() const { return static_cast<int>(m_points.size()); }
    [[nodiscard]] int segmentCount() const { return static_cast<int>(m_segments.size()); }
    [[nodiscard]] const QList<QPointF>& points() const { return m_points; }
    // The runs of points as drawn: cut at gaps, each downsampled when the window holds more than
    // maxShownPoints values (M4 keeps every column's first, last, min and max, so no peak is lost).
    [[nodiscard]] const QList<QList<QPointF>>& segments() const { return m_segments; }

    // Shows the window's values in a QXYSeries. A LineSeries or SplineSeries gets the first segment, and
    // one sibling series per further segment on its chart (added or removed as the gaps change); a
    // lone point between two gaps is drawn as a dot. A ScatterSeries gets every point.
    Q_INVOKABLE void fill(QObject* series);

Q_SIGNALS:
    void indicatorIdChanged();
    void windowMsChanged();
    void pointsChanged();

private:
    struct Target
    {
        QPointer<QXYSeries> series;
        std::vector<QPointer<QXYSeries>> siblings; // segments 2..n
    };

    void reload();
    Target& targetFor(QXYSeries* series);
    QXYSeries* addSibling(QXYSeries* series);
    static void removeSibling(QXYSeries* sibling);
    static void show(QXYSeries* series, const QList<QPointF>& points);

    IndicatorModel* m_model = nullptr;
    QString m_id;
    double m_windowMs = 0;
    QList<QPointF> m_points;
    QList<QList<QPointF>> m_segments;
    double m_min = 0;
    double m_max = 0;
    std::vector<Target> m_targets;
};

} // namespace citybrain
