#include "citymetrics.h"

#include "citystate.h"
#include "geojson.h"
#include "ingestpipeline.h"
#include "metricsregistry.h"
#include "mqttclient.h"
#include "processmetrics.h"

namespace citybrain {

void registerCityMetrics(MetricsRegistry& registry, IngestPipeline& pipeline, MqttClient& client, CityState& state)
{
    registry.counterFunction(QStringLiteral("citybrain_messages_received_total"),
        QStringLiteral("MQTT messages handed to the ingest pipeline."), {},
        [&pipeline] { return static_cast<double>(pipeline.receivedTotal()); });
    const std::pair<IngestPipeline::Decoded, const char*> kinds[] = {
        { IngestPipeline::Decoded::Telemetry, "telemetry" },
        { IngestPipeline::Decoded::Indicator, "indicator" },
        { IngestPipeline::Decoded::Incident, "incident" },
        { IngestPipeline::Decoded::Action, "action" },
        { IngestPipeline::Decoded::Presence, "presence" },
        { IngestPipeline::Decoded::Gis, "gis" },
        { IngestPipeline::Decoded::Ignored, "ignored" },
    };
    for (const auto& [kind, name] : kinds) {
        registry.counterFunction(QStringLiteral("citybrain_messages_decoded_total"),
            QStringLiteral("Messages decoded, by kind."), { { QStringLiteral("kind"), QLatin1String(name) } },
            [&pipeline, kind = kind] { return static_cast<double>(pipeline.decodedTotal(kind)); });
    }
    for (int i = 0; i < rejectReasonCount; ++i) {
        const auto reason = static_cast<RejectReason>(i);
        registry.counterFunction(QStringLiteral("citybrain_messages_rejected_total"),
            QStringLiteral("Messages rejected, by reason."), { { QStringLiteral("reason"), rejectReasonName(reason) } },
            [&pipeline, reason] { return static_cast<double>(pipeline.rejectedTotal(reason)); });
    }
    for (int i = 0; i < featureRejectionCount; ++i) {
        const auto reason = static_cast<FeatureRejection>(i);
        registry.counterFunction(QStringLiteral("citybrain_gis_features_rejected_total"),
            QStringLiteral("GIS features skipped inside usable layer messages, by reason."),
            { { QStringLiteral("reason"), featureRejectionName(reason) } },
            [&pipeline, reason] { return static_cast<double>(pipeline.gisFeaturesRejectedTotal(reason)); });
    }
    const InboundQueue& queue = pipeline.queue();
    for (const auto& [name, priority] : { std::pair { "priority", true }, std::pair { "bulk", false } }) {
        const MetricLabels labels { { QStringLiteral("queue"), QLatin1String(name) } };
        registry.gaugeFunction(QStringLiteral("citybrain_queue_depth"),
            QStringLiteral("Messages waiting for the ingest worker."), labels, [&queue, priority = priority] {
                return static_cast<double>((priority ? queue.priorityStats() : queue.bulkStats()).depth);
            });
        registry.gaugeFunction(QStringLiteral("citybrain_queue_high_water"),
            QStringLiteral("Most messages ever waiting for the ingest worker."), labels, [&queue, priority = priority] {
                return static_cast<double>((priority ? queue.priorityStats() : queue.bulkStats()).highWater);
            });
        registry.counterFunction(QStringLiteral("citybrain_queue_dropped_total"),
            QStringLiteral("Superseded telemetry dropped from a full queue (never incidents)."), labels,
            [&queue, priority = priority] {
                return static_cast<double>((priority ? queue.priorityStats() : queue.bulkStats()).dropped);
            });
    }
    Histogram& latency = registry.histogram(QStringLiteral("citybrain_ingest_latency_seconds"),
        QStringLiteral("From a payload's timestamp to the model holding it."), MetricsRegistry::ingestLatencyBuckets());
    Histogram& apply = registry.histogram(QStringLiteral("citybrain_gui_apply_seconds"),
        QStringLiteral("GUI-thread time spent applying one ingest batch to the models."),
        MetricsRegistry::guiApplyBuckets());
    state.setHistograms(&latency, &apply);
    registry.gaugeFunction(QStringLiteral("citybrain_mqtt_connected"),
        QStringLiteral("1 while connected and subscribed to a broker."), {},
        [&client] { return client.isConnected() ? 1.0 : 0.0; });
    registry.counterFunction(QStringLiteral("citybrain_mqtt_reconnects_total"),
        QStringLiteral("Reconnections to a broker since start."), {},
        [&client] { return static_cast<double>(client.reconnectCount()); });
    registry.gaugeFunction(QStringLiteral("citybrain_store_ok"),
        QStringLiteral("1 while the history database is written normally; 0 while it is locked, full or failing "
                       "(ingest goes on in memory and retries)."),
        {}, [&pipeline] { return pipeline.storeError().isEmpty() ? 1.0 : 0.0; });
    registry.counterFunction(QStringLiteral("citybrain_alarms_raised_total"),
        QStringLiteral("Monitoring alarms raised (rules and anomalies)."), {},
        [&pipeline] { return static_cast<double>(pipeline.alarmsRaisedTotal()); });
    registry.counterFunction(QStringLiteral("citybrain_alarms_cleared_total"),
        QStringLiteral("Monitoring alarms cleared."), {},
        [&pipeline] { return static_cast<double>(pipeline.alarmsClearedTotal()); });
    // Set on the GUI thread when the incident queue changes; read by the metrics thread.
    Gauge& open = registry.gauge(QStringLiteral("citybrain_incidents_open"), QStringLiteral("Incidents still open."));
    Gauge& breaches = registry.gauge(QStringLiteral("citybrain_sla_breaches"),
        QStringLiteral("SLA milestones missed by open incidents (met late or overdue now)."));
    Gauge& overdue = registry.gauge(
        QStringLiteral("citybrain_sla_overdue"), QStringLiteral("Open incidents past a response deadline now."));
    const IncidentModel* incidents = &state.incidents();
    const auto update = [incidents, &open, &breaches, &overdue] {
        open.set(incidents->openCount());
        breaches.set(incidents->breachCount());
        overdue.set(incidents->overdueCount());
    };
    QObject::connect(incidents, &IncidentModel::countChanged, &state, update);
    QObject::connect(incidents, &IncidentModel::slaChanged, &state, update);
    update();
    registerProcessMetrics(registry);
}

} // namespace citybrain
