#pragma once

#include "citytypes.h"
#include "incidentlifecycle.h"

#include <vector>

namespace citybrain {

// One unit sent to an incident.
struct UnitAssignment
{
    UnitType type = UnitType::Police;
    QString unitId; // call sign
    QString status; // dispatched, on_scene, released
    qint64 dispatchedMs = 0;
    qint64 onSceneMs = 0;
    QString dispatchedBy;
};

// An action as it shows on the incident's timeline: applied, or lost to an earlier one.
struct TimelineEntry
{
    IncidentAction action;
    bool applied = true;
    IncidentState stateAfter = IncidentState::New;
    // When not applied: the applied action it lost to (the last one that set the state it met).
    QString wonByActor;
    QString wonByConsole;
    QString wonByActionId;
    ActionKind wonByKind = ActionKind::Note;
};

// Everything a console knows about an incident: what its source said, and where the dispatch lifecycle
// stands. A pure function of the latest source event and the set of actions (IncidentBook).
struct IncidentCase
{
    IncidentEvent latest; // the source's newest event
    qint64 reportedMs = 0; // the first event's time: SLA clocks start here
    IncidentState state = IncidentState::New;
    qint64 version = 0; // number of applied actions; an action names the version its actor saw
    int derivedPriority = 4;
    int priority = 4; // derived, or the last override
    bool priorityOverridden = false;
    QString priorityReason;
    QString kind; // the source's kind, or the last classification
    qint64 acknowledgedMs = 0; // 0: not yet
    QString acknowledgedBy;
    qint64 dispatchedMs = 0;
    qint64 onSceneMs = 0;
    qint64 resolvedMs = 0;
    qint64 closedMs = 0; // closed, cancelled or merged
    QString mergedInto;
    bool escalated = false; // a leader escalated it at some point
    std::vector<UnitAssignment> units;
    std::vector<QString> attachments; // URIs
    std::vector<TimelineEntry> timeline; // in the total order the state was computed in
    qint64 notes = 0;

    [[nodiscard]] bool isOpen() const
    {
        return !isTerminal(state) && state != IncidentState::Resolved && latest.status != QLatin1String("closed");
    }
};

} // namespace citybrain
