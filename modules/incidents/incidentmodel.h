#pragma once

#include "citytypes.h"
#include "incidentbook.h"
#include "incidentsla.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// The incident queue every console shows: open incidents first, then by priority (P1 first), then by
// age (the one waiting longest first). Each row is an incident's case: its source event and where its
// dispatch lifecycle stands (IncidentBook), with its SLA clock.
class IncidentModel : public QAbstractListModel, public QmlSingleton<IncidentModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Incidents)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY countChanged)
    Q_PROPERTY(int breachCount READ breachCount NOTIFY slaChanged)
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY slaChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        KindRole, // the source's kind or the last classification
        SeverityRole, // 0 minor .. 3 critical
        StatusRole, // the source's view: new, update, closed
        TitleRole,
        DescriptionRole,
        DistrictRole,
        DistrictNameRole,
        LonRole,
        LatRole,
        ReportedMsRole,
        SourceRole,
        StateRole, // lifecycle: new, acknowledged, dispatched, on_scene, resolved, closed, escalated, ...
        OpenRole,
        PriorityRole, // 1 (P1) .. 4
        PriorityOverriddenRole,
        VersionRole,
        SlaPhaseRole, // "", acknowledge, dispatch, on_scene
        SlaDeadlineMsRole,
        SlaBudgetMsRole,
        SlaBreachedRole,
        SlaBreachesRole,
        AcknowledgedByRole,
        UnitCountRole, // units still assigned (dispatched or on scene)
        DuplicateOfRole, // a likely duplicate's older incident, or ""
        AlarmRole, // an unacknowledged P1/P2: sounds and flashes until acknowledged
        EscalatedRole,
    };
    Q_ENUM(Roles)

    static constexpr int limit = 500; // the oldest closed ones leave first

    // No default argument: Qt 6.4 would then create its own, empty instance for QML.
    explicit IncidentModel(QObject* parent);

    // Source events in arrival order. The first event of an incident fixes its reported time.
    void apply(const std::vector<IncidentEvent>& events);
    // Console actions in arrival order (already journalled). Emits actionLost for this console's
    // actions that lost a conflict.
    void applyActions(const std::vector<IncidentAction>& actions);
    // Shows exactly these incidents and actions (a snapshot of the past, or the present on return to live).
    void reset(const std::vector<IncidentEvent>& events, const std::vector<IncidentAction>& actions = {});
    // Re-evaluates SLA clocks, alarms and duplicate suggestions (called once a second).
    void tick(qint64 nowMs);

    void setSlaPolicy(const SlaPolicy& policy);
    [[nodiscard]] const SlaPolicy& slaPolicy() const { return m_policy; }
    // The time of the last tick (SLA clocks are evaluated at it).
    [[nodiscard]] qint64 now() const { return m_nowMs; }
    // This console's id: its own lost actions are reported (actionLost).
    void setConsoleId(const QString& consoleId) { m_consoleId = consoleId; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int openCount() const;
    [[nodiscard]] int breachCount() const { return m_breaches; } // SLA milestones missed, open incidents
    [[nodiscard]] int overdueCount() const { return m_overdue; } // open incidents past a deadline now
    Q_INVOKABLE [[nodiscard]] int rowOf(const QString& incidentId) const;

    // The case behind a row (null if unknown), for the detail pane and the console's actions.
    [[nodiscard]] const IncidentCase* find(const QString& incidentId) const { return m_book.find(incidentId); }
    [[nodiscard]] SlaClock slaOf(const QString& incidentId) const;
    [[nodiscard]] QString duplicateOf(const QString& incidentId) const;
    [[nodiscard]] const IncidentBook& book() const { return m_book; }
    // An unacknowledged open P1 or P2: it sounds and flashes until someone acknowledges it.
    [[nodiscard]] static bool isAlarm(const IncidentCase& incident);

Q_SIGNALS:
    void countChanged();
    void slaChanged();
    // An incident's case changed (events, actions, its SLA clock or its duplicate suggestion).
    void incidentChanged(const QString& incidentId);
    // Once after each apply, applyActions, reset or tick that changed any case: for views that look
    // at the whole queue (the alarm), so they evaluate once per batch, not once per incident.
    void casesChanged();
    // One of this console's actions lost to another console's: who won and what the incident is now.
    void actionLost(const QString& incidentId, const QString& lostAction, const QString& wonByActor,
        const QString& wonByConsole, const QString& wonByAction, const QString& stateNow);

private:
    struct Row
    {
        QString id;
        bool open = true; // the sort keys, copied from the case
        int priority = 4;
        qint64 reportedMs = 0;
        SlaClock sla;
        QString duplicateOf;
    };
    [[nodiscard]] static bool before(const Row& a, const Row& b);
    [[nodiscard]] int insertionRow(const Row& row) const;
    void insertRow(Row row);
    void removeRowAt(int row);
    void reindex(int from);
    // Brings the row of `incidentId` in line with the book: inserts, updates or moves it.
    void refresh(const QString& incidentId, qint64 nowMs);
    void trimToLimit();
    void refreshDuplicates();
    void recount();

    IncidentBook m_book;
    SlaPolicy m_policy;
    QString m_consoleId;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOf;
    QSet<QString> m_reportedLost; // this console's lost actions already reported
    int m_breaches = 0;
    int m_overdue = 0;
    qint64 m_nowMs = 0;
};

} // namespace citybrain
