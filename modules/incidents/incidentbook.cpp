#include "incidentbook.h"

#include "incidentpriority.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace citybrain {

namespace {
bool changesState(ActionKind kind)
{
    return kind != ActionKind::Note && kind != ActionKind::Attach && kind != ActionKind::Classify
        && kind != ActionKind::Reprioritise;
}

// What the lifecycle table cannot say: an action that lacks what it needs has no effect.
bool wellFormed(const IncidentAction& action)
{
    switch (action.kind) {
    case ActionKind::Dispatch:
        return !action.unitId.isEmpty();
    case ActionKind::Reprioritise:
        return action.priority >= 1 && action.priority <= 4;
    case ActionKind::Merge:
        return !action.mergeInto.isEmpty() && action.mergeInto != action.incidentId;
    case ActionKind::Classify:
        return !action.incidentKind.isEmpty();
    case ActionKind::Attach:
        return !action.uri.isEmpty();
    default:
        return true;
    }
}

UnitAssignment* unitNamed(IncidentCase& incident, const QString& unitId)
{
    for (UnitAssignment& unit : incident.units) {
        if (unit.unitId == unitId)
            return &unit;
    }
    return nullptr;
}

void releaseUnits(IncidentCase& incident)
{
    for (UnitAssignment& unit : incident.units)
        unit.status = QStringLiteral("released");
}

void applyEffect(IncidentCase& incident, const IncidentAction& action, const IncidentEvent& latest)
{
    switch (action.kind) {
    case ActionKind::Acknowledge:
        incident.acknowledgedMs = action.tsMs;
        incident.acknowledgedBy = action.actor;
        break;
    case ActionKind::Dispatch: {
        if (incident.acknowledgedMs == 0) { // sending a unit acknowledges the incident too
            incident.acknowledgedMs = action.tsMs;
            incident.acknowledgedBy = action.actor;
        }
        if (incident.dispatchedMs == 0)
            incident.dispatchedMs = action.tsMs;
        UnitAssignment* unit = unitNamed(incident, action.unitId);
        if (!unit) {
            incident.units.push_back({ action.unitType, action.unitId, {}, 0, 0, {} });
            unit = &incident.units.back();
        }
        unit->type = action.unitType;
        unit->status = QStringLiteral("dispatched");
        unit->dispatchedMs = action.tsMs;
        unit->dispatchedBy = action.actor;
        break;
    }
    case ActionKind::OnScene:
        if (incident.onSceneMs == 0)
            incident.onSceneMs = action.tsMs;
        if (!action.unitId.isEmpty()) {
            UnitAssignment* unit = unitNamed(incident, action.unitId);
            if (!unit) {
                incident.units.push_back({ action.unitType, action.unitId, {}, action.tsMs, 0, action.actor });
                unit = &incident.units.back();
            }
            unit->status = QStringLiteral("on_scene");
            unit->onSceneMs = action.tsMs;
        }
        break;
    case ActionKind::Resolve:
        incident.resolvedMs = action.tsMs;
        releaseUnits(incident);
        break;
    case ActionKind::Close:
        incident.closedMs = action.tsMs;
        break;
    case ActionKind::Cancel:
        incident.closedMs = action.tsMs;
        releaseUnits(incident);
        break;
    case ActionKind::Merge:
        incident.closedMs = action.tsMs;
        incident.mergedInto = action.mergeInto;
        releaseUnits(incident);
        break;
    case ActionKind::Escalate:
        incident.escalated = true;
        break;
    case ActionKind::Reprioritise:
        incident.priority = action.priority;
        incident.priorityOverridden = true;
        incident.priorityReason = action.note;
        break;
    case ActionKind::Classify: {
        incident.kind = action.incidentKind;
        IncidentEvent reclassified = latest;
        reclassified.kind = action.incidentKind;
        incident.derivedPriority = derivePriority(reclassified);
        if (!incident.priorityOverridden)
            incident.priority = incident.derivedPriority;
        break;
    }
    case ActionKind::Note:
        ++incident.notes;
        break;
    case ActionKind::Attach:
        incident.attachments.push_back(action.uri);
        break;
    }
}

constexpr double earthRadiusM = 6371008.8;

double metresBetween(double lon1, double lat1, double lon2, double lat2)
{
    constexpr double rad = M_PI / 180.0;
    const double dLat = (lat2 - lat1) * rad;
    const double dLon = (lon2 - lon1) * rad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * earthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}
} // namespace

std::optional<IncidentState> nextStateOf(const IncidentCase& incident, ActionKind action)
{
    // Escalated hides where the work stood: an incident escalated after it was acknowledged takes no
    // second acknowledge (it would go back to "acknowledged" with units on the way or on scene).
    if (action == ActionKind::Acknowledge && incident.acknowledgedMs != 0)
        return std::nullopt;
    return nextState(incident.state, action);
}

bool IncidentBook::ordered(const IncidentAction& a, const IncidentAction& b)
{
    if (a.baseVersion != b.baseVersion)
        return a.baseVersion < b.baseVersion;
    if (a.tsMs != b.tsMs)
        return a.tsMs < b.tsMs;
    return a.actionId < b.actionId;
}

IncidentCase IncidentBook::fold(const IncidentEvent& latest, qint64 reportedMs, std::vector<IncidentAction> actions)
{
    std::sort(actions.begin(), actions.end(), ordered);
    IncidentCase incident;
    incident.latest = latest;
    incident.reportedMs = reportedMs;
    incident.kind = latest.kind;
    incident.derivedPriority = derivePriority(latest);
    incident.priority = incident.derivedPriority;

    QSet<QString> seen;
    const IncidentAction* winner = nullptr; // the last applied action that set the state
    for (const IncidentAction& action : actions) {
        if (seen.contains(action.actionId))
            continue; // the same action delivered twice counts once
        seen.insert(action.actionId);
        ConsoleRole role = ConsoleRole::Wall;
        if (!consoleRoleFromName(action.role, &role) || !roleMay(role, action.kind))
            continue; // refused at the edge already; never part of any console's state

        TimelineEntry entry;
        entry.action = action;
        const std::optional<IncidentState> next = nextStateOf(incident, action.kind);
        if (next && wellFormed(action)) {
            incident.state = *next;
            ++incident.version;
            applyEffect(incident, action, latest);
            if (changesState(action.kind))
                winner = &action;
        } else {
            entry.applied = false;
            if (winner) {
                entry.wonByActor = winner->actor;
                entry.wonByConsole = winner->console;
                entry.wonByActionId = winner->actionId;
                entry.wonByKind = winner->kind;
            }
        }
        entry.stateAfter = incident.state;
        incident.timeline.push_back(std::move(entry));
    }
    return incident;
}

void IncidentBook::refold(Entry& entry)
{
    IncidentEvent latest;
    if (entry.latest)
        latest = *entry.latest;
    entry.folded = fold(latest, entry.reportedMs, entry.actions);
}

bool IncidentBook::supersedes(const IncidentEvent& event, const IncidentEvent& latest)
{
    return std::tie(event.tsMs, event.source, event.seq) >= std::tie(latest.tsMs, latest.source, latest.seq);
}

void IncidentBook::applyEvent(const IncidentEvent& event)
{
    Entry& entry = m_entries[event.id];
    if (!entry.latest) {
        entry.latest = event;
        entry.reportedMs = event.tsMs;
    } else {
        entry.reportedMs = std::min(entry.reportedMs, event.tsMs);
        if (supersedes(event, *entry.latest))
            entry.latest = event;
    }
    refold(entry);
}

IncidentBook::Outcome IncidentBook::applyAction(const IncidentAction& action)
{
    Entry& entry = m_entries[action.incidentId];
    Outcome outcome;
    outcome.known = entry.latest.has_value();
    outcome.before = entry.folded.state;
    const auto same = [&](const IncidentAction& other) { return other.actionId == action.actionId; };
    if (std::any_of(entry.actions.begin(), entry.actions.end(), same)) {
        outcome.duplicate = true;
        outcome.after = outcome.before;
        return outcome;
    }
    entry.actions.insert(std::upper_bound(entry.actions.begin(), entry.actions.end(), action, ordered), action);
    refold(entry);
    outcome.after = entry.folded.state;
    for (const TimelineEntry& line : entry.folded.timeline) {
        if (line.action.actionId == action.actionId)
            outcome.applied = line.applied;
    }
    return outcome;
}

void IncidentBook::remove(const QString& incidentId)
{
    m_entries.remove(incidentId);
}

void IncidentBook::clear()
{
    m_entries.clear();
}

const IncidentCase* IncidentBook::find(const QString& incidentId) const
{
    const auto it = m_entries.constFind(incidentId);
    if (it == m_entries.constEnd() || !it->latest)
        return nullptr;
    return &it->folded;
}

QList<QString> IncidentBook::ids() const
{
    QList<QString> known;
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
        if (it->latest)
            known.append(it.key());
    }
    return known;
}

QString IncidentBook::duplicateOf(const QString& incidentId, double maxMeters, qint64 windowMs) const
{
    const IncidentCase* self = find(incidentId);
    if (!self || !self->isOpen())
        return {};
    QString best;
    qint64 bestReported = 0;
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
        if (!it->latest || it.key() == incidentId)
            continue;
        const IncidentCase& other = it->folded;
        const bool older
            = other.reportedMs < self->reportedMs || (other.reportedMs == self->reportedMs && it.key() < incidentId);
        if (!older || !other.isOpen() || other.kind != self->kind || self->reportedMs - other.reportedMs > windowMs)
            continue;
        const IncidentEvent& a = self->latest;
        const IncidentEvent& b = other.latest;
        if (metresBetween(a.lon, a.lat, b.lon, b.lat) > maxMeters)
            continue;
        if (best.isEmpty() || other.reportedMs < bestReported) {
            best = it.key();
            bestReported = other.reportedMs;
        }
    }
    return best;
}

} // namespace citybrain
