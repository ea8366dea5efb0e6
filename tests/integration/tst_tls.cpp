// TLS to a real Mosquitto with certificates made by openssl for this test: the right CA connects,
// a wrong CA and a certificate for another host are refused while hostname verification is on.
#include "embeddedbroker.h"
#include "mqttclient.h"
#include "testcerts.h"

#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

class TestTls : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    testing::TestCerts m_certs { m_dir.path() };

    QString path(const QString& name) const { return m_dir.filePath(name); }
    bool makeCa(const QString& name) const { return m_certs.makeCa(name); }
    bool makeServer(const QString& name, const QString& ca, const QString& altName) const
    {
        return m_certs.makeServer(name, ca, altName);
    }

    // Starts a broker configured with a TLS listener; returns that listener's ssl:// URI.
    QString startTlsBroker(EmbeddedBroker& broker, quint16 tlsPort)
    {
        QString error;
        if (!broker.start(&error)) {
            qWarning().noquote() << error;
            return {};
        }
        return QStringLiteral("ssl://127.0.0.1:%1").arg(tlsPort);
    }

    static EmbeddedBroker::Settings tlsSettings(quint16 tlsPort, const QString& cert, const QString& key)
    {
        EmbeddedBroker::Settings settings;
        settings.extraConfig
            = QStringLiteral("listener %1 127.0.0.1\ncertfile %2\nkeyfile %3\n").arg(tlsPort).arg(cert, key);
        return settings;
    }

    static bool connects(const QString& uri, const QString& caFile, bool verifyHostname)
    {
        MqttSettings settings;
        settings.brokerUris = { uri };
        settings.clientId = QStringLiteral("tls-probe");
        settings.persistentSession = false;
        settings.caFile = caFile;
        settings.verifyHostname = verifyHostname;
        MqttClient client(settings);
        client.start();
        const bool ok = client.waitForConnected(4000);
        client.stop();
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(makeCa(QStringLiteral("ca")));
        QVERIFY(makeCa(QStringLiteral("other-ca")));
        QVERIFY(
            makeServer(QStringLiteral("broker"), QStringLiteral("ca"), QStringLiteral("IP:127.0.0.1,DNS:localhost")));
        QVERIFY(makeServer(QStringLiteral("elsewhere"), QStringLiteral("ca"), QStringLiteral("DNS:wrong.example")));
    }

    void theRightCaConnectsAndAWrongOneIsRefused()
    {
        const quint16 tlsPort = EmbeddedBroker::freeLoopbackPort();
        EmbeddedBroker broker(tlsSettings(tlsPort, path("broker.pem"), path("broker.key")));
        const QString uri = startTlsBroker(broker, tlsPort);
        QVERIFY(!uri.isEmpty());
        QVERIFY(connects(uri, path("ca.pem"), true));
        QVERIFY(!connects(uri, path("other-ca.pem"), true));
    }

    void aCertificateForAnotherHostIsRefusedWhileHostnamesAreVerified()
    {
        const quint16 tlsPort = EmbeddedBroker::freeLoopbackPort();
        EmbeddedBroker broker(tlsSettings(tlsPort, path("elsewhere.pem"), path("elsewhere.key")));
        const QString uri = startTlsBroker(broker, tlsPort);
        QVERIFY(!uri.isEmpty());
        QVERIFY(!connects(uri, path("ca.pem"), true));
        QVERIFY(connects(uri, path("ca.pem"), false)); // the deployment chose to turn the check off
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
