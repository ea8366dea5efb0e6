#include "flaggedrows.h"

#include "logging.h"

namespace citybrain {

FlaggedRows::FlaggedRows(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, &FlaggedRows::resolveRole);
    for (const auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(this, signal, this, &FlaggedRows::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &FlaggedRows::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &FlaggedRows::countChanged);
}

void FlaggedRows::setFlag(const QString& flag)
{
    if (m_flag == flag)
        return;
    m_flag = flag;
    Q_EMIT flagChanged();
    resolveRole();
}

void FlaggedRows::resolveRole()
{
    const QByteArray name = m_flag.toUtf8();
    const QHash<int, QByteArray> roles = sourceModel() ? sourceModel()->roleNames() : QHash<int, QByteArray>();
    m_role = roles.key(name, -1);
    if (m_role < 0 && sourceModel() && !m_flag.isEmpty())
        qCWarning(lcWall) << "FlaggedRows: the model has no role" << m_flag;
    // A change of only other roles then leaves the filter alone.
    setFilterRole(m_role < 0 ? Qt::DisplayRole : m_role);
    invalidateRowsFilter();
}

bool FlaggedRows::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    return m_role >= 0 && sourceModel()->index(sourceRow, 0, sourceParent).data(m_role).toBool();
}

} // namespace citybrain
