#pragma once

#include "annotationmodel.h"
#include "feedhealth.h"
#include "gisupdate.h"
#include "incidentmarkers.h"
#include "incidentmodel.h"
#include "indicatormodel.h"
#include "presencemodel.h"
#include "sensoralarmmodel.h"
#include "sensormarkers.h"
#include "wallfocus.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace citybrain {

class Histogram;
class IngestPipeline;
class MapLayers;
class MqttClient;

// The live state the wall presents, on the GUI thread: fed by the ingest pipeline's batches.
class CityState : public QObject
{
    Q_OBJECT
public:
    // `wallId`: the wall this console shows (a leader's focus for it is followed).
    explicit CityState(bool embeddedBroker, const QString& wallId = QStringLiteral("main"), QObject* parent = nullptr);

    // Applies every batch the pipeline posts and samples its queue once a second.
    void attach(IngestPipeline* pipeline);
    // Shows the client's connection state.
    void attach(MqttClient* client);
    void apply(const IngestBatch& batch);
    // Live (default): batches reach the models. Not live (the time machine is showing the past):
    // batches still count for health, and their incidents, indicators and GIS layer updates are kept
    // (bounded) to be applied when the wall goes live again, after the present has been shown from the
    // store. Sensor markers follow the live readings in both (the store keeps no sensor positions).
    void setLive(bool live);
    [[nodiscard]] bool isLive() const { return m_live; }
    // Replaces what the incident list and the KPI tiles show (the time machine's snapshots).
    void showState(const std::vector<IncidentEvent>& incidents, const std::vector<IncidentAction>& actions,
        const std::vector<IndicatorUpdate>& indicators);

    // The map's layers (created by main(), shared by every map view; may be null): the GIS feed's updates
    // go there, and the sensor and incident markers (SensorMarkers, IncidentMarkers) write theirs into
    // its "sensors", "incidents" and "heat" layers. Call before the first batch.
    void setMapLayers(MapLayers* layers);
    [[nodiscard]] MapLayers* mapLayers() const { return m_mapLayers; }

    // Where to record publish-to-model latency and the GUI thread's time per batch (may be null).
    void setHistograms(Histogram* latencySeconds, Histogram* applySeconds);
    // Makes the models the QML singletons' instances.
    void provideToQml();

    [[nodiscard]] IndicatorModel& indicators() { return m_indicators; }
    [[nodiscard]] IncidentModel& incidents() { return m_incidents; }
    [[nodiscard]] FeedHealth& health() { return m_health; }
    [[nodiscard]] PresenceModel& presence() { return m_presence; }
    [[nodiscard]] AnnotationModel& annotations() { return m_annotations; }
    [[nodiscard]] WallFocus& focus() { return m_focus; }
    [[nodiscard]] SensorAlarmModel& alarms() { return m_alarms; }
    [[nodiscard]] SensorMarkers& sensorMarkers() { return m_sensorMarkers; }
    [[nodiscard]] IncidentMarkers& incidentMarkers() { return m_incidentMarkers; }
    [[nodiscard]] qint64 batchesApplied() const { return m_batches; }

Q_SIGNALS:
    void batchApplied();

private:
    IndicatorModel m_indicators;
    IncidentModel m_incidents;
    FeedHealth m_health;
    PresenceModel m_presence;
    AnnotationModel m_annotations;
    WallFocus m_focus;
    SensorAlarmModel m_alarms;
    SensorMarkers m_sensorMarkers;
    IncidentMarkers m_incidentMarkers;
    MapLayers* m_mapLayers = nullptr;
    QTimer m_healthTimer;
    qint64 m_batches = 0;
    Histogram* m_latency = nullptr;
    bool m_live = true;
    std::vector<IncidentEvent> m_missedIncidents;
    std::vector<IncidentAction> m_missedActions;
    std::vector<SensorAlarm> m_missedAlarms;
    std::vector<IndicatorUpdate> m_missedIndicators;
    // GIS updates received while not live: a layer's Replace or Clear drops its earlier ones.
    std::vector<GisUpdate> m_missedGis;
    Histogram* m_applyTime = nullptr;
};

} // namespace citybrain
