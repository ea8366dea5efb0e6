#include "indicatormodel.h"

#include "indicatortrend.h"

#include <QSet>

#include <cmath>
#include <limits>

namespace citybrain {

IndicatorModel::IndicatorModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

void IndicatorModel::setPreferredOrder(const QStringList& ids)
{
    m_preferred = ids;
}

void IndicatorModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), { NameRole });
}

std::size_t IndicatorModel::sinceLastGap(const std::deque<QPointF>& history, std::size_t count)
{
    // The same rule as the trend chart's line breaks (IndicatorTrend::gapThresholdMs).
    const std::size_t start = history.size() - std::min(count, history.size());
    QList<QPointF> tail;
    tail.reserve(static_cast<qsizetype>(history.size() - start));
    for (std::size_t i = start; i < history.size(); ++i)
        tail.append(history[i]);
    const double threshold = IndicatorTrend::gapThresholdMs(tail);
    for (std::size_t i = history.size() - 1; i > start; --i) {
        if (history[i].x() - history[i - 1].x() > threshold)
            return i;
    }
    return start;
}

QList<qreal> IndicatorModel::sparklineOf(const std::deque<QPointF>& history)
{
    if (history.empty())
        return {};
    // Only the values since the last gap: a sparkline has no time axis, so joining values from before
    // an outage would show a change that nobody saw happen.
    const auto first = history.begin() + static_cast<std::ptrdiff_t>(sinceLastGap(history, sparklinePoints));
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    for (auto it = first; it != history.end(); ++it) {
        low = std::min(low, it->y());
        high = std::max(high, it->y());
    }
    QList<qreal> scaled;
    scaled.reserve(static_cast<qsizetype>(history.end() - first));
    for (auto it = first; it != history.end(); ++it)
        scaled.append(high > low ? (it->y() - low) / (high - low) : 0.5);
    return scaled;
}

int IndicatorModel::trendOf(const std::deque<QPointF>& history)
{
    if (history.size() < 2)
        return 0;
    const QPointF& last = history.back();
    // Never against a value from before an outage.
    const auto since = history.begin() + static_cast<std::ptrdiff_t>(sinceLastGap(history, history.size()));
    QPointF earlier = *since;
    for (auto it = history.rbegin(); it != std::make_reverse_iterator(since); ++it) {
        if (last.x() - it->x() >= trendWindowMs) {
            earlier = *it;
            break;
        }
    }
    const double change = last.y() - earlier.y();
    // Changes under 0.5 % of the value are noise, not a trend.
    if (std::abs(change) <= 0.005 * std::max(std::abs(last.y()), 1e-9))
        return 0;
    return change > 0 ? 1 : -1;
}

void IndicatorModel::apply(const std::vector<IndicatorUpdate>& updates)
{
    QSet<QString> changed;
    for (const IndicatorUpdate& update : updates) {
        auto found = m_rowOf.constFind(update.id);
        int row = 0;
        if (found == m_rowOf.constEnd()) {
            // Preferred indicators in their configured order, then the others as they arrive.
            const qint64 rank
                = m_preferred.contains(update.id) ? m_preferred.indexOf(update.id) : m_preferred.size() + m_arrivals;
            ++m_arrivals;
            row = static_cast<int>(std::lower_bound(m_rows.begin(), m_rows.end(), rank, [](const Row& r, qint64 value) {
                return r.rank < value;
            }) - m_rows.begin());
            beginInsertRows({}, row, row);
            m_rows.insert(m_rows.begin() + row, { update, {}, rank });
            for (int i = row; i < static_cast<int>(m_rows.size()); ++i)
                m_rowOf.insert(m_rows[static_cast<std::size_t>(i)].latest.id, i);
            endInsertRows();
            Q_EMIT countChanged();
        } else {
            row = *found;
            // A late, older value (e.g. a retained one after a reconnect) must not replace a newer one.
            if (update.tsMs < m_rows[row].latest.tsMs)
                continue;
            m_rows[row].latest = update;
        }
        std::deque<QPointF>& history = m_rows[row].history;
        if (history.empty() || history.back().x() < update.tsMs)
            history.emplace_back(static_cast<double>(update.tsMs), update.value);
        while (history.size() > historyLimit)
            history.pop_front();
        changed.insert(update.id);
        m_knownIds.insert(update.id);
    }
    for (const QString& id : changed) {
        const QModelIndex at = index(m_rowOf.value(id));
        Q_EMIT dataChanged(at, at);
        Q_EMIT historyChanged(id);
    }
}

void IndicatorModel::reset(const std::vector<IndicatorUpdate>& updates)
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_arrivals = 0;
    endResetModel();
    Q_EMIT countChanged();
    apply(updates);
    // Charts of indicators that are not in the snapshot must empty too.
    for (const QString& id : std::as_const(m_knownIds)) {
        if (!m_rowOf.contains(id))
            Q_EMIT historyChanged(id);
    }
}

int IndicatorModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant IndicatorModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const IndicatorUpdate& latest = row.latest;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m_english && !latest.nameEn.isEmpty() ? latest.nameEn : latest.name;
    case IdRole:
        return latest.id;
    case UnitRole:
        return latest.unit;
    case ValueRole:
        return latest.value;
    case TargetRole:
        return latest.target;
    case HasTargetRole:
        return latest.hasTarget;
    case TrendRole:
        return trendOf(row.history);
    case TrendIsGoodRole: {
        const int trend = trendOf(row.history);
        return trend == 0 || (trend > 0) == latest.higherIsBetter;
    }
    case UpdatedMsRole:
        return static_cast<double>(latest.tsMs);
    case HigherIsBetterRole:
        return latest.higherIsBetter;
    case SparklineRole:
        return QVariant::fromValue(sparklineOf(row.history));
    default:
        return {};
    }
}

QHash<int, QByteArray> IndicatorModel::roleNames() const
{
    return {
        { IdRole, "indicatorId" },
        { NameRole, "name" },
        { UnitRole, "unit" },
        { ValueRole, "value" },
        { TargetRole, "target" },
        { HasTargetRole, "hasTarget" },
        { TrendRole, "trend" },
        { TrendIsGoodRole, "trendIsGood" },
        { UpdatedMsRole, "updatedMs" },
        { SparklineRole, "sparkline" },
        { HigherIsBetterRole, "higherIsBetter" },
    };
}

int IndicatorModel::rowOf(const QString& id) const
{
    return m_rowOf.value(id, -1);
}

QList<QPointF> IndicatorModel::history(const QString& id) const
{
    auto found = m_rowOf.constFind(id);
    if (found == m_rowOf.constEnd())
        return {};
    const std::deque<QPointF>& history = m_rows[*found].history;
    return QList<QPointF>(history.begin(), history.end());
}

QString IndicatorModel::displayName(const QString& id) const
{
    auto found = m_rowOf.constFind(id);
    return found == m_rowOf.constEnd() ? QString() : data(index(*found), NameRole).toString();
}

QString IndicatorModel::unit(const QString& id) const
{
    auto found = m_rowOf.constFind(id);
    return found == m_rowOf.constEnd() ? QString() : m_rows[*found].latest.unit;
}

} // namespace citybrain
