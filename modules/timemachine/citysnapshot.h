#pragma once

#include "citytypes.h"

#include <QString>

#include <vector>

namespace citybrain {

class HistoryReader;

// The city as it was at one moment, read from the history store: every incident's state then, and
// every indicator's value then with the hour before it (for tiles and charts).
struct CitySnapshot
{
    qint64 atMs = 0;
    std::vector<IncidentEvent> incidents;
    std::vector<IncidentAction> actions; // journalled by then, on those incidents
    std::vector<IndicatorUpdate> indicators; // oldest first, per indicator, its latest last
};

// The console actions journalled on these incidents up to atMs, in journal order.
[[nodiscard]] std::vector<IncidentAction> readIncidentActionsAt(
    HistoryReader& reader, const std::vector<IncidentEvent>& incidents, qint64 atMs);

// Reads a snapshot; never on the GUI thread. `historyMs` of indicator history, M4 over `chartWidth` px.
[[nodiscard]] CitySnapshot readCitySnapshot(HistoryReader& reader, qint64 atMs, qint64 historyMs, int chartWidth);

} // namespace citybrain
