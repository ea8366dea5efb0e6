#include "incidentlifecycle.h"

#include "enumnames.h"

#include <iterator>

namespace citybrain {

namespace {
constexpr std::pair<const char*, IncidentState> stateNames[] = {
    { "new", IncidentState::New },
    { "acknowledged", IncidentState::Acknowledged },
    { "dispatched", IncidentState::Dispatched },
    { "on_scene", IncidentState::OnScene },
    { "resolved", IncidentState::Resolved },
    { "closed", IncidentState::Closed },
    { "escalated", IncidentState::Escalated },
    { "merged", IncidentState::Merged },
    { "cancelled", IncidentState::Cancelled },
};
static_assert(std::size(stateNames) == incidentStateCount);

using S = IncidentState;
using A = ActionKind;

// The allowed transitions: from, action, to. Anything not listed is refused.
// Dispatching straight from `new` is allowed: under pressure a dispatcher sends a unit first; the
// dispatch acknowledges the incident too. Escalated is the leaders' attention: work goes on from it.
struct Transition
{
    S from;
    A action;
    S to;
};
constexpr Transition transitions[] = {
    { S::New, A::Acknowledge, S::Acknowledged },
    { S::Escalated, A::Acknowledge, S::Acknowledged },

    { S::New, A::Dispatch, S::Dispatched },
    { S::Acknowledged, A::Dispatch, S::Dispatched },
    { S::Escalated, A::Dispatch, S::Dispatched },
    { S::Dispatched, A::Dispatch, S::Dispatched }, // another unit
    { S::OnScene, A::Dispatch, S::OnScene }, // reinforcement: the scene is still manned

    { S::Dispatched, A::OnScene, S::OnScene },
    { S::OnScene, A::OnScene, S::OnScene }, // another unit arrived
    { S::Escalated, A::OnScene, S::OnScene }, // a unit sent before the escalation arrives

    { S::Acknowledged, A::Resolve, S::Resolved },
    { S::Dispatched, A::Resolve, S::Resolved },
    { S::OnScene, A::Resolve, S::Resolved },
    { S::Escalated, A::Resolve, S::Resolved },

    { S::Resolved, A::Close, S::Closed },

    { S::New, A::Escalate, S::Escalated },
    { S::Acknowledged, A::Escalate, S::Escalated },
    { S::Dispatched, A::Escalate, S::Escalated },
    { S::OnScene, A::Escalate, S::Escalated },

    { S::New, A::Merge, S::Merged },
    { S::Acknowledged, A::Merge, S::Merged },
    { S::Escalated, A::Merge, S::Merged },

    { S::New, A::Cancel, S::Cancelled },
    { S::Acknowledged, A::Cancel, S::Cancelled },
    { S::Dispatched, A::Cancel, S::Cancelled },
    { S::OnScene, A::Cancel, S::Cancelled },
    { S::Escalated, A::Cancel, S::Cancelled },
};

bool changesNoState(ActionKind action)
{
    return action == A::Note || action == A::Attach || action == A::Classify || action == A::Reprioritise;
}
} // namespace

QString incidentStateName(IncidentState state)
{
    return nameIn(stateNames, state);
}

bool incidentStateFromName(QStringView name, IncidentState* out)
{
    return valueIn(stateNames, name, out);
}

bool isTerminal(IncidentState state)
{
    return state == S::Closed || state == S::Merged || state == S::Cancelled;
}

std::optional<IncidentState> nextState(IncidentState state, ActionKind action)
{
    if (changesNoState(action)) {
        // After the end only the record grows: notes and attachments for the after-action review.
        if (isTerminal(state) && (action == A::Classify || action == A::Reprioritise))
            return std::nullopt;
        return state;
    }
    for (const Transition& transition : transitions) {
        if (transition.from == state && transition.action == action)
            return transition.to;
    }
    return std::nullopt;
}

bool consoleRoleFromName(QStringView name, ConsoleRole* out)
{
    static constexpr std::pair<const char*, ConsoleRole> roles[] = {
        { "wall", ConsoleRole::Wall },
        { "dispatcher", ConsoleRole::Dispatcher },
        { "leader", ConsoleRole::Leader },
    };
    return valueIn(roles, name, out);
}

bool roleMay(ConsoleRole role, ActionKind action)
{
    switch (role) {
    case ConsoleRole::Wall:
        return false;
    case ConsoleRole::Dispatcher:
        return action != A::Escalate && action != A::Close && action != A::Cancel;
    case ConsoleRole::Leader:
        return true;
    }
    return false;
}

} // namespace citybrain
