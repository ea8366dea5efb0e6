// The metrics endpoint of the real program binds to loopback unless the configuration allows more: a
// non-loopback --metrics (or metrics/listen) stops the start with a reason naming metrics/allow_remote;
// with metrics/allow_remote = true it binds; a loopback endpoint cannot be reached at the machine's
// network address.
#include "embeddedbroker.h"
#include "securityapp.h"

#include <QNetworkInterface>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;
using namespace citybrain::testing;

namespace {

// The machine's first IPv4 address that is not loopback; null if it has none.
QHostAddress networkAddress()
{
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address;
    }
    return {};
}

bool accepts(const QHostAddress& address, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    return socket.waitForConnected(2000);
}

} // namespace

class TestMetricsBind : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    EmbeddedBroker m_broker;
    int m_runs = 0;

    std::unique_ptr<AppProcess> newApp()
    {
        return std::make_unique<AppProcess>(m_dir.filePath(QStringLiteral("run-%1").arg(++m_runs)));
    }

    QStringList arguments(AppProcess& app, const QStringList& extra) const
    {
        return QStringList { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--db"),
            app.folder(QStringLiteral("work/citybrain.sqlite")), QStringLiteral("--size"), QStringLiteral("1280x720") }
        + extra;
    }

    QString writeConfig(const QString& text)
    {
        const QString path = m_dir.filePath(QStringLiteral("config-%1.ini").arg(m_runs));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text.toUtf8());
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_broker.start(&error), qPrintable(error));
    }

    void aNonLoopbackEndpointStopsTheStart_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("fromConfig");
        QTest::newRow("--metrics 0.0.0.0") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("--metrics [::]") << QStringLiteral("[::]") << false;
        QTest::newRow("metrics/listen 0.0.0.0") << QStringLiteral("0.0.0.0") << true;
        const QHostAddress network = networkAddress();
        if (!network.isNull())
            QTest::newRow("--metrics <network address>") << network.toString() << false;
    }

    void aNonLoopbackEndpointStopsTheStart()
    {
        QFETCH(QString, host);
        QFETCH(bool, fromConfig);
        const quint16 port = EmbeddedBroker::freeLoopbackPort();
        const QString endpoint = QStringLiteral("%1:%2").arg(host).arg(port);
        auto app = newApp();
        const QStringList extra = fromConfig ? QStringList { QStringLiteral("--config"),
            writeConfig(QStringLiteral("[metrics]\nlisten = %1\n").arg(endpoint)) }
                                             : QStringList { QStringLiteral("--metrics"), endpoint };
        QVERIFY(app->start(arguments(*app, extra), {}, QString()));
        const int exitCode = app->waitForExit();
        const QByteArray output = app->output();
        QVERIFY2(exitCode == 2, qPrintable(QStringLiteral("exit code %1, output: %2").arg(exitCode).arg(output)));
        QVERIFY2(
            output.contains("not a loopback address") && output.contains("metrics/allow_remote"), output.constData());
        QVERIFY(!accepts(QHostAddress::LocalHost, port));
    }

    void theConfigKeyAllowsARemoteEndpoint()
    {
        const quint16 port = EmbeddedBroker::freeLoopbackPort();
        auto app = newApp();
        const QString config = writeConfig(QStringLiteral("[metrics]\nallow_remote = true\n"));
        QVERIFY(app->start(arguments(*app,
                               { QStringLiteral("--config"), config, QStringLiteral("--metrics"),
                                   QStringLiteral("0.0.0.0:%1").arg(port) }),
            {}, QString()));
        QTRY_VERIFY_WITH_TIMEOUT(httpGet(QHostAddress::LocalHost, port).contains("citybrain_mqtt_connected"), 30000);
        const QHostAddress network = networkAddress();
        if (!network.isNull())
            QVERIFY(httpGet(network, port).contains("citybrain_mqtt_connected"));
        QVERIFY(app->isRunning());
    }

    void aLoopbackEndpointIsNotReachableFromTheNetwork()
    {
        const QHostAddress network = networkAddress();
        if (network.isNull())
            QSKIP("this machine has no non-loopback IPv4 address");
        const quint16 port = EmbeddedBroker::freeLoopbackPort();
        auto app = newApp();
        QVERIFY(app->start(
            arguments(*app, { QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:%1").arg(port) }), {}, QString()));
        QTRY_VERIFY_WITH_TIMEOUT(httpGet(QHostAddress::LocalHost, port).contains("citybrain_mqtt_connected"), 30000);
        QVERIFY(!accepts(network, port));
    }
};

QTEST_GUILESS_MAIN(TestMetricsBind)
#include "tst_metricsbind.moc"
