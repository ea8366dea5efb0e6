#include "historyreader.h"
#include "historystore.h"
#include "indicatormodel.h"
#include "indicatortrend.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace citybrain;

namespace {

constexpr qint64 secondMs = 1000;
constexpr qint64 minuteMs = 60 * secondMs;
constexpr qint64 hourMs = 60 * minuteMs;

// `count` values of indicator `id`, one every `stepMs` from `fromMs`, each in its own batch (as live).
void feed(IndicatorModel& model, const QString& id, qint64 fromMs, int count, qint64 stepMs, double value = 50)
{
    IndicatorUpdate u;
    u.id = id;
    u.name = QStringLiteral("AQI");
    for (int i = 0; i < count; ++i) {
        u.tsMs = fromMs + i * stepMs;
        u.value = value + i % 7;
        model.apply({ u });
    }
}

QList<QPointF> line(qint64 fromMs, int count, qint64 stepMs)
{
    QList<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append(QPointF(double(fromMs + i * stepMs), 1.0));
    return points;
}

// A chart as TrendPanel has it: a line series on a time axis and a value axis, with a legend.
struct Chart
{
    QChart* chart = new QChart; // owned by the view
    QLineSeries* series = new QLineSeries; // owned by the chart
    QValueAxis* time = new QValueAxis;
    QValueAxis* values = new QValueAxis;
    QChartView view { chart };

    Chart()
    {
        series->setName(QStringLiteral("AQI"));
        QPen pen(QColor(255, 0, 0));
        pen.setWidth(3);
        series->setPen(pen);
        chart->addSeries(series);
        chart->addAxis(time, Qt::AlignBottom);
        chart->addAxis(values, Qt::AlignLeft);
        series->attachAxis(time);
        series->attachAxis(values);
        values->setRange(0, 100);
        view.resize(800, 400);
        view.show();
    }
    [[nodiscard]] QList<QLineSeries*> lines() const
    {
        QList<QLineSeries*> result;
        for (QAbstractSeries* s : chart->series()) {
            if (auto* l = qobject_cast<QLineSeries*>(s))
                result.append(l);
        }
        return result;
    }
    [[nodiscard]] int visibleLegendEntries() const
    {
        QCoreApplication::processEvents();
        int visible = 0;
        for (QLegendMarker* marker : chart->legend()->markers())
            visible += marker->isVisible() ? 1 : 0;
        return visible;
    }
    // Renders the chart; how many pixels of the series' red are in the plot column at time `ms`.
    int redPixelsAt(qint64 ms)
    {
        QCoreApplication::processEvents();
        const QImage image = view.grab().toImage();
        const QRectF plot = chart->plotArea();
        const double fraction = (double(ms) - time->min()) / (time->max() - time->min());
        const int x = int(plot.left() + plot.width() * fraction);
        int red = 0;
        for (int y = int(plot.top()); y < int(plot.bottom()); ++y) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() > 200 && c.green() < 90 && c.blue() < 90 ? 1 : 0;
        }
        return red;
    }
};

} // namespace

class TestIndicatorTrend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsItsIndicatorAndFillsASeries()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        QSignalSpy changed(&trend, &IndicatorTrend::pointsChanged);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        IndicatorUpdate u;
        u.id = QStringLiteral("air.aqi");
        u.name = QStringLiteral("AQI");
        u.unit = QStringLiteral("idx");
        for (int i = 0; i < 5; ++i) {
            u.tsMs = 1000 * (i + 1);
            u.value = 50 + i * 10;
            model.apply({ u });
        }
        u.id = QStringLiteral("other");
        model.apply({ u });
        QCOMPARE(changed.count(), 1 + 5); // the id change, then one per batch of its own indicator
        QCOMPARE(trend.pointCount(), 5);
        QCOMPARE(trend.segmentCount(), 1);
        QCOMPARE(trend.minValue(), 50.0);
        QCOMPARE(trend.maxValue(), 90.0);
        QCOMPARE(trend.firstMs(), 1000.0);
        QCOMPARE(trend.lastMs(), 5000.0);
        QCOMPARE(trend.unit(), QStringLiteral("idx"));

        QLineSeries series;
        trend.fill(&series);
        QCOMPARE(series.count(), 5);
        QCOMPARE(series.at(4), QPointF(5000, 90));
        trend.fill(nullptr); // not a series: nothing happens
    }

    // A chart of the last 10 minutes: the values before it neither draw nor stretch the value axis.
    void theWindowHoldsOnlyItsValues()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 from = 1'800'000'000'000;
        feed(model, QStringLiteral("air.aqi"), from, 1, secondMs, 500); // a spike an hour ago
        feed(model, QStringLiteral("air.aqi"), from + secondMs, 3599, secondMs);
        QCOMPARE(trend.maxValue(), 500.0);
        QSignalSpy changed(&trend, &IndicatorTrend::pointsChanged);
        trend.setWindowMs(10 * minuteMs);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(trend.pointCount(), 601); // both ends of the 10 minutes
        QCOMPARE(trend.lastMs(), double(from + 3599 * secondMs));
        QCOMPARE(trend.firstMs(), trend.lastMs() - 10 * minuteMs);
        QCOMPARE(trend.maxValue(), 56.0);
        QLineSeries series;
        trend.fill(&series);
        QCOMPARE(series.count(), 601);
        QCOMPARE(series.at(0).x(), trend.firstMs());
        trend.setWindowMs(-1); // nonsense from a layout: the whole history
        QCOMPARE(trend.pointCount(), 3600);
    }

    // An hour of 1-second values is drawn with at most maxShownPoints points, every peak and both ends kept,
    // and a gap still breaks the line.
    void aLongHistoryIsDrawnWithBoundedPoints()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 from = 1'800'000'000'000;
        feed(model, QStringLiteral("air.aqi"), from, 1700, secondMs);
        feed(model, QStringLiteral("air.aqi"), from + 1700 * secondMs, 1, secondMs, 300); // one peak
        feed(model, QStringLiteral("air.aqi"), from + 1701 * secondMs, 899, secondMs);
        // Down for 10 minutes, then back for 15.
        feed(model, QStringLiteral("air.aqi"), from + 3200 * secondMs, 900, secondMs, 20);
        QCOMPARE(trend.pointCount(), 3500);
        QCOMPARE(trend.segmentCount(), 2);
        int drawn = 0;
        double peak = 0;
        for (const QList<QPointF>& segment : trend.segments()) {
            drawn += int(segment.size());
            for (const QPointF& p : segment)
                peak = std::max(peak, p.y());
        }
        QVERIFY2(drawn <= IndicatorTrend::maxShownPoints, qPrintable(QString::number(drawn)));
        QVERIFY2(drawn >= IndicatorTrend::maxShownPoints / 4, qPrintable(QString::number(drawn)));
        QCOMPARE(peak, 300.0);
        QCOMPARE(trend.segments()[0].first().x(), double(from));
        QCOMPARE(trend.segments()[0].last().x(), double(from + 2599 * secondMs));
        QCOMPARE(trend.segments()[1].first().x(), double(from + 3200 * secondMs));
        QCOMPARE(trend.segments()[1].last().x(), trend.lastMs());
        QCOMPARE(trend.maxValue(), 300.0);
        QCOMPARE(trend.minValue(), 20.0);
    }

    void pausesBelowTheThresholdDoNotBreakTheLine()
    {
        // 1 Hz with a 20 s pause: below the 30 s minimum, one line.
        QList<QPointF> points = line(0, 100, secondMs) + line(119 * secondMs, 100, secondMs);
        QCOMPARE(IndicatorTrend::segmentsOf(points).size(), 1);
        // One value every 5 min, one 12 min pause: under 3 spacings, one line.
        points = line(0, 10, 5 * minuteMs) + line(57 * minuteMs, 10, 5 * minuteMs);
        QCOMPARE(IndicatorTrend::gapThresholdMs(points), double(15 * minuteMs));
        QCOMPARE(IndicatorTrend::segmentsOf(points).size(), 1);
        // Two values: their spacing is the only one known, never a gap.
        QCOMPARE(IndicatorTrend::segmentsOf(line(0, 2, 5 * hourMs)).size(), 1);
        QCOMPARE(IndicatorTrend::segmentsOf({}).size(), 0);
    }

    void pausesAboveTheThresholdBreakTheLine()
    {
        // 1 Hz, then 40 s without data (above the 30 s minimum).
        QList<QPointF> points = line(0, 100, secondMs) + line(139 * secondMs, 100, secondMs);
        QList<QList<QPointF>> segments = IndicatorTrend::segmentsOf(points);
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[0].last().x(), 99.0 * secondMs);
        QCOMPARE(segments[1].first().x(), 139.0 * secondMs);
        // One value every 5 min, then 20 min without (4 spacings).
        points = line(0, 10, 5 * minuteMs) + line(65 * minuteMs, 10, 5 * minuteMs);
        segments = IndicatorTrend::segmentsOf(points);
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[0].size() + segments[1].size(), points.size());
    }

    // The wall ran, was down for two hours, and runs again: the chart gets two lines, not one across.
    void aDataGapBreaksTheChartLine()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 t0 = 1700000000000;
        feed(model, QStringLiteral("air.aqi"), t0, 300, secondMs); // 5 min at 1 Hz
        const qint64 restart = t0 + 299 * secondMs + 2 * hourMs;
        feed(model, QStringLiteral("air.aqi"), restart, 120, secondMs); // 2 min after the restart
        QCOMPARE(trend.pointCount(), 420);
        QCOMPARE(trend.segmentCount(), 2);

        Chart c;
        c.time->setRange(double(t0), double(restart + 119 * secondMs));
        trend.fill(c.series);
        const QList<QLineSeries*> lines = c.lines();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], c.series);
        QCOMPARE(lines[0]->count(), 300);
        QCOMPARE(lines[0]->at(299).x(), double(t0 + 299 * secondMs));
        QCOMPARE(lines[1]->count(), 120);
        QCOMPARE(lines[1]->at(0).x(), double(restart));
        // Nothing handed to the chart joins the two sides of the gap.
        for (const QLineSeries* l : lines) {
            const QList<QPointF> points = l->points();
            for (qsizetype i = 1; i < points.size(); ++i)
                QVERIFY2(points[i].x() - points[i - 1].x() < hourMs, "a line spans the gap");
        }
        // Same axes and pen; the legend still has one entry for the indicator.
        QCOMPARE(lines[1]->attachedAxes(), c.series->attachedAxes());
        QCOMPARE(lines[1]->pen(), c.series->pen());
        QCOMPARE(c.visibleLegendEntries(), 1);
    }

    // The wall restarts after an outage and opens its charts from the store, downsampled (M4 over the
    // chart's width, as IngestPipeline::restoreFromStore reads them): the outage is still a gap.
    void aGapInTheStoredHistorySurvivesDownsampling()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / secondMs * secondMs;
        const qint64 downFrom = now - 25 * minuteMs; // 30 min of data, 23 min down, 2 min since the restart
        const qint64 upFrom = now - 2 * minuteMs;
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            std::vector<IndicatorUpdate> updates;
            IndicatorUpdate u;
            u.id = QStringLiteral("air.aqi");
            u.name = QStringLiteral("AQI");
            for (qint64 ts = downFrom - 30 * minuteMs; ts <= now; ts += secondMs) {
                if (ts > downFrom && ts < upFrom)
                    continue;
                u.tsMs = ts;
                u.value = 60 + double(ts / secondMs % 13);
                updates.push_back(u);
            }
            store.appendIndicators(updates);
            QVERIFY(store.flush());
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        IndicatorUpdate latest;
        latest.id = QStringLiteral("air.aqi");
        std::vector<IndicatorUpdate> restored;
        for (const QPointF& point : reader.indicatorHistory(latest.id, now - hourMs, now, 1200)) {
            latest.tsMs = qint64(point.x());
            latest.value = point.y();
            restored.push_back(latest);
        }
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        model.reset(restored);
        QVERIFY(trend.pointCount() > 1000);
        QCOMPARE(trend.segmentCount(), 2);
        QCOMPARE(trend.segments()[0].last().x(), double(downFrom));
        QCOMPARE(trend.segments()[1].first().x(), double(upFrom));
    }

    // What the operator sees: line where there was data, nothing in the gap.
    void theGapIsEmptyOnScreen()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 t0 = 1700000000000;
        feed(model, QStringLiteral("air.aqi"), t0, 600, secondMs, 50); // 10 min at 1 Hz
        const qint64 restart = t0 + 40 * minuteMs;
        feed(model, QStringLiteral("air.aqi"), restart, 600, secondMs, 50); // 30 min later, 10 min more
        Chart c;
        c.time->setRange(double(t0), double(restart + 10 * minuteMs));
        trend.fill(c.series);
        QVERIFY(c.redPixelsAt(t0 + 5 * minuteMs) > 0); // before the gap
        QCOMPARE(c.redPixelsAt(t0 + 25 * minuteMs), 0); // in the middle of the gap
        QVERIFY(c.redPixelsAt(restart + 5 * minuteMs) > 0); // after it
    }

    void segmentsFollowTheHistory()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 t0 = 1700000000000;
        feed(model, QStringLiteral("air.aqi"), t0, 60, secondMs);
        Chart c;
        c.time->setRange(double(t0), double(t0 + 3 * hourMs));
        trend.fill(c.series);
        QCOMPARE(c.lines().size(), 1);
        // Two outages: three lines.
        feed(model, QStringLiteral("air.aqi"), t0 + hourMs, 60, secondMs);
        feed(model, QStringLiteral("air.aqi"), t0 + 2 * hourMs, 60, secondMs);
        QCOMPARE(trend.segmentCount(), 3);
        trend.fill(c.series);
        QCOMPARE(c.lines().size(), 3);
        QCOMPARE(c.lines()[2]->at(0).x(), double(t0 + 2 * hourMs));
        // The history is replaced by one without a gap (a playback, a reset): one line again.
        IndicatorUpdate u;
        u.id = QStringLiteral("air.aqi");
        std::vector<IndicatorUpdate> unbroken;
        for (int i = 0; i < 30; ++i) {
            u.tsMs = t0 + i * secondMs;
            unbroken.push_back(u);
        }
        model.reset(unbroken);
        QCOMPARE(trend.segmentCount(), 1);
        trend.fill(c.series);
        QCOMPARE(c.lines().size(), 1);
        QCOMPARE(c.series->count(), 30);
    }

    // A single value between two gaps (the last one before an outage, restored at start) is a dot.
    void aLoneValueIsDrawnAsADot()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        const qint64 t0 = 1700000000000;
        feed(model, QStringLiteral("air.aqi"), t0, 60, secondMs);
        feed(model, QStringLiteral("air.aqi"), t0 + hourMs, 1, secondMs);
        feed(model, QStringLiteral("air.aqi"), t0 + 2 * hourMs, 60, secondMs);
        Chart c;
        trend.fill(c.series);
        const QList<QLineSeries*> lines = c.lines();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[1]->count(), 1);
        QCOMPARE(lines[1]->pointConfiguration(0).value(QXYSeries::PointConfiguration::Visibility), QVariant(true));
        QVERIFY(lines[0]->pointsConfiguration().isEmpty());
    }

    void siblingsFollowTheSeriesLook()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        feed(model, QStringLiteral("air.aqi"), 0, 10, secondMs);
        feed(model, QStringLiteral("air.aqi"), hourMs, 10, secondMs);
        Chart c;
        trend.fill(c.series);
        QCOMPARE(c.lines().size(), 2);
        QLineSeries* sibling = c.lines()[1];
        QPen dashed(QColor(0, 0, 255));
        dashed.setStyle(Qt::DashLine);
        c.series->setPen(dashed);
        QCOMPARE(sibling->pen(), dashed);
        c.series->setVisible(false);
        QVERIFY(!sibling->isVisible());
    }

    void aScatterSeriesGetsEveryPoint()
    {
        IndicatorModel model(nullptr);
        IndicatorTrend trend(&model);
        trend.setIndicatorId(QStringLiteral("air.aqi"));
        feed(model, QStringLiteral("air.aqi"), 0, 10, secondMs);
        feed(model, QStringLiteral("air.aqi"), hourMs, 10, secondMs);
        QScatterSeries scatter;
        trend.fill(&scatter);
        QCOMPARE(scatter.count(), 20);
    }

    void destroyingTheTrendRemovesItsSiblings()
    {
        IndicatorModel model(nullptr);
        Chart c;
        {
            IndicatorTrend trend(&model);
            trend.setIndicatorId(QStringLiteral("air.aqi"));
            feed(model, QStringLiteral("air.aqi"), 0, 10, secondMs);
            feed(model, QStringLiteral("air.aqi"), hourMs, 10, secondMs);
            trend.fill(c.series);
            QCOMPARE(c.lines().size(), 2);
        }
        QCOMPARE(c.lines().size(), 1);
    }
};

QTEST_MAIN(TestIndicatorTrend)
#include "tst_indicatortrend.moc"
