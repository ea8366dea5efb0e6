#pragma once

namespace citybrain {

class CityState;
class IngestPipeline;
class MetricsRegistry;
class MqttClient;

// The Prometheus figures of a running wall (names in modules/metrics/metricsregistry.h), read from
// the parts that own them; the latency histograms are handed to the city state to fill.
void registerCityMetrics(MetricsRegistry& registry, IngestPipeline& pipeline, MqttClient& client, CityState& state);

} // namespace citybrain
