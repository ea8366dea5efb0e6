#pragma once

// Metrics for the operators' Prometheus: counters, gauges and histograms exposed as the Prometheus text
// exposition format 0.0.4 by MetricsServer (GET /metrics).
//
// The CityBrain set (registered by the composition root, app/main.cpp):
//   citybrain_messages_received_total            counter    every message the MQTT client handed to the queue
//   citybrain_messages_decoded_total{kind}       counter    decoded payloads per kind (reading, incident, ...)
//   citybrain_messages_rejected_total{reason}    counter    rejected payloads per named reason
//   citybrain_queue_depth{queue}                 gauge fn   current depth of each InboundQueue lane
//   citybrain_queue_high_water{queue}            gauge fn   high-water mark of each lane
//   citybrain_ingest_latency_seconds             histogram  payload timestamp to model update, 1 ms .. 10 s
//   citybrain_gui_apply_seconds                  histogram  GUI thread time applying one batch, 0.1 ms .. 50 ms
//   citybrain_mqtt_connected                     gauge fn   1 while connected to a broker, else 0
//   citybrain_mqtt_reconnects_total              counter    reconnections after a lost connection
//   process_resident_memory_bytes                gauge fn   see processmetrics.h
//   process_cpu_seconds_total                    counter fn see processmetrics.h
// Suggested buckets: MetricsRegistry::ingestLatencyBuckets() and MetricsRegistry::guiApplyBuckets().
//
// Threads:
// - Registration (counter(), gauge(), gaugeFunction(), counterFunction(), histogram()) is meant for start-up,
//   before the threads that update the metrics run. It is serialised with render() by a mutex, so
//   registering while a scrape runs is safe, but registration is not a hot-path operation.
// - The returned Counter/Gauge/Histogram references stay valid for the registry's lifetime; updating
//   them (add(), set(), observe()) is lock-free and may happen on any thread (Paho, ingest worker, GUI).
// - render() may run on any thread; MetricsServer calls it on its own thread. Gauge and counter
//   functions are therefore called on the scraping thread: they must be thread-safe (read atomics,
//   never touch QObjects that live on another thread) and must not call back into the registry.
//
// Programming errors at registration (an invalid metric or label name, one name registered with two
// types, a histogram with unsorted bounds or an "le" label, a function registered twice for the same
// labels) are fatal: the names are constants of the program and a test run catches them.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace citybrain {

// Label name/value pairs of one series, in the order they are rendered.
using MetricLabels = QList<QPair<QString, QString>>;

class Counter
{
public:
    Counter() = default;
    Counter(const Counter&) = delete;
    Counter& operator=(const Counter&) = delete;

    // Lock-free; a counter only goes up, so a negative amount is ignored.
    void add(qint64 amount = 1) noexcept
    {
        if (amount > 0)
            m_value.fetch_add(amount, std::memory_order_relaxed);
    }
    [[nodiscard]] qint64 value() const noexcept { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_value { 0 };
};

class Gauge
{
public:
    Gauge() = default;
    Gauge(const Gauge&) = delete;
    Gauge& operator=(const Gauge&) = delete;

    void set(double value) noexcept { m_value.store(value, std::memory_order_relaxed); }
    // Lock-free (compare-exchange loop).
    void add(double delta) noexcept;
    [[nodiscard]] double value() const noexcept { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<double> m_value { 0.0 };
};

class Histogram
{
public:
    // upperBounds: finite, strictly increasing; the +Inf bucket is implicit.
    explicit Histogram(std::vector<double> upperBounds);
    Histogram(const Histogram&) = delete;
    Histogram& operator=(const Histogram&) = delete;

    // Lock-free. A NaN observation is ignored.
    void observe(double value) noexcept;

    struct Snapshot
    {
        std::vector<quint64> cumulativeCounts; // one per upper bound, then the +Inf bucket (== count)
        double sum = 0.0;
        quint64 count = 0;
    };
    // Bucket counts read one by one while other threads may observe: count always equals the +Inf
    // bucket; sum may lag the buckets by the observations in flight.
    [[nodiscard]] Snapshot snapshot() const;

    [[nodiscard]] const std::vector<double>& upperBounds() const noexcept { return m_upperBounds; }
    [[nodiscard]] quint64 count() const noexcept;
    [[nodiscard]] double sum() const noexcept { return m_sum.load(std::memory_order_relaxed); }

    // The q-quantile (0 <= q <= 1) estimated from the buckets as Prometheus' histogram_quantile() does:
    // linear interpolation within the bucket holding the rank; the first bucket starts at 0 (or at its
    // bound when that is <= 0); a rank in the +Inf bucket gives the largest finite bound. NaN when empty.
    [[nodiscard]] double quantile(double q) const;
    [[nodiscard]] static double quantile(const std::vector<double>& upperBounds, const Snapshot& snapshot, double q);

private:
    std::vector<double> m_upperBounds;
    std::unique_ptr<std::atomic<quint64>[]> m_buckets; // per bucket (not cumulative), size bounds + 1
    std::atomic<double> m_sum { 0.0 };
};

class MetricsRegistry
{
public:
    MetricsRegistry();
    ~MetricsRegistry();
    MetricsRegistry(const MetricsRegistry&) = delete;
    MetricsRegistry& operator=(const MetricsRegistry&) = delete;

    // Each returns the series' instance; asking again for the same name and labels returns the same one.
    // The same name with other label values adds a series to the same family (one HELP/TYPE block).
    Counter& counter(const QString& name, const QString& help, const MetricLabels& labels = {});
    Gauge& gauge(const QString& name, const QString& help, const MetricLabels& labels = {});
    Histogram& histogram(
        const QString& name, const QString& help, std::vector<double> upperBounds, const MetricLabels& labels = {});

    // Evaluated at every render(), on the rendering thread (see the header comment).
    void gaugeFunction(
        const QString& name, const QString& help, const MetricLabels& labels, std::function<double()> function);
    // For totals kept elsewhere (process CPU time): must never decrease.
    void counterFunction(
        const QString& name, const QString& help, const MetricLabels& labels, std::function<double()> function);

    // Prometheus text exposition format 0.0.4, families in registration order.
    [[nodiscard]] QByteArray render() const;

    static constexpr const char* contentType = "text/plain; version=0.0.4; charset=utf-8";

    // 1 ms .. 10 s, for citybrain_ingest_latency_seconds.
    [[nodiscard]] static std::vector<double> ingestLatencyBuckets();
    // 0.1 ms .. 50 ms, for citybrain_gui_apply_seconds.
    [[nodiscard]] static std::vector<double> guiApplyBuckets();

    [[nodiscard]] static bool isValidMetricName(const QString& name);
    [[nodiscard]] static bool isValidLabelName(const QString& name);

private:
    struct Family;
    struct Series;
    enum class Type { Counter, Gauge, Histogram };

    Series& seriesFor(const QString& name, const QString& help, Type type, const MetricLabels& labels);

    mutable QMutex m_mutex; // guards m_families (registration vs render), never taken by updates
    std::vector<std::unique_ptr<Family>> m_families;
};

} // namespace citybrain
