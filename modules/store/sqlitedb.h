#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

struct sqlite3;
struct sqlite3_stmt;

namespace citybrain {

// What went wrong with the database, in the terms the health panel shows.
enum class StoreState {
    Closed, // not opened yet, or stopped
    Ok, // writing normally
    Locked, // another process holds the write lock (SQLITE_BUSY / SQLITE_LOCKED)
    DiskFull, // SQLITE_FULL, or an I/O error with ENOSPC
    ReadOnly, // the file or its folder cannot be written (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN)
    Corrupt, // not a SQLite file, or damaged (SQLITE_NOTADB, SQLITE_CORRUPT)
    TooNew, // written by a newer CityBrain (user_version above ours)
    Failed, // any other error (I/O, out of memory)
};

[[nodiscard]] QString storeStateName(StoreState state);
// The state an SQLite result code (primary or extended) stands for; Ok for SQLITE_OK/ROW/DONE.
[[nodiscard]] StoreState storeStateForCode(int sqliteCode, int systemErrno = 0);

// Minimal RAII over the SQLite C API: the history store needs exact result codes (to tell a lock from a
// full disk from a corrupt file), reusable prepared statements and BLOB binding without copies, which
// QtSql does not give. Not thread-safe: one Sqlite per thread.
class SqliteStatement;

class Sqlite
{
public:
    Sqlite() = default;
    ~Sqlite();
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;

    // readOnly: SQLITE_OPEN_READONLY; otherwise read-write, created if missing.
    bool open(const QString& path, bool readOnly);
    void close();
    [[nodiscard]] bool isOpen() const { return m_db != nullptr; }
    [[nodiscard]] sqlite3* handle() const { return m_db; }

    // Runs fixed SQL (no data in it). Returns false and sets lastError on failure.
    bool exec(const char* sql);
    // Runs `PRAGMA x` style text that returns one integer.
    bool queryInt(const char* sql, qint64* out);

    [[nodiscard]] int lastCode() const { return m_lastCode; }
    [[nodiscard]] const QString& lastError() const { return m_lastError; }
    [[nodiscard]] StoreState lastState() const { return storeStateForCode(m_lastCode, m_lastErrno); }
    void setError(int code, const QString& context);

private:
    friend class SqliteStatement;
    sqlite3* m_db = nullptr;
    int m_lastCode = 0;
    int m_lastErrno = 0;
    QString m_lastError;
};

class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool prepare(Sqlite& db, const char* sql);
    void finalize();
    [[nodiscard]] bool isPrepared() const { return m_stmt != nullptr; }

    // Binding (1-based). Text and blob are copied by SQLite (SQLITE_TRANSIENT) unless `stable` says the
    // caller keeps the bytes alive until the next reset.
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bind(int index, const QString& value);
    void bindBlob(int index, const void* data, int size, bool stable = false);
    void bindNull(int index);

    // SQLITE_ROW -> true with a row; SQLITE_DONE -> false, ok()==true; error -> false, ok()==false.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE) and resets; false on error.
    bool run();
    void reset();
    [[nodiscard]] bool ok() const { return m_ok; }

    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray blob(int column) const;
    [[nodiscard]] const void* blobData(int column, int* size) const;
    [[nodiscard]] bool isNull(int column) const;

private:
    Sqlite* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    bool m_ok = true;
    const char* m_sql = nullptr;
};

} // namespace citybrain
