#pragma once

#include "citytypes.h"
#include "feeddecoder.h"
#include "gisupdate.h"
#include "sensoralarm.h"

#include <array>
#include <vector>

namespace citybrain {

// What the ingest worker hands to the GUI thread, at most once per frame.
struct IngestBatch
{
    std::vector<TelemetrySample> telemetry; // latest reading per sensor since the previous batch
    std::vector<IndicatorUpdate> indicators; // every update, in arrival order (charts keep history)
    std::vector<IncidentEvent> incidents; // every event, in arrival order, already stored
    // Every console action, in arrival order, already journalled; a redelivered one (an action id seen
    // before for its incident) is left out. Restored: the journalled actions of the restored incidents,
    // in journal order.
    std::vector<IncidentAction> actions;
    std::vector<PresenceStatus> presence;
    std::vector<Annotation> annotations;
    std::vector<WallControl> wallControls; // in arrival order; the last one per wall counts
    // Monitoring alarms raised and cleared (rules and anomalies), in the order they happened; the
    // incidents they are grouped under are in `incidents` (source citybrain-rules).
    std::vector<SensorAlarm> alarms;
    // Map layer updates from xy/v1/gis/<layer-id>, in arrival order (docs/topics.md, "GIS layers").
    std::vector<GisUpdate> gisUpdates;
    // Source timestamps of the live (not retained, not restored) indicators above, for the
    // publish-to-model latency; telemetry carries its own. Incidents are left out: their timestamp is
    // when the source observed the event, which may be long before it was published.
    std::vector<qint64> liveIndicatorTsMs;
    qint64 received = 0;
    qint64 decoded = 0;
    std::array<qint64, rejectReasonCount> rejected {};
    qint64 newestMessageMs = 0; // receive time of the newest message in the batch
    bool restored = false; // incidents and their actions loaded from the store at start, not live

    [[nodiscard]] bool isEmpty() const
    {
        return received == 0 && telemetry.empty() && indicators.empty() && incidents.empty() && actions.empty()
            && presence.empty() && annotations.empty() && wallControls.empty() && alarms.empty() && gisUpdates.empty();
    }
};

} // namespace citybrain
