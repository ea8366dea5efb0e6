#include "incidentdetail.h"

#include "districtlayer.h"
#include "incidentmodel.h"

#include <algorithm>

namespace citybrain {

IncidentTimeline::IncidentTimeline(QObject* parent)
    : QAbstractListModel(parent)
{ }

void IncidentTimeline::setEntries(std::vector<TimelineEntry> entries, const QString& consoleId)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_consoleId = consoleId;
    endResetModel();
}

int IncidentTimeline::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant IncidentTimeline::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry& entry = m_entries[static_cast<std::size_t>(index.row())];
    const IncidentAction& action = entry.action;
    switch (role) {
    case TsMsRole:
        return static_cast<double>(action.tsMs);
    case ActorRole:
        return action.actor;
    case RoleRole:
        return action.role;
    case ConsoleRole:
        return action.console;
    case Qt::DisplayRole:
    case ActionRole:
        return actionKindName(action.kind);
    case NoteRole:
        return action.note;
    case AppliedRole:
        return entry.applied;
    case StateAfterRole:
        return incidentStateName(entry.stateAfter);
    case WonByActorRole:
        return entry.wonByActor;
    case WonByConsoleRole:
        return entry.wonByConsole;
    case WonByActionRole:
        return entry.wonByActionId.isEmpty() ? QString() : actionKindName(entry.wonByKind);
    case UnitTypeRole:
        return action.kind == ActionKind::Dispatch || action.kind == ActionKind::OnScene ? unitTypeName(action.unitType)
                                                                                         : QString();
    case UnitIdRole:
        return action.unitId;
    case PriorityRole:
        return action.priority;
    case IncidentKindRole:
        return action.incidentKind;
    case MergeIntoRole:
        return action.mergeInto;
    case UriRole:
        return action.uri;
    case MineRole:
        return !m_consoleId.isEmpty() && action.console == m_consoleId;
    default:
        return {};
    }
}

QHash<int, QByteArray> IncidentTimeline::roleNames() const
{
    return {
        { TsMsRole, "tsMs" },
        { ActorRole, "actor" },
        { RoleRole, "actorRole" },
        { ConsoleRole, "console" },
        { ActionRole, "action" },
        { NoteRole, "note" },
        { AppliedRole, "applied" },
        { StateAfterRole, "stateAfter" },
        { WonByActorRole, "wonByActor" },
        { WonByConsoleRole, "wonByConsole" },
        { WonByActionRole, "wonByAction" },
        { UnitTypeRole, "unitType" },
        { UnitIdRole, "unitId" },
        { PriorityRole, "priority" },
        { IncidentKindRole, "incidentKind" },
        { MergeIntoRole, "mergeInto" },
        { UriRole, "uri" },
        { MineRole, "mine" },
    };
}

IncidentUnits::IncidentUnits(QObject* parent)
    : QAbstractListModel(parent)
{ }

void IncidentUnits::setUnits(std::vector<UnitAssignment> units)
{
    beginResetModel();
    m_units = std::move(units);
    endResetModel();
}

int IncidentUnits::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_units.size());
}

QVariant IncidentUnits::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UnitAssignment& unit = m_units[static_cast<std::size_t>(index.row())];
    switch (role) {
    case UnitTypeRole:
        return unitTypeName(unit.type);
    case Qt::DisplayRole:
    case UnitIdRole:
        return unit.unitId;
    case StatusRole:
        return unit.status;
    case DispatchedMsRole:
        return static_cast<double>(unit.dispatchedMs);
    case OnSceneMsRole:
        return static_cast<double>(unit.onSceneMs);
    case DispatchedByRole:
        return unit.dispatchedBy;
    default:
        return {};
    }
}

QHash<int, QByteArray> IncidentUnits::roleNames() const
{
    return {
        { UnitTypeRole, "unitType" },
        { UnitIdRole, "unitId" },
        { StatusRole, "status" },
        { DispatchedMsRole, "dispatchedMs" },
        { OnSceneMsRole, "onSceneMs" },
        { DispatchedByRole, "dispatchedBy" },
    };
}

IncidentDetail::IncidentDetail(IncidentModel* incidents, QString consoleId, QObject* parent)
    : QObject(parent)
    , m_incidents(incidents)
    , m_consoleId(std::move(consoleId))
{
    connect(m_incidents, &IncidentModel::incidentChanged, this, [this](const QString& incidentId) {
        if (incidentId == m_incidentId)
            reload();
    });
    connect(m_incidents, &QAbstractItemModel::modelReset, this, &IncidentDetail::reload);
    // Rows move whenever any incident's order changes: reload only when the selected one left the queue
    // (the oldest closed ones leave at the limit), or its reset timeline would jump under the reader.
    connect(m_incidents, &IncidentModel::casesChanged, this, [this] {
        if (m_exists && !m_incidents->find(m_incidentId))
            reload();
    });
}

void IncidentDetail::setIncidentId(const QString& incidentId)
{
    if (incidentId == m_incidentId)
        return;
    m_incidentId = incidentId;
    reload();
}

void IncidentDetail::reload()
{
    const IncidentCase* incident = m_incidentId.isEmpty() ? nullptr : m_incidents->find(m_incidentId);
    m_exists = incident != nullptr;
    m_case = incident ? *incident : IncidentCase {};
    m_sla = incident ? m_incidents->slaOf(m_incidentId) : SlaClock {};
    m_duplicateOf = incident ? m_incidents->duplicateOf(m_incidentId) : QString();
    const IncidentCase* duplicate = m_duplicateOf.isEmpty() ? nullptr : m_incidents->find(m_duplicateOf);
    m_duplicateOfTitle = duplicate ? duplicate->latest.title : QString();
    m_policy = m_incidents->slaPolicy();
    m_nowMs = m_incidents->now();
    m_timeline.setEntries(m_case.timeline, m_consoleId);
    m_units.setUnits(m_case.units);
    Q_EMIT changed();
}

qint64 IncidentDetail::budget(const std::array<qint64, 4>& targets) const
{
    return m_exists ? targets[static_cast<std::size_t>(std::clamp(m_case.priority, 1, 4) - 1)] : 0;
}

bool IncidentDetail::late(const std::array<qint64, 4>& targets, qint64 metMs) const
{
    if (!m_exists)
        return false;
    const qint64 deadline = m_case.reportedMs + budget(targets);
    if (metMs > 0)
        return metMs > deadline;
    return m_case.isOpen() && m_nowMs > deadline;
}

int IncidentDetail::activeUnits() const
{
    return static_cast<int>(std::count_if(m_case.units.begin(), m_case.units.end(),
        [](const UnitAssignment& unit) { return unit.status != QLatin1String("released"); }));
}

QString IncidentDetail::state() const
{
    return m_exists ? incidentStateName(m_case.state) : QString();
}

QString IncidentDetail::districtName() const
{
    const District* district = DistrictLayer::xianyang().find(m_case.latest.district);
    return district ? district->name : m_case.latest.district;
}

QStringList IncidentDetail::attachments() const
{
    return QStringList(m_case.attachments.begin(), m_case.attachments.end());
}

QStringList IncidentDetail::capFields() const
{
    if (!hasCap())
        return {};
    return { QStringLiteral("identifier"), QStringLiteral("sender"), QStringLiteral("sent"), QStringLiteral("msgType"),
        QStringLiteral("event"), QStringLiteral("headline"), QStringLiteral("severity"), QStringLiteral("urgency"),
        QStringLiteral("certainty"), QStringLiteral("areaDesc") };
}

QStringList IncidentDetail::capValues() const
{
    if (!hasCap())
        return {};
    const CapAlert& cap = *m_case.latest.cap;
    return { cap.identifier, cap.sender, cap.sent, cap.msgType, cap.event, cap.headline, cap.severity, cap.urgency,
        cap.certainty, cap.areaDesc };
}

} // namespace citybrain
