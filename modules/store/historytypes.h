#pragma once

#include "citytypes.h"
#include "sqlitedb.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace citybrain {

// A time series: a sensor's metric, or an indicator ("indicator:<id>", "value").
struct SeriesKey
{
    QString sensor;
    QString metric;

    [[nodiscard]] static SeriesKey indicator(const QString& id)
    {
        return { QStringLiteral("indicator:") + id, QStringLiteral("value") };
    }
    bool operator==(const SeriesKey& other) const { return sensor == other.sensor && metric == other.metric; }
};

// One row of the append-only incident journal. `kind` is "event" for an incident event from a feed
// (payload = the event as JSON), "annotation"/"annotation_removed" for a leader's timeline note, and
// "action:<name>" for a console action ("action:acknowledge", "action:on_scene", ...; payload = the
// action's contract JSON, before/after = the incident's lifecycle state around it: "new", "acknowledged").
struct JournalEntry
{
    qint64 id = 0; // assigned by the store, increasing in commit order
    QString incidentId;
    QString kind;
    QString actor; // who: the source system, or the operator
    QString role; // e.g. "source", "dispatcher", "leader"
    QString console; // the console (client id) it came from; empty for feeds
    qint64 tsMs = 0; // when it happened (the event's own time)
    QString payload; // JSON text
    QString before; // JSON text, "" if none
    QString after; // JSON text, "" if none
    qint64 recordedMs = 0; // when the store committed it (set by the store)
    // Console actions: the action's id. An entry whose (incidentId, actionId) is journalled already is
    // skipped (a redelivery). Empty for every other kind.
    QString actionId;
};

// The journal entry for an incident event from a feed, and back.
[[nodiscard]] JournalEntry journalEntryFor(const IncidentEvent& event);
[[nodiscard]] QString incidentEventToJson(const IncidentEvent& event);
bool incidentEventFromJson(const QString& json, IncidentEvent* event);

// One raw telemetry value, as exported.
struct TelemetryPoint
{
    QString sensor;
    QString metric;
    qint64 tsMs = 0;
    double value = 0;
};

enum class HistoryTier { Raw, Minute, Hour };
[[nodiscard]] QString historyTierName(HistoryTier tier);

struct HistoryOptions
{
    qint64 rawRetentionMs = 7LL * 24 * 3600 * 1000;
    qint64 minuteRetentionMs = 90LL * 24 * 3600 * 1000;
    qint64 hourRetentionMs = 730LL * 24 * 3600 * 1000;
    int commitIntervalMs = 100; // a batch commits at most this long after its first value arrived
    qint64 maxBacklogValues = 2000000; // telemetry values held in memory (queue + unwritten); oldest dropped beyond
    int busyTimeoutMs = 500; // how long one commit waits for another process's lock before reporting Locked
    int retryInitialMs = 100; // first retry after a fault; doubles up to retryMaxMs
    int retryMaxMs = 5000;
    int retentionIntervalMs = 60000; // how often a retention pass starts
    int journalWaitMs = 5000; // appendJournal waits at most this long for its commit while the store is healthy
    qint64 minuteCloseGraceMs = 5000; // a minute's rollup is written this long after the minute ends (late values)
    qint64 maxPageCount = 0; // PRAGMA max_page_count for the writer (0: SQLite's default); caps the file size
};

struct HistoryMetrics
{
    StoreState state = StoreState::Closed;
    qint64 queuedValues = 0; // telemetry values waiting in memory
    qint64 queueHighWater = 0;
    qint64 droppedValues = 0; // oldest values dropped because the backlog was full
    qint64 journalQueued = 0; // journal entries not yet durable
    qint64 valuesWritten = 0; // telemetry and indicator values committed
    qint64 rowsWritten = 0; // raw chunk rows, rollup rows, journal and metadata rows committed
    qint64 journalWritten = 0;
    qint64 commits = 0;
    qint64 failedCommits = 0;
    double lastCommitMs = 0; // wall time of the last commit (BEGIN to COMMIT)
    double maxCommitMs = 0;
    qint64 retentionDeletedRows = 0;
};

namespace chunk {
// Raw chunk BLOB: n pairs of (int32 ms after t0, float64 value), little-endian, sorted by time.
constexpr int pointBytes = 12;
void append(QByteArray& blob, qint64 t0, qint64 tsMs, double value);
// Writes one point's pointBytes at `out`.
inline void write(uchar* out, qint64 t0, qint64 tsMs, double value);
// Calls f(tsMs, value) for each point.
template <typename F> void forEach(const void* data, int size, qint64 t0, F&& f);
} // namespace chunk

namespace stage {
// Staging BLOB (raw_stage.data): n triples of (int32 series id, int32 ms after the minute start, float64
// value), little-endian, sorted by series id, then time.
constexpr int pointBytes = 16;
void append(QByteArray& blob, qint64 minute, qint64 series, qint64 tsMs, double value);
// Calls f(series, tsMs, value) for each point.
template <typename F> void forEach(const void* data, int size, qint64 minute, F&& f);
// Calls f(tsMs, value) for each point of `series` (binary search: the BLOB is sorted by series).
template <typename F> void forEachOf(const void* data, int size, qint64 minute, qint64 series, F&& f);
} // namespace stage

} // namespace citybrain

#include <QtEndian>

#include <cstring>

inline void citybrain::chunk::write(uchar* out, qint64 t0, qint64 tsMs, double value)
{
    qToLittleEndian<qint32>(static_cast<qint32>(tsMs - t0), out);
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    qToLittleEndian<quint64>(bits, out + 4);
}

template <typename F> void citybrain::chunk::forEach(const void* data, int size, qint64 t0, F&& f)
{
    const auto* bytes = static_cast<const uchar*>(data);
    for (int offset = 0; offset + pointBytes <= size; offset += pointBytes) {
        const qint32 dt = qFromLittleEndian<qint32>(bytes + offset);
        const quint64 bits = qFromLittleEndian<quint64>(bytes + offset + 4);
        double value;
        std::memcpy(&value, &bits, sizeof value);
        f(t0 + dt, value);
    }
}

template <typename F> void citybrain::stage::forEach(const void* data, int size, qint64 minute, F&& f)
{
    const auto* bytes = static_cast<const uchar*>(data);
    for (int offset = 0; offset + pointBytes <= size; offset += pointBytes) {
        const qint32 series = qFromLittleEndian<qint32>(bytes + offset);
        const qint32 dt = qFromLittleEndian<qint32>(bytes + offset + 4);
        const quint64 bits = qFromLittleEndian<quint64>(bytes + offset + 8);
        double value;
        std::memcpy(&value, &bits, sizeof value);
        f(qint64(series), minute + dt, value);
    }
}

template <typename F> void citybrain::stage::forEachOf(const void* data, int size, qint64 minute, qint64 series, F&& f)
{
    const auto* bytes = static_cast<const uchar*>(data);
    const int count = size / pointBytes;
    int low = 0, high = count; // first point with a series id >= `series`
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (qint64(qFromLittleEndian<qint32>(bytes + mid * pointBytes)) < series)
            low = mid + 1;
        else
            high = mid;
    }
    for (int i = low; i < count && qint64(qFromLittleEndian<qint32>(bytes + i * pointBytes)) == series; ++i) {
        const qint32 dt = qFromLittleEndian<qint32>(bytes + i * pointBytes + 4);
        const quint64 bits = qFromLittleEndian<quint64>(bytes + i * pointBytes + 8);
        double value;
        std::memcpy(&value, &bits, sizeof value);
        f(minute + dt, value);
    }
}
