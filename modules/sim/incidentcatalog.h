#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace citybrain::sim {

// What the incident generator knows about the city: kinds of incident with their reporting source,
// Chinese title templates, and real street and place names per district.
struct IncidentKind
{
    QString kind; // contract kind, e.g. traffic_accident
    QString source; // reporting system, e.g. 110-traffic
    double weight = 1; // share of all incidents
    bool canEscalate = true; // may be major or critical (a 12345 case never is)
    // Templates: {d} district name, {r} and {r2} roads, {p} a place, {n} a number.
    QStringList titles;
    QString firstReport; // description of the new report
    QString update; // description of an update
    QString closing; // description of the closing event
};

struct DistrictPlaces
{
    QString adcode;
    QStringList roads;
    QStringList places;
};

class IncidentCatalog
{
public:
    [[nodiscard]] static const std::vector<IncidentKind>& kinds();
    // Roads and places of a district; a generic entry for an unknown adcode.
    [[nodiscard]] static const DistrictPlaces& places(const QString& adcode);
};

} // namespace citybrain::sim
