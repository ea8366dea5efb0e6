#include "incidentstore.h"

#include "logging.h"
#include "schema.h"
#include "sqlitedb.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace citybrain {

namespace {

bool exec(QSqlQuery& query, QString* error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

bool execText(const QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
    return false;
}

// QtSql binds a null QString as SQL NULL; an empty text is still text.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

IncidentStore::IncidentStore(QString path)
    : m_path(std::move(path))
    , m_connection(QStringLiteral("incidents-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

IncidentStore::~IncidentStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool IncidentStore::open(QString* error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create folder %1").arg(info.absolutePath());
        return false;
    }
    {
        // The schema (and its migrations) is shared with the history store: schema.h.
        Sqlite migration;
        QString reason;
        if (!migration.open(m_path, false) || !migration.exec("PRAGMA busy_timeout=2000")
            || !schema::migrate(migration, &reason)) {
            if (reason.isEmpty())
                reason = migration.lastError();
            *error = QStringLiteral("%1: %2").arg(m_path, reason);
            return false;
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    // Incidents are the audit-relevant data: a committed one must survive a power cut.
    if (!execText(db, QStringLiteral("PRAGMA journal_mode=WAL"), error)
        || !execText(db, QStringLiteral("PRAGMA synchronous=FULL"), error)
        || !execText(db, QStringLiteral("PRAGMA busy_timeout=2000"), error))
        return false;
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        *error = QStringLiteral("%1 is not a CityBrain database: %2").arg(m_path, version.lastError().text());
        return false;
    }
    const int current = version.value(0).toInt();
    if (current > schemaVersion) {
        *error = QStringLiteral("%1 has schema version %2, newer than this CityBrain (%3)")
                     .arg(m_path)
                     .arg(current)
                     .arg(schemaVersion);
        return false;
    }
    if (current < 1) {
        *error = QStringLiteral("%1 was not migrated").arg(m_path);
        return false;
    }
    qCInfo(lcStore) << "incident store" << m_path;
    return true;
}

bool IncidentStore::save(const std::vector<IncidentEvent>& events, QString* error)
{
    if (events.empty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral(
        "INSERT INTO incident (id, source, seq, first_ts_ms, ts_ms, kind, severity, status, title, description,"
        " district, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET source=excluded.source, seq=excluded.seq,"
        " first_ts_ms=MIN(first_ts_ms, excluded.first_ts_ms), ts_ms=excluded.ts_ms, kind=excluded.kind,"
        " severity=excluded.severity, status=excluded.status, title=excluded.title,"
        " description=excluded.description, district=excluded.district, lon=excluded.lon, lat=excluded.lat"
        " WHERE (excluded.ts_ms, excluded.source, excluded.seq) >= (incident.ts_ms, incident.source, incident.seq)"));
    for (const IncidentEvent& event : events) {
        upsert.addBindValue(text(event.id));
        upsert.addBindValue(text(event.source));
        upsert.addBindValue(event.seq);
        upsert.addBindValue(event.tsMs);
        upsert.addBindValue(event.tsMs);
        upsert.addBindValue(text(event.kind));
        upsert.addBindValue(static_cast<int>(event.severity));
        upsert.addBindValue(text(event.status));
        upsert.addBindValue(text(event.title));
        upsert.addBindValue(text(event.description));
        upsert.addBindValue(text(event.district));
        upsert.addBindValue(event.lon);
        upsert.addBindValue(event.lat);
        if (!exec(upsert, error)) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

std::vector<IncidentEvent> IncidentStore::loadRecent(int limit, QString* error) const
{
    std::vector<IncidentEvent> incidents;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT id, source, seq, first_ts_ms, kind, severity, status, title, description,"
                                 " district, lon, lat FROM incident ORDER BY first_ts_ms DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!exec(query, error))
        return incidents;
    while (query.next()) {
        IncidentEvent event;
        event.id = query.value(0).toString();
        event.source = query.value(1).toString();
        event.seq = query.value(2).toLongLong();
        event.tsMs = query.value(3).toLongLong();
        event.kind = query.value(4).toString();
        event.severity = static_cast<Severity>(std::clamp(query.value(5).toInt(), 0, 3));
        event.status = query.value(6).toString();
        event.title = query.value(7).toString();
        event.description = query.value(8).toString();
        event.district = query.value(9).toString();
        event.lon = query.value(10).toDouble();
        event.lat = query.value(11).toDouble();
        incidents.push_back(std::move(event));
    }
    return incidents;
}

} // namespace citybrain
