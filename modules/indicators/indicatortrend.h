#pragma once

#include <QObject>
#include <QPointF>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

class IndicatorModel;

// Feeds one indicator's history into a QtCharts series. Charts call fill() when pointsChanged()
// fires, which happens at most once per frame.
class IndicatorTrend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString indicatorId READ indicatorId WRITE setIndicatorId NOTIFY indicatorIdChanged)
    Q_PROPERTY(QString name READ name NOTIFY pointsChanged)
    Q_PROPERTY(QString unit READ unit NOTIFY pointsChanged)
    Q_PROPERTY(double minValue READ minValue NOTIFY pointsChanged)
    Q_PROPERTY(double maxValue READ maxValue NOTIFY pointsChanged)
    Q_PROPERTY(double firstMs READ firstMs NOTIFY pointsChanged)
    Q_PROPERTY(double lastMs READ lastMs NOTIFY pointsChanged)
    Q_PROPERTY(int pointCount READ pointCount NOTIFY pointsChanged)
public:
    explicit IndicatorTrend(QObject* parent = nullptr);
    // For tests and C++ users; QML instances use the IndicatorModel singleton.
    explicit IndicatorTrend(IndicatorModel* model, QObject* parent = nullptr);

    [[nodiscard]] QString indicatorId() const { return m_id; }
    void setIndicatorId(const QString& id);
    [[nodiscard]] QString name() const;
    [[nodiscard]] QString unit() const;
    [[nodiscard]] double minValue() const { return m_min; }
    [[nodiscard]] double maxValue() const { return m_max; }
    [[nodiscard]] double firstMs() const { return m_points.isEmpty() ? 0 : m_points.first().x(); }
    [[nodiscard]] double lastMs() const { return m_points.isEmpty() ? 0 : m_points.last().x(); }
    [[nodiscard]] int pointCount() const { return static_cast<int>(m_points.size()); }
    [[nodiscard]] const QList<QPointF>& points() const { return m_points; }

    // Replaces the points of a QXYSeries (LineSeries, SplineSeries, ScatterSeries).
    Q_INVOKABLE void fill(QObject* series) const;

Q_SIGNALS:
    void indicatorIdChanged();
    void pointsChanged();

private:
    void reload();

    IndicatorModel* m_model = nullptr;
    QString m_id;
    QList<QPointF> m_points;
    double m_min = 0;
    double m_max = 0;
};

} // namespace citybrain
