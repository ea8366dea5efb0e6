#include "historyreader.h"
#include "historystore.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace citybrain;

namespace {

TelemetrySample sample(const QString& sensor, qint64 tsMs, double flow)
{
    TelemetrySample s;
    s.sensorId = sensor;
    s.domain = QStringLiteral("traffic");
    s.district = QStringLiteral("610402");
    s.tsMs = tsMs;
    s.values = { { QStringLiteral("flow"), flow }, { QStringLiteral("speed"), 40.0 } };
    return s;
}

IncidentEvent incident(const QString& id, qint64 tsMs, const QString& status)
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("119-fire");
    e.tsMs = tsMs;
    e.seq = tsMs;
    e.kind = QStringLiteral("fire");
    e.severity = Severity::Major;
    e.status = status;
    e.title = QStringLiteral("秦都区人民路商铺起火");
    e.district = QStringLiteral("610402");
    return e;
}

int columnOf(qint64 x, qint64 from, qint64 to, int px)
{
    const int c = int(double(x - from) * px / double(to - from));
    return std::min(c, px - 1);
}

} // namespace

class TestHistoryReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rangePicksTheTierBySpanAndKeepsEveryColumnsExtremes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        // Three whole hours, one irregular reading every ~1 s, ending a day ago (inside every retention window).
        const qint64 hour = 3600000;
        const qint64 from = (QDateTime::currentMSecsSinceEpoch() / hour - 27) * hour;
        const qint64 to = from + 3 * hour;
        QRandomGenerator random(42);
        std::vector<std::pair<qint64, double>> raw;
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            std::vector<TelemetrySample> batch;
            for (qint64 ts = from; ts < to; ts += 500 + random.bounded(1000)) {
                const double v = 1000 + random.bounded(5000.0);
                raw.emplace_back(ts, v);
                batch.push_back(sample(QStringLiteral("trf-1"), ts, v));
                if (batch.size() == 1000)
                    store.append(std::exchange(batch, {}));
            }
            store.append(std::move(batch));
            QVERIFY(store.flush());
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const SeriesKey key { QStringLiteral("trf-1"), QStringLiteral("flow") };
        struct Case
        {
            qint64 from, to;
            int px;
            HistoryTier tier;
        };
        const Case cases[] = {
            { from + 600000, from + 1200000, 1000, HistoryTier::Raw }, // 0.6 s per column
            { from, to, 1000, HistoryTier::Raw }, // 10.8 s per column
            { from, to, 90, HistoryTier::Minute }, // 2 minutes per column
            { from, to, 3, HistoryTier::Hour }, // 1 hour per column
        };
        for (const Case& c : cases) {
            HistoryTier tier = HistoryTier::Raw;
            const std::vector<QPointF> points = reader.range(key, c.from, c.to, c.px, &tier);
            QCOMPARE(historyTierName(tier), historyTierName(c.tier));
            QVERIFY(!points.empty());
            QVERIFY2(points.size() <= std::size_t(4 * c.px), qPrintable(QString::number(points.size())));
            std::map<int, std::pair<double, double>> truth; // column -> (min, max) of the raw data
            for (const auto& [ts, v] : raw) {
                if (ts < c.from || ts > c.to)
                    continue;
                auto [it, inserted] = truth.try_emplace(columnOf(ts, c.from, c.to, c.px), v, v);
                it->second.first = std::min(it->second.first, v);
                it->second.second = std::max(it->second.second, v);
            }
            std::map<int, std::pair<double, double>> shown;
            for (const QPointF& p : points) {
                auto [it, inserted] = shown.try_emplace(columnOf(qint64(p.x()), c.from, c.to, c.px), p.y(), p.y());
                it->second.first = std::min(it->second.first, p.y());
                it->second.second = std::max(it->second.second, p.y());
            }
            QCOMPARE(shown, truth);
        }
        QVERIFY(reader.range({ QStringLiteral("nope"), QStringLiteral("flow") }, from, to, 100).empty());
    }

    void hourlyMeansGiveEachHoursCountMeanAndExtremes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 hour = 3600000;
        const qint64 h0 = (QDateTime::currentMSecsSinceEpoch() / hour - 30) * hour;
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            std::vector<TelemetrySample> batch;
            for (int m = 0; m < 60; ++m) // hour 0: 1..60, one a minute
                batch.push_back(sample(QStringLiteral("trf-1"), h0 + m * 60000 + 500, 1.0 + m));
            batch.push_back(sample(QStringLiteral("trf-1"), h0 + hour + 1000, 7.0)); // hour 1: one value
            batch.push_back(sample(QStringLiteral("trf-1"), h0 + 3 * hour + 1000, 9.0)); // hour 2: none; hour 3
            batch.push_back(sample(QStringLiteral("trf-1"), h0 + 3 * hour + 2000, 3.0));
            store.append(std::move(batch));
            QVERIFY(store.flush());
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const SeriesKey key { QStringLiteral("trf-1"), QStringLiteral("flow") };
        const std::vector<HourlyMean> hours = reader.hourlyMeans(key, h0, h0 + 4 * hour);
        QCOMPARE(hours.size(), std::size_t(3));
        QCOMPARE(hours[0].bucketMs, h0);
        QCOMPARE(hours[0].count, qint64(60));
        QCOMPARE(hours[0].mean, 30.5);
        QCOMPARE(hours[0].min, 1.0);
        QCOMPARE(hours[0].max, 60.0);
        QCOMPARE(hours[0].first, 1.0);
        QCOMPARE(hours[0].last, 60.0);
        QCOMPARE(hours[1].bucketMs, h0 + hour);
        QCOMPARE(hours[1].count, qint64(1));
        QCOMPARE(hours[1].mean, 7.0);
        QCOMPARE(hours[2].bucketMs, h0 + 3 * hour);
        QCOMPARE(hours[2].mean, 6.0);
        QCOMPARE(hours[2].first, 9.0);
        QCOMPARE(hours[2].last, 3.0);
        // Hours that start in [from, to): the end is exclusive.
        QCOMPARE(reader.hourlyMeans(key, h0 + 1, h0 + 3 * hour).size(), std::size_t(1));
        QCOMPARE(reader.hourlyMeans(key, h0 + 3 * hour, h0 + 3 * hour).size(), std::size_t(0));
        // Each metric is its own series; an unknown one is empty.
        QCOMPARE(
            reader.hourlyMeans({ QStringLiteral("trf-1"), QStringLiteral("speed") }, h0, h0 + 4 * hour)[0].mean, 40.0);
        QVERIFY(reader.hourlyMeans({ QStringLiteral("nope"), QStringLiteral("flow") }, h0, h0 + 4 * hour).empty());
    }

    void indicatorHistoryAndLatestSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 base = QDateTime::currentMSecsSinceEpoch() - 3600000;
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            std::vector<IndicatorUpdate> updates;
            for (int i = 0; i < 60; ++i) {
                IndicatorUpdate u;
                u.id = QStringLiteral("aqi-city");
                u.name = QStringLiteral("空气质量指数");
                u.nameEn = QStringLiteral("AQI");
                u.unit = QString();
                u.value = 50 + i;
                u.target = 100;
                u.hasTarget = true;
                u.higherIsBetter = false;
                u.tsMs = base + i * 1000;
                updates.push_back(u);
            }
            IndicatorUpdate stale = updates.front(); // a retained re-delivery: neither history nor latest
            store.appendIndicators(updates);
            QVERIFY(store.flush());
            store.appendIndicators({ stale });
            QVERIFY(store.flush());
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const std::vector<IndicatorUpdate> latest = reader.latestIndicators();
        QCOMPARE(latest.size(), std::size_t(1));
        QCOMPARE(latest[0].value, 109.0);
        QCOMPARE(latest[0].name, QStringLiteral("空气质量指数"));
        QCOMPARE(latest[0].target, 100.0);
        QVERIFY(latest[0].hasTarget);
        QVERIFY(!latest[0].higherIsBetter);
        const std::vector<QPointF> history
            = reader.indicatorHistory(QStringLiteral("aqi-city"), base, base + 60000, 600);
        QCOMPARE(history.size(), std::size_t(60)); // one per second, 0.1 s columns: every value
        QCOMPARE(history.front(), QPointF(double(base), 50.0));
        QCOMPARE(history.back(), QPointF(double(base + 59000), 109.0));
    }

    void incidentStatesAtGivesEachIncidentAsItWas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            QVERIFY(store.appendIncidents({ incident("INC-1", 1000, "new"), incident("INC-2", 1500, "new") }));
            QVERIFY(store.appendIncidents({ incident("INC-1", 3000, "update") }));
            QVERIFY(store.appendIncidents({ incident("INC-1", 5000, "closed"), incident("INC-2", 2500, "update") }));
            QVERIFY(store.appendIncidents({ incident("INC-2", 2000, "late") })); // arrives late, older event
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto statusesAt = [&](qint64 ts) {
            QStringList out;
            for (const IncidentEvent& e : reader.incidentStatesAt(ts))
                out << e.id + QLatin1Char('=') + e.status;
            return out;
        };
        QCOMPARE(statusesAt(999), QStringList());
        QCOMPARE(statusesAt(1000), QStringList { "INC-1=new" });
        QCOMPARE(statusesAt(2000), (QStringList { "INC-1=new", "INC-2=late" }));
        QCOMPARE(statusesAt(3000), (QStringList { "INC-1=update", "INC-2=update" }));
        QCOMPARE(statusesAt(9999), (QStringList { "INC-1=closed", "INC-2=update" }));
        const std::vector<IncidentEvent> states = reader.incidentStatesAt(9999);
        QCOMPARE(states[0].title, QStringLiteral("秦都区人民路商铺起火"));
        QCOMPARE(states[0].severity, Severity::Major);

        const std::vector<JournalEntry> between = reader.eventsBetween(1500, 3000);
        QStringList order;
        for (const JournalEntry& e : between)
            order << e.incidentId + QLatin1Char('@') + QString::number(e.tsMs);
        QCOMPARE(order, (QStringList { "INC-2@1500", "INC-2@2000", "INC-2@2500", "INC-1@3000" }));
        QCOMPARE(between[0].kind, QStringLiteral("event"));
        QCOMPARE(between[0].actor, QStringLiteral("119-fire"));
        QVERIFY(between[0].recordedMs > 0);
    }

    void incidentActionsAreTheActionEntriesOfTheIncidentsInJournalOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const auto action = [](const QString& incident, const QString& actionId, qint64 tsMs) {
            JournalEntry e;
            e.incidentId = incident;
            e.kind = QStringLiteral("action:note");
            e.actor = QStringLiteral("zhang.wei");
            e.role = QStringLiteral("dispatcher");
            e.console = QStringLiteral("console-1");
            e.tsMs = tsMs;
            e.payload = QStringLiteral("{}");
            e.before = QStringLiteral("new");
            e.after = QStringLiteral("new");
            e.actionId = actionId;
            return e;
        };
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            QVERIFY(store.appendIncidents({ incident("INC-1", 1000, "new"), incident("INC-2", 1000, "new") }));
            QVERIFY(store.appendJournal({ action("INC-2", "c1-2", 5000) }));
            QVERIFY(store.appendJournal({ action("INC-1", "c1-3", 1000), action("INC-3", "c1-4", 1000) }));
            QVERIFY(store.appendJournal({ action("INC-2", "c1-5", 2000) })); // journalled later, older ts
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        bool ok = false;
        const std::vector<JournalEntry> actions = reader.incidentActions({ "INC-1", "INC-2" }, &ok);
        QVERIFY(ok);
        QStringList ids;
        for (const JournalEntry& e : actions)
            ids << e.incidentId + QLatin1Char('/') + e.actionId;
        QCOMPARE(ids, (QStringList { "INC-2/c1-2", "INC-1/c1-3", "INC-2/c1-5" })); // events and INC-3 left out
        QCOMPARE(actions[0].kind, QStringLiteral("action:note"));
        QCOMPARE(actions[0].before, QStringLiteral("new"));
        QCOMPARE(actions[0].console, QStringLiteral("console-1"));
        QVERIFY(actions[0].id < actions[1].id && actions[1].id < actions[2].id);
        QVERIFY(reader.incidentActions({ "INC-9" }, &ok).empty());
        QVERIFY(ok);
        QVERIFY(reader.incidentActions({}).empty());
    }

    void exportIteratesEveryValueAndEveryEntryInRange()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 base = QDateTime::currentMSecsSinceEpoch() - 7200000;
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            std::vector<TelemetrySample> samples;
            for (int i = 0; i < 300; ++i)
                samples.push_back(sample(QStringLiteral("trf-%1").arg(i % 3), base + i * 1000, i));
            store.append(samples);
            QVERIFY(store.appendIncidents({ incident("INC-9", base + 10000, "new") }));
        }
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        int count = 0;
        qint64 previous = 0;
        QString previousSeries;
        bool ordered = true;
        QVERIFY(reader.forEachTelemetry(base + 100000, base + 199000, [&](const TelemetryPoint& p) {
            const QString series = p.sensor + p.metric;
            ordered = ordered && (series != previousSeries || p.tsMs > previous);
            previous = p.tsMs;
            previousSeries = series;
            ++count;
            return true;
        }));
        QVERIFY(ordered);
        QCOMPARE(count, 200); // 100 readings x 2 metrics
        int entries = 0;
        QVERIFY(reader.forEachIncidentEvent(base, base + 20000, [&](const JournalEntry& e) {
            ++entries;
            return e.incidentId == QLatin1String("INC-9");
        }));
        QCOMPARE(entries, 1);
        int stopped = 0;
        QVERIFY(reader.forEachTelemetry(base, base + 300000, [&](const TelemetryPoint&) { return ++stopped < 5; }));
        QCOMPARE(stopped, 5);
    }
};

QTEST_GUILESS_MAIN(TestHistoryReader)
#include "tst_historyreader.moc"
