#pragma once

#include "sensorfleet.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

#include <optional>
#include <vector>

namespace citybrain::sim {

// One KPI tile's figure, as published on xy/v1/indicator/<id>.
struct SimIndicator
{
    QString id; // air.aqi
    QString name; // Chinese name on the wall
    QString nameEn;
    QString unit;
    std::optional<double> target;
    bool higherIsBetter = true;
    double value = 0;
    qint64 seq = 0;

    // The contract's JSON (docs/topics.md, Indicator) with an RFC 3339 +08:00 timestamp.
    [[nodiscard]] QByteArray toJson(qint64 tsMs) const;
};

// City-level indicators: averages over the sensors' last readings, incident and 12345 hotline counts,
// and the targets of Xianyang's digital-government plan, which creep towards their goals.
class IndicatorBoard
{
public:
    IndicatorBoard(quint64 seed, qint64 startMs);

    // Recomputes every indicator at `tsMs` and returns them with their next sequence number.
    const std::vector<SimIndicator>& update(const std::vector<SimSensor>& sensors, int openIncidents, qint64 tsMs);
    // A 12345 hotline case that became an incident counts towards today's cases.
    void countHotlineCase(qint64 tsMs);

    [[nodiscard]] const std::vector<SimIndicator>& indicators() const { return m_indicators; }
    [[nodiscard]] static QStringList ids();

private:
    SimIndicator& at(const char* id);
    void rollDay(qint64 tsMs);
    // Expected 12345 cases from Beijing midnight up to `hour` (about 1,200 a day).
    [[nodiscard]] static double hotlineCasesBy(double hour);

    QRandomGenerator m_rng;
    std::vector<SimIndicator> m_indicators;
    qint64 m_lastMs = 0;
    QString m_day;
    double m_hotlineToday = 0;
};

} // namespace citybrain::sim
