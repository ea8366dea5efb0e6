#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// The rows of a list model whose boolean role `flag` is true, in the model's order, kept live as the
// flag changes. For views that show a few rows of a long model: the alarm ticker shows the unacknowledged
// P1/P2 among up to 500 incidents, and a delegate per incident, hidden or not, grew the wall's memory and
// frame time with every incident of the day.
class FlaggedRows : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    // A role name of the source model, e.g. "alarm"; rows whose value of it is true are kept.
    Q_PROPERTY(QString flag READ flag WRITE setFlag NOTIFY flagChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit FlaggedRows(QObject* parent = nullptr);

    [[nodiscard]] QString flag() const { return m_flag; }
    void setFlag(const QString& flag);
    [[nodiscard]] int count() const { return rowCount(); }

Q_SIGNALS:
    void flagChanged();
    void countChanged();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void resolveRole();

    QString m_flag;
    int m_role = -1; // -1: no source, or it has no such role: no row is kept
};

} // namespace citybrain
