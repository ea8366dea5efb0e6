#pragma once

#include "incidentcase.h"
#include "incidentsla.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

class IncidentModel;

// The actions on the selected incident, in the order its state was computed in.
class IncidentTimeline : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IncidentDetail.timeline")
public:
    enum Roles {
        TsMsRole = Qt::UserRole + 1,
        ActorRole,
        RoleRole, // dispatcher, leader
        ConsoleRole,
        ActionRole, // acknowledge, dispatch, ...
        NoteRole,
        AppliedRole, // false: it lost to an earlier action (wonBy*)
        StateAfterRole,
        WonByActorRole,
        WonByConsoleRole,
        WonByActionRole,
        UnitTypeRole,
        UnitIdRole,
        PriorityRole,
        IncidentKindRole,
        MergeIntoRole,
        UriRole,
        MineRole, // taken on this console
    };
    Q_ENUM(Roles)
    explicit IncidentTimeline(QObject* parent = nullptr);
    void setEntries(std::vector<TimelineEntry> entries, const QString& consoleId);
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<TimelineEntry> m_entries;
    QString m_consoleId;
};

// The units sent to the selected incident.
class IncidentUnits : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IncidentDetail.units")
public:
    enum Roles {
        UnitTypeRole = Qt::UserRole + 1,
        UnitIdRole,
        StatusRole,
        DispatchedMsRole,
        OnSceneMsRole,
        DispatchedByRole
    };
    Q_ENUM(Roles)
    explicit IncidentUnits(QObject* parent = nullptr);
    void setUnits(std::vector<UnitAssignment> units);
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<UnitAssignment> m_units;
};

// The incident a console has selected, in full: for the dispatcher's detail pane and the incident card.
class IncidentDetail : public QObject, public QmlSingleton<IncidentDetail>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString incidentId READ incidentId WRITE setIncidentId NOTIFY changed)
    Q_PROPERTY(bool exists READ exists NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString description READ description NOTIFY changed)
    Q_PROPERTY(QString kind READ kind NOTIFY changed)
    Q_PROPERTY(int severity READ severity NOTIFY changed)
    Q_PROPERTY(QString state READ state NOTIFY changed)
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    Q_PROPERTY(int priority READ priority NOTIFY changed)
    Q_PROPERTY(int derivedPriority READ derivedPriority NOTIFY changed)
    Q_PROPERTY(bool priorityOverridden READ priorityOverridden NOTIFY changed)
    Q_PROPERTY(QString priorityReason READ priorityReason NOTIFY changed)
    Q_PROPERTY(QString district READ district NOTIFY changed)
    Q_PROPERTY(QString districtName READ districtName NOTIFY changed)
    Q_PROPERTY(double lon READ lon NOTIFY changed)
    Q_PROPERTY(double lat READ lat NOTIFY changed)
    Q_PROPERTY(double reportedMs READ reportedMs NOTIFY changed)
    Q_PROPERTY(QString source READ source NOTIFY changed)
    Q_PROPERTY(QString sourceStatus READ sourceStatus NOTIFY changed)
    Q_PROPERTY(int version READ version NOTIFY changed)
    Q_PROPERTY(QString acknowledgedBy READ acknowledgedBy NOTIFY changed)
    Q_PROPERTY(double acknowledgedMs READ acknowledgedMs NOTIFY changed)
    Q_PROPERTY(double dispatchedMs READ dispatchedMs NOTIFY changed)
    Q_PROPERTY(double onSceneMs READ onSceneMs NOTIFY changed)
    Q_PROPERTY(double resolvedMs READ resolvedMs NOTIFY changed)
    Q_PROPERTY(QString mergedInto READ mergedInto NOTIFY changed)
    Q_PROPERTY(QString duplicateOf READ duplicateOf NOTIFY changed)
    Q_PROPERTY(bool escalated READ escalated NOTIFY changed)
    Q_PROPERTY(QStringList attachments READ attachments NOTIFY changed)
    Q_PROPERTY(QString slaPhase READ slaPhase NOTIFY changed)
    Q_PROPERTY(double slaDeadlineMs READ slaDeadlineMs NOTIFY changed)
    Q_PROPERTY(double slaBudgetMs READ slaBudgetMs NOTIFY changed)
    Q_PROPERTY(bool slaBreached READ slaBreached NOTIFY changed)
    Q_PROPERTY(int slaBreaches READ slaBreaches NOTIFY changed)
    // Each milestone's allowance for this priority, and whether it was (or is now) late.
    Q_PROPERTY(double acknowledgeBudgetMs READ acknowledgeBudgetMs NOTIFY changed)
    Q_PROPERTY(double dispatchBudgetMs READ dispatchBudgetMs NOTIFY changed)
    Q_PROPERTY(double onSceneBudgetMs READ onSceneBudgetMs NOTIFY changed)
    Q_PROPERTY(bool acknowledgeLate READ acknowledgeLate NOTIFY changed)
    Q_PROPERTY(bool dispatchLate READ dispatchLate NOTIFY changed)
    Q_PROPERTY(bool onSceneLate READ onSceneLate NOTIFY changed)
    Q_PROPERTY(QString duplicateOfTitle READ duplicateOfTitle NOTIFY changed)
    Q_PROPERTY(int activeUnits READ activeUnits NOTIFY changed) // dispatched or on scene, not released
    Q_PROPERTY(bool hasCap READ hasCap NOTIFY changed)
    // CAP fields, as the alert gave them: identifier, sender, sent, msgType, event, headline, severity,
    // urgency, certainty, areaDesc (empty without CAP).
    Q_PROPERTY(QStringList capFields READ capFields NOTIFY changed)
    Q_PROPERTY(QStringList capValues READ capValues NOTIFY changed)
    Q_PROPERTY(IncidentTimeline* timeline READ timeline CONSTANT)
    Q_PROPERTY(IncidentUnits* units READ units CONSTANT)
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    IncidentDetail(IncidentModel* incidents, QString consoleId, QObject* parent);

    [[nodiscard]] QString incidentId() const { return m_incidentId; }
    void setIncidentId(const QString& incidentId);

    [[nodiscard]] bool exists() const { return m_exists; }
    [[nodiscard]] QString title() const { return m_case.latest.title; }
    [[nodiscard]] QString description() const { return m_case.latest.description; }
    [[nodiscard]] QString kind() const { return m_case.kind; }
    [[nodiscard]] int severity() const { return static_cast<int>(m_case.latest.severity); }
    [[nodiscard]] QString state() const;
    [[nodiscard]] bool isOpen() const { return m_exists && m_case.isOpen(); }
    [[nodiscard]] int priority() const { return m_case.priority; }
    [[nodiscard]] int derivedPriority() const { return m_case.derivedPriority; }
    [[nodiscard]] bool priorityOverridden() const { return m_case.priorityOverridden; }
    [[nodiscard]] QString priorityReason() const { return m_case.priorityReason; }
    [[nodiscard]] QString district() const { return m_case.latest.district; }
    [[nodiscard]] QString districtName() const;
    [[nodiscard]] double lon() const { return m_case.latest.lon; }
    [[nodiscard]] double lat() const { return m_case.latest.lat; }
    [[nodiscard]] double reportedMs() const { return double(m_case.reportedMs); }
    [[nodiscard]] QString source() const { return m_case.latest.source; }
    [[nodiscard]] QString sourceStatus() const { return m_case.latest.status; }
    [[nodiscard]] int version() const { return int(m_case.version); }
    [[nodiscard]] QString acknowledgedBy() const { return m_case.acknowledgedBy; }
    [[nodiscard]] double acknowledgedMs() const { return double(m_case.acknowledgedMs); }
    [[nodiscard]] double dispatchedMs() const { return double(m_case.dispatchedMs); }
    [[nodiscard]] double onSceneMs() const { return double(m_case.onSceneMs); }
    [[nodiscard]] double resolvedMs() const { return double(m_case.resolvedMs); }
    [[nodiscard]] QString mergedInto() const { return m_case.mergedInto; }
    [[nodiscard]] QString duplicateOf() const { return m_duplicateOf; }
    [[nodiscard]] bool escalated() const { return m_case.escalated; }
    [[nodiscard]] QStringList attachments() const;
    [[nodiscard]] QString slaPhase() const { return slaPhaseName(m_sla.phase); }
    [[nodiscard]] double slaDeadlineMs() const { return double(m_sla.deadlineMs); }
    [[nodiscard]] double slaBudgetMs() const { return double(m_sla.budgetMs); }
    [[nodiscard]] bool slaBreached() const { return m_sla.breached; }
    [[nodiscard]] int slaBreaches() const { return m_sla.breaches; }
    [[nodiscard]] double acknowledgeBudgetMs() const { return double(budget(m_policy.acknowledgeMs)); }
    [[nodiscard]] double dispatchBudgetMs() const { return double(budget(m_policy.dispatchMs)); }
    [[nodiscard]] double onSceneBudgetMs() const { return double(budget(m_policy.onSceneMs)); }
    [[nodiscard]] bool acknowledgeLate() const { return late(m_policy.acknowledgeMs, m_case.acknowledgedMs); }
    [[nodiscard]] bool dispatchLate() const { return late(m_policy.dispatchMs, m_case.dispatchedMs); }
    [[nodiscard]] bool onSceneLate() const { return late(m_policy.onSceneMs, m_case.onSceneMs); }
    [[nodiscard]] QString duplicateOfTitle() const { return m_duplicateOfTitle; }
    [[nodiscard]] int activeUnits() const;
    [[nodiscard]] bool hasCap() const { return m_case.latest.cap.has_value(); }
    [[nodiscard]] QStringList capFields() const;
    [[nodiscard]] QStringList capValues() const;
    [[nodiscard]] IncidentTimeline* timeline() { return &m_timeline; }
    [[nodiscard]] IncidentUnits* units() { return &m_units; }

Q_SIGNALS:
    void changed();

private:
    void reload();
    [[nodiscard]] qint64 budget(const std::array<qint64, 4>& targets) const;
    // Met after its deadline, or not met and overdue at the last clock tick.
    [[nodiscard]] bool late(const std::array<qint64, 4>& targets, qint64 metMs) const;

    IncidentModel* m_incidents;
    QString m_consoleId;
    QString m_incidentId;
    bool m_exists = false;
    IncidentCase m_case;
    SlaClock m_sla;
    QString m_duplicateOf;
    QString m_duplicateOfTitle;
    SlaPolicy m_policy;
    qint64 m_nowMs = 0;
    IncidentTimeline m_timeline;
    IncidentUnits m_units;
};

} // namespace citybrain
