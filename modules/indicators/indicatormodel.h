#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointF>
#include <QSet>
#include <QtQml/qqmlregistration.h>

#include <deque>

namespace citybrain {

// The city's indicators for KPI tiles and trend charts, in arrival order, each with a bounded
// history of its values.
class IndicatorModel : public QAbstractListModel, public QmlSingleton<IndicatorModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Indicators)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        UnitRole,
        ValueRole,
        TargetRole,
        HasTargetRole,
        TrendRole,
        TrendIsGoodRole,
        UpdatedMsRole,
        SparklineRole,
        HigherIsBetterRole,
    };
    Q_ENUM(Roles)

    static constexpr std::size_t historyLimit = 3600;
    static constexpr qint64 trendWindowMs = 60000;
    static constexpr int sparklinePoints = 60;
    // The last sparklinePoints values since the last gap, scaled to 0..1 (a flat series is 0.5), oldest first.
    [[nodiscard]] static QList<qreal> sparklineOf(const std::deque<QPointF>& history);
    // The index of the first of the last `count` values that follows no gap (see IndicatorTrend).
    [[nodiscard]] static std::size_t sinceLastGap(const std::deque<QPointF>& history, std::size_t count);

    // No default argument: Qt 6.4 would then create its own, empty instance for QML instead of
    // calling create().
    explicit IndicatorModel(QObject* parent);

    // English names are shown when the UI language is English and the source gave one.
    void setEnglish(bool english);
    // The order of the KPI tiles: these ids first, in this order (set before data arrives).
    void setPreferredOrder(const QStringList& ids);
    void apply(const std::vector<IndicatorUpdate>& updates);
    // Shows exactly these values and histories (oldest first), as apply() would from empty.
    void reset(const std::vector<IndicatorUpdate>& updates);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // The row of an indicator, -1 until it has arrived. Rows move only when indicators arrive or the
    // model resets, and both change `count`: a QML binding that reads `count` stays right.
    Q_INVOKABLE [[nodiscard]] int rowOf(const QString& id) const;
    // For charts: the history of one indicator (x = epoch ms), empty if unknown.
    [[nodiscard]] QList<QPointF> history(const QString& id) const;
    [[nodiscard]] QString displayName(const QString& id) const;
    [[nodiscard]] QString unit(const QString& id) const;
    // -1 falling, 0 flat, +1 rising: the latest value against the one about a minute earlier.
    [[nodiscard]] static int trendOf(const std::deque<QPointF>& history);

Q_SIGNALS:
    void countChanged();
    // Once per apply() for every indicator that got new values.
    void historyChanged(const QString& id);

private:
    struct Row
    {
        IndicatorUpdate latest;
        std::deque<QPointF> history;
        qint64 rank = 0;
    };
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOf;
    bool m_english = false;
    QStringList m_preferred;
    QSet<QString> m_knownIds; // every id ever shown, so a reset can empty their charts
    qint64 m_arrivals = 0;
};

} // namespace citybrain
