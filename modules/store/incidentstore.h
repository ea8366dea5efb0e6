#pragma once

#include "citytypes.h"
#include "schema.h"

#include <QString>

#include <vector>

namespace citybrain {

// The incidents seen, in a SQLite file, so a restarted wall shows them again. One instance per
// thread: it owns a connection of its own and must be used from the thread that opened it.
// Its table (`incident`, schema v1) lives in the history database; open() migrates the file to the
// current schema (schema.h). HistoryStore::appendIncidents() writes the same table together with the
// incident journal in one durable transaction.
class IncidentStore
{
public:
    explicit IncidentStore(QString path);
    ~IncidentStore();
    IncidentStore(const IncidentStore&) = delete;
    IncidentStore& operator=(const IncidentStore&) = delete;

    bool open(QString* error);
    // One transaction. An event older than what is stored for its incident does not overwrite it.
    bool save(const std::vector<IncidentEvent>& events, QString* error);
    // The most recent incidents, newest first; `reportedMs` of each is its first event's time.
    [[nodiscard]] std::vector<IncidentEvent> loadRecent(int limit, QString* error) const;

    [[nodiscard]] const QString& path() const { return m_path; }

    static constexpr int schemaVersion = schema::currentVersion;

private:
    QString m_path;
    QString m_connection;
};

} // namespace citybrain
