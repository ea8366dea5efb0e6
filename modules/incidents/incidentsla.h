#pragma once

#include "incidentcase.h"
#include "slapolicy.h"

namespace citybrain {

enum class SlaPhase { None, Acknowledge, Dispatch, OnScene };

// Where an incident stands against its targets at `nowMs`.
struct SlaClock
{
    SlaPhase phase = SlaPhase::None; // the milestone still to come; None when all are met or it ended
    qint64 deadlineMs = 0; // of that milestone
    qint64 budgetMs = 0; // its whole allowance, for the countdown ring
    bool breached = false; // the current milestone is overdue
    int breaches = 0; // milestones missed so far, met late or still overdue
};

[[nodiscard]] SlaClock slaClock(const IncidentCase& incident, const SlaPolicy& policy, qint64 nowMs);
[[nodiscard]] QString slaPhaseName(SlaPhase phase); // "", "acknowledge", "dispatch", "on_scene"

} // namespace citybrain
