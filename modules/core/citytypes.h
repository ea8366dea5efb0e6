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

// What a dispatcher or leader may do to an incident (docs/topics.md, "Console action").
enum class ActionKind {
    Acknowledge, // new -> acknowledged
    Classify, // corrects the incident's kind
    Reprioritise, // overrides the derived priority, with a reason (note)
    Dispatch, // assigns a unit; the incident becomes dispatched
    OnScene, // a unit arrived
    Note,
    Attach, // a reference (URI) to a photo, a report, a recording
    Merge, // a duplicate of another incident (mergeInto)
    Resolve,
    Escalate, // leader
    Close, // leader
    Cancel, // leader
};
inline constexpr int actionKindCount = 12;

// The rescue services a dispatcher sends.
enum class UnitType { Police, Fire, Medical, CityManagement, Utility };

// A console's action on an incident, as published on xy/v1/incident/<id>/action and journalled.
struct IncidentAction
{
    QString incidentId;
    QString actionId; // unique: <console>-<seq>
    QString actor;
    QString role; // dispatcher, leader
    QString console;
    ActionKind kind = ActionKind::Note;
    qint64 baseVersion = 0; // the incident version the actor saw
    qint64 tsMs = 0;
    qint64 seq = 0;
    QString note; // free text; the reason of a reprioritise
    UnitType unitType = UnitType::Police; // dispatch, on_scene
    QString unitId; // dispatch, on_scene: the unit's call sign
    int priority = 0; // reprioritise: 1 (P1) .. 4 (P4)
    QString incidentKind; // classify
    QString mergeInto; // merge: the incident that stays
    QString uri; // attach
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

// A leader steering a wall (retained on xy/v1/wall/<wall-id>/control): which page it shows and which
// incident it keeps in focus.
struct WallControl
{
    QString wallId;
    QString page;
    // The page stays on; otherwise the playlist continues from `page`, which starts at tsMs.
    bool pinned = false;
    QString focusIncident; // empty: no focus
    QString console; // who steered it
    qint64 tsMs = 0;
};

[[nodiscard]] QString severityName(Severity severity);
[[nodiscard]] bool severityFromName(const QString& name, Severity* out);
// Contract names: "acknowledge", "on_scene", ...; "city_management", ...
[[nodiscard]] QString actionKindName(ActionKind kind);
[[nodiscard]] bool actionKindFromName(QStringView name, ActionKind* out);
[[nodiscard]] QString unitTypeName(UnitType type);
[[nodiscard]] bool unitTypeFromName(QStringView name, UnitType* out);

} // namespace citybrain
