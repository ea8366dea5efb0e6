#pragma once

#include "historytypes.h"

#include <QString>

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace citybrain {

// The history writer: telemetry, indicator values and the incident journal into one SQLite file, on a
// dedicated writer thread with its own connection.
//
// Schema for write speed (schema.h): a (series, ts, value) row with a (series, ts) index costs two B-tree
// inserts per value (75-100k rows/s here), and even one row per series and commit costs thousands of row
// writes per commit with thousands of series. Instead every commit writes ONE raw_stage row per minute it
// touched (normally one), holding the values of all series of the batch as a BLOB of (series, dt, value)
// triples sorted by series. When a minute is over (plus a grace for late values), its values are written
// as one raw_chunk row per series (index (series_id, t0)), its 1-minute rollup is written and merged into
// the 1-hour rollup, and its raw_stage rows are deleted, all in one transaction. Values for a minute
// already closed, or closing in the commit that brings all of them (a backlog), go straight to a raw_chunk
// row and the rollups; rollups are upserts of associative aggregates, so late values merge correctly (the
// 1-hour ones are merged in memory first, one upsert per series and hour and commit). Readers see the raw values of
// open minutes in raw_stage. A crash loses no committed value: the minutes not rolled up yet (store_meta
// rollup_watermark) are re-read from raw_stage at start.
//
// Durability: the connection runs synchronous=NORMAL for telemetry-only commits (WAL: a power cut may
// lose the last commits, never corrupt) and switches to synchronous=FULL for any commit that carries
// journal entries, so appendJournal() returns only after the WAL was fsynced; that fsync also makes all
// earlier telemetry commits durable (the WAL is sequential). One connection, so the journal and
// telemetry never contend for the write lock with each other.
//
// Faults (locked, disk full, read-only, corrupt, I/O): the batch is rolled back and kept in memory;
// state() and storeError() say what is wrong (logged once per change on citybrain.store), the writer
// retries with backoff (retryInitialMs doubling to retryMaxMs), reopening the file if needed, and
// resumes by itself. Telemetry in memory is bounded (maxBacklogValues, oldest dropped and counted);
// journal entries are never dropped.
//
// Thread rules: every public function may be called from any thread. append()/appendIndicators() never
// block on I/O. appendJournal() blocks until durable (or the store is faulted, or journalWaitMs).
class HistoryStore
{
public:
    explicit HistoryStore(QString path, HistoryOptions options = {});
    // A clean stop(): writes what it can, including the rollups of open minutes.
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    // Opens (creating and migrating) the database on the calling thread, then starts the writer
    // thread. If the first open fails, the error is returned and the writer still starts: it keeps
    // everything in memory and retries. Call once.
    bool start(QString* error = nullptr);
    // Flushes (one attempt if faulted), writes the rollups of open minutes, stops the thread.
    void stop();

    // Non-blocking; every value of every sample becomes a point of series (sensorId, metric).
    void append(std::vector<TelemetrySample> samples);
    // Non-blocking; value as series "indicator:<id>"/"value", the rest as the indicator's latest metadata.
    // An update not newer than the last one stored for its indicator (a retained re-delivery) is skipped.
    void appendIndicators(std::vector<IndicatorUpdate> updates);
    // Blocks until the entries are committed with synchronous=FULL and returns true. Returns false at
    // once if the store is faulted (the entries stay queued and are written when it recovers), or after
    // journalWaitMs. Entries get their id and recordedMs in the database, not in the argument.
    bool appendJournal(std::vector<JournalEntry> entries);
    // Journal entries for feed events, plus the `incident` table's latest-state upsert (IncidentStore's
    // table) in the same durable transaction.
    bool appendIncidents(const std::vector<IncidentEvent>& events);

    // Blocks until everything appended before the call is committed (true), or timeoutMs passes.
    bool flush(int timeoutMs = 30000);
    // Runs a full retention pass now (in small deletes, between batches) and waits for it.
    bool runRetention(int timeoutMs = 30000);
    // PRAGMA max_page_count on the writer connection (0: back to SQLite's maximum), applied before the
    // next commit. Caps the file size; also how the tests make SQLite hit SQLITE_FULL for real.
    void setMaxPageCount(qint64 pages);

    [[nodiscard]] StoreState state() const;
    [[nodiscard]] QString storeError() const;
    [[nodiscard]] HistoryMetrics metrics() const;
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] const HistoryOptions& options() const { return m_options; }

private:
    struct Writer;
    struct JournalItem
    {
        JournalEntry entry;
        bool hasIncident = false;
        IncidentEvent incident;
        qint64 ticket = 0;
    };
    struct Batch
    {
        std::deque<TelemetrySample> samples;
        std::deque<JournalItem> journal;
        std::map<QString, IndicatorUpdate> indicatorMeta;
        qint64 values = 0;
        qint64 ticket = 0; // the last ticket it contains
    };

    void run();
    void enqueueSamples(std::vector<TelemetrySample>&& samples, qint64 values);
    void dropOldestLocked();
    void setState(StoreState state, const QString& detail);
    void pushBack(Batch&& batch);

    const QString m_path;
    const HistoryOptions m_options;
    std::unique_ptr<Writer> m_writer; // lives on the writer thread once started

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // writer waits on it
    std::condition_variable m_done; // flush/appendJournal wait on it
    Batch m_queue;
    bool m_stopping = false;
    bool m_urgent = false; // commit now (journal, flush)
    qint64 m_ticket = 0; // last ticket handed out
    qint64 m_committedTicket = 0; // every ticket up to it is committed
    qint64 m_retentionRequested = 0;
    qint64 m_retentionDone = 0;
    qint64 m_maxPageCount = -1;
    std::map<QString, qint64>
        m_indicatorLatestMs; // indicator id -> newest update time appended // -1: no change requested
    StoreState m_state = StoreState::Closed;
    QString m_error;
    HistoryMetrics m_metrics;
    std::thread m_thread;
};

} // namespace citybrain
