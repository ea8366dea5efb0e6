#include "metricsserver.h"

#include "metricsregistry.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace citybrain {

Q_LOGGING_CATEGORY(lcMetrics, "citybrain.metrics")

// GET /metrics, and 404 for everything else. Not QHttpServer: it keeps every connection open, even when the
// client asks "Connection: close" (a plain HTTP/1.1 client reading to the end then waits for its timeout).
class MetricsHttp final : public QAbstractHttpServer
{
public:
    explicit MetricsHttp(const MetricsRegistry& registry)
        : m_registry(registry)
    { }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        if (request.method() != QHttpServerRequest::Method::Get || request.url().path() != QLatin1String("/metrics"))
            return false; // missingHandler()
        makeResponder(request, socket).write(m_registry.render(), QByteArray(MetricsRegistry::contentType));
        closeIfAsked(request, socket);
        return true;
    }

    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        makeResponder(request, socket)
            .write(QByteArrayLiteral("Not found: metrics are at /metrics\n"),
                QByteArrayLiteral("text/plain; charset=utf-8"), QHttpServerResponder::StatusCode::NotFound);
        closeIfAsked(request, socket);
    }

private:
    static void closeIfAsked(const QHttpServerRequest& request, QTcpSocket* socket)
    {
        // After the responder is gone; the socket writes out what it holds before it closes.
        if (request.value(QByteArrayLiteral("connection")).trimmed().compare("close", Qt::CaseInsensitive) == 0)
            QMetaObject::invokeMethod(socket, &QTcpSocket::disconnectFromHost, Qt::QueuedConnection);
    }

    const MetricsRegistry& m_registry;
};

// The HTTP server and its sockets are created, used and destroyed inside run(): every object lives on this
// thread, and quitting the event loop tears them down before the thread ends.
class MetricsServerThread final : public QThread
{
public:
    MetricsServerThread(const MetricsRegistry& registry, const QHostAddress& address, quint16 port)
        : m_registry(registry)
        , m_requestedAddress(address)
        , m_requestedPort(port)
    {
        setObjectName(QStringLiteral("citybrain-metrics"));
    }

    ~MetricsServerThread() override
    {
        quit();
        wait();
    }

    // Blocks until run() has bound or failed; returns whether it listens.
    bool waitUntilBound()
    {
        m_bound.acquire();
        return m_listening;
    }

    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QHostAddress address() const { return m_address; }

protected:
    void run() override
    {
        MetricsHttp http(m_registry);

        // Our own QTcpServer (a child of the HTTP server) so that a failed bind has a reason.
        auto* tcp = new QTcpServer(&http);
        if (!tcp->listen(m_requestedAddress, m_requestedPort)) {
            m_error = QStringLiteral("cannot listen on %1: %2")
                          .arg(endpointText(m_requestedAddress, m_requestedPort), tcp->errorString());
            m_bound.release();
            return;
        }
        http.bind(tcp);
        m_address = tcp->serverAddress();
        m_port = tcp->serverPort();
        m_listening = true;
        m_bound.release();
        exec(); // quit() before exec() starts is remembered: exec() then returns at once
    }

private:
    static QString endpointText(const QHostAddress& address, quint16 port)
    {
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
            : address.toString();
        return host + QLatin1Char(':') + QString::number(port);
    }

    const MetricsRegistry& m_registry;
    const QHostAddress m_requestedAddress;
    const quint16 m_requestedPort;
    QSemaphore m_bound;
    // Written by run() before m_bound is released, read by the owner after acquiring it.
    bool m_listening = false;
    QString m_error;
    QHostAddress m_address;
    quint16 m_port = 0;
};

namespace {

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

QString notLoopbackReason(const QHostAddress& address)
{
    return QStringLiteral("%1 is not a loopback address: metrics are served on loopback only unless remote access "
                          "is explicitly allowed (metrics/allow_remote in the config)")
        .arg(address.toString());
}

} // namespace

MetricsServer::MetricsServer(const MetricsRegistry& registry)
    : m_registry(registry)
{ }

MetricsServer::~MetricsServer()
{
    stop();
}

bool MetricsServer::parseEndpoint(
    const QString& hostPort, QHostAddress* address, quint16* port, QString* error, bool allowRemote)
{
    const QString text = hostPort.trimmed();
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        setError(error, QStringLiteral("\"%1\" has no port: expected HOST:PORT, e.g. 127.0.0.1:9100").arg(hostPort));
        return false;
    }
    QString host = text.left(colon);
    const QString portText = text.mid(colon + 1);
    if (host.isEmpty()) {
        setError(error, QStringLiteral("\"%1\" has no host: expected HOST:PORT, e.g. 127.0.0.1:9100").arg(hostPort));
        return false;
    }

    bool ok = false;
    const uint portValue = portText.toUInt(&ok, 10);
    if (!ok || portValue > 65535) {
        setError(error, QStringLiteral("\"%1\" is not a port number (0..65535)").arg(portText));
        return false;
    }

    const bool bracketed = host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'));
    if (bracketed)
        host = host.mid(1, host.size() - 2);
    else if (host.contains(QLatin1Char(':'))) {
        setError(error, QStringLiteral("\"%1\": write an IPv6 address in brackets, e.g. [::1]:9100").arg(hostPort));
        return false;
    }

    QHostAddress parsed;
    if (!bracketed && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host) || (bracketed && parsed.protocol() != QAbstractSocket::IPv6Protocol)
        || (!bracketed && parsed.protocol() != QAbstractSocket::IPv4Protocol)) {
        setError(error, QStringLiteral("\"%1\" is not an IP address (or localhost)").arg(host));
        return false;
    }

    if (!allowRemote && !parsed.isLoopback()) {
        setError(error, notLoopbackReason(parsed));
        return false;
    }

    if (address)
        *address = parsed;
    if (port)
        *port = static_cast<quint16>(portValue);
    return true;
}

bool MetricsServer::start(const QHostAddress& address, quint16 port, QString* error)
{
    if (m_thread) {
        setError(error, QStringLiteral("the metrics server is already running on port %1").arg(this->port()));
        return false;
    }
    if (address.isNull()) {
        setError(error, QStringLiteral("no address to listen on"));
        return false;
    }
    if (!m_allowRemote && !address.isLoopback()) {
        setError(error, notLoopbackReason(address));
        return false;
    }

    auto thread = std::make_unique<MetricsServerThread>(m_registry, address, port);
    thread->start();
    if (!thread->waitUntilBound()) {
        setError(error, thread->error());
        qCWarning(lcMetrics).noquote() << "metrics server:" << thread->error();
        thread->wait();
        return false;
    }
    qCInfo(lcMetrics).noquote() << "serving metrics on" << thread->address().toString() << "port" << thread->port();
    m_thread = std::move(thread);
    return true;
}

void MetricsServer::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    qCInfo(lcMetrics) << "metrics server stopped";
}

quint16 MetricsServer::port() const
{
    return m_thread ? m_thread->port() : 0;
}

QHostAddress MetricsServer::address() const
{
    return m_thread ? m_thread->address() : QHostAddress();
}

} // namespace citybrain
