#include "schema.h"

namespace citybrain::schema {

const std::vector<MigrationStep>& migrationSteps()
{
    static const std::vector<MigrationStep> steps {
        { 1,
            "CREATE TABLE IF NOT EXISTS incident ("
            " id TEXT PRIMARY KEY, source TEXT NOT NULL, seq INTEGER NOT NULL,"
            " first_ts_ms INTEGER NOT NULL, ts_ms INTEGER NOT NULL, kind TEXT NOT NULL,"
            " severity INTEGER NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL,"
            " description TEXT NOT NULL, district TEXT NOT NULL, lon REAL NOT NULL,"
            " lat REAL NOT NULL);"
            "CREATE INDEX IF NOT EXISTS incident_first_ts ON incident(first_ts_ms);" },
        { 2,
            "CREATE TABLE series (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, metric TEXT NOT NULL,"
            " domain TEXT NOT NULL DEFAULT '', district TEXT NOT NULL DEFAULT '', UNIQUE (sensor, metric));"
            "CREATE TABLE raw_chunk (series_id INTEGER NOT NULL, t0 INTEGER NOT NULL, t1 INTEGER NOT NULL,"
            " n INTEGER NOT NULL, data BLOB NOT NULL);"
            "CREATE INDEX raw_chunk_series_t0 ON raw_chunk(series_id, t0);"
            "CREATE TABLE rollup_minute (series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,"
            " count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, min_ts INTEGER NOT NULL,"
            " max REAL NOT NULL, max_ts INTEGER NOT NULL, first REAL NOT NULL, first_ts INTEGER NOT NULL,"
            " last REAL NOT NULL, last_ts INTEGER NOT NULL, PRIMARY KEY (series_id, bucket)) WITHOUT ROWID;"
            "CREATE TABLE rollup_hour (series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,"
            " count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, min_ts INTEGER NOT NULL,"
            " max REAL NOT NULL, max_ts INTEGER NOT NULL, first REAL NOT NULL, first_ts INTEGER NOT NULL,"
            " last REAL NOT NULL, last_ts INTEGER NOT NULL, PRIMARY KEY (series_id, bucket)) WITHOUT ROWID;"
            "CREATE TABLE indicator_meta (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL,"
            " unit TEXT NOT NULL, value REAL NOT NULL, target REAL NOT NULL, has_target INTEGER NOT NULL,"
            " higher_is_better INTEGER NOT NULL, ts_ms INTEGER NOT NULL, seq INTEGER NOT NULL);"
            "CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id TEXT NOT NULL,"
            " kind TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, console TEXT NOT NULL,"
            " ts_ms INTEGER NOT NULL, payload TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,"
            " recorded_ms INTEGER NOT NULL);"
            "CREATE INDEX journal_ts ON journal(ts_ms);"
            "CREATE INDEX journal_incident_ts ON journal(incident_id, ts_ms);"
            "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal"
            " BEGIN SELECT RAISE(ABORT, 'the incident journal is append-only'); END;"
            "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal"
            " BEGIN SELECT RAISE(ABORT, 'the incident journal is append-only'); END;"
            "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);" },
        { 3,
            "CREATE TABLE raw_stage (id INTEGER PRIMARY KEY, minute INTEGER NOT NULL, n INTEGER NOT NULL,"
            " data BLOB NOT NULL);"
            "CREATE INDEX raw_stage_minute ON raw_stage(minute);" },
        { 4,
            // Console actions carry their id, unique per incident: a redelivered action is journalled once,
            // across restarts too (the writer inserts with OR IGNORE). NULL for every other entry.
            "ALTER TABLE journal ADD COLUMN action_id TEXT;"
            "CREATE UNIQUE INDEX journal_action ON journal(incident_id, action_id) WHERE action_id IS NOT NULL;" },
    };
    return steps;
}

namespace {

bool fail(Sqlite& db, QString* error, StoreState* state, const QString& what)
{
    *error = QStringLiteral("%1: %2").arg(what, db.lastError());
    if (state)
        *state = db.lastState();
    return false;
}

} // namespace

bool migrate(Sqlite& db, QString* error, StoreState* state, int targetVersion)
{
    qint64 version = 0;
    if (!db.queryInt("PRAGMA user_version", &version))
        return fail(db, error, state, QStringLiteral("not a CityBrain database"));
    if (version > currentVersion) {
        *error = QStringLiteral("the database has schema version %1, newer than this CityBrain (%2)")
                     .arg(version)
                     .arg(currentVersion);
        if (state)
            *state = StoreState::TooNew;
        return false;
    }
    if (!db.exec("PRAGMA journal_mode=WAL"))
        return fail(db, error, state, QStringLiteral("cannot switch to WAL"));
    for (const MigrationStep& step : migrationSteps()) {
        if (step.version > targetVersion)
            break;
        if (step.version <= version)
            continue;
        if (!db.exec("BEGIN IMMEDIATE"))
            return fail(db, error, state, QStringLiteral("cannot start the migration"));
        if (!db.queryInt("PRAGMA user_version", &version)) {
            db.exec("ROLLBACK");
            return fail(db, error, state, QStringLiteral("cannot read the schema version"));
        }
        if (step.version <= version) { // another connection migrated meanwhile
            db.exec("ROLLBACK");
            continue;
        }
        const QByteArray setVersion = QByteArrayLiteral("PRAGMA user_version=") + QByteArray::number(step.version);
        if (!db.exec(step.sql) || !db.exec(setVersion.constData()) || !db.exec("COMMIT")) {
            const QString what = QStringLiteral("migration to schema version %1 failed").arg(step.version);
            fail(db, error, state, what);
            db.exec("ROLLBACK");
            return false;
        }
        version = step.version;
    }
    return true;
}

} // namespace citybrain::schema
