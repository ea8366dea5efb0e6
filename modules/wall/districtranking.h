#pragma once

#include <QAbstractListModel>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace citybrain {

// The wall's district ranking (panel district_ranking): one row per district for one metric, worst
// first, at most `count` rows. Created inside the panel; it reads the services' instances
// (SensorMarkers, IncidentModel, SensorAlarmModel) and is empty without them.
//
// Metrics:
//   aqi, pm25, congestion, noise  the mean of the district's sensors' latest values of that metric
//                                 (noise: laeq), offline sensors left out (their values are old);
//                                 status by the usual lines: AQI 100/150, PM2.5 75/115 µg/m³,
//                                 congestion index (0-10) 4/6, noise 60/70 dB(A): above the first line
//                                 warning, above the second alarm;
//   incidents_open                open incidents per district (every shipped district, zeros too);
//                                 any open is a warning, an open P1 or P2 an alarm;
//   alarms                        active monitoring alarms per district (every shipped district);
//                                 any is a warning, a major or critical one an alarm.
//
// Recomputed at most once a second: change signals mark it dirty and a one-second timer recomputes.
// Sensor readings change without a signal (SensorMarkers signals status changes only), so a sensor
// metric is recomputed on every tick; the views only see rows that changed.
class DistrictRanking : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString metric READ metric WRITE setMetric NOTIFY metricChanged)
    Q_PROPERTY(int count READ count WRITE setCount NOTIFY countChanged)
    Q_PROPERTY(int rows READ rowCount NOTIFY rowsChanged)
    Q_PROPERTY(bool knownMetric READ knownMetric NOTIFY metricChanged)
    Q_PROPERTY(QString unit READ unit NOTIFY metricChanged)
    // The newest reading (or incident or alarm change) any row used, epoch ms; 0 when none.
    Q_PROPERTY(double dataMs READ dataMs NOTIFY dataMsChanged)
    // The first (worst) row's value; 0 without rows. A count metric at 0 everywhere is a quiet city.
    Q_PROPERTY(double largest READ largest NOTIFY largestChanged)
public:
    enum Roles {
        DistrictRole = Qt::UserRole + 1, // adcode
        NameRole, // the district's Chinese name (the adcode when unknown)
        ValueRole,
        UnitRole,
        ShareRole, // value / the largest value, 0..1, for the bar's length
        StatusRole, // normal, warning, alarm
        DataMsRole, // the newest reading used for this row
        SamplesRole, // sensors averaged, or incidents or alarms counted
    };
    Q_ENUM(Roles)

    static constexpr int refreshMs = 1000;
    static constexpr int defaultCount = 7;

    explicit DistrictRanking(QObject* parent = nullptr);

    // The metric ids, in the panel's order.
    [[nodiscard]] static QStringList metrics();

    [[nodiscard]] QString metric() const { return m_metric; }
    void setMetric(const QString& metric);
    [[nodiscard]] int count() const { return m_count; }
    void setCount(int count);
    [[nodiscard]] bool knownMetric() const;
    [[nodiscard]] QString unit() const;
    [[nodiscard]] double dataMs() const { return static_cast<double>(m_dataMs); }
    [[nodiscard]] double largest() const { return m_rows.empty() ? 0.0 : m_rows.front().value; }

    // Recomputes now (the timer calls it; tests may too).
    void refresh();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void metricChanged();
    void countChanged();
    void rowsChanged();
    void dataMsChanged();
    void largestChanged();

private:
    struct Row
    {
        QString district;
        double value = 0;
        int status = 0; // 0 normal, 1 warning, 2 alarm
        qint64 dataMs = 0;
        int samples = 0;
        double share = 0;

        bool operator==(const Row& other) const;
    };

    [[nodiscard]] std::vector<Row> compute() const;
    void markDirty() { m_dirty = true; }

    QString m_metric = QStringLiteral("aqi");
    int m_count = defaultCount;
    std::vector<Row> m_rows;
    qint64 m_dataMs = 0;
    bool m_dirty = true;
    QTimer m_timer;
};

} // namespace citybrain
