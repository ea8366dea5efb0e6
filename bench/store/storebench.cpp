// citybrain-storebench: the history store's figures for bench/store.sh (docs/performance.md).
//
//   1. writer throughput: HistoryStore append..flush of N telemetry values, against raw sqlite3 batched
//      inserts of the same (series_id, ts, value) rows into a plain table (no index), same run, same disk;
//   2. query: HistoryReader::range over 24 h at 1 s (86,400 points) -> 2,000 px;
//   3. cold start: what IngestPipeline::restoreFromStore reads at start (recent incidents, every
//      indicator's latest value and its last hour over 1,200 px) from a database with 7 days of history.
//
// Prints a table and, as its last line: store ratio=<r> query_ms=<x> coldstart_ms=<x>
#include "historyreader.h"
#include "historystore.h"
#include "incidentstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <random>
#include <unistd.h>
#include <vector>

using namespace citybrain;
using Clock = std::chrono::steady_clock;

namespace {

constexpr qint64 secondMs = 1000;
constexpr qint64 minuteMs = 60 * secondMs;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "citybrain-storebench: %s\n", qPrintable(message));
    std::exit(2);
}

void removeDb(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

// Drops the file's pages from the OS page cache (no root needed), so the next read comes from disk.
void evictFromPageCache(const QString& path)
{
    for (const char* suffix : { "", "-wal" }) {
        const QByteArray name = QFile::encodeName(path + QLatin1String(suffix));
        const int fd = ::open(name.constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

HistoryOptions benchOptions()
{
    HistoryOptions options;
    options.maxBacklogValues = 1LL << 40; // the bench must not drop: it appends faster than real time
    options.retentionIntervalMs = 24 * 3600 * 1000; // no retention pass during a measurement
    return options;
}

void startStore(HistoryStore& store)
{
    QString error;
    if (!store.start(&error))
        die(QStringLiteral("HistoryStore::start(%1): %2").arg(store.path(), error));
}

void flushStore(HistoryStore& store)
{
    if (!store.flush(3600 * 1000))
        die(QStringLiteral("HistoryStore::flush timed out (%1)").arg(store.storeError()));
}

// ---- 1. writer throughput ---------------------------------------------------------------------------

struct Row
{
    qint64 series;
    qint64 ts;
    double value;
};

struct Workload
{
    std::vector<std::vector<TelemetrySample>> batches; // as the ingest worker hands them to append()
    std::vector<std::vector<Row>> rows; // the same values, same order, same batches
    qint64 values = 0;
};

const QStringList metricNames = { QStringLiteral("pm25"), QStringLiteral("pm10"), QStringLiteral("no2"),
    QStringLiteral("o3"), QStringLiteral("co"), QStringLiteral("so2"), QStringLiteral("aqi"), QStringLiteral("t") };

// `sensors` x `metrics` series, one sample per sensor and second for `seconds` seconds ending two
// minutes ago (every minute can close). Stream order: each second's sensors in random order, 1% of the
// samples arriving up to 3 s late; cut into batches of about `batchValues` values.
Workload makeWorkload(int sensors, int metrics, int seconds, int batchValues, std::mt19937_64& rng)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 base = (now / minuteMs) * minuteMs - 2 * minuteMs - qint64(seconds) * secondMs;
    std::uniform_int_distribution<int> jitter(0, 999);
    std::normal_distribution<double> step(0, 1);
    std::vector<double> level(std::size_t(sensors) * std::size_t(metrics), 50.0);

    struct Item
    {
        int sensor;
        qint64 ts;
    };
    std::vector<Item> order;
    order.reserve(std::size_t(sensors) * std::size_t(seconds));
    std::vector<int> perSecond(std::size_t(sensors), 0);
    for (int s = 0; s < sensors; ++s)
        perSecond[std::size_t(s)] = s;
    for (int t = 0; t < seconds; ++t) {
        std::shuffle(perSecond.begin(), perSecond.end(), rng);
        for (const int s : perSecond)
            order.push_back({ s, base + qint64(t) * secondMs + jitter(rng) });
    }
    std::uniform_real_distribution<double> unit(0, 1);
    std::uniform_int_distribution<std::size_t> lateBy(1, std::size_t(3) * std::size_t(sensors));
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (unit(rng) < 0.01)
            std::swap(order[i], order[std::min(order.size() - 1, i + lateBy(rng))]);
    }

    QStringList sensorIds;
    for (int s = 0; s < sensors; ++s)
        sensorIds << QStringLiteral("air-%1").arg(s, 5, 10, QLatin1Char('0'));
    const QString domain = QStringLiteral("air");
    const QString district = QStringLiteral("110105");

    Workload w;
    const int samplesPerBatch = std::max(1, batchValues / metrics);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i % std::size_t(samplesPerBatch) == 0) {
            w.batches.emplace_back().reserve(std::size_t(samplesPerBatch));
            w.rows.emplace_back().reserve(std::size_t(samplesPerBatch) * std::size_t(metrics));
        }
        const Item& item = order[i];
        TelemetrySample sample;
        sample.sensorId = sensorIds[item.sensor];
        sample.domain = domain;
        sample.district = district;
        sample.tsMs = item.ts;
        sample.seq = qint64(i);
        sample.lon = 116.4;
        sample.lat = 39.9;
        sample.values.reserve(std::size_t(metrics));
        for (int m = 0; m < metrics; ++m) {
            const std::size_t series = std::size_t(item.sensor) * std::size_t(metrics) + std::size_t(m);
            level[series] += step(rng);
            sample.values.emplace_back(metricNames[m % metricNames.size()], level[series]);
            w.rows.back().push_back({ qint64(series) + 1, item.ts, level[series] });
        }
        w.values += metrics;
        w.batches.back().push_back(std::move(sample));
    }
    return w;
}

struct WriterResult
{
    double ms = 0;
    double stopMs = 0;
    HistoryMetrics metrics;
};

// flushEvery > 0: flush() after every that many appends (commits of a fixed size, like the raw reference).
WriterResult runHistoryWriter(const QString& path, std::vector<std::vector<TelemetrySample>> batches, int flushEvery)
{
    removeDb(path);
    HistoryStore store(path, benchOptions());
    startStore(store);
    WriterResult result;
    const auto start = Clock::now();
    int appended = 0;
    for (std::vector<TelemetrySample>& batch : batches) {
        store.append(std::move(batch));
        if (flushEvery > 0 && ++appended % flushEvery == 0)
            flushStore(store);
    }
    flushStore(store);
    result.ms = msSince(start);
    result.metrics = store.metrics();
    const auto stopStart = Clock::now();
    store.stop();
    result.stopMs = msSince(stopStart);
    return result;
}

void sqliteExec(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "?");
        sqlite3_free(message);
        die(QStringLiteral("sqlite3: %1: %2").arg(QString::fromUtf8(sql), text));
    }
}

// Raw sqlite3 reference: prepared INSERT, one transaction per `rowsPerTransaction` rows (0: per batch),
// WAL, synchronous=NORMAL. Returns ms.
// maxBatches > 0: only the first that many batches.
double runRawWriter(
    const QString& path, const Workload& w, bool index, std::size_t rowsPerTransaction, std::size_t maxBatches = 0)
{
    removeDb(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        die(QStringLiteral("sqlite3_open %1").arg(path));
    sqliteExec(db, "PRAGMA journal_mode=WAL");
    sqliteExec(db, "PRAGMA synchronous=NORMAL");
    sqliteExec(db, "CREATE TABLE raw(series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL)");
    if (index)
        sqliteExec(db, "CREATE INDEX raw_series_ts ON raw(series_id, ts)");
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(db, "INSERT INTO raw(series_id, ts, value) VALUES (?1, ?2, ?3)", -1, &insert, nullptr)
        != SQLITE_OK)
        die(QStringLiteral("prepare: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    const auto start = Clock::now();
    std::size_t inTransaction = 0;
    bool open = false;
    std::size_t batches = 0;
    for (const std::vector<Row>& batch : w.rows) {
        if (maxBatches && batches++ >= maxBatches)
            break;
        for (const Row& row : batch) {
            if (!open) {
                sqliteExec(db, "BEGIN");
                open = true;
            }
            sqlite3_bind_int64(insert, 1, row.series);
            sqlite3_bind_int64(insert, 2, row.ts);
            sqlite3_bind_double(insert, 3, row.value);
            if (sqlite3_step(insert) != SQLITE_DONE)
                die(QStringLiteral("insert: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
            sqlite3_reset(insert);
            if (rowsPerTransaction && ++inTransaction >= rowsPerTransaction) {
                sqliteExec(db, "COMMIT");
                open = false;
                inTransaction = 0;
            }
        }
        if (!rowsPerTransaction && open) {
            sqliteExec(db, "COMMIT");
            open = false;
        }
    }
    if (open)
        sqliteExec(db, "COMMIT");
    const double ms = msSince(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return ms;
}

// ---- 2. query ---------------------------------------------------------------------------------------

struct QueryResult
{
    double medianMs = 0;
    double minMs = 0;
    double maxMs = 0;
    std::size_t points = 0;
    HistoryTier tier = HistoryTier::Raw;
    qint64 stored = 0;
};

QueryResult runQuery(const QString& path, int otherSeries, int runs, std::mt19937_64& rng)
{
    removeDb(path);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 to = (now / secondMs) * secondMs - 10 * secondMs;
    const qint64 from = to - dayMs + secondMs; // 86,400 timestamps at 1 s
    const SeriesKey key { QStringLiteral("traffic-q0000"), QStringLiteral("speed") };
    QStringList sensors { key.sensor };
    for (int i = 1; i <= otherSeries; ++i)
        sensors << QStringLiteral("traffic-q%1").arg(i, 4, 10, QLatin1Char('0'));
    std::normal_distribution<double> step(0, 1);
    std::vector<double> level(std::size_t(sensors.size()), 40.0);
    QueryResult result;
    {
        HistoryStore store(path, benchOptions());
        startStore(store);
        std::vector<TelemetrySample> batch;
        for (qint64 ts = from; ts <= to; ts += secondMs) {
            for (int s = 0; s < sensors.size(); ++s) {
                TelemetrySample sample;
                sample.sensorId = sensors[s];
                sample.domain = QStringLiteral("traffic");
                sample.tsMs = ts;
                level[std::size_t(s)] += step(rng);
                sample.values.emplace_back(key.metric, level[std::size_t(s)]);
                batch.push_back(std::move(sample));
            }
            if (batch.size() >= 20000) {
                store.append(std::move(batch));
                batch = {};
                flushStore(store);
            }
        }
        store.append(std::move(batch));
        flushStore(store);
        result.stored = store.metrics().valuesWritten;
        store.stop();
    }
    HistoryReader reader(path, benchOptions());
    QString error;
    if (!reader.open(&error))
        die(QStringLiteral("HistoryReader::open: %1").arg(error));
    result.points = reader.range(key, from, to, 2000, &result.tier).size(); // warm-up
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        const std::size_t points = reader.range(key, from, to, 2000).size();
        times.push_back(msSince(start));
        if (points != result.points)
            die(QStringLiteral("range returned %1 points, then %2").arg(result.points).arg(points));
    }
    result.medianMs = median(times);
    result.minMs = *std::min_element(times.begin(), times.end());
    result.maxMs = *std::max_element(times.begin(), times.end());
    return result;
}

// ---- 3. cold start ----------------------------------------------------------------------------------

constexpr int coldIndicators = 16;
constexpr qint64 coldSpanMs = 7 * dayMs;
constexpr int coldTelemetrySeries = 200;
constexpr qint64 coldTelemetryStepMs = minuteMs;

// Writes 7 days of history ending now through HistoryStore: 16 indicators at 1/s (604,800 points
// each) and 200 telemetry series at 1/min. Returns the end time.
qint64 makeColdDatabase(const QString& path, double* ms)
{
    removeDb(path);
    const auto start = Clock::now();
    const qint64 end = (QDateTime::currentMSecsSinceEpoch() / secondMs) * secondMs;
    const qint64 begin = end - coldSpanMs + secondMs;
    std::mt19937_64 rng(7);
    std::normal_distribution<double> step(0, 0.05);
    std::vector<double> level(coldIndicators, 80.0);
    std::vector<double> telemetry(coldTelemetrySeries, 30.0);
    QStringList ids;
    for (int i = 0; i < coldIndicators; ++i)
        ids << QStringLiteral("kpi-%1").arg(i, 2, 10, QLatin1Char('0'));
    HistoryStore store(path, benchOptions());
    startStore(store);
    std::vector<IndicatorUpdate> updates;
    std::vector<TelemetrySample> samples;
    qint64 seq = 0;
    int hours = 0;
    for (qint64 ts = begin; ts <= end; ts += secondMs) {
        for (int i = 0; i < coldIndicators; ++i) {
            IndicatorUpdate u;
            u.id = ids[i];
            u.name = ids[i];
            u.nameEn = ids[i];
            u.unit = QStringLiteral("%");
            level[std::size_t(i)] += step(rng);
            u.value = level[std::size_t(i)];
            u.target = 90;
            u.hasTarget = true;
            u.tsMs = ts;
            u.seq = ++seq;
            updates.push_back(std::move(u));
        }
        if ((ts - begin) % coldTelemetryStepMs == 0) {
            for (int s = 0; s < coldTelemetrySeries; ++s) {
                TelemetrySample sample;
                sample.sensorId = QStringLiteral("water-%1").arg(s, 4, 10, QLatin1Char('0'));
                sample.domain = QStringLiteral("water");
                sample.tsMs = ts;
                telemetry[std::size_t(s)] += step(rng);
                sample.values.emplace_back(QStringLiteral("level"), telemetry[std::size_t(s)]);
                samples.push_back(std::move(sample));
            }
        }
        if (updates.size() >= 16 * 3600) { // an hour at a time; at most a few hours in memory
            store.appendIndicators(std::move(updates));
            store.append(std::move(samples));
            updates = {};
            samples = {};
            if (++hours % 6 == 0)
                flushStore(store);
        }
    }
    store.appendIndicators(std::move(updates));
    store.append(std::move(samples));
    flushStore(store);
    store.stop();
    *ms = msSince(start);
    return end;
}

struct ColdResult
{
    double ms = 0;
    std::size_t indicators = 0;
    std::size_t points = 0;
    std::size_t incidents = 0;
};

// What IngestPipeline::restoreFromStore does, with `now` the moment the wall stopped.
ColdResult coldStart(const QString& path, qint64 now)
{
    ColdResult result;
    const auto start = Clock::now();
    QString error;
    {
        IncidentStore incidents(path);
        if (incidents.open(&error))
            result.incidents = incidents.loadRecent(500, &error).size();
    }
    HistoryReader reader(path, HistoryOptions {});
    if (!reader.open(&error))
        die(QStringLiteral("HistoryReader::open: %1").arg(error));
    std::vector<IndicatorUpdate> restored;
    for (const IndicatorUpdate& latest : reader.latestIndicators()) {
        ++result.indicators;
        for (const QPointF& point : reader.indicatorHistory(latest.id, now - hourMs, now, 1200)) {
            IndicatorUpdate past = latest;
            past.tsMs = static_cast<qint64>(point.x());
            past.value = point.y();
            if (past.tsMs < latest.tsMs)
                restored.push_back(past);
        }
        restored.push_back(latest);
    }
    result.ms = msSince(start);
    result.points = restored.size();
    return result;
}

QString arg(const QStringList& args, const QString& name, const QString& fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

QString fmt(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

void line(const QString& label, const QString& value, const QString& target = QString())
{
    std::printf("%-52s %14s %10s\n", qPrintable(label), qPrintable(value), qPrintable(target));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--help"))) {
        std::printf("usage: citybrain-storebench [--work DIR] [--cache DIR] [--sensors 500] [--metrics 4]\n"
                    "         [--seconds 1000] [--batch 2000] [--commit 100000] [--index-values 200000]\n"
                    "         [--query-runs 20] [--cold-runs 5] [--no-index]\n");
        return 0;
    }
    const QString work = arg(args, QStringLiteral("--work"), QDir::tempPath());
    const QString cache = arg(args, QStringLiteral("--cache"), work);
    const int sensors = arg(args, QStringLiteral("--sensors"), QStringLiteral("500")).toInt();
    const int metrics = std::clamp(arg(args, QStringLiteral("--metrics"), QStringLiteral("4")).toInt(), 1, 8);
    const int seconds = arg(args, QStringLiteral("--seconds"), QStringLiteral("1000")).toInt();
    const int batchValues = arg(args, QStringLiteral("--batch"), QStringLiteral("2000")).toInt();
    const int queryRuns = std::max(1, arg(args, QStringLiteral("--query-runs"), QStringLiteral("20")).toInt());
    const int coldRuns = std::max(1, arg(args, QStringLiteral("--cold-runs"), QStringLiteral("5")).toInt());
    const int commitValues = arg(args, QStringLiteral("--commit"), QStringLiteral("100000")).toInt();
    const int indexValues = arg(args, QStringLiteral("--index-values"), QStringLiteral("200000")).toInt();
    const bool withIndex = !args.contains(QStringLiteral("--no-index"));
    if (sensors < 1 || seconds < 1 || batchValues < 1)
        die(QStringLiteral("bad arguments"));
    QDir().mkpath(work);
    QDir().mkpath(cache);
    std::mt19937_64 rng(42);

    // 1. writer
    std::fprintf(stderr, "writer: generating %d series x %d s\n", sensors * metrics, seconds);
    Workload workload = makeWorkload(sensors, metrics, seconds, batchValues, rng);
    const qint64 n = workload.values;
    const std::size_t batches = workload.batches.size();
    std::fprintf(stderr, "writer: raw sqlite3, no index\n");
    const double rawMs = runRawWriter(work + QStringLiteral("/raw.db"), workload, false, 0);
    const qint64 rawBytes = QFileInfo(work + QStringLiteral("/raw.db")).size();
    removeDb(work + QStringLiteral("/raw.db"));
    std::fprintf(stderr, "writer: HistoryStore, appended as fast as possible\n");
    const WriterResult history = runHistoryWriter(work + QStringLiteral("/history.db"), workload.batches, 0);
    const qint64 historyBytes = QFileInfo(work + QStringLiteral("/history.db")).size();
    removeDb(work + QStringLiteral("/history.db"));
    const int flushEvery = std::max(1, commitValues / batchValues);
    const std::size_t commitRows = std::size_t(flushEvery) * std::size_t(batchValues);
    std::fprintf(stderr, "writer: HistoryStore, flush every %d appends\n", flushEvery);
    const WriterResult paced = runHistoryWriter(work + QStringLiteral("/history.db"), workload.batches, flushEvery);
    removeDb(work + QStringLiteral("/history.db"));
    std::fprintf(stderr, "writer: raw sqlite3, no index, transactions of %zu\n", commitRows);
    const double rawCommitMs = runRawWriter(work + QStringLiteral("/raw.db"), workload, false, commitRows);
    removeDb(work + QStringLiteral("/raw.db"));
    double indexedMs = 0;
    const std::size_t indexBatches = std::min(batches, std::size_t(std::max(1, indexValues / batchValues)));
    const qint64 indexRows = qint64(indexBatches) * batchValues;
    if (withIndex) {
        std::fprintf(stderr, "writer: raw sqlite3 with a (series_id, ts) index, first %lld values\n",
            static_cast<long long>(indexRows));
        indexedMs = runRawWriter(work + QStringLiteral("/raw.db"), workload, true, 0, indexBatches);
        removeDb(work + QStringLiteral("/raw.db"));
    }
    workload = {};
    const auto rate = [n](double ms) { return ms > 0 ? double(n) / ms * 1000 : 0; };
    const double ratio = rate(history.ms) / rate(rawMs);

    // 2. query
    std::fprintf(stderr, "query: writing 24 h at 1 s for 10 series\n");
    const QueryResult query = runQuery(work + QStringLiteral("/query.db"), 9, queryRuns, rng);
    const qint64 queryBytes = QFileInfo(work + QStringLiteral("/query.db")).size();
    removeDb(work + QStringLiteral("/query.db"));

    // 3. cold start: the 7-day database is cached (regenerated when older than a day or missing).
    const QString coldPath = cache + QStringLiteral("/coldstart-7d.db");
    QFile stamp(cache + QStringLiteral("/coldstart-7d.end"));
    qint64 coldEnd = 0;
    if (QFileInfo::exists(coldPath) && stamp.open(QIODevice::ReadOnly)) {
        coldEnd = stamp.readAll().trimmed().toLongLong();
        stamp.close();
    }
    double generateMs = 0;
    const bool cached = coldEnd > 0 && QDateTime::currentMSecsSinceEpoch() - coldEnd < dayMs;
    if (!cached) {
        std::fprintf(stderr, "cold start: writing 7 days of history (cached in %s)\n", qPrintable(cache));
        stamp.remove();
        coldEnd = makeColdDatabase(coldPath, &generateMs);
        if (!stamp.open(QIODevice::WriteOnly) || stamp.write(QByteArray::number(coldEnd)) < 0)
            die(QStringLiteral("cannot write %1").arg(stamp.fileName()));
        stamp.close();
    }
    std::fprintf(stderr, "cold start: %d reads\n", coldRuns + 1);
    evictFromPageCache(coldPath);
    const ColdResult cold = coldStart(coldPath, coldEnd);
    std::vector<double> warmTimes;
    ColdResult warm;
    for (int i = 0; i < coldRuns; ++i) {
        warm = coldStart(coldPath, coldEnd);
        warmTimes.push_back(warm.ms);
    }
    const qint64 coldBytes = QFileInfo(coldPath).size() + QFileInfo(coldPath + QStringLiteral("-wal")).size();

    std::printf("\n%-52s %14s %10s\n", "writer (values/s)", "measured", "target");
    line(QStringLiteral("values: %1 series x %2 s, batches of %3 (%4 appends)")
             .arg(sensors * metrics)
             .arg(seconds)
             .arg(batchValues)
             .arg(batches),
        QString::number(n));
    line(QStringLiteral("raw sqlite3, no index, 1 transaction per batch"), fmt(rate(rawMs), 0));
    line(QStringLiteral("HistoryStore append..flush"), fmt(rate(history.ms), 0));
    line(QStringLiteral("  ratio HistoryStore / raw sqlite3"), fmt(ratio, 2), QStringLiteral(">= 0.8"));
    line(QStringLiteral("  store commits, rows written, max commit (ms)"),
        QStringLiteral("%1, %2, %3")
            .arg(history.metrics.commits)
            .arg(history.metrics.rowsWritten)
            .arg(fmt(history.metrics.maxCommitMs, 0)));
    line(QStringLiteral("  store values written / dropped"),
        QStringLiteral("%1 / %2").arg(history.metrics.valuesWritten).arg(history.metrics.droppedValues));
    line(QStringLiteral("  store stop() after flush (ms)"), fmt(history.stopMs));
    line(QStringLiteral("HistoryStore, flush() every %1 values").arg(commitRows), fmt(rate(paced.ms), 0));
    line(QStringLiteral("  store commits, rows written"),
        QStringLiteral("%1, %2").arg(paced.metrics.commits).arg(paced.metrics.rowsWritten));
    line(QStringLiteral("raw sqlite3, no index, transactions of %1").arg(commitRows), fmt(rate(rawCommitMs), 0));
    line(QStringLiteral("  ratio HistoryStore / raw sqlite3 at %1 per commit").arg(commitRows),
        fmt(rate(paced.ms) / rate(rawCommitMs), 2));
    if (withIndex)
        line(QStringLiteral("raw sqlite3 + (series_id, ts) index (first %1)").arg(indexRows),
            fmt(indexedMs > 0 ? double(indexRows) / indexedMs * 1000 : 0, 0));
    line(QStringLiteral("file size MB: raw no index / HistoryStore"),
        QStringLiteral("%1 / %2").arg(fmt(rawBytes / 1e6)).arg(fmt(historyBytes / 1e6)));

    std::printf("\n%-52s %14s %10s\n", "query: 24 h at 1 s -> 2,000 px", "measured", "target");
    line(QStringLiteral("values stored (10 series x 86,400), file MB"),
        QStringLiteral("%1, %2").arg(query.stored).arg(fmt(queryBytes / 1e6)));
    line(QStringLiteral("tier read, points out"),
        QStringLiteral("%1, %2").arg(historyTierName(query.tier)).arg(query.points));
    line(QStringLiteral("range() median of %1 (ms)").arg(queryRuns), fmt(query.medianMs, 2), QStringLiteral("<= 20"));
    line(QStringLiteral("  min / max (ms)"), QStringLiteral("%1 / %2").arg(fmt(query.minMs, 2), fmt(query.maxMs, 2)));

    std::printf("\n%-52s %14s %10s\n", "cold start: restoreFromStore reads, 7 days", "measured", "target");
    line(QStringLiteral("database: %1 indicators at 1/s + %2 series at 1/min, MB")
             .arg(coldIndicators)
             .arg(coldTelemetrySeries),
        fmt(coldBytes / 1e6));
    line(QStringLiteral("  %1").arg(cached ? QStringLiteral("cached from an earlier run (< 1 day old)")
                                           : QStringLiteral("written through HistoryStore now (s)")),
        cached ? QString() : fmt(generateMs / 1000));
    line(QStringLiteral("indicators, points restored"), QStringLiteral("%1, %2").arg(cold.indicators).arg(cold.points));
    line(QStringLiteral("page cache evicted (ms)"), fmt(cold.ms, 2));
    line(QStringLiteral("warm, median of %1 (ms)").arg(coldRuns), fmt(median(warmTimes), 2));
    if (warm.points != cold.points || cold.indicators != std::size_t(coldIndicators))
        die(QStringLiteral("cold start restored %1 indicators / %2 points, warm %3 points")
                .arg(cold.indicators)
                .arg(cold.points)
                .arg(warm.points));

    std::printf("store ratio=%s query_ms=%s coldstart_ms=%s\n", qPrintable(fmt(ratio, 2)),
        qPrintable(fmt(query.medianMs, 2)), qPrintable(fmt(cold.ms, 1)));
    return 0;
}
