#pragma once

#include "slapolicy.h"

#include <QString>
#include <QStringList>

namespace citybrain {

// The settings a deployment keeps in its config file (--config PATH, INI). Every key is documented
// in docs/operations.md; command-line options override the file, the environment overrides the
// password.
struct MqttConfig
{
    QStringList brokers;
    QString clientId;
    int version = 4; // 4 = MQTT 3.1.1, 5 = MQTT 5
    int sessionExpirySeconds = 7 * 24 * 3600; // MQTT 5: how long the broker keeps our session
    QString username;
    QString password; // file or CITYBRAIN_MQTT_PASSWORD only; never argv, never logged
    QString caFile;
    QString certFile;
    QString keyFile;
    bool verifyHostname = true;
};

struct StaleThresholds
{
    double telemetrySeconds = 10;
    double indicatorSeconds = 30;
};

// The maps (docs/operations.md, "Maps"): an offline basemap and a deployment's own licensed layers.
struct MapConfig
{
    QString basemap; // MBTiles file; empty: the vector layers alone
    QString basemapDatum = QStringLiteral("wgs84"); // the datum its tiles are drawn in: wgs84 or gcj02
    QString districtsFile; // GeoJSON replacing the shipped demo district layer
    QString districtsDatum = QStringLiteral("wgs84");
    QString camerasFile; // GeoJSON camera points (otherwise they come over MQTT on <prefix>/gis/cameras)
    QString camerasDatum = QStringLiteral("wgs84");
    double heatWindowHours = 24; // the incident density layer counts incidents first reported this recently
};

// The wall (docs/layouts.md, docs/operations.md "Wall"): its layout, its screens and its place in a wall
// driven by several PCs.
struct WallConfig
{
    QString layoutFile; // empty: the shipped layout
    double bezelPx = 0; // pixels hidden behind each bezel between two screens
    int gridColumns = 1; // PCs driving the wall, across and down
    int gridRows = 1;
    int nodeColumn = 0; // this PC's tile, 0-based
    int nodeRow = 0;
    QString checklistsFile; // response checklists per incident kind; empty: the shipped ones
    bool hideCursor = true; // the wall role shows no mouse cursor
};

// A wall's self-check (docs/operations.md, "Running a wall 24/7"): crossing a ceiling at two consecutive
// checks makes the app exit with status 75 for systemd to restart it. 0 = off.
struct ServiceConfig
{
    qint64 maxRssMb = 0; // resident memory, MiB
    qint64 maxQueueHighWater = 0; // messages ever waiting for the ingest worker
};

struct AppConfig
{
    MqttConfig mqtt;
    StaleThresholds stale;
    SlaPolicy sla;
    QString actor; // who acts from this console, as every timeline shows it; empty: the client id
    QString wallId = QStringLiteral("main"); // the wall a leader's focus goes to
    MapConfig map;
    WallConfig wall;
    ServiceConfig service;
    QString rulesFile; // monitoring rules (docs/rules.md); empty: the shipped defaults
    bool anomalies = true; // the learned baseline of every sensor (docs/anomaly.md)
    QString topicPrefix = QStringLiteral("xy/v1");
    QString dbPath;
    QString metricsEndpoint; // HOST:PORT, empty = off
    bool metricsAllowRemote = false;
    qsizetype maxPayloadBytes = 256 * 1024;
    // KPI tiles in this order first; others follow as they arrive.
    QStringList kpiOrder = { QStringLiteral("air.aqi"), QStringLiteral("air.pm25"),
        QStringLiteral("traffic.free_flow_rate"), QStringLiteral("traffic.congestion"), QStringLiteral("traffic.speed"),
        QStringLiteral("energy.load"), QStringLiteral("noise.laeq"), QStringLiteral("water.level_max"),
        QStringLiteral("hotline.cases_today"), QStringLiteral("incidents.open") };
};

struct AppOptions;

[[nodiscard]] bool isBrokerUri(const QString& text);
// "COL,ROW" (0..15 each) and "COLSxROWS" (1..16 each); the outputs may be null.
[[nodiscard]] bool parseWallNode(const QString& text, int* column, int* row);
[[nodiscard]] bool parseWallGrid(const QString& text, int* columns, int* rows);
[[nodiscard]] bool isTopicPrefix(const QString& text);

// Reads an INI file over `config`. Unknown keys are warnings; invalid values are errors that name
// the key. Returns false if there was any error.
bool loadAppConfig(const QString& path, AppConfig* config, QStringList* errors, QStringList* warnings);

// Defaults, then the config file named by the options, then the options themselves, then the
// environment (CITYBRAIN_MQTT_PASSWORD). Returns false if there was any error.
bool resolveAppConfig(const AppOptions& options, AppConfig* config, QStringList* errors, QStringList* warnings);

} // namespace citybrain
