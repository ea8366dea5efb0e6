// citybrain-rulesbench: the rule engine's cost per telemetry sample for bench/rules.sh (docs/performance.md).
//
// 100 rules (the 23 shipped defaults and 77 more of every type, scoped by district, sensor group and
// time of day), 10,000 sensors of the five domains in the 14 districts with the simulator's metrics
// (air 5 values, traffic 3, water 3 with the gauge's own lines, noise 1, energy 1), a few percent of them
// in episodes that cross lines (raising and clearing alarms, whose explanations are built in the timed
// loop), a few going silent for a while (silence alarms from tick(), called once per simulated second).
// Each sensor reports every --interval seconds of simulated time; the samples of a round are built
// outside the timed region and then passed to RuleEngine::observe, timed.
//
// Reference, in the same run on the same samples: copying each TelemetrySample into a preallocated slot
// (what the ingest worker's hand-off of a sample costs), and one QHash<QString, int> lookup of the sensor
// id per sample (the least any per-sensor state costs).
//
// Prints a table and, as its last line: rules ns_per_sample=<x> ratio_copy=<r> ratio_lookup=<r>
#include "ruleengine.h"
#include "ruleset.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTime>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sys/resource.h>
#include <vector>

using namespace citybrain;
using Clock = std::chrono::steady_clock;

namespace {

const QStringList districts = { QStringLiteral("610402"), QStringLiteral("610403"), QStringLiteral("610404"),
    QStringLiteral("610422"), QStringLiteral("610423"), QStringLiteral("610424"), QStringLiteral("610425"),
    QStringLiteral("610426"), QStringLiteral("610428"), QStringLiteral("610429"), QStringLiteral("610430"),
    QStringLiteral("610431"), QStringLiteral("610481"), QStringLiteral("610482") };

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "citybrain-rulesbench: %s\n", qPrintable(message));
    std::exit(2);
}

QString arg(const QStringList& args, const QString& name, const QString& fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

double nsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
}

QJsonObject rule(const QString& id, const QString& domain, const QString& metric, const QString& type)
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("title"), QStringLiteral("基准线") },
        { QStringLiteral("domain"), domain }, { QStringLiteral("metric"), metric }, { QStringLiteral("type"), type },
        { QStringLiteral("severity"), QStringLiteral("minor") },
        { QStringLiteral("incident_kind"), QStringLiteral("bench") } };
}

// The shipped defaults plus 77 more: per-district and per-sensor-group variants of every rule type.
std::shared_ptr<const RuleSet> hundredRules()
{
    QFile file(defaultRuleFilePath());
    if (!file.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read the default rules"));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QJsonArray rules = root.value(QStringLiteral("rules")).toArray();
    for (int d = 0; d < districts.size(); ++d) {
        const QString adcode = districts[d];
        const QJsonArray only = { adcode };
        QJsonObject load = rule(QStringLiteral("energy.load.%1").arg(adcode), QStringLiteral("energy"),
            QStringLiteral("load"), QStringLiteral("threshold"));
        load.insert(QStringLiteral("districts"), only);
        load.insert(QStringLiteral("above"), 160);
        load.insert(QStringLiteral("clear"), 150);
        load.insert(QStringLiteral("for_seconds"), 120);
        rules.append(load);
        QJsonObject slow = rule(QStringLiteral("traffic.speed.low.%1").arg(adcode), QStringLiteral("traffic"),
            QStringLiteral("speed"), QStringLiteral("threshold"));
        slow.insert(QStringLiteral("districts"), only);
        slow.insert(QStringLiteral("below"), 12);
        slow.insert(QStringLiteral("clear"), 15);
        slow.insert(QStringLiteral("for_seconds"), 300);
        rules.append(slow);
        QJsonObject flow = rule(QStringLiteral("traffic.flow.surge.%1").arg(adcode), QStringLiteral("traffic"),
            QStringLiteral("flow"), QStringLiteral("rate"));
        flow.insert(QStringLiteral("districts"), only);
        flow.insert(QStringLiteral("above"), 60);
        flow.insert(QStringLiteral("clear"), 20);
        flow.insert(QStringLiteral("window_seconds"), 600);
        rules.append(flow);
        QJsonObject gauge = rule(QStringLiteral("water.level.fixed.%1").arg(adcode), QStringLiteral("water"),
            QStringLiteral("level"), QStringLiteral("threshold"));
        gauge.insert(QStringLiteral("sensors"), QJsonArray { QStringLiteral("water-%1-*").arg(adcode) });
        gauge.insert(QStringLiteral("above"), 7.5);
        gauge.insert(QStringLiteral("hysteresis"), 0.05);
        gauge.insert(QStringLiteral("overrides"),
            QJsonObject {
                { QStringLiteral("water-%1-0001").arg(adcode), QJsonObject { { QStringLiteral("above"), 5.2 } } } });
        rules.append(gauge);
        QJsonObject early = rule(QStringLiteral("air.pm25.early.%1").arg(adcode), QStringLiteral("air"),
            QStringLiteral("pm25"), QStringLiteral("threshold"));
        early.insert(QStringLiteral("districts"), only);
        early.insert(QStringLiteral("above"), 100);
        early.insert(QStringLiteral("clear"), 90);
        early.insert(QStringLiteral("for_seconds"), 600);
        rules.append(early);
    }
    const std::pair<const char*, double> air[]
        = { { "pm10", 150 }, { "pm10", 250 }, { "pm10", 350 }, { "no2", 200 }, { "o3", 200 }, { "aqi", 80 } };
    int n = 0;
    for (const auto& [metric, line] : air) {
        QJsonObject r = rule(QStringLiteral("air.%1.%2").arg(QLatin1String(metric)).arg(++n), QStringLiteral("air"),
            QLatin1String(metric), QStringLiteral("threshold"));
        r.insert(QStringLiteral("above"), line);
        r.insert(QStringLiteral("for_seconds"), 900);
        rules.append(r);
    }
    QJsonObject evening = rule(
        QStringLiteral("noise.evening"), QStringLiteral("noise"), QStringLiteral("laeq"), QStringLiteral("threshold"));
    evening.insert(QStringLiteral("above"), 62);
    evening.insert(QStringLiteral("hours"), QJsonArray { 18, 23 });
    rules.append(evening);
    root.insert(QStringLiteral("rules"), rules);

    auto set = std::make_shared<RuleSet>();
    QStringList errors;
    if (!loadRuleSet(QJsonDocument(root).toJson(), set.get(), &errors))
        die(errors.join(QLatin1Char('\n')));
    if (set->rules.size() != 100)
        die(QStringLiteral("expected 100 rules, made %1").arg(set->rules.size()));
    return set;
}

// One simulated sensor: a base level, a slow swing, noise; a few are in episodes that cross lines.
struct SimSensor
{
    TelemetrySample sample;
    double base = 0;
    double amplitude = 0;
    double period = 600; // s
    double phase = 0;
    double line = 0; // water: the gauge's warning line
    qint64 silentFrom = -1; // ms: this sensor stops reporting for silentFor
    qint64 silentFor = 0;
};

std::vector<SimSensor> makeSensors(int count, qint64 startMs, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> u(0, 1);
    const std::pair<const char*, double> shares[]
        = { { "air", 60 }, { "traffic", 240 }, { "water", 40 }, { "noise", 60 }, { "energy", 40 } }; // as the simulator
    std::vector<SimSensor> sensors;
    sensors.reserve(static_cast<size_t>(count));
    int made = 0;
    for (size_t k = 0; k < std::size(shares); ++k) {
        const int n = k + 1 == std::size(shares) ? count - made
                                                 : static_cast<int>(std::lround(count * shares[k].second / 440.0));
        for (int i = 0; i < n; ++i) {
            SimSensor s;
            const QString domain = QLatin1String(shares[k].first);
            const QString district = districts[i % districts.size()];
            s.sample.sensorId = QStringLiteral("%1-%2-%3")
                                    .arg(domain, district)
                                    .arg(i / districts.size() + 1, 4, 10, QLatin1Char('0'));
            s.sample.domain = domain;
            s.sample.district = district;
            s.sample.lon = 108.2 + u(rng) * 0.8;
            s.sample.lat = 34.2 + u(rng) * 0.9;
            const bool episode = u(rng) < 0.04;
            s.period = 300 + u(rng) * 900;
            s.phase = u(rng) * 2 * M_PI;
            if (domain == QLatin1String("air")) {
                s.base = episode ? 150 : 20 + u(rng) * 50;
                s.amplitude = episode ? 40 : 10;
                s.sample.values = { { QStringLiteral("aqi"), 0 }, { QStringLiteral("pm25"), 0 },
                    { QStringLiteral("pm10"), 0 }, { QStringLiteral("no2"), 0 }, { QStringLiteral("o3"), 0 } };
            } else if (domain == QLatin1String("traffic")) {
                s.base = episode ? 7.5 : 1.5 + u(rng) * 3;
                s.amplitude = episode ? 2 : 1;
                s.sample.values = { { QStringLiteral("flow"), 0 }, { QStringLiteral("speed"), 0 },
                    { QStringLiteral("congestion"), 0 } };
            } else if (domain == QLatin1String("water")) {
                s.base = 1.5 + u(rng) * 4.5;
                s.line = s.base + (episode ? 0.2 : 1.0);
                s.amplitude = 0.35;
                s.sample.values = { { QStringLiteral("level"), 0 }, { QStringLiteral("warning_line"), s.line },
                    { QStringLiteral("guarantee_line"), s.line + 1.0 } };
            } else if (domain == QLatin1String("noise")) {
                s.base = episode ? 68 : 45 + u(rng) * 12;
                s.amplitude = 4;
                s.sample.values = { { QStringLiteral("laeq"), 0 } };
            } else {
                s.base = 25 + u(rng) * 150;
                s.amplitude = 0.1 * s.base;
                s.sample.values = { { QStringLiteral("load"), 0 } };
            }
            if (u(rng) < 0.005) { // goes silent for 2 to 10 minutes, some time in the run
                s.silentFrom = startMs + static_cast<qint64>(u(rng) * 600'000);
                s.silentFor = 120'000 + static_cast<qint64>(u(rng) * 480'000);
            }
            sensors.push_back(std::move(s));
        }
        made += n;
    }
    return sensors;
}

void advance(SimSensor& s, qint64 tsMs, std::mt19937_64& rng)
{
    std::normal_distribution<double> noise(0, 1);
    const double t = static_cast<double>(tsMs) / 1000.0;
    const double v
        = s.base + s.amplitude * std::sin(2 * M_PI * t / s.period + s.phase) + 0.05 * s.amplitude * noise(rng);
    auto& values = s.sample.values;
    s.sample.tsMs = tsMs;
    ++s.sample.seq;
    const QString& domain = s.sample.domain;
    if (domain == QLatin1String("air")) {
        const double pm25 = std::max(2.0, v);
        values[0].second = std::round(pm25 * 1.35);
        values[1].second = std::round(pm25 * 10) / 10;
        values[2].second = std::round(pm25 * 16) / 10;
        values[3].second = 40 + 10 * noise(rng);
        values[4].second = 90 + 20 * noise(rng);
    } else if (domain == QLatin1String("traffic")) {
        const double congestion = std::clamp(v, 1.0, 10.0);
        values[0].second = std::round(2400 / (1 + 0.1 * congestion) + 50 * noise(rng));
        values[1].second = std::round(600 / (5 + congestion * 4));
        values[2].second = std::round(congestion * 10) / 10;
    } else {
        values[0].second = std::round(v * 100) / 100;
    }
}

struct Result
{
    double engineNs = 0; // observe() total
    double tickNs = 0;
    qint64 ticks = 0;
    double copyNs = 0;
    double lookupNs = 0;
    qint64 samples = 0;
    qint64 raised = 0;
    qint64 cleared = 0;
    qint64 silenceRaised = 0;
    double setRulesMs = 0;
    int states = 0;
    int active = 0;
    quint64 checksum = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--help"))) {
        std::printf("usage: citybrain-rulesbench [--sensors 10000] [--samples 2000000] [--interval 10]\n"
                    "  --interval: seconds of simulated time between two samples of one sensor\n");
        return 0;
    }
    const int sensorCount = arg(args, QStringLiteral("--sensors"), QStringLiteral("10000")).toInt();
    const qint64 sampleTarget = arg(args, QStringLiteral("--samples"), QStringLiteral("2000000")).toLongLong();
    const double intervalS = arg(args, QStringLiteral("--interval"), QStringLiteral("10")).toDouble();
    if (sensorCount < 100 || sampleTarget < sensorCount || intervalS <= 0)
        die(QStringLiteral("bad arguments"));

    std::mt19937_64 rng(7);
    const qint64 startMs = QDateTime(QDate(2026, 11, 29), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch(); // 08:00 Beijing
    const auto rules = hundredRules();
    std::vector<SimSensor> sensors = makeSensors(sensorCount, startMs, rng);
    const qint64 intervalMs = static_cast<qint64>(intervalS * 1000);
    const int rounds = static_cast<int>((sampleTarget + sensorCount - 1) / sensorCount);

    RuleEngine engine;
    Result r;
    {
        const auto t0 = Clock::now();
        engine.setRules(rules);
        r.setRulesMs = nsSince(t0) / 1e6;
    }
    QHash<QString, int> index;
    for (int i = 0; i < static_cast<int>(sensors.size()); ++i)
        index.insert(sensors[static_cast<size_t>(i)].sample.sensorId, i);
    std::vector<TelemetrySample> handOff(sensors.size());
    std::vector<const TelemetrySample*> round;
    round.reserve(sensors.size());
    std::vector<SensorAlarm> changes;
    changes.reserve(4096);
    qint64 nextTick = startMs + 1000;

    for (int k = 0; k < rounds; ++k) {
        // Build the round (untimed): every sensor that is not silent, spread over the interval.
        round.clear();
        const qint64 roundStart = startMs + k * intervalMs;
        for (size_t i = 0; i < sensors.size(); ++i) {
            SimSensor& s = sensors[i];
            const qint64 ts = roundStart + static_cast<qint64>(i) * intervalMs / static_cast<qint64>(sensors.size());
            if (s.silentFrom >= 0 && ts >= s.silentFrom && ts < s.silentFrom + s.silentFor)
                continue;
            advance(s, ts, rng);
            round.push_back(&s.sample);
        }
        // Reference 1: copy each sample into a slot.
        auto t0 = Clock::now();
        for (size_t i = 0; i < round.size(); ++i)
            handOff[i] = *round[i];
        r.copyNs += nsSince(t0);
        // Reference 2: one hash lookup of the sensor id.
        t0 = Clock::now();
        for (const TelemetrySample* s : round)
            r.checksum += static_cast<quint64>(index.value(s->sensorId, -1));
        r.lookupNs += nsSince(t0);
        // The engine, with tick() once per simulated second, in the order the worker would call them; the
        // samples between two ticks are timed as one run.
        for (size_t i = 0; i < round.size();) {
            size_t end = i;
            while (end < round.size() && round[end]->tsMs < nextTick)
                ++end;
            t0 = Clock::now();
            for (size_t j = i; j < end; ++j)
                engine.observe(*round[j], &changes);
            r.engineNs += nsSince(t0);
            i = end;
            if (i < round.size()) {
                t0 = Clock::now();
                engine.tick(nextTick, &changes);
                r.tickNs += nsSince(t0);
                ++r.ticks;
                nextTick += 1000;
            }
        }
        r.samples += static_cast<qint64>(round.size());
        for (const SensorAlarm& a : changes) {
            if (a.state == SensorAlarm::State::Raised) {
                ++r.raised;
                r.silenceRaised += a.ruleId.endsWith(QLatin1String(".silence")) ? 1 : 0;
            } else {
                ++r.cleared;
            }
        }
        changes.clear();
    }
    r.states = engine.stateCount();
    r.active = engine.activeCount();
    {
        // A reload of the same rules from a freshly parsed file (the live-reload path): every rule is kept.
        auto again = std::make_shared<RuleSet>(*rules);
        const auto t0 = Clock::now();
        engine.setRules(again, &changes);
        r.setRulesMs = nsSince(t0) / 1e6;
    }

    const double perSample = r.engineNs / static_cast<double>(r.samples);
    const double copy = r.copyNs / static_cast<double>(r.samples);
    const double lookup = r.lookupNs / static_cast<double>(r.samples);
    const double tickUs = r.ticks ? r.tickNs / static_cast<double>(r.ticks) / 1000 : 0;
    const double simulatedS = static_cast<double>(rounds) * intervalS;

    std::printf(
        "rules: %zu (%d bound (rule, sensor) pairs), sensors: %zu, samples: %lld over %.0f s of simulated time\n",
        rules->rules.size(), r.states, sensors.size(), static_cast<long long>(r.samples), simulatedS);
    std::printf("alarms raised: %lld (silence %lld), cleared: %lld, active at the end: %d\n",
        static_cast<long long>(r.raised), static_cast<long long>(r.silenceRaised), static_cast<long long>(r.cleared),
        r.active);
    std::printf("%-58s %10s\n", "per sample", "ns");
    std::printf("%-58s %10.1f\n", "RuleEngine::observe", perSample);
    std::printf("%-58s %10.1f\n", "reference: copy the TelemetrySample", copy);
    std::printf("%-58s %10.1f\n", "reference: QHash<QString,int> lookup of the sensor id", lookup);
    std::printf("RuleEngine::tick, %zu sensors: %.1f us per call (%lld calls)\n", sensors.size(), tickUs,
        static_cast<long long>(r.ticks));
    std::printf("RuleEngine::setRules, reload of 100 unchanged rules: %.1f ms\n", r.setRulesMs);
    std::printf("at 10k msg/s: %.2f %% of one core (observe) + %.3f %% (tick once a second)\n", perSample * 1e4 / 1e7,
        tickUs / 1e4);
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak RSS of the bench process: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024);
    std::printf("capacity of one core: %.2fM samples/s\n", 1e3 / perSample);
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(r.checksum));
    std::printf("rules ns_per_sample=%.1f ratio_copy=%.2f ratio_lookup=%.2f\n", perSample, perSample / copy,
        perSample / lookup);
    return 0;
}
