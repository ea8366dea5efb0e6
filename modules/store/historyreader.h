#pragma once

#include "historytypes.h"

#include <QPointF>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace citybrain {

// One hour of a series from the 1-hour rollup (rollup_hour): what the anomaly baseline is seeded from.
struct HourlyMean
{
    qint64 bucketMs = 0; // start of the hour, epoch ms
    qint64 count = 0; // values in the hour
    double mean = 0;
    double min = 0;
    double max = 0;
    double first = 0;
    double last = 0;
};

// Read side of the history database: chart ranges, indicator history, the journal for playback and
// export. Thread rules: one HistoryReader per thread (it owns a read-only SQLite connection opened on
// that thread's behalf and is not thread-safe); never on the GUI thread for long ranges. Readers run
// concurrently with the HistoryStore writer (WAL: readers see the last committed batch and never block
// it). Values of the current minute are in the raw tier at once; their 1-minute/1-hour rollups appear
// when the writer closes the minute (minuteCloseGraceMs after it ends).
class HistoryReader
{
public:
    // `options` supplies the retention windows (which tier still holds data at a given age).
    explicit HistoryReader(QString path, HistoryOptions options = {});
    ~HistoryReader();
    HistoryReader(const HistoryReader&) = delete;
    HistoryReader& operator=(const HistoryReader&) = delete;

    // Fails if the file is missing, not a CityBrain database, or not at the current schema version
    // (the writer migrates it: start the HistoryStore first).
    bool open(QString* error);
    [[nodiscard]] QString lastError() const { return m_error; }

    // Which tier a range reads: the coarsest whose bucket is no wider than one pixel column
    // ((to - from) / pixelWidth), so a column holds whole buckets; finer tiers are skipped where
    // retention has already removed them at `fromMs`.
    [[nodiscard]] static HistoryTier tierFor(
        qint64 fromMs, qint64 toMs, int pixelWidth, qint64 nowMs, const HistoryOptions& options);

    // M4 over [fromMs, toMs] at pixelWidth columns: at most 4 points per column (first, last, min, max
    // of the column), x = epoch ms, sorted by x. Empty for an unknown series. *tier says which tier was read.
    [[nodiscard]] std::vector<QPointF> range(
        const SeriesKey& key, qint64 fromMs, qint64 toMs, int pixelWidth, HistoryTier* tier = nullptr);
    [[nodiscard]] std::vector<QPointF> indicatorHistory(
        const QString& indicatorId, qint64 fromMs, qint64 toMs, int pixelWidth, HistoryTier* tier = nullptr)
    {
        return range(SeriesKey::indicator(indicatorId), fromMs, toMs, pixelWidth, tier);
    }
    // The latest update of every indicator (value, name, unit, target), for start-up.
    [[nodiscard]] std::vector<IndicatorUpdate> latestIndicators();
    // Every series stored (sensors and indicators).
    [[nodiscard]] std::vector<SeriesKey> seriesKeys();
    // The 1-hour rollups of a series whose hour starts in [fromMs, toMs), by time. Empty for an unknown
    // series; on a database error empty too, and lastError() says why. An hour still open holds the
    // minutes closed so far.
    [[nodiscard]] std::vector<HourlyMean> hourlyMeans(const SeriesKey& key, qint64 fromMs, qint64 toMs);

    // Journal entries with fromMs <= tsMs <= toMs, by time then id.
    [[nodiscard]] std::vector<JournalEntry> eventsBetween(qint64 fromMs, qint64 toMs);
    // The console actions journalled on these incidents (entries with an action id, kind "action:<name>"),
    // in journal order (by id). On a database error: empty, *ok false and lastError() says why.
    [[nodiscard]] std::vector<JournalEntry> incidentActions(const QStringList& incidentIds, bool* ok = nullptr);
    // Every incident as it was at tsMs: its latest "event" entry at or before tsMs (by event time,
    // then journal order), closed ones included; ordered by incident id.
    [[nodiscard]] std::vector<IncidentEvent> incidentStatesAt(qint64 tsMs);

    // Export: raw values with fromMs <= ts <= toMs, series by series (in series id order), each series
    // by time. The callback returns false to stop. Returns false on a database error.
    bool forEachTelemetry(qint64 fromMs, qint64 toMs, const std::function<bool(const TelemetryPoint&)>& callback);
    // Export: journal entries with fromMs <= tsMs <= toMs, by time then id.
    bool forEachIncidentEvent(qint64 fromMs, qint64 toMs, const std::function<bool(const JournalEntry&)>& callback);

private:
    bool seriesId(const SeriesKey& key, qint64* id);
    bool fail();

    QString m_path;
    HistoryOptions m_options;
    Sqlite m_db;
    QString m_error;
};

} // namespace citybrain
