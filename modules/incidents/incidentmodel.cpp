#include "incidentmodel.h"

#include "districtlayer.h"

#include <algorithm>

namespace citybrain {

namespace {
bool isOpen(const IncidentEvent& event)
{
    return event.status != QLatin1String("closed");
}
} // namespace

IncidentModel::IncidentModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

bool IncidentModel::before(const Row& a, const Row& b)
{
    const bool openA = isOpen(a.latest);
    const bool openB = isOpen(b.latest);
    if (openA != openB)
        return openA;
    if (a.latest.severity != b.latest.severity)
        return a.latest.severity > b.latest.severity;
    if (a.reportedMs != b.reportedMs)
        return a.reportedMs > b.reportedMs;
    return a.latest.id < b.latest.id;
}

int IncidentModel::insertionRow(const Row& row) const
{
    return static_cast<int>(std::lower_bound(m_rows.begin(), m_rows.end(), row, before) - m_rows.begin());
}

void IncidentModel::reindex(int from)
{
    for (int i = from; i < static_cast<int>(m_rows.size()); ++i)
        m_rowOf.insert(m_rows[static_cast<std::size_t>(i)].latest.id, i);
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
    m_rowOf.remove(m_rows[static_cast<std::size_t>(row)].latest.id);
    m_rows.erase(m_rows.begin() + row);
    reindex(row);
    endRemoveRows();
}

void IncidentModel::apply(const std::vector<IncidentEvent>& events)
{
    const int countBefore = rowCount();
    const int openBefore = openCount();
    for (const IncidentEvent& event : events) {
        const int existing = rowOf(event.id);
        if (existing < 0) {
            insertRow({ event, event.tsMs });
            continue;
        }
        Row updated = m_rows[static_cast<std::size_t>(existing)];
        if (event.tsMs < updated.latest.tsMs)
            continue; // a late duplicate or an older event: what is shown is newer
        updated.latest = event;
        updated.reportedMs = std::min(updated.reportedMs, event.tsMs);
        // Keep the row where it is if its sort position does not change; otherwise move it.
        m_rows[static_cast<std::size_t>(existing)] = updated;
        const bool inOrder = (existing == 0 || !before(updated, m_rows[static_cast<std::size_t>(existing - 1)]))
            && (existing + 1 == rowCount() || !before(m_rows[static_cast<std::size_t>(existing + 1)], updated));
        if (inOrder) {
            Q_EMIT dataChanged(index(existing), index(existing));
        } else {
            removeRowAt(existing);
            insertRow(std::move(updated));
        }
    }
    while (rowCount() > limit)
        removeRowAt(rowCount() - 1);
    if (rowCount() != countBefore || openCount() != openBefore)
        Q_EMIT countChanged();
}

void IncidentModel::reset(const std::vector<IncidentEvent>& events)
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    for (const IncidentEvent& event : events)
        m_rows.push_back({ event, event.tsMs });
    std::sort(m_rows.begin(), m_rows.end(), before);
    while (rowCount() > limit)
        m_rows.pop_back();
    reindex(0);
    endResetModel();
    Q_EMIT countChanged();
}

int IncidentModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IncidentModel::openCount() const
{
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return isOpen(row.latest); }));
}

int IncidentModel::rowOf(const QString& incidentId) const
{
    return m_rowOf.value(incidentId, -1);
}

QVariant IncidentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const IncidentEvent& event = row.latest;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return event.title;
    case IdRole:
        return event.id;
    case KindRole:
        return event.kind;
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
        return static_cast<double>(row.reportedMs);
    case SourceRole:
        return event.source;
    default:
        return {};
    }
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
    };
}

} // namespace citybrain
