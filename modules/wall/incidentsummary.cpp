#include "incidentsummary.h"

#include "incidentmodel.h"

#include <algorithm>

namespace citybrain {

namespace {

// The open states, in the order an incident moves through them; escalated last (a leader took it).
const std::array<IncidentState, IncidentSummary::stateCount> openStates = {
    IncidentState::New,
    IncidentState::Acknowledged,
    IncidentState::Dispatched,
    IncidentState::OnScene,
    IncidentState::Escalated,
};

int rowOfState(IncidentState state)
{
    const auto it = std::find(openStates.begin(), openStates.end(), state);
    return it != openStates.end() ? static_cast<int>(it - openStates.begin()) : -1;
}

} // namespace

IncidentSummary::IncidentSummary(QObject* parent)
    : QAbstractListModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(refreshMs);
    connect(&m_timer, &QTimer::timeout, this, &IncidentSummary::refresh);
    if (const IncidentModel* incidents = IncidentModel::instance()) {
        // One apply can emit several of these; the timer makes them one recount.
        connect(incidents, &IncidentModel::casesChanged, this, &IncidentSummary::schedule);
        connect(incidents, &IncidentModel::countChanged, this, &IncidentSummary::schedule);
        connect(incidents, &IncidentModel::slaChanged, this, &IncidentSummary::schedule);
        connect(incidents, &QAbstractItemModel::modelReset, this, &IncidentSummary::schedule);
    }
    refresh();
}

void IncidentSummary::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void IncidentSummary::refresh()
{
    m_timer.stop();
    std::array<Row, stateCount> rows {};
    int open = 0;
    int overdue = 0;
    int breaches = 0;
    qint64 dataMs = 0;
    if (const IncidentModel* incidents = IncidentModel::instance()) {
        for (int i = 0; i < incidents->rowCount(); ++i) {
            const QString id = incidents->index(i, 0).data(IncidentModel::IdRole).toString();
            const IncidentCase* found = incidents->find(id);
            if (!found || !found->isOpen())
                continue;
            const IncidentCase& incident = *found;
            ++open;
            dataMs = std::max(dataMs, incident.latest.tsMs);
            if (!incident.timeline.empty())
                dataMs = std::max(dataMs, incident.timeline.back().action.tsMs);
            const SlaClock sla = incidents->slaOf(id);
            overdue += sla.breached ? 1 : 0;
            breaches += sla.breaches;
            const int row = rowOfState(incident.state);
            if (row < 0)
                continue;
            Row& counts = rows[static_cast<std::size_t>(row)];
            ++counts.byPriority[static_cast<std::size_t>(std::clamp(incident.priority, 1, 4) - 1)];
            counts.overdue += sla.breached ? 1 : 0;
        }
    }
    bool any = open != m_open || overdue != m_overdue || breaches != m_breaches || dataMs != m_dataMs;
    m_open = open;
    m_overdue = overdue;
    m_breaches = breaches;
    m_dataMs = dataMs;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] == m_rows[i])
            continue;
        m_rows[i] = rows[i];
        any = true;
        const QModelIndex at = index(static_cast<int>(i));
        Q_EMIT dataChanged(at, at);
    }
    if (any)
        Q_EMIT changed();
}

QList<int> IncidentSummary::byPriority() const
{
    QList<int> counts(4, 0);
    for (const Row& row : m_rows) {
        for (std::size_t p = 0; p < 4; ++p)
            counts[static_cast<qsizetype>(p)] += row.byPriority[p];
    }
    return counts;
}

int IncidentSummary::largestCell() const
{
    int largest = 0;
    for (const Row& row : m_rows)
        largest = std::max(largest, *std::max_element(row.byPriority.begin(), row.byPriority.end()));
    return largest;
}

int IncidentSummary::cell(const QString& state, int priority) const
{
    IncidentState parsed = IncidentState::New;
    if (!incidentStateFromName(state, &parsed))
        return 0;
    const int row = rowOfState(parsed);
    if (row < 0)
        return 0;
    const Row& counts = m_rows[static_cast<std::size_t>(row)];
    if (priority == 0)
        return counts.total();
    return priority >= 1 && priority <= 4 ? counts.byPriority[static_cast<std::size_t>(priority - 1)] : 0;
}

int IncidentSummary::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : stateCount;
}

QVariant IncidentSummary::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::size_t row = static_cast<std::size_t>(index.row());
    const Row& counts = m_rows[row];
    switch (role) {
    case Qt::DisplayRole:
    case StateRole:
        return incidentStateName(openStates[row]);
    case TotalRole:
        return counts.total();
    case P1Role:
    case P2Role:
    case P3Role:
    case P4Role:
        return counts.byPriority[static_cast<std::size_t>(role - P1Role)];
    case ByPriorityRole:
        return QVariant::fromValue(QList<int>(counts.byPriority.begin(), counts.byPriority.end()));
    case OverdueRole:
        return counts.overdue;
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> IncidentSummary::roleNames() const
{
    return {
        { StateRole, "lifecycleState" },
        { TotalRole, "total" },
        { P1Role, "p1" },
        { P2Role, "p2" },
        { P3Role, "p3" },
        { P4Role, "p4" },
        { ByPriorityRole, "byPriority" },
        { OverdueRole, "overdue" },
    };
}

} // namespace citybrain
