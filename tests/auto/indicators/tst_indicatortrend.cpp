#include "indicatormodel.h"
#include "indicatortrend.h"

#include <QApplication>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

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
};

QTEST_MAIN(TestIndicatorTrend)
#include "tst_indicatortrend.moc"
