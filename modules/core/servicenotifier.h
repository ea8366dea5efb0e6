#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace citybrain {

// The systemd notification protocol (sd_notify(3)) without libsystemd: datagrams to the AF_UNIX socket
// named by $NOTIFY_SOCKET ('@' = abstract namespace). Without $NOTIFY_SOCKET every call is a no-op.
//
// The watchdog pings come from a QTimer on the thread that owns this object (the GUI thread), every
// $WATCHDOG_USEC / 2: a GUI thread that hangs stops pinging, and systemd (WatchdogSec=) restarts the app.
//
// The constructor reads and then removes NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the
// environment, so child processes (the embedded broker, the simulator) neither inherit nor answer for
// this service.
class ServiceNotifier : public QObject
{
    Q_OBJECT
public:
    explicit ServiceNotifier(QObject* parent = nullptr);
    ~ServiceNotifier() override;

    [[nodiscard]] bool isEnabled() const { return m_fd >= 0; }
    // Zero when systemd asked for no watchdog (or asked it of another process, $WATCHDOG_PID).
    [[nodiscard]] std::chrono::milliseconds watchdogInterval() const { return m_watchdogInterval; }

    // READY=1 (plus STATUS= when given): the service is up; systemd's start job completes.
    void ready(const QString& status = {});
    // STOPPING=1: the service is shutting down on its own (not a hang).
    void stopping(const QString& status = {});
    // STATUS=: one line for `systemctl status`.
    void setStatus(const QString& status);
    // Sends WATCHDOG=1 now and then every watchdogInterval() from the event loop; no-op without a watchdog.
    void startWatchdog();

    // One notification, e.g. "READY=1\nSTATUS=wall shown". False when disabled or the send failed.
    bool notify(const QByteArray& state);

private:
    int m_fd = -1;
    QByteArray m_address; // struct sockaddr_un bytes, length included
    std::chrono::milliseconds m_watchdogInterval { 0 };
    QTimer m_watchdog;
    bool m_sendFailureLogged = false;
};

} // namespace citybrain
