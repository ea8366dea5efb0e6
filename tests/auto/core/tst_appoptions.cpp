#include "appoptions.h"

#include <QTest>

using namespace citybrain;

class TestAppOptions : public QObject
{
    Q_OBJECT
private:
    static ParsedOptions parse(QStringList args)
    {
        args.prepend(QStringLiteral("citybrain"));
        return parseAppOptions(args);
    }

private Q_SLOTS:
    void defaultsStartTheEmbeddedCityAsAWall()
    {
        const ParsedOptions parsed = parse({});
        QCOMPARE(parsed.outcome, ParsedOptions::Outcome::Run);
        QVERIFY(parsed.options.brokers.isEmpty());
        QCOMPARE(parsed.options.role, AppOptions::Role::Wall);
        QCOMPARE(parsed.options.size, QSize(3840, 2160));
        QCOMPARE(parsed.options.language, QStringLiteral("zh_CN"));
        QVERIFY(parsed.options.topicPrefix.isEmpty()); // the config file or the default decides
        QVERIFY(parsed.options.configPath.isEmpty());
        QCOMPARE(parsed.options.mqttVersion, 0);
    }

    void everyOptionIsRead()
    {
        const ParsedOptions parsed = parse(
            { "--broker", "tcp://10.1.2.3:1883", "--broker", "ssl://mq.example:8883", "--role", "dispatcher", "--db",
                "/tmp/x.sqlite", "--snapshot", "wall.png", "--snapshot-after", "2.5", "--size", "1920x1080", "--lang",
                "en", "--topic-prefix", "xy/v1", "--client-id", "console-1", "--sim-rate", "500", "--sim-seed", "7",
                "--config", "/etc/citybrain.ini", "--mqtt-version", "5", "--metrics", "127.0.0.1:9464" });
        QCOMPARE(parsed.outcome, ParsedOptions::Outcome::Run);
        const AppOptions& o = parsed.options;
        QCOMPARE(o.brokers, QStringList({ "tcp://10.1.2.3:1883", "ssl://mq.example:8883" }));
        QCOMPARE(o.role, AppOptions::Role::Dispatcher);
        QCOMPARE(o.dbPath, QStringLiteral("/tmp/x.sqlite"));
        QCOMPARE(o.snapshotPath, QStringLiteral("wall.png"));
        QCOMPARE(o.snapshotAfterSeconds, 2.5);
        QCOMPARE(o.size, QSize(1920, 1080));
        QCOMPARE(o.language, QStringLiteral("en"));
        QCOMPARE(o.clientId, QStringLiteral("console-1"));
        QCOMPARE(o.simRate, 500);
        QCOMPARE(o.simSeed, 7u);
        QCOMPARE(o.configPath, QStringLiteral("/etc/citybrain.ini"));
        QCOMPARE(o.mqttVersion, 5);
        QCOMPARE(o.metricsEndpoint, QStringLiteral("127.0.0.1:9464"));
    }

    void wallOptionsAreRead()
    {
        const ParsedOptions parsed = parse(
            { "--layout", "/etc/citybrain/hall.json", "--wall-node", "1,0", "--wall-grid", "2x1", "--check-layout" });
        QCOMPARE(parsed.outcome, ParsedOptions::Outcome::Run);
        QCOMPARE(parsed.options.layoutPath, QStringLiteral("/etc/citybrain/hall.json"));
        QCOMPARE(parsed.options.wallNode, QStringLiteral("1,0"));
        QCOMPARE(parsed.options.wallGrid, QStringLiteral("2x1"));
        QVERIFY(parsed.options.checkLayout);
        QVERIFY(!parse({}).options.checkLayout);
    }

    void selfTestHelpAndVersion()
    {
        QVERIFY(parse({ "--self-test" }).options.selfTest);
        QCOMPARE(parse({ "--help" }).outcome, ParsedOptions::Outcome::Help);
        QVERIFY(parse({ "--help" }).message.contains("--broker"));
        const ParsedOptions version = parse({ "--version" });
        QCOMPARE(version.outcome, ParsedOptions::Outcome::Version);
        QCOMPARE(version.message, QStringLiteral("citybrain " CITYBRAIN_VERSION));
    }

    void exportTakesAWindow()
    {
        const ParsedOptions parsed = parse({ "--db", "/tmp/x.sqlite", "--export", "incidents", "--from",
            "2026-11-29T08:00:00+08:00", "--to", "1795968000000" });
        QCOMPARE(parsed.outcome, ParsedOptions::Outcome::Run);
        QCOMPARE(parsed.options.exportWhat, QStringLiteral("incidents"));
        QCOMPARE(parsed.options.exportFromMs, qint64(1795910400000));
        QCOMPARE(parsed.options.exportToMs, qint64(1795968000000));
    }

    void badOptionsAreOneLineErrorsNamingTheOption_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown") << QStringList { "--frobnicate" } << "frobnicate";
        QTest::newRow("missing value") << QStringList { "--broker" } << "broker";
        QTest::newRow("broker scheme") << QStringList { "--broker", "http://x:1" } << "--broker";
        QTest::newRow("broker port") << QStringList { "--broker", "tcp://x:99999" } << "--broker";
        QTest::newRow("broker no port") << QStringList { "--broker", "tcp://x" } << "--broker";
        QTest::newRow("role") << QStringList { "--role", "admin" } << "--role";
        QTest::newRow("size text") << QStringList { "--size", "big" } << "--size";
        QTest::newRow("size tiny") << QStringList { "--size", "100x100" } << "--size";
        QTest::newRow("snapshot ext") << QStringList { "--snapshot", "wall.jpg" } << "--snapshot";
        QTest::newRow("snapshot-after") << QStringList { "--snapshot-after", "-1" } << "--snapshot-after";
        QTest::newRow("snapshot-every") << QStringList { "--snapshot-every", "-5" } << "--snapshot-every";
        QTest::newRow("snapshot-after nan") << QStringList { "--snapshot-after", "nan" } << "--snapshot-after";
        QTest::newRow("lang") << QStringList { "--lang", "fr" } << "--lang";
        QTest::newRow("prefix wildcard") << QStringList { "--topic-prefix", "xy/#" } << "--topic-prefix";
        QTest::newRow("client id") << QStringList { "--client-id", "a b" } << "--client-id";
        QTest::newRow("sim rate") << QStringList { "--sim-rate", "0" } << "--sim-rate";
        QTest::newRow("sim seed") << QStringList { "--sim-seed", "-3" } << "--sim-seed";
        QTest::newRow("positional") << QStringList { "extra" } << "extra";
        QTest::newRow("empty db") << QStringList { "--db", "" } << "--db";
        QTest::newRow("mqtt version") << QStringList { "--mqtt-version", "3" } << "--mqtt-version";
        QTest::newRow("metrics no port") << QStringList { "--metrics", "localhost" } << "--metrics";
        QTest::newRow("empty config") << QStringList { "--config", "" } << "--config";
        QTest::newRow("password on argv") << QStringList { "--password", "secret" } << "password";
        QTest::newRow("export what") << QStringList { "--export", "alarms", "--from", "0" } << "--export";
        QTest::newRow("export no from") << QStringList { "--export", "incidents" } << "--from";
        QTest::newRow("export local time")
            << QStringList { "--export", "incidents", "--from", "2026-11-29T08:00:00" } << "--from";
        QTest::newRow("export reversed") << QStringList { "--export", "telemetry", "--from", "2000", "--to", "1000" }
                                         << "--to";
        QTest::newRow("empty layout") << QStringList { "--layout", "" } << "--layout";
        QTest::newRow("wall node text") << QStringList { "--wall-node", "left" } << "--wall-node";
        QTest::newRow("wall node negative") << QStringList { "--wall-node", "-1,0" } << "--wall-node";
        QTest::newRow("wall grid zero") << QStringList { "--wall-grid", "0x1" } << "--wall-grid";
        QTest::newRow("wall grid comma") << QStringList { "--wall-grid", "2,1" } << "--wall-grid";
        QTest::newRow("from alone") << QStringList { "--from", "0" } << "--export";
    }

    void badOptionsAreOneLineErrorsNamingTheOption()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const ParsedOptions parsed = parse(args);
        QCOMPARE(parsed.outcome, ParsedOptions::Outcome::Error);
        QVERIFY2(parsed.message.contains(named), qPrintable(parsed.message));
        QVERIFY(!parsed.message.trimmed().contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestAppOptions)
#include "tst_appoptions.moc"
