#include "indicatortrend.h"

#include "downsample.h"
#include "indicatormodel.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSplineSeries>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

namespace citybrain {

double IndicatorTrend::gapThresholdMs(const QList<QPointF>& points)
{
    // Equal times (a downsampled column's min and max can share one) say nothing about the cadence.
    std::vector<double> spacings;
    spacings.reserve(std::size_t(std::max<qsizetype>(0, points.size() - 1)));
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points[i].x() > points[i - 1].x())
            spacings.push_back(points[i].x() - points[i - 1].x());
    }
    double typical = 0;
    if (!spacings.empty()) {
        // The lower median: with two spacings, a gap and a regular one, the regular one.
        const auto middle = spacings.begin() + std::ptrdiff_t((spacings.size() - 1) / 2);
        std::nth_element(spacings.begin(), middle, spacings.end());
        typical = *middle;
    }
    return std::max(double(minGapMs), gapSpacings * typical);
}

QList<QList<QPointF>> IndicatorTrend::segmentsOf(const QList<QPointF>& points)
{
    QList<QList<QPointF>> segments;
    if (points.isEmpty())
        return segments;
    const double threshold = gapThresholdMs(points);
    qsizetype begin = 0;
    for (qsizetype i = 1; i <= points.size(); ++i) {
        if (i == points.size() || points[i].x() - points[i - 1].x() > threshold) {
            segments.append(points.mid(begin, i - begin));
            begin = i;
        }
    }
    return segments;
}

IndicatorTrend::IndicatorTrend(QObject* parent)
    : IndicatorTrend(IndicatorModel::instance(), parent)
{ }

IndicatorTrend::IndicatorTrend(IndicatorModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
{
    if (m_model) {
        connect(m_model, &IndicatorModel::historyChanged, this, [this](const QString& id) {
            if (id == m_id)
                reload();
        });
    }
}

IndicatorTrend::~IndicatorTrend()
{
    for (Target& target : m_targets) {
        for (const QPointer<QXYSeries>& sibling : target.siblings)
            removeSibling(sibling);
    }
}

void IndicatorTrend::setIndicatorId(const QString& id)
{
    if (m_id == id)
        return;
    m_id = id;
    Q_EMIT indicatorIdChanged();
    reload();
}

QString IndicatorTrend::name() const
{
    return m_model ? m_model->displayName(m_id) : QString();
}

QString IndicatorTrend::unit() const
{
    return m_model ? m_model->unit(m_id) : QString();
}

void IndicatorTrend::setWindowMs(double windowMs)
{
    windowMs = std::isfinite(windowMs) ? std::max(0.0, windowMs) : 0.0;
    if (m_windowMs == windowMs)
        return;
    m_windowMs = windowMs;
    Q_EMIT windowMsChanged();
    reload();
}

void IndicatorTrend::reload()
{
    m_points = m_model ? m_model->history(m_id) : QList<QPointF>();
    if (m_windowMs > 0 && !m_points.isEmpty()) {
        const double from = m_points.last().x() - m_windowMs;
        const auto first = std::lower_bound(
            m_points.cbegin(), m_points.cend(), from, [](const QPointF& p, double x) { return p.x() < x; });
        m_points.remove(0, first - m_points.cbegin());
    }
    m_segments = segmentsOf(m_points);
    if (m_points.size() > maxShownPoints) {
        // One set of columns over the whole window, so every segment is cut the same way.
        const double from = m_points.first().x();
        const double to = m_points.last().x();
        for (QList<QPointF>& segment : m_segments) {
            const std::vector<QPointF> kept
                = m4(std::vector<QPointF>(segment.cbegin(), segment.cend()), from, to, maxShownPoints / 4);
            segment = QList<QPointF>(kept.cbegin(), kept.cend());
        }
    }
    m_min = m_max = m_points.isEmpty() ? 0 : m_points.first().y();
    for (const QPointF& point : std::as_const(m_points)) {
        m_min = std::min(m_min, point.y());
        m_max = std::max(m_max, point.y());
    }
    Q_EMIT pointsChanged();
}

void IndicatorTrend::fill(QObject* object)
{
    auto* series = qobject_cast<QXYSeries*>(object);
    if (!series)
        return;
    if (!qobject_cast<QLineSeries*>(series) || !series->chart()) {
        // Points only (scatter), or not on a chart yet: nothing to join, or nowhere to add segments.
        show(series, m_points);
        return;
    }
    Target& target = targetFor(series);
    show(series, m_segments.value(0));
    const auto extra = std::size_t(std::max<qsizetype>(0, m_segments.size() - 1));
    while (target.siblings.size() > extra) {
        removeSibling(target.siblings.back());
        target.siblings.pop_back();
    }
    while (target.siblings.size() < extra)
        target.siblings.emplace_back(addSibling(series));
    for (std::size_t i = 0; i < extra; ++i) {
        if (target.siblings[i])
            show(target.siblings[i], m_segments[qsizetype(i) + 1]);
    }
}

IndicatorTrend::Target& IndicatorTrend::targetFor(QXYSeries* series)
{
    // Forget series that are gone (their chart deleted them, and their siblings with them).
    m_targets.erase(
        std::remove_if(m_targets.begin(), m_targets.end(), [](const Target& t) { return !t.series; }), m_targets.end());
    for (Target& target : m_targets) {
        if (target.series == series)
            return target;
    }
    m_targets.push_back({ series, {} });
    return m_targets.back();
}

QXYSeries* IndicatorTrend::addSibling(QXYSeries* series)
{
    QChart* chart = series->chart();
    QXYSeries* sibling = qobject_cast<QSplineSeries*>(series) ? new QSplineSeries : new QLineSeries;
    sibling->setName(series->name());
    chart->addSeries(sibling); // the chart owns it
    for (QAbstractAxis* axis : series->attachedAxes())
        sibling->attachAxis(axis);
    for (QLegendMarker* marker : chart->legend()->markers(sibling))
        marker->setVisible(false); // one legend entry per line, however many gaps
    sibling->setPen(series->pen());
    sibling->setPointsVisible(series->pointsVisible());
    sibling->setVisible(series->isVisible());
    sibling->setOpacity(series->opacity());
    // The chart's look stays the QML series' business: follow it.
    connect(series, &QXYSeries::penChanged, sibling, &QXYSeries::setPen);
    connect(series, &QAbstractSeries::visibleChanged, sibling,
        [series, sibling] { sibling->setVisible(series->isVisible()); });
    connect(series, &QAbstractSeries::opacityChanged, sibling,
        [series, sibling] { sibling->setOpacity(series->opacity()); });
    connect(series, &QAbstractSeries::nameChanged, sibling, [series, sibling] { sibling->setName(series->name()); });
    return sibling;
}

void IndicatorTrend::removeSibling(QXYSeries* sibling)
{
    if (!sibling)
        return;
    if (QChart* chart = sibling->chart())
        chart->removeSeries(sibling); // back to us
    sibling->deleteLater();
}

void IndicatorTrend::show(QXYSeries* series, const QList<QPointF>& points)
{
    series->clearPointsConfiguration();
    series->replace(points);
    // A line needs two points: a single value between two gaps is drawn as a dot.
    if (points.size() == 1 && qobject_cast<QLineSeries*>(series))
        series->setPointConfiguration(0, QXYSeries::PointConfiguration::Visibility, true);
}

} // namespace citybrain
