#include "citytypes.h"

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
    static const std::pair<const char*, Severity> names[] = {
        { "critical", Severity::Critical },
        { "major", Severity::Major },
        { "moderate", Severity::Moderate },
        { "minor", Severity::Minor },
    };
    for (const auto& [text, severity] : names) {
        if (name == QLatin1String(text)) {
            *out = severity;
            return true;
        }
    }
    return false;
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
    for (const auto& [text, value] : actionNames) {
        if (value == kind)
            return QLatin1String(text);
    }
    return {};
}

bool actionKindFromName(QStringView name, ActionKind* out)
{
    for (const auto& [text, value] : actionNames) {
        if (name == QLatin1String(text)) {
            *out = value;
            return true;
        }
    }
    return false;
}

QString unitTypeName(UnitType type)
{
    for (const auto& [text, value] : unitNames) {
        if (value == type)
            return QLatin1String(text);
    }
    return {};
}

bool unitTypeFromName(QStringView name, UnitType* out)
{
    for (const auto& [text, value] : unitNames) {
        if (name == QLatin1String(text)) {
            *out = value;
            return true;
        }
    }
    return false;
}

} // namespace citybrain
