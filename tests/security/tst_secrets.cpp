// Credentials from outside, against the real program: a real Mosquitto that requires a password, the real
// `citybrain` with every logging category at debug. The password (from the config file, or from
// CITYBRAIN_MQTT_PASSWORD) must appear nowhere the app writes or shows: its output, its argv
// (/proc/<pid>/cmdline), its SQLite file and -wal/-shm, any file in its working, temp or home folder.
// A password on the command line is refused without being echoed; a wrong one is reported, not shown.
#include "embeddedbroker.h"
#include "mqttclient.h"
#include "securityapp.h"
#include "testconsole.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;
using namespace citybrain::testing;

namespace {

const QString user = QStringLiteral("sec-console");
const QString envUser = QStringLiteral("sec-env-console");
// Distinctive: nothing else the app handles contains these.
const QString password = QStringLiteral("Cb7-pw-f3c9e1d42a-S3cr3t");
const QString envPassword = QStringLiteral("Cb7-env-8b01c5e7d9-S3cr3t");
const QString wrongPassword = QStringLiteral("Cb7-wrong-60d2a4f17e-Nope");

QString metricsArgument(quint16 port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<EmbeddedBroker> m_broker;
    std::unique_ptr<MqttClient> m_source;
    int m_incidents = 0;
    int m_argvRuns = 0;

    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

    // An INI file the operator keeps at mode 0600; `secret` empty: no password key at all.
    QString writeConfig(const QString& name, const QString& username, const QString& secret) const
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QByteArray text = "[mqtt]\nusername = " + username.toUtf8() + "\n";
        if (!secret.isEmpty())
            text += "password = " + secret.toUtf8() + "\n";
        file.write(text);
        return file.fileName();
    }

    static QStringList appArguments(const QString& broker, const QString& folder, const QString& config,
        quint16 metricsPort, const QString& clientId)
    {
        return { QStringLiteral("--broker"), broker, QStringLiteral("--config"), config, QStringLiteral("--db"),
            QDir(folder).filePath(QStringLiteral("data/citybrain.sqlite")), QStringLiteral("--metrics"),
            metricsArgument(metricsPort), QStringLiteral("--client-id"), clientId, QStringLiteral("--size"),
            QStringLiteral("1280x720") };
    }

    static double connectedGauge(quint16 port)
    {
        return metricValue(httpGet(QHostAddress::LocalHost, port), "citybrain_mqtt_connected");
    }

    // Every place the app could have put the secret while it ran and after it stopped.
    void expectSecretNowhere(AppProcess& app, const QString& folder, const QString& secret)
    {
        const QString dbPath = QDir(folder).filePath(QStringLiteral("data/citybrain.sqlite"));
        // Stored something: a marker title is in its database, and the scan below finds it (so it can fail).
        const QString marker = QStringLiteral("sec-marker-%1").arg(++m_incidents);
        const QString incident = QStringLiteral("INC-SEC-%1").arg(m_incidents);
        QVERIFY(m_source->publish(QStringLiteral("xy/v1/incident/%1/event").arg(incident),
            incidentPayload(m_incidents, marker, QStringLiteral("sec-source")), 1, false));
        QTRY_COMPARE_WITH_TIMEOUT(
            queryColumn(dbPath, QStringLiteral("SELECT title FROM incident WHERE id=?"), { incident }),
            QVariantList { marker }, 20000);
        QVERIFY2(!filesContaining(QDir(folder).filePath(QStringLiteral("data")), marker).isEmpty(),
            "the marker is not found in the database files: the scan would miss the password too");

        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(app.pid()));
        QVERIFY(cmdline.open(QIODevice::ReadOnly));
        const QByteArray argv = cmdline.readAll();
        QVERIFY(argv.contains("--config")); // it is the app's command line
        QVERIFY2(!argv.contains(secret.toUtf8()), "the password is on the app's command line");

        for (const QString& sub : { QStringLiteral("data"), QStringLiteral("work"), QStringLiteral("tmp"),
                 QStringLiteral("home"), QStringLiteral("runtime") }) {
            const QStringList files = filesContaining(QDir(folder).filePath(sub), secret);
            QVERIFY2(files.isEmpty(), qPrintable(QStringLiteral("the password is in ") + files.join(u' ')));
        }
        app.stop(); // a clean stop: checkpoint, last log lines
        for (const QString& sub : { QStringLiteral("data"), QStringLiteral("work"), QStringLiteral("tmp"),
                 QStringLiteral("home"), QStringLiteral("runtime") }) {
            const QStringList files = filesContaining(QDir(folder).filePath(sub), secret);
            QVERIFY2(files.isEmpty(), qPrintable(QStringLiteral("the password is in ") + files.join(u' ')));
        }
        const QByteArray output = app.output();
        QVERIFY2(output.contains("citybrain.mqtt"), "the app's log was not captured at debug level");
        QVERIFY2(!output.contains(secret.toUtf8()), "the password is in the app's output");
    }

    void runConnected(
        const QString& name, const QString& config, const QString& secret, const QProcessEnvironment& environment = {})
    {
        AppProcess app(path(name));
        QDir().mkpath(app.folder(QStringLiteral("data")));
        const quint16 metricsPort = EmbeddedBroker::freeLoopbackPort();
        QVERIFY(app.start(appArguments(m_broker->uri(), path(name), config, metricsPort, name), environment));
        QTRY_VERIFY2_WITH_TIMEOUT(connectedGauge(metricsPort) == 1.0,
            qPrintable(QStringLiteral("not connected; the app's log ends: ") + app.output().right(3000)), 30000);
        expectSecretNowhere(app, path(name), secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString passwords = path(QStringLiteral("broker.passwd"));
        QCOMPARE(QProcess::execute(QStringLiteral("mosquitto_passwd"),
                     { QStringLiteral("-c"), QStringLiteral("-b"), passwords, user, password }),
            0);
        QCOMPARE(QProcess::execute(
                     QStringLiteral("mosquitto_passwd"), { QStringLiteral("-b"), passwords, envUser, envPassword }),
            0);
        QCOMPARE(QProcess::execute(QStringLiteral("mosquitto_passwd"),
                     { QStringLiteral("-b"), passwords, QStringLiteral("sec-source"), QStringLiteral("source-pw") }),
            0);
        QFile::setPermissions(passwords, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        EmbeddedBroker::Settings settings;
        settings.extraConfig = QStringLiteral("allow_anonymous false\npassword_file %1\n").arg(passwords);
        m_broker = std::make_unique<EmbeddedBroker>(settings);
        QString error;
        QVERIFY2(m_broker->start(&error), qPrintable(error));
        MqttSettings source = clientSettings({ m_broker->uri() }, QStringLiteral("sec-source"));
        source.persistentSession = false;
        source.username = QStringLiteral("sec-source");
        source.password = QStringLiteral("source-pw");
        m_source = std::make_unique<MqttClient>(source);
        m_source->start();
        QVERIFY(m_source->waitForConnected(10000));
    }

    void cleanupTestCase()
    {
        if (m_source)
            m_source->stop();
        m_source.reset();
        m_broker.reset();
    }

    // Guards the setup: without the password the broker refuses, so a connected app used the password.
    void theBrokerRequiresThePassword()
    {
        MqttSettings anonymous = clientSettings({ m_broker->uri() }, QStringLiteral("sec-anonymous"));
        anonymous.persistentSession = false;
        MqttClient client(anonymous);
        client.start();
        QVERIFY(!client.waitForConnected(2000));
        client.stop();
    }

    void aPasswordFromTheConfigFileIsNeverWrittenOrShown()
    {
        runConnected(
            QStringLiteral("from-config"), writeConfig(QStringLiteral("config.ini"), user, password), password);
    }

    void aPasswordFromTheEnvironmentIsNeverWrittenOrShown()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("CITYBRAIN_MQTT_PASSWORD"), envPassword);
        runConnected(QStringLiteral("from-env"), writeConfig(QStringLiteral("env.ini"), envUser, QString()),
            envPassword, environment);
    }

    void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt_data()
    {
        QTest::addColumn<QStringList>("option");
        QTest::newRow("--password x") << QStringList { QStringLiteral("--password"), password };
        QTest::newRow("--mqtt-password x") << QStringList { QStringLiteral("--mqtt-password"), password };
        QTest::newRow("--password=x") << QStringList { QStringLiteral("--password=") + password };
        QTest::newRow("--mqtt-password=x") << QStringList { QStringLiteral("--mqtt-password=") + password };
        QTest::newRow("-password x") << QStringList { QStringLiteral("-password"), password };
    }

    void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt()
    {
        QFETCH(QStringList, option);
        AppProcess app(path(QStringLiteral("argv-%1").arg(++m_argvRuns)));
        QVERIFY(app.start(QStringList { QStringLiteral("--broker"), m_broker->uri() } + option));
        const int exitCode = app.waitForExit();
        const QByteArray output = app.output();
        QVERIFY2(exitCode > 0, qPrintable(QStringLiteral("exit code %1, output: %2").arg(exitCode).arg(output)));
        QVERIFY2(output.contains("Unknown option"), output.constData());
        QVERIFY2(!output.contains(password.toUtf8()), "the error message echoes the password");
    }

    void aWrongPasswordIsReportedWithoutShowingIt()
    {
        const QString name = QStringLiteral("wrong");
        AppProcess app(path(name));
        QDir().mkpath(app.folder(QStringLiteral("data")));
        const quint16 metricsPort = EmbeddedBroker::freeLoopbackPort();
        const QString config = writeConfig(QStringLiteral("wrong.ini"), user, wrongPassword);
        const QString refusal = QStringLiteral("Client <unknown> disconnected, not authorised");
        const qsizetype refusedBefore = m_broker->log().count(refusal);
        QVERIFY(app.start(appArguments(m_broker->uri(), path(name), config, metricsPort, name)));
        // The broker refused it more than once (its retries, not a single unlucky attempt)...
        QTRY_VERIFY_WITH_TIMEOUT(m_broker->log().count(refusal) >= refusedBefore + 2, 30000);
        // ...the app says it is not connected (once its metrics are up: it may be refused before that)...
        QTRY_VERIFY2_WITH_TIMEOUT(connectedGauge(metricsPort) == 0.0,
            qPrintable(QStringLiteral("gauge %1; the app's log ends: %2")
                           .arg(connectedGauge(metricsPort))
                           .arg(QString::fromUtf8(app.output().right(3000)))),
            10000);
        // ...and, in its log, why (the broker and the refusal), without the password.
        app.stop();
        const QString output = QString::fromUtf8(app.output());
        QVERIFY2(!output.contains(wrongPassword), "the wrong password is in the app's output");
        const QRegularExpression reason(
            QStringLiteral("citybrain\\.mqtt.*%1.*(not authori[sz]ed|bad user name or password|refused)")
                .arg(QRegularExpression::escape(m_broker->uri())),
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(reason.match(output).hasMatch(),
            "the app does not say why it cannot connect (no citybrain.mqtt line naming the broker and the refusal)");
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
