// citybrain-ingestbench: the ingest path of the app without a broker, a publisher or a wall.
//
//   citybrain-ingestbench [--count N] [--sensors S] [--rate R] [--coalesce-ms C] [--no-history] [--no-rules]
//                         [--no-anomalies] [--decode-only]
//
// Generates N telemetry messages of bench/ingest.sh's shape in memory, then one thread hands them to a real
// IngestPipeline (decoding, per-sensor coalescing, rules, anomaly baseline, SQLite history in a temporary
// folder) the way MqttClient's Paho callback does: a topic and a payload copied out of std::strings into an
// MqttMessage, enqueue(). The main thread takes the batches like the wall does. It prints the wall-clock
// rate and the CPU per message of the producer thread (the share of the Paho thread that is ours) and of the
// rest of the process (worker, history writer, batch hand-off). --rate paces the producer at R msg/s (the
// CPU of a steady stream: wake-ups cost more than at saturation). With --decode-only it times FeedDecoder alone.
// On a shared machine this moves much less than the broker bench: nothing else is on the stream.
//
// One line "result key=value ..." on stdout.

#include "feeddecoder.h"
#include "historystore.h"
#include "ingestpipeline.h"
#include "ruleset.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace citybrain;

namespace {

double processCpuSeconds()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec ts {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Wire
{
    std::string topic;
    std::string payload;
};

// The same readings as citybrain-loadgen's: traffic sensors of district 610402, about 194 bytes each.
std::vector<Wire> makeMessages(qint64 count, int sensors)
{
    std::vector<Wire> wire;
    wire.reserve(static_cast<std::size_t>(count));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    char buffer[512];
    for (qint64 i = 0; i < count; ++i) {
        const qint64 sensor = i % sensors;
        const double spread = static_cast<double>(sensor) / static_cast<double>(sensors);
        const int length = std::snprintf(buffer, sizeof buffer,
            "{\"ts\":%lld,\"seq\":%lld,\"source\":\"xianyang-citybrain-traffic-gateway-610402-qindu-bench-loadgen\","
            "\"lon\":%.7f,\"lat\":%.7f,\"values\":{\"flow\":%.2f,\"speed\":%.2f,\"congestion\":%.3f}}",
            static_cast<long long>(now - count / 100 + i / 100), static_cast<long long>(i / sensors),
            108.62 + 0.13 * spread, 34.30 + 0.09 * std::fmod(spread * 7.0, 1.0),
            200.0 + static_cast<double>((i * 37) % 1800), 15.0 + static_cast<double>((i * 13) % 650) / 10.0,
            1.0 + static_cast<double>((i * 7) % 850) / 100.0);
        char topic[96];
        std::snprintf(
            topic, sizeof topic, "xy/v1/telemetry/traffic/610402/trf-610402-%03lld", static_cast<long long>(sensor));
        wire.push_back({ topic, std::string(buffer, static_cast<std::size_t>(length)) });
    }
    return wire;
}

// What MqttClient's message callback builds from Paho's message.
MqttMessage toMessage(const Wire& wire)
{
    MqttMessage message;
    message.topic = QString::fromUtf8(wire.topic.data(), static_cast<qsizetype>(wire.topic.size()));
    message.payload = QByteArray(wire.payload.data(), static_cast<qsizetype>(wire.payload.size()));
    message.receivedMs = QDateTime::currentMSecsSinceEpoch();
    return message;
}

int decodeOnly(const std::vector<Wire>& wire)
{
    const FeedDecoder decoder;
    std::vector<MqttMessage> messages;
    messages.reserve(wire.size());
    for (const Wire& w : wire)
        messages.push_back(toMessage(w));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 telemetry = 0;
    const double cpu0 = threadCpuSeconds();
    for (const MqttMessage& message : messages)
        telemetry += std::holds_alternative<TelemetrySample>(decoder.decode(message.topic, message.payload, now));
    const double cpu = threadCpuSeconds() - cpu0;
    std::printf("result mode=decode count=%zu telemetry=%lld decode_us_per_msg=%.2f\n", messages.size(),
        static_cast<long long>(telemetry), cpu / static_cast<double>(messages.size()) * 1e6);
    return telemetry == static_cast<qint64>(messages.size()) ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The ingest pipeline alone (docs/performance.md)"));
    parser.addHelpOption();
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Messages (default 200000)."),
        QStringLiteral("N"), QStringLiteral("200000"));
    const QCommandLineOption sensors(QStringLiteral("sensors"), QStringLiteral("Sensor ids (default 1000)."),
        QStringLiteral("S"), QStringLiteral("1000"));
    const QCommandLineOption noHistory(QStringLiteral("no-history"), QStringLiteral("No SQLite history."));
    const QCommandLineOption noRules(QStringLiteral("no-rules"), QStringLiteral("No monitoring rules."));
    const QCommandLineOption noAnomalies(QStringLiteral("no-anomalies"), QStringLiteral("No anomaly baseline."));
    const QCommandLineOption decode(QStringLiteral("decode-only"), QStringLiteral("Time FeedDecoder alone."));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("msg/s, 0 = as fast as possible (default)."),
        QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption coalesceMs(QStringLiteral("coalesce-ms"),
        QStringLiteral("IngestPipeline::Settings::coalesceMs (default: the pipeline's)."), QStringLiteral("MS"));
    parser.addOptions({ count, sensors, noHistory, noRules, noAnomalies, decode, rate, coalesceMs });
    parser.process(app);

    const qint64 n = std::max<qint64>(1, parser.value(count).toLongLong());
    const std::vector<Wire> wire = makeMessages(n, std::max(1, parser.value(sensors).toInt()));
    if (parser.isSet(decode))
        return decodeOnly(wire);

    QTemporaryDir dir;
    IngestPipeline::Settings settings { TopicScheme(), {}, parser.isSet(noHistory) ? QString() : dir.filePath("h.db"),
        16 };
    if (!parser.isSet(noRules)) {
        auto rules = std::make_shared<RuleSet>();
        QStringList errors;
        if (!loadRuleSetFile(defaultRuleFilePath(), rules.get(), &errors)) {
            std::fprintf(stderr, "citybrain-ingestbench: rules: %s\n", qPrintable(errors.join(u"; ")));
            return 1;
        }
        settings.rules = std::move(rules);
    }
    settings.anomalies = !parser.isSet(noAnomalies);
    if (parser.isSet(coalesceMs))
        settings.coalesceMs = parser.value(coalesceMs).toInt();
    const double pace = parser.value(rate).toDouble();
    IngestPipeline pipeline(std::move(settings));
    qint64 batches = 0;
    qint64 applied = 0;
    QObject::connect(
        &pipeline, &IngestPipeline::batchReady, &app, [&](const std::shared_ptr<const IngestBatch>& batch) {
            ++batches;
            applied += static_cast<qint64>(batch->telemetry.size());
        });
    pipeline.start();

    std::atomic<double> producerCpu { 0 };
    QElapsedTimer wall;
    double cpuStart = 0;
    std::thread producer;
    QTimer::singleShot(200, &app, [&] { // after the worker has restored and seeded
        cpuStart = processCpuSeconds();
        wall.start();
        producer = std::thread([&] {
            const double cpu0 = threadCpuSeconds();
            const auto start = std::chrono::steady_clock::now();
            qint64 i = 0;
            // Like a broker that keeps a subscriber's backlog: never more than 20k waiting, so nothing is dropped
            // and the rate is the pipeline's.
            for (const Wire& w : wire) {
                if (pace > 0)
                    std::this_thread::sleep_until(start
                        + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(static_cast<double>(i++) / pace)));
                while (pipeline.queue().bulkStats().depth > 20000)
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                pipeline.enqueue(toMessage(w));
            }
            producerCpu = threadCpuSeconds() - cpu0;
        });
    });
    QTimer poll;
    poll.setInterval(20);
    qint64 elapsedMs = 0;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (wall.isValid()
            && pipeline.decodedTotal(IngestPipeline::Decoded::Telemetry) + pipeline.queue().bulkStats().dropped >= n) {
            elapsedMs = wall.elapsed();
            poll.stop();
            app.quit();
        }
    });
    poll.start();
    QTimer::singleShot(120000, &app, &QCoreApplication::quit);
    app.exec();
    if (producer.joinable())
        producer.join();
    const double cpu = processCpuSeconds() - cpuStart; // the 20 ms poll costs about 50 wake-ups a second
    const auto dropped = pipeline.queue().bulkStats().dropped;
    pipeline.stop(); // writes what the history store still has queued
    const double cpuFlushed = processCpuSeconds() - cpuStart;
    const HistoryMetrics history = pipeline.history() ? pipeline.history()->metrics() : HistoryMetrics();
    const double perMsg = 1e6 / static_cast<double>(n);
    std::printf(
        "result mode=pipeline target_rate=%.0f count=%lld decoded=%lld dropped=%lld batches=%lld rate=%.0f "
        "producer_us_per_msg=%.2f rest_us_per_msg=%.2f total_us_per_msg=%.2f total_with_history_flush_us_per_msg=%.2f "
        "high_water=%lld history_values=%lld history_dropped=%lld\n",
        pace, static_cast<long long>(n),
        static_cast<long long>(pipeline.decodedTotal(IngestPipeline::Decoded::Telemetry)),
        static_cast<long long>(dropped), static_cast<long long>(batches),
        elapsedMs > 0 ? static_cast<double>(n) * 1000.0 / static_cast<double>(elapsedMs) : 0.0,
        producerCpu.load() * perMsg, (cpu - producerCpu.load()) * perMsg, cpu * perMsg, cpuFlushed * perMsg,
        static_cast<long long>(pipeline.queue().bulkStats().highWater), static_cast<long long>(history.valuesWritten),
        static_cast<long long>(history.droppedValues));
    return 0;
}
