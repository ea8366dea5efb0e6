#include "historyreader.h"

#include "downsample.h"
#include "schema.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <map>
#include <sqlite3.h>

namespace citybrain {

namespace {

constexpr qint64 minuteMs = 60000;
constexpr qint64 hourMs = 3600000;

JournalEntry journalRow(const SqliteStatement& s)
{
    JournalEntry e;
    e.id = s.int64(0);
    e.incidentId = s.text(1);
    e.kind = s.text(2);
    e.actor = s.text(3);
    e.role = s.text(4);
    e.console = s.text(5);
    e.tsMs = s.int64(6);
    e.payload = s.text(7);
    e.before = s.text(8);
    e.after = s.text(9);
    e.recordedMs = s.int64(10);
    if (!s.isNull(11))
        e.actionId = s.text(11);
    return e;
}

// A read transaction: the raw values of one minute move from raw_stage to raw_chunk in one commit, so
// the two tables are read in one snapshot. Declared before the statements (ends after they finalize).
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Sqlite& db)
        : m_db(db)
        , m_active(db.exec("BEGIN"))
    { }
    ~ReadSnapshot()
    {
        if (m_active)
            m_db.exec("COMMIT");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    Sqlite& m_db;
    bool m_active;
};

constexpr const char* journalColumns
    = "SELECT id, incident_id, kind, actor, role, console, ts_ms, payload, before, after, recorded_ms, action_id"
      " FROM journal WHERE ts_ms>=? AND ts_ms<=? ORDER BY ts_ms, id";
// The same columns; the partial index journal_action (incident_id, action_id) WHERE action_id IS NOT NULL
// serves it.
constexpr const char* actionColumns
    = "SELECT id, incident_id, kind, actor, role, console, ts_ms, payload, before, after, recorded_ms, action_id"
      " FROM journal WHERE incident_id=? AND action_id IS NOT NULL ORDER BY id";

} // namespace

HistoryReader::HistoryReader(QString path, HistoryOptions options)
    : m_path(std::move(path))
    , m_options(options)
{ }

HistoryReader::~HistoryReader() = default;

bool HistoryReader::fail()
{
    m_error = m_db.lastError();
    return false;
}

bool HistoryReader::open(QString* error)
{
    if (!QFileInfo::exists(m_path)) {
        m_error = QStringLiteral("%1 does not exist").arg(m_path);
        *error = m_error;
        return false;
    }
    qint64 version = 0;
    if (!m_db.open(m_path, true) || !m_db.queryInt("PRAGMA user_version", &version)) {
        m_error = QStringLiteral("cannot read %1: %2").arg(m_path, m_db.lastError());
        *error = m_error;
        m_db.close();
        return false;
    }
    if (version != schema::currentVersion) {
        m_error = QStringLiteral("%1 has schema version %2, this CityBrain reads %3")
                      .arg(m_path)
                      .arg(version)
                      .arg(schema::currentVersion);
        *error = m_error;
        m_db.close();
        return false;
    }
    sqlite3_busy_timeout(m_db.handle(), 2000);
    return true;
}

HistoryTier HistoryReader::tierFor(
    qint64 fromMs, qint64 toMs, int pixelWidth, qint64 nowMs, const HistoryOptions& options)
{
    const qint64 columnMs = (toMs - fromMs) / std::max(1, pixelWidth);
    HistoryTier tier = columnMs >= hourMs ? HistoryTier::Hour
        : columnMs >= minuteMs            ? HistoryTier::Minute
                                          : HistoryTier::Raw;
    if (tier == HistoryTier::Raw && fromMs < nowMs - options.rawRetentionMs)
        tier = HistoryTier::Minute;
    if (tier == HistoryTier::Minute && fromMs < nowMs - options.minuteRetentionMs)
        tier = HistoryTier::Hour;
    return tier;
}

bool HistoryReader::seriesId(const SeriesKey& key, qint64* id)
{
    SqliteStatement s;
    if (!s.prepare(m_db, "SELECT id FROM series WHERE sensor=? AND metric=?"))
        return fail();
    s.bind(1, key.sensor);
    s.bind(2, key.metric);
    if (!s.step())
        return s.ok() ? false : fail();
    *id = s.int64(0);
    return true;
}

std::vector<QPointF> HistoryReader::range(
    const SeriesKey& key, qint64 fromMs, qint64 toMs, int pixelWidth, HistoryTier* usedTier)
{
    const HistoryTier tier = tierFor(fromMs, toMs, pixelWidth, QDateTime::currentMSecsSinceEpoch(), m_options);
    if (usedTier)
        *usedTier = tier;
    qint64 id = 0;
    if (pixelWidth < 1 || toMs < fromMs || !seriesId(key, &id))
        return {};
    M4Accumulator m4(double(fromMs), double(toMs), pixelWidth);
    const ReadSnapshot snapshot(m_db);
    SqliteStatement s;
    if (tier == HistoryTier::Raw) {
        // A chunk holds at most one minute, so chunks starting a minute before `from` are the only ones
        // that can reach into the range.
        if (!s.prepare(m_db, "SELECT t0, data FROM raw_chunk WHERE series_id=? AND t0>=? AND t0<=? ORDER BY t0"))
            return fail(), std::vector<QPointF> {};
        s.bind(1, id);
        s.bind(2, fromMs - minuteMs);
        s.bind(3, toMs);
        std::vector<std::pair<qint64, double>> points;
        bool sorted = true;
        while (s.step()) {
            int size = 0;
            const void* data = s.blobData(1, &size);
            chunk::forEach(data, size, s.int64(0), [&](qint64 ts, double v) {
                if (ts < fromMs || ts > toMs)
                    return;
                sorted = sorted && (points.empty() || points.back().first <= ts);
                points.emplace_back(ts, v);
            });
        }
        if (!s.ok())
            return fail(), std::vector<QPointF> {};
        // Minutes not closed yet: in the staging rows of all series.
        SqliteStatement staged;
        if (!staged.prepare(m_db, "SELECT minute, data FROM raw_stage WHERE minute>=? AND minute<=? ORDER BY id"))
            return fail(), std::vector<QPointF> {};
        staged.bind(1, fromMs - minuteMs);
        staged.bind(2, toMs);
        while (staged.step()) {
            int size = 0;
            const void* data = staged.blobData(1, &size);
            stage::forEachOf(data, size, staged.int64(0), id, [&](qint64 ts, double v) {
                if (ts < fromMs || ts > toMs)
                    return;
                sorted = sorted && (points.empty() || points.back().first <= ts);
                points.emplace_back(ts, v);
            });
        }
        if (!staged.ok())
            return fail(), std::vector<QPointF> {};
        // Chunks of one minute from different commits (late values) may interleave.
        if (!sorted)
            std::stable_sort(
                points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [ts, v] : points)
            m4.add(double(ts), v);
        return m4.take();
    }
    const bool hour = tier == HistoryTier::Hour;
    const qint64 step = hour ? hourMs : minuteMs;
    const char* sql = hour ? "SELECT first_ts, first, min_ts, min, max_ts, max, last_ts, last FROM rollup_hour"
                             " WHERE series_id=? AND bucket>=? AND bucket<=? ORDER BY bucket"
                           : "SELECT first_ts, first, min_ts, min, max_ts, max, last_ts, last FROM rollup_minute"
                             " WHERE series_id=? AND bucket>=? AND bucket<=? ORDER BY bucket";
    if (!s.prepare(m_db, sql))
        return fail(), std::vector<QPointF> {};
    s.bind(1, id);
    s.bind(2, fromMs - step);
    s.bind(3, toMs);
    while (s.step()) {
        RollupRow row;
        row.startX = double(s.int64(0));
        row.first = s.real(1);
        row.minX = double(s.int64(2));
        row.min = s.real(3);
        row.maxX = double(s.int64(4));
        row.max = s.real(5);
        row.endX = double(s.int64(6));
        row.last = s.real(7);
        m4.add(row);
    }
    if (!s.ok())
        return fail(), std::vector<QPointF> {};
    return m4.take();
}

std::vector<IndicatorUpdate> HistoryReader::latestIndicators()
{
    std::vector<IndicatorUpdate> updates;
    SqliteStatement s;
    if (!s.prepare(m_db,
            "SELECT id, name, name_en, unit, value, target, has_target, higher_is_better, ts_ms, seq"
            " FROM indicator_meta ORDER BY id"))
        return fail(), updates;
    while (s.step()) {
        IndicatorUpdate u;
        u.id = s.text(0);
        u.name = s.text(1);
        u.nameEn = s.text(2);
        u.unit = s.text(3);
        u.value = s.real(4);
        u.target = s.real(5);
        u.hasTarget = s.int64(6) != 0;
        u.higherIsBetter = s.int64(7) != 0;
        u.tsMs = s.int64(8);
        u.seq = s.int64(9);
        updates.push_back(std::move(u));
    }
    if (!s.ok())
        fail();
    return updates;
}

std::vector<SeriesKey> HistoryReader::seriesKeys()
{
    std::vector<SeriesKey> keys;
    SqliteStatement s;
    if (!s.prepare(m_db, "SELECT sensor, metric FROM series ORDER BY id"))
        return fail(), keys;
    while (s.step())
        keys.push_back({ s.text(0), s.text(1) });
    if (!s.ok())
        fail();
    return keys;
}

std::vector<HourlyMean> HistoryReader::hourlyMeans(const SeriesKey& key, qint64 fromMs, qint64 toMs)
{
    std::vector<HourlyMean> hours;
    qint64 id = 0;
    if (toMs <= fromMs || !seriesId(key, &id))
        return hours;
    SqliteStatement s;
    if (!s.prepare(m_db,
            "SELECT bucket, count, sum, min, max, first, last FROM rollup_hour"
            " WHERE series_id=? AND bucket>=? AND bucket<? ORDER BY bucket"))
        return fail(), hours;
    s.bind(1, id);
    s.bind(2, fromMs);
    s.bind(3, toMs);
    while (s.step()) {
        HourlyMean h;
        h.bucketMs = s.int64(0);
        h.count = s.int64(1);
        h.mean = h.count > 0 ? s.real(2) / double(h.count) : 0.0;
        h.min = s.real(3);
        h.max = s.real(4);
        h.first = s.real(5);
        h.last = s.real(6);
        hours.push_back(h);
    }
    if (!s.ok()) {
        fail();
        hours.clear();
    }
    return hours;
}

std::vector<JournalEntry> HistoryReader::eventsBetween(qint64 fromMs, qint64 toMs)
{
    std::vector<JournalEntry> entries;
    forEachIncidentEvent(fromMs, toMs, [&](const JournalEntry& e) {
        entries.push_back(e);
        return true;
    });
    return entries;
}

std::vector<JournalEntry> HistoryReader::incidentActions(const QStringList& incidentIds, bool* ok)
{
    std::vector<JournalEntry> entries;
    if (ok)
        *ok = false;
    SqliteStatement s;
    if (!s.prepare(m_db, actionColumns))
        return fail(), entries;
    for (const QString& id : incidentIds) {
        s.bind(1, id);
        while (s.step())
            entries.push_back(journalRow(s));
        const bool stepped = s.ok();
        s.reset();
        if (!stepped) {
            fail();
            entries.clear();
            return entries;
        }
    }
    if (ok)
        *ok = true;
    std::sort(entries.begin(), entries.end(), [](const JournalEntry& a, const JournalEntry& b) { return a.id < b.id; });
    return entries;
}

std::vector<IncidentEvent> HistoryReader::incidentStatesAt(qint64 tsMs)
{
    std::vector<IncidentEvent> states;
    SqliteStatement s;
    if (!s.prepare(m_db,
            "SELECT payload FROM (SELECT incident_id, payload, ROW_NUMBER() OVER"
            " (PARTITION BY incident_id ORDER BY ts_ms DESC, id DESC) AS rank FROM journal"
            " WHERE kind='event' AND ts_ms<=?) WHERE rank=1 ORDER BY incident_id"))
        return fail(), states;
    s.bind(1, tsMs);
    while (s.step()) {
        IncidentEvent event;
        if (incidentEventFromJson(s.text(0), &event))
            states.push_back(std::move(event));
    }
    if (!s.ok())
        fail();
    return states;
}

bool HistoryReader::forEachTelemetry(
    qint64 fromMs, qint64 toMs, const std::function<bool(const TelemetryPoint&)>& callback)
{
    const ReadSnapshot snapshot(m_db);
    // Minutes not closed yet, all series at once (their staging rows hold every series).
    std::map<qint64, std::vector<std::pair<qint64, double>>> stagedPoints;
    {
        SqliteStatement staged;
        if (!staged.prepare(m_db, "SELECT minute, data FROM raw_stage WHERE minute>=? AND minute<=? ORDER BY id"))
            return fail();
        staged.bind(1, fromMs - minuteMs);
        staged.bind(2, toMs);
        while (staged.step()) {
            int size = 0;
            const void* data = staged.blobData(1, &size);
            stage::forEach(data, size, staged.int64(0), [&](qint64 series, qint64 ts, double v) {
                if (ts >= fromMs && ts <= toMs)
                    stagedPoints[series].emplace_back(ts, v);
            });
        }
        if (!staged.ok())
            return fail();
    }
    SqliteStatement series;
    SqliteStatement chunks;
    if (!series.prepare(m_db, "SELECT id, sensor, metric FROM series ORDER BY id")
        || !chunks.prepare(m_db, "SELECT t0, data FROM raw_chunk WHERE series_id=? AND t0>=? AND t0<=? ORDER BY t0"))
        return fail();
    while (series.step()) {
        TelemetryPoint point;
        point.sensor = series.text(1);
        point.metric = series.text(2);
        chunks.bind(1, series.int64(0));
        chunks.bind(2, fromMs - minuteMs);
        chunks.bind(3, toMs);
        std::vector<std::pair<qint64, double>> points;
        while (chunks.step()) {
            int size = 0;
            const void* data = chunks.blobData(1, &size);
            chunk::forEach(data, size, chunks.int64(0), [&](qint64 ts, double v) {
                if (ts >= fromMs && ts <= toMs)
                    points.emplace_back(ts, v);
            });
        }
        const bool ok = chunks.ok();
        chunks.reset();
        if (!ok)
            return fail();
        const auto staged = stagedPoints.find(series.int64(0));
        if (staged != stagedPoints.end())
            points.insert(points.end(), staged->second.begin(), staged->second.end());
        std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [ts, v] : points) {
            point.tsMs = ts;
            point.value = v;
            if (!callback(point))
                return true;
        }
    }
    return series.ok() || fail();
}

bool HistoryReader::forEachIncidentEvent(
    qint64 fromMs, qint64 toMs, const std::function<bool(const JournalEntry&)>& callback)
{
    SqliteStatement s;
    if (!s.prepare(m_db, journalColumns))
        return fail();
    s.bind(1, fromMs);
    s.bind(2, toMs);
    while (s.step()) {
        if (!callback(journalRow(s)))
            return true;
    }
    return s.ok() || fail();
}

} // namespace citybrain
