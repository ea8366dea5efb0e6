#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace citybrain {

// The open incidents by lifecycle state and priority (panel incident_summary): one row per open state
// in the lifecycle's order (new, acknowledged, dispatched, on_scene, escalated), always all five, each
// with its count per priority P1..P4 and how many are overdue; the totals as properties. Created
// inside the panel; it reads IncidentModel's instance (empty without it) and follows its changes,
// coalesced to at most one recount per refreshMs.
class IncidentSummary : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int openCount READ openCount NOTIFY changed)
    // Open incidents per priority, P1 first (four numbers).
    Q_PROPERTY(QList<int> byPriority READ byPriority NOTIFY changed)
    // Open incidents past an SLA deadline now.
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY changed)
    // SLA milestones missed by the open incidents (met late or still overdue).
    Q_PROPERTY(int breachCount READ breachCount NOTIFY changed)
    // The largest state x priority cell, for scaling the matrix's bars.
    Q_PROPERTY(int largestCell READ largestCell NOTIFY changed)
    // The newest event or action of an open incident, epoch ms; 0 when none.
    Q_PROPERTY(double dataMs READ dataMs NOTIFY changed)
public:
    enum Roles {
        StateRole = Qt::UserRole + 1, // new, acknowledged, dispatched, on_scene, escalated
        TotalRole,
        P1Role,
        P2Role,
        P3Role,
        P4Role,
        ByPriorityRole, // the four counts as a list, P1 first
        OverdueRole,
    };
    Q_ENUM(Roles)

    static constexpr int refreshMs = 500;
    static constexpr int stateCount = 5;

    explicit IncidentSummary(QObject* parent = nullptr);

    [[nodiscard]] int openCount() const { return m_open; }
    [[nodiscard]] QList<int> byPriority() const;
    [[nodiscard]] int overdueCount() const { return m_overdue; }
    [[nodiscard]] int breachCount() const { return m_breaches; }
    [[nodiscard]] int largestCell() const;
    [[nodiscard]] double dataMs() const { return static_cast<double>(m_dataMs); }
    // Open incidents in `state` with `priority` (1..4; 0: any).
    Q_INVOKABLE [[nodiscard]] int cell(const QString& state, int priority) const;

    // Recounts now (the coalescing timer calls it; tests may too).
    void refresh();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void changed();

private:
    struct Row
    {
        std::array<int, 4> byPriority {};
        int overdue = 0;

        [[nodiscard]] int total() const { return byPriority[0] + byPriority[1] + byPriority[2] + byPriority[3]; }
        bool operator==(const Row& other) const { return byPriority == other.byPriority && overdue == other.overdue; }
    };

    void schedule();

    std::array<Row, stateCount> m_rows {};
    int m_open = 0;
    int m_overdue = 0;
    int m_breaches = 0;
    qint64 m_dataMs = 0;
    QTimer m_timer;
};

} // namespace citybrain
