#include "servicenotifier.h"

#include "logging.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace citybrain {

namespace {

// The socket address for `path`: a filesystem path, or with a leading '@' a name in the abstract namespace
// (sun_path starting with a NUL byte, its length given by the address length, not by a terminator).
QByteArray socketAddress(const QByteArray& path)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (path.isEmpty() || path.size() >= qsizetype(sizeof(address.sun_path)))
        return {};
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    qsizetype length = qsizetype(offsetof(sockaddr_un, sun_path)) + path.size();
    if (path.startsWith('@'))
        address.sun_path[0] = '\0';
    else
        ++length; // the terminating NUL
    return QByteArray(reinterpret_cast<const char*>(&address), length);
}

} // namespace

ServiceNotifier::ServiceNotifier(QObject* parent)
    : QObject(parent)
{
    const QByteArray socketPath = qgetenv("NOTIFY_SOCKET");
    const QByteArray watchdogUsec = qgetenv("WATCHDOG_USEC");
    const QByteArray watchdogPid = qgetenv("WATCHDOG_PID");
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
    qunsetenv("WATCHDOG_PID");
    if (socketPath.isEmpty())
        return;

    m_address = socketAddress(socketPath);
    if (m_address.isEmpty()) {
        qCWarning(lcApp) << "NOTIFY_SOCKET" << socketPath << "is not a usable socket path: no systemd notifications";
        return;
    }
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        qCWarning(lcApp) << "no socket for systemd notifications:" << std::strerror(errno);
        return;
    }

    bool pidOk = true;
    if (!watchdogPid.isEmpty())
        pidOk = watchdogPid.toLongLong() == qint64(::getpid());
    bool usecOk = false;
    const qint64 usec = watchdogUsec.toLongLong(&usecOk);
    if (pidOk && usecOk && usec > 0) {
        // Twice per period, as sd_watchdog_enabled(3) advises; at least every millisecond.
        m_watchdogInterval = std::chrono::milliseconds(std::max<qint64>(1, usec / 2000));
        m_watchdog.setInterval(m_watchdogInterval);
        m_watchdog.setTimerType(Qt::PreciseTimer);
        connect(&m_watchdog, &QTimer::timeout, this, [this] { notify("WATCHDOG=1"); });
    }
    qCInfo(lcApp) << "systemd notifications to" << socketPath << "watchdog every" << m_watchdogInterval.count() << "ms";
}

ServiceNotifier::~ServiceNotifier()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool ServiceNotifier::notify(const QByteArray& state)
{
    if (m_fd < 0)
        return false;
    // Never blocks: a full receive queue (a busy systemd, a test not reading) must not stall the GUI thread;
    // a lost ping costs nothing when the next one comes in time.
    const auto sent = ::sendto(m_fd, state.constData(), std::size_t(state.size()), MSG_NOSIGNAL | MSG_DONTWAIT,
        reinterpret_cast<const sockaddr*>(m_address.constData()), socklen_t(m_address.size()));
    if (sent == state.size())
        return true;
    // Once: a vanished socket would otherwise log every watchdog period.
    if (!m_sendFailureLogged) {
        m_sendFailureLogged = true;
        qCWarning(lcApp) << "systemd notification not sent:" << std::strerror(errno);
    }
    return false;
}

namespace {

QByteArray withStatus(QByteArray state, const QString& status)
{
    if (!status.isEmpty())
        state += "\nSTATUS=" + status.simplified().toUtf8(); // one line: a newline would start another field
    return state;
}

} // namespace

void ServiceNotifier::ready(const QString& status)
{
    notify(withStatus("READY=1", status));
}

void ServiceNotifier::stopping(const QString& status)
{
    notify(withStatus("STOPPING=1", status));
}

void ServiceNotifier::setStatus(const QString& status)
{
    notify("STATUS=" + status.simplified().toUtf8());
}

void ServiceNotifier::startWatchdog()
{
    if (m_fd < 0 || m_watchdogInterval.count() <= 0)
        return;
    notify("WATCHDOG=1");
    m_watchdog.start();
}

} // namespace citybrain
