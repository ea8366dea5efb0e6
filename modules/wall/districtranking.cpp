#include "districtranking.h"

#include "districtlayer.h"
#include "incidentmodel.h"
#include "logging.h"
#include "sensoralarmmodel.h"
#include "sensormarkers.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

enum class Source { Sensors, Incidents, Alarms };

struct MetricSpec
{
    const char* id;
    Source source;
    const char* sensorMetric; // the telemetry metric averaged (sensor metrics)
    const char* unit;
    double warning; // above it: warning (sensor metrics)
    double alarm; // above it: alarm
};

// AQI and PM2.5: the upper bounds of 良 (HJ 633-2012, GB 3095-2012), then of 轻度污染. Congestion:
// the simulator's 0-10 index, 轻度拥堵 from 4, 中度拥堵 from 6 (resources/rules/default-rules.json).
// Noise: the class 2 daytime limit (GB 3096-2008, 60 dB(A)) and 10 dB over it.
constexpr MetricSpec specs[] = {
    { "aqi", Source::Sensors, "aqi", "", 100, 150 },
    { "pm25", Source::Sensors, "pm25", "µg/m³", 75, 115 },
    { "congestion", Source::Sensors, "congestion", "", 4, 6 },
    { "noise", Source::Sensors, "laeq", "dB(A)", 60, 70 },
    { "incidents_open", Source::Incidents, "", "", 0, 0 },
    { "alarms", Source::Alarms, "", "", 0, 0 },
};

const MetricSpec* specOf(const QString& metric)
{
    for (const MetricSpec& spec : specs) {
        if (metric == QLatin1String(spec.id))
            return &spec;
    }
    return nullptr;
}

const QString& statusName(int status)
{
    static const QString names[] = { QStringLiteral("normal"), QStringLiteral("warning"), QStringLiteral("alarm") };
    return names[std::clamp(status, 0, 2)];
}

QString districtName(const QString& adcode)
{
    const District* district = DistrictLayer::xianyang().find(adcode);
    return district ? district->name : adcode;
}

struct Tally
{
    double sum = 0;
    int samples = 0;
    int status = 0;
    qint64 dataMs = 0;
};

// Every shipped district at zero, so that a count metric shows the quiet districts too.
QHash<QString, Tally> everyDistrict()
{
    QHash<QString, Tally> tallies;
    for (const District& district : DistrictLayer::xianyang().districts())
        tallies.insert(district.adcode, {});
    return tallies;
}

QHash<QString, Tally> sensorTallies(const MetricSpec& spec)
{
    QHash<QString, Tally> tallies;
    const SensorMarkers* sensors = SensorMarkers::instance();
    if (!sensors)
        return tallies;
    const QLatin1String metric(spec.sensorMetric);
    sensors->forEachSensor([&](const SensorMarkers::Reading& reading) {
        if (reading.status == SensorMarkers::Status::Offline || reading.district.isEmpty())
            return;
        for (const auto& [name, value] : reading.values) {
            if (name != metric || !std::isfinite(value))
                continue;
            Tally& tally = tallies[reading.district];
            tally.sum += value;
            ++tally.samples;
            tally.dataMs = std::max(tally.dataMs, reading.tsMs);
            return;
        }
    });
    for (Tally& tally : tallies) {
        const double mean = tally.sum / tally.samples;
        tally.sum = mean;
        tally.status = mean > spec.alarm ? 2 : (mean > spec.warning ? 1 : 0);
    }
    return tallies;
}

// One per row of `model` that `weigh` counts (it returns the row's status 1 or 2, or 0 to skip it),
// per district, on top of every shipped district at zero.
template <typename Weigh>
QHash<QString, Tally> countPerDistrict(const QAbstractItemModel& model, int districtRole, const Weigh& weigh)
{
    QHash<QString, Tally> tallies = everyDistrict();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        qint64 dataMs = 0;
        const int status = weigh(index, &dataMs);
        const QString district = index.data(districtRole).toString();
        if (status == 0 || district.isEmpty())
            continue;
        Tally& tally = tallies[district];
        tally.sum += 1;
        ++tally.samples;
        tally.status = std::max(tally.status, status);
        tally.dataMs = std::max(tally.dataMs, dataMs);
    }
    return tallies;
}

// Open incidents: an open P1 or P2 makes its district an alarm.
QHash<QString, Tally> incidentTallies()
{
    const IncidentModel* incidents = IncidentModel::instance();
    if (!incidents)
        return {};
    return countPerDistrict(
        *incidents, IncidentModel::DistrictRole, [incidents](const QModelIndex& index, qint64* dataMs) {
            if (!index.data(IncidentModel::OpenRole).toBool())
                return 0;
            if (const IncidentCase* incident = incidents->find(index.data(IncidentModel::IdRole).toString()))
                *dataMs = incident->latest.tsMs;
            return index.data(IncidentModel::PriorityRole).toInt() <= 2 ? 2 : 1;
        });
}

// Active alarms, as the sensor markers show them: major and critical are alarms, the rest warnings.
QHash<QString, Tally> alarmTallies()
{
    const SensorAlarmModel* alarms = SensorAlarmModel::instance();
    if (!alarms)
        return {};
    return countPerDistrict(*alarms, SensorAlarmModel::DistrictRole, [](const QModelIndex& index, qint64* dataMs) {
        if (!index.data(SensorAlarmModel::ActiveRole).toBool())
            return 0;
        *dataMs = static_cast<qint64>(index.data(SensorAlarmModel::ChangedMsRole).toDouble());
        return index.data(SensorAlarmModel::SeverityRole).toInt() >= static_cast<int>(Severity::Major) ? 2 : 1;
    });
}

} // namespace

bool DistrictRanking::Row::operator==(const Row& other) const
{
    return district == other.district && value == other.value && status == other.status && dataMs == other.dataMs
        && samples == other.samples && share == other.share;
}

DistrictRanking::DistrictRanking(QObject* parent)
    : QAbstractListModel(parent)
{
    if (const IncidentModel* incidents = IncidentModel::instance()) {
        connect(incidents, &IncidentModel::casesChanged, this, &DistrictRanking::markDirty);
        connect(incidents, &QAbstractItemModel::modelReset, this, &DistrictRanking::markDirty);
    }
    if (const SensorAlarmModel* alarms = SensorAlarmModel::instance())
        connect(alarms, &QAbstractItemModel::modelReset, this, &DistrictRanking::markDirty);
    if (const SensorMarkers* sensors = SensorMarkers::instance())
        connect(sensors, &SensorMarkers::changed, this, &DistrictRanking::markDirty);
    m_timer.setInterval(refreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const MetricSpec* spec = specOf(m_metric);
        if (m_dirty || (spec && spec->source == Source::Sensors))
            refresh();
    });
    m_timer.start();
    refresh();
}

QStringList DistrictRanking::metrics()
{
    QStringList ids;
    for (const MetricSpec& spec : specs)
        ids.append(QLatin1String(spec.id));
    return ids;
}

void DistrictRanking::setMetric(const QString& metric)
{
    if (metric == m_metric)
        return;
    if (!specOf(metric))
        qCWarning(lcWall) << "district ranking: unknown metric" << metric << "- expected one of" << metrics();
    m_metric = metric;
    Q_EMIT metricChanged();
    refresh();
}

void DistrictRanking::setCount(int count)
{
    count = std::max(1, count);
    if (count == m_count)
        return;
    m_count = count;
    Q_EMIT countChanged();
    refresh();
}

bool DistrictRanking::knownMetric() const
{
    return specOf(m_metric) != nullptr;
}

QString DistrictRanking::unit() const
{
    const MetricSpec* spec = specOf(m_metric);
    return spec ? QString::fromUtf8(spec->unit) : QString();
}

std::vector<DistrictRanking::Row> DistrictRanking::compute() const
{
    const MetricSpec* spec = specOf(m_metric);
    if (!spec)
        return {};
    const QHash<QString, Tally> tallies = spec->source == Source::Sensors ? sensorTallies(*spec)
        : spec->source == Source::Incidents                               ? incidentTallies()
                                                                          : alarmTallies();
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(tallies.size()));
    for (auto it = tallies.cbegin(); it != tallies.cend(); ++it)
        rows.push_back({ it.key(), it->sum, it->status, it->dataMs, it->samples, 0 });
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.value != b.value)
            return a.value > b.value;
        if (a.status != b.status)
            return a.status > b.status;
        return a.district < b.district;
    });
    if (rows.size() > static_cast<std::size_t>(m_count))
        rows.resize(static_cast<std::size_t>(m_count));
    const double top = rows.empty() ? 0.0 : rows.front().value;
    for (Row& row : rows)
        row.share = top > 0 ? std::clamp(row.value / top, 0.0, 1.0) : 0.0;
    return rows;
}

void DistrictRanking::refresh()
{
    m_dirty = false;
    const double largestBefore = largest();
    std::vector<Row> rows = compute();
    qint64 dataMs = 0;
    for (const Row& row : rows)
        dataMs = std::max(dataMs, row.dataMs);

    const bool sameOrder = rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(),
            [](const Row& a, const Row& b) { return a.district == b.district; });
    if (!sameOrder) {
        const bool countChanges = rows.size() != m_rows.size();
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        if (countChanges)
            Q_EMIT rowsChanged();
    } else {
        // The same districts in the same order: only the changed rows update, the bars animate.
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i] == m_rows[i])
                continue;
            m_rows[i] = rows[i];
            const QModelIndex at = index(static_cast<int>(i));
            Q_EMIT dataChanged(at, at);
        }
    }
    if (largest() != largestBefore)
        Q_EMIT largestChanged();
    if (dataMs != m_dataMs) {
        m_dataMs = dataMs;
        Q_EMIT dataMsChanged();
    }
}

int DistrictRanking::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant DistrictRanking::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case DistrictRole:
        return row.district;
    case Qt::DisplayRole:
    case NameRole:
        return districtName(row.district);
    case ValueRole:
        return row.value;
    case UnitRole:
        return unit();
    case ShareRole:
        return row.share;
    case StatusRole:
        return statusName(row.status);
    case DataMsRole:
        return static_cast<double>(row.dataMs);
    case SamplesRole:
        return row.samples;
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> DistrictRanking::roleNames() const
{
    return {
        { DistrictRole, "district" },
        { NameRole, "name" },
        { ValueRole, "value" },
        { UnitRole, "unit" },
        { ShareRole, "share" },
        { StatusRole, "status" },
        { DataMsRole, "dataMs" },
        { SamplesRole, "samples" },
    };
}

} // namespace citybrain
