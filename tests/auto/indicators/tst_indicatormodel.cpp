#include "indicatormodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {
IndicatorUpdate update(const QString& id, double value, qint64 tsMs, bool higherIsBetter = true)
{
    IndicatorUpdate u;
    u.id = id;
    u.name = QStringLiteral("全市空气质量指数");
    u.nameEn = QStringLiteral("City AQI");
    u.unit = QStringLiteral("");
    u.value = value;
    u.target = 100;
    u.hasTarget = true;
    u.higherIsBetter = higherIsBetter;
    u.tsMs = tsMs;
    return u;
}
QVariant role(const IndicatorModel& model, int row, IndicatorModel::Roles r)
{
    return model.data(model.index(row), r);
}
} // namespace

class TestIndicatorModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newIndicatorsAppendInArrivalOrderAndUpdatesStayInPlace()
    {
        IndicatorModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ update("air.aqi", 80, 1000), update("traffic.congestion", 1.6, 1000) });
        model.apply({ update("air.aqi", 85, 2000) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(role(model, 0, IndicatorModel::IdRole).toString(), QStringLiteral("air.aqi"));
        QCOMPARE(role(model, 0, IndicatorModel::ValueRole).toDouble(), 85.0);
        QCOMPARE(role(model, 0, IndicatorModel::UpdatedMsRole).toDouble(), 2000.0);
        QCOMPARE(model.history("air.aqi").size(), 2);
    }

    void preferredIndicatorsComeFirstInTheirOrder()
    {
        IndicatorModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPreferredOrder({ "air.aqi", "traffic.congestion" });
        model.apply({ update("plan.5g", 1, 1), update("traffic.congestion", 1, 1), update("other", 1, 1),
            update("air.aqi", 1, 1) });
        QStringList order;
        for (int row = 0; row < model.rowCount(); ++row)
            order << role(model, row, IndicatorModel::IdRole).toString();
        QCOMPARE(order, QStringList({ "air.aqi", "traffic.congestion", "plan.5g", "other" }));
        model.apply({ update("traffic.congestion", 2, 2) });
        QCOMPARE(role(model, 1, IndicatorModel::ValueRole).toDouble(), 2.0);
    }

    void rowOfFollowsInsertionsAndIsMinusOneUntilArrival()
    {
        IndicatorModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPreferredOrder({ "air.aqi" });
        model.apply({ update("plan.5g", 1, 1) });
        QCOMPARE(model.rowOf("air.aqi"), -1);
        QCOMPARE(model.rowOf("plan.5g"), 0);
        // A preferred indicator arriving later goes before it, and both rows say so.
        model.apply({ update("air.aqi", 80, 2) });
        QCOMPARE(model.rowOf("air.aqi"), 0);
        QCOMPARE(model.rowOf("plan.5g"), 1);
        model.reset({});
        QCOMPARE(model.rowOf("plan.5g"), -1);
    }

    void anOlderValueDoesNotReplaceANewerOne()
    {
        IndicatorModel model(nullptr);
        model.apply({ update("air.aqi", 85, 5000) });
        model.apply({ update("air.aqi", 60, 4000) }); // e.g. a retained value redelivered after reconnect
        QCOMPARE(role(model, 0, IndicatorModel::ValueRole).toDouble(), 85.0);
        QCOMPARE(model.history("air.aqi").size(), 1);
    }

    void trendComparesWithAboutAMinuteAgo()
    {
        IndicatorModel model(nullptr);
        model.apply({ update("air.aqi", 100, 0, false), update("air.aqi", 120, 30000, false),
            update("air.aqi", 90, 60000, false), update("air.aqi", 95, 90000, false) });
        // 95 now vs 120 sixty seconds earlier: falling, and for AQI falling is good.
        QCOMPARE(role(model, 0, IndicatorModel::TrendRole).toInt(), -1);
        QCOMPARE(role(model, 0, IndicatorModel::TrendIsGoodRole).toBool(), true);
        model.apply({ update("air.aqi", 95.1, 150000, false) });
        QCOMPARE(role(model, 0, IndicatorModel::TrendRole).toInt(), 0); // 0.1 % is not a trend
    }

    void risingIsBadWhenLowerIsBetter()
    {
        IndicatorModel model(nullptr);
        model.apply({ update("air.aqi", 50, 0, false), update("air.aqi", 150, 61000, false) });
        QCOMPARE(role(model, 0, IndicatorModel::TrendRole).toInt(), 1);
        QCOMPARE(role(model, 0, IndicatorModel::TrendIsGoodRole).toBool(), false);
    }

    void namesFollowTheUiLanguage()
    {
        IndicatorModel model(nullptr);
        model.apply({ update("air.aqi", 50, 0) });
        QCOMPARE(role(model, 0, IndicatorModel::NameRole).toString(), QStringLiteral("全市空气质量指数"));
        model.setEnglish(true);
        QCOMPARE(role(model, 0, IndicatorModel::NameRole).toString(), QStringLiteral("City AQI"));
    }

    void historyIsBounded()
    {
        IndicatorModel model(nullptr);
        std::vector<IndicatorUpdate> updates;
        for (qint64 i = 0; i < static_cast<qint64>(IndicatorModel::historyLimit) + 100; ++i)
            updates.push_back(update("air.aqi", static_cast<double>(i), i * 1000));
        model.apply(updates);
        const QList<QPointF> history = model.history("air.aqi");
        QCOMPARE(history.size(), static_cast<qsizetype>(IndicatorModel::historyLimit));
        QCOMPARE(history.last().y(), static_cast<double>(IndicatorModel::historyLimit + 99));
    }

    void theSparklineScalesTheRecentValues()
    {
        IndicatorModel model(nullptr);
        std::vector<IndicatorUpdate> updates;
        for (int i = 0; i < IndicatorModel::sparklinePoints + 20; ++i)
            updates.push_back(update("air.aqi", i < 20 ? 1000 : 100 + (i % 2) * 10, i * 1000));
        model.apply(updates);
        const QList<qreal> line = role(model, 0, IndicatorModel::SparklineRole).value<QList<qreal>>();
        QCOMPARE(line.size(), IndicatorModel::sparklinePoints); // the 1000s are older than the window
        QCOMPARE(*std::min_element(line.begin(), line.end()), 0.0);
        QCOMPARE(*std::max_element(line.begin(), line.end()), 1.0);
        model.apply({ update("flat", 5, 1), update("flat", 5, 2) });
        QCOMPARE(role(model, 1, IndicatorModel::SparklineRole).value<QList<qreal>>(), QList<qreal>({ 0.5, 0.5 }));
    }

    void theSparklineStartsAfterAnOutage()
    {
        IndicatorModel model(nullptr);
        std::vector<IndicatorUpdate> updates;
        for (int i = 0; i < 20; ++i) // before the wall went down: high values
            updates.push_back(update("air.aqi", 300 + i, i * 1000));
        for (int i = 0; i < 10; ++i) // two hours later
            updates.push_back(update("air.aqi", 50 + (i % 2) * 10, 7'200'000 + i * 1000));
        model.apply(updates);
        const QList<qreal> line = role(model, 0, IndicatorModel::SparklineRole).value<QList<qreal>>();
        QCOMPARE(line.size(), 10);
        QCOMPARE(*std::min_element(line.begin(), line.end()), 0.0);
        QCOMPARE(*std::max_element(line.begin(), line.end()), 1.0);
    }

    void theTrendIgnoresValuesFromBeforeAnOutage()
    {
        IndicatorModel model(nullptr);
        std::vector<IndicatorUpdate> updates;
        for (int i = 0; i < 20; ++i)
            updates.push_back(update("air.aqi", 300, i * 1000));
        for (int i = 0; i < 10; ++i) // steady after the outage: no trend, though 300 -> 100 across it
            updates.push_back(update("air.aqi", 100, 7'200'000 + i * 1000));
        model.apply(updates);
        QCOMPARE(role(model, 0, IndicatorModel::TrendRole).toInt(), 0);
    }

    void oneHistorySignalPerIndicatorPerBatch()
    {
        IndicatorModel model(nullptr);
        QSignalSpy spy(&model, &IndicatorModel::historyChanged);
        model.apply({ update("a", 1, 1), update("a", 2, 2), update("b", 3, 3) });
        QCOMPARE(spy.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestIndicatorModel)
#include "tst_indicatormodel.moc"
