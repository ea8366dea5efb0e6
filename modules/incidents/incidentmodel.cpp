#include "incidentmodel.h"

#include "districtlayer.h"

#include <QDateTime>

#include <algorithm>

namespace citybrain {

IncidentModel::IncidentModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_nowMs(QDateTime::currentMSecsSinceEpoch())
{ }

bool IncidentModel::before(const Row& a, const Row& b)
{
    if (a.open != b.open)
        return a.open;
    if (a.priority != b.priority)
        return a.priority < b.priority;
    if (a.reportedMs != b.reportedMs)
        return a.open ? a.reportedMs < b.reportedMs : a.reportedMs > b.reportedMs; // closed: newest first
    return a.id < b.id;
}

int IncidentModel::insertionRow(const Row& row) const
{
    return static_cast<int>(std::lower_bound(m_rows.begin(), m_rows.end(), row, before) - m_rows.begin());
}

void IncidentModel::reindex(int from)
{
    for (int i = from; i < static_cast<int>(m_rows.size()); ++i)
        m_rowOf.insert(m_rows[static_cast<std::size_t>(i)].id, i);
}

void IncidentModel::insertRow(Row row)
{
    const int at = insertionRow(row);
    beginInsertRows({}, at, at);
    m_rows.insert(m_rows.begin() + at, std::move(row));
    reindex(at);
    endInsertRows();
}

void IncidentModel::removeRowAt(int row)
{
    beginRemoveRows({}, row, row);
    m_rowOf.remove(m_rows[static_cast<std::size_t>(row)].id);
    m_rows.erase(m_rows.begin() + row);
    reindex(row);
    endRemoveRows();
}

void IncidentModel::refresh(const QString& incidentId, qint64 nowMs)
{
    const IncidentCase* incident = m_book.find(incidentId);
    const int existing = rowOf(incidentId);
    if (!incident) {
        if (existing >= 0)
            removeRowAt(existing);
        return;
    }
    Row updated { incidentId, incident->isOpen(), incident->priority, incident->reportedMs,
        slaClock(*incident, m_policy, nowMs), {} };
    if (existing < 0) {
        updated.duplicateOf = m_book.duplicateOf(incidentId);
        insertRow(std::move(updated));
        Q_EMIT incidentChanged(incidentId);
        return;
    }
    const auto at = static_cast<std::size_t>(existing);
    updated.duplicateOf = m_rows[at].duplicateOf; // refreshDuplicates() brings every row's up to date
    m_rows[at] = updated;
    // Keep the row where it is if its sort position does not change; otherwise move it.
    const bool inOrder = (existing == 0 || !before(updated, m_rows[at - 1]))
        && (existing + 1 == rowCount() || !before(m_rows[at + 1], updated));
    if (inOrder) {
        Q_EMIT dataChanged(index(existing), index(existing));
    } else {
        removeRowAt(existing);
        insertRow(std::move(updated));
    }
    Q_EMIT incidentChanged(incidentId);
}

void IncidentModel::trimToLimit()
{
    while (rowCount() > limit) {
        const QString id = m_rows.back().id;
        removeRowAt(rowCount() - 1);
        m_book.remove(id);
    }
}

void IncidentModel::refreshDuplicates()
{
    // A suggestion depends on the other incidents (one closing withdraws it), not on the time: after
    // the cases changed, not on every clock tick.
    for (int row = 0; row < rowCount(); ++row) {
        Row& current = m_rows[static_cast<std::size_t>(row)];
        const QString duplicate = current.open ? m_book.duplicateOf(current.id) : QString();
        if (duplicate == current.duplicateOf)
            continue;
        current.duplicateOf = duplicate;
        Q_EMIT dataChanged(index(row), index(row), { DuplicateOfRole });
        Q_EMIT incidentChanged(current.id);
    }
}

void IncidentModel::recount()
{
    int breaches = 0;
    int overdue = 0;
    for (const Row& row : m_rows) {
        if (!row.open)
            continue;
        breaches += row.sla.breaches;
        overdue += row.sla.breached ? 1 : 0;
    }
    if (breaches != m_breaches || overdue != m_overdue) {
        m_breaches = breaches;
        m_overdue = overdue;
        Q_EMIT slaChanged();
    }
}

void IncidentModel::apply(const std::vector<IncidentEvent>& events)
{
    if (events.empty())
        return;
    const int countBefore = rowCount();
    const int openBefore = openCount();
    for (const IncidentEvent& event : events) {
        m_book.applyEvent(event);
        refresh(event.id, m_nowMs);
    }
    trimToLimit();
    refreshDuplicates();
    recount();
    if (rowCount() != countBefore || openCount() != openBefore)
        Q_EMIT countChanged();
    Q_EMIT casesChanged();
}

void IncidentModel::applyActions(const std::vector<IncidentAction>& actions)
{
    if (actions.empty())
        return;
    const int openBefore = openCount();
    bool changed = false;
    for (const IncidentAction& action : actions) {
        const IncidentBook::Outcome outcome = m_book.applyAction(action);
        if (outcome.duplicate || !outcome.known)
            continue;
        refresh(action.incidentId, m_nowMs);
        changed = true;
        if (m_consoleId.isEmpty())
            continue;
        // The arriving action can newly lose; an earlier one of ours can too, when a late action (of any
        // console) sorts before it. Report every action of ours that is lost now and was not reported yet.
        const IncidentCase* incident = m_book.find(action.incidentId);
        for (const TimelineEntry& line : incident->timeline) {
            if (line.applied || line.action.console != m_consoleId || m_reportedLost.contains(line.action.actionId))
                continue;
            m_reportedLost.insert(line.action.actionId);
            Q_EMIT actionLost(action.incidentId, actionKindName(line.action.kind), line.wonByActor, line.wonByConsole,
                line.wonByActionId.isEmpty() ? QString() : actionKindName(line.wonByKind),
                incidentStateName(incident->state));
        }
    }
    if (!changed)
        return;
    refreshDuplicates();
    recount();
    if (openCount() != openBefore)
        Q_EMIT countChanged();
    Q_EMIT casesChanged();
}

void IncidentModel::reset(const std::vector<IncidentEvent>& events, const std::vector<IncidentAction>& actions)
{
    beginResetModel();
    m_book.clear();
    m_rows.clear();
    m_rowOf.clear();
    for (const IncidentEvent& event : events)
        m_book.applyEvent(event);
    for (const IncidentAction& action : actions)
        m_book.applyAction(action);
    for (const QString& id : m_book.ids()) {
        const IncidentCase* incident = m_book.find(id);
        m_rows.push_back({ id, incident->isOpen(), incident->priority, incident->reportedMs,
            slaClock(*incident, m_policy, m_nowMs), m_book.duplicateOf(id) });
    }
    std::sort(m_rows.begin(), m_rows.end(), before);
    while (rowCount() > limit) {
        m_book.remove(m_rows.back().id);
        m_rows.pop_back();
    }
    reindex(0);
    endResetModel();
    recount();
    Q_EMIT countChanged();
    Q_EMIT casesChanged();
}

void IncidentModel::tick(qint64 nowMs)
{
    m_nowMs = nowMs;
    bool changed = false;
    for (int row = 0; row < rowCount(); ++row) {
        Row& current = m_rows[static_cast<std::size_t>(row)];
        if (!current.open)
            continue;
        const SlaClock sla = slaClock(*m_book.find(current.id), m_policy, nowMs);
        if (sla.breached == current.sla.breached && sla.breaches == current.sla.breaches)
            continue;
        current.sla = sla;
        changed = true;
        Q_EMIT dataChanged(index(row), index(row));
        Q_EMIT incidentChanged(current.id);
    }
    recount();
    if (changed)
        Q_EMIT casesChanged();
}

void IncidentModel::setSlaPolicy(const SlaPolicy& policy)
{
    m_policy = policy;
    for (Row& row : m_rows) {
        if (const IncidentCase* incident = m_book.find(row.id))
            row.sla = slaClock(*incident, m_policy, m_nowMs);
    }
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    recount();
    Q_EMIT casesChanged();
}

int IncidentModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IncidentModel::openCount() const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return row.open; }));
}

int IncidentModel::rowOf(const QString& incidentId) const
{
    return m_rowOf.value(incidentId, -1);
}

SlaClock IncidentModel::slaOf(const QString& incidentId) const
{
    const int row = rowOf(incidentId);
    return row < 0 ? SlaClock {} : m_rows[static_cast<std::size_t>(row)].sla;
}

QString IncidentModel::duplicateOf(const QString& incidentId) const
{
    const int row = rowOf(incidentId);
    return row < 0 ? QString() : m_rows[static_cast<std::size_t>(row)].duplicateOf;
}

QVariant IncidentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const IncidentCase* incident = m_book.find(row.id);
    if (!incident)
        return {};
    const IncidentEvent& event = incident->latest;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return event.title;
    case IdRole:
        return row.id;
    case KindRole:
        return incident->kind;
    case SeverityRole:
        return static_cast<int>(event.severity);
    case StatusRole:
        return event.status;
    case DescriptionRole:
        return event.description;
    case DistrictRole:
        return event.district;
    case DistrictNameRole: {
        const District* district = DistrictLayer::xianyang().find(event.district);
        return district ? district->name : event.district;
    }
    case LonRole:
        return event.lon;
    case LatRole:
        return event.lat;
    case ReportedMsRole:
        return static_cast<double>(incident->reportedMs);
    case SourceRole:
        return event.source;
    case StateRole:
        return incidentStateName(incident->state);
    case OpenRole:
        return row.open;
    case PriorityRole:
        return incident->priority;
    case PriorityOverriddenRole:
        return incident->priorityOverridden;
    case VersionRole:
        return static_cast<double>(incident->version);
    case SlaPhaseRole:
        return slaPhaseName(row.sla.phase);
    case SlaDeadlineMsRole:
        return static_cast<double>(row.sla.deadlineMs);
    case SlaBudgetMsRole:
        return static_cast<double>(row.sla.budgetMs);
    case SlaBreachedRole:
        return row.sla.breached;
    case SlaBreachesRole:
        return row.sla.breaches;
    case AcknowledgedByRole:
        return incident->acknowledgedBy;
    case UnitCountRole:
        return static_cast<int>(std::count_if(incident->units.begin(), incident->units.end(),
            [](const UnitAssignment& unit) { return unit.status != QLatin1String("released"); }));
    case DuplicateOfRole:
        return row.duplicateOf;
    case AlarmRole:
        return isAlarm(*incident);
    case EscalatedRole:
        return incident->escalated;
    default:
        return {};
    }
}

bool IncidentModel::isAlarm(const IncidentCase& incident)
{
    const bool unacknowledged = incident.acknowledgedMs == 0 && incident.isOpen();
    return unacknowledged && incident.priority <= 2;
}

QHash<int, QByteArray> IncidentModel::roleNames() const
{
    return {
        { IdRole, "incidentId" },
        { KindRole, "kind" },
        { SeverityRole, "severity" },
        { StatusRole, "status" },
        { TitleRole, "title" },
        { DescriptionRole, "description" },
        { DistrictRole, "district" },
        { DistrictNameRole, "districtName" },
        { LonRole, "lon" },
        { LatRole, "lat" },
        { ReportedMsRole, "reportedMs" },
        { SourceRole, "source" },
        { StateRole, "state" },
        { OpenRole, "open" },
        { PriorityRole, "priority" },
        { PriorityOverriddenRole, "priorityOverridden" },
        { VersionRole, "version" },
        { SlaPhaseRole, "slaPhase" },
        { SlaDeadlineMsRole, "slaDeadlineMs" },
        { SlaBudgetMsRole, "slaBudgetMs" },
        { SlaBreachedRole, "slaBreached" },
        { SlaBreachesRole, "slaBreaches" },
        { AcknowledgedByRole, "acknowledgedBy" },
        { UnitCountRole, "unitCount" },
        { DuplicateOfRole, "duplicateOf" },
        { AlarmRole, "alarm" },
        { EscalatedRole, "escalated" },
    };
}

} // namespace citybrain
