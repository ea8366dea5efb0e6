#include "anomalydetector.h"
#include "districtlayer.h"
#include "historyreader.h"
#include "historystore.h"
#include "sensorfleet.h"
#include "telemetrymodel.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace citybrain;

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
constexpr qint64 weekMs = 7 * dayMs;

// Monday 2 November 2026 00:00 Beijing: four weeks of history before it, before the heating season
// (15 November) moves the PM2.5 and load levels.
const qint64 now = QDateTime(QDate(2026, 11, 2), QTime(0, 0), QTimeZone(8 * 3600)).toMSecsSinceEpoch();

TelemetrySample read(sim::SimSensor& sensor, qint64 tsMs, QRandomGenerator& rng)
{
    TelemetrySample s;
    s.sensorId = sensor.id;
    s.domain = sensor.domain;
    s.district = sensor.district;
    s.tsMs = tsMs;
    s.lon = sensor.lon;
    s.lat = sensor.lat;
    s.values = sim::TelemetryModel::read(sensor, tsMs, rng);
    return s;
}

// What an incident does to a reading: a jam (volume/capacity 1.1, a third of the speed), haze (PM2.5 x 3),
// a flood wave (+0.5 m), a night-time construction site (+15 dB), a heat wave (load x 1.5).
void disturb(TelemetrySample& s)
{
    for (auto& [metric, value] : s.values) {
        if (metric == QLatin1String("congestion"))
            value = std::round(sim::TelemetryModel::congestionIndex(1.1) * 10) / 10;
        else if (metric == QLatin1String("speed"))
            value = std::round(value / 3 * 10) / 10;
        else if (metric == QLatin1String("pm25"))
            value *= 3;
        else if (metric == QLatin1String("level"))
            value += 0.5;
        else if (metric == QLatin1String("laeq"))
            value += 15;
        else if (metric == QLatin1String("load"))
            value *= 1.5;
    }
}

} // namespace

// The detector on the simulator's own telemetry (modules/sim: daily and weekly cycles, AR(1) noise,
// rounding), 110 sensors of the five domains: how many false alarms on normal days, which incidents it sees.
class TestAnomalySim : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    sim::SensorFleet m_fleet { DistrictLayer::xianyang(), 1, sim::SensorCounts { 15, 60, 10, 15, 10 } };
    // Series (sensor, metric) the detector watches in this fleet: 15 + 2 * 60 + 10 + 15 + 10.
    static constexpr int watchedSeries = 170;

    void seeded(AnomalyDetector& detector)
    {
        HistoryReader reader(m_path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const AnomalyDetector::SeedStats stats = detector.seed(reader, now);
        QVERIFY2(stats.ok, qPrintable(stats.error));
        QCOMPARE(stats.series, watchedSeries);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("history.sqlite"));
        HistoryOptions options;
        options.rawRetentionMs = options.minuteRetentionMs = options.hourRetentionMs = 100LL * 365 * dayMs;
        HistoryStore store(m_path, options);
        QVERIFY(store.start());
        QRandomGenerator rng(5);
        std::vector<TelemetrySample> batch;
        for (qint64 ts = now - 4 * weekMs; ts < now; ts += 10 * minuteMs) {
            for (sim::SimSensor& sensor : m_fleet.sensors())
                batch.push_back(read(sensor, ts, rng));
            if (batch.size() >= 20000)
                store.append(std::exchange(batch, {}));
        }
        store.append(std::move(batch));
        QVERIFY(store.flush(300000));
    }

    void tenNormalDaysStayWithinTheFalseAlarmBudget()
    {
        AnomalyDetector detector;
        seeded(detector);
        QRandomGenerator rng(6);
        std::vector<SensorAlarm> changes;
        const int days = 10;
        for (qint64 ts = now; ts < now + days * dayMs; ts += minuteMs) {
            for (sim::SimSensor& sensor : m_fleet.sensors())
                detector.observe(read(sensor, ts, rng), &changes);
        }
        int raised = 0;
        for (const SensorAlarm& a : changes) {
            if (a.state == SensorAlarm::State::Raised) {
                ++raised;
                qInfo("  %s", qPrintable(a.explanation));
            }
        }
        const double sensorWeeks = double(m_fleet.sensors().size()) * days / 7.0;
        qInfo("false alarms on %d normal days of %d simulated sensors: %d (%.3f per sensor-week; budget 1)", days,
            int(m_fleet.sensors().size()), raised, raised / sensorWeeks);
        QVERIFY(raised <= int(sensorWeeks));
    }

    void incidentsAtNightAreRaised()
    {
        AnomalyDetector detector;
        seeded(detector);
        QRandomGenerator rng(7);
        std::vector<SensorAlarm> changes;
        const qint64 threeAm = now + 2 * dayMs + 3 * hourMs; // Wednesday 03:00
        for (qint64 ts = now; ts < threeAm; ts += minuteMs) {
            for (sim::SimSensor& sensor : m_fleet.sensors())
                detector.observe(read(sensor, ts, rng), &changes);
        }
        QCOMPARE(changes.size(), std::size_t(0));
        for (qint64 ts = threeAm; ts < threeAm + 30 * minuteMs; ts += minuteMs) {
            for (sim::SimSensor& sensor : m_fleet.sensors()) {
                TelemetrySample s = read(sensor, ts, rng);
                disturb(s);
                detector.observe(s, &changes);
            }
        }
        std::map<QString, int> raised;
        for (const SensorAlarm& a : changes) {
            QCOMPARE(a.state, SensorAlarm::State::Raised);
            QVERIFY(a.tsMs >= threeAm + 10 * minuteMs);
            ++raised[a.metric];
        }
        QStringList summary;
        for (const auto& [metric, n] : raised)
            summary << QStringLiteral("%1 %2").arg(metric).arg(n);
        qInfo("raised within 30 minutes: %s", qPrintable(summary.join(QStringLiteral(", "))));
        QCOMPARE(raised[QStringLiteral("congestion")], 60);
        QCOMPARE(raised[QStringLiteral("speed")], 60);
        QCOMPARE(raised[QStringLiteral("pm25")], 15);
        QCOMPARE(raised[QStringLiteral("laeq")], 15);
        QCOMPARE(raised[QStringLiteral("load")], 10);
        QVERIFY(raised[QStringLiteral("level")] >= 1); // the gauges' three-day swing widens their weekly spread
    }
};

QTEST_GUILESS_MAIN(TestAnomalySim)
#include "tst_anomalysim.moc"
