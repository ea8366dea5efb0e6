#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// The incident list: open incidents first, then by severity (most severe first), then newest first.
class IncidentModel : public QAbstractListModel, public QmlSingleton<IncidentModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Incidents)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        KindRole,
        SeverityRole,
        StatusRole,
        TitleRole,
        DescriptionRole,
        DistrictRole,
        DistrictNameRole,
        LonRole,
        LatRole,
        ReportedMsRole,
        SourceRole,
    };
    Q_ENUM(Roles)

    static constexpr int limit = 500; // the oldest closed ones leave first

    // No default argument: Qt 6.4 would then create its own, empty instance for QML.
    explicit IncidentModel(QObject* parent);

    // Events in arrival order. The first event of an incident fixes its reported time; later ones
    // update it unless they are older than what is shown.
    void apply(const std::vector<IncidentEvent>& events);
    // Shows exactly these incidents (a snapshot of the past, or the present on return to live).
    void reset(const std::vector<IncidentEvent>& events);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int openCount() const;
    [[nodiscard]] int rowOf(const QString& incidentId) const;

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        IncidentEvent latest;
        qint64 reportedMs = 0;
    };
    [[nodiscard]] static bool before(const Row& a, const Row& b);
    [[nodiscard]] int insertionRow(const Row& row) const;
    void insertRow(Row row);
    void removeRowAt(int row);
    void reindex(int from);

    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOf;
};

} // namespace citybrain
