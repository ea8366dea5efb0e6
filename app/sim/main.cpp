// citybrain-sim: publishes the built-in Xianyang city simulator's feeds to an MQTT broker.
#include "citysimulator.h"
#include "districtlayer.h"
#include "logging.h"
#include "mqttclient.h"
#include "topicscheme.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <csignal>
#include <cstdio>

using citybrain::sim::CitySimulator;
using citybrain::sim::Episode;
using citybrain::sim::SimMessage;
using citybrain::sim::SimSettings;

namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void onTerminationSignal(int signal)
{
    g_signal = signal;
}

void installSignalHandlers()
{
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

struct Options
{
    QString broker = QStringLiteral("tcp://127.0.0.1:1883");
    int rate = 200;
    quint64 seed = 1;
    double durationS = 0;
    QString topicPrefix = QStringLiteral("xy/v1");
    QString clientId = QStringLiteral("citybrain-sim");
    bool dispatchDesk = true;
    std::vector<Episode> episodes;
};

[[noreturn]] void usageError(const QString& message)
{
    std::fprintf(stderr, "citybrain-sim: %s (try --help)\n", qPrintable(message));
    std::exit(2);
}

bool isValidPrefix(const QString& prefix)
{
    if (prefix.isEmpty() || prefix.startsWith(u'/') || prefix.endsWith(u'/') || prefix.contains(QLatin1String("//")))
        return false;
    return !prefix.contains(u'+') && !prefix.contains(u'#') && !prefix.contains(QChar(0));
}

Options parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Publishes simulated Xianyang city feeds (telemetry, indicators, incidents, presence) per "
                       "docs/topics.md."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const Options defaults;
    const QCommandLineOption broker(QStringLiteral("broker"),
        QStringLiteral("Broker URI (tcp://host:port or ssl://host:port), default %1.").arg(defaults.broker),
        QStringLiteral("URI"), defaults.broker);
    const QCommandLineOption rate(QStringLiteral("rate"),
        QStringLiteral("Telemetry messages per second, 0..100000, default %1.").arg(defaults.rate), QStringLiteral("N"),
        QString::number(defaults.rate));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Random seed; the same seed and start time give the same messages. Default %1.")
            .arg(defaults.seed),
        QStringLiteral("S"), QString::number(defaults.seed));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Seconds to run, 0 = until SIGINT/SIGTERM (default)."), QStringLiteral("SECONDS"),
        QStringLiteral("0"));
    const QCommandLineOption prefix(QStringLiteral("topic-prefix"),
        QStringLiteral("Topic prefix, default %1.").arg(defaults.topicPrefix), QStringLiteral("P"),
        defaults.topicPrefix);
    const QCommandLineOption clientId(QStringLiteral("client-id"),
        QStringLiteral("MQTT client id and presence id ([A-Za-z0-9._-], 1-64 characters), default %1.")
            .arg(defaults.clientId),
        QStringLiteral("ID"), defaults.clientId);
    const QCommandLineOption dispatchDesk(QStringLiteral("dispatch-desk"),
        QStringLiteral("on: a simulated dispatch desk acknowledges, dispatches units to, and resolves the incidents "
                       "(for a wall with nobody at a dispatcher console); off: the incidents wait for a real "
                       "console. Default on."),
        QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption episode(QStringLiteral("episode"),
        QStringLiteral("A scripted episode, repeatable: kind:district:start:duration:intensity, e.g. "
                       "storm:610404:+10m:2h:1.0. kind: storm (the district's river gauges rise past their warning "
                       "lines), pollution (heavy pollution, PM2.5 about 200 µg/m³) or jam (congestion above 8); "
                       "start: an offset from now (+10m, -30m) or an RFC 3339 time with its zone; duration: 2h, "
                       "90m, 1h30m; intensity: more than 0, at most 3, 1 = the full event."),
        QStringLiteral("SPEC"));
    parser.addOptions({ broker, rate, seed, duration, prefix, clientId, dispatchDesk, episode });

    if (!parser.parse(app.arguments()))
        usageError(parser.errorText());
    if (parser.isSet(help))
        parser.showHelp(0);
    if (parser.isSet(version))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    Options options;
    options.broker = parser.value(broker);
    if (!options.broker.contains(QLatin1String("://")) || options.broker.contains(u' '))
        usageError(QStringLiteral("--broker: '%1' is not a URI like tcp://127.0.0.1:1883").arg(options.broker));
    bool ok = false;
    options.rate = parser.value(rate).toInt(&ok);
    if (!ok || options.rate < 0 || options.rate > 100000)
        usageError(QStringLiteral("--rate: '%1' is not a whole number from 0 to 100000").arg(parser.value(rate)));
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        usageError(QStringLiteral("--seed: '%1' is not a non-negative whole number").arg(parser.value(seed)));
    options.durationS = parser.value(duration).toDouble(&ok);
    if (!ok || !(options.durationS >= 0) || options.durationS > 1e9)
        usageError(QStringLiteral("--duration: '%1' is not a number of seconds >= 0").arg(parser.value(duration)));
    options.topicPrefix = parser.value(prefix);
    if (!isValidPrefix(options.topicPrefix))
        usageError(QStringLiteral("--topic-prefix: '%1' is not a topic prefix like xy/v1").arg(options.topicPrefix));
    options.clientId = parser.value(clientId);
    if (!citybrain::TopicScheme::isValidId(options.clientId))
        usageError(QStringLiteral("--client-id: '%1' must be 1-64 characters of [A-Za-z0-9._-]").arg(options.clientId));
    const QString desk = parser.value(dispatchDesk);
    if (desk == QLatin1String("on"))
        options.dispatchDesk = true;
    else if (desk == QLatin1String("off"))
        options.dispatchDesk = false;
    else
        usageError(QStringLiteral("--dispatch-desk: '%1' is neither on nor off").arg(desk));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& spec : parser.values(episode)) {
        QString error;
        const std::optional<Episode> parsed = Episode::parse(spec, now, citybrain::DistrictLayer::xianyang(), &error);
        if (!parsed)
            usageError(QStringLiteral("--episode '%1': %2").arg(spec, error));
        options.episodes.push_back(*parsed);
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("citybrain-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYBRAIN_VERSION));
    const Options options = parseOptions(app);
    installSignalHandlers();

    SimSettings settings;
    settings.seed = options.seed;
    settings.topicPrefix = options.topicPrefix;
    settings.clientId = options.clientId;
    settings.dispatchDesk = options.dispatchDesk;
    settings.episodes = options.episodes;
    CitySimulator simulator(settings, citybrain::DistrictLayer::xianyang());

    // Presence: online 1, the last will 2, online again after each reconnect 3, 4, ... and a final
    // offline after the last online.
    qint64 presenceSeq = 0;
    const SimMessage will = simulator.presence(false, QDateTime::currentMSecsSinceEpoch(), 2);
    citybrain::MqttSettings mqtt;
    mqtt.brokerUris = { options.broker };
    mqtt.clientId = options.clientId;
    mqtt.persistentSession = false; // a publisher only: nothing to keep while away
    mqtt.willTopic = will.topic;
    mqtt.willPayload = will.payload;
    citybrain::MqttClient client(mqtt);

    qint64 dropped = 0;
    auto publish = [&](const std::vector<SimMessage>& messages) {
        for (const SimMessage& m : messages) {
            if (!client.publish(m.topic, m.payload, m.qos, m.retained))
                ++dropped;
        }
    };

    QElapsedTimer running; // since the first connection: paces telemetry
    QElapsedTimer lifetime; // since start: --duration
    lifetime.start();
    qint64 telemetrySent = 0;
    qint64 telemetryPublished = 0;
    qint64 lastReportMs = 0;
    bool stopping = false;

    QObject::connect(&client, &citybrain::MqttClient::connectionChanged, &app, [&](bool connected, const QString& uri) {
        if (!connected || stopping)
            return;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        presenceSeq = presenceSeq == 0 ? 1 : std::max<qint64>(presenceSeq + 1, 3);
        publish({ simulator.presence(true, now, presenceSeq) });
        if (!running.isValid()) {
            qCInfo(lcSim) << "publishing to" << uri << "under" << options.topicPrefix << "at" << options.rate
                          << "telemetry msg/s, seed" << options.seed << ", dispatch desk"
                          << (options.dispatchDesk ? "on" : "off");
            publish(simulator.start(now));
            running.start();
            lastReportMs = now;
        }
    });

    auto shutdown = [&](const char* why) {
        stopping = true;
        qCInfo(lcSim) << "stopping:" << why << "-" << telemetryPublished << "telemetry messages published";
        client.waitForDelivery(3000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        client.stop(simulator.presence(false, now, std::max<qint64>(presenceSeq + 1, 2)).payload);
        QCoreApplication::quit();
    };

    QTimer tick;
    tick.setInterval(50);
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        if (stopping)
            return;
        if (g_signal != 0) {
            tick.stop();
            shutdown(g_signal == SIGINT ? "SIGINT" : "SIGTERM");
            return;
        }
        if (options.durationS > 0 && lifetime.elapsed() >= static_cast<qint64>(options.durationS * 1000)) {
            tick.stop();
            shutdown("duration reached");
            return;
        }
        if (!running.isValid())
            return;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 due = static_cast<qint64>(options.rate) * running.elapsed() / 1000;
        qint64 count = due - telemetrySent;
        // Sensors are quiet while the broker is away, and a stall is not made up with a burst.
        if (!client.isConnected() || count > options.rate)
            count = client.isConnected() ? options.rate : 0;
        telemetrySent = due;
        if (count > 0) {
            publish(simulator.telemetry(now, static_cast<int>(count)));
            telemetryPublished += count;
        }
        publish(simulator.advance(now));
        if (now - lastReportMs >= 60000) {
            lastReportMs = now;
            qCInfo(lcSim) << telemetryPublished << "telemetry messages published," << simulator.openIncidents()
                          << "incidents open," << dropped << "dropped";
        }
    });
    tick.start();
    client.start();
    return QCoreApplication::exec();
}
