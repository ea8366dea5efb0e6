#include "historyreader.h"
#include "historystore.h"
#include "sqlitedb.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <map>
#include <random>
#include <unistd.h>

using namespace citybrain;

namespace {

constexpr qint64 minuteMs = 60000;
constexpr qint64 hourMs = 3600000;

TelemetrySample sample(const QString& sensor, qint64 tsMs, double value)
{
    TelemetrySample s;
    s.sensorId = sensor;
    s.domain = QStringLiteral("air");
    s.district = QStringLiteral("610404");
    s.tsMs = tsMs;
    s.values = { { QStringLiteral("pm25"), value } };
    return s;
}

JournalEntry entry(int i)
{
    JournalEntry e;
    e.incidentId = QStringLiteral("INC-%1").arg(i % 7);
    e.kind = QStringLiteral("ack");
    e.actor = QStringLiteral("王伟");
    e.role = QStringLiteral("dispatcher");
    e.console = QStringLiteral("console-2");
    e.tsMs = 1000 + i;
    e.before = QStringLiteral("{\"status\":\"new\"}");
    e.after = QStringLiteral("{\"status\":\"acknowledged\"}");
    e.payload = QStringLiteral("{\"n\":%1}").arg(i);
    return e;
}

qint64 scalar(const QString& path, const char* sql)
{
    Sqlite db;
    qint64 value = -1;
    if (db.open(path, true))
        db.queryInt(sql, &value);
    return value;
}

// Fast retries so the fault tests recover quickly; no timing is asserted.
HistoryOptions faultOptions()
{
    HistoryOptions options;
    options.busyTimeoutMs = 50;
    options.retryInitialMs = 20;
    options.retryMaxMs = 200;
    options.journalWaitMs = 2000;
    return options;
}

// Raw pm25 values stored, closed minutes (raw_chunk) and open ones (raw_stage), as the reader sees them.
qint64 pm25Count(const QString& path)
{
    HistoryReader reader(path);
    QString error;
    if (!reader.open(&error))
        return -1;
    qint64 count = 0;
    const bool ok = reader.forEachTelemetry(0, qint64(1) << 50, [&](const TelemetryPoint& point) {
        count += point.metric == QLatin1String("pm25") ? 1 : 0;
        return true;
    });
    return ok ? count : -1;
}

// The child of killMidStreamLosesNothingCommitted: writes, reports progress on stdout, kills itself.
// `age`: how old its values are (10 minutes: minutes closed at once; 0: open minutes, in raw_stage).
int killChild(const QString& path, qint64 age)
{
    HistoryStore store(path);
    if (!store.start())
        return 2;
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - age;
    qint64 ts = base;
    for (int round = 0; round < 40; ++round) {
        if (store.appendJournal({ entry(round) }))
            std::printf("J %d\n", round);
        std::vector<TelemetrySample> samples;
        for (int i = 0; i < 200; ++i)
            samples.push_back(sample(QStringLiteral("aq-%1").arg(i % 20), ts++, i));
        store.append(std::move(samples));
        if (round % 10 == 9 && store.flush())
            std::printf("C %lld\n", static_cast<long long>(ts - base)); // values committed so far
        std::fflush(stdout);
    }
    std::vector<TelemetrySample> unflushed;
    for (int i = 0; i < 500; ++i)
        unflushed.push_back(sample(QStringLiteral("aq-0"), ts++, i));
    store.append(std::move(unflushed));
    std::printf("A %lld\n", static_cast<long long>(ts - base));
    std::fflush(stdout);
    ::kill(::getpid(), SIGKILL); // no clean stop, no final flush, no rollups of the open minutes
    return 3;
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rollupsMatchABruteForceComputation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 from = (QDateTime::currentMSecsSinceEpoch() / hourMs - 5) * hourMs + 17 * minuteMs;
        QRandomGenerator random(7);
        std::vector<TelemetrySample> all;
        for (qint64 ts = from; ts < from + 2 * hourMs; ts += 1 + random.bounded(4000))
            all.push_back(sample(QStringLiteral("aq-1"), ts, std::round(random.bounded(500.0) * 10) / 10));
        // Out of order and across several commits, so late values merge into rollups already written.
        std::shuffle(all.begin(), all.end(), std::mt19937(3));
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            for (std::size_t i = 0; i < all.size(); i += 700) {
                store.append(std::vector<TelemetrySample>(
                    all.begin() + qsizetype(i), all.begin() + qsizetype(std::min(all.size(), i + 700))));
                QVERIFY(store.flush());
            }
            QCOMPARE(store.metrics().valuesWritten, qint64(all.size()));
        }
        for (const qint64 step : { minuteMs, hourMs }) {
            struct Truth
            {
                qint64 count = 0;
                double sum = 0, min = 1e300, max = -1e300, first = 0, last = 0;
                qint64 firstTs = LLONG_MAX, lastTs = LLONG_MIN;
            };
            std::map<qint64, Truth> truth;
            for (const TelemetrySample& s : all) {
                Truth& t = truth[s.tsMs / step * step];
                const double v = s.values[0].second;
                ++t.count;
                t.sum += v;
                t.min = std::min(t.min, v);
                t.max = std::max(t.max, v);
                if (s.tsMs < t.firstTs) {
                    t.firstTs = s.tsMs;
                    t.first = v;
                }
                if (s.tsMs > t.lastTs) {
                    t.lastTs = s.tsMs;
                    t.last = v;
                }
            }
            Sqlite db;
            QVERIFY(db.open(path, true));
            SqliteStatement rows;
            QVERIFY(rows.prepare(db,
                step == minuteMs ? "SELECT bucket, count, sum, min, max, first, first_ts, last, last_ts FROM "
                                   "rollup_minute ORDER BY bucket"
                                 : "SELECT bucket, count, sum, min, max, first, first_ts, last, last_ts FROM "
                                   "rollup_hour ORDER BY bucket"));
            std::size_t seen = 0;
            while (rows.step()) {
                const auto it = truth.find(rows.int64(0));
                QVERIFY2(it != truth.end(), "a rollup bucket without raw data");
                const Truth& t = it->second;
                QCOMPARE(rows.int64(1), t.count);
                QVERIFY(qAbs(rows.real(2) / rows.int64(1) - t.sum / t.count) < 1e-9); // mean
                QCOMPARE(rows.real(3), t.min);
                QCOMPARE(rows.real(4), t.max);
                QCOMPARE(rows.real(5), t.first);
                QCOMPARE(rows.int64(6), t.firstTs);
                QCOMPARE(rows.real(7), t.last);
                QCOMPARE(rows.int64(8), t.lastTs);
                ++seen;
            }
            QVERIFY(rows.ok());
            QCOMPARE(seen, truth.size());
        }
        // Every raw value is still there, and each closed minute was compacted into one row.
        QCOMPARE(pm25Count(path), qint64(all.size()));
    }

    // A backlog (after a fault, a restart, or a burst) whose minutes all close in one commit: one
    // compacted raw_chunk row per series and minute, every value, rollups as for live commits.
    void aBacklogIsOneCompactedRowPerSeriesAndMinute()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 from = (QDateTime::currentMSecsSinceEpoch() / minuteMs - 12) * minuteMs;
        std::vector<TelemetrySample> all;
        for (qint64 ts = from; ts < from + 10 * minuteMs; ts += 1000) {
            for (int s = 0; s < 50; ++s) {
                TelemetrySample one = sample(QStringLiteral("aq-%1").arg(s), ts + s, double(ts / 1000 % 1000));
                one.values.emplace_back(QStringLiteral("no2"), double(s));
                all.push_back(std::move(one));
            }
        }
        std::shuffle(all.begin(), all.end(), std::mt19937(5)); // arrival order is not time order
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            store.append(all);
            QVERIFY(store.flush());
            QCOMPARE(store.metrics().valuesWritten, qint64(2 * all.size()));
        }
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_stage"), qint64(0));
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_chunk"), qint64(100 * 10));
        QCOMPARE(scalar(path, "SELECT sum(n) FROM raw_chunk"), qint64(2 * all.size()));
        QCOMPARE(scalar(path, "SELECT count(*) FROM rollup_minute"), qint64(100 * 10));
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_minute"), qint64(2 * all.size()));
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_hour"), qint64(2 * all.size()));
        QCOMPARE(scalar(path, "SELECT min(n) FROM raw_chunk"), qint64(60));
        // One series read back: every second, in time order, each value where it belongs.
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const std::vector<QPointF> points
            = reader.range({ QStringLiteral("aq-7"), QStringLiteral("pm25") }, from, from + 10 * minuteMs, 100000);
        QCOMPARE(int(points.size()), 600);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const qint64 ts = from + qint64(i) * 1000;
            QCOMPARE(points[i], QPointF(double(ts + 7), double(ts / 1000 % 1000)));
        }
    }

    // Samples list their metrics in any order, and a sensor may gain a metric: each value still goes
    // to its own (sensor, metric) series.
    void metricsInAnyOrderReachTheirSeries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 ts = QDateTime::currentMSecsSinceEpoch() - 10 * minuteMs;
        const auto make = [](const QString& sensor, qint64 t, std::vector<std::pair<QString, double>> values) {
            TelemetrySample s = sample(sensor, t, 0);
            s.values = std::move(values);
            return s;
        };
        const QString pm25 = QStringLiteral("pm25"), pm10 = QStringLiteral("pm10"), no2 = QStringLiteral("no2");
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            store.append({ make(QStringLiteral("a"), ts, { { pm25, 1 }, { pm10, 2 } }),
                make(QStringLiteral("b"), ts, { { pm10, 20 }, { pm25, 10 } }),
                make(QStringLiteral("a"), ts + 1, { { pm10, 4 }, { pm25, 3 } }),
                make(QStringLiteral("a"), ts + 2, { { no2, 5 } }),
                make(QStringLiteral("a"), ts + 3, { { no2, 7 }, { pm25, 6 } }) });
            QVERIFY(store.flush());
            // The next commit, with the series known: the same mapping.
            store.append({ make(QStringLiteral("b"), ts + 4, { { pm25, 30 }, { pm10, 40 } }) });
            QVERIFY(store.flush());
        }
        QCOMPARE(scalar(path, "SELECT count(*) FROM series"), qint64(5));
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto values = [&](const QString& sensor, const QString& metric) {
            QList<double> out;
            for (const QPointF& p : reader.range({ sensor, metric }, ts - 1000, ts + 1000, 100000))
                out.append(p.y());
            return out;
        };
        QCOMPARE(values(QStringLiteral("a"), pm25), (QList<double> { 1, 3, 6 }));
        QCOMPARE(values(QStringLiteral("a"), pm10), (QList<double> { 2, 4 }));
        QCOMPARE(values(QStringLiteral("a"), no2), (QList<double> { 5, 7 }));
        QCOMPARE(values(QStringLiteral("b"), pm25), (QList<double> { 10, 30 }));
        QCOMPARE(values(QStringLiteral("b"), pm10), (QList<double> { 20, 40 }));
    }

    void retentionDeletesWhatIsOlderThanEachWindow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 day = 24 * hourMs;
        HistoryOptions options; // 7 days raw, 90 days minute, 730 days hour
        HistoryStore store(path, options);
        QVERIFY(store.start());
        std::vector<TelemetrySample> samples;
        for (const qint64 age : { 1 * day, 10 * day, 100 * day, 800 * day })
            for (int i = 0; i < 3000; ++i) // 3000 rows per age: several delete steps per series
                samples.push_back(sample(QStringLiteral("aq-1"), now - age - i * minuteMs / 4, 1));
        store.append(samples);
        QVERIFY(store.flush());
        QVERIFY(store.runRetention());
        const auto count = [&](const char* sql) { return scalar(path, sql); };
        // Raw: only the 1-day-old values are left.
        QCOMPARE(count("SELECT coalesce(sum(n),0) FROM raw_chunk"), qint64(3000));
        // 1-minute rollups: the 1-day and 10-day minutes; 1-hour rollups: all but the 800-day ones.
        Sqlite db;
        QVERIFY(db.open(path, true));
        SqliteStatement s;
        QVERIFY(s.prepare(db, "SELECT min(bucket), sum(count) FROM rollup_minute"));
        QVERIFY(s.step());
        QVERIFY(s.int64(0) >= now - 90 * day);
        QCOMPARE(s.int64(1), qint64(6000));
        QVERIFY(s.prepare(db, "SELECT min(bucket), sum(count) FROM rollup_hour"));
        QVERIFY(s.step());
        QVERIFY(s.int64(0) >= (now - 730 * day) / hourMs * hourMs - hourMs);
        QVERIFY(s.int64(1) >= 9000);
        QVERIFY(s.int64(1) <= 9000 + 240); // an hour straddling the 730-day cut may keep a few of its values
        QVERIFY(store.metrics().retentionDeletedRows > 0);
    }

    void journalIsDurableWhenAppendReturns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        HistoryStore store(path);
        QVERIFY(store.start());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(store.appendJournal({ entry(i) }));
            // A second connection sees it at once: committed, not merely queued.
            Sqlite other;
            QVERIFY(other.open(path, true));
            SqliteStatement s;
            QVERIFY(s.prepare(other, "SELECT count(*), max(payload), max(actor) FROM journal"));
            QVERIFY(s.step());
            QCOMPARE(s.int64(0), qint64(i + 1));
            QCOMPARE(s.text(1), entry(i).payload);
            QCOMPARE(s.text(2), QStringLiteral("王伟"));
        }
        QCOMPARE(store.metrics().journalWritten, qint64(5));
    }

    void aRedeliveredEventIsJournalledOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            QVERIFY(store.appendJournal({ entry(1), entry(2) }));
        }
        // After a restart, the broker delivers again what was stored but not yet acknowledged.
        HistoryStore restarted(path);
        QVERIFY(restarted.start());
        QVERIFY(restarted.appendJournal({ entry(2), entry(3) }));
        Sqlite other;
        QVERIFY(other.open(path, true));
        SqliteStatement s;
        QVERIFY(s.prepare(other, "SELECT count(*) FROM journal"));
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), qint64(3));
    }

    // A console action is journalled once per (incident, action id), whatever else differs, before and
    // after a restart; the same id on another incident is another action.
    void aRedeliveredActionIsJournalledOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const auto action = [](const QString& incident, const QString& actionId, qint64 tsMs) {
            JournalEntry e = entry(0);
            e.incidentId = incident;
            e.kind = QStringLiteral("action:acknowledge");
            e.tsMs = tsMs;
            e.payload = QStringLiteral("{\"action_id\":\"%1\",\"ts\":%2}").arg(actionId).arg(tsMs);
            e.actionId = actionId;
            return e;
        };
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            QVERIFY(store.appendJournal({ action("INC-1", "c1-1", 1000), action("INC-1", "c1-1", 1000) }));
            QVERIFY(store.appendJournal({ action("INC-1", "c1-1", 1001) })); // same id, other payload
        }
        HistoryStore restarted(path);
        QVERIFY(restarted.start());
        QVERIFY(restarted.appendJournal({ action("INC-1", "c1-1", 1002), action("INC-2", "c1-1", 1000) }));
        QVERIFY(restarted.appendJournal({ entry(1) })); // entries without an action id are not affected
        restarted.stop();
        QCOMPARE(
            scalar(path, "SELECT count(*) FROM journal WHERE incident_id='INC-1' AND action_id='c1-1'"), qint64(1));
        QCOMPARE(scalar(path, "SELECT ts_ms FROM journal WHERE incident_id='INC-1' AND action_id='c1-1'"),
            qint64(1000)); // the first one stays
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal WHERE incident_id='INC-2'"), qint64(1));
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal WHERE action_id IS NULL"), qint64(1));
    }

    void killMidStreamLosesNothingCommitted_data()
    {
        QTest::addColumn<qint64>("age");
        QTest::newRow("closed minutes") << 10 * minuteMs;
        QTest::newRow("open minutes") << qint64(0);
    }

    void killMidStreamLosesNothingCommitted()
    {
        QFETCH(qint64, age);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kill.sqlite"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TST_HISTORYSTORE_KILL_CHILD"), path);
        env.insert(QStringLiteral("TST_HISTORYSTORE_KILL_AGE"), QString::number(age));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit); // SIGKILL
        QList<int> journal;
        qint64 committed = 0, appended = 0;
        for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
            if (line.startsWith("J "))
                journal << line.mid(2).toInt();
            else if (line.startsWith("C "))
                committed = line.mid(2).toLongLong();
            else if (line.startsWith("A "))
                appended = line.mid(2).toLongLong();
        }
        QCOMPARE(journal.size(), 40);
        QCOMPARE(appended, qint64(40 * 200 + 500));
        // Every journal entry that appendJournal() reported durable is there.
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal"), qint64(journal.size()));
        const qint64 stored = pm25Count(path);
        qInfo("kill -9: %lld values appended, %lld flushed, %lld found after restart: %lld lost (unflushed)",
            static_cast<long long>(appended), static_cast<long long>(committed), static_cast<long long>(stored),
            static_cast<long long>(appended - stored));
        if (age == 0) // the killed writer left open minutes in raw_stage: recovered from there
            QVERIFY(scalar(path, "SELECT count(*) FROM raw_stage") > 0);
        QVERIFY(stored >= committed); // nothing committed is lost
        QVERIFY(stored <= appended);
        // The next start rebuilds the minutes the killed writer had not rolled up.
        {
            HistoryStore store(path);
            QVERIFY(store.start());
        }
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_minute"), stored);
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_hour"), stored);
        QCOMPARE(pm25Count(path), stored);
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_stage"), qint64(0)); // every minute closed at stop
    }

    void openMinutesCostOneRowPerCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        HistoryStore store(path);
        QVERIFY(store.start());
        const auto batch = [&](qint64 ts, double value) {
            std::vector<TelemetrySample> samples;
            for (int i = 0; i < 3000; ++i)
                samples.push_back(sample(QStringLiteral("aq-%1").arg(i), ts, value + i));
            return samples;
        };
        store.append(batch(now - 1000, 0)); // the open minute (closes minuteCloseGraceMs after it ends)
        QVERIFY(store.flush());
        const qint64 rowsBefore = store.metrics().rowsWritten;
        store.append(batch(now - 900, 0.5));
        QVERIFY(store.flush());
        // One staging row for 3000 series (plus the series rows of the first commit), none per series.
        QVERIFY2(
            store.metrics().rowsWritten - rowsBefore <= 2, qPrintable(QString::number(store.metrics().rowsWritten)));
        QVERIFY(scalar(path, "SELECT count(*) FROM raw_stage") >= 2);
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_chunk"), qint64(0));
        QCOMPARE(pm25Count(path), qint64(6000));
        // The reader sees them in the raw tier before the minute closes.
        HistoryReader reader(path);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        HistoryTier tier = HistoryTier::Hour;
        const std::vector<QPointF> points
            = reader.range({ QStringLiteral("aq-17"), QStringLiteral("pm25") }, now - 2000, now, 100, &tier);
        QCOMPARE(tier, HistoryTier::Raw);
        QCOMPARE(int(points.size()), 2);
        QCOMPARE(points[0], QPointF(double(now - 1000), 17.0));
        QCOMPARE(points[1], QPointF(double(now - 900), 17.5));
        store.stop(); // closes the open minutes: one compacted row per series, rollups, staging gone
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_stage"), qint64(0));
        QCOMPARE(scalar(path, "SELECT count(*) FROM raw_chunk"), qint64(3000));
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_minute"), qint64(6000));
        QCOMPARE(scalar(path, "SELECT sum(count) FROM rollup_hour"), qint64(6000));
        QCOMPARE(pm25Count(path), qint64(6000));
        const std::vector<QPointF> after
            = reader.range({ QStringLiteral("aq-17"), QStringLiteral("pm25") }, now - 2000, now, 100);
        QCOMPARE(after, points);
    }

    void lockedDatabaseWaitsInMemoryAndResumes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        HistoryStore store(path, faultOptions());
        QVERIFY(store.start());
        store.append({ sample(QStringLiteral("aq-1"), now - 5000, 1) });
        QVERIFY(store.flush());

        Sqlite other; // another process's connection holding the write lock
        QVERIFY(other.open(path, false));
        QVERIFY(other.exec("BEGIN IMMEDIATE"));
        store.append({ sample(QStringLiteral("aq-1"), now - 4000, 2) });
        QVERIFY(!store.appendJournal({ entry(1) }) || store.state() != StoreState::Ok);
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::Locked, 20000);
        QVERIFY2(store.storeError().contains(QStringLiteral("locked")), qPrintable(store.storeError()));
        QVERIFY(!store.appendJournal({ entry(2) })); // returns at once, queued
        store.append({ sample(QStringLiteral("aq-1"), now - 3000, 3) }); // ingest goes on
        QVERIFY(store.metrics().queuedValues >= 1);
        QVERIFY(store.metrics().journalQueued >= 1);

        QVERIFY(other.exec("ROLLBACK"));
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::Ok, 20000);
        QVERIFY(store.flush());
        QCOMPARE(store.storeError(), QString());
        QCOMPARE(pm25Count(path), qint64(3));
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal"), qint64(2));
    }

    void diskFullKeepsTelemetryBoundedAndTheJournalQueued()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        HistoryOptions options = faultOptions();
        options.maxBacklogValues = 5000;
        HistoryStore store(path, options);
        QVERIFY(store.start());
        store.append({ sample(QStringLiteral("aq-1"), now - 9000, 1) });
        QVERIFY(store.appendJournal({ entry(0) }));
        // Cap the file at its current size: SQLite reports SQLITE_FULL for real when it needs a new page.
        store.setMaxPageCount(scalar(path, "PRAGMA page_count"));
        for (int round = 0; round < 20 && store.state() == StoreState::Ok; ++round) {
            std::vector<TelemetrySample> samples;
            for (int i = 0; i < 500; ++i)
                samples.push_back(sample(QStringLiteral("aq-%1").arg(round * 500 + i), now - 8000, i));
            store.append(std::move(samples));
            store.flush(2000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::DiskFull, 20000);
        QVERIFY2(store.storeError().contains(QStringLiteral("disk full")), qPrintable(store.storeError()));
        QVERIFY(!store.appendJournal({ entry(1) }));
        for (int i = 0; i < 20; ++i) { // beyond the backlog bound: the oldest telemetry goes
            std::vector<TelemetrySample> samples;
            for (int k = 0; k < 500; ++k)
                samples.push_back(sample(QStringLiteral("aq-x"), now - 7000 + k, k));
            store.append(std::move(samples));
        }
        const HistoryMetrics during = store.metrics();
        QVERIFY(during.droppedValues > 0);
        QVERIFY(during.queuedValues <= options.maxBacklogValues);
        QVERIFY(during.queueHighWater <= options.maxBacklogValues);
        QCOMPARE(during.journalQueued, qint64(1));

        store.setMaxPageCount(0); // space again
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::Ok, 20000);
        QVERIFY(store.flush());
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal"), qint64(2)); // journal never dropped
        const qint64 stored = pm25Count(path);
        QVERIFY(stored >= 1 + 5000 - 500); // committed before + the bounded backlog
        QCOMPARE(scalar(path, "SELECT count(*) FROM series WHERE sensor='aq-1'"), qint64(1));
        QCOMPARE(scalar(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"), qint64(1));
    }

    void corruptFileIsReportedAndANewFileIsUsedOnceItIsMovedAway()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            QFile garbage(path);
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray(16384, 'x'));
        }
        HistoryStore store(path, faultOptions());
        QString error;
        QVERIFY(!store.start(&error));
        QCOMPARE(store.state(), StoreState::Corrupt);
        QVERIFY2(error.contains(QStringLiteral("corrupt")), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        store.append({ sample(QStringLiteral("aq-1"), now - 1000, 7) });
        QVERIFY(!store.appendJournal({ entry(0) }));
        QCOMPARE(store.state(), StoreState::Corrupt);
        QFile garbage(path);
        QCOMPARE(garbage.size(), qint64(16384)); // never overwritten: the operator may want it
        QVERIFY(garbage.rename(dir.filePath(QStringLiteral("h.sqlite.corrupt"))));
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::Ok, 20000);
        QVERIFY(store.flush());
        QCOMPARE(pm25Count(path), qint64(1));
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal"), qint64(1));
    }

    void readOnlyFileIsReportedAndWritesResumeWhenWritable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            HistoryStore store(path);
            QVERIFY(store.start());
            store.append({ sample(QStringLiteral("aq-1"), now - 9000, 1) });
            QVERIFY(store.appendJournal({ entry(0) }));
        }
        // root ignores permission bits: make the file immutable instead.
        const bool root = ::geteuid() == 0;
        const auto setReadOnly = [&](bool on) {
            if (root)
                return QProcess::execute(QStringLiteral("chattr"), { on ? "+i" : "-i", path }) == 0;
            return QFile::setPermissions(
                path, on ? QFileDevice::ReadOwner : QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        };
        if (!setReadOnly(true))
            QSKIP("cannot make a file read-only here (chattr +i needs CAP_LINUX_IMMUTABLE)");
        auto cleanup = qScopeGuard([&] { setReadOnly(false); });
        HistoryStore store(path, faultOptions());
        store.start();
        store.append({ sample(QStringLiteral("aq-1"), now - 8000, 2) });
        QVERIFY(!store.appendJournal({ entry(1) }) || store.state() != StoreState::Ok);
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::ReadOnly, 20000);
        QVERIFY2(store.storeError().contains(QStringLiteral("read-only")), qPrintable(store.storeError()));
        QVERIFY(setReadOnly(false));
        QTRY_COMPARE_WITH_TIMEOUT(store.state(), StoreState::Ok, 20000);
        QVERIFY(store.flush());
        QCOMPARE(pm25Count(path), qint64(2));
        QCOMPARE(scalar(path, "SELECT count(*) FROM journal"), qint64(2));
    }
};

int main(int argc, char** argv)
{
    const QString childPath = qEnvironmentVariable("TST_HISTORYSTORE_KILL_CHILD");
    QCoreApplication app(argc, argv);
    if (!childPath.isEmpty())
        return killChild(childPath, qEnvironmentVariableIntValue("TST_HISTORYSTORE_KILL_AGE"));
    TestHistoryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
