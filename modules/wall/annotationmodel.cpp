#include "annotationmodel.h"

#include <algorithm>

namespace citybrain {

namespace {
bool before(const Annotation& a, const Annotation& b)
{
    return a.atMs != b.atMs ? a.atMs < b.atMs : a.id < b.id;
}
} // namespace

AnnotationModel::AnnotationModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

void AnnotationModel::apply(const std::vector<Annotation>& annotations)
{
    const int countBefore = rowCount();
    for (const Annotation& annotation : annotations) {
        const auto found = std::find_if(m_annotations.begin(), m_annotations.end(),
            [&](const Annotation& known) { return known.id == annotation.id; });
        if (found != m_annotations.end()) {
            if (!annotation.removed && annotation.tsMs < found->tsMs)
                continue; // an older version of it
            const int row = static_cast<int>(found - m_annotations.begin());
            beginRemoveRows({}, row, row);
            m_annotations.erase(found);
            endRemoveRows();
        }
        if (annotation.removed)
            continue;
        const auto at = std::lower_bound(m_annotations.begin(), m_annotations.end(), annotation, before);
        const int row = static_cast<int>(at - m_annotations.begin());
        beginInsertRows({}, row, row);
        m_annotations.insert(at, annotation);
        endInsertRows();
    }
    while (rowCount() > limit) {
        beginRemoveRows({}, 0, 0);
        m_annotations.erase(m_annotations.begin());
        endRemoveRows();
    }
    if (rowCount() != countBefore)
        Q_EMIT countChanged();
}

int AnnotationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_annotations.size());
}

QVariant AnnotationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Annotation& annotation = m_annotations[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole:
        return annotation.id;
    case AtMsRole:
        return static_cast<double>(annotation.atMs);
    case Qt::DisplayRole:
    case TextRole:
        return annotation.text;
    case AuthorRole:
        return annotation.author;
    default:
        return {};
    }
}

QHash<int, QByteArray> AnnotationModel::roleNames() const
{
    return { { IdRole, "annotationId" }, { AtMsRole, "atMs" }, { TextRole, "text" }, { AuthorRole, "author" } };
}

} // namespace citybrain
