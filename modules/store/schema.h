#pragma once

#include "sqlitedb.h"

#include <QString>

#include <vector>

// The CityBrain database schema and its migrations, by PRAGMA user_version.
//
// v1  incident        the latest state of every incident seen (IncidentStore)
// v2  series          (sensor, metric) -> integer id, so hot tables carry an integer, not two strings
//     raw_chunk       raw telemetry of closed minutes, one row per series and minute: a BLOB of (int32 dt,
//                     float64 value) little-endian pairs after t0. Index (series_id, t0). (Values later than
//                     the minute's close add a row per commit.) See historystore.h for why.
//     rollup_minute   1-minute and 1-hour rollups (count, sum, min/max/first/last with their sample times),
//     rollup_hour     WITHOUT ROWID on (series_id, bucket): one B-tree, merged with upserts (associative)
//     indicator_meta  latest name/unit/target/value of every indicator (its values are series "indicator:<id>")
//     journal         the append-only incident journal (triggers refuse UPDATE and DELETE)
//     store_meta      key/integer pairs: rollup_watermark (minutes before it have their rollups written)
// v3  raw_stage       raw telemetry of minutes not closed yet: one row per commit and minute, all series in
//                     one BLOB of (int32 series_id, int32 dt, float64 value) little-endian triples after
//                     `minute`, sorted by series then time. Moved into raw_chunk when the minute closes.
// v4  journal         + action_id: a console action's id (NULL for other entries), unique per incident
//                     (partial unique index journal_action), so an action is journalled once whatever the
//                     broker redelivers, before or after a restart.
namespace citybrain::schema {

constexpr int currentVersion = 4;

struct MigrationStep
{
    int version; // user_version after this step
    const char* sql; // one or more statements, no data in them
};

// Every step, oldest first. Step k takes a database at version k-1 to version k.
[[nodiscard]] const std::vector<MigrationStep>& migrationSteps();

// Brings the open database to `targetVersion` (default: current): WAL mode, then each missing step in
// its own BEGIN IMMEDIATE transaction, re-reading user_version inside it so two connections migrating
// at once do not both run a step. A database newer than this build is refused (state TooNew).
// Returns false with a message; *state says what kind of failure it was.
bool migrate(Sqlite& db, QString* error, StoreState* state = nullptr, int targetVersion = currentVersion);

} // namespace citybrain::schema
