#pragma once

#include "qmlsingleton.h"
#include "sensoralarm.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointF>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace citybrain {

class IncidentModel;

// The monitoring alarms the rules and the anomaly detector raised: the active ones first (most severe,
// then oldest), then the last ones cleared. An alarm counts as acknowledged once the incident it is
// grouped under is acknowledged; an informational one (its rule raises no incident) needs no one to.
class SensorAlarmModel : public QAbstractListModel, public QmlSingleton<SensorAlarmModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(SensorAlarms)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY countChanged)
    Q_PROPERTY(int unacknowledgedCount READ unacknowledgedCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        RuleIdRole,
        SensorIdRole,
        DomainRole,
        MetricRole,
        DistrictRole,
        DistrictNameRole,
        LonRole,
        LatRole,
        ActiveRole, // raised and not cleared
        SeverityRole, // 0 minor .. 3 critical
        IncidentKindRole,
        ValueRole,
        ThresholdRole,
        ScoreRole,
        AnomalyRole,
        SinceMsRole,
        ChangedMsRole, // raised or cleared at
        ExplanationRole,
        IncidentIdRole,
        AcknowledgedRole,
        TrendRole, // the readings around the trigger: a list of points (x epoch ms, y value)
        InformationalRole, // raises no incident (noise exceedance, everyday congestion): counts as acknowledged
    };
    Q_ENUM(Roles)

    static constexpr int clearedKept = 50; // the latest cleared alarms stay listed

    // No default argument: Qt 6.4 would then create its own, empty instance for QML.
    SensorAlarmModel(const IncidentModel* incidents, QObject* parent);

    // Explanations in English instead of Chinese (--lang en).
    void setEnglish(bool english) { m_english = english; }
    // Raised and cleared alarms, in the order they happened.
    void apply(const std::vector<SensorAlarm>& changes);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int activeCount() const;
    [[nodiscard]] int unacknowledgedCount() const;
    [[nodiscard]] int rowOf(const QString& alarmId) const;

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        SensorAlarm alarm;
        bool active = true;
    };
    [[nodiscard]] static bool before(const Row& a, const Row& b);
    [[nodiscard]] bool acknowledged(const Row& row) const;
    void rebuild();

    const IncidentModel* m_incidents;
    std::vector<Row> m_rows;
    bool m_english = false;
};

// The alarms grouped under one incident (the incident detail's list).
class IncidentAlarms : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString incidentId READ incidentId WRITE setIncidentId NOTIFY incidentIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit IncidentAlarms(QObject* parent = nullptr);
    [[nodiscard]] QString incidentId() const { return m_incidentId; }
    void setIncidentId(const QString& incidentId);
    [[nodiscard]] int count() const { return rowCount(); }

Q_SIGNALS:
    void incidentIdChanged();
    void countChanged();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_incidentId;
};

} // namespace citybrain
