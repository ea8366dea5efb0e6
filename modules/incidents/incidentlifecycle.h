#pragma once

#include "citytypes.h"

#include <optional>

// The dispatch lifecycle of an incident: its states, which action moves it where, and who may act.
// One table each, so the rules can be read (and tested) in one place.
namespace citybrain {

enum class IncidentState { New, Acknowledged, Dispatched, OnScene, Resolved, Closed, Escalated, Merged, Cancelled };
inline constexpr int incidentStateCount = 9;

// "new", "acknowledged", "dispatched", "on_scene", "resolved", "closed", "escalated", "merged", "cancelled"
[[nodiscard]] QString incidentStateName(IncidentState state);
[[nodiscard]] bool incidentStateFromName(QStringView name, IncidentState* out);
// Closed, merged and cancelled incidents take no more actions but notes and attachments.
[[nodiscard]] bool isTerminal(IncidentState state);

// The state `action` leads to from `state`, or nothing when the table does not allow it there.
// Actions that change no state (note, attach, classify, reprioritise) return `state` where allowed.
[[nodiscard]] std::optional<IncidentState> nextState(IncidentState state, ActionKind action);

enum class ConsoleRole { Wall, Dispatcher, Leader };
[[nodiscard]] bool consoleRoleFromName(QStringView name, ConsoleRole* out);
// The wall only shows; dispatchers triage and resolve; leaders also escalate, close and cancel.
[[nodiscard]] bool roleMay(ConsoleRole role, ActionKind action);

} // namespace citybrain
