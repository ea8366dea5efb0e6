#pragma once

#include "incidentcase.h"

#include <QHash>

#include <optional>

namespace citybrain {

// Where `action` takes this incident: the lifecycle table (nextState), plus what the table cannot see
// (an acknowledged incident that was escalated takes no second acknowledge). Nothing: not allowed now.
[[nodiscard]] std::optional<IncidentState> nextStateOf(const IncidentCase& incident, ActionKind action);

// The incidents a console knows, each folded from its latest source event and the set of actions on it.
//
// Convergence with no server: an incident's state is a deterministic function of the set of its actions,
// taken in one total order, (base version, timestamp, action id), whatever order they arrived in. So
// every console that has received the same actions shows the same state, after a reconnect or a restart
// too. An action the lifecycle does not allow where it falls in that order (a second acknowledge, a
// dispatch after a cancel) is kept on the timeline as lost, naming the action that won.
class IncidentBook
{
public:
    struct Outcome
    {
        bool duplicate = false; // this action id was already in the book: nothing changed
        bool known = false; // the incident's source event is known (else the action waits for it)
        IncidentState before = IncidentState::New;
        IncidentState after = IncidentState::New;
        bool applied = false; // it took effect where it falls in the order (it may be lost)
    };

    // A source event. Older than the latest known one: only its time may move `reportedMs` earlier.
    void applyEvent(const IncidentEvent& event);
    // An action; a repeated action id changes nothing. Actions may come before their incident's event.
    Outcome applyAction(const IncidentAction& action);
    // Forgets an incident and its actions (the bound, or a time-machine reset).
    void remove(const QString& incidentId);
    void clear();

    // Null when no source event of that incident is known.
    [[nodiscard]] const IncidentCase* find(const QString& incidentId) const;
    [[nodiscard]] QList<QString> ids() const;
    [[nodiscard]] int size() const { return static_cast<int>(m_entries.size()); }

    // An older open incident of the same kind within `maxMeters` and `windowMs` of this one: a likely
    // duplicate to merge into. Empty when there is none.
    [[nodiscard]] QString duplicateOf(
        const QString& incidentId, double maxMeters = 500, qint64 windowMs = 30 * 60 * 1000) const;

    // The fold itself, public for tests: `actions` in any order, duplicates allowed.
    [[nodiscard]] static IncidentCase fold(
        const IncidentEvent& latest, qint64 reportedMs, std::vector<IncidentAction> actions);
    // The total order the fold uses.
    [[nodiscard]] static bool ordered(const IncidentAction& a, const IncidentAction& b);
    // Whether `event` replaces `latest` as an incident's newest source event: later `ts`; on a tie the
    // greater (source, seq), so that consoles receiving two sources' events in different orders agree.
    // The store's upsert (HistoryStore) decides the same way.
    [[nodiscard]] static bool supersedes(const IncidentEvent& event, const IncidentEvent& latest);

private:
    struct Entry
    {
        std::optional<IncidentEvent> latest;
        qint64 reportedMs = 0;
        std::vector<IncidentAction> actions; // kept in the total order
        IncidentCase folded;
    };
    void refold(Entry& entry);

    QHash<QString, Entry> m_entries;
};

} // namespace citybrain
