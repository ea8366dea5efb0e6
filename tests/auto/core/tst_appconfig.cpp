#include "appconfig.h"
#include "appoptions.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

class TestAppConfig : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QByteArray& text)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("citybrain-%1.ini").arg(++n));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text);
        return path;
    }

private Q_SLOTS:
    void everyDocumentedKeyIsRead()
    {
        const QString ca = write("not a real certificate, but a readable file");
        const QString path = write("[mqtt]\n"
                                   "brokers=tcp://10.0.0.1:1883, tcp://10.0.0.2:1883\n"
                                   "client_id=wall-hall-1\nversion=5\nsession_expiry_seconds=3600\n"
                                   "username=wall\npassword=from-file\nca_file="
            + ca.toUtf8()
            + "\nverify_hostname=false\n"
              "[feeds]\ntopic_prefix=xy/v1\nmax_payload_bytes=65536\ntelemetry_stale_seconds=20\n"
              "indicator_stale_seconds=90\n"
              "[store]\ndb=/var/lib/citybrain/wall.sqlite\n"
              "[metrics]\nlisten=127.0.0.1:9464\nallow_remote=false\n");
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY2(loadAppConfig(path, &config, &errors, &warnings), qPrintable(errors.join('\n')));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(config.mqtt.brokers, QStringList({ "tcp://10.0.0.1:1883", "tcp://10.0.0.2:1883" }));
        QCOMPARE(config.mqtt.clientId, QStringLiteral("wall-hall-1"));
        QCOMPARE(config.mqtt.version, 5);
        QCOMPARE(config.mqtt.sessionExpirySeconds, 3600);
        QCOMPARE(config.mqtt.password, QStringLiteral("from-file"));
        QCOMPARE(config.mqtt.caFile, ca);
        QCOMPARE(config.mqtt.verifyHostname, false);
        QCOMPARE(config.maxPayloadBytes, qsizetype(65536));
        QCOMPARE(config.stale.telemetrySeconds, 20.0);
        QCOMPARE(config.stale.indicatorSeconds, 90.0);
        QCOMPARE(config.dbPath, QStringLiteral("/var/lib/citybrain/wall.sqlite"));
        QCOMPARE(config.metricsEndpoint, QStringLiteral("127.0.0.1:9464"));
    }

    void unknownKeysAreWarnedAbout()
    {
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(loadAppConfig(write("[mqtt]\nbrokers=tcp://a:1\nbroker_typo=1\n"), &config, &errors, &warnings));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QStringLiteral("mqtt/broker_typo")));
    }

    void invalidValuesAreErrorsNamingTheKey_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("key");
        QTest::newRow("broker") << QByteArray("[mqtt]\nbrokers=http://x:1\n") << "mqtt/brokers";
        QTest::newRow("version") << QByteArray("[mqtt]\nversion=3\n") << "mqtt/version";
        QTest::newRow("client id") << QByteArray("[mqtt]\nclient_id=a b\n") << "mqtt/client_id";
        QTest::newRow("ca missing") << QByteArray("[mqtt]\nca_file=/nonexistent/ca.pem\n") << "mqtt/ca_file";
        QTest::newRow("verify") << QByteArray("[mqtt]\nverify_hostname=maybe\n") << "mqtt/verify_hostname";
        QTest::newRow("stale") << QByteArray("[feeds]\ntelemetry_stale_seconds=-1\n")
                               << "feeds/telemetry_stale_seconds";
        QTest::newRow("payload") << QByteArray("[feeds]\nmax_payload_bytes=lots\n") << "feeds/max_payload_bytes";
        QTest::newRow("prefix") << QByteArray("[feeds]\ntopic_prefix=xy/#\n") << "feeds/topic_prefix";
        QTest::newRow("basemap missing") << QByteArray("[map]\nbasemap=/nonexistent/xy.mbtiles\n") << "map/basemap";
        QTest::newRow("basemap datum") << QByteArray("[map]\nbasemap_datum=bd09\n") << "map/basemap_datum";
        QTest::newRow("districts missing")
            << QByteArray("[map]\ndistricts_file=/nonexistent/d.geojson\n") << "map/districts_file";
        QTest::newRow("heat window") << QByteArray("[map]\nheat_window_hours=0\n") << "map/heat_window_hours";
        QTest::newRow("layout missing") << QByteArray("[wall]\nlayout=/nonexistent/hall.json\n") << "wall/layout";
        QTest::newRow("bezel negative") << QByteArray("[wall]\nbezel_px=-3\n") << "wall/bezel_px";
        QTest::newRow("wall node") << QByteArray("[wall]\nnode=a,b\n") << "wall/node";
        QTest::newRow("wall grid") << QByteArray("[wall]\ngrid=3\n") << "wall/grid";
        QTest::newRow("checklists missing")
            << QByteArray("[wall]\nchecklists_file=/nonexistent/c.json\n") << "wall/checklists_file";

        QTest::newRow("hide cursor") << QByteArray("[wall]\nhide_cursor=sometimes\n") << "wall/hide_cursor";
        QTest::newRow("rss below 64") << QByteArray("[service]\nmax_rss_mb=32\n") << "service/max_rss_mb";
        QTest::newRow("rss above 65536") << QByteArray("[service]\nmax_rss_mb=70000\n") << "service/max_rss_mb";
        QTest::newRow("rss not a number") << QByteArray("[service]\nmax_rss_mb=1G\n") << "service/max_rss_mb";
        QTest::newRow("queue negative") << QByteArray("[service]\nmax_queue_high_water=-5\n")
                                        << "service/max_queue_high_water";
    }

    void serviceKeysAreRead()
    {
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY2(loadAppConfig(write("[service]\nmax_rss_mb=2048\nmax_queue_high_water=50000\n[wall]\nhide_cursor="
                                     "false\n"),
                     &config, &errors, &warnings),
            qPrintable(errors.join('\n')));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(config.service.maxRssMb, qint64(2048));
        QCOMPARE(config.service.maxQueueHighWater, qint64(50000));
        QCOMPARE(config.wall.hideCursor, false);
    }

    // Unset, the ceilings are off and the wall hides the cursor; 0 says "off" explicitly.
    void serviceDefaultsAreOffAndTheCursorHidden()
    {
        AppConfig defaults;
        QCOMPARE(defaults.service.maxRssMb, qint64(0));
        QCOMPARE(defaults.service.maxQueueHighWater, qint64(0));
        QCOMPARE(defaults.wall.hideCursor, true);
        AppConfig config;
        config.service.maxRssMb = 512;
        QStringList errors, warnings;
        QVERIFY(loadAppConfig(write("[service]\nmax_rss_mb=0\n"), &config, &errors, &warnings));
        QCOMPARE(config.service.maxRssMb, qint64(0));
    }

    void mapKeysAreRead()
    {
        const QString basemap = write("stands in for an MBTiles file: only readability is checked here");
        const QString districts = write("{}");
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY2(loadAppConfig(write("[map]\nbasemap=" + basemap.toUtf8() + "\nbasemap_datum=GCJ02\ndistricts_file="
                                   + districts.toUtf8() + "\ndistricts_datum=cgcs2000\nheat_window_hours=6\n"),
                     &config, &errors, &warnings),
            qPrintable(errors.join('\n')));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(config.map.basemap, basemap);
        QCOMPARE(config.map.basemapDatum, QStringLiteral("gcj02"));
        QCOMPARE(config.map.districtsFile, districts);
        QCOMPARE(config.map.districtsDatum, QStringLiteral("cgcs2000"));
        QCOMPARE(config.map.heatWindowHours, 6.0);
    }

    void wallKeysAreReadAndOptionsOverrideThem()
    {
        const QString layout = write("{}");
        const QString checklists = write("{}");
        // INI: a value with a comma is a list unless quoted.
        const QByteArray text = "[wall]\nlayout=" + layout.toUtf8() + "\nbezel_px=24\nnode=\"1,0\"\ngrid=3x1\n"
            + "checklists_file=" + checklists.toUtf8() + "\n";
        AppOptions options;
        options.configPath = write(text);
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY2(resolveAppConfig(options, &config, &errors, &warnings), qPrintable(errors.join('\n')));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(config.wall.layoutFile, layout);
        QCOMPARE(config.wall.bezelPx, 24.0);
        QCOMPARE(config.wall.nodeColumn, 1);
        QCOMPARE(config.wall.gridColumns, 3);
        QCOMPARE(config.wall.gridRows, 1);
        QCOMPARE(config.wall.checklistsFile, checklists);

        options.wallNode = QStringLiteral("2,0");
        QVERIFY(resolveAppConfig(options, &config, &errors, &warnings));
        QCOMPARE(config.wall.nodeColumn, 2);
    }

    void aWallNodeOutsideTheGridIsAnError()
    {
        AppOptions options;
        options.wallNode = QStringLiteral("2,0");
        options.wallGrid = QStringLiteral("2x1");
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(!resolveAppConfig(options, &config, &errors, &warnings));
        QVERIFY2(errors.join(' ').contains(QStringLiteral("outside the wall grid 2x1")), qPrintable(errors.join(' ')));
    }

    void anUnreadableBasemapOptionIsAnError()
    {
        AppOptions options;
        options.basemapPath = m_dir.filePath(QStringLiteral("missing.mbtiles"));
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(!resolveAppConfig(options, &config, &errors, &warnings));
        QVERIFY2(errors.join(' ').contains(QStringLiteral("--basemap")), qPrintable(errors.join(' ')));
    }

    void invalidValuesAreErrorsNamingTheKey()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, key);
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(!loadAppConfig(write(text), &config, &errors, &warnings));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(key), qPrintable(errors.first()));
    }

    void aMissingFileIsAnError()
    {
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(!loadAppConfig(m_dir.filePath("nope.ini"), &config, &errors, &warnings));
        QVERIFY(errors.first().contains(QStringLiteral("nope.ini")));
    }

    void optionsOverrideTheFileAndTheEnvironmentGivesThePassword()
    {
        AppOptions options;
        options.configPath = write("[mqtt]\nbrokers=tcp://file:1883\npassword=from-file\nclient_id=file-id\n");
        options.brokers = { QStringLiteral("tcp://cli:1883") };
        options.mqttVersion = 5;
        qputenv("CITYBRAIN_MQTT_PASSWORD", "from-env");
        AppConfig config;
        QStringList errors, warnings;
        QVERIFY(resolveAppConfig(options, &config, &errors, &warnings));
        qunsetenv("CITYBRAIN_MQTT_PASSWORD");
        QCOMPARE(config.mqtt.brokers, QStringList({ "tcp://cli:1883" }));
        QCOMPARE(config.mqtt.clientId, QStringLiteral("file-id"));
        QCOMPARE(config.mqtt.version, 5);
        QCOMPARE(config.mqtt.password, QStringLiteral("from-env"));
        QCOMPARE(config.topicPrefix, QStringLiteral("xy/v1"));
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_appconfig.moc"
