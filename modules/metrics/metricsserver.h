#pragma once

// Serves a MetricsRegistry as Prometheus text on GET /metrics, with Qt's QHttpServer running on a thread of
// its own: the GUI thread never serves a request. Any other path or method gets 404.
//
// Threads: construct, start(), stop() and destroy from one thread (the composition root's). start() and
// stop() block briefly until the server thread has bound or has shut down. The registry's render() and
// therefore its gauge/counter functions run on the server thread. The registry must outlive the server.

#include <QHostAddress>
#include <QString>

#include <memory>

namespace citybrain {

class MetricsRegistry;
class MetricsServerThread;

class MetricsServer
{
public:
    explicit MetricsServer(const MetricsRegistry& registry);
    ~MetricsServer(); // stop(): closes the socket and joins the thread
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // "HOST:PORT" with HOST an IPv4 literal, "[IPv6]" or "localhost", PORT 0..65535 (0 picks a free
    // port at start()). Only loopback addresses are accepted unless allowRemote is true.
    // On failure returns false and sets *error (if given) to the reason; the outputs are then untouched.
    static bool parseEndpoint(
        const QString& hostPort, QHostAddress* address, quint16* port, QString* error, bool allowRemote = false);

    // Remote (non-loopback) binding is refused by start() unless allowed here; off by default.
    void setAllowRemote(bool allow) { m_allowRemote = allow; }
    [[nodiscard]] bool allowRemote() const { return m_allowRemote; }

    // Binds and starts serving; port 0 picks a free one (see port()). False with *error set when the
    // address is not allowed, the server is already running, or binding fails.
    bool start(const QHostAddress& address, quint16 port, QString* error = nullptr);
    // Closes the listening socket and open connections and joins the thread. No-op when not running.
    void stop();

    [[nodiscard]] bool isRunning() const { return m_thread != nullptr; }
    [[nodiscard]] quint16 port() const; // the bound port, 0 when not running
    [[nodiscard]] QHostAddress address() const; // the bound address, null when not running

private:
    const MetricsRegistry& m_registry;
    std::unique_ptr<MetricsServerThread> m_thread;
    bool m_allowRemote = false;
};

} // namespace citybrain
