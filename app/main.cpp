// citybrain: the composition root. Creates the services, wires MQTT -> ingest -> models -> QML.
#include "appconfig.h"
#include "appoptions.h"
#include "citymetrics.h"
#include "citystate.h"
#include "consoleactions.h"
#include "embeddedcity.h"
#include "framemeter.h"
#include "historyexport.h"
#include "incidentalarm.h"
#include "incidentdetail.h"
#include "ingestpipeline.h"
#include "logging.h"
#include "maplayers.h"
#include "metricsregistry.h"
#include "metricsserver.h"
#include "mqttclient.h"
#include "resourceguard.h"
#include "responsechecklists.h"
#include "rulefilewatcher.h"
#include "selftest.h"
#include "servicenotifier.h"
#include "session.h"
#include "settledfilewatcher.h"
#include "terminationsignals.h"
#include "timemachine.h"
#include "wallcanvas.h"
#include "wallcheck.h"
#include "walllayout.h"
#include "wallplaylist.h"
#include "wallsnapshot.h"

#include <QApplication>
#include <QCursor>
#include <QDateTime>
#include <QDir>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTranslator>
#include <QtQml/QQmlExtensionPlugin>

#include <csignal>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(CityBrain_ThemePlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_PanelsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrainPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_GisPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_IndicatorsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_IncidentsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_WallPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_TimeMachinePlugin)

using namespace citybrain;

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

// A wall also says which page it shows and which incident is in focus (docs/topics.md, Presence), so the
// nodes of a multi-PC wall can be seen to agree.
QByteArray presencePayload(bool online, const QString& role, const WallPlaylist* wall = nullptr)
{
    static qint64 seq = 0;
    QJsonObject status { { QStringLiteral("ts"), QDateTime::currentMSecsSinceEpoch() },
        { QStringLiteral("seq"), ++seq }, { QStringLiteral("online"), online }, { QStringLiteral("kind"), role },
        { QStringLiteral("version"), QStringLiteral(CITYBRAIN_VERSION) } };
    if (wall && online) {
        status.insert(QStringLiteral("page"), wall->pageId());
        status.insert(QStringLiteral("focus_mode"), wall->focusMode());
    }
    return QJsonDocument(status).toJson(QJsonDocument::Compact);
}

// The wall layout: the deployment's file (--layout, wall/layout) or the shipped one, into the playlist.
// On failure the layout in force stays and *errors says why (line and field).
bool loadLayout(const QString& path, WallPlaylist& playlist, QStringList* errors)
{
    WallLayout layout;
    if (!loadWallLayoutFile(path, &layout, errors))
        return false;
    playlist.setLayout(std::move(layout));
    playlist.update(QDateTime::currentMSecsSinceEpoch());
    return true;
}

} // namespace

namespace {

// A deployment's own licensed district layer replaces the shipped demo one; its camera list fills the
// camera layer (which otherwise comes over MQTT). An unusable file stops the start with its reason.
bool loadConfiguredLayers(const MapConfig& map, MapLayers& layers)
{
    const struct
    {
        QString id;
        QString title;
        MapLayers::Kind kind;
        QString path;
        QString datum;
    } files[] = {
        { QStringLiteral("districts"), MapLayers::tr("Districts"), MapLayers::Kind::Districts, map.districtsFile,
            map.districtsDatum },
        { QStringLiteral("cameras"), MapLayers::tr("Cameras"), MapLayers::Kind::Cameras, map.camerasFile,
            map.camerasDatum },
    };
    for (const auto& file : files) {
        if (file.path.isEmpty())
            continue;
        QString error;
        const Datum datum = datumFromName(file.datum).value_or(Datum::Wgs84);
        if (!layers.loadFile(file.id, file.title, file.kind, file.path, datum, &error)) {
            std::fprintf(stderr, "citybrain: map layer %s: %s\n", qPrintable(file.path), qPrintable(error));
            return false;
        }
        qCInfo(lcApp) << "map layer" << file.id << "loaded from" << file.path;
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const ParsedOptions parsed = parseAppOptions(arguments);
    switch (parsed.outcome) {
    case ParsedOptions::Outcome::Error:
        std::fprintf(stderr, "citybrain: %s\n", qPrintable(parsed.message));
        return 2;
    case ParsedOptions::Outcome::Help:
        std::fprintf(stdout, "%s", qPrintable(parsed.message));
        return 0;
    case ParsedOptions::Outcome::Version:
        std::fprintf(stdout, "%s\n", qPrintable(parsed.message));
        return 0;
    case ParsedOptions::Outcome::Run:
        break;
    }
    const AppOptions& options = parsed.options;
    AppConfig config;
    QStringList configErrors;
    QStringList configWarnings;
    const bool configOk = resolveAppConfig(options, &config, &configErrors, &configWarnings);
    for (const QString& warning : std::as_const(configWarnings))
        std::fprintf(stderr, "citybrain: warning: %s\n", qPrintable(warning));
    if (!configOk) {
        for (const QString& error : std::as_const(configErrors))
            std::fprintf(stderr, "citybrain: %s\n", qPrintable(error));
        return 2;
    }
    const QString dbPath = !config.dbPath.isEmpty()
        ? config.dbPath
        : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/citybrain/citybrain.sqlite");
    if (!options.exportWhat.isEmpty())
        return exportHistory(options, dbPath);

    const bool offscreen = options.selfTest || !hasDisplay();
    if (offscreen && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv); // QtCharts needs QApplication
    QApplication::setApplicationName(QStringLiteral("citybrain"));
    QApplication::setOrganizationName(QStringLiteral("citybrain"));
    QApplication::setApplicationVersion(QStringLiteral(CITYBRAIN_VERSION));
    quitOnTerminationSignals();
    // A file size limit or quota reached must fail the write (the store keeps the entries and retries),
    // not kill the wall.
    std::signal(SIGXFSZ, SIG_IGN);
    // systemd (packaging/systemd): readiness, watchdog pings from this (the GUI) thread, stopping. No-op unless
    // started by systemd with Type=notify; takes NOTIFY_SOCKET out of the environment the children inherit.
    ServiceNotifier service;
    service.startWatchdog();

    QTranslator translator;
    if (options.language != QLatin1String("en")
        && translator.load(QStringLiteral(":/i18n/citybrain_%1.qm").arg(options.language)))
        QApplication::installTranslator(&translator);

    const QString role = roleName(options.role);
    const bool wallRole = options.role == AppOptions::Role::Wall;
    if (wallRole && config.wall.hideCursor)
        QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor)); // a kiosk wall: no pointer in the picture
    // Stable per console, so the broker keeps this console's session across restarts.
    const QString clientId = !config.mqtt.clientId.isEmpty()
        ? config.mqtt.clientId
        : QStringLiteral("citybrain-%1-%2").arg(role, QHostInfo::localHostName().left(40));
    Session session(role, options.language, clientId);
    session.setBasemap(config.map.basemap, config.map.basemapDatum);
    Session::provide(&session);
    // After the translator: the shipped layers' titles are translated.
    MapLayers mapLayers(nullptr);
    mapLayers.addStandardLayers();
    if (!loadConfiguredLayers(config.map, mapLayers))
        return 2;
    MapLayers::provide(&mapLayers);
    CityState state(config.mqtt.brokers.isEmpty(), config.wallId);
    state.setMapLayers(&mapLayers); // before the first batch
    state.sensorMarkers().setOfflineAfterSeconds(config.stale.telemetrySeconds);
    state.incidentMarkers().setHeatWindowHours(config.map.heatWindowHours);
    state.health().setStaleThresholds(config.stale.telemetrySeconds, config.stale.indicatorSeconds);
    state.indicators().setEnglish(options.language == QLatin1String("en"));
    state.alarms().setEnglish(options.language == QLatin1String("en"));
    state.indicators().setPreferredOrder(config.kpiOrder);
    state.provideToQml();
    TimeMachine timeMachine(dbPath, &state, nullptr);
    TimeMachine::provide(&timeMachine);
    state.incidents().setConsoleId(clientId);
    state.incidents().setSlaPolicy(config.sla);
    ConsoleActions actions(nullptr, TopicScheme(config.topicPrefix), role, clientId, nullptr);
    actions.setIncidents(&state.incidents());
    actions.setActor(config.actor.isEmpty() ? clientId : config.actor);
    actions.setWallId(config.wallId);
    ConsoleActions::provide(&actions);
    ConsoleRole consoleRole = ConsoleRole::Wall; // the options allow only known roles
    if (!consoleRoleFromName(role, &consoleRole))
        qCWarning(lcApp) << "unknown role" << role << "treated as the wall";
    IncidentAlarm alarm(&state.incidents(), consoleRole, nullptr);
    if (!options.selfTest)
        alarm.setSound(QUrl(QStringLiteral("qrc:/sounds/alarm.wav")));
    IncidentAlarm::provide(&alarm);
    IncidentDetail detail(&state.incidents(), clientId, nullptr);
    IncidentDetail::provide(&detail);

    WallCanvas canvas(
        { config.wall.gridColumns, config.wall.gridRows, config.wall.nodeColumn, config.wall.nodeRow }, nullptr);
    canvas.setBezelPx(config.wall.bezelPx);
    WallCanvas::provide(&canvas);
    WallPlaylist playlist(nullptr);
    const QString layoutPath = config.wall.layoutFile.isEmpty() ? defaultWallLayoutPath() : config.wall.layoutFile;
    // A layout that does not load at start stops the start; a later edit that does not load keeps the layout
    // in force and shows its errors on the wall.
    QStringList layoutErrors;
    if (!loadLayout(layoutPath, playlist, &layoutErrors)) {
        for (const QString& error : std::as_const(layoutErrors))
            std::fprintf(stderr, "citybrain: layout %s: %s\n", qPrintable(layoutPath), qPrintable(error));
        return 2;
    }
    playlist.follow(&state.focus());
    if (!config.wall.checklistsFile.isEmpty()) {
        QStringList errors;
        if (!ResponseChecklist::loadFile(config.wall.checklistsFile, &errors)) {
            for (const QString& error : std::as_const(errors))
                std::fprintf(stderr, "citybrain: checklists %s: %s\n", qPrintable(config.wall.checklistsFile),
                    qPrintable(error));
            return 2;
        }
    }
    WallPlaylist::provide(&playlist);
    std::unique_ptr<SettledFileWatcher> layoutWatcher;
    if (!config.wall.layoutFile.isEmpty()) {
        layoutWatcher = std::make_unique<SettledFileWatcher>(config.wall.layoutFile);
        QObject::connect(layoutWatcher.get(), &SettledFileWatcher::changed, &playlist, [&playlist, layoutPath] {
            QStringList errors;
            if (loadLayout(layoutPath, playlist, &errors)) {
                qCInfo(lcWall) << "layout reloaded from" << layoutPath;
                playlist.setLayoutErrors({});
            } else {
                qCWarning(lcWall).noquote()
                    << "layout" << layoutPath << "not reloaded, the layout in force stays:" << errors.join(u"; ");
                playlist.setLayoutErrors(errors);
            }
        });
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    if (options.selfTest)
        return runQmlSelfTest(engine, state) == 0 ? 0 : 1;

    EmbeddedCity embedded;
    MqttSettings mqtt;
    mqtt.brokerUris = config.mqtt.brokers;
    if (mqtt.brokerUris.isEmpty()) {
        QString error;
        if (!embedded.startBroker(&error)) {
            std::fprintf(stderr, "citybrain: embedded broker: %s\n", qPrintable(error));
            return 1;
        }
        mqtt.brokerUris.append(embedded.brokerUri());
    }

    const TopicScheme topics(config.topicPrefix);
    FeedDecoder::Limits limits;
    limits.maxPayloadBytes = config.maxPayloadBytes;
    // Monitoring rules: the shipped Xianyang defaults, or the deployment's file, reloaded when it changes.
    const QString rulesPath = config.rulesFile.isEmpty() ? defaultRuleFilePath() : config.rulesFile;
    auto ruleSet = std::make_shared<RuleSet>();
    QStringList ruleErrors;
    if (!loadRuleSetFile(rulesPath, ruleSet.get(), &ruleErrors)) {
        for (const QString& problem : ruleErrors)
            std::fprintf(stderr, "citybrain: rules %s: %s\n", qPrintable(rulesPath), qPrintable(problem));
        return 2;
    }
    IngestPipeline::Settings ingest { topics, limits, dbPath, 16 };
    ingest.rules = std::move(ruleSet);
    ingest.anomalies = config.anomalies;
    IngestPipeline pipeline(std::move(ingest));
    state.attach(&pipeline);
    pipeline.start();
    std::unique_ptr<RuleFileWatcher> ruleWatcher;
    if (!config.rulesFile.isEmpty()) {
        ruleWatcher = std::make_unique<RuleFileWatcher>(config.rulesFile);
        QObject::connect(ruleWatcher.get(), &RuleFileWatcher::rulesLoaded, &pipeline,
            [&pipeline](const std::shared_ptr<const RuleSet>& rules) {
                qCInfo(lcApp) << "rules reloaded:" << rules->rules.size() << "rules";
                pipeline.setRules(rules);
            });
        QObject::connect(ruleWatcher.get(), &RuleFileWatcher::loadFailed, &pipeline, [](const QStringList& errors) {
            qCWarning(lcApp).noquote() << "rules file not reloaded, the rules in force stay:"
                                       << errors.join(QStringLiteral("; "));
        });
    }

    mqtt.clientId = clientId;
    mqtt.version = config.mqtt.version;
    mqtt.sessionExpirySeconds = config.mqtt.sessionExpirySeconds;
    mqtt.username = config.mqtt.username;
    mqtt.password = config.mqtt.password;
    mqtt.caFile = config.mqtt.caFile;
    mqtt.certFile = config.mqtt.certFile;
    mqtt.keyFile = config.mqtt.keyFile;
    mqtt.verifyHostname = config.mqtt.verifyHostname;
    mqtt.subscriptions = { topics.allFeeds() };
    mqtt.willTopic = topics.status(clientId);
    mqtt.willPayload = presencePayload(false, role);
    MqttClient client(mqtt);
    client.setMessageHandler([&pipeline](MqttMessage&& message) { pipeline.enqueue(std::move(message)); });
    state.attach(&client);
    actions.setClient(&client);

    // Always measured (the health panel shows them); served over HTTP only when asked for.
    MetricsRegistry metrics;
    registerCityMetrics(metrics, pipeline, client, state);
    MetricsServer metricsServer(metrics);
    if (!config.metricsEndpoint.isEmpty()) {
        QHostAddress address;
        quint16 port = 0;
        QString error;
        metricsServer.setAllowRemote(config.metricsAllowRemote);
        if (!MetricsServer::parseEndpoint(config.metricsEndpoint, &address, &port, &error, config.metricsAllowRemote)
            || !metricsServer.start(address, port, &error)) {
            std::fprintf(
                stderr, "citybrain: --metrics %s: %s\n", qPrintable(config.metricsEndpoint), qPrintable(error));
            return 2;
        }
        qCInfo(lcApp).noquote() << QStringLiteral("metrics at http://%1:%2/metrics")
                                       .arg(metricsServer.address().toString())
                                       .arg(metricsServer.port());
    }
    QObject::connect(&client, &MqttClient::connectionChanged, &state, [&](bool connected) {
        if (!connected)
            return;
        client.publish(mqtt.willTopic, presencePayload(true, role, wallRole ? &playlist : nullptr), 1, true);
        QString error;
        if (config.mqtt.brokers.isEmpty()
            && !embedded.startSimulator(options.simRate, options.simSeed, config.topicPrefix, &error,
                role == QLatin1String("wall"))) // a console in the demo works the incidents itself
            qCWarning(lcApp).noquote() << "embedded simulator:" << error;
    });
    if (wallRole) {
        QObject::connect(&playlist, &WallPlaylist::pageChanged, &client, [&] {
            if (client.isConnected())
                client.publish(mqtt.willTopic, presencePayload(true, role, &playlist), 1, true);
        });
    }
    client.start();

    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/CityBrain/Main.qml")));
    auto* window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (!window) {
        std::fprintf(stderr, "citybrain: the wall's QML did not load\n");
        return 1;
    }
    // Frame times for the metrics, the health panel and bench/wall.sh.
    // Fine between 8 and 50 ms, where a wall drifts from 60 to 20 frames a second: a p99 read there is not a guess.
    const std::vector<double> frameBuckets { 0.002, 0.004, 0.006, 0.008, 0.010, 0.0125, 0.016, 0.020, 0.025, 0.033,
        0.040, 0.050, 0.075, 0.1, 0.2, 0.5, 1.0 };
    FrameMeter frames(
        &metrics.histogram(QStringLiteral("citybrain_frame_seconds"),
            QStringLiteral("Wall window frames, from the GUI thread starting one to its swap."), frameBuckets),
        &metrics.histogram(QStringLiteral("citybrain_frame_gui_seconds"),
            QStringLiteral("GUI-thread time per frame until the scene is synchronised (polish, bindings, sync; the "
                           "whole frame with the software renderer)."),
            frameBuckets));
    frames.watch(window);
    // Ready once the wall is on screen, not when the process starts: systemd's start job waits for the picture.
    // frameSwapped comes from the render thread; the notification is sent from the GUI thread.
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &service,
        [&service, role] { service.ready(QStringLiteral("%1 shown").arg(role)); },
        static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
    WallSnapshot* snapshot = nullptr;
    // Offscreen with the platform's own screen list (QT_QPA_PLATFORM=offscreen:configfile=screens.json) the
    // wall takes those screens as a real multi-screen PC would; a fixed --size means one screen of it.
    const bool givenSize = arguments.contains(QStringLiteral("--size"));
    const bool configuredScreens
        = offscreen && qEnvironmentVariable("QT_QPA_PLATFORM").contains(QLatin1String("configfile="));
    if (!givenSize && configuredScreens) {
        canvas.followApplicationScreens();
        window->showFullScreen();
    } else if (offscreen || options.checkLayout || !options.snapshotPath.isEmpty() || givenSize) {
        // One screen of the given size: the wall canvas is this window (and the other nodes' like it).
        canvas.setScreens({ QRect(QPoint(0, 0), options.size) });
        window->resize(options.size);
    } else {
        canvas.followApplicationScreens();
        window->showFullScreen();
    }
    if (options.checkLayout) {
        QString base = options.snapshotPath;
        base.chop(base.isEmpty() ? 0 : 4); // ".png"
        auto* check = new WallCheck(
            window, &playlist,
            [&state] {
                IncidentModel& incidents = state.incidents();
                return incidents.rowCount() > 0 ? incidents.data(incidents.index(0), IncidentModel::IdRole).toString()
                                                : QString();
            },
            base, &app);
        check->start(static_cast<int>(options.snapshotAfterSeconds * 1000));
    } else if (!options.snapshotPath.isEmpty()) {
        snapshot = new WallSnapshot(window, options.snapshotPath, &app);
        snapshot->once(static_cast<int>(options.snapshotAfterSeconds * 1000));
    } else if (offscreen && options.snapshotEverySeconds > 0) {
        snapshot = new WallSnapshot(window, QDir::temp().filePath(QStringLiteral("citybrain-wall.png")), &app);
        snapshot->every(options.snapshotEverySeconds * 1000);
    }

    // The self-check: a ceiling crossed at two consecutive checks ends the app through the normal shutdown
    // below (presence, queue drained, children stopped) with EX_TEMPFAIL, and systemd's Restart=on-failure
    // starts it again; the new process restores incidents from the store and page and focus from the retained
    // wall control.
    ResourceGuard guard;
    guard.setMaxRssMb(config.service.maxRssMb);
    const InboundQueue& inbound = pipeline.queue();
    guard.addLimit(QStringLiteral("service/max_queue_high_water"), QStringLiteral("ingest queue high-water mark"),
        QStringLiteral(" messages"), config.service.maxQueueHighWater, [&inbound]() -> std::optional<qint64> {
            return std::max(inbound.priorityStats().highWater, inbound.bulkStats().highWater);
        });
    QObject::connect(&guard, &ResourceGuard::limitCrossed, &app, [&service](const QString& reason) {
        qCWarning(lcApp).noquote() << "exiting with status 75 to be restarted:" << reason;
        service.setStatus(QStringLiteral("restarting: ") + reason);
        QCoreApplication::exit(75); // EX_TEMPFAIL; aboutToQuit still runs the shutdown below
    });
    guard.start();

    QObject::connect(&app, &QCoreApplication::aboutToQuit, &service, [&service] { service.stopping(); });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, [&] {
        qCInfo(lcApp).noquote() << QStringLiteral("wall: indicators=%1 incidents=%2 messages=%3 rejected=%4")
                                       .arg(state.indicators().rowCount())
                                       .arg(state.incidents().rowCount())
                                       .arg(state.health().messagesReceived())
                                       .arg(state.health().messagesRejected());
        client.stop(presencePayload(false, role));
        pipeline.stop();
        embedded.stop();
    });
    return QApplication::exec();
}
