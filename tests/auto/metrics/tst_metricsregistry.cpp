#include "metricsregistry.h"
#include "processmetrics.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QTest>

#include <cmath>
#include <thread>
#include <vector>

using namespace citybrain;

namespace {

struct Sample
{
    QByteArray name;
    QMap<QString, QString> labels;
    double value = 0.0;
};

struct Family
{
    QByteArray name;
    QByteArray type;
    QByteArray help;
    QList<Sample> samples;
};

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

// Reads a metric or label name at pos; empty when there is none.
QByteArray readName(const QByteArray& line, int& pos, bool allowColon)
{
    const int start = pos;
    while (pos < line.size() && (pos == start ? isNameStart(line[pos]) : isNameChar(line[pos]))
        && (allowColon || line[pos] != ':'))
        ++pos;
    return line.mid(start, pos - start);
}

// Parses one sample line `name{a="x",b="y"} value` of the text format 0.0.4 (no timestamp); sets *why on
// failure.
bool parseSample(const QByteArray& line, Sample* sample, QString* why)
{
    int pos = 0;
    sample->name = readName(line, pos, true);
    if (sample->name.isEmpty()) {
        *why = QStringLiteral("no metric name");
        return false;
    }
    if (pos < line.size() && line[pos] == '{') {
        ++pos;
        while (pos < line.size() && line[pos] != '}') {
            const QByteArray labelName = readName(line, pos, false);
            if (labelName.isEmpty() || pos + 1 >= line.size() || line[pos] != '=' || line[pos + 1] != '"') {
                *why = QStringLiteral("bad label at %1").arg(pos);
                return false;
            }
            pos += 2;
            QByteArray value;
            while (pos < line.size() && line[pos] != '"') {
                if (line[pos] == '\\') {
                    if (pos + 1 >= line.size()) {
                        *why = QStringLiteral("dangling backslash");
                        return false;
                    }
                    const char escaped = line[pos + 1];
                    if (escaped == '\\')
                        value += '\\';
                    else if (escaped == '"')
                        value += '"';
                    else if (escaped == 'n')
                        value += '\n';
                    else {
                        *why = QStringLiteral("unknown escape \\%1").arg(QLatin1Char(escaped));
                        return false;
                    }
                    pos += 2;
                } else {
                    value += line[pos++];
                }
            }
            if (pos >= line.size()) {
                *why = QStringLiteral("unterminated label value");
                return false;
            }
            ++pos; // closing quote
            if (sample->labels.contains(QString::fromLatin1(labelName))) {
                *why = QStringLiteral("duplicate label %1").arg(QString::fromLatin1(labelName));
                return false;
            }
            sample->labels.insert(QString::fromLatin1(labelName), QString::fromUtf8(value));
            if (pos < line.size() && line[pos] == ',')
                ++pos;
            else if (pos >= line.size() || line[pos] != '}') {
                *why = QStringLiteral("expected , or } at %1").arg(pos);
                return false;
            }
        }
        if (pos >= line.size()) {
            *why = QStringLiteral("unterminated label set");
            return false;
        }
        ++pos; // '}'
    }
    if (pos >= line.size() || line[pos] != ' ') {
        *why = QStringLiteral("expected one space before the value");
        return false;
    }
    const QByteArray valueText = line.mid(pos + 1);
    if (valueText == "+Inf") {
        sample->value = INFINITY;
        return true;
    }
    if (valueText == "-Inf") {
        sample->value = -INFINITY;
        return true;
    }
    if (valueText == "NaN") {
        sample->value = NAN;
        return true;
    }
    bool ok = false;
    sample->value = valueText.toDouble(&ok);
    if (!ok || valueText.contains(' ')) {
        *why = QStringLiteral("bad value \"%1\"").arg(QString::fromLatin1(valueText));
        return false;
    }
    return true;
}

bool belongsTo(const QByteArray& sampleName, const Family& family)
{
    if (sampleName == family.name)
        return family.type != "histogram";
    if (family.type != "histogram")
        return false;
    return sampleName == family.name + "_bucket" || sampleName == family.name + "_sum"
        || sampleName == family.name + "_count";
}

// Parses a whole exposition: HELP then TYPE open a family, every sample belongs to the open family, no
// family twice, text ends with a newline. Sets *why on failure.
bool parseExposition(const QByteArray& text, QList<Family>* families, QString* why)
{
    if (!text.isEmpty() && !text.endsWith('\n')) {
        *why = QStringLiteral("does not end with a newline");
        return false;
    }
    QSet<QByteArray> seen;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i + 1 < lines.size(); ++i) { // the last element is the empty text after the final \n
        const QByteArray& line = lines[i];
        const QString where = QStringLiteral("line %1 \"%2\": ").arg(i + 1).arg(QString::fromUtf8(line));
        if (line.startsWith("# HELP ")) {
            const QByteArray rest = line.mid(7);
            const int space = rest.indexOf(' ');
            Family family;
            family.name = space < 0 ? rest : rest.left(space);
            family.help = space < 0 ? QByteArray() : rest.mid(space + 1);
            if (seen.contains(family.name)) {
                *why = where + QStringLiteral("family repeated");
                return false;
            }
            seen.insert(family.name);
            families->append(family);
            continue;
        }
        if (line.startsWith("# TYPE ")) {
            const QList<QByteArray> parts = line.mid(7).split(' ');
            if (families->isEmpty() || parts.size() != 2 || parts[0] != families->last().name
                || !families->last().type.isEmpty() || !families->last().samples.isEmpty()) {
                *why = where + QStringLiteral("TYPE not right after its HELP");
                return false;
            }
            static const QSet<QByteArray> types { "counter", "gauge", "histogram", "summary", "untyped" };
            if (!types.contains(parts[1])) {
                *why = where + QStringLiteral("unknown type");
                return false;
            }
            families->last().type = parts[1];
            continue;
        }
        if (line.startsWith('#') || line.isEmpty()) {
            *why = where + QStringLiteral("unexpected comment or empty line");
            return false;
        }
        Sample sample;
        QString sampleWhy;
        if (!parseSample(line, &sample, &sampleWhy)) {
            *why = where + sampleWhy;
            return false;
        }
        if (families->isEmpty() || families->last().type.isEmpty() || !belongsTo(sample.name, families->last())) {
            *why = where + QStringLiteral("sample before its family's HELP and TYPE");
            return false;
        }
        families->last().samples.append(sample);
    }
    return true;
}

const Family* findFamily(const QList<Family>& families, const QByteArray& name)
{
    for (const Family& family : families) {
        if (family.name == name)
            return &family;
    }
    return nullptr;
}

QList<Sample> samplesNamed(const Family& family, const QByteArray& name)
{
    QList<Sample> out;
    for (const Sample& sample : family.samples) {
        if (sample.name == name)
            out.append(sample);
    }
    return out;
}

} // namespace

class TestMetricsRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renderIsValidExpositionText();
    void familiesKeepRegistrationOrder();
    void sameNameWithOtherLabelsIsOneFamily();
    void sameNameAndLabelsReturnsTheSameCounter();
    void labelValuesAreEscaped();
    void helpTextIsEscaped();
    void countersFromFourThreadsSumExactly();
    void histogramBucketsAreCumulative();
    void histogramFromFourThreadsCountsExactly();
    void histogramLabelsPrecedeLe();
    void quantileIsWithinABucketWidth();
    void quantileOfEmptyHistogramIsNaN();
    void quantileBeyondTheLastBoundIsTheLastBound();
    void gaugeFunctionIsEvaluatedAtRender();
    void gaugeValuesRender();
    void processMetricsAreRendered();
    void statParserSkipsTheCommandName();
    void statmParserReadsResidentPages();
    void nameValidation();
    void cityBrainBucketsSpanTheirRanges();
};

void TestMetricsRegistry::renderIsValidExpositionText()
{
    MetricsRegistry registry;
    registry.counter(QStringLiteral("citybrain_messages_received_total"), QStringLiteral("Messages received.")).add(3);
    registry
        .counter(QStringLiteral("citybrain_messages_decoded_total"), QStringLiteral("Decoded."),
            { { QStringLiteral("kind"), QStringLiteral("reading") } })
        .add(2);
    registry.gauge(QStringLiteral("citybrain_mqtt_connected"), QStringLiteral("Connected.")).set(1);
    registry.gaugeFunction(QStringLiteral("citybrain_queue_depth"), QStringLiteral("Depth."),
        { { QStringLiteral("queue"), QStringLiteral("telemetry") } }, [] { return 7.0; });
    auto& latency = registry.histogram(QStringLiteral("citybrain_ingest_latency_seconds"), QStringLiteral("Latency."),
        MetricsRegistry::ingestLatencyBuckets());
    latency.observe(0.003);
    latency.observe(20.0);
    registerProcessMetrics(registry);

    const QByteArray text = registry.render();
    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(text, &families, &why), qPrintable(why + QLatin1Char('\n') + QString::fromUtf8(text)));
    QCOMPARE(families.size(), 7);
    for (const Family& family : families) {
        QVERIFY2(!family.help.isEmpty(), family.name.constData());
        QVERIFY2(!family.type.isEmpty(), family.name.constData());
        QVERIFY2(!family.samples.isEmpty(), family.name.constData());
    }
}

void TestMetricsRegistry::familiesKeepRegistrationOrder()
{
    MetricsRegistry registry;
    registry.gauge(QStringLiteral("zeta"), QStringLiteral("z"));
    registry.counter(QStringLiteral("alpha_total"), QStringLiteral("a"));
    registry.histogram(QStringLiteral("mid_seconds"), QStringLiteral("m"), { 1.0 });

    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(registry.render(), &families, &why), qPrintable(why));
    QCOMPARE(families.size(), 3);
    QCOMPARE(families[0].name, QByteArray("zeta"));
    QCOMPARE(families[0].type, QByteArray("gauge"));
    QCOMPARE(families[1].name, QByteArray("alpha_total"));
    QCOMPARE(families[1].type, QByteArray("counter"));
    QCOMPARE(families[2].name, QByteArray("mid_seconds"));
    QCOMPARE(families[2].type, QByteArray("histogram"));
}

void TestMetricsRegistry::sameNameWithOtherLabelsIsOneFamily()
{
    MetricsRegistry registry;
    const QString name = QStringLiteral("citybrain_messages_rejected_total");
    registry.counter(name, QStringLiteral("Rejected."), { { QStringLiteral("reason"), QStringLiteral("bad_json") } })
        .add(4);
    registry.counter(name, QStringLiteral("Rejected."), { { QStringLiteral("reason"), QStringLiteral("stale") } })
        .add(1);

    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(registry.render(), &families, &why), qPrintable(why));
    QCOMPARE(families.size(), 1);
    QCOMPARE(families[0].samples.size(), 2);
    QCOMPARE(families[0].samples[0].labels.value(QStringLiteral("reason")), QStringLiteral("bad_json"));
    QCOMPARE(families[0].samples[0].value, 4.0);
    QCOMPARE(families[0].samples[1].labels.value(QStringLiteral("reason")), QStringLiteral("stale"));
    QCOMPARE(families[0].samples[1].value, 1.0);
}

void TestMetricsRegistry::sameNameAndLabelsReturnsTheSameCounter()
{
    MetricsRegistry registry;
    const MetricLabels labels { { QStringLiteral("kind"), QStringLiteral("incident") } };
    Counter& first = registry.counter(QStringLiteral("decoded_total"), QStringLiteral("d"), labels);
    Counter& second = registry.counter(QStringLiteral("decoded_total"), QStringLiteral("d"), labels);
    QCOMPARE(&first, &second);
}

void TestMetricsRegistry::labelValuesAreEscaped()
{
    MetricsRegistry registry;
    const QString nasty = QStringLiteral("say \"hi\"\\path\nnext line 咸阳");
    registry.counter(QStringLiteral("escapes_total"), QStringLiteral("e"), { { QStringLiteral("value"), nasty } })
        .add();

    const QByteArray text = registry.render();
    QVERIFY2(text.contains("escapes_total{value=\"say \\\"hi\\\"\\\\path\\nnext line " + QStringLiteral("咸阳").toUtf8()
                 + "\"} 1\n"),
        text.constData());
    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(text, &families, &why), qPrintable(why));
    QCOMPARE(families[0].samples[0].labels.value(QStringLiteral("value")), nasty);
}

void TestMetricsRegistry::helpTextIsEscaped()
{
    MetricsRegistry registry;
    registry.gauge(QStringLiteral("helped"), QStringLiteral("back\\slash\nnewline \"quotes stay\""));
    QVERIFY(
        registry.render().startsWith("# HELP helped back\\\\slash\\nnewline \"quotes stay\"\n# TYPE helped gauge\n"));
}

void TestMetricsRegistry::countersFromFourThreadsSumExactly()
{
    MetricsRegistry registry;
    Counter& counter = registry.counter(QStringLiteral("increments_total"), QStringLiteral("i"));
    constexpr int threads = 4;
    constexpr int perThread = 100000;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&counter] {
            for (int i = 0; i < perThread; ++i)
                counter.add();
        });
    }
    for (auto& worker : workers)
        worker.join();

    QCOMPARE(counter.value(), qint64(threads) * perThread);
    QVERIFY(registry.render().contains("\nincrements_total 400000\n"));
}

void TestMetricsRegistry::histogramBucketsAreCumulative()
{
    MetricsRegistry registry;
    Histogram& h = registry.histogram(QStringLiteral("apply_seconds"), QStringLiteral("a"), { 0.001, 0.01, 0.1 });
    for (double v : { 0.0005, 0.001, 0.002, 0.05, 0.05, 0.5 })
        h.observe(v);

    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(registry.render(), &families, &why), qPrintable(why));
    const QList<Sample> buckets = samplesNamed(families[0], "apply_seconds_bucket");
    QCOMPARE(buckets.size(), 4);
    const QStringList les { QStringLiteral("0.001"), QStringLiteral("0.01"), QStringLiteral("0.1"),
        QStringLiteral("+Inf") };
    const QList<double> expected { 2, 3, 5, 6 }; // le is inclusive: 0.001 falls in the first bucket
    for (int i = 0; i < buckets.size(); ++i) {
        QCOMPARE(buckets[i].labels.value(QStringLiteral("le")), les[i]);
        QCOMPARE(buckets[i].value, expected[i]);
    }
    const QList<Sample> count = samplesNamed(families[0], "apply_seconds_count");
    const QList<Sample> sum = samplesNamed(families[0], "apply_seconds_sum");
    QCOMPARE(count.size(), 1);
    QCOMPARE(sum.size(), 1);
    QCOMPARE(count[0].value, 6.0);
    QVERIFY(qFuzzyCompare(sum[0].value, 0.0005 + 0.001 + 0.002 + 0.05 + 0.05 + 0.5));
}

void TestMetricsRegistry::histogramFromFourThreadsCountsExactly()
{
    Histogram h({ 1.0, 2.0, 3.0 });
    constexpr int threads = 4;
    constexpr int perThread = 50000;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&h, t] {
            for (int i = 0; i < perThread; ++i)
                h.observe(double(t)); // 0, 1, 2, 3: exact in binary, so the sum is exact too
        });
    }
    for (auto& worker : workers)
        worker.join();

    const Histogram::Snapshot snap = h.snapshot();
    QCOMPARE(snap.count, quint64(threads * perThread));
    QCOMPARE(snap.cumulativeCounts, (std::vector<quint64> { 100000, 150000, 200000, 200000 }));
    QCOMPARE(snap.sum, double(perThread) * (0 + 1 + 2 + 3));
}

void TestMetricsRegistry::histogramLabelsPrecedeLe()
{
    MetricsRegistry registry;
    registry
        .histogram(QStringLiteral("lat_seconds"), QStringLiteral("l"), { 1.0 },
            { { QStringLiteral("queue"), QStringLiteral("bulk") } })
        .observe(0.5);
    const QByteArray text = registry.render();
    QVERIFY2(text.contains("lat_seconds_bucket{queue=\"bulk\",le=\"1\"} 1\n"), text.constData());
    QVERIFY2(text.contains("lat_seconds_bucket{queue=\"bulk\",le=\"+Inf\"} 1\n"), text.constData());
    QVERIFY2(text.contains("lat_seconds_sum{queue=\"bulk\"} 0.5\n"), text.constData());
    QVERIFY2(text.contains("lat_seconds_count{queue=\"bulk\"} 1\n"), text.constData());
}

void TestMetricsRegistry::quantileIsWithinABucketWidth()
{
    // 1 ms .. 1000 ms in 1 ms steps: the true q-quantile is about q seconds.
    const std::vector<double> bounds = MetricsRegistry::ingestLatencyBuckets();
    Histogram h(bounds);
    for (int ms = 1; ms <= 1000; ++ms)
        h.observe(ms / 1000.0);

    for (double q : { 0.05, 0.25, 0.5, 0.9, 0.99 }) {
        const double truth = q; // seconds
        const auto upper = std::lower_bound(bounds.begin(), bounds.end(), truth);
        QVERIFY(upper != bounds.end());
        const double lower = upper == bounds.begin() ? 0.0 : *(upper - 1);
        const double width = *upper - lower;
        const double estimate = h.quantile(q);
        QVERIFY2(std::fabs(estimate - truth) <= width,
            qPrintable(
                QStringLiteral("q=%1 estimate %2 truth %3 width %4").arg(q).arg(estimate).arg(truth).arg(width)));
        QVERIFY2(estimate >= lower && estimate <= *upper, qPrintable(QStringLiteral("q=%1 outside its bucket").arg(q)));
    }
}

void TestMetricsRegistry::quantileOfEmptyHistogramIsNaN()
{
    Histogram h({ 1.0, 2.0 });
    QVERIFY(std::isnan(h.quantile(0.5)));
}

void TestMetricsRegistry::quantileBeyondTheLastBoundIsTheLastBound()
{
    Histogram h({ 1.0, 2.0 });
    h.observe(100.0);
    QCOMPARE(h.quantile(0.99), 2.0);
}

void TestMetricsRegistry::gaugeFunctionIsEvaluatedAtRender()
{
    MetricsRegistry registry;
    int calls = 0;
    double depth = 5;
    registry.gaugeFunction(QStringLiteral("queue_depth"), QStringLiteral("q"),
        { { QStringLiteral("queue"), QStringLiteral("priority") } }, [&] {
            ++calls;
            return depth;
        });
    QCOMPARE(calls, 0);
    QVERIFY(registry.render().contains("queue_depth{queue=\"priority\"} 5\n"));
    depth = 12.5;
    QVERIFY(registry.render().contains("queue_depth{queue=\"priority\"} 12.5\n"));
    QCOMPARE(calls, 2);
}

void TestMetricsRegistry::gaugeValuesRender()
{
    MetricsRegistry registry;
    Gauge& g = registry.gauge(QStringLiteral("g"), QStringLiteral("g"));
    g.set(0.1);
    QVERIFY(registry.render().endsWith("\ng 0.1\n"));
    g.add(-0.6);
    QVERIFY(registry.render().endsWith("\ng -0.5\n"));
    g.set(0.0001);
    QVERIFY(registry.render().endsWith("\ng 0.0001\n"));
    g.set(1e-9);
    QVERIFY(registry.render().endsWith("\ng 1e-09\n"));
    g.set(std::numeric_limits<double>::infinity());
    QVERIFY(registry.render().endsWith("\ng +Inf\n"));
    g.set(std::numeric_limits<double>::quiet_NaN());
    QVERIFY(registry.render().endsWith("\ng NaN\n"));
}

void TestMetricsRegistry::processMetricsAreRendered()
{
    MetricsRegistry registry;
    registerProcessMetrics(registry);
    QList<Family> families;
    QString why;
    QVERIFY2(parseExposition(registry.render(), &families, &why), qPrintable(why));
    const Family* rss = findFamily(families, "process_resident_memory_bytes");
    const Family* cpu = findFamily(families, "process_cpu_seconds_total");
    QVERIFY(rss);
    QVERIFY(cpu);
    QCOMPARE(rss->type, QByteArray("gauge"));
    QCOMPARE(cpu->type, QByteArray("counter"));
    QVERIFY(rss->samples[0].value > 1024 * 1024); // a Qt process is more than a megabyte
    QVERIFY(cpu->samples[0].value >= 0);
}

void TestMetricsRegistry::statParserSkipsTheCommandName()
{
    // comm "(a) b (c)" holds spaces and parentheses; utime 1500, stime 250.
    const QByteArray stat = "4242 ((a) b (c)) S 1 4242 4242 0 -1 4194304 100 0 0 0 1500 250 0 0 20 0 3 0 "
                            "12345 1000000 500 18446744073709551615\n";
    QCOMPARE(parseStatCpuTicks(stat), std::optional<qint64>(1750));
    QCOMPARE(parseStatCpuTicks("garbage"), std::optional<qint64>());
}

void TestMetricsRegistry::statmParserReadsResidentPages()
{
    QCOMPARE(parseStatmResidentPages("10550 2621 1836 1 0 1260 0\n"), std::optional<qint64>(2621));
    QCOMPARE(parseStatmResidentPages(""), std::optional<qint64>());
}

void TestMetricsRegistry::nameValidation()
{
    QVERIFY(MetricsRegistry::isValidMetricName(QStringLiteral("citybrain:queue_depth_2")));
    QVERIFY(!MetricsRegistry::isValidMetricName(QStringLiteral("2fast")));
    QVERIFY(!MetricsRegistry::isValidMetricName(QStringLiteral("with-dash")));
    QVERIFY(MetricsRegistry::isValidLabelName(QStringLiteral("queue")));
    QVERIFY(!MetricsRegistry::isValidLabelName(QStringLiteral("__reserved")));
    QVERIFY(!MetricsRegistry::isValidLabelName(QStringLiteral("a:b")));
}

void TestMetricsRegistry::cityBrainBucketsSpanTheirRanges()
{
    const auto ingest = MetricsRegistry::ingestLatencyBuckets();
    QCOMPARE(ingest.front(), 0.001);
    QCOMPARE(ingest.back(), 10.0);
    const auto apply = MetricsRegistry::guiApplyBuckets();
    QCOMPARE(apply.front(), 0.0001);
    QCOMPARE(apply.back(), 0.05);
    QVERIFY(std::is_sorted(ingest.begin(), ingest.end()));
    QVERIFY(std::is_sorted(apply.begin(), apply.end()));
}

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
