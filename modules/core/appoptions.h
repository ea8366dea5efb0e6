#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

namespace citybrain {

struct AppOptions
{
    enum class Role { Wall, Dispatcher, Leader };
    // Empty or 0 below means "not given": the config file or the default decides.
    QString configPath;
    QStringList brokers; // none anywhere: start the embedded broker and simulator
    int mqttVersion = 0; // 4 (3.1.1) or 5
    QString metricsEndpoint;
    Role role = Role::Wall;
    QString dbPath; // empty: the default under the user's data dir
    QString basemapPath; // MBTiles basemap; empty: map/basemap from the config, or none
    QString layoutPath; // wall layout file; empty: wall/layout from the config, or the shipped one
    QString wallNode; // "COL,ROW" as given (checked against the grid when the config is resolved)
    QString wallGrid; // "COLSxROWS" as given
    QString snapshotPath;
    double snapshotAfterSeconds = 8.0;
    int snapshotEverySeconds = 60; // without a display: a PNG of the wall this often; 0 = never
    QSize size { 3840, 2160 };
    QString language = QStringLiteral("zh_CN");
    QString topicPrefix;
    QString clientId;
    int simRate = 200; // messages per second the embedded simulator publishes
    quint32 simSeed = 1;
    bool selfTest = false;
    bool checkLayout = false; // show every page of the layout, check it, exit (0: no problem)
    // --export incidents|telemetry --from T --to T: JSON lines to stdout, then exit.
    QString exportWhat;
    qint64 exportFromMs = 0;
    qint64 exportToMs = 0;
};

struct ParsedOptions
{
    enum class Outcome { Run, Help, Version, Error };
    Outcome outcome = Outcome::Run;
    AppOptions options;
    QString message; // the help text, or a one-line error naming the option
};

// Parses the command line (arguments including the program name). Never exits the process.
[[nodiscard]] ParsedOptions parseAppOptions(const QStringList& arguments);

[[nodiscard]] QString roleName(AppOptions::Role role);

} // namespace citybrain
