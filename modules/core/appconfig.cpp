#include "appconfig.h"

#include "appoptions.h"
#include "topicscheme.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <functional>
#include <map>

namespace citybrain {

namespace {

bool readBool(const QString& text, bool* out)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("true") || value == QLatin1String("yes") || value == QLatin1String("1")) {
        *out = true;
        return true;
    }
    if (value == QLatin1String("false") || value == QLatin1String("no") || value == QLatin1String("0")) {
        *out = false;
        return true;
    }
    return false;
}

bool readNumber(const QString& text, double low, double high, double* out)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !(value >= low && value <= high))
        return false;
    *out = value;
    return true;
}

bool readableFile(const QString& path)
{
    return QFileInfo(path).isFile() && QFileInfo(path).isReadable();
}

} // namespace

namespace {

// Two small integers separated by `separator`, each within [low, high].
bool parsePair(const QString& text, QChar separator, int low, int high, int* first, int* second)
{
    const QStringList parts = text.trimmed().split(separator);
    if (parts.size() != 2)
        return false;
    bool okFirst = false;
    bool okSecond = false;
    const int a = parts[0].trimmed().toInt(&okFirst);
    const int b = parts[1].trimmed().toInt(&okSecond);
    if (!okFirst || !okSecond || a < low || a > high || b < low || b > high)
        return false;
    if (first)
        *first = a;
    if (second)
        *second = b;
    return true;
}

} // namespace

bool parseWallNode(const QString& text, int* column, int* row)
{
    return parsePair(text, u',', 0, 15, column, row);
}

bool parseWallGrid(const QString& text, int* columns, int* rows)
{
    return parsePair(text, u'x', 1, 16, columns, rows);
}

bool isBrokerUri(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(tcp|ssl|mqtt|mqtts|ws|wss)://[A-Za-z0-9.\-\[\]:]+:(\d{1,5})$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    const int port = match.captured(2).toInt();
    return port > 0 && port <= 65535;
}

bool isTopicPrefix(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$)"));
    return pattern.match(text).hasMatch();
}

bool resolveAppConfig(const AppOptions& options, AppConfig* config, QStringList* errors, QStringList* warnings)
{
    if (!options.configPath.isEmpty() && !loadAppConfig(options.configPath, config, errors, warnings))
        return false;
    if (!options.brokers.isEmpty())
        config->mqtt.brokers = options.brokers;
    if (!options.clientId.isEmpty())
        config->mqtt.clientId = options.clientId;
    if (options.mqttVersion != 0)
        config->mqtt.version = options.mqttVersion;
    if (!options.topicPrefix.isEmpty())
        config->topicPrefix = options.topicPrefix;
    if (!options.dbPath.isEmpty())
        config->dbPath = options.dbPath;
    if (!options.basemapPath.isEmpty()) {
        if (!readableFile(options.basemapPath)) {
            errors->append(QStringLiteral("--basemap: '%1' is not a readable file").arg(options.basemapPath));
            return false;
        }
        config->map.basemap = options.basemapPath;
    }
    if (!options.metricsEndpoint.isEmpty())
        config->metricsEndpoint = options.metricsEndpoint;
    if (!options.layoutPath.isEmpty()) {
        if (!readableFile(options.layoutPath)) {
            errors->append(QStringLiteral("--layout: '%1' is not a readable file").arg(options.layoutPath));
            return false;
        }
        config->wall.layoutFile = options.layoutPath;
    }
    if (!options.wallNode.isEmpty())
        (void)parseWallNode(options.wallNode, &config->wall.nodeColumn, &config->wall.nodeRow);
    if (!options.wallGrid.isEmpty())
        (void)parseWallGrid(options.wallGrid, &config->wall.gridColumns, &config->wall.gridRows);
    if (config->wall.nodeColumn >= config->wall.gridColumns || config->wall.nodeRow >= config->wall.gridRows) {
        errors->append(QStringLiteral("wall node %1,%2 is outside the wall grid %3x%4")
                           .arg(config->wall.nodeColumn)
                           .arg(config->wall.nodeRow)
                           .arg(config->wall.gridColumns)
                           .arg(config->wall.gridRows));
        return false;
    }
    if (qEnvironmentVariableIsSet("CITYBRAIN_MQTT_PASSWORD"))
        config->mqtt.password = qEnvironmentVariable("CITYBRAIN_MQTT_PASSWORD");
    return true;
}

bool loadAppConfig(const QString& path, AppConfig* config, QStringList* errors, QStringList* warnings)
{
    if (!QFileInfo(path).isFile()) {
        errors->append(QStringLiteral("%1: no such file").arg(path));
        return false;
    }
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        errors->append(QStringLiteral("%1: not a valid INI file").arg(path));
        return false;
    }

    using Reader = std::function<QString(const QString&)>; // returns an error text, empty if fine
    auto number = [](double low, double high, auto assign) {
        return Reader([=](const QString& text) {
            double value = 0;
            if (!readNumber(text, low, high, &value))
                return QStringLiteral("expected a number from %1 to %2").arg(low).arg(high);
            assign(value);
            return QString();
        });
    };
    auto existingFile = [](QString* target) {
        return Reader([=](const QString& text) {
            if (!readableFile(text))
                return QStringLiteral("'%1' is not a readable file").arg(text);
            *target = text;
            return QString();
        });
    };
    // The names coordinates.h reads; CGCS2000 is drawn as WGS-84 (centimetres apart).
    auto datum = [](QString* target) {
        return Reader([=](const QString& text) {
            const QString name = text.trimmed().toLower();
            if (name != QLatin1String("wgs84") && name != QLatin1String("cgcs2000") && name != QLatin1String("gcj02"))
                return QStringLiteral("expected wgs84, cgcs2000 or gcj02");
            *target = name;
            return QString();
        });
    };
    // A ceiling: 0 (off) or a whole number within [low, high].
    auto ceiling = [](qint64 low, qint64 high, qint64* target) {
        return Reader([=](const QString& text) {
            bool ok = false;
            const qint64 value = text.trimmed().toLongLong(&ok);
            if (!ok || (value != 0 && (value < low || value > high)))
                return QStringLiteral("expected 0 (off) or a whole number from %1 to %2").arg(low).arg(high);
            *target = value;
            return QString();
        });
    };
    MqttConfig& mqtt = config->mqtt;
    std::map<QString, Reader> readers = {
        { QStringLiteral("mqtt/brokers"),
            [&](const QString&) {
                const QStringList uris = file.value(QStringLiteral("mqtt/brokers")).toStringList();
                QStringList cleaned;
                for (const QString& uri : uris) {
                    if (!isBrokerUri(uri.trimmed()))
                        return QStringLiteral("'%1' is not tcp://host:port or ssl://host:port").arg(uri.trimmed());
                    cleaned.append(uri.trimmed());
                }
                mqtt.brokers = cleaned;
                return QString();
            } },
        { QStringLiteral("mqtt/client_id"),
            [&](const QString& text) {
                if (!TopicScheme::isValidId(text))
                    return QStringLiteral("expected 1 to 64 of [A-Za-z0-9._-]");
                mqtt.clientId = text;
                return QString();
            } },
        { QStringLiteral("mqtt/version"),
            [&](const QString& text) {
                if (text == QLatin1String("3.1.1") || text == QLatin1String("4"))
                    mqtt.version = 4;
                else if (text == QLatin1String("5"))
                    mqtt.version = 5;
                else
                    return QStringLiteral("expected 3.1.1 or 5");
                return QString();
            } },
        { QStringLiteral("mqtt/session_expiry_seconds"),
            number(0, 4294967295.0,
                [&](double v) { mqtt.sessionExpirySeconds = static_cast<int>(std::min(v, 2147483647.0)); }) },
        { QStringLiteral("mqtt/username"),
            [&](const QString& text) {
                mqtt.username = text;
                return QString();
            } },
        { QStringLiteral("mqtt/password"),
            [&](const QString& text) {
                mqtt.password = text;
                return QString();
            } },
        { QStringLiteral("mqtt/ca_file"), existingFile(&mqtt.caFile) },
        { QStringLiteral("mqtt/cert_file"), existingFile(&mqtt.certFile) },
        { QStringLiteral("mqtt/key_file"), existingFile(&mqtt.keyFile) },
        { QStringLiteral("mqtt/verify_hostname"),
            [&](const QString& text) {
                return readBool(text, &mqtt.verifyHostname) ? QString() : QStringLiteral("expected true or false");
            } },
        { QStringLiteral("feeds/topic_prefix"),
            [&](const QString& text) {
                if (!isTopicPrefix(text))
                    return QStringLiteral("expected segments of [A-Za-z0-9._-] joined by '/'");
                config->topicPrefix = text;
                return QString();
            } },
        { QStringLiteral("feeds/max_payload_bytes"),
            number(1024, 64 * 1024 * 1024, [&](double v) { config->maxPayloadBytes = static_cast<qsizetype>(v); }) },
        { QStringLiteral("feeds/telemetry_stale_seconds"),
            number(1, 86400, [&](double v) { config->stale.telemetrySeconds = v; }) },
        { QStringLiteral("feeds/indicator_stale_seconds"),
            number(1, 86400, [&](double v) { config->stale.indicatorSeconds = v; }) },
        { QStringLiteral("wall/kpi_order"),
            [&](const QString&) {
                QStringList ids;
                for (const QString& id : file.value(QStringLiteral("wall/kpi_order")).toStringList()) {
                    if (!TopicScheme::isValidId(id.trimmed()))
                        return QStringLiteral("'%1' is not an indicator id").arg(id.trimmed());
                    ids.append(id.trimmed());
                }
                config->kpiOrder = ids;
                return QString();
            } },
        { QStringLiteral("console/actor"),
            [&](const QString& text) {
                if (text.trimmed().isEmpty() || text.size() > 64)
                    return QStringLiteral("expected 1 to 64 characters");
                config->actor = text.trimmed();
                return QString();
            } },
        { QStringLiteral("console/wall_id"),
            [&](const QString& text) {
                if (!TopicScheme::isValidId(text))
                    return QStringLiteral("expected 1 to 64 of [A-Za-z0-9._-]");
                config->wallId = text;
                return QString();
            } },
        { QStringLiteral("rules/file"), existingFile(&config->rulesFile) },
        { QStringLiteral("rules/anomalies"),
            [&](const QString& text) {
                return readBool(text, &config->anomalies) ? QString() : QStringLiteral("expected true or false");
            } },
        { QStringLiteral("map/basemap"), existingFile(&config->map.basemap) },
        { QStringLiteral("map/basemap_datum"), datum(&config->map.basemapDatum) },
        { QStringLiteral("map/districts_file"), existingFile(&config->map.districtsFile) },
        { QStringLiteral("map/districts_datum"), datum(&config->map.districtsDatum) },
        { QStringLiteral("map/cameras_file"), existingFile(&config->map.camerasFile) },
        { QStringLiteral("map/cameras_datum"), datum(&config->map.camerasDatum) },
        { QStringLiteral("map/heat_window_hours"), number(1, 720, [&](double v) { config->map.heatWindowHours = v; }) },
        { QStringLiteral("wall/layout"), existingFile(&config->wall.layoutFile) },
        { QStringLiteral("wall/bezel_px"), number(0, 1000, [&](double v) { config->wall.bezelPx = v; }) },
        { QStringLiteral("wall/node"),
            [&](const QString& text) {
                return parseWallNode(text, &config->wall.nodeColumn, &config->wall.nodeRow)
                    ? QString()
                    : QStringLiteral("expected COL,ROW from 0,0 to 15,15");
            } },
        { QStringLiteral("wall/grid"),
            [&](const QString& text) {
                return parseWallGrid(text, &config->wall.gridColumns, &config->wall.gridRows)
                    ? QString()
                    : QStringLiteral("expected COLSxROWS from 1x1 to 16x16");
            } },
        { QStringLiteral("wall/checklists_file"), existingFile(&config->wall.checklistsFile) },
        { QStringLiteral("wall/hide_cursor"),
            [&](const QString& text) {
                return readBool(text, &config->wall.hideCursor) ? QString() : QStringLiteral("expected true or false");
            } },
        { QStringLiteral("service/max_rss_mb"), ceiling(64, 65536, &config->service.maxRssMb) },
        // The bulk lane holds at most 100000 messages: a higher mark could never be reached.
        { QStringLiteral("service/max_queue_high_water"), ceiling(100, 100000, &config->service.maxQueueHighWater) },
        { QStringLiteral("store/db"),
            [&](const QString& text) {
                if (text.isEmpty())
                    return QStringLiteral("empty path");
                config->dbPath = text;
                return QString();
            } },
        { QStringLiteral("metrics/listen"),
            [&](const QString& text) {
                config->metricsEndpoint = text;
                return QString();
            } },
        { QStringLiteral("metrics/allow_remote"),
            [&](const QString& text) {
                return readBool(text, &config->metricsAllowRemote) ? QString()
                                                                   : QStringLiteral("expected true or false");
            } },
    };

    // sla/p1_acknowledge_seconds .. sla/p4_on_scene_seconds
    const std::pair<const char*, std::array<qint64, 4>*> milestones[] = {
        { "acknowledge", &config->sla.acknowledgeMs },
        { "dispatch", &config->sla.dispatchMs },
        { "on_scene", &config->sla.onSceneMs },
    };
    for (const auto& [milestone, targets] : milestones) {
        for (std::size_t p = 0; p < 4; ++p) {
            qint64* target = &(*targets)[p];
            readers.emplace(QStringLiteral("sla/p%1_%2_seconds").arg(p + 1).arg(QLatin1String(milestone)),
                number(1, 7 * 86400, [target](double v) { *target = static_cast<qint64>(v * 1000); }));
        }
    }

    const int errorsBefore = static_cast<int>(errors->size());
    for (const QString& key : file.allKeys()) {
        const auto reader = readers.find(key);
        if (reader == readers.end()) {
            warnings->append(QStringLiteral("%1: unknown key '%2' ignored").arg(path, key));
            continue;
        }
        const QVariant value = file.value(key);
        const QString text
            = value.typeId() == QMetaType::QStringList ? value.toStringList().join(u',') : value.toString();
        const QString problem = reader->second(text);
        if (!problem.isEmpty())
            errors->append(QStringLiteral("%1: invalid value for '%2': %3").arg(path, key, problem));
    }
    for (std::size_t p = 0; p < 4; ++p) {
        const SlaPolicy& sla = config->sla;
        if (sla.acknowledgeMs[p] > sla.dispatchMs[p] || sla.dispatchMs[p] > sla.onSceneMs[p])
            errors->append(QStringLiteral("%1: sla: P%2 must acknowledge no later than dispatch, and dispatch no later "
                                          "than on scene")
                               .arg(path)
                               .arg(p + 1));
    }
    if (!mqtt.certFile.isEmpty() && mqtt.keyFile.isEmpty())
        errors->append(QStringLiteral("%1: mqtt/cert_file needs mqtt/key_file").arg(path));
    return errors->size() == errorsBefore;
}

} // namespace citybrain
