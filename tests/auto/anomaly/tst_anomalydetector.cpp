#include "anomalydetector.h"
#include "districtlayer.h"
#include "historyreader.h"
#include "syntheticcity.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace citybrain;
using namespace anomalytest;

namespace {

const QString congestion = QStringLiteral("congestion");

// Four weeks of history before this Monday, every 5 minutes.
const qint64 now = mondayBeijing();
constexpr int roadCount = 50;

int raisedCount(const std::vector<SensorAlarm>& changes)
{
    return int(std::count_if(
        changes.begin(), changes.end(), [](const SensorAlarm& a) { return a.state == SensorAlarm::State::Raised; }));
}

// Every road one reading a minute over [fromMs, toMs); `shift(tsMs)` is added to every reading.
template <typename Shift>
std::vector<SensorAlarm> replay(AnomalyDetector& detector, const SyntheticCity& city, qint64 fromMs, qint64 toMs,
    quint32 seed, int roads, Shift&& shift)
{
    QRandomGenerator rng(seed);
    std::vector<SensorAlarm> changes;
    for (qint64 ts = fromMs; ts < toMs; ts += minuteMs) {
        const double s = shift(ts);
        for (int r = 0; r < roads; ++r)
            detector.observe(city.sample(r, ts, city.reading(r, ts, rng, s)), &changes);
    }
    return changes;
}

std::vector<SensorAlarm> replay(
    AnomalyDetector& detector, const SyntheticCity& city, qint64 fromMs, qint64 toMs, quint32 seed, int roads)
{
    return replay(detector, city, fromMs, toMs, seed, roads, [](qint64) { return 0.0; });
}

} // namespace

class TestAnomalyDetector : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    SyntheticCity m_city { roadCount };

    void seeded(AnomalyDetector& detector, qint64 seedNow = now)
    {
        HistoryReader reader(m_path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const AnomalyDetector::SeedStats stats = detector.seed(reader, seedNow);
        QVERIFY2(stats.ok, qPrintable(stats.error));
    }

    // Road 0 one reading a minute from fromMs (normal values), returns the changes.
    std::vector<SensorAlarm> normalRoad0(AnomalyDetector& detector, qint64 fromMs, qint64 toMs, quint32 seed = 11)
    {
        return replay(detector, m_city, fromMs, toMs, seed, 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("history.sqlite"));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_city.writeHistory(m_path, now - 4 * weekMs, now, 5 * minuteMs, 1));
        qInfo("4 weeks x %d sensors, every 5 min, written in %lld ms", roadCount, qint64(timer.elapsed()));
    }

    void seedLearnsEverySlotFromFourWeeksOfHourlyRollups()
    {
        AnomalyDetector detector;
        HistoryReader reader(m_path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const AnomalyDetector::SeedStats stats = detector.seed(reader, now + 30 * minuteMs);
        QVERIFY(stats.ok);
        QCOMPARE(stats.series, roadCount);
        QCOMPARE(stats.hours, qint64(roadCount) * 4 * 168);
        QCOMPARE(stats.skipped, 0);
        qInfo("seeded %d series from %lld hourly rollups in %lld ms", stats.series, stats.hours, stats.elapsedMs);
        const SensorBaseline* b = detector.baseline(m_city.roads()[0].id, congestion);
        QVERIFY(b);
        const SensorBaseline::Params& p = *detector.params(congestion);
        QCOMPARE(b->learnedSlots(now, p), 168);
        // Wednesday 08 h: the usual morning rush; 03 h: the night level.
        const qint64 rush = beijing(2026, 11, 4, 8, 30);
        const qint64 night = beijing(2026, 11, 4, 3, 30);
        QVERIFY(std::abs(b->expect(rush, p).centre - m_city.usual(0, rush)) < 0.3);
        QVERIFY(std::abs(b->expect(night, p).centre - m_city.usual(0, night)) < 0.2);
        QCOMPARE(b->expect(rush, p).weeks, 4);
        QVERIFY(!detector.baseline(m_city.roads()[0].id, QStringLiteral("flow")));
    }

    void aNormalDayRaisesNothing()
    {
        AnomalyDetector detector;
        seeded(detector);
        const std::vector<SensorAlarm> changes = replay(detector, m_city, now, now + dayMs, 21, roadCount);
        QCOMPARE(raisedCount(changes), 0);
        QCOMPARE(detector.activeCount(), 0);
    }

    void tenNormalDaysOfFiftySensorsStayWithinTheFalseAlarmBudget()
    {
        AnomalyDetector detector;
        seeded(detector);
        QRandomGenerator rng(22);
        std::vector<SensorAlarm> changes;
        qint64 observeNs = 0;
        for (int day = 0; day < 10; ++day) {
            std::vector<TelemetrySample> samples;
            for (qint64 ts = now + day * dayMs; ts < now + (day + 1) * dayMs; ts += minuteMs) {
                for (int r = 0; r < roadCount; ++r)
                    samples.push_back(m_city.sample(r, ts, m_city.reading(r, ts, rng)));
            }
            QElapsedTimer timer;
            timer.start();
            for (const TelemetrySample& sample : samples)
                detector.observe(sample, &changes);
            observeNs += timer.nsecsElapsed();
        }
        const int raised = raisedCount(changes);
        qInfo("observe(): %.2f us per sample", double(observeNs) / 1000.0 / (roadCount * 10.0 * 1440));
        const double sensorWeeks = roadCount * 10.0 / 7.0;
        qInfo("false alarms on 10 normal days of %d sensors: %d (%.3f per sensor-week; budget 1)", roadCount, raised,
            raised / sensorWeeks);
        for (const SensorAlarm& a : changes)
            qInfo("  %s", qPrintable(a.explanation));
        QVERIFY(raised <= int(sensorWeeks)); // at most one per sensor-week
    }

    void rushHourCongestionAtThreeInTheMorningRaisesWithItsScore()
    {
        AnomalyDetector detector;
        seeded(detector);
        const Road& road = m_city.roads()[0];
        const SensorBaseline* b = detector.baseline(road.id, congestion);
        const SensorBaseline::Params& p = *detector.params(congestion);
        const qint64 threeAm = beijing(2026, 11, 4, 3); // a Wednesday
        const double jam = 7.0;
        // 7.0 is a usual value at the morning rush: no fixed threshold on the index would catch it.
        const SensorBaseline::Expectation atRush = b->expect(beijing(2026, 11, 4, 8, 30), p);
        QVERIFY(std::abs(jam - atRush.centre) / atRush.spread < 2.5);
        QVERIFY(normalRoad0(detector, threeAm - 2 * hourMs, threeAm).empty());

        std::vector<SensorAlarm> changes;
        SensorBaseline::Expectation e;
        qint64 ts = threeAm;
        for (; ts <= threeAm + 10 * minuteMs; ts += minuteMs) {
            QVERIFY2(changes.empty(), "raised before the minimum duration");
            e = b->expect(ts, p);
            detector.observe(m_city.sample(0, ts, jam), &changes);
        }
        QCOMPARE(changes.size(), std::size_t(1));
        const SensorAlarm& a = changes.front();
        QCOMPARE(a.state, SensorAlarm::State::Raised);
        QCOMPARE(a.tsMs, threeAm + 10 * minuteMs);
        QCOMPARE(a.sinceMs, threeAm);
        QVERIFY(a.anomaly);
        QCOMPARE(a.ruleId, QStringLiteral("anomaly.congestion"));
        QCOMPARE(a.id, QStringLiteral("anomaly.congestion/") + road.id);
        QCOMPARE(a.sensorId, road.id);
        QCOMPARE(a.domain, QStringLiteral("traffic"));
        QCOMPARE(a.metric, congestion);
        QCOMPARE(a.district, road.district);
        QCOMPARE(a.incidentKind, QStringLiteral("traffic_jam"));
        QCOMPARE(a.value, jam);
        QCOMPARE(a.threshold, e.centre);
        QVERIFY(std::abs(a.threshold - m_city.usual(0, threeAm)) < 0.2);
        QVERIFY(qFuzzyCompare(a.score, (jam - e.centre) / e.spread));
        QVERIFY2(a.score > 6, qPrintable(QString::number(a.score)));
        QCOMPARE(a.severity, Severity::Moderate);
        QCOMPARE(detector.activeCount(), 1);
        // More readings of the same jam: no second Raised.
        changes.clear();
        for (; ts <= threeAm + 30 * minuteMs; ts += minuteMs)
            detector.observe(m_city.sample(0, ts, jam), &changes);
        QVERIFY(changes.empty());
    }

    void theExplanationSaysWhatWhereHowFarSinceWhenAndTheBaseline()
    {
        AnomalyDetector detector;
        seeded(detector);
        const Road& road = m_city.roads()[1]; // in 渭城区 (610404)
        QCOMPARE(road.district, QStringLiteral("610404"));
        const qint64 threeAm = beijing(2026, 11, 4, 3);
        std::vector<SensorAlarm> changes;
        for (qint64 ts = threeAm; ts <= threeAm + 15 * minuteMs; ts += minuteMs)
            detector.observe(m_city.sample(1, ts, 7.8), &changes);
        QCOMPARE(changes.size(), std::size_t(1));
        const SensorAlarm& raised = changes.front();
        qInfo("%s", qPrintable(raised.explanation));
        const SensorBaseline::Expectation e
            = detector.baseline(road.id, congestion)->expect(raised.tsMs, *detector.params(congestion));
        const QString expected
            = QStringLiteral("渭城区（%1）交通拥堵指数 7.8，远高于该时段通常水平 %2±%3（周三 03 时，基于 4 "
                             "周数据），偏离 %4 倍标准差，自 03:00 起已持续 10 分钟")
                  .arg(road.id, QString::number(raised.threshold, 'f', 1), QString::number(e.spread, 'f', 1),
                      QString::number(raised.score, 'f', 1));
        QCOMPARE(raised.explanation, expected);

        changes.clear();
        const qint64 back = threeAm + 40 * minuteMs;
        detector.observe(m_city.sample(1, back, std::round(m_city.usual(1, back) * 10) / 10), &changes);
        QCOMPARE(changes.size(), std::size_t(1));
        const SensorAlarm& cleared = changes.front();
        qInfo("%s", qPrintable(cleared.explanation));
        QCOMPARE(cleared.state, SensorAlarm::State::Cleared);
        QCOMPARE(cleared.id, raised.id);
        QCOMPARE(cleared.sinceMs, threeAm);
        QCOMPARE(cleared.severity, raised.severity);
        QVERIFY(cleared.explanation.startsWith(QStringLiteral("渭城区（%1）交通拥堵指数 ").arg(road.id)));
        QVERIFY(cleared.explanation.contains(QStringLiteral("已回到该时段通常范围")));
        QVERIFY(cleared.explanation.contains(QStringLiteral("异常自 03:00 起持续 40 分钟")));
        QVERIFY(cleared.explanation.contains(QStringLiteral("最大偏离 ")));
    }

    void aDropBelowTheUsualValueSaysSoAndIsMinorUpToSixSigma()
    {
        AnomalyDetector detector;
        seeded(detector);
        const SensorBaseline* b = detector.baseline(m_city.roads()[2].id, congestion);
        const SensorBaseline::Params& p = *detector.params(congestion);
        const qint64 rush = beijing(2026, 11, 4, 8);
        std::vector<SensorAlarm> changes;
        for (qint64 ts = rush; ts <= rush + 10 * minuteMs; ts += minuteMs) {
            const SensorBaseline::Expectation e = b->expect(ts, p);
            detector.observe(m_city.sample(2, ts, e.centre - 5.0 * e.spread), &changes);
        }
        QCOMPARE(changes.size(), std::size_t(1));
        QCOMPARE(changes.front().severity, Severity::Minor);
        QVERIFY(std::abs(changes.front().score - 5.0) < 0.01);
        QVERIFY(changes.front().value < changes.front().threshold);
        QVERIFY2(changes.front().explanation.contains(QStringLiteral("明显低于该时段通常水平")),
            qPrintable(changes.front().explanation));
    }

    void aSpikeShorterThanTheMinimumDurationRaisesNothing()
    {
        AnomalyDetector detector;
        seeded(detector);
        const qint64 threeAm = beijing(2026, 11, 4, 3);
        std::vector<SensorAlarm> changes;
        // Nine minutes of a jam, then normal again; a single absurd reading later.
        for (qint64 ts = threeAm; ts < threeAm + 9 * minuteMs; ts += minuteMs)
            detector.observe(m_city.sample(0, ts, 8.0), &changes);
        changes = normalRoad0(detector, threeAm + 9 * minuteMs, threeAm + hourMs);
        detector.observe(m_city.sample(0, threeAm + hourMs, 10.0), &changes);
        const auto more = normalRoad0(detector, threeAm + hourMs + minuteMs, threeAm + 2 * hourMs);
        QVERIFY(changes.empty());
        QVERIFY(more.empty());
    }

    void itClearsOnlyBelowTheClearScore()
    {
        AnomalyDetector detector;
        seeded(detector);
        const SensorBaseline* b = detector.baseline(m_city.roads()[0].id, congestion);
        const SensorBaseline::Params& p = *detector.params(congestion);
        const qint64 start = beijing(2026, 11, 5, 2); // Thursday 02:00
        std::vector<SensorAlarm> changes;
        qint64 ts = start;
        const auto at = [&](double score) {
            const SensorBaseline::Expectation e = b->expect(ts, p);
            detector.observe(m_city.sample(0, ts, e.centre + score * e.spread), &changes);
            ts += minuteMs;
        };
        for (int i = 0; i <= 10; ++i)
            at(5.0);
        QCOMPARE(raisedCount(changes), 1);
        changes.clear();
        for (int i = 0; i < 20; ++i)
            at(3.0); // below the raise score, above the clear score: stays raised
        QVERIFY(changes.empty());
        QCOMPARE(detector.activeCount(), 1);
        at(2.6);
        QVERIFY(changes.empty());
        at(2.4);
        QCOMPARE(changes.size(), std::size_t(1));
        QCOMPARE(changes.front().state, SensorAlarm::State::Cleared);
        QVERIFY(std::abs(changes.front().score - 2.4) < 0.01);
        QCOMPARE(changes.front().sinceMs, start);
        QCOMPARE(detector.activeCount(), 0);
        // Back up to 3: a new episode, but its mean stays below the raise score.
        changes.clear();
        for (int i = 0; i < 30; ++i)
            at(3.0);
        QVERIFY(changes.empty());
    }

    void slotsNotYetLearnedRaiseNothing()
    {
        // Seeded at two weeks into the history: every slot has two weeks, fewer than minWeeks (3).
        AnomalyDetector detector;
        seeded(detector, now - 2 * weekMs);
        const SensorBaseline* b = detector.baseline(m_city.roads()[0].id, congestion);
        QVERIFY(b);
        QCOMPARE(b->slot(50).weeks, quint16(2));
        QCOMPARE(b->learnedSlots(now - 2 * weekMs, *detector.params(congestion)), 0);
        const qint64 threeAm = beijing(2026, 10, 21, 3); // a Wednesday, right after the seeded weeks
        std::vector<SensorAlarm> changes;
        for (qint64 ts = threeAm; ts < threeAm + hourMs; ts += minuteMs)
            detector.observe(m_city.sample(0, ts, 9.5), &changes);
        QVERIFY(changes.empty());
        // A sensor never seen: learns, raises nothing.
        TelemetrySample fresh = m_city.sample(0, threeAm, 9.5);
        fresh.sensorId = QStringLiteral("traffic-610402-999");
        detector.observe(fresh, &changes);
        QVERIFY(changes.empty());
        QVERIFY(detector.baseline(fresh.sensorId, congestion));
    }

    void aSlowlyShiftingLevelIsFollowedWithoutAlarms()
    {
        // Six weeks in which every reading creeps up by 0.3 a week: 1.8 in all, six night-time spreads.
        AnomalyDetector detector;
        seeded(detector);
        constexpr int roads = 10;
        const SensorBaseline::Params& p = *detector.params(congestion);
        const qint64 night = now + 6 * weekMs + 2 * dayMs + 3 * hourMs + 30 * minuteMs; // a Wednesday 03:30
        const SensorBaseline::Expectation seededNight
            = detector.baseline(m_city.roads()[0].id, congestion)->expect(night, p);
        const double total = 1.8;
        QVERIFY2(total / seededNight.spread > 4, "the shift would alarm against a baseline that does not learn");
        const auto shift = [&](qint64 ts) { return total * double(ts - now) / double(6 * weekMs); };
        const std::vector<SensorAlarm> changes = replay(detector, m_city, now, now + 6 * weekMs, 31, roads, shift);
        for (const SensorAlarm& a : changes)
            qInfo("  %s", qPrintable(a.explanation));
        QCOMPARE(raisedCount(changes), 0);
        const SensorBaseline::Expectation learned
            = detector.baseline(m_city.roads()[0].id, congestion)->expect(night, p);
        QVERIFY2(std::abs(learned.centre - (m_city.usual(0, night) + total)) < 0.4,
            qPrintable(QStringLiteral("%1 vs %2").arg(learned.centre).arg(m_city.usual(0, night) + total)));
        QCOMPARE(learned.weeks, 10);
    }

    void anIncidentKindFollowsTheDomain()
    {
        QCOMPARE(AnomalyDetector::incidentKindForDomain(QStringLiteral("air")), QStringLiteral("pollution"));
        QCOMPARE(AnomalyDetector::incidentKindForDomain(QStringLiteral("water")), QStringLiteral("waterlogging"));
        QCOMPARE(AnomalyDetector::incidentKindForDomain(QStringLiteral("traffic")), QStringLiteral("traffic_jam"));
        QCOMPARE(AnomalyDetector::incidentKindForDomain(QStringLiteral("noise")), QStringLiteral("noise"));
        QCOMPARE(AnomalyDetector::incidentKindForDomain(QStringLiteral("energy")), QStringLiteral("power"));
        QStringList watched;
        for (const AnomalyDetector::WatchedMetric& w : AnomalyDetector::defaultMetrics())
            watched << w.domain + QLatin1Char('.') + w.metric;
        QCOMPARE(watched,
            (QStringList {
                "traffic.congestion", "traffic.speed", "air.pm25", "water.level", "noise.laeq", "energy.load" }));
    }

    void seedingSixHundredSensorsOverFourWeeksIsBounded()
    {
        // The simulator's mix scaled to 600 sensors: 327 roads (congestion and speed), 82 air (pm25),
        // 55 water (level), 82 noise (laeq), 54 energy (load): 927 watched series, 4 x 168 hours each.
        const QString path = m_dir.filePath(QStringLiteral("600.sqlite"));
        const std::pair<const char*, int> mix[]
            = { { "traffic", 327 }, { "air", 82 }, { "water", 55 }, { "noise", 82 }, { "energy", 54 } };
        {
            HistoryOptions options;
            options.rawRetentionMs = options.minuteRetentionMs = options.hourRetentionMs = 100LL * 365 * dayMs;
            HistoryStore store(path, options);
            QVERIFY(store.start());
            std::vector<TelemetrySample> batch;
            for (qint64 ts = now - 4 * weekMs; ts < now; ts += hourMs) {
                for (const auto& [domain, count] : mix) {
                    for (int i = 0; i < count; ++i) {
                        TelemetrySample s;
                        s.sensorId = QStringLiteral("%1-610402-%2").arg(QLatin1String(domain)).arg(i);
                        s.domain = QLatin1String(domain);
                        s.district = QStringLiteral("610402");
                        s.tsMs = ts + i * 1000;
                        const double v = 10 + (ts / hourMs) % 24 + i % 7;
                        if (s.domain == QLatin1String("traffic"))
                            s.values = { { QStringLiteral("speed"), v }, { congestion, v / 10 } };
                        else if (s.domain == QLatin1String("air"))
                            s.values = { { QStringLiteral("pm25"), v } };
                        else if (s.domain == QLatin1String("water"))
                            s.values = { { QStringLiteral("level"), v / 10 } };
                        else if (s.domain == QLatin1String("noise"))
                            s.values = { { QStringLiteral("laeq"), v + 40 } };
                        else
                            s.values = { { QStringLiteral("load"), v * 10 } };
                        batch.push_back(std::move(s));
                    }
                }
                if (batch.size() >= 20000)
                    store.append(std::exchange(batch, {}));
            }
            store.append(std::move(batch));
            QVERIFY(store.flush(300000));
        }
        AnomalyDetector detector;
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const AnomalyDetector::SeedStats stats = detector.seed(reader, now);
        QVERIFY2(stats.ok, qPrintable(stats.error));
        qInfo("seeded %d series (600 sensors) from %lld hourly rollups in %lld ms", stats.series, stats.hours,
            stats.elapsedMs);
        QCOMPARE(stats.series, 927);
        QCOMPARE(stats.hours, qint64(927) * 4 * 168);
        QVERIFY(stats.elapsedMs < detector.settings().seedBudgetMs);

        // The budget bounds it: a tiny one seeds some and leaves the rest to learn live.
        AnomalyDetector::Settings tight;
        tight.seedBudgetMs = 0;
        AnomalyDetector hurried(tight);
        const AnomalyDetector::SeedStats cut = hurried.seed(reader, now);
        QVERIFY(cut.series >= 1);
        QCOMPARE(cut.series + cut.skipped, 927);
    }
};

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "tst_anomalydetector.moc"
