#include "sensoralarmmodel.h"

#include "districtlayer.h"
#include "incidentmodel.h"

#include <QVariantList>

#include <algorithm>

namespace citybrain {

SensorAlarmModel::SensorAlarmModel(const IncidentModel* incidents, QObject* parent)
    : QAbstractListModel(parent)
    , m_incidents(incidents)
{
    // Acknowledging an incident acknowledges the alarms under it.
    if (m_incidents) {
        connect(m_incidents, &IncidentModel::casesChanged, this, [this] {
            if (rowCount() == 0)
                return;
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), { AcknowledgedRole });
            Q_EMIT countChanged();
        });
    }
}

bool SensorAlarmModel::before(const Row& a, const Row& b)
{
    if (a.active != b.active)
        return a.active;
    if (a.active && a.alarm.severity != b.alarm.severity)
        return a.alarm.severity > b.alarm.severity;
    if (a.active)
        return a.alarm.sinceMs != b.alarm.sinceMs ? a.alarm.sinceMs < b.alarm.sinceMs : a.alarm.id < b.alarm.id;
    return a.alarm.tsMs != b.alarm.tsMs ? a.alarm.tsMs > b.alarm.tsMs : a.alarm.id < b.alarm.id; // cleared: newest
}

void SensorAlarmModel::apply(const std::vector<SensorAlarm>& changes)
{
    if (changes.empty())
        return;
    // Alarms change rarely (an episode raises once and clears once): rebuilding the short list is
    // simpler than moving rows, and a model reset keeps views consistent.
    beginResetModel();
    for (const SensorAlarm& change : changes) {
        const auto same = [&](const Row& row) { return row.alarm.id == change.id && row.active; };
        const auto open = std::find_if(m_rows.begin(), m_rows.end(), same);
        if (change.state == SensorAlarm::State::Raised) {
            if (open != m_rows.end())
                open->alarm = change;
            else
                m_rows.push_back({ change, true });
        } else if (open != m_rows.end()) {
            SensorAlarm cleared = change;
            if (cleared.trend.empty())
                cleared.trend = open->alarm.trend; // keep the picture of the trigger
            if (cleared.incidentId.isEmpty())
                cleared.incidentId = open->alarm.incidentId;
            *open = { cleared, false };
        }
    }
    rebuild();
    endResetModel();
    Q_EMIT countChanged();
}

void SensorAlarmModel::rebuild()
{
    std::stable_sort(m_rows.begin(), m_rows.end(), before);
    const auto firstCleared = std::find_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return !row.active; });
    if (m_rows.end() - firstCleared > clearedKept)
        m_rows.erase(firstCleared + clearedKept, m_rows.end());
}

int SensorAlarmModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SensorAlarmModel::activeCount() const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return row.active; }));
}

int SensorAlarmModel::unacknowledgedCount() const
{
    return static_cast<int>(std::count_if(
        m_rows.begin(), m_rows.end(), [this](const Row& row) { return row.active && !acknowledged(row); }));
}

int SensorAlarmModel::rowOf(const QString& alarmId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_rows[static_cast<std::size_t>(row)].alarm.id == alarmId)
            return row;
    }
    return -1;
}

bool SensorAlarmModel::acknowledged(const Row& row) const
{
    if (row.alarm.incidentKind.isEmpty())
        return true; // informational (a rule without an incident kind): nobody needs to acknowledge it
    const IncidentCase* incident
        = m_incidents && !row.alarm.incidentId.isEmpty() ? m_incidents->find(row.alarm.incidentId) : nullptr;
    return incident && incident->acknowledgedMs > 0;
}

QVariant SensorAlarmModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const SensorAlarm& alarm = row.alarm;
    switch (role) {
    case IdRole:
        return alarm.id;
    case RuleIdRole:
        return alarm.ruleId;
    case SensorIdRole:
        return alarm.sensorId;
    case DomainRole:
        return alarm.domain;
    case MetricRole:
        return alarm.metric;
    case DistrictRole:
        return alarm.district;
    case DistrictNameRole: {
        const District* district = DistrictLayer::xianyang().find(alarm.district);
        return district ? district->name : alarm.district;
    }
    case LonRole:
        return alarm.lon;
    case LatRole:
        return alarm.lat;
    case ActiveRole:
        return row.active;
    case SeverityRole:
        return static_cast<int>(alarm.severity);
    case IncidentKindRole:
        return alarm.incidentKind;
    case ValueRole:
        return alarm.value;
    case ThresholdRole:
        return alarm.threshold;
    case ScoreRole:
        return alarm.score;
    case AnomalyRole:
        return alarm.anomaly;
    case SinceMsRole:
        return static_cast<double>(alarm.sinceMs);
    case ChangedMsRole:
        return static_cast<double>(alarm.tsMs);
    case Qt::DisplayRole:
    case ExplanationRole:
        return m_english && !alarm.explanationEn.isEmpty() ? alarm.explanationEn : alarm.explanation;
    case IncidentIdRole:
        return alarm.incidentId;
    case AcknowledgedRole:
        return acknowledged(row);
    case InformationalRole:
        return alarm.incidentKind.isEmpty();
    case TrendRole: {
        QVariantList points;
        points.reserve(static_cast<qsizetype>(alarm.trend.size()));
        for (const QPointF& point : alarm.trend)
            points.append(point);
        return points;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SensorAlarmModel::roleNames() const
{
    return {
        { IdRole, "alarmId" },
        { RuleIdRole, "ruleId" },
        { SensorIdRole, "sensorId" },
        { DomainRole, "domain" },
        { MetricRole, "metric" },
        { DistrictRole, "district" },
        { DistrictNameRole, "districtName" },
        { LonRole, "lon" },
        { LatRole, "lat" },
        { ActiveRole, "active" },
        { SeverityRole, "severity" },
        { IncidentKindRole, "incidentKind" },
        { ValueRole, "value" },
        { ThresholdRole, "threshold" },
        { ScoreRole, "score" },
        { AnomalyRole, "anomaly" },
        { SinceMsRole, "sinceMs" },
        { ChangedMsRole, "changedMs" },
        { ExplanationRole, "explanation" },
        { IncidentIdRole, "incidentId" },
        { AcknowledgedRole, "acknowledged" },
        { InformationalRole, "informational" },
        { TrendRole, "trend" },
    };
}

IncidentAlarms::IncidentAlarms(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &IncidentAlarms::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &IncidentAlarms::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &IncidentAlarms::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &IncidentAlarms::countChanged);
}

void IncidentAlarms::setIncidentId(const QString& incidentId)
{
    if (incidentId == m_incidentId)
        return;
    m_incidentId = incidentId;
    invalidateFilter();
    Q_EMIT incidentIdChanged();
    Q_EMIT countChanged();
}

bool IncidentAlarms::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_incidentId.isEmpty())
        return false;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(SensorAlarmModel::IncidentIdRole).toString() == m_incidentId;
}

} // namespace citybrain
