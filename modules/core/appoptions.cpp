#include "appoptions.h"

#include "appconfig.h"
#include "topicscheme.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

namespace citybrain {

namespace {

bool parseTime(const QString& text, qint64* ms)
{
    bool isNumber = false;
    const qint64 number = text.toLongLong(&isNumber);
    if (isNumber) {
        *ms = number;
        return number >= 0;
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    // A date-time without a zone would be read in the machine's zone: refuse it rather than guess.
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return false;
    *ms = time.toMSecsSinceEpoch();
    return true;
}

ParsedOptions failure(const QString& message)
{
    ParsedOptions parsed;
    parsed.outcome = ParsedOptions::Outcome::Error;
    parsed.message = message;
    return parsed;
}

} // namespace

QString roleName(AppOptions::Role role)
{
    switch (role) {
    case AppOptions::Role::Dispatcher:
        return QStringLiteral("dispatcher");
    case AppOptions::Role::Leader:
        return QStringLiteral("leader");
    case AppOptions::Role::Wall:
        break;
    }
    return QStringLiteral("wall");
}

ParsedOptions parseAppOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CityBrain: operations dashboard of the Xianyang city brain"));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption broker(QStringLiteral("broker"),
        QStringLiteral("MQTT broker URI (tcp://host:port or ssl://host:port); repeat for a cluster. "
                       "None: start the embedded broker and simulator."),
        QStringLiteral("URI"));
    const QCommandLineOption role(
        QStringLiteral("role"), QStringLiteral("wall, dispatcher or leader (default wall)."), QStringLiteral("ROLE"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite database file."), QStringLiteral("PATH"));
    const QCommandLineOption basemap(QStringLiteral("basemap"),
        QStringLiteral("Offline raster basemap (MBTiles file); its datum is map/basemap_datum in the config."),
        QStringLiteral("PATH"));
    const QCommandLineOption layout(QStringLiteral("layout"),
        QStringLiteral("Wall layout file (JSON, docs/layouts.md); reloaded when it changes."), QStringLiteral("PATH"));
    const QCommandLineOption wallNode(QStringLiteral("wall-node"),
        QStringLiteral("This PC's tile of a wall driven by several PCs, 0-based (default 0,0)."),
        QStringLiteral("COL,ROW"));
    const QCommandLineOption wallGrid(QStringLiteral("wall-grid"),
        QStringLiteral("How many PCs drive the wall, across and down (default 1x1)."), QStringLiteral("COLSxROWS"));
    const QCommandLineOption snapshot(
        QStringLiteral("snapshot"), QStringLiteral("Write one PNG of the wall, then exit."), QStringLiteral("PNG"));
    const QCommandLineOption snapshotAfter(QStringLiteral("snapshot-after"),
        QStringLiteral("Seconds of live data before the snapshot (default 8)."), QStringLiteral("SECONDS"));
    const QCommandLineOption snapshotEvery(QStringLiteral("snapshot-every"),
        QStringLiteral("Without a display: write a wall snapshot this often (default 60 s; 0: never)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption size(QStringLiteral("size"),
        QStringLiteral("Window size on the offscreen platform (default 3840x2160)."), QStringLiteral("WxH"));
    const QCommandLineOption lang(QStringLiteral("lang"),
        QStringLiteral("User interface language: zh_CN (default) or en."), QStringLiteral("LANG"));
    const QCommandLineOption prefix(
        QStringLiteral("topic-prefix"), QStringLiteral("Topic tree prefix (default xy/v1)."), QStringLiteral("PREFIX"));
    const QCommandLineOption clientId(QStringLiteral("client-id"),
        QStringLiteral("Stable MQTT client id of this console (default citybrain-<role>-<host>)."),
        QStringLiteral("ID"));
    const QCommandLineOption simRate(QStringLiteral("sim-rate"),
        QStringLiteral("Messages per second of the embedded simulator (default 200)."), QStringLiteral("N"));
    const QCommandLineOption simSeed(
        QStringLiteral("sim-seed"), QStringLiteral("Seed of the embedded simulator (default 1)."), QStringLiteral("S"));
    const QCommandLineOption config(QStringLiteral("config"),
        QStringLiteral("Config file (INI; keys in docs/operations.md). Options given here override it."),
        QStringLiteral("PATH"));
    const QCommandLineOption mqttVersion(QStringLiteral("mqtt-version"),
        QStringLiteral("MQTT protocol version: 3.1.1 (default) or 5."), QStringLiteral("VERSION"));
    const QCommandLineOption metrics(QStringLiteral("metrics"),
        QStringLiteral("Serve Prometheus metrics at http://HOST:PORT/metrics (loopback only unless the config "
                       "allows remote)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption exportWhat(QStringLiteral("export"),
        QStringLiteral("Write the incident journal, the incident cases (every incident's state at --to, for shift "
                       "handover) or telemetry of --db as JSON lines to stdout, then exit."),
        QStringLiteral("incidents|cases|telemetry"));
    const QCommandLineOption from(QStringLiteral("from"),
        QStringLiteral("Start of the export: RFC 3339 date-time or epoch milliseconds."), QStringLiteral("T"));
    const QCommandLineOption to(QStringLiteral("to"),
        QStringLiteral("End of the export: RFC 3339 date-time or epoch milliseconds (default now)."),
        QStringLiteral("T"));
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
        QStringLiteral("Load every QML file offscreen; exit non-zero on any QML warning or error."));
    const QCommandLineOption checkLayout(QStringLiteral("check-layout"),
        QStringLiteral("Show every page of the wall layout on the live feeds at --size, check that every panel is "
                       "there, titled and readable, print the problems and exit (0: none). With --snapshot X.png: a "
                       "PNG per page, X-<page>.png."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    const QCommandLineOption help(
        QStringList { QStringLiteral("help"), QStringLiteral("h") }, QStringLiteral("Print this help and exit."));
    parser.addOptions({ config, mqttVersion, metrics, broker, role, db, basemap, layout, wallNode, wallGrid, snapshot,
        snapshotAfter, snapshotEvery, size, lang, prefix, clientId, simRate, simSeed, exportWhat, from, to, selfTest,
        checkLayout, version, help });

    if (!parser.parse(arguments))
        return failure(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return failure(QStringLiteral("Unexpected argument '%1'.").arg(parser.positionalArguments().first()));

    ParsedOptions parsed;
    if (parser.isSet(help)) {
        parsed.outcome = ParsedOptions::Outcome::Help;
        parsed.message = parser.helpText();
        return parsed;
    }
    if (parser.isSet(version)) {
        parsed.outcome = ParsedOptions::Outcome::Version;
        parsed.message = QStringLiteral("citybrain " CITYBRAIN_VERSION);
        return parsed;
    }

    AppOptions& options = parsed.options;
    for (const QString& uri : parser.values(broker)) {
        if (!isBrokerUri(uri))
            return failure(QStringLiteral("Invalid value for --broker: '%1' (expected tcp://host:port or "
                                          "ssl://host:port).")
                               .arg(uri));
        options.brokers.append(uri);
    }
    if (parser.isSet(role)) {
        const QString value = parser.value(role);
        if (value == QLatin1String("wall"))
            options.role = AppOptions::Role::Wall;
        else if (value == QLatin1String("dispatcher"))
            options.role = AppOptions::Role::Dispatcher;
        else if (value == QLatin1String("leader"))
            options.role = AppOptions::Role::Leader;
        else
            return failure(
                QStringLiteral("Invalid value for --role: '%1' (expected wall, dispatcher or leader).").arg(value));
    }
    if (parser.isSet(db)) {
        options.dbPath = parser.value(db);
        if (options.dbPath.isEmpty())
            return failure(QStringLiteral("Invalid value for --db: empty path."));
    }
    if (parser.isSet(basemap)) {
        options.basemapPath = parser.value(basemap);
        if (options.basemapPath.isEmpty())
            return failure(QStringLiteral("Invalid value for --basemap: empty path."));
    }
    if (parser.isSet(layout)) {
        options.layoutPath = parser.value(layout);
        if (options.layoutPath.isEmpty())
            return failure(QStringLiteral("Invalid value for --layout: empty path."));
    }
    if (parser.isSet(wallNode)) {
        options.wallNode = parser.value(wallNode);
        if (!parseWallNode(options.wallNode, nullptr, nullptr))
            return failure(QStringLiteral("Invalid value for --wall-node: '%1' (expected COL,ROW, e.g. 1,0).")
                               .arg(options.wallNode));
    }
    if (parser.isSet(wallGrid)) {
        options.wallGrid = parser.value(wallGrid);
        if (!parseWallGrid(options.wallGrid, nullptr, nullptr))
            return failure(QStringLiteral("Invalid value for --wall-grid: '%1' (expected COLSxROWS from 1x1 to 16x16, "
                                          "e.g. 2x1).")
                               .arg(options.wallGrid));
    }
    if (parser.isSet(snapshot)) {
        options.snapshotPath = parser.value(snapshot);
        if (!options.snapshotPath.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
            return failure(
                QStringLiteral("Invalid value for --snapshot: '%1' (expected a .png path).").arg(options.snapshotPath));
    }
    if (parser.isSet(snapshotAfter)) {
        bool ok = false;
        options.snapshotAfterSeconds = parser.value(snapshotAfter).toDouble(&ok);
        if (!ok || !(options.snapshotAfterSeconds >= 0 && options.snapshotAfterSeconds <= 3600))
            return failure(QStringLiteral("Invalid value for --snapshot-after: '%1' (expected 0 to 3600 seconds).")
                               .arg(parser.value(snapshotAfter)));
    }
    if (parser.isSet(snapshotEvery)) {
        bool ok = false;
        options.snapshotEverySeconds = parser.value(snapshotEvery).toInt(&ok);
        if (!ok || options.snapshotEverySeconds < 0 || options.snapshotEverySeconds > 86400)
            return failure(QStringLiteral("Invalid value for --snapshot-every: '%1' (expected 0 to 86400 seconds).")
                               .arg(parser.value(snapshotEvery)));
    }
    if (parser.isSet(size)) {
        static const QRegularExpression pattern(QStringLiteral(R"(^(\d{3,5})x(\d{3,5})$)"));
        const QRegularExpressionMatch match = pattern.match(parser.value(size));
        const int width = match.captured(1).toInt();
        const int height = match.captured(2).toInt();
        if (!match.hasMatch() || width < 640 || height < 360 || width > 16384 || height > 16384)
            return failure(QStringLiteral("Invalid value for --size: '%1' (expected WxH from 640x360 to 16384x16384).")
                               .arg(parser.value(size)));
        options.size = QSize(width, height);
    }
    if (parser.isSet(lang)) {
        const QString value = parser.value(lang);
        if (value != QLatin1String("zh_CN") && value != QLatin1String("en"))
            return failure(QStringLiteral("Invalid value for --lang: '%1' (expected zh_CN or en).").arg(value));
        options.language = value;
    }
    if (parser.isSet(prefix)) {
        options.topicPrefix = parser.value(prefix);
        if (!isTopicPrefix(options.topicPrefix))
            return failure(QStringLiteral("Invalid value for --topic-prefix: '%1' (expected segments of "
                                          "[A-Za-z0-9._-] joined by '/').")
                               .arg(options.topicPrefix));
    }
    if (parser.isSet(clientId)) {
        options.clientId = parser.value(clientId);
        if (!TopicScheme::isValidId(options.clientId))
            return failure(QStringLiteral("Invalid value for --client-id: '%1' (expected 1 to 64 of [A-Za-z0-9._-]).")
                               .arg(options.clientId));
    }
    if (parser.isSet(simRate)) {
        bool ok = false;
        options.simRate = parser.value(simRate).toInt(&ok);
        if (!ok || options.simRate < 1 || options.simRate > 1000000)
            return failure(QStringLiteral("Invalid value for --sim-rate: '%1' (expected 1 to 1000000).")
                               .arg(parser.value(simRate)));
    }
    if (parser.isSet(simSeed)) {
        bool ok = false;
        options.simSeed = parser.value(simSeed).toUInt(&ok);
        if (!ok)
            return failure(QStringLiteral("Invalid value for --sim-seed: '%1' (expected an unsigned integer).")
                               .arg(parser.value(simSeed)));
    }
    if (parser.isSet(config)) {
        options.configPath = parser.value(config);
        if (options.configPath.isEmpty())
            return failure(QStringLiteral("Invalid value for --config: empty path."));
    }
    if (parser.isSet(mqttVersion)) {
        const QString value = parser.value(mqttVersion);
        if (value == QLatin1String("3.1.1") || value == QLatin1String("4"))
            options.mqttVersion = 4;
        else if (value == QLatin1String("5"))
            options.mqttVersion = 5;
        else
            return failure(QStringLiteral("Invalid value for --mqtt-version: '%1' (expected 3.1.1 or 5).").arg(value));
    }
    if (parser.isSet(metrics)) {
        static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$)"));
        options.metricsEndpoint = parser.value(metrics);
        if (!pattern.match(options.metricsEndpoint).hasMatch())
            return failure(
                QStringLiteral("Invalid value for --metrics: '%1' (expected HOST:PORT).").arg(options.metricsEndpoint));
    }
    options.selfTest = parser.isSet(selfTest);
    options.checkLayout = parser.isSet(checkLayout);
    if (parser.isSet(exportWhat)) {
        options.exportWhat = parser.value(exportWhat);
        const bool cases = options.exportWhat == QLatin1String("cases");
        if (options.exportWhat != QLatin1String("incidents") && options.exportWhat != QLatin1String("telemetry")
            && !cases)
            return failure(QStringLiteral("Invalid value for --export: '%1' (expected incidents, cases or telemetry).")
                               .arg(options.exportWhat));
        if (!parser.isSet(from) && !cases)
            return failure(QStringLiteral("--export needs --from."));
        if (parser.isSet(from) && !parseTime(parser.value(from), &options.exportFromMs))
            return failure(QStringLiteral("Invalid value for --from: '%1' (expected an RFC 3339 date-time with a zone "
                                          "or epoch milliseconds).")
                               .arg(parser.value(from)));
        options.exportToMs = QDateTime::currentMSecsSinceEpoch();
        if (parser.isSet(to) && !parseTime(parser.value(to), &options.exportToMs))
            return failure(QStringLiteral("Invalid value for --to: '%1' (expected an RFC 3339 date-time with a zone "
                                          "or epoch milliseconds).")
                               .arg(parser.value(to)));
        if (options.exportToMs < options.exportFromMs)
            return failure(QStringLiteral("Invalid value for --to: it is before --from."));
    } else if (parser.isSet(from) || parser.isSet(to)) {
        return failure(QStringLiteral("--from and --to go with --export."));
    }
    return parsed;
}

} // namespace citybrain
