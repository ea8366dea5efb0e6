#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// The dispatcher's view of the incident queue (IncidentModel's order: open first, priority, age),
// filtered by district, kind and state. Empty filters let everything through.
class IncidentQueue : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString district READ district WRITE setDistrict NOTIFY filterChanged) // adcode
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY filterChanged)
    // "open" (the default: what still needs work), "" (all), or one lifecycle state name
    Q_PROPERTY(QString state READ state WRITE setState NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit IncidentQueue(QObject* parent = nullptr);

    [[nodiscard]] QString district() const { return m_district; }
    [[nodiscard]] QString kind() const { return m_kind; }
    [[nodiscard]] QString state() const { return m_state; }
    void setDistrict(const QString& district);
    void setKind(const QString& kind);
    void setState(const QString& state);
    [[nodiscard]] int count() const { return rowCount(); }

    // The incident id in a row, or "" outside the queue; the row of an id, or -1.
    Q_INVOKABLE [[nodiscard]] QString idAt(int row) const;
    Q_INVOKABLE [[nodiscard]] int rowOfId(const QString& incidentId) const;

Q_SIGNALS:
    void filterChanged();
    void countChanged();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void refilter();

    QString m_district;
    QString m_kind;
    QString m_state = QStringLiteral("open");
};

} // namespace citybrain
