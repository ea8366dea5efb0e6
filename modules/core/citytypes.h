#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>
#include <vector>

// Domain values that travel from decoders to stores and models. Plain data, cheap to move
// between threads.
namespace citybrain {

struct TelemetrySample
{
    QString sensorId;
    QString domain; // air, traffic, water, noise, energy
    QString district; // adcode
    qint64 tsMs = 0;
    qint64 seq = 0;
    double lon = 0;
    double lat = 0;
    std::vector<std::pair<QString, double>> values;
};

struct IndicatorUpdate
{
    QString id;
    QString name;
    QString nameEn;
    QString unit;
    double value = 0;
    double target = 0;
    bool hasTarget = false;
    bool higherIsBetter = true;
    qint64 tsMs = 0;
    qint64 seq = 0;
};

// National emergency grading (GB/T 35561 style): 特别重大 / 重大 / 较大 / 一般.
enum class Severity { Minor = 0, Moderate = 1, Major = 2, Critical = 3 };

// What an OASIS CAP 1.2 alert said, kept with the incident it became.
struct CapAlert
{
    QString identifier;
    QString sender;
    QString sent; // as given, RFC 3339-like
    QString msgType; // Alert, Update, Cancel, Ack, Error
    QString scope;
    QString event;
    QString headline;
    QString language; // of the info block used (zh-CN preferred)
    QString severity; // Extreme, Severe, Moderate, Minor, Unknown
    QString urgency; // Immediate, Expected, Future, Past, Unknown
    QString certainty; // Observed, Likely, Possible, Unlikely, Unknown
    QString areaDesc;
    std::vector<std::vector<std::pair<double, double>>> polygons; // rings of (lon, lat), WGS-84
    std::vector<std::pair<std::pair<double, double>, double>> circles; // ((lon, lat), radius km)
    std::vector<std::pair<QString, QString>> geocodes; // (valueName, value)
};

struct IncidentEvent
{
    QString id;
    QString source;
    qint64 seq = 0;
    qint64 tsMs = 0;
    QString kind;
    Severity severity = Severity::Minor;
    QString status; // new, update, closed (the source's view)
    QString title;
    QString description;
    QString district;
    double lon = 0;
    double lat = 0;
    std::optional<CapAlert> cap; // set when the incident came from a CAP alert
};

struct PresenceStatus
{
    QString clientId;
    QString kind;
    bool online = false;
    qint64 tsMs = 0;
};

// A leader's note on the city's timeline ("storm cell over 渭城区, pumps dispatched"): shown on every
// chart at its moment, live and in playback.
struct Annotation
{
    QString id;
    qint64 atMs = 0; // the moment it is about
    QString text;
    QString author;
    QString console;
    qint64 tsMs = 0; // when it was written
    bool removed = false; // an empty retained payload took it back
};

[[nodiscard]] QString severityName(Severity severity);
[[nodiscard]] bool severityFromName(const QString& name, Severity* out);

} // namespace citybrain
