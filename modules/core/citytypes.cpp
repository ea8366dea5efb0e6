#include "citytypes.h"

#include "enumnames.h"

#include <iterator>

namespace citybrain {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::Major:
        return QStringLiteral("major");
    case Severity::Moderate:
        return QStringLiteral("moderate");
    case Severity::Minor:
        break;
    }
    return QStringLiteral("minor");
}

bool severityFromName(const QString& name, Severity* out)
{
    static constexpr std::pair<const char*, Severity> names[] = {
        { "critical", Severity::Critical },
        { "major", Severity::Major },
        { "moderate", Severity::Moderate },
        { "minor", Severity::Minor },
    };
    return valueIn(names, name, out);
}

namespace {
constexpr std::pair<const char*, ActionKind> actionNames[] = {
    { "acknowledge", ActionKind::Acknowledge },
    { "classify", ActionKind::Classify },
    { "reprioritise", ActionKind::Reprioritise },
    { "dispatch", ActionKind::Dispatch },
    { "on_scene", ActionKind::OnScene },
    { "note", ActionKind::Note },
    { "attach", ActionKind::Attach },
    { "merge", ActionKind::Merge },
    { "resolve", ActionKind::Resolve },
    { "escalate", ActionKind::Escalate },
    { "close", ActionKind::Close },
    { "cancel", ActionKind::Cancel },
};
static_assert(std::size(actionNames) == actionKindCount);

constexpr std::pair<const char*, UnitType> unitNames[] = {
    { "police", UnitType::Police },
    { "fire", UnitType::Fire },
    { "medical", UnitType::Medical },
    { "city_management", UnitType::CityManagement },
    { "utility", UnitType::Utility },
};
} // namespace

QString actionKindName(ActionKind kind)
{
    return nameIn(actionNames, kind);
}

bool actionKindFromName(QStringView name, ActionKind* out)
{
    return valueIn(actionNames, name, out);
}

QString unitTypeName(UnitType type)
{
    return nameIn(unitNames, type);
}

bool unitTypeFromName(QStringView name, UnitType* out)
{
    return valueIn(unitNames, name, out);
}

} // namespace citybrain
