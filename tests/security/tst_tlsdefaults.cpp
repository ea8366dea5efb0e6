// TLS defaults of the real program (tests/integration/tst_tls covers MqttClient with an explicit CA and
// hostname setting): with nothing about verification in its config, `citybrain` checks the broker's
// certificate against its trust store and the host name in it. Each refusal is shown by the broker seeing
// the app try and give up before MQTT (three times), while the same app connects once the config says so.
#include "embeddedbroker.h"
#include "securityapp.h"
#include "testcerts.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace citybrain;
using namespace citybrain::testing;

class TestTlsDefaults : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    TestCerts m_certs { m_dir.path() };
    int m_runs = 0;

    // A broker whose TLS listener (at *uri) presents `certificate`; its plain listener is not used.
    static std::unique_ptr<EmbeddedBroker> tlsBroker(const TestCerts& certs, const QString& certificate, QString* uri)
    {
        const quint16 tlsPort = EmbeddedBroker::freeLoopbackPort();
        EmbeddedBroker::Settings settings;
        settings.extraConfig = QStringLiteral("listener %1 127.0.0.1\ncertfile %2\nkeyfile %3\n")
                                   .arg(tlsPort)
                                   .arg(certs.certificate(certificate), certs.key(certificate));
        *uri = QStringLiteral("ssl://127.0.0.1:%1").arg(tlsPort);
        return std::make_unique<EmbeddedBroker>(settings);
    }

    enum class Outcome { Connected, Refused, Undecided };

    // Runs the app on `uri` with `config` (INI text): Connected once it is connected, Refused once the broker
    // has seen it open a TLS connection three times and never connect (it gives up during the handshake).
    Outcome run(const EmbeddedBroker& broker, const QString& uri, const QString& config)
    {
        const QString name = QStringLiteral("run-%1").arg(++m_runs);
        const QString configPath = m_dir.filePath(name + QStringLiteral(".ini"));
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0)
            return Outcome::Undecided;
        file.close();
        AppProcess app(m_dir.filePath(name));
        const quint16 metricsPort = EmbeddedBroker::freeLoopbackPort();
        const QString refusal = QStringLiteral(" on port %1.").arg(QUrl(uri).port()); // "New connection from"
        const qsizetype refusedBefore = broker.log().count(refusal);
        if (!app.start({ QStringLiteral("--broker"), uri, QStringLiteral("--config"), configPath,
                           QStringLiteral("--db"), app.folder(QStringLiteral("work/citybrain.sqlite")),
                           QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:%1").arg(metricsPort),
                           QStringLiteral("--size"), QStringLiteral("1280x720") },
                {}, QString()))
            return Outcome::Undecided;
        Outcome outcome = Outcome::Undecided;
        const auto decided = [&] {
            if (metricValue(httpGet(QHostAddress::LocalHost, metricsPort), "citybrain_mqtt_connected") == 1.0)
                outcome = Outcome::Connected;
            else if (broker.log().count(refusal) >= refusedBefore + 3)
                outcome = Outcome::Refused;
            return outcome != Outcome::Undecided;
        };
        if (!QTest::qWaitFor(decided, 30000))
            qWarning().noquote() << "neither connected nor refused:" << app.output().right(2000) << broker.log();
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_certs.makeCa(QStringLiteral("ca")));
        QVERIFY(m_certs.makeServer(
            QStringLiteral("right-host"), QStringLiteral("ca"), QStringLiteral("IP:127.0.0.1,DNS:localhost")));
        QVERIFY(m_certs.makeServer(
            QStringLiteral("wrong-host"), QStringLiteral("ca"), QStringLiteral("DNS:wrong.example")));
    }

    void theHostNameIsVerifiedWhenTheConfigSaysNothing()
    {
        QString uri;
        const auto broker = tlsBroker(m_certs, QStringLiteral("wrong-host"), &uri);
        QString error;
        QVERIFY2(broker->start(&error), qPrintable(error));
        const QString ca = QStringLiteral("[mqtt]\nca_file = %1\n").arg(m_certs.certificate(QStringLiteral("ca")));
        QCOMPARE(run(*broker, uri, ca), Outcome::Refused);
        QCOMPARE(run(*broker, uri, ca + QStringLiteral("verify_hostname = false\n")), Outcome::Connected);
    }

    void anUntrustedCertificateIsRefusedWithoutACaFile()
    {
        QString uri;
        const auto broker = tlsBroker(m_certs, QStringLiteral("right-host"), &uri);
        QString error;
        QVERIFY2(broker->start(&error), qPrintable(error));
        // The system trust store does not know this test CA.
        QCOMPARE(run(*broker, uri, QStringLiteral("[mqtt]\n")), Outcome::Refused);
        QCOMPARE(
            run(*broker, uri, QStringLiteral("[mqtt]\nca_file = %1\n").arg(m_certs.certificate(QStringLiteral("ca")))),
            Outcome::Connected);
    }
};

QTEST_GUILESS_MAIN(TestTlsDefaults)
#include "tst_tlsdefaults.moc"
