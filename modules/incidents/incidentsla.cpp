#include "incidentsla.h"

#include <algorithm>

namespace citybrain {

SlaClock slaClock(const IncidentCase& incident, const SlaPolicy& policy, qint64 nowMs)
{
    const auto index = static_cast<std::size_t>(std::clamp(incident.priority, 1, 4) - 1);
    struct Milestone
    {
        SlaPhase phase;
        qint64 budgetMs;
        qint64 metMs;
    };
    const Milestone milestones[] = {
        { SlaPhase::Acknowledge, policy.acknowledgeMs[index], incident.acknowledgedMs },
        { SlaPhase::Dispatch, policy.dispatchMs[index], incident.dispatchedMs },
        { SlaPhase::OnScene, policy.onSceneMs[index], incident.onSceneMs },
    };
    // Once resolved or ended (by a console or by its source), the clocks stop: what was met late still
    // counts as a breach.
    const bool running = incident.isOpen();
    SlaClock clock;
    for (const Milestone& milestone : milestones) {
        const qint64 deadline = incident.reportedMs + milestone.budgetMs;
        if (milestone.metMs > 0) {
            if (milestone.metMs > deadline)
                ++clock.breaches;
            continue;
        }
        if (!running)
            break;
        clock.phase = milestone.phase;
        clock.deadlineMs = deadline;
        clock.budgetMs = milestone.budgetMs;
        clock.breached = nowMs > deadline;
        if (clock.breached)
            ++clock.breaches;
        break;
    }
    return clock;
}

QString slaPhaseName(SlaPhase phase)
{
    switch (phase) {
    case SlaPhase::Acknowledge:
        return QStringLiteral("acknowledge");
    case SlaPhase::Dispatch:
        return QStringLiteral("dispatch");
    case SlaPhase::OnScene:
        return QStringLiteral("on_scene");
    case SlaPhase::None:
        break;
    }
    return {};
}

} // namespace citybrain
