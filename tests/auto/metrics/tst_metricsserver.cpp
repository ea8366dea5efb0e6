#include "metricsregistry.h"
#include "metricsserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace citybrain;

namespace {

struct HttpResult
{
    bool finished = false;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// One GET with a fresh QNetworkAccessManager (no pooled connection survives a stop()), no proxy.
HttpResult httpGet(quint16 port, const QString& path)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    HttpResult result;
    result.finished = reply->isFinished() || finished.wait(15000);
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->rawHeader("Content-Type");
    result.body = reply->readAll();
    return result;
}

} // namespace

class TestMetricsServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesMetricsWithCurrentValues();
    void otherPathIsNotFound();
    void aClientAskingToCloseIsAnsweredAndClosed();
    void aKeptConnectionServesTheNextScrape();
    void requestsAreServedOffTheCallingThread();
    void stopClosesThePort();
    void startAndStopTwice();
    void startWhileRunningFails();
    void busyPortIsAnErrorWithAReason();
    void startRefusesRemoteAddressUnlessAllowed();
    void parseEndpoint_data();
    void parseEndpoint();
    void parseEndpointAllowsRemoteWhenAsked();
};

void TestMetricsServer::servesMetricsWithCurrentValues()
{
    MetricsRegistry registry;
    Counter& received = registry.counter(QStringLiteral("citybrain_messages_received_total"), QStringLiteral("r"));
    received.add(41);
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    QVERIFY(server.port() != 0);

    HttpResult first = httpGet(server.port(), QStringLiteral("/metrics"));
    QVERIFY(first.finished);
    QCOMPARE(first.error, QNetworkReply::NoError);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY2(first.body.contains("\ncitybrain_messages_received_total 41\n"), first.body.constData());

    received.add();
    HttpResult second = httpGet(server.port(), QStringLiteral("/metrics"));
    QVERIFY(second.finished);
    QVERIFY2(second.body.contains("\ncitybrain_messages_received_total 42\n"), second.body.constData());
}

// A scraper reading to the end (bash's /dev/tcp, curl --http1.0 style) must not wait for a timeout.
void TestMetricsServer::aClientAskingToCloseIsAnsweredAndClosed()
{
    MetricsRegistry registry;
    registry.counter(QStringLiteral("citybrain_messages_received_total"), QStringLiteral("r")).add(7);
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    for (const QByteArray& path : { QByteArray("/metrics"), QByteArray("/other") }) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n");
        QByteArray answer;
        QElapsedTimer waited;
        waited.start();
        while (socket.state() == QAbstractSocket::ConnectedState && waited.elapsed() < 5000) {
            socket.waitForReadyRead(100);
            answer += socket.readAll();
        }
        answer += socket.readAll();
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        if (path == "/metrics") {
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            QVERIFY2(answer.endsWith("\ncitybrain_messages_received_total 7\n"), answer.constData());
        } else {
            QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
        }
    }
}

void TestMetricsServer::aKeptConnectionServesTheNextScrape()
{
    MetricsRegistry registry;
    registry.counter(QStringLiteral("citybrain_messages_received_total"), QStringLiteral("r"));
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), server.port());
    QVERIFY(socket.waitForConnected(5000));
    for (int scrape = 0; scrape < 2; ++scrape) {
        socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray answer;
        QElapsedTimer waited;
        waited.start();
        while (!answer.endsWith("citybrain_messages_received_total 0\n") && waited.elapsed() < 5000) {
            socket.waitForReadyRead(100);
            answer += socket.readAll();
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.endsWith("citybrain_messages_received_total 0\n"), answer.constData());
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void TestMetricsServer::otherPathIsNotFound()
{
    MetricsRegistry registry;
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));

    const HttpResult result = httpGet(server.port(), QStringLiteral("/other"));
    QVERIFY(result.finished);
    QCOMPARE(result.status, 404);
    QCOMPARE(result.error, QNetworkReply::ContentNotFoundError);
}

void TestMetricsServer::requestsAreServedOffTheCallingThread()
{
    MetricsRegistry registry;
    std::atomic<QThread*> renderedOn { nullptr };
    registry.gaugeFunction(QStringLiteral("probe"), QStringLiteral("p"), {}, [&renderedOn] {
        renderedOn.store(QThread::currentThread());
        return 1.0;
    });
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));

    const HttpResult result = httpGet(server.port(), QStringLiteral("/metrics"));
    QCOMPARE(result.status, 200);
    QVERIFY(renderedOn.load() != nullptr);
    QVERIFY(renderedOn.load() != QThread::currentThread());
}

void TestMetricsServer::stopClosesThePort()
{
    MetricsRegistry registry;
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    const quint16 port = server.port();
    QCOMPARE(httpGet(port, QStringLiteral("/metrics")).status, 200);

    server.stop();
    QVERIFY(!server.isRunning());
    QCOMPARE(server.port(), quint16(0));
    const HttpResult after = httpGet(port, QStringLiteral("/metrics"));
    QVERIFY(after.finished);
    QCOMPARE(after.error, QNetworkReply::ConnectionRefusedError);
}

void TestMetricsServer::startAndStopTwice()
{
    MetricsRegistry registry;
    registry.counter(QStringLiteral("runs_total"), QStringLiteral("r")).add(7);
    MetricsServer server(registry);
    for (int round = 0; round < 2; ++round) {
        QString error;
        QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
        const HttpResult result = httpGet(server.port(), QStringLiteral("/metrics"));
        QCOMPARE(result.status, 200);
        QVERIFY(result.body.contains("\nruns_total 7\n"));
        server.stop();
        server.stop(); // harmless when stopped
        QVERIFY(!server.isRunning());
    }
}

void TestMetricsServer::startWhileRunningFails()
{
    MetricsRegistry registry;
    MetricsServer server(registry);
    QString error;
    QVERIFY2(server.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    const quint16 port = server.port();
    QVERIFY(!server.start(QHostAddress(QHostAddress::LocalHost), 0, &error));
    QVERIFY2(error.contains(QStringLiteral("already running")), qPrintable(error));
    QCOMPARE(server.port(), port); // the first one keeps serving
    QCOMPARE(httpGet(port, QStringLiteral("/metrics")).status, 200);
}

void TestMetricsServer::busyPortIsAnErrorWithAReason()
{
    MetricsRegistry registry;
    MetricsServer first(registry);
    QString error;
    QVERIFY2(first.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));

    MetricsServer second(registry);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot listen")));
    QVERIFY(!second.start(QHostAddress(QHostAddress::LocalHost), first.port(), &error));
    QVERIFY(!second.isRunning());
    QVERIFY2(error.contains(QString::number(first.port())), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("cannot listen")), qPrintable(error));
}

void TestMetricsServer::startRefusesRemoteAddressUnlessAllowed()
{
    MetricsRegistry registry;
    MetricsServer server(registry);
    QString error;
    QVERIFY(!server.start(QHostAddress(QHostAddress::AnyIPv4), 0, &error));
    QVERIFY2(error.contains(QStringLiteral("loopback")), qPrintable(error));
    QVERIFY(!server.isRunning());
}

void TestMetricsServer::parseEndpoint_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("reason"); // part of the error text

    QTest::newRow("loopback") << QStringLiteral("127.0.0.1:9100") << true << QStringLiteral("127.0.0.1") << 9100
                              << QString();
    QTest::newRow("localhost") << QStringLiteral("localhost:9100") << true << QStringLiteral("127.0.0.1") << 9100
                               << QString();
    QTest::newRow("ipv6 loopback") << QStringLiteral("[::1]:9100") << true << QStringLiteral("::1") << 9100
                                   << QString();
    QTest::newRow("port 0") << QStringLiteral("127.0.0.1:0") << true << QStringLiteral("127.0.0.1") << 0 << QString();
    QTest::newRow("any without allowRemote")
        << QStringLiteral("0.0.0.0:9100") << false << QString() << 0 << QStringLiteral("loopback");
    QTest::newRow("remote without allowRemote")
        << QStringLiteral("10.1.2.3:9100") << false << QString() << 0 << QStringLiteral("loopback");
    QTest::newRow("no port") << QStringLiteral("host") << false << QString() << 0 << QStringLiteral("no port");
    QTest::newRow("port too big") << QStringLiteral("1.2.3.4:99999") << false << QString() << 0
                                  << QStringLiteral("port");
    QTest::newRow("no host") << QStringLiteral(":9100") << false << QString() << 0 << QStringLiteral("no host");
    QTest::newRow("empty port") << QStringLiteral("127.0.0.1:") << false << QString() << 0 << QStringLiteral("port");
    QTest::newRow("hostname") << QStringLiteral("metrics.example:9100") << false << QString() << 0
                              << QStringLiteral("not an IP address");
    QTest::newRow("bare ipv6") << QStringLiteral("::1:9100") << false << QString() << 0 << QStringLiteral("brackets");
}

void TestMetricsServer::parseEndpoint()
{
    QFETCH(QString, endpoint);
    QFETCH(bool, valid);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, reason);

    QHostAddress parsedAddress;
    quint16 parsedPort = 1;
    QString error;
    QCOMPARE(MetricsServer::parseEndpoint(endpoint, &parsedAddress, &parsedPort, &error), valid);
    if (valid) {
        QCOMPARE(parsedAddress, QHostAddress(address));
        QCOMPARE(parsedPort, quint16(port));
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(parsedAddress.isNull()); // outputs untouched on failure
        QCOMPARE(parsedPort, quint16(1));
    }
}

void TestMetricsServer::parseEndpointAllowsRemoteWhenAsked()
{
    QHostAddress address;
    quint16 port = 0;
    QString error;
    QVERIFY2(
        MetricsServer::parseEndpoint(QStringLiteral("0.0.0.0:9100"), &address, &port, &error, true), qPrintable(error));
    QCOMPARE(address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(port, quint16(9100));
}

QTEST_GUILESS_MAIN(TestMetricsServer)
#include "tst_metricsserver.moc"
