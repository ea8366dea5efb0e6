#include "presencemodel.h"

#include <algorithm>

namespace citybrain {

namespace {
bool before(const PresenceStatus& a, const PresenceStatus& b)
{
    return a.kind != b.kind ? a.kind < b.kind : a.clientId < b.clientId;
}
} // namespace

PresenceModel::PresenceModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

void PresenceModel::apply(const std::vector<PresenceStatus>& statuses)
{
    bool changed = false;
    for (const PresenceStatus& status : statuses) {
        const auto found = std::find_if(m_clients.begin(), m_clients.end(),
            [&](const PresenceStatus& known) { return known.clientId == status.clientId; });
        if (found != m_clients.end()) {
            if (status.tsMs < found->tsMs)
                continue;
            const int row = static_cast<int>(found - m_clients.begin());
            if (found->kind == status.kind) {
                *found = status;
                Q_EMIT dataChanged(index(row), index(row));
                changed = true;
                continue;
            }
            beginRemoveRows({}, row, row);
            m_clients.erase(found);
            endRemoveRows();
        }
        const auto at = std::lower_bound(m_clients.begin(), m_clients.end(), status, before);
        const int row = static_cast<int>(at - m_clients.begin());
        beginInsertRows({}, row, row);
        m_clients.insert(at, status);
        endInsertRows();
        changed = true;
    }
    if (changed)
        Q_EMIT countsChanged();
}

int PresenceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_clients.size());
}

int PresenceModel::onlineCount() const
{
    return static_cast<int>(
        std::count_if(m_clients.begin(), m_clients.end(), [](const PresenceStatus& s) { return s.online; }));
}

QVariant PresenceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PresenceStatus& status = m_clients[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ClientIdRole:
        return status.clientId;
    case KindRole:
        return status.kind;
    case OnlineRole:
        return status.online;
    case SinceMsRole:
        return static_cast<double>(status.tsMs);
    default:
        return {};
    }
}

QHash<int, QByteArray> PresenceModel::roleNames() const
{
    return { { ClientIdRole, "clientId" }, { KindRole, "kind" }, { OnlineRole, "online" }, { SinceMsRole, "sinceMs" } };
}

} // namespace citybrain
