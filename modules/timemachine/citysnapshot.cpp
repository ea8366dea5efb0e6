#include "citysnapshot.h"

#include "historyreader.h"

#include <algorithm>

namespace citybrain {

CitySnapshot readCitySnapshot(HistoryReader& reader, qint64 atMs, qint64 historyMs, int chartWidth)
{
    CitySnapshot snapshot;
    snapshot.atMs = atMs;
    snapshot.incidents = reader.incidentStatesAt(atMs);
    // The incident list shows what was reported by then; the most recent 500, as live.
    std::sort(snapshot.incidents.begin(), snapshot.incidents.end(),
        [](const IncidentEvent& a, const IncidentEvent& b) { return a.tsMs < b.tsMs; });
    if (snapshot.incidents.size() > 500)
        snapshot.incidents.erase(snapshot.incidents.begin(), snapshot.incidents.end() - 500);
    for (const IndicatorUpdate& latest : reader.latestIndicators()) {
        const std::vector<QPointF> points = reader.indicatorHistory(latest.id, atMs - historyMs, atMs, chartWidth);
        for (const QPointF& point : points) {
            IndicatorUpdate then = latest; // names, unit and target as known now
            then.tsMs = static_cast<qint64>(point.x());
            then.value = point.y();
            snapshot.indicators.push_back(then);
        }
    }
    return snapshot;
}

} // namespace citybrain
