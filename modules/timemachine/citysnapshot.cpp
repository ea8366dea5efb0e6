#include "citysnapshot.h"

#include "historyreader.h"
#include "incidentactionjson.h"
#include "logging.h"

#include <algorithm>

namespace citybrain {

std::vector<IncidentAction> readIncidentActionsAt(
    HistoryReader& reader, const std::vector<IncidentEvent>& incidents, qint64 atMs)
{
    QStringList ids;
    ids.reserve(static_cast<qsizetype>(incidents.size()));
    for (const IncidentEvent& incident : incidents)
        ids.append(incident.id);
    std::vector<IncidentAction> actions;
    for (const JournalEntry& entry : reader.incidentActions(ids)) {
        if (entry.tsMs > atMs)
            continue; // taken after the moment shown
        QString error;
        std::optional<IncidentAction> action = incidentActionFromJson(entry.payload.toUtf8(), entry.incidentId, &error);
        if (action)
            actions.push_back(std::move(*action));
        else
            qCWarning(lcStore) << "journal entry" << entry.id << "holds an unreadable action:" << error;
    }
    return actions;
}

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
    snapshot.actions = readIncidentActionsAt(reader, snapshot.incidents, atMs);
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
