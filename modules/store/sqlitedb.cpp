#include "sqlitedb.h"

#include <QFile>

#include <cerrno>
#include <sqlite3.h>

namespace citybrain {

QString storeStateName(StoreState state)
{
    switch (state) {
    case StoreState::Closed:
        return QStringLiteral("closed");
    case StoreState::Ok:
        return QStringLiteral("ok");
    case StoreState::Locked:
        return QStringLiteral("locked");
    case StoreState::DiskFull:
        return QStringLiteral("disk full");
    case StoreState::ReadOnly:
        return QStringLiteral("read-only");
    case StoreState::Corrupt:
        return QStringLiteral("corrupt");
    case StoreState::TooNew:
        return QStringLiteral("newer schema");
    case StoreState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

StoreState storeStateForCode(int sqliteCode, int systemErrno)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return StoreState::Ok;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreState::Locked;
    case SQLITE_FULL:
        return StoreState::DiskFull;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return StoreState::ReadOnly;
    case SQLITE_CANTOPEN:
        return systemErrno == EACCES || systemErrno == EPERM || systemErrno == EROFS ? StoreState::ReadOnly
                                                                                     : StoreState::Failed;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StoreState::Corrupt;
    case SQLITE_IOERR:
        if (systemErrno == ENOSPC || systemErrno == EDQUOT)
            return StoreState::DiskFull;
        if (systemErrno == EROFS || systemErrno == EACCES || systemErrno == EPERM)
            return StoreState::ReadOnly;
        return StoreState::Failed;
    default:
        return StoreState::Failed;
    }
}

Sqlite::~Sqlite()
{
    close();
}

bool Sqlite::open(const QString& path, bool readOnly)
{
    close();
    const int flags
        = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    const QByteArray name = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(name.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        setError(rc, QStringLiteral("cannot open %1").arg(path));
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

void Sqlite::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Sqlite::setError(int code, const QString& context)
{
    m_lastCode = code;
    m_lastErrno = m_db ? sqlite3_system_errno(m_db) : 0;
    const QString message = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(code));
    m_lastError = context.isEmpty() ? message : QStringLiteral("%1: %2").arg(context, message);
}

bool Sqlite::exec(const char* sql)
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)
        return true;
    setError(rc, QString());
    return false;
}

bool Sqlite::queryInt(const char* sql, qint64* out)
{
    SqliteStatement statement;
    if (!statement.prepare(*this, sql))
        return false;
    if (!statement.step()) {
        if (statement.ok())
            setError(SQLITE_ERROR, QStringLiteral("no result"));
        return false;
    }
    *out = statement.int64(0);
    return true;
}

SqliteStatement::~SqliteStatement()
{
    finalize();
}

bool SqliteStatement::prepare(Sqlite& db, const char* sql)
{
    finalize();
    m_db = &db;
    m_sql = sql;
    const int rc = sqlite3_prepare_v3(db.m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        db.setError(rc, QString());
        m_stmt = nullptr;
        return false;
    }
    return true;
}

void SqliteStatement::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlob(int index, const void* data, int size, bool stable)
{
    sqlite3_bind_blob(m_stmt, index, data, size, stable ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_ok = true;
        return true;
    }
    m_ok = rc == SQLITE_DONE;
    if (!m_ok)
        m_db->setError(rc, QString());
    return false;
}

bool SqliteStatement::run()
{
    while (step()) { }
    const bool ok = m_ok;
    reset();
    return ok;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString SqliteStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::blob(int column) const
{
    int size = 0;
    const void* data = blobData(column, &size);
    return QByteArray(static_cast<const char*>(data), size);
}

const void* SqliteStatement::blobData(int column, int* size) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    *size = sqlite3_column_bytes(m_stmt, column);
    return data;
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

} // namespace citybrain
