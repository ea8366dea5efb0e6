#include "incidentpriority.h"

#include <algorithm>

namespace citybrain {

int derivePriority(const IncidentEvent& event)
{
    int priority = 4 - static_cast<int>(event.severity); // Critical 3 -> P1, Minor 0 -> P4
    if (event.kind == QLatin1String("fire") || event.kind == QLatin1String("gas_leak"))
        --priority;
    if (event.cap) {
        const CapAlert& cap = *event.cap;
        const bool immediate = cap.urgency == QLatin1String("Immediate");
        const bool sure = cap.certainty == QLatin1String("Observed");
        const bool doubtful = cap.certainty == QLatin1String("Possible") || cap.certainty == QLatin1String("Unlikely");
        const bool notNow = cap.urgency == QLatin1String("Future") || cap.urgency == QLatin1String("Past");
        if (immediate && sure)
            --priority;
        else if (doubtful || notNow)
            ++priority;
    }
    return std::clamp(priority, 1, 4);
}

} // namespace citybrain
