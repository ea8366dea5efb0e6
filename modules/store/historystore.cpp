#include "historystore.h"

#include "logging.h"
#include "schema.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <sqlite3.h>
#include <string>
#include <unordered_map>

namespace citybrain {

namespace {

constexpr qint64 minuteMs = 60000;
constexpr qint64 hourMs = 3600000;

qint64 floorTo(qint64 ts, qint64 step)
{
    const qint64 q = ts / step;
    return (ts % step < 0 ? q - 1 : q) * step;
}

struct Aggregate
{
    qint64 count = 0;
    double sum = 0;
    double min = 0, max = 0, first = 0, last = 0;
    qint64 minTs = 0, maxTs = 0, firstTs = 0, lastTs = 0;

    void add(qint64 ts, double v)
    {
        if (count == 0) {
            min = max = first = last = v;
            minTs = maxTs = firstTs = lastTs = ts;
        } else {
            if (v < min || (v == min && ts < minTs)) {
                min = v;
                minTs = ts;
            }
            if (v > max || (v == max && ts < maxTs)) {
                max = v;
                maxTs = ts;
            }
            if (ts < firstTs) {
                first = v;
                firstTs = ts;
            }
            if (ts >= lastTs) {
                last = v;
                lastTs = ts;
            }
        }
        ++count;
        sum += v;
    }

    // The same merge as the rollup upserts' ON CONFLICT clause, `o` being the row merged in later.
    void merge(const Aggregate& o)
    {
        if (o.count == 0)
            return;
        if (count == 0) {
            *this = o;
            return;
        }
        if (o.min < min || (o.min == min && o.minTs < minTs)) {
            min = o.min;
            minTs = o.minTs;
        }
        if (o.max > max || (o.max == max && o.maxTs < maxTs)) {
            max = o.max;
            maxTs = o.maxTs;
        }
        if (o.firstTs < firstTs) {
            first = o.first;
            firstTs = o.firstTs;
        }
        if (o.lastTs >= lastTs) {
            last = o.last;
            lastTs = o.lastTs;
        }
        count += o.count;
        sum += o.sum;
    }
};

using Points = std::vector<std::pair<qint64, double>>;

// By time; equal times keep their arrival order (the later one is the minute's "last"). Most batches
// arrive sorted already.
void sortByTime(Points& points)
{
    const auto byTime = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(points.begin(), points.end(), byTime))
        std::stable_sort(points.begin(), points.end(), byTime);
}

// A telemetry series as the writer knows it, with the values of the commit being written.
struct SeriesSlot
{
    qint64 id = 0;
    Points pending;
};

// A sensor's series, in the order its metrics were first seen (which is usually the order every
// sample lists them in): metric -> index into Writer::seriesSlots.
struct SensorSeries
{
    std::vector<std::pair<QString, std::size_t>> metrics;
};

// FNV-1a over the UTF-16 units. Sensor ids are short; Qt's seeded qHash showed in the writer's profile
// at about a tenth of its time, with one lookup per sample.
struct SensorIdHash
{
    std::size_t operator()(const QString& id) const noexcept
    {
        quint64 h = 14695981039346656037ULL;
        for (const QChar c : id) {
            h ^= c.unicode();
            h *= 1099511628211ULL;
        }
        return std::size_t(h);
    }
};

struct Bucket
{
    Aggregate aggregate;
    Points points;
    std::vector<qint64> rowids; // its raw_chunk rows (only after a crash of a version-2 writer)
    bool staged = false; // some of its points are in raw_stage
};

// One merge for both tiers: associative aggregates, so late values and re-runs merge correctly. A macro
// so that each tier's statement is one literal, fixed at compile time (SQL is never assembled at run time).
#define CITYBRAIN_ROLLUP_MERGE                                                                                         \
    "(series_id,bucket,count,sum,min,min_ts,max,max_ts,first,first_ts,last,last_ts)"                                   \
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) ON CONFLICT(series_id,bucket) DO UPDATE SET"                      \
    " count=count+excluded.count, sum=sum+excluded.sum,"                                                               \
    " min=CASE WHEN excluded.min<min THEN excluded.min ELSE min END,"                                                  \
    " min_ts=CASE WHEN excluded.min<min OR (excluded.min=min AND excluded.min_ts<min_ts)"                              \
    " THEN excluded.min_ts ELSE min_ts END,"                                                                           \
    " max=CASE WHEN excluded.max>max THEN excluded.max ELSE max END,"                                                  \
    " max_ts=CASE WHEN excluded.max>max OR (excluded.max=max AND excluded.max_ts<max_ts)"                              \
    " THEN excluded.max_ts ELSE max_ts END,"                                                                           \
    " first=CASE WHEN excluded.first_ts<first_ts THEN excluded.first ELSE first END,"                                  \
    " first_ts=MIN(first_ts,excluded.first_ts),"                                                                       \
    " last=CASE WHEN excluded.last_ts>=last_ts THEN excluded.last ELSE last END,"                                      \
    " last_ts=MAX(last_ts,excluded.last_ts)"
constexpr const char* rollupMinuteUpsert = "INSERT INTO rollup_minute" CITYBRAIN_ROLLUP_MERGE;
constexpr const char* rollupHourUpsert = "INSERT INTO rollup_hour" CITYBRAIN_ROLLUP_MERGE;
#undef CITYBRAIN_ROLLUP_MERGE

QString faultText(StoreState state, const QString& path)
{
    switch (state) {
    case StoreState::Locked:
        return QStringLiteral("history database %1 is locked by another process").arg(path);
    case StoreState::DiskFull:
        return QStringLiteral("disk full writing history database %1").arg(path);
    case StoreState::ReadOnly:
        return QStringLiteral("history database %1 is read-only (file, folder or filesystem)").arg(path);
    case StoreState::Corrupt:
        return QStringLiteral(
            "history database %1 is corrupt or not a SQLite database; move it away to start a new one")
            .arg(path);
    case StoreState::TooNew:
        return QStringLiteral("history database %1 was written by a newer CityBrain").arg(path);
    default:
        return QStringLiteral("cannot write history database %1").arg(path);
    }
}

} // namespace

// Everything only the writer thread touches (and start(), before the thread exists).
struct HistoryStore::Writer
{
    QString path;
    HistoryOptions options;
    Sqlite db;
    SqliteStatement insertJournal, upsertIncident, upsertIndicator, insertSeries, selectSeries, insertChunk,
        deleteChunk, insertStage, deleteStage, upsertMinute, upsertHour, setWatermark, retainRaw, retainMinute,
        retainHour;
    // Series ids by sensor, then metric: one hash lookup per sample and no key built per value.
    std::unordered_map<QString, SensorSeries, SensorIdHash> sensors;
    std::vector<SeriesSlot> seriesSlots;
    std::vector<std::size_t> touched; // slots with pending values in the current commit
    std::map<std::pair<qint64, qint64>, Bucket> buckets; // (series id, minute start)
    // 1-hour rollups of the current commit, merged in memory and upserted once each at its end.
    std::map<std::pair<qint64, qint64>, Aggregate> hourRollups; // (series id, hour start)
    QByteArray chunkBuffer; // reused for every raw_chunk BLOB
    qint64 watermark = 0;
    bool needRecovery = true;
    bool syncFull = false;
    qint64 rows = 0; // rows written by the current transaction
    // Retention pass in progress.
    std::vector<qint64> retentionSeries;
    std::size_t retentionIndex = 0;
    bool retentionActive = false;
    qint64 retentionDeleted = 0;

    bool fail(QString* error, StoreState* state, const QString& context = QString())
    {
        *state = db.lastState();
        if (*state == StoreState::Ok)
            *state = StoreState::Failed;
        *error = context.isEmpty() ? db.lastError() : context + QStringLiteral(": ") + db.lastError();
        return false;
    }

    bool open(qint64 maxPageCount, QString* error, StoreState* state)
    {
        db.close();
        clearSeries();
        buckets.clear();
        needRecovery = true;
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            *state = StoreState::ReadOnly;
            *error = QStringLiteral("cannot create folder %1").arg(info.absolutePath());
            return false;
        }
        if (!db.open(path, false))
            return fail(error, state);
        sqlite3_busy_timeout(db.handle(), options.busyTimeoutMs);
        if (!schema::migrate(db, error, state)) {
            db.close();
            return false;
        }
        syncFull = false;
        if (!db.exec("PRAGMA synchronous=NORMAL") || !applyMaxPageCount(maxPageCount)) {
            fail(error, state);
            db.close();
            return false;
        }
        // An event delivered twice (QoS 1 redelivers what was stored but not yet acknowledged when
        // the app died) is journalled once: same incident, kind, time and payload. An action is
        // journalled once per (incident, action id): the unique index journal_action, and OR IGNORE.
        const bool prepared = insertJournal.prepare(db,
                                  "INSERT OR IGNORE INTO journal(incident_id,kind,actor,role,console,ts_ms,payload,"
                                  "before,after,recorded_ms,action_id) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11"
                                  " WHERE NOT EXISTS (SELECT 1 FROM journal WHERE incident_id=?1 AND ts_ms=?6"
                                  " AND kind=?2 AND payload=?7)")
            && upsertIncident.prepare(db,
                "INSERT INTO incident (id, source, seq, first_ts_ms, ts_ms, kind, severity, status, title,"
                " description, district, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET source=excluded.source, seq=excluded.seq,"
                " first_ts_ms=MIN(first_ts_ms, excluded.first_ts_ms), ts_ms=excluded.ts_ms, kind=excluded.kind,"
                " severity=excluded.severity, status=excluded.status, title=excluded.title,"
                " description=excluded.description, district=excluded.district, lon=excluded.lon,"
                " lat=excluded.lat WHERE (excluded.ts_ms, excluded.source, excluded.seq)"
                " >= (incident.ts_ms, incident.source, incident.seq)")
            && upsertIndicator.prepare(db,
                "INSERT INTO indicator_meta(id,name,name_en,unit,value,target,has_target,higher_is_better,ts_ms,seq)"
                " VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name,"
                " name_en=excluded.name_en, unit=excluded.unit, value=excluded.value, target=excluded.target,"
                " has_target=excluded.has_target, higher_is_better=excluded.higher_is_better,"
                " ts_ms=excluded.ts_ms, seq=excluded.seq WHERE excluded.ts_ms >= indicator_meta.ts_ms")
            && insertSeries.prepare(db, "INSERT OR IGNORE INTO series(sensor,metric,domain,district) VALUES(?,?,?,?)")
            && selectSeries.prepare(db, "SELECT id FROM series WHERE sensor=? AND metric=?")
            && insertChunk.prepare(db, "INSERT INTO raw_chunk(series_id,t0,t1,n,data) VALUES(?,?,?,?,?)")
            && deleteChunk.prepare(db, "DELETE FROM raw_chunk WHERE rowid=?")
            && insertStage.prepare(db, "INSERT INTO raw_stage(minute,n,data) VALUES(?,?,?)")
            && deleteStage.prepare(db, "DELETE FROM raw_stage WHERE minute<?")
            && upsertMinute.prepare(db, rollupMinuteUpsert) && upsertHour.prepare(db, rollupHourUpsert)
            && setWatermark.prepare(db,
                "INSERT INTO store_meta(key,value) VALUES('rollup_watermark',?)"
                " ON CONFLICT(key) DO UPDATE SET value=excluded.value")
            && retainRaw.prepare(db,
                "DELETE FROM raw_chunk WHERE rowid IN"
                " (SELECT rowid FROM raw_chunk WHERE series_id=?1 AND t0<?2 LIMIT 2000)")
            && retainMinute.prepare(db,
                "DELETE FROM rollup_minute WHERE series_id=?1 AND bucket IN"
                " (SELECT bucket FROM rollup_minute WHERE series_id=?1 AND bucket<?2 LIMIT 2000)")
            && retainHour.prepare(db,
                "DELETE FROM rollup_hour WHERE series_id=?1 AND bucket IN"
                " (SELECT bucket FROM rollup_hour WHERE series_id=?1 AND bucket<?2 LIMIT 2000)");
        if (!prepared) {
            fail(error, state, QStringLiteral("cannot prepare statements"));
            db.close();
            return false;
        }
        return true;
    }

    bool applyMaxPageCount(qint64 pages)
    {
        if (pages < 0)
            return true;
        // SQLite keeps the limit at or above the current size; 0 is not accepted, so "no limit" is its maximum.
        const QByteArray sql = QByteArrayLiteral("PRAGMA max_page_count=")
            + QByteArray::number(pages == 0 ? qint64(4294967294LL) : pages);
        return db.exec(sql.constData());
    }

    // Minutes at or after the watermark have no rollup yet: rebuild their buckets from raw_stage (and
    // raw_chunk, where a version-2 writer left them).
    bool recover(QString* error, StoreState* state)
    {
        buckets.clear();
        clearSeries();
        SqliteStatement meta;
        if (!meta.prepare(db, "SELECT value FROM store_meta WHERE key='rollup_watermark'"))
            return fail(error, state);
        watermark = meta.step() ? meta.int64(0) : 0;
        if (!meta.ok())
            return fail(error, state);
        std::vector<qint64> ids;
        SqliteStatement all;
        if (!all.prepare(db, "SELECT id FROM series"))
            return fail(error, state);
        while (all.step())
            ids.push_back(all.int64(0));
        if (!all.ok())
            return fail(error, state);
        SqliteStatement chunks;
        if (!chunks.prepare(db, "SELECT rowid, t0, data FROM raw_chunk WHERE series_id=? AND t0>=? ORDER BY t0"))
            return fail(error, state);
        for (const qint64 id : ids) {
            chunks.bind(1, id);
            chunks.bind(2, watermark);
            while (chunks.step()) {
                const qint64 t0 = chunks.int64(1);
                Bucket& bucket = buckets[{ id, floorTo(t0, minuteMs) }];
                bucket.rowids.push_back(chunks.int64(0));
                int size = 0;
                const void* data = chunks.blobData(2, &size);
                chunk::forEach(data, size, t0, [&](qint64 ts, double v) {
                    bucket.points.emplace_back(ts, v);
                    bucket.aggregate.add(ts, v);
                });
            }
            const bool ok = chunks.ok();
            chunks.reset();
            if (!ok)
                return fail(error, state);
        }
        SqliteStatement staged;
        if (!staged.prepare(db, "SELECT minute, data FROM raw_stage ORDER BY id"))
            return fail(error, state);
        while (staged.step()) {
            const qint64 minute = staged.int64(0);
            int size = 0;
            const void* data = staged.blobData(1, &size);
            stage::forEach(data, size, minute, [&](qint64 series, qint64 ts, double v) {
                Bucket& bucket = buckets[{ series, minute }];
                bucket.staged = true;
                bucket.points.emplace_back(ts, v);
                bucket.aggregate.add(ts, v);
            });
        }
        if (!staged.ok())
            return fail(error, state);
        needRecovery = false;
        return true;
    }

    void clearSeries()
    {
        sensors.clear();
        seriesSlots.clear();
        touched.clear();
    }

    // The slot of series (sample.sensorId, metric), created in the database if new. `entry` is the
    // sensor's cache entry; `hint` the metric's position in the sample.
    bool seriesSlot(
        const TelemetrySample& sample, SensorSeries& entry, std::size_t hint, const QString& metric, std::size_t* slot)
    {
        if (hint < entry.metrics.size() && entry.metrics[hint].first == metric) {
            *slot = entry.metrics[hint].second;
            return true;
        }
        for (const auto& [name, index] : entry.metrics) {
            if (name == metric) {
                *slot = index;
                return true;
            }
        }
        insertSeries.bind(1, sample.sensorId);
        insertSeries.bind(2, metric);
        insertSeries.bind(3, sample.domain.isNull() ? QStringLiteral("") : sample.domain);
        insertSeries.bind(4, sample.district.isNull() ? QStringLiteral("") : sample.district);
        if (!insertSeries.run())
            return false;
        selectSeries.bind(1, sample.sensorId);
        selectSeries.bind(2, metric);
        const bool found = selectSeries.step();
        const qint64 id = found ? selectSeries.int64(0) : 0;
        selectSeries.reset();
        if (!found)
            return false;
        *slot = seriesSlots.size();
        seriesSlots.push_back({ id, {} });
        entry.metrics.emplace_back(metric, *slot);
        return true;
    }

    bool writeChunk(qint64 series, const Points& points, std::size_t from, std::size_t to, qint64* rowid)
    {
        const qint64 t0 = points[from].first;
        const int size = int(to - from) * chunk::pointBytes;
        chunkBuffer.resize(size);
        auto* out = reinterpret_cast<uchar*>(chunkBuffer.data());
        for (std::size_t i = from; i < to; ++i, out += chunk::pointBytes)
            chunk::write(out, t0, points[i].first, points[i].second);
        insertChunk.bind(1, series);
        insertChunk.bind(2, t0);
        insertChunk.bind(3, points[to - 1].first);
        insertChunk.bind(4, qint64(to - from));
        insertChunk.bindBlob(5, chunkBuffer.constData(), size, true); // alive until run() returns
        if (!insertChunk.run())
            return false;
        *rowid = sqlite3_last_insert_rowid(db.handle());
        ++rows;
        return true;
    }

    bool writeRollup(SqliteStatement& statement, qint64 series, qint64 bucket, const Aggregate& a)
    {
        statement.bind(1, series);
        statement.bind(2, bucket);
        statement.bind(3, a.count);
        statement.bind(4, a.sum);
        statement.bind(5, a.min);
        statement.bind(6, a.minTs);
        statement.bind(7, a.max);
        statement.bind(8, a.maxTs);
        statement.bind(9, a.first);
        statement.bind(10, a.firstTs);
        statement.bind(11, a.last);
        statement.bind(12, a.lastTs);
        ++rows;
        return statement.run();
    }

    // The minute's rollup now; its hour's at the end of the commit (writeHourRollups), once per hour.
    bool writeRollups(qint64 series, qint64 minute, const Aggregate& a)
    {
        hourRollups[{ series, floorTo(minute, hourMs) }].merge(a);
        return writeRollup(upsertMinute, series, minute, a);
    }

    bool writeHourRollups()
    {
        for (const auto& [key, aggregate] : hourRollups) {
            if (!writeRollup(upsertHour, key.first, key.second, aggregate))
                return false;
        }
        hourRollups.clear();
        return true;
    }

    bool writeClosedMinute(qint64 series, const Points& points, std::size_t begin, std::size_t end)
    {
        qint64 rowid = 0;
        if (!writeChunk(series, points, begin, end, &rowid))
            return false;
        Aggregate aggregate;
        for (std::size_t i = begin; i < end; ++i)
            aggregate.add(points[i].first, points[i].second);
        return writeRollups(series, floorTo(points[begin].first, minuteMs), aggregate);
    }

    // Values of one series, sorted. Minutes already closed (late values): a raw_chunk row and the
    // rollups now. Open minutes: into their bucket, and into the staging BLOB of their minute (`stage`)
    // unless the minute closes in this very commit (before `closeBoundary`).
    // A minute that closes in this very commit and has no bucket yet (a backlog after a fault or a
    // restart) has all its values here: it goes straight to its raw_chunk row and rollups too.
    bool writeSeries(qint64 series, Points& points, qint64 closeBoundary, std::map<qint64, QByteArray>& stage)
    {
        sortByTime(points);
        std::size_t begin = 0;
        while (begin < points.size()) {
            const qint64 minute = floorTo(points[begin].first, minuteMs);
            std::size_t end = begin;
            while (end < points.size() && points[end].first < minute + minuteMs)
                ++end;
            const auto existing = minute < watermark ? buckets.end() : buckets.find({ series, minute });
            if (minute < watermark || (minute < closeBoundary && existing == buckets.end())) {
                if (!writeClosedMinute(series, points, begin, end))
                    return false;
            } else {
                Bucket& bucket = existing != buckets.end() ? existing->second : buckets[{ series, minute }];
                bucket.points.insert(
                    bucket.points.end(), points.begin() + std::ptrdiff_t(begin), points.begin() + std::ptrdiff_t(end));
                for (std::size_t i = begin; i < end; ++i)
                    bucket.aggregate.add(points[i].first, points[i].second);
                if (minute >= closeBoundary) {
                    bucket.staged = true;
                    QByteArray& blob = stage[minute];
                    for (std::size_t i = begin; i < end; ++i)
                        stage::append(blob, minute, series, points[i].first, points[i].second);
                }
            }
            begin = end;
        }
        return true;
    }

    // Closes the minutes before `boundary`: one compacted raw_chunk row each, their rollups, and their
    // staging rows go.
    bool closeBuckets(qint64 boundary)
    {
        if (boundary <= watermark)
            return true;
        for (auto it = buckets.begin(); it != buckets.end();) {
            if (it->first.second >= boundary) {
                ++it;
                continue;
            }
            Bucket& bucket = it->second;
            if (bucket.staged || bucket.rowids.size() != 1) {
                for (const qint64 rowid : bucket.rowids) {
                    deleteChunk.bind(1, rowid);
                    if (!deleteChunk.run())
                        return false;
                }
                sortByTime(bucket.points);
                qint64 rowid = 0;
                if (!writeChunk(it->first.first, bucket.points, 0, bucket.points.size(), &rowid))
                    return false;
            }
            if (!writeRollups(it->first.first, it->first.second, bucket.aggregate))
                return false;
            it = buckets.erase(it);
        }
        deleteStage.bind(1, boundary);
        if (!deleteStage.run())
            return false;
        rows += sqlite3_changes(db.handle());
        watermark = boundary;
        setWatermark.bind(1, watermark);
        return setWatermark.run();
    }

    bool setSynchronous(bool full)
    {
        if (full == syncFull)
            return true;
        if (!db.exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"))
            return false;
        syncFull = full;
        return true;
    }

    bool write(const Batch& batch, qint64 closeBoundary, qint64 nowMs, qint64* values)
    {
        rows = 0;
        *values = 0;
        for (const JournalItem& item : batch.journal) {
            const JournalEntry& e = item.entry;
            insertJournal.bind(1, e.incidentId);
            insertJournal.bind(2, e.kind);
            insertJournal.bind(3, e.actor.isNull() ? QStringLiteral("") : e.actor);
            insertJournal.bind(4, e.role.isNull() ? QStringLiteral("") : e.role);
            insertJournal.bind(5, e.console.isNull() ? QStringLiteral("") : e.console);
            insertJournal.bind(6, e.tsMs);
            insertJournal.bind(7, e.payload.isNull() ? QStringLiteral("") : e.payload);
            insertJournal.bind(8, e.before.isNull() ? QStringLiteral("") : e.before);
            insertJournal.bind(9, e.after.isNull() ? QStringLiteral("") : e.after);
            insertJournal.bind(10, nowMs);
            if (e.actionId.isEmpty())
                insertJournal.bindNull(11);
            else
                insertJournal.bind(11, e.actionId);
            if (!insertJournal.run())
                return false;
            ++rows;
            if (item.hasIncident) {
                const IncidentEvent& ev = item.incident;
                const auto text = [](const QString& s) { return s.isNull() ? QStringLiteral("") : s; };
                upsertIncident.bind(1, text(ev.id));
                upsertIncident.bind(2, text(ev.source));
                upsertIncident.bind(3, ev.seq);
                upsertIncident.bind(4, ev.tsMs);
                upsertIncident.bind(5, ev.tsMs);
                upsertIncident.bind(6, text(ev.kind));
                upsertIncident.bind(7, qint64(ev.severity));
                upsertIncident.bind(8, text(ev.status));
                upsertIncident.bind(9, text(ev.title));
                upsertIncident.bind(10, text(ev.description));
                upsertIncident.bind(11, text(ev.district));
                upsertIncident.bind(12, ev.lon);
                upsertIncident.bind(13, ev.lat);
                if (!upsertIncident.run())
                    return false;
                ++rows;
            }
        }
        for (const auto& [id, u] : batch.indicatorMeta) {
            upsertIndicator.bind(1, id);
            upsertIndicator.bind(2, u.name.isNull() ? QStringLiteral("") : u.name);
            upsertIndicator.bind(3, u.nameEn.isNull() ? QStringLiteral("") : u.nameEn);
            upsertIndicator.bind(4, u.unit.isNull() ? QStringLiteral("") : u.unit);
            upsertIndicator.bind(5, u.value);
            upsertIndicator.bind(6, u.target);
            upsertIndicator.bind(7, qint64(u.hasTarget));
            upsertIndicator.bind(8, qint64(u.higherIsBetter));
            upsertIndicator.bind(9, u.tsMs);
            upsertIndicator.bind(10, u.seq);
            if (!upsertIndicator.run())
                return false;
            ++rows;
        }
        hourRollups.clear();
        for (const std::size_t slot : touched) // left over by a failed attempt
            seriesSlots[slot].pending.clear();
        touched.clear();
        for (const TelemetrySample& sample : batch.samples) {
            SensorSeries& entry = sensors[sample.sensorId];
            for (std::size_t m = 0; m < sample.values.size(); ++m) {
                const auto& [metric, value] = sample.values[m];
                std::size_t slot = 0;
                if (!seriesSlot(sample, entry, m, metric, &slot))
                    return false;
                Points& pending = seriesSlots[slot].pending;
                if (pending.empty())
                    touched.push_back(slot);
                pending.emplace_back(sample.tsMs, value);
            }
            *values += qint64(sample.values.size());
        }
        // In series id order: each staging BLOB must be sorted by series.
        std::sort(touched.begin(), touched.end(),
            [this](std::size_t a, std::size_t b) { return seriesSlots[a].id < seriesSlots[b].id; });
        std::map<qint64, QByteArray> stage; // minute -> its staging BLOB
        for (const std::size_t slot : touched) {
            SeriesSlot& series = seriesSlots[slot];
            const bool ok = writeSeries(series.id, series.pending, closeBoundary, stage);
            if (series.pending.capacity() > 4096)
                Points().swap(series.pending); // a backlog's buffer is not kept
            else
                series.pending.clear();
            if (!ok)
                return false;
        }
        touched.clear();
        for (const auto& [minute, blob] : stage) {
            insertStage.bind(1, minute);
            insertStage.bind(2, qint64(blob.size() / stage::pointBytes));
            insertStage.bindBlob(3, blob.constData(), int(blob.size()), true);
            if (!insertStage.run())
                return false;
            ++rows;
        }
        return closeBuckets(closeBoundary) && writeHourRollups();
    }

    // One retention step: a small delete. Returns false on error; *finished when the pass is over.
    bool retentionStep(qint64 nowMs, bool* finished)
    {
        *finished = false;
        if (!retentionActive) {
            retentionSeries.clear();
            SqliteStatement all;
            if (!all.prepare(db, "SELECT id FROM series"))
                return false;
            while (all.step())
                retentionSeries.push_back(all.int64(0));
            if (!all.ok())
                return false;
            retentionIndex = 0;
            retentionActive = true;
        }
        if (retentionIndex >= retentionSeries.size()) {
            retentionActive = false;
            *finished = true;
            return true;
        }
        const qint64 series = retentionSeries[retentionIndex];
        int deleted = 0;
        for (auto [statement, cutoff] : { std::pair { &retainRaw, nowMs - options.rawRetentionMs },
                 std::pair { &retainMinute, nowMs - options.minuteRetentionMs },
                 std::pair { &retainHour, nowMs - options.hourRetentionMs } }) {
            statement->bind(1, series);
            statement->bind(2, cutoff);
            if (!statement->run())
                return false;
            const int changes = sqlite3_changes(db.handle());
            deleted = std::max(deleted, changes);
            retentionDeleted += changes;
        }
        if (deleted < 2000)
            ++retentionIndex; // this series is done; otherwise another step for it
        return true;
    }
};

HistoryStore::HistoryStore(QString path, HistoryOptions options)
    : m_path(std::move(path))
    , m_options(options)
    , m_writer(std::make_unique<Writer>())
{
    m_writer->path = m_path;
    m_writer->options = m_options;
    m_maxPageCount = m_options.maxPageCount > 0 ? m_options.maxPageCount : -1;
}

HistoryStore::~HistoryStore()
{
    stop();
}

bool HistoryStore::start(QString* error)
{
    if (m_thread.joinable())
        return true;
    QString message;
    StoreState state = StoreState::Ok;
    const bool opened = m_writer->open(m_maxPageCount, &message, &state) && m_writer->recover(&message, &state);
    if (opened) {
        m_maxPageCount = -1;
        SqliteStatement latest;
        if (latest.prepare(m_writer->db, "SELECT id, ts_ms FROM indicator_meta")) {
            std::lock_guard lock(m_mutex);
            while (latest.step())
                m_indicatorLatestMs[latest.text(0)] = latest.int64(1);
        }
        setState(StoreState::Ok, QString());
        qCInfo(lcStore).noquote() << "history store" << m_path;
    } else {
        m_writer->db.close();
        setState(state, message);
        if (error)
            *error = storeError();
    }
    m_thread = std::thread([this] { run(); });
    return opened;
}

void HistoryStore::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void HistoryStore::append(std::vector<TelemetrySample> samples)
{
    qint64 values = 0;
    for (const TelemetrySample& sample : samples)
        values += qint64(sample.values.size());
    enqueueSamples(std::move(samples), values);
}

void HistoryStore::appendIndicators(std::vector<IndicatorUpdate> updates)
{
    std::vector<TelemetrySample> samples;
    samples.reserve(updates.size());
    {
        std::lock_guard lock(m_mutex);
        for (const IndicatorUpdate& update : updates) {
            // Retained indicators come again on every reconnect: only a newer update is history.
            auto latest = m_indicatorLatestMs.find(update.id);
            if (latest != m_indicatorLatestMs.end() && update.tsMs <= latest->second)
                continue;
            m_indicatorLatestMs[update.id] = update.tsMs;
            m_queue.indicatorMeta[update.id] = update;
            TelemetrySample sample;
            sample.sensorId = SeriesKey::indicator(update.id).sensor;
            sample.domain = QStringLiteral("indicator");
            sample.tsMs = update.tsMs;
            sample.seq = update.seq;
            sample.values.emplace_back(QStringLiteral("value"), update.value);
            samples.push_back(std::move(sample));
        }
    }
    enqueueSamples(std::move(samples), qint64(samples.size()));
}

void HistoryStore::enqueueSamples(std::vector<TelemetrySample>&& samples, qint64 values)
{
    if (samples.empty())
        return;
    std::lock_guard lock(m_mutex);
    for (TelemetrySample& sample : samples)
        m_queue.samples.push_back(std::move(sample));
    m_queue.values += values;
    m_queue.ticket = ++m_ticket;
    dropOldestLocked();
}

void HistoryStore::dropOldestLocked()
{
    while (m_queue.values > m_options.maxBacklogValues && !m_queue.samples.empty()) {
        const auto n = qint64(m_queue.samples.front().values.size());
        m_queue.values -= n;
        m_metrics.droppedValues += n;
        m_queue.samples.pop_front();
    }
    m_metrics.queuedValues = m_queue.values;
    m_metrics.queueHighWater = std::max(m_metrics.queueHighWater, m_queue.values);
    m_metrics.journalQueued = qint64(m_queue.journal.size());
}

bool HistoryStore::appendJournal(std::vector<JournalEntry> entries)
{
    std::vector<JournalItem> items;
    for (JournalEntry& entry : entries)
        items.push_back({ std::move(entry), false, {}, 0 });
    if (items.empty())
        return true;
    std::unique_lock lock(m_mutex);
    const qint64 ticket = ++m_ticket;
    for (JournalItem& item : items) {
        item.ticket = ticket;
        m_queue.journal.push_back(std::move(item));
    }
    m_queue.ticket = ticket;
    m_metrics.journalQueued = qint64(m_queue.journal.size());
    m_urgent = true;
    m_wake.notify_all();
    if (m_state != StoreState::Ok || !m_thread.joinable())
        return false; // queued; written when the store recovers
    m_done.wait_for(lock, std::chrono::milliseconds(m_options.journalWaitMs),
        [&] { return m_committedTicket >= ticket || m_state != StoreState::Ok; });
    return m_committedTicket >= ticket;
}

bool HistoryStore::appendIncidents(const std::vector<IncidentEvent>& events)
{
    if (events.empty())
        return true;
    std::unique_lock lock(m_mutex);
    const qint64 ticket = ++m_ticket;
    for (const IncidentEvent& event : events)
        m_queue.journal.push_back({ journalEntryFor(event), true, event, ticket });
    m_queue.ticket = ticket;
    m_metrics.journalQueued = qint64(m_queue.journal.size());
    m_urgent = true;
    m_wake.notify_all();
    if (m_state != StoreState::Ok || !m_thread.joinable())
        return false;
    m_done.wait_for(lock, std::chrono::milliseconds(m_options.journalWaitMs),
        [&] { return m_committedTicket >= ticket || m_state != StoreState::Ok; });
    return m_committedTicket >= ticket;
}

bool HistoryStore::flush(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const qint64 ticket = m_ticket;
    m_urgent = true;
    m_wake.notify_all();
    return m_done.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_committedTicket >= ticket; });
}

bool HistoryStore::runRetention(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const qint64 request = ++m_retentionRequested;
    m_wake.notify_all();
    return m_done.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_retentionDone >= request; });
}

void HistoryStore::setMaxPageCount(qint64 pages)
{
    std::lock_guard lock(m_mutex);
    m_maxPageCount = std::max<qint64>(pages, 0);
    m_urgent = true;
    m_wake.notify_all();
}

StoreState HistoryStore::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

QString HistoryStore::storeError() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

HistoryMetrics HistoryStore::metrics() const
{
    std::lock_guard lock(m_mutex);
    HistoryMetrics metrics = m_metrics;
    metrics.state = m_state;
    return metrics;
}

void HistoryStore::setState(StoreState state, const QString& detail)
{
    QString message;
    if (state != StoreState::Ok && state != StoreState::Closed) {
        message = faultText(state, m_path) + QStringLiteral(" (") + detail
            + QStringLiteral("); ingest goes on in memory, retrying");
    }
    std::lock_guard lock(m_mutex);
    if (state == m_state && message == m_error)
        return;
    const StoreState previous = m_state;
    m_state = state;
    m_error = message;
    if (state == StoreState::Ok && previous != StoreState::Closed)
        qCInfo(lcStore).noquote() << "history store writing again:" << m_path;
    else if (!message.isEmpty() && previous != state)
        qCWarning(lcStore).noquote() << message;
    m_done.notify_all();
}

void HistoryStore::pushBack(Batch&& batch)
{
    std::lock_guard lock(m_mutex);
    for (TelemetrySample& sample : m_queue.samples)
        batch.samples.push_back(std::move(sample));
    m_queue.samples = std::move(batch.samples);
    for (JournalItem& item : m_queue.journal)
        batch.journal.push_back(std::move(item));
    m_queue.journal = std::move(batch.journal);
    for (auto& [id, update] : m_queue.indicatorMeta)
        batch.indicatorMeta[id] = std::move(update);
    m_queue.indicatorMeta = std::move(batch.indicatorMeta);
    m_queue.values += batch.values;
    dropOldestLocked();
}

void HistoryStore::run()
{
    using namespace std::chrono;
    Writer& w = *m_writer;
    int backoffMs = m_options.retryInitialMs;
    auto nextRetention = steady_clock::now() + milliseconds(m_options.retentionIntervalMs);
    bool faulted = state() != StoreState::Ok;
    while (true) {
        Batch batch;
        bool stopping = false;
        qint64 retentionTarget = 0;
        qint64 retentionDone = 0;
        qint64 maxPageCount = -1;
        {
            std::unique_lock lock(m_mutex);
            const auto wait = milliseconds(faulted ? backoffMs : m_options.commitIntervalMs);
            m_wake.wait_for(lock, wait,
                [&] { return m_stopping || (!faulted && (m_urgent || m_retentionRequested > m_retentionDone)); });
            stopping = m_stopping;
            m_urgent = false;
            batch = std::move(m_queue);
            m_queue = Batch {};
            batch.ticket = m_ticket;
            retentionTarget = m_retentionRequested;
            retentionDone = m_retentionDone;
            maxPageCount = m_maxPageCount;
            m_maxPageCount = -1;
            m_metrics.queuedValues = batch.values;
            m_metrics.journalQueued = qint64(batch.journal.size());
        }
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        QString error;
        StoreState fault = StoreState::Ok;
        bool ok = true;
        if (!w.db.isOpen()) {
            ok = w.open(maxPageCount, &error, &fault);
            if (ok)
                maxPageCount = -1;
        }
        if (ok && maxPageCount >= 0 && !w.applyMaxPageCount(maxPageCount))
            ok = w.fail(&error, &fault);
        if (ok && w.needRecovery)
            ok = w.recover(&error, &fault);
        qint64 values = 0;
        if (ok) {
            const qint64 boundary = stopping ? std::max(floorTo(nowMs, minuteMs) + minuteMs,
                                        w.buckets.empty() ? 0 : std::prev(w.buckets.end())->first.second + minuteMs)
                                             : floorTo(nowMs - m_options.minuteCloseGraceMs, minuteMs);
            bool due = batch.ticket > m_committedTicket || !batch.journal.empty();
            for (const auto& entry : w.buckets)
                due = due || entry.first.second < boundary;
            if (due) {
                const auto started = steady_clock::now();
                ok = w.setSynchronous(!batch.journal.empty()) && w.db.exec("BEGIN IMMEDIATE")
                    && w.write(batch, boundary, nowMs, &values) && w.db.exec("COMMIT");
                if (!ok) {
                    w.fail(&error, &fault);
                    w.db.exec("ROLLBACK");
                    w.needRecovery = true; // in-memory buckets are out of step with the file now
                    w.clearSeries();
                } else {
                    const double ms = duration<double, std::milli>(steady_clock::now() - started).count();
                    std::lock_guard lock(m_mutex);
                    ++m_metrics.commits;
                    m_metrics.valuesWritten += values;
                    m_metrics.rowsWritten += w.rows;
                    m_metrics.journalWritten += qint64(batch.journal.size());
                    m_metrics.lastCommitMs = ms;
                    m_metrics.maxCommitMs = std::max(m_metrics.maxCommitMs, ms);
                }
            }
        }
        if (ok) {
            faulted = false;
            backoffMs = m_options.retryInitialMs;
            setState(StoreState::Ok, QString());
            std::lock_guard lock(m_mutex);
            m_committedTicket = std::max(m_committedTicket, batch.ticket);
            m_done.notify_all();
        } else {
            if (fault == StoreState::ReadOnly || fault == StoreState::Corrupt || fault == StoreState::Failed
                || fault == StoreState::TooNew)
                w.db.close(); // reopen on the next attempt: the file may have been replaced or made writable
            {
                std::lock_guard lock(m_mutex);
                ++m_metrics.failedCommits;
            }
            if (maxPageCount >= 0) {
                std::lock_guard lock(m_mutex);
                if (m_maxPageCount < 0)
                    m_maxPageCount = maxPageCount; // apply it on the next attempt
            }
            const qint64 lostValues = batch.values;
            const auto lostJournal = batch.journal.size();
            pushBack(std::move(batch));
            setState(fault, error);
            if (stopping) {
                qCWarning(lcStore).noquote() << "history store stopped with" << lostValues << "values and"
                                             << lostJournal << "journal entries not written:" << error;
                break;
            }
            faulted = true;
            backoffMs = std::min(backoffMs * 2, m_options.retryMaxMs);
            continue;
        }
        if (stopping)
            break;
        // Retention between batches, a few small deletes at a time.
        const bool requested = retentionTarget > retentionDone;
        if (requested || steady_clock::now() >= nextRetention) {
            const auto sliceEnd = steady_clock::now() + milliseconds(std::max(1, m_options.commitIntervalMs / 4));
            bool finished = false;
            bool retentionOk = w.setSynchronous(false);
            while (retentionOk && !finished && (requested || steady_clock::now() < sliceEnd))
                retentionOk = w.retentionStep(nowMs, &finished);
            if (!retentionOk) {
                qCWarning(lcStore).noquote() << "history retention:" << w.db.lastError();
                w.retentionActive = false;
                nextRetention = steady_clock::now() + milliseconds(m_options.retentionIntervalMs);
            }
            std::lock_guard lock(m_mutex);
            m_metrics.retentionDeletedRows = w.retentionDeleted;
            if (finished || !retentionOk) {
                nextRetention = steady_clock::now() + milliseconds(m_options.retentionIntervalMs);
                m_retentionDone = std::max(m_retentionDone, retentionTarget);
                m_done.notify_all();
            }
        }
    }
    w.db.close();
    std::lock_guard lock(m_mutex);
    m_state = StoreState::Closed;
    m_done.notify_all();
}

} // namespace citybrain
