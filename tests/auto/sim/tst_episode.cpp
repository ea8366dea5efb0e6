#include "airquality.h"
#include "citysimulator.h"
#include "districtlayer.h"
#include "episode.h"
#include "simrandom.h"
#include "telemetrymodel.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace citybrain;
using namespace citybrain::sim;

namespace {

const QString weicheng = QStringLiteral("610404");
const QString qindu = QStringLiteral("610402");
constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;

qint64 beijing(const QDate& date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

const QDate rainySeason(2026, 7, 15); // a Wednesday in 汛期

struct Reading
{
    QString domain;
    QString district;
    QJsonObject values;
};

// One reading of every sensor at `tsMs`, by sensor id.
std::map<QString, Reading> readAll(CitySimulator& simulator, qint64 tsMs)
{
    std::map<QString, Reading> out;
    for (const SimMessage& m : simulator.telemetry(tsMs, int(simulator.fleet().sensors().size()))) {
        const TopicScheme::Route route = simulator.topics().route(m.topic);
        out[route.id] = { route.domain, route.district,
            QJsonDocument::fromJson(m.payload).object().value(QLatin1String("values")).toObject() };
    }
    return out;
}

SimSettings withEpisodes(std::vector<Episode> episodes)
{
    SimSettings settings;
    settings.seed = 7;
    settings.episodes = std::move(episodes);
    return settings;
}

Episode episode(Episode::Kind kind, const QString& district, qint64 startMs, qint64 durationMs, double intensity = 1)
{
    Episode e;
    e.kind = kind;
    e.district = district;
    e.startMs = startMs;
    e.durationMs = durationMs;
    e.intensity = intensity;
    return e;
}

double value(const Reading& r, const char* metric)
{
    return r.values.value(QLatin1String(metric)).toDouble();
}

} // namespace

class TestEpisode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAnOffsetFromNow()
    {
        const qint64 now = beijing(rainySeason, 13, 50);
        QString error;
        const auto e
            = Episode::parse(QStringLiteral("storm:610404:+10m:2h:1.0"), now, DistrictLayer::xianyang(), &error);
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->kind, Episode::Kind::Storm);
        QCOMPARE(e->district, weicheng);
        QCOMPARE(e->startMs, now + 10 * minuteMs);
        QCOMPARE(e->durationMs, 2 * hourMs);
        QCOMPARE(e->intensity, 1.0);
        const auto past = Episode::parse(QStringLiteral("jam:610402:-1h30m:45m:0.8"), now, DistrictLayer::xianyang());
        QVERIFY(past);
        QCOMPARE(past->startMs, now - 90 * minuteMs);
        QCOMPARE(past->durationMs, 45 * minuteMs);
    }

    void parsesAnRfc3339Start()
    {
        QString error;
        const auto e = Episode::parse(
            QStringLiteral("pollution:610402:2026-07-15T07:00:00+08:00:4h:1"), 0, DistrictLayer::xianyang(), &error);
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->kind, Episode::Kind::Pollution);
        QCOMPARE(e->startMs, beijing(rainySeason, 7));
        QCOMPARE(e->durationMs, 4 * hourMs);
    }

    void rejectsMalformedSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("reason");
        QTest::newRow("too few parts") << "storm:610404:2h:1"
                                       << "expected kind:district";
        QTest::newRow("unknown kind") << "flood:610404:+10m:2h:1"
                                      << "unknown kind 'flood'";
        QTest::newRow("unknown district") << "storm:610499:+10m:2h:1"
                                          << "unknown district '610499'";
        QTest::newRow("start without sign or zone") << "storm:610404:10m:2h:1"
                                                    << "start '10m'";
        QTest::newRow("time without zone") << "storm:610404:2026-07-15T14:00:00:2h:1"
                                           << "start '2026-07-15T14:00:00'";
        QTest::newRow("bad duration") << "storm:610404:+10m:two hours:1"
                                      << "duration 'two hours'";
        QTest::newRow("zero duration") << "storm:610404:+10m:0h:1"
                                       << "duration '0h'";
        QTest::newRow("too long") << "storm:610404:+10m:8d:1"
                                  << "at most 7 days";
        QTest::newRow("intensity not a number") << "storm:610404:+10m:2h:strong"
                                                << "intensity 'strong'";
        QTest::newRow("zero intensity") << "storm:610404:+10m:2h:0"
                                        << "intensity must be more than 0";
        QTest::newRow("intensity too high") << "storm:610404:+10m:2h:5"
                                            << "at most 3";
    }
    void rejectsMalformedSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!Episode::parse(spec, 0, DistrictLayer::xianyang(), &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void envelopesRiseHoldAndFall()
    {
        const qint64 d = 3 * hourMs;
        QCOMPARE(EpisodePlan::stormEnvelope(-minuteMs, d), 0.0);
        QCOMPARE(EpisodePlan::stormEnvelope(0, d), 0.0);
        QVERIFY(qFuzzyCompare(EpisodePlan::stormEnvelope(30 * minuteMs, d), 0.5));
        QCOMPARE(EpisodePlan::stormEnvelope(hourMs, d), 1.0);
        QCOMPARE(EpisodePlan::stormEnvelope(d, d), 1.0);
        // The falling limb is slower than the rising one: a flood wave takes longer to pass.
        QVERIFY(EpisodePlan::stormEnvelope(d + hourMs, d) > 0.45);
        QVERIFY(EpisodePlan::stormEnvelope(d + 8 * hourMs, d) < 0.01);
        QCOMPARE(EpisodePlan::hazeEnvelope(2 * hourMs, d), 1.0);
        QCOMPARE(EpisodePlan::hazeEnvelope(d + hourMs, d), 0.0);
        QCOMPARE(EpisodePlan::jamEnvelope(15 * minuteMs, d), 1.0);
        QCOMPARE(EpisodePlan::jamEnvelope(d + 20 * minuteMs, d), 0.0);
        // A storm shorter than the rise does not reach its full height.
        QVERIFY(EpisodePlan::stormEnvelope(20 * minuteMs, 20 * minuteMs) < 0.3);
    }

    void aNormalYearNeverReachesTheWarningLine()
    {
        SensorFleet fleet(DistrictLayer::xianyang(), 1, SensorCounts {});
        QRandomGenerator rng = makeGenerator(1, Stream::Telemetry);
        const qint64 start = beijing(QDate(2026, 1, 1), 0);
        for (SimSensor& gauge : fleet.sensors()) {
            if (gauge.domain != QLatin1String("water"))
                continue;
            double highest = 0;
            for (qint64 t = start; t < start + 365 * 24 * hourMs; t += hourMs) {
                const auto& values = TelemetryModel::read(gauge, t, rng);
                QCOMPARE(values.size(), size_t(3));
                QCOMPARE(values[1].second, gauge.warningLine);
                QCOMPARE(values[2].second, gauge.guaranteeLine);
                highest = std::max(highest, values[0].second);
            }
            QVERIFY2(highest < gauge.warningLine - 0.3,
                qPrintable(QStringLiteral("%1 reached %2 m, warning line %3 m")
                               .arg(gauge.id)
                               .arg(highest)
                               .arg(gauge.warningLine)));
        }
    }

    void aStormRaisesItsDistrictsGaugesPastTheWarningLine()
    {
        const qint64 start = beijing(rainySeason, 14);
        CitySimulator simulator(
            withEpisodes({ episode(Episode::Kind::Storm, weicheng, start, 3 * hourMs) }), DistrictLayer::xianyang());
        (void)simulator.start(start - hourMs);
        QVERIFY(simulator.episodes().affectedCount(0) >= 3);
        std::map<QString, qint64> warned; // gauge -> first minute past its warning line
        int pastGuarantee = 0;
        int gauges = 0;
        for (qint64 t = start - 30 * minuteMs; t <= start + 12 * hourMs; t += 5 * minuteMs) {
            for (const auto& [id, r] : readAll(simulator, t)) {
                if (r.domain != QLatin1String("water"))
                    continue;
                const double level = value(r, "level");
                const bool inStorm = t >= start && t <= start + 3 * hourMs;
                if (r.district != weicheng || !inStorm) {
                    // Elsewhere, and after the recession, the gauges stay below their lines.
                    if (r.district != weicheng || t < start || t > start + 10 * hourMs)
                        QVERIFY2(level < value(r, "warning_line"), qPrintable(id));
                    continue;
                }
                if (level > value(r, "warning_line") && !warned.count(id))
                    warned[id] = t;
                if (t == start + 2 * hourMs) {
                    ++gauges;
                    pastGuarantee += level > value(r, "guarantee_line") ? 1 : 0;
                }
            }
        }
        QCOMPARE(int(warned.size()), gauges);
        for (const auto& [id, t] : warned)
            QVERIFY2(t > start && t <= start + hourMs, qPrintable(id));
        QVERIFY2(pastGuarantee >= 1 && pastGuarantee < gauges,
            qPrintable(QStringLiteral("%1 of %2 past the guarantee line").arg(pastGuarantee).arg(gauges)));
    }

    void aWeakerStormRaisesTheGaugesLess()
    {
        const qint64 start = beijing(rainySeason, 14);
        CitySimulator full(withEpisodes({ episode(Episode::Kind::Storm, weicheng, start, 3 * hourMs, 1.0) }),
            DistrictLayer::xianyang());
        CitySimulator half(withEpisodes({ episode(Episode::Kind::Storm, weicheng, start, 3 * hourMs, 0.5) }),
            DistrictLayer::xianyang());
        (void)full.start(start);
        (void)half.start(start);
        const std::map<QString, Reading> strong = readAll(full, start + 2 * hourMs);
        int gauges = 0;
        for (const auto& [id, r] : readAll(half, start + 2 * hourMs)) {
            if (r.domain != QLatin1String("water") || r.district != weicheng)
                continue;
            ++gauges;
            QVERIFY2(value(r, "level") < value(strong.at(id), "level") - 0.3, qPrintable(id));
            QVERIFY2(value(r, "level") < value(r, "guarantee_line"), qPrintable(id));
        }
        QVERIFY(gauges >= 3);
    }

    void pollutionBringsHeavyPollution()
    {
        const qint64 start = beijing(rainySeason, 7);
        CitySimulator simulator(
            withEpisodes({ episode(Episode::Kind::Pollution, qindu, start, 4 * hourMs) }), DistrictLayer::xianyang());
        (void)simulator.start(start);
        int polluted = 0;
        for (const auto& [id, r] : readAll(simulator, start + 2 * hourMs)) {
            if (r.domain != QLatin1String("air"))
                continue;
            const double pm25 = value(r, "pm25");
            const double aqi = value(r, "aqi");
            if (r.district == qindu) {
                ++polluted;
                QVERIFY2(pm25 >= 150 && pm25 <= 250, qPrintable(QStringLiteral("%1: PM2.5 %2").arg(id).arg(pm25)));
                QVERIFY2(
                    aqi > 200 && aqi <= 300, qPrintable(QStringLiteral("%1: AQI %2").arg(id).arg(aqi))); // 重度污染
                QCOMPARE(aqi, double(AirQuality::aqi(pm25, value(r, "pm10"), value(r, "no2"), value(r, "o3"))));
            } else {
                QVERIFY2(pm25 < 75, qPrintable(id));
            }
        }
        QVERIFY(polluted >= 3);
        // An hour after the end the air has cleared.
        for (const auto& [id, r] : readAll(simulator, start + 5 * hourMs + minuteMs)) {
            if (r.domain == QLatin1String("air"))
                QVERIFY2(value(r, "pm25") < 75, qPrintable(id));
        }
    }

    void aJamCongestsTheDistrictsRoads()
    {
        const qint64 start = beijing(rainySeason, 11);
        CitySimulator simulator(
            withEpisodes({ episode(Episode::Kind::Jam, weicheng, start, hourMs) }), DistrictLayer::xianyang());
        (void)simulator.start(start);
        double elsewhere = 0;
        int others = 0;
        for (const auto& [id, r] : readAll(simulator, start + 30 * minuteMs)) {
            if (r.domain != QLatin1String("traffic"))
                continue;
            if (r.district == weicheng) {
                QVERIFY2(value(r, "congestion") > 8, qPrintable(id));
                QVERIFY2(value(r, "speed") < 20, qPrintable(id));
            } else {
                elsewhere += value(r, "congestion");
                ++others;
            }
        }
        QVERIFY(elsewhere / others < 5);
    }

    void episodesLeaveOtherSensorsAndTheSeedsStreamAlone()
    {
        const qint64 start = beijing(rainySeason, 14);
        CitySimulator plain(withEpisodes({}), DistrictLayer::xianyang());
        CitySimulator stormy(
            withEpisodes({ episode(Episode::Kind::Storm, weicheng, start, 3 * hourMs) }), DistrictLayer::xianyang());
        CitySimulator again(
            withEpisodes({ episode(Episode::Kind::Storm, weicheng, start, 3 * hourMs) }), DistrictLayer::xianyang());
        (void)plain.start(start);
        (void)stormy.start(start);
        (void)again.start(start);
        int moved = 0;
        for (qint64 t = start + 30 * minuteMs; t <= start + 2 * hourMs; t += 30 * minuteMs) {
            const std::vector<SimMessage> a = plain.telemetry(t, 440);
            const std::vector<SimMessage> b = stormy.telemetry(t, 440);
            QCOMPARE(again.telemetry(t, 440), b);
            for (size_t i = 0; i < a.size(); ++i) {
                const bool stormGauge = a[i].topic.contains(QLatin1String("/water/610404/"));
                if (!stormGauge)
                    QCOMPARE(a[i], b[i]);
                moved += stormGauge && a[i] != b[i] ? 1 : 0;
            }
        }
        QVERIFY(moved > 0);
    }
};

QTEST_GUILESS_MAIN(TestEpisode)
#include "tst_episode.moc"
