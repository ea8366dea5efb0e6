#include "citytypes.h"

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

} // namespace citybrain
