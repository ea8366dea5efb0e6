#include "indicatortrend.h"

#include "indicatormodel.h"

#include <QXYSeries>

namespace citybrain {

IndicatorTrend::IndicatorTrend(QObject* parent)
    : IndicatorTrend(IndicatorModel::instance(), parent)
{ }

IndicatorTrend::IndicatorTrend(IndicatorModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
{
    if (m_model) {
        connect(m_model, &IndicatorModel::historyChanged, this, [this](const QString& id) {
            if (id == m_id)
                reload();
        });
    }
}

void IndicatorTrend::setIndicatorId(const QString& id)
{
    if (m_id == id)
        return;
    m_id = id;
    Q_EMIT indicatorIdChanged();
    reload();
}

QString IndicatorTrend::name() const
{
    return m_model ? m_model->displayName(m_id) : QString();
}

QString IndicatorTrend::unit() const
{
    return m_model ? m_model->unit(m_id) : QString();
}

void IndicatorTrend::reload()
{
    m_points = m_model ? m_model->history(m_id) : QList<QPointF>();
    m_min = m_max = m_points.isEmpty() ? 0 : m_points.first().y();
    for (const QPointF& point : std::as_const(m_points)) {
        m_min = std::min(m_min, point.y());
        m_max = std::max(m_max, point.y());
    }
    Q_EMIT pointsChanged();
}

void IndicatorTrend::fill(QObject* series) const
{
    if (auto* xy = qobject_cast<QXYSeries*>(series))
        xy->replace(m_points);
}

} // namespace citybrain
