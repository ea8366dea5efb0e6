#include "metricsregistry.h"

#include <QLocale>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>
#include <limits>

namespace citybrain {

static_assert(std::atomic<double>::is_always_lock_free, "Gauge and Histogram need a lock-free atomic<double>");
static_assert(std::atomic<qint64>::is_always_lock_free, "Counter needs a lock-free atomic<qint64>");
static_assert(std::atomic<quint64>::is_always_lock_free, "Histogram needs a lock-free atomic<quint64>");

namespace {

void atomicAdd(std::atomic<double>& target, double delta) noexcept
{
    double expected = target.load(std::memory_order_relaxed);
    while (!target.compare_exchange_weak(expected, expected + delta, std::memory_order_relaxed)) { }
}

// Go's strconv.ParseFloat reads all of these: integers as integers, else the shortest round-trip form.
QByteArray formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0) // 2^53
        return QByteArray::number(static_cast<qint64>(value));
    // Plain decimals in the usual range (le="0.0001" rather than le="1e-04"), exponents outside it.
    const double magnitude = std::fabs(value);
    const char format = magnitude >= 1e-6 && magnitude < 1e15 ? 'f' : 'g';
    return QByteArray::number(value, format, QLocale::FloatingPointShortest);
}

// HELP text: backslash and newline escaped.
QByteArray escapeHelp(const QString& help)
{
    QByteArray out;
    const QByteArray utf8 = help.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// Label values: backslash, double quote and newline escaped.
QByteArray escapeLabelValue(const QString& value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// `a="x",b="y"` without braces, so that a histogram can append its le label.
QByteArray renderLabelPairs(const MetricLabels& labels)
{
    QByteArray out;
    for (const auto& [name, value] : labels) {
        if (!out.isEmpty())
            out += ',';
        out += name.toLatin1();
        out += "=\"";
        out += escapeLabelValue(value);
        out += '"';
    }
    return out;
}

QByteArray braced(const QByteArray& pairs)
{
    return pairs.isEmpty() ? QByteArray() : '{' + pairs + '}';
}

bool isNameChar(QChar c, bool first, bool allowColon)
{
    const char16_t u = c.unicode();
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_')
        return true;
    if (allowColon && u == ':')
        return true;
    return !first && u >= '0' && u <= '9';
}

} // namespace

// ---------------------------------------------------------------------------------------------------------

void Gauge::add(double delta) noexcept
{
    atomicAdd(m_value, delta);
}

Histogram::Histogram(std::vector<double> upperBounds)
    : m_upperBounds(std::move(upperBounds))
    , m_buckets(new std::atomic<quint64>[m_upperBounds.size() + 1])
{
    for (size_t i = 0; i < m_upperBounds.size(); ++i) {
        if (!std::isfinite(m_upperBounds[i]) || (i > 0 && !(m_upperBounds[i] > m_upperBounds[i - 1])))
            qFatal("citybrain::Histogram: upper bounds must be finite and strictly increasing");
    }
    for (size_t i = 0; i <= m_upperBounds.size(); ++i)
        m_buckets[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double value) noexcept
{
    if (std::isnan(value))
        return;
    // Bucket i counts bounds[i-1] < value <= bounds[i]; the last one is +Inf.
    const auto it = std::lower_bound(m_upperBounds.begin(), m_upperBounds.end(), value);
    const auto index = static_cast<size_t>(it - m_upperBounds.begin());
    m_buckets[index].fetch_add(1, std::memory_order_relaxed);
    atomicAdd(m_sum, value);
}

quint64 Histogram::count() const noexcept
{
    quint64 total = 0;
    for (size_t i = 0; i <= m_upperBounds.size(); ++i)
        total += m_buckets[i].load(std::memory_order_relaxed);
    return total;
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot snap;
    snap.sum = m_sum.load(std::memory_order_relaxed);
    snap.cumulativeCounts.reserve(m_upperBounds.size() + 1);
    quint64 running = 0;
    for (size_t i = 0; i <= m_upperBounds.size(); ++i) {
        running += m_buckets[i].load(std::memory_order_relaxed);
        snap.cumulativeCounts.push_back(running);
    }
    snap.count = running;
    return snap;
}

double Histogram::quantile(double q) const
{
    return quantile(m_upperBounds, snapshot(), q);
}

double Histogram::quantile(const std::vector<double>& upperBounds, const Snapshot& snapshot, double q)
{
    const auto& cumulative = snapshot.cumulativeCounts;
    if (snapshot.count == 0 || std::isnan(q) || cumulative.size() != upperBounds.size() + 1)
        return std::numeric_limits<double>::quiet_NaN();
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * static_cast<double>(snapshot.count);

    // First non-empty bucket whose cumulative count reaches the rank.
    size_t b = 0;
    while (b < cumulative.size()) {
        const quint64 previous = b == 0 ? 0 : cumulative[b - 1];
        if (static_cast<double>(cumulative[b]) >= rank && cumulative[b] > previous)
            break;
        ++b;
    }
    if (b >= upperBounds.size()) // the +Inf bucket: the best we know is the largest finite bound
        return upperBounds.empty() ? std::numeric_limits<double>::quiet_NaN() : upperBounds.back();

    const double upper = upperBounds[b];
    if (b == 0 && upper <= 0)
        return upper;
    const double lower = b == 0 ? 0.0 : upperBounds[b - 1];
    const double before = b == 0 ? 0.0 : static_cast<double>(cumulative[b - 1]);
    const double inBucket = static_cast<double>(cumulative[b]) - before;
    return lower + (upper - lower) * ((rank - before) / inBucket);
}

// ---------------------------------------------------------------------------------------------------------

struct MetricsRegistry::Series
{
    MetricLabels labels;
    QByteArray labelPairs; // rendered once at registration
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> function;
};

struct MetricsRegistry::Family
{
    QString name;
    QByteArray nameBytes;
    QByteArray help;
    Type type;
    std::vector<std::unique_ptr<Series>> series;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

bool MetricsRegistry::isValidMetricName(const QString& name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isNameChar(name.at(i), i == 0, true))
            return false;
    }
    return true;
}

bool MetricsRegistry::isValidLabelName(const QString& name)
{
    if (name.isEmpty() || name.startsWith(QLatin1String("__")))
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isNameChar(name.at(i), i == 0, false))
            return false;
    }
    return true;
}

MetricsRegistry::Series& MetricsRegistry::seriesFor(
    const QString& name, const QString& help, Type type, const MetricLabels& labels)
{
    if (!isValidMetricName(name))
        qFatal("citybrain::MetricsRegistry: invalid metric name \"%s\"", qPrintable(name));
    for (const auto& label : labels) {
        if (!isValidLabelName(label.first))
            qFatal("citybrain::MetricsRegistry: invalid label name \"%s\" on %s", qPrintable(label.first),
                qPrintable(name));
        if (type == Type::Histogram && label.first == QLatin1String("le"))
            qFatal("citybrain::MetricsRegistry: histogram %s may not have an \"le\" label", qPrintable(name));
    }

    // Caller holds m_mutex.
    Family* family = nullptr;
    for (const auto& f : m_families) {
        if (f->name == name) {
            family = f.get();
            break;
        }
    }
    if (!family) {
        auto created = std::make_unique<Family>();
        created->name = name;
        created->nameBytes = name.toLatin1();
        created->help = escapeHelp(help);
        created->type = type;
        family = created.get();
        m_families.push_back(std::move(created));
    } else if (family->type != type) {
        qFatal("citybrain::MetricsRegistry: %s registered with two different types", qPrintable(name));
    }

    for (const auto& s : family->series) {
        if (s->labels == labels)
            return *s;
    }
    auto series = std::make_unique<Series>();
    series->labels = labels;
    series->labelPairs = renderLabelPairs(labels);
    family->series.push_back(std::move(series));
    return *family->series.back();
}

Counter& MetricsRegistry::counter(const QString& name, const QString& help, const MetricLabels& labels)
{
    QMutexLocker lock(&m_mutex);
    Series& series = seriesFor(name, help, Type::Counter, labels);
    if (series.function)
        qFatal("citybrain::MetricsRegistry: %s is already a counter function for these labels", qPrintable(name));
    if (!series.counter)
        series.counter = std::make_unique<Counter>();
    return *series.counter;
}

Gauge& MetricsRegistry::gauge(const QString& name, const QString& help, const MetricLabels& labels)
{
    QMutexLocker lock(&m_mutex);
    Series& series = seriesFor(name, help, Type::Gauge, labels);
    if (series.function)
        qFatal("citybrain::MetricsRegistry: %s is already a gauge function for these labels", qPrintable(name));
    if (!series.gauge)
        series.gauge = std::make_unique<Gauge>();
    return *series.gauge;
}

Histogram& MetricsRegistry::histogram(
    const QString& name, const QString& help, std::vector<double> upperBounds, const MetricLabels& labels)
{
    QMutexLocker lock(&m_mutex);
    Series& series = seriesFor(name, help, Type::Histogram, labels);
    if (!series.histogram)
        series.histogram = std::make_unique<Histogram>(std::move(upperBounds));
    else if (series.histogram->upperBounds() != upperBounds)
        qFatal("citybrain::MetricsRegistry: histogram %s registered again with other buckets", qPrintable(name));
    return *series.histogram;
}

void MetricsRegistry::gaugeFunction(
    const QString& name, const QString& help, const MetricLabels& labels, std::function<double()> function)
{
    QMutexLocker lock(&m_mutex);
    Series& series = seriesFor(name, help, Type::Gauge, labels);
    if (series.function || series.gauge || !function)
        qFatal("citybrain::MetricsRegistry: gauge function %s: empty, or these labels are taken", qPrintable(name));
    series.function = std::move(function);
}

void MetricsRegistry::counterFunction(
    const QString& name, const QString& help, const MetricLabels& labels, std::function<double()> function)
{
    QMutexLocker lock(&m_mutex);
    Series& series = seriesFor(name, help, Type::Counter, labels);
    if (series.function || series.counter || !function)
        qFatal("citybrain::MetricsRegistry: counter function %s: empty, or these labels are taken", qPrintable(name));
    series.function = std::move(function);
}

QByteArray MetricsRegistry::render() const
{
    QMutexLocker lock(&m_mutex);
    QByteArray out;
    out.reserve(4096);
    for (const auto& family : m_families) {
        const QByteArray& name = family->nameBytes;
        out += "# HELP " + name + ' ' + family->help + '\n';
        switch (family->type) {
        case Type::Counter:
            out += "# TYPE " + name + " counter\n";
            break;
        case Type::Gauge:
            out += "# TYPE " + name + " gauge\n";
            break;
        case Type::Histogram:
            out += "# TYPE " + name + " histogram\n";
            break;
        }
        for (const auto& series : family->series) {
            if (family->type == Type::Histogram) {
                const Histogram& h = *series->histogram;
                const Histogram::Snapshot snap = h.snapshot();
                const QByteArray prefix = series->labelPairs.isEmpty() ? QByteArray() : series->labelPairs + ',';
                for (size_t i = 0; i < snap.cumulativeCounts.size(); ++i) {
                    const QByteArray le
                        = i < h.upperBounds().size() ? formatValue(h.upperBounds()[i]) : QByteArrayLiteral("+Inf");
                    out += name + "_bucket{" + prefix + "le=\"" + le + "\"} "
                        + QByteArray::number(snap.cumulativeCounts[i]) + '\n';
                }
                const QByteArray labels = braced(series->labelPairs);
                out += name + "_sum" + labels + ' ' + formatValue(snap.sum) + '\n';
                out += name + "_count" + labels + ' ' + QByteArray::number(snap.count) + '\n';
                continue;
            }
            QByteArray value;
            if (series->function)
                value = formatValue(series->function());
            else if (series->counter)
                value = QByteArray::number(series->counter->value());
            else
                value = formatValue(series->gauge->value());
            out += name + braced(series->labelPairs) + ' ' + value + '\n';
        }
    }
    return out;
}

std::vector<double> MetricsRegistry::ingestLatencyBuckets()
{
    // Fine around the 20 ms publish-to-model target, so its p99 can be judged.
    return { 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25,
        0.5, 1.0, 2.5, 5.0, 10.0 };
}

std::vector<double> MetricsRegistry::guiApplyBuckets()
{
    return { 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.033, 0.05 };
}

} // namespace citybrain
