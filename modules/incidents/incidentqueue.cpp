#include "incidentqueue.h"

#include "incidentmodel.h"

namespace citybrain {

IncidentQueue::IncidentQueue(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // Rows move when their priority or state changes; the source keeps the order, the proxy follows it.
    setDynamicSortFilter(true);
    for (const auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(this, signal, this, &IncidentQueue::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &IncidentQueue::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &IncidentQueue::countChanged);
}

void IncidentQueue::setDistrict(const QString& district)
{
    if (district == m_district)
        return;
    m_district = district;
    refilter();
}

void IncidentQueue::setKind(const QString& kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    refilter();
}

void IncidentQueue::setState(const QString& state)
{
    if (state == m_state)
        return;
    m_state = state;
    refilter();
}

void IncidentQueue::refilter()
{
    invalidateFilter();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

bool IncidentQueue::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_district.isEmpty() && index.data(IncidentModel::DistrictRole).toString() != m_district)
        return false;
    if (!m_kind.isEmpty() && index.data(IncidentModel::KindRole).toString() != m_kind)
        return false;
    if (m_state == QLatin1String("open"))
        return index.data(IncidentModel::OpenRole).toBool();
    return m_state.isEmpty() || index.data(IncidentModel::StateRole).toString() == m_state;
}

QString IncidentQueue::idAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return index(row, 0).data(IncidentModel::IdRole).toString();
}

int IncidentQueue::rowOfId(const QString& incidentId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (index(row, 0).data(IncidentModel::IdRole).toString() == incidentId)
            return row;
    }
    return -1;
}

} // namespace citybrain
