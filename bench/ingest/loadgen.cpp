// citybrain-loadgen: the load generator and probe of bench/ingest.sh.
//
//   citybrain-loadgen --broker URI --count N --qos Q [--rate R] [--sensors S] [--seq-start K]
//                     [--watch http://HOST:PORT/metrics [--pid PID] [--idle-ms MS]]
//       publishes N telemetry readings of the v1 contract (about 200 bytes) as fast as possible (R = 0)
//       or paced at R msg/s, and prints the achieved rate. With --watch it also polls the app's metrics
//       until it has received and processed them (or nothing moved for --stall-ms) and prints the
//       app's receive rate, CPU per message and the latency histograms of the window.
//   citybrain-loadgen --subscribe --broker URI --count N --qos Q
//       a bare Paho subscriber on xy/v1/#: prints "subscribed", then its receive rate and CPU/message.
//   citybrain-loadgen --scrape URL [--wait-for SAMPLE=VALUE --timeout-ms MS]
//   citybrain-loadgen --free-port
//
// Results are one line "result key=value ..." on stdout, for the script to pick apart.

#include "embeddedbroker.h"
#include "promtext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QUrl>

#include <mqtt/async_client.h>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace citybrain::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kMaxBufferedError = -12; // MQTTASYNC_MAX_BUFFERED_MESSAGES

double secondsSince(Clock::time_point start, Clock::time_point end = Clock::now())
{
    return std::chrono::duration<double>(end - start).count();
}

void printResult(const QStringList& fields)
{
    std::printf("result %s\n", qPrintable(fields.join(QLatin1Char(' '))));
    std::fflush(stdout);
}

QString num(double value, int decimals = 3)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'f', decimals);
}

double processCpuSeconds()
{
    rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process from /proc/<pid>/stat, in seconds; -1 if unreadable.
double procCpuSeconds(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return -1;
    // Fields after the command: state(3) ppid(4) ... utime(14) stime(15).
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

// ---------------------------------------------------------------------------------------------
// Metrics scraping

class Scraper
{
public:
    explicit Scraper(QUrl url)
        : m_url(std::move(url))
    { }

    std::optional<PromText> scrape(int timeoutMs = 2000)
    {
        QNetworkRequest request(m_url);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(timeoutMs);
        QNetworkReply* reply = m_manager.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            m_lastError = reply->errorString();
            return std::nullopt;
        }
        m_lastBody = reply->readAll();
        return PromText::parse(m_lastBody);
    }

    [[nodiscard]] const QByteArray& lastBody() const { return m_lastBody; }
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

private:
    QUrl m_url;
    QNetworkAccessManager m_manager;
    QByteArray m_lastBody;
    QString m_lastError;
};

// ---------------------------------------------------------------------------------------------
// Publishing

// Paho: the C++ async client (what the app is built on). Direct: DirectConnection below, QoS 0 only.
enum class Transport { Paho, Direct };

struct PublishPlan
{
    QString broker;
    qint64 count = 0;
    int qos = 0;
    double rate = 0; // msg/s, 0 = as fast as possible
    int sensors = 1000;
    qint64 seqStart = 0;
    qint64 window = 200; // publications not yet completed by Paho, at most: Paho C slows down with a long command queue
    Transport transport = Transport::Paho;
};

class DeliveryListener : public mqtt::iaction_listener
{
public:
    void on_success(const mqtt::token&) override { ++m_done; }
    void on_failure(const mqtt::token&) override { ++m_failed; }
    [[nodiscard]] qint64 completed() const { return m_done.load() + m_failed.load(); }
    [[nodiscard]] qint64 failed() const { return m_failed.load(); }

private:
    std::atomic<qint64> m_done { 0 };
    std::atomic<qint64> m_failed { 0 };
};

// Telemetry of the v1 contract, traffic domain, district Qindu (610402).
class TelemetryFactory
{
public:
    TelemetryFactory(int sensors, qint64 seqStart)
        : m_sensors(std::max(1, sensors))
        , m_seqStart(seqStart)
    {
        for (int i = 0; i < m_sensors; ++i)
            m_topics.push_back(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-610402-%1")
                                   .arg(i, m_sensors > 1000 ? 4 : 3, 10, QLatin1Char('0'))
                                   .toStdString());
    }

    [[nodiscard]] const std::string& topic(qint64 i) const { return m_topics[static_cast<size_t>(i % m_sensors)]; }

    // Writes message i into `buffer`; returns its length.
    int payload(qint64 i, char* buffer, size_t size) const
    {
        const qint64 sensor = i % m_sensors;
        const double spread = static_cast<double>(sensor) / static_cast<double>(m_sensors);
        const double lon = 108.62 + 0.13 * spread; // inside Qindu / Xianyang
        const double lat = 34.30 + 0.09 * std::fmod(spread * 7.0, 1.0);
        const double flow = 200.0 + static_cast<double>((i * 37) % 1800);
        const double speed = 15.0 + static_cast<double>((i * 13) % 650) / 10.0;
        const double congestion = 1.0 + static_cast<double>((i * 7) % 850) / 100.0;
        return std::snprintf(buffer, size,
            "{\"ts\":%lld,\"seq\":%lld,\"source\":\"xianyang-citybrain-traffic-gateway-610402-qindu-bench-loadgen\","
            "\"lon\":%.7f,"
            "\"lat\":%.7f,\"values\":{\"flow\":%.2f,\"speed\":%.2f,\"congestion\":%.3f}}",
            static_cast<long long>(QDateTime::currentMSecsSinceEpoch()),
            static_cast<long long>(m_seqStart + i / m_sensors), lon, lat, flow, speed, congestion);
    }

private:
    int m_sensors;
    qint64 m_seqStart;
    std::vector<std::string> m_topics;
};

// A minimal MQTT 3.1.1 publisher for QoS 0 on a blocking TCP socket with TCP_NODELAY: every PUBLISH is
// written to the socket by the calling thread, with no client library and no send queue in between, so a
// paced message leaves the publisher at its `ts`. (Paho's async client hands each publication to its own
// send thread through a command queue; at a paced 10k msg/s that queue alone added a median 11 ms.)
// QoS 0 only: the broker answers nothing but the CONNACK.
class DirectConnection
{
public:
    DirectConnection() = default;
    DirectConnection(const DirectConnection&) = delete;
    DirectConnection& operator=(const DirectConnection&) = delete;
    ~DirectConnection() { close(); }

    bool connect(const QString& brokerUri, const std::string& clientId, QString* error)
    {
        const QUrl url(brokerUri);
        if (url.scheme() != QLatin1String("tcp") && url.scheme() != QLatin1String("mqtt")) {
            *error = QStringLiteral("the direct publisher speaks plain tcp:// only, not %1").arg(brokerUri);
            return false;
        }
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const std::string host = url.host().toStdString();
        const std::string port = std::to_string(url.port(1883));
        if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || !found) {
            *error = QStringLiteral("cannot resolve %1").arg(brokerUri);
            return false;
        }
        for (addrinfo* address = found; address && m_fd < 0; address = address->ai_next) {
            m_fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
            if (m_fd >= 0 && ::connect(m_fd, address->ai_addr, address->ai_addrlen) != 0)
                close();
        }
        ::freeaddrinfo(found);
        if (m_fd < 0) {
            *error = QStringLiteral("cannot connect to %1: %2")
                         .arg(brokerUri, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

        // CONNECT: protocol "MQTT" level 4, clean session, no keep-alive (a run lasts seconds).
        std::string packet;
        packet.append("\x00\x04MQTT\x04\x02\x00\x00", 10);
        appendString(packet, clientId);
        std::string framed(1, '\x10');
        appendLength(framed, packet.size());
        framed += packet;
        if (!writeAll(framed.data(), framed.size())) {
            *error = QStringLiteral("CONNECT not sent");
            return false;
        }
        unsigned char connack[4] {};
        std::size_t got = 0;
        while (got < sizeof connack) {
            const ssize_t n = ::read(m_fd, connack + got, sizeof connack - got);
            if (n <= 0) {
                *error = QStringLiteral("no CONNACK");
                return false;
            }
            got += std::size_t(n);
        }
        if (connack[0] != 0x20 || connack[3] != 0) {
            *error = QStringLiteral("connection refused (CONNACK return code %1)").arg(connack[3]);
            return false;
        }
        return true;
    }

    // Appends one QoS 0 PUBLISH; written at once if `now`, else when 16 KiB are waiting (or flush()).
    bool publish(const std::string& topic, const char* payload, std::size_t length, bool now)
    {
        m_buffer.push_back('\x30');
        appendLength(m_buffer, 2 + topic.size() + length);
        appendString(m_buffer, topic);
        m_buffer.append(payload, length);
        if (now || m_buffer.size() >= 16384)
            return flush();
        return true;
    }

    bool flush()
    {
        const bool ok = writeAll(m_buffer.data(), m_buffer.size());
        m_buffer.clear();
        return ok;
    }

    // DISCONNECT, then wait for the broker to close: everything written before it has been read.
    void disconnect()
    {
        if (m_fd < 0)
            return;
        flush();
        writeAll("\xe0\x00", 2);
        ::shutdown(m_fd, SHUT_WR);
        char sink[64];
        while (::read(m_fd, sink, sizeof sink) > 0) { }
        close();
    }

private:
    static void appendLength(std::string& out, std::size_t length)
    {
        do {
            char byte = static_cast<char>(length % 128);
            length /= 128;
            if (length > 0)
                byte = static_cast<char>(byte | 0x80);
            out.push_back(byte);
        } while (length > 0);
    }
    static void appendString(std::string& out, const std::string& text)
    {
        out.push_back(static_cast<char>((text.size() >> 8) & 0xff));
        out.push_back(static_cast<char>(text.size() & 0xff));
        out += text;
    }
    bool writeAll(const char* data, std::size_t size)
    {
        while (size > 0 && m_fd >= 0) {
            const ssize_t n = ::write(m_fd, data, size);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            data += n;
            size -= std::size_t(n);
        }
        return size == 0;
    }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    int m_fd = -1;
    std::string m_buffer;
};

class Publisher
{
public:
    explicit Publisher(PublishPlan plan)
        : m_plan(std::move(plan))
        , m_factory(m_plan.sensors, m_plan.seqStart)
        , m_clientId(QStringLiteral("bench-loadgen-%1").arg(QCoreApplication::applicationPid()).toStdString())
    {
        if (m_plan.transport == Transport::Paho)
            m_client = std::make_unique<mqtt::async_client>(
                m_plan.broker.toStdString(), m_clientId, mqtt::create_options(MQTTVERSION_3_1_1, 1000000), nullptr);
    }

    ~Publisher()
    {
        if (m_thread.joinable())
            m_thread.join();
        m_direct.disconnect();
        try {
            if (m_client && m_client->is_connected())
                m_client->disconnect()->wait_for(std::chrono::seconds(5));
        } catch (const mqtt::exception&) { }
    }

    bool connect(QString* error)
    {
        if (m_plan.transport == Transport::Direct) {
            if (m_plan.qos != 0) {
                *error = QStringLiteral("the direct publisher does QoS 0 only");
                return false;
            }
            return m_direct.connect(m_plan.broker, m_clientId, error);
        }
        mqtt::connect_options options;
        options.set_mqtt_version(MQTTVERSION_3_1_1);
        options.set_clean_session(true);
        options.set_keep_alive_interval(30);
        options.set_max_inflight(static_cast<int>(std::min<qint64>(m_plan.window, 65535)));
        try {
            m_client->connect(options)->wait_for(std::chrono::seconds(10));
        } catch (const mqtt::exception& e) {
            *error = QString::fromStdString(e.what());
            return false;
        }
        if (!m_client->is_connected()) {
            *error = QStringLiteral("not connected to %1").arg(m_plan.broker);
            return false;
        }
        return true;
    }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    [[nodiscard]] bool started() const { return m_started.load(); }
    [[nodiscard]] bool finished() const { return m_finished.load(); }
    [[nodiscard]] Clock::time_point startTime() const { return m_start; }
    [[nodiscard]] qint64 published() const { return m_published.load(); }
    [[nodiscard]] double publishSeconds() const { return m_publishSeconds; }
    [[nodiscard]] double deliverySeconds() const { return m_deliverySeconds; }
    [[nodiscard]] qint64 failed() const { return m_listener.failed() + m_rejected; }
    // How late the paced publications left against their schedule (ms), as "p50/p99/max"; empty if not paced.
    [[nodiscard]] QString lateness() const { return m_lateness; }
    [[nodiscard]] int samplePayloadSize() const
    {
        char buffer[512];
        return m_factory.payload(0, buffer, sizeof buffer);
    }

private:
    void run()
    {
        char buffer[512];
        m_start = Clock::now();
        m_started = true;
        const double rate = m_plan.rate;
        const bool direct = m_plan.transport == Transport::Direct;
        std::vector<float> lateMs;
        if (rate > 0)
            lateMs.reserve(static_cast<std::size_t>(m_plan.count));
        for (qint64 i = 0; i < m_plan.count; ++i) {
            if (rate > 0) {
                const auto due = m_start
                    + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(static_cast<double>(i) / rate));
                if (Clock::now() < due)
                    std::this_thread::sleep_until(due);
                lateMs.push_back(
                    static_cast<float>(std::chrono::duration<double, std::milli>(Clock::now() - due).count()));
            }
            const int length = m_factory.payload(i, buffer, sizeof buffer);
            if (direct) {
                // Paced: each message on its own write, now. As fast as possible: 16 KiB writes.
                if (!m_direct.publish(m_factory.topic(i), buffer, static_cast<size_t>(length), rate > 0)) {
                    m_rejected += m_plan.count - i;
                    break;
                }
                m_published = i + 1;
                continue;
            }
            while (i - m_listener.completed() >= m_plan.window)
                std::this_thread::sleep_for(std::chrono::microseconds(50));
            for (;;) {
                try {
                    m_client->publish(m_factory.topic(i), buffer, static_cast<size_t>(length), m_plan.qos, false,
                        nullptr, m_listener);
                    break;
                } catch (const mqtt::exception& e) {
                    if (e.get_return_code() != kMaxBufferedError) {
                        ++m_rejected;
                        break;
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
            }
            m_published = i + 1;
        }
        if (direct && !m_direct.flush())
            m_rejected = std::max<qint64>(m_rejected, 1);
        m_publishSeconds = secondsSince(m_start);
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while (!direct && m_listener.completed() + m_rejected < m_plan.count && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        m_deliverySeconds = secondsSince(m_start);
        if (!lateMs.empty()) {
            std::sort(lateMs.begin(), lateMs.end());
            const auto at = [&lateMs](double q) {
                return lateMs[std::min(lateMs.size() - 1, static_cast<std::size_t>(q * double(lateMs.size())))];
            };
            m_lateness = QStringLiteral("%1/%2/%3").arg(num(at(0.5), 2), num(at(0.99), 2), num(lateMs.back(), 2));
        }
        m_finished = true;
    }

    PublishPlan m_plan;
    TelemetryFactory m_factory;
    std::string m_clientId;
    std::unique_ptr<mqtt::async_client> m_client; // Transport::Paho
    DirectConnection m_direct; // Transport::Direct
    DeliveryListener m_listener;
    std::thread m_thread;
    std::atomic<bool> m_started { false };
    std::atomic<bool> m_finished { false };
    std::atomic<qint64> m_published { 0 };
    qint64 m_rejected = 0;
    Clock::time_point m_start;
    double m_publishSeconds = 0;
    double m_deliverySeconds = 0;
    QString m_lateness;
};

QStringList publishFields(const Publisher& publisher, const PublishPlan& plan)
{
    return {
        QStringLiteral("qos=%1").arg(plan.qos), QStringLiteral("target_rate=%1").arg(plan.rate),
        QStringLiteral("sensors=%1").arg(plan.sensors),
        QStringLiteral("payload_bytes=%1").arg(publisher.samplePayloadSize()),
        QStringLiteral("sent=%1").arg(publisher.published()), QStringLiteral("send_failed=%1").arg(publisher.failed()),
        QStringLiteral("pub_s=%1").arg(num(publisher.publishSeconds())),
        QStringLiteral("pub_rate=%1").arg(num(static_cast<double>(plan.count) / publisher.publishSeconds(), 0)),
        QStringLiteral("delivered_s=%1").arg(num(publisher.deliverySeconds())),
        QStringLiteral("delivered_rate=%1").arg(num(static_cast<double>(plan.count) / publisher.deliverySeconds(), 0)),
        QStringLiteral("transport=%1")
            .arg(plan.transport == Transport::Direct ? QStringLiteral("direct") : QStringLiteral("paho")),
        QStringLiteral("late_ms=%1").arg(publisher.lateness().isEmpty() ? QStringLiteral("na") : publisher.lateness())
    };
}

struct WatchSettings
{
    QUrl url;
    qint64 pid = 0;
    int pollMs = 20;
    int stallMs = 5000;
    int idleMs = 0;
};

struct AppCounters
{
    double received = 0;
    double processed = 0; // decoded + rejected + dropped by the queue
    double cpu = -1;
};

AppCounters countersOf(const PromText& metrics, qint64 pid)
{
    AppCounters counters;
    counters.received = metrics.sum(QStringLiteral("citybrain_messages_received_total"));
    counters.processed = metrics.sum(QStringLiteral("citybrain_messages_decoded_total"))
        + metrics.sum(QStringLiteral("citybrain_messages_rejected_total"))
        + metrics.sum(QStringLiteral("citybrain_queue_dropped_total"));
    counters.cpu = pid > 0 ? procCpuSeconds(pid) : metrics.value(QStringLiteral("process_cpu_seconds_total"), -1);
    return counters;
}

QStringList histogramFields(const QString& prefix, const std::vector<PromText::Bucket>& delta, double overBound)
{
    const double count = delta.empty() ? 0 : delta.back().count;
    QStringList fields { QStringLiteral("%1_count=%2").arg(prefix).arg(count, 0, 'f', 0),
        QStringLiteral("%1_p50_ms=%2").arg(prefix, num(histogramQuantile(delta, 0.50) * 1000.0)),
        QStringLiteral("%1_p99_ms=%2").arg(prefix, num(histogramQuantile(delta, 0.99) * 1000.0)),
        QStringLiteral("%1_p999_ms=%2").arg(prefix, num(histogramQuantile(delta, 0.999) * 1000.0)),
        QStringLiteral("%1_max_le_ms=%2").arg(prefix, num(histogramMaxBound(delta) * 1000.0)) };
    if (overBound > 0)
        fields << QStringLiteral("%1_over_%2ms=%3")
                      .arg(prefix)
                      .arg(overBound * 1000.0)
                      .arg(histogramCountAbove(delta, overBound), 0, 'f', 0);
    return fields;
}

int runPublish(const PublishPlan& plan, const std::optional<WatchSettings>& watch)
{
    Publisher publisher(plan);
    QString error;
    if (!publisher.connect(&error)) {
        std::fprintf(
            stderr, "citybrain-loadgen: cannot connect to %s: %s\n", qPrintable(plan.broker), qPrintable(error));
        return 1;
    }
    if (!watch) {
        publisher.start();
        publisher.join();
        printResult(publishFields(publisher, plan));
        return publisher.failed() > 0 ? 1 : 0;
    }

    Scraper scraper(watch->url);
    const std::optional<PromText> before = scraper.scrape();
    if (!before) {
        std::fprintf(stderr, "citybrain-loadgen: cannot scrape %s: %s\n", qPrintable(watch->url.toString()),
            qPrintable(scraper.lastError()));
        return 1;
    }
    AppCounters base = countersOf(*before, watch->pid);
    double idleCpuPerSecond = -1;
    if (watch->idleMs > 0) {
        const auto idleStart = Clock::now();
        QThread::msleep(static_cast<unsigned long>(watch->idleMs));
        const double cpu = watch->pid > 0 ? procCpuSeconds(watch->pid) : -1;
        if (cpu >= 0 && base.cpu >= 0)
            idleCpuPerSecond = (cpu - base.cpu) / secondsSince(idleStart);
        base.cpu = cpu;
    }

    publisher.start();
    while (!publisher.started())
        std::this_thread::yield();
    const Clock::time_point start = publisher.startTime();
    double received = 0;
    double processed = 0;
    double receivedAt = 0;
    double processedAt = 0;
    double cpuAtProcessed = base.cpu;
    Clock::time_point lastChange = Clock::now();
    std::optional<PromText> last;
    for (;;) {
        QThread::msleep(static_cast<unsigned long>(watch->pollMs));
        std::optional<PromText> now = scraper.scrape();
        if (!now)
            continue;
        const AppCounters counters = countersOf(*now, watch->pid);
        const double t = secondsSince(start);
        if (counters.received - base.received > received) {
            received = counters.received - base.received;
            receivedAt = t;
            lastChange = Clock::now();
        }
        if (counters.processed - base.processed > processed) {
            processed = counters.processed - base.processed;
            processedAt = t;
            cpuAtProcessed = counters.cpu;
            lastChange = Clock::now();
        }
        last = std::move(now);
        const auto total = static_cast<double>(plan.count);
        if (publisher.finished() && received >= total && processed >= total)
            break;
        if (publisher.finished() && secondsSince(lastChange) * 1000.0 > watch->stallMs)
            break;
    }
    publisher.join();

    QStringList fields = publishFields(publisher, plan);
    fields << QStringLiteral("received=%1").arg(received, 0, 'f', 0)
           << QStringLiteral("processed=%1").arg(processed, 0, 'f', 0)
           << QStringLiteral("decoded=%1")
                  .arg(last->sum(QStringLiteral("citybrain_messages_decoded_total"))
                          - before->sum(QStringLiteral("citybrain_messages_decoded_total")),
                      0, 'f', 0)
           << QStringLiteral("rejected=%1")
                  .arg(last->sum(QStringLiteral("citybrain_messages_rejected_total"))
                          - before->sum(QStringLiteral("citybrain_messages_rejected_total")),
                      0, 'f', 0)
           << QStringLiteral("dropped=%1")
                  .arg(last->sum(QStringLiteral("citybrain_queue_dropped_total"))
                          - before->sum(QStringLiteral("citybrain_queue_dropped_total")),
                      0, 'f', 0)
           << QStringLiteral("recv_s=%1").arg(num(receivedAt))
           << QStringLiteral("recv_rate=%1").arg(num(receivedAt > 0 ? received / receivedAt : 0, 0))
           << QStringLiteral("proc_s=%1").arg(num(processedAt))
           << QStringLiteral("proc_rate=%1").arg(num(processedAt > 0 ? processed / processedAt : 0, 0));
    if (base.cpu >= 0 && cpuAtProcessed >= 0 && processed > 0) {
        const double cpu = cpuAtProcessed - base.cpu;
        fields << QStringLiteral("cpu_s=%1").arg(num(cpu))
               << QStringLiteral("cpu_pct=%1").arg(num(100.0 * cpu / processedAt, 1))
               << QStringLiteral("cpu_us_per_msg=%1").arg(num(cpu / processed * 1e6, 1));
        if (idleCpuPerSecond >= 0) {
            fields << QStringLiteral("idle_cpu_pct=%1").arg(num(100.0 * idleCpuPerSecond, 1))
                   << QStringLiteral("cpu_us_per_msg_above_idle=%1")
                          .arg(num((cpu - idleCpuPerSecond * processedAt) / processed * 1e6, 1));
        }
    }
    fields << histogramFields(QStringLiteral("lat"),
        bucketDelta(last->histogram(QStringLiteral("citybrain_ingest_latency_seconds")),
            before->histogram(QStringLiteral("citybrain_ingest_latency_seconds"))),
        0);
    fields << histogramFields(QStringLiteral("gui"),
        bucketDelta(last->histogram(QStringLiteral("citybrain_gui_apply_seconds")),
            before->histogram(QStringLiteral("citybrain_gui_apply_seconds"))),
        0.004);
    for (const auto& [key, value] : last->series(QStringLiteral("citybrain_queue_high_water"))) {
        QString label = key.section(QLatin1Char('"'), 1, 1);
        fields << QStringLiteral("high_water_%1=%2").arg(label.isEmpty() ? QStringLiteral("all") : label).arg(value);
    }
    fields << QStringLiteral("rss_mb=%1")
                  .arg(num(last->value(QStringLiteral("process_resident_memory_bytes")) / 1048576.0, 0));
    printResult(fields);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The bare Paho subscriber

int runSubscribe(const QString& broker, qint64 count, int qos, int stallMs, int timeoutMs)
{
    mqtt::async_client client(broker.toStdString(),
        QStringLiteral("bench-paho-ref-%1").arg(QCoreApplication::applicationPid()).toStdString(),
        mqtt::create_options(MQTTVERSION_3_1_1, 1000), nullptr);
    std::mutex mutex;
    std::condition_variable doneCondition;
    std::atomic<qint64> received { 0 };
    std::atomic<qint64> lastNs { 0 };
    // Publish-to-receive latency of the stream itself (payload "ts" to the callback), the floor under
    // any subscriber's publish-to-model latency. Written only by Paho's callback thread.
    std::vector<double> latencyMs;
    latencyMs.reserve(static_cast<std::size_t>(std::max<qint64>(count, 0)));
    Clock::time_point first;
    double cpuFirst = 0;
    double cpuLast = -1;
    bool done = false;
    client.set_message_callback([&](mqtt::const_message_ptr message) {
        if (!message)
            return;
        const qint64 n = ++received;
        const Clock::time_point now = Clock::now();
        lastNs = now.time_since_epoch().count();
        const std::string& payload = message->get_payload_str();
        const std::size_t at = payload.find("\"ts\":");
        if (at != std::string::npos)
            latencyMs.push_back(
                static_cast<double>(QDateTime::currentMSecsSinceEpoch()) - std::atof(payload.c_str() + at + 5));
        if (n == 1) {
            first = now;
            cpuFirst = processCpuSeconds();
        }
        if (n == count) {
            cpuLast = processCpuSeconds();
            std::lock_guard lock(mutex);
            done = true;
            doneCondition.notify_all();
        }
    });
    try {
        mqtt::connect_options options;
        options.set_mqtt_version(MQTTVERSION_3_1_1);
        options.set_clean_session(true);
        client.connect(options)->wait_for(std::chrono::seconds(10));
        client.subscribe("xy/v1/#", qos)->wait_for(std::chrono::seconds(10));
    } catch (const mqtt::exception& e) {
        std::fprintf(stderr, "citybrain-loadgen: subscriber: %s\n", e.what());
        return 1;
    }
    std::printf("subscribed\n");
    std::fflush(stdout);
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    {
        std::unique_lock lock(mutex);
        while (!done && Clock::now() < deadline) {
            doneCondition.wait_for(lock, std::chrono::milliseconds(100));
            const qint64 last = lastNs.load();
            if (last > 0 && Clock::now().time_since_epoch().count() - last > qint64(stallMs) * 1000000)
                break;
        }
    }
    const qint64 n = received.load();
    if (cpuLast < 0)
        cpuLast = processCpuSeconds();
    const double span = n > 1 ? static_cast<double>(lastNs.load() - first.time_since_epoch().count()) / 1e9 : 0;
    std::sort(latencyMs.begin(), latencyMs.end());
    const auto percentile = [&latencyMs](double q) {
        return latencyMs.empty()
            ? 0.0
            : latencyMs[std::min(latencyMs.size() - 1, static_cast<std::size_t>(q * latencyMs.size()))];
    };
    try {
        client.disconnect()->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) { }
    printResult({ QStringLiteral("qos=%1").arg(qos), QStringLiteral("received=%1").arg(n),
        QStringLiteral("span_s=%1").arg(num(span)),
        QStringLiteral("recv_rate=%1").arg(num(span > 0 ? static_cast<double>(n - 1) / span : 0, 0)),
        QStringLiteral("cpu_us_per_msg=%1")
            .arg(num(n > 1 ? (cpuLast - cpuFirst) / static_cast<double>(n - 1) * 1e6 : 0, 2)),
        QStringLiteral("lat_p50_ms=%1").arg(num(percentile(0.5), 2)),
        QStringLiteral("lat_p99_ms=%1").arg(num(percentile(0.99), 2)),
        QStringLiteral("lat_p999_ms=%1").arg(num(percentile(0.999), 2)),
        QStringLiteral("lat_max_ms=%1").arg(num(latencyMs.empty() ? 0.0 : latencyMs.back(), 2)) });
    return 0;
}

// ---------------------------------------------------------------------------------------------

int runScrape(const QUrl& url, const QString& waitFor, int timeoutMs)
{
    Scraper scraper(url);
    if (waitFor.isEmpty()) {
        if (!scraper.scrape()) {
            std::fprintf(stderr, "citybrain-loadgen: %s\n", qPrintable(scraper.lastError()));
            return 1;
        }
        std::fwrite(scraper.lastBody().constData(), 1, static_cast<size_t>(scraper.lastBody().size()), stdout);
        return 0;
    }
    const QString sample = waitFor.section(QLatin1Char('='), 0, -2);
    const double wanted = waitFor.section(QLatin1Char('='), -1).toDouble();
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (Clock::now() < deadline) {
        const std::optional<PromText> metrics = scraper.scrape(1000);
        if (metrics) {
            // An exact sample, or else the sum over every label set of that metric.
            double value = metrics->value(sample, std::numeric_limits<double>::quiet_NaN());
            if (std::isnan(value) && metrics->has(sample))
                value = metrics->sum(sample);
            if (value == wanted)
                return 0;
        }
        QThread::msleep(100);
    }
    std::fprintf(stderr, "citybrain-loadgen: %s did not become %g within %d ms (%s)\n", qPrintable(sample), wanted,
        timeoutMs, qPrintable(scraper.lastError()));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("citybrain-loadgen"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load generator and metrics probe of bench/ingest.sh"));
    parser.addHelpOption();
    const QCommandLineOption broker(QStringLiteral("broker"), QStringLiteral("Broker URI."), QStringLiteral("URI"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Messages (default 100000)."),
        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption qos(
        QStringLiteral("qos"), QStringLiteral("0 or 1."), QStringLiteral("Q"), QStringLiteral("0"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("msg/s, 0 = as fast as possible."),
        QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption sensors(QStringLiteral("sensors"), QStringLiteral("Sensor ids (default 1000)."),
        QStringLiteral("S"), QStringLiteral("1000"));
    const QCommandLineOption seqStart(QStringLiteral("seq-start"), QStringLiteral("First seq of every sensor."),
        QStringLiteral("K"), QStringLiteral("0"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Publications Paho has not completed, at most (default 200)."), QStringLiteral("W"),
        QStringLiteral("200"));
    const QCommandLineOption transport(QStringLiteral("transport"),
        QStringLiteral("paho (the async client, default) or direct (one socket write per message, QoS 0)."),
        QStringLiteral("T"), QStringLiteral("paho"));
    const QCommandLineOption watch(
        QStringLiteral("watch"), QStringLiteral("Metrics URL of the app under test."), QStringLiteral("URL"));
    const QCommandLineOption pid(
        QStringLiteral("pid"), QStringLiteral("Process id of the app (CPU from /proc)."), QStringLiteral("PID"));
    const QCommandLineOption idleMs(QStringLiteral("idle-ms"),
        QStringLiteral("Measure the app's idle CPU this long before publishing."), QStringLiteral("MS"),
        QStringLiteral("0"));
    const QCommandLineOption stallMs(QStringLiteral("stall-ms"),
        QStringLiteral("Give up when nothing moved this long (default 5000)."), QStringLiteral("MS"),
        QStringLiteral("5000"));
    const QCommandLineOption pollMs(QStringLiteral("poll-ms"), QStringLiteral("Metrics poll interval (default 20)."),
        QStringLiteral("MS"), QStringLiteral("20"));
    const QCommandLineOption subscribe(QStringLiteral("subscribe"), QStringLiteral("Run the bare Paho subscriber."));
    const QCommandLineOption scrape(
        QStringLiteral("scrape"), QStringLiteral("Print one scrape of URL."), QStringLiteral("URL"));
    const QCommandLineOption waitFor(QStringLiteral("wait-for"),
        QStringLiteral("With --scrape: poll until SAMPLE has VALUE."), QStringLiteral("SAMPLE=VALUE"));
    const QCommandLineOption timeoutMs(QStringLiteral("timeout-ms"), QStringLiteral("Timeout (default 30000)."),
        QStringLiteral("MS"), QStringLiteral("30000"));
    const QCommandLineOption freePort(QStringLiteral("free-port"), QStringLiteral("Print a free loopback TCP port."));
    parser.addOptions({ broker, count, qos, rate, sensors, seqStart, window, transport, watch, pid, idleMs, stallMs,
        pollMs, subscribe, scrape, waitFor, timeoutMs, freePort });
    parser.process(app);

    if (parser.isSet(freePort)) {
        const quint16 port = citybrain::EmbeddedBroker::freeLoopbackPort();
        std::printf("%u\n", port);
        return port ? 0 : 1;
    }
    if (parser.isSet(scrape))
        return runScrape(QUrl(parser.value(scrape)), parser.value(waitFor), parser.value(timeoutMs).toInt());
    if (!parser.isSet(broker)) {
        std::fprintf(stderr, "citybrain-loadgen: --broker is required\n");
        return 2;
    }
    const int qosLevel = parser.value(qos).toInt();
    if (qosLevel < 0 || qosLevel > 1) {
        std::fprintf(stderr, "citybrain-loadgen: --qos must be 0 or 1\n");
        return 2;
    }
    if (parser.isSet(subscribe))
        return runSubscribe(parser.value(broker), parser.value(count).toLongLong(), qosLevel,
            parser.value(stallMs).toInt(), parser.value(timeoutMs).toInt());

    PublishPlan plan;
    plan.broker = parser.value(broker);
    plan.count = parser.value(count).toLongLong();
    plan.qos = qosLevel;
    plan.rate = parser.value(rate).toDouble();
    plan.sensors = parser.value(sensors).toInt();
    plan.seqStart = parser.value(seqStart).toLongLong();
    plan.window = std::max<qint64>(1, parser.value(window).toLongLong());
    if (parser.value(transport) == QLatin1String("direct")) {
        plan.transport = Transport::Direct;
    } else if (parser.value(transport) != QLatin1String("paho")) {
        std::fprintf(stderr, "citybrain-loadgen: --transport must be paho or direct\n");
        return 2;
    }
    std::optional<WatchSettings> watchSettings;
    if (parser.isSet(watch)) {
        WatchSettings settings;
        settings.url = QUrl(parser.value(watch));
        settings.pid = parser.value(pid).toLongLong();
        settings.pollMs = std::max(1, parser.value(pollMs).toInt());
        settings.stallMs = parser.value(stallMs).toInt();
        settings.idleMs = parser.value(idleMs).toInt();
        watchSettings = settings;
    }
    return runPublish(plan, watchSettings);
}
