#pragma once

// The real `citybrain` binary as an operator runs it, for the security tests: started with its own working
// folder, temp folder and home (so every file it writes can be found), its stdout and stderr captured, its
// Prometheus endpoint read over plain HTTP, its SQLite file read (read-only) as an auditor would.
#include "terminationsignals.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QTcpSocket>
#include <QUuid>
#include <QVariant>

#include <cmath>
#include <limits>
#include <memory>

namespace citybrain::testing {

inline QString appPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain");
}

// GET http://address:port/path; empty on any failure. The body only.
inline QByteArray httpGet(const QHostAddress& address, quint16 port, const QByteArray& path = "/metrics")
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(
        "GET " + path + " HTTP/1.1\r\nHost: " + address.toString().toLatin1() + "\r\nConnection: close\r\n\r\n");
    QByteArray response;
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(500)
            && socket.state() != QAbstractSocket::ConnectedState)
            break;
        response += socket.readAll();
        const qsizetype headerEnd = response.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            continue;
        const QByteArray lower = response.left(headerEnd).toLower();
        const qsizetype at = lower.indexOf("content-length:");
        if (at >= 0) {
            const qsizetype lineEnd = lower.indexOf("\r\n", at);
            const qint64 length = lower.mid(at + 15, lineEnd < 0 ? -1 : lineEnd - at - 15).trimmed().toLongLong();
            if (response.size() - headerEnd - 4 >= length)
                return response.mid(headerEnd + 4, length);
        }
    }
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    return headerEnd < 0 ? QByteArray() : response.mid(headerEnd + 4);
}

// The value of one series of a Prometheus text page (`name` or `name{labels}` exactly as rendered); NaN
// when the page does not have it.
inline double metricValue(const QByteArray& page, const QByteArray& series)
{
    for (const QByteArray& line : page.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).trimmed().toDouble();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// One column of a query on a SQLite file another process writes (WAL): a read-only connection of its own.
inline QVariantList queryColumn(const QString& dbPath, const QString& sql, const QVariantList& values = {})
{
    QVariantList column;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant& value : values)
                query.addBindValue(value);
            if (query.exec()) {
                while (query.next())
                    column.append(query.value(0));
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return column;
}

// Every file under `dir` (recursively) whose bytes contain `needle` in UTF-8 or UTF-16.
inline QStringList filesContaining(const QString& dir, const QString& needle)
{
    QStringList found;
    const QByteArray utf8 = needle.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char*>(needle.utf16()), needle.size() * 2);
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(utf8) || bytes.contains(utf16))
            found.append(path);
    }
    return found;
}

// A running `citybrain`: its own folders under `root` (work/, tmp/, home/, runtime/), stdout and stderr merged.
class AppProcess
{
public:
    explicit AppProcess(const QString& root)
        : m_root(root)
    {
        for (const char* sub : { "work", "tmp", "home", "runtime" })
            QDir().mkpath(QDir(m_root).filePath(QString::fromLatin1(sub)));
        QFile::setPermissions(folder(QStringLiteral("runtime")),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    ~AppProcess() { stop(); }
    AppProcess(const AppProcess&) = delete;
    AppProcess& operator=(const AppProcess&) = delete;

    [[nodiscard]] QString folder(const QString& sub) const { return QDir(m_root).filePath(sub); }

    // QT_LOGGING_RULES from the test's environment is replaced by `loggingRules` (empty: Qt's default).
    bool start(const QStringList& arguments, const QProcessEnvironment& extra = {},
        // Every category of ours and of the libraries at debug, but Qt's own (qt.*): its scene graph and
        // text layout debug output slows the app so much that its metrics stop answering in time, and no
        // credential passes through them.
        const QString& loggingRules = QStringLiteral("*.debug=true\nqt.*.debug=false"))
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("CITYBRAIN_MQTT_PASSWORD"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("TMPDIR"), folder(QStringLiteral("tmp")));
        env.insert(QStringLiteral("HOME"), folder(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), folder(QStringLiteral("home/.local/share")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), folder(QStringLiteral("home/.config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), folder(QStringLiteral("home/.cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), folder(QStringLiteral("runtime")));
        if (loggingRules.isEmpty())
            env.remove(QStringLiteral("QT_LOGGING_RULES"));
        else
            env.insert(QStringLiteral("QT_LOGGING_RULES"), loggingRules);
        for (const QString& key : extra.keys())
            env.insert(key, extra.value(key));
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(env);
        m_process->setWorkingDirectory(folder(QStringLiteral("work")));
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setChildProcessModifier(terminateWithParent);
        m_process->start(appPath(), arguments);
        return m_process->waitForStarted(10000);
    }

    // Everything it wrote to stdout and stderr so far.
    QByteArray output()
    {
        if (m_process)
            m_output += m_process->readAll();
        return m_output;
    }

    [[nodiscard]] qint64 pid() const { return m_process ? m_process->processId() : 0; }
    [[nodiscard]] bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

    // Waits for it to exit by itself; its exit code, or -1 if it is still running or crashed.
    int waitForExit(int timeoutMs = 20000)
    {
        if (!m_process || !m_process->waitForFinished(timeoutMs))
            return -1;
        output();
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }

    // SIGTERM: the app's own shutdown (presence, queue drained, store closed).
    void stop()
    {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(15000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        output();
        m_process.reset();
    }

private:
    QString m_root;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
};

} // namespace citybrain::testing
