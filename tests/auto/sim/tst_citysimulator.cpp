#include "citysimulator.h"
#include "districtlayer.h"
#include "feeddecoder.h"
#include "geojson.h"
#include "incidentactionjson.h"
#include "topicscheme.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <cmath>
#include <map>

using namespace citybrain;
using namespace citybrain::sim;

namespace {

qint64 beijing(const QDate& date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone(8 * 3600)).toMSecsSinceEpoch();
}

// ---- docs/topics.md, checked field by field; an empty string means the payload is valid. ----

const QStringList adcodes = { QStringLiteral("610402"), QStringLiteral("610403"), QStringLiteral("610404"),
    QStringLiteral("610422"), QStringLiteral("610423"), QStringLiteral("610424"), QStringLiteral("610425"),
    QStringLiteral("610426"), QStringLiteral("610428"), QStringLiteral("610429"), QStringLiteral("610430"),
    QStringLiteral("610431"), QStringLiteral("610481"), QStringLiteral("610482") };

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
}

QString checkCommon(const QJsonObject& o, qint64 nowMs)
{
    const QJsonValue ts = o.value(QLatin1String("ts"));
    qint64 tsMs = 0;
    if (isInteger(ts)) {
        tsMs = static_cast<qint64>(ts.toDouble());
    } else if (ts.isString()) {
        static const QRegularExpression rfc3339(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$"));
        if (!rfc3339.match(ts.toString()).hasMatch())
            return QStringLiteral("ts: not RFC 3339 with a zone: ") + ts.toString();
        const QDateTime parsed = QDateTime::fromString(ts.toString(), Qt::ISODateWithMs);
        if (!parsed.isValid())
            return QStringLiteral("ts: unparsable");
        tsMs = parsed.toMSecsSinceEpoch();
    } else {
        return QStringLiteral("ts: missing or wrong type");
    }
    if (tsMs > nowMs + 5 * 60 * 1000 || tsMs < nowMs - 7LL * 24 * 3600 * 1000)
        return QStringLiteral("ts: out of the accepted window");
    const QJsonValue seq = o.value(QLatin1String("seq"));
    if (!isInteger(seq) || seq.toDouble() < 0)
        return QStringLiteral("seq: missing or not an integer >= 0");
    if (o.contains(QLatin1String("source")) && !o.value(QLatin1String("source")).isString())
        return QStringLiteral("source: not a string");
    return {};
}

QString checkPosition(const QJsonObject& o)
{
    const QJsonValue lon = o.value(QLatin1String("lon"));
    const QJsonValue lat = o.value(QLatin1String("lat"));
    if (!lon.isDouble() || std::abs(lon.toDouble()) > 180)
        return QStringLiteral("lon");
    if (!lat.isDouble() || std::abs(lat.toDouble()) > 90)
        return QStringLiteral("lat");
    return {};
}

QString checkTelemetry(const TopicScheme::Route& route, const QJsonObject& o)
{
    if (QString e = checkPosition(o); !e.isEmpty())
        return e;
    const QJsonObject values = o.value(QLatin1String("values")).toObject();
    if (values.isEmpty())
        return QStringLiteral("values: missing or empty");
    static const std::map<QString, std::map<QString, std::pair<double, double>>> ranges = {
        { QStringLiteral("air"),
            { { QStringLiteral("aqi"), { 0, 1000 } }, { QStringLiteral("pm25"), { 0, 5000 } },
                { QStringLiteral("pm10"), { 0, 5000 } }, { QStringLiteral("no2"), { 0, 5000 } },
                { QStringLiteral("o3"), { 0, 5000 } } } },
        { QStringLiteral("traffic"),
            { { QStringLiteral("flow"), { 0, 20000 } }, { QStringLiteral("speed"), { 0, 250 } },
                { QStringLiteral("congestion"), { 0, 10 } } } },
        // The station lines (警戒水位, 保证水位) travel with every reading; docs/topics.md accepts extra metrics.
        { QStringLiteral("water"),
            { { QStringLiteral("level"), { -50, 500 } }, { QStringLiteral("warning_line"), { -50, 500 } },
                { QStringLiteral("guarantee_line"), { -50, 500 } } } },
        { QStringLiteral("noise"), { { QStringLiteral("laeq"), { 0, 200 } } } },
        { QStringLiteral("energy"), { { QStringLiteral("load"), { 0, 100000 } } } },
    };
    const auto& domainRanges = ranges.at(route.domain);
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!it.value().isDouble() || !std::isfinite(it.value().toDouble()))
            return QStringLiteral("values.") + it.key() + QStringLiteral(": not a finite number");
        const auto range = domainRanges.find(it.key());
        if (range == domainRanges.end())
            return QStringLiteral("values.") + it.key() + QStringLiteral(": not a metric of ") + route.domain;
        const double v = it.value().toDouble();
        if (v < range->second.first || v > range->second.second)
            return QStringLiteral("values.%1: %2 out of range").arg(it.key()).arg(v);
    }
    if (values.size() != int(domainRanges.size()))
        return QStringLiteral("values: not every metric of ") + route.domain;
    if (!adcodes.contains(route.district))
        return QStringLiteral("topic: unknown district ") + route.district;
    return {};
}

QString checkIndicator(const QJsonObject& o)
{
    if (!o.value(QLatin1String("value")).isDouble())
        return QStringLiteral("value");
    if (!o.value(QLatin1String("unit")).isString())
        return QStringLiteral("unit");
    if (o.value(QLatin1String("name")).toString().isEmpty())
        return QStringLiteral("name");
    if (o.contains(QLatin1String("name_en")) && !o.value(QLatin1String("name_en")).isString())
        return QStringLiteral("name_en");
    if (o.contains(QLatin1String("target")) && !o.value(QLatin1String("target")).isDouble())
        return QStringLiteral("target");
    const QJsonValue better = o.value(QLatin1String("better"));
    if (!better.isUndefined() && better != QLatin1String("higher") && better != QLatin1String("lower"))
        return QStringLiteral("better");
    return {};
}

QString checkIncident(const QJsonObject& o)
{
    if (QString e = checkPosition(o); !e.isEmpty())
        return e;
    if (o.value(QLatin1String("source")).toString().isEmpty())
        return QStringLiteral("source: required");
    if (o.value(QLatin1String("kind")).toString().isEmpty())
        return QStringLiteral("kind");
    static const QStringList severities
        = { QStringLiteral("critical"), QStringLiteral("major"), QStringLiteral("moderate"), QStringLiteral("minor") };
    if (!severities.contains(o.value(QLatin1String("severity")).toString()))
        return QStringLiteral("severity");
    static const QStringList statuses = { QStringLiteral("new"), QStringLiteral("update"), QStringLiteral("closed") };
    if (!statuses.contains(o.value(QLatin1String("status")).toString()))
        return QStringLiteral("status");
    const QString title = o.value(QLatin1String("title")).toString();
    if (title.isEmpty() || title.size() > 200 || title.contains(u'\n'))
        return QStringLiteral("title");
    if (o.contains(QLatin1String("description"))
        && (!o.value(QLatin1String("description")).isString()
            || o.value(QLatin1String("description")).toString().size() > 4000))
        return QStringLiteral("description");
    if (!adcodes.contains(o.value(QLatin1String("district")).toString()))
        return QStringLiteral("district");
    return {};
}

QString checkStatus(const QJsonObject& o)
{
    if (!o.value(QLatin1String("online")).isBool())
        return QStringLiteral("online");
    static const QStringList kinds = { QStringLiteral("simulator"), QStringLiteral("sensor-gateway"),
        QStringLiteral("source"), QStringLiteral("wall"), QStringLiteral("dispatcher"), QStringLiteral("leader") };
    if (!kinds.contains(o.value(QLatin1String("kind")).toString()))
        return QStringLiteral("kind");
    return {};
}

// Routes the message and checks its QoS, retain flag and payload against the contract.
QString checkMessage(const TopicScheme& scheme, const SimMessage& m, qint64 nowMs)
{
    const TopicScheme::Route route = scheme.route(m.topic);
    if (route.feed == TopicScheme::Feed::Unknown)
        return QStringLiteral("unknown_topic ") + m.topic;
    if (route.feed == TopicScheme::Feed::Gis) {
        // A map layer: plain GeoJSON (no ts or seq), retained shared state.
        if (m.qos != 1 || !m.retained)
            return QStringLiteral("gis: QoS 1, retained");
        const GeoJsonDocument layer = parseGeoJson(m.payload);
        if (!layer.isValid())
            return QStringLiteral("gis: ") + layer.error;
        if (layer.rejectedCount() > 0)
            return QStringLiteral("gis: ") + layer.problems.join(QStringLiteral("; "));
        return {};
    }
    if (m.payload.size() > 256 * 1024)
        return QStringLiteral("oversize");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m.payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return QStringLiteral("malformed_json");
    const QJsonObject o = doc.object();
    if (QString e = checkCommon(o, nowMs); !e.isEmpty())
        return e;
    switch (route.feed) {
    case TopicScheme::Feed::Telemetry:
        if (m.qos != 0 || m.retained)
            return QStringLiteral("telemetry: QoS 0, not retained");
        return checkTelemetry(route, o);
    case TopicScheme::Feed::Indicator:
        if (m.qos != 1 || !m.retained)
            return QStringLiteral("indicator: QoS 1, retained");
        return checkIndicator(o);
    case TopicScheme::Feed::IncidentEvent:
        if (m.qos != 1 || !m.retained)
            return QStringLiteral("incident: QoS 1, retained");
        return checkIncident(o);
    case TopicScheme::Feed::Status:
        if (m.qos != 1 || !m.retained)
            return QStringLiteral("status: QoS 1, retained");
        return checkStatus(o);
    case TopicScheme::Feed::IncidentAction: {
        // The dispatch desk's actions: the consoles' own codec reads them.
        if (m.qos != 1 || m.retained)
            return QStringLiteral("action: QoS 1, not retained");
        QString error;
        if (!incidentActionFromJson(o, route.id, &error))
            return QStringLiteral("action: ") + error;
        if (o.value(QLatin1String("role")).toString() != QLatin1String("dispatcher"))
            return QStringLiteral("action: the desk is a dispatcher");
        return {};
    }
    default:
        return QStringLiteral("the simulator publishes no such feed: ") + m.topic;
    }
}

struct Run
{
    std::vector<SimMessage> messages;
    std::vector<qint64> times; // the simulated time each message was generated at
};

// Start-up, then `seconds` simulated seconds with `perSecond` telemetry messages each.
Run simulate(quint64 seed, qint64 startMs, int seconds, int perSecond = 200)
{
    SimSettings settings;
    settings.seed = seed;
    CitySimulator simulator(settings, DistrictLayer::xianyang());
    Run run;
    auto take = [&](std::vector<SimMessage> batch, qint64 t) {
        for (SimMessage& m : batch) {
            run.messages.push_back(std::move(m));
            run.times.push_back(t);
        }
    };
    take(simulator.start(startMs), startMs);
    for (int s = 1; s <= seconds; ++s) {
        const qint64 t = startMs + s * 1000LL;
        take(simulator.telemetry(t, perSecond), t);
        take(simulator.advance(t), t);
    }
    return run;
}

double meanTrafficFlow(qint64 atMs)
{
    SimSettings settings;
    CitySimulator simulator(settings, DistrictLayer::xianyang());
    (void)simulator.start(atMs);
    double sum = 0;
    int n = 0;
    for (const SimMessage& m : simulator.telemetry(atMs, int(simulator.fleet().sensors().size()))) {
        if (simulator.topics().route(m.topic).domain != QLatin1String("traffic"))
            continue;
        sum += QJsonDocument::fromJson(m.payload).object()[QLatin1String("values")][QLatin1String("flow")].toDouble();
        ++n;
    }
    return n > 0 ? sum / n : 0;
}

const QDate wednesday(2026, 11, 25);

} // namespace

class TestCitySimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyMessageFollowsTheContract_data()
    {
        QTest::addColumn<qint64>("startMs");
        QTest::newRow("winter evening") << beijing(QDate(2026, 12, 15), 20);
        QTest::newRow("summer afternoon") << beijing(QDate(2026, 7, 20), 15);
        QTest::newRow("weekday morning rush") << beijing(wednesday, 7, 45);
        QTest::newRow("night, across midnight") << beijing(QDate(2026, 3, 1), 23, 59);
    }
    void everyMessageFollowsTheContract()
    {
        QFETCH(qint64, startMs);
        const TopicScheme scheme;
        const Run run = simulate(1, startMs, 120);
        for (size_t i = 0; i < run.messages.size(); ++i) {
            const QString problem = checkMessage(scheme, run.messages[i], run.times[i]);
            QVERIFY2(problem.isEmpty(),
                qPrintable(problem + QStringLiteral(" in ") + run.messages[i].topic + u' '
                    + QString::fromUtf8(run.messages[i].payload)));
        }
    }

    void telemetryIdsMatchTheTopic()
    {
        const TopicScheme scheme;
        const Run run = simulate(1, beijing(wednesday, 10), 5);
        int telemetry = 0;
        for (const SimMessage& m : run.messages) {
            const TopicScheme::Route route = scheme.route(m.topic);
            if (route.feed != TopicScheme::Feed::Telemetry)
                continue;
            ++telemetry;
            QVERIFY2(route.id.startsWith(route.domain + u'-' + route.district + u'-'), qPrintable(m.topic));
        }
        QCOMPARE(telemetry, 5 * 200);
    }

    void sameSeedSameMessages()
    {
        const Run a = simulate(42, beijing(wednesday, 8), 60);
        const Run b = simulate(42, beijing(wednesday, 8), 60);
        QCOMPARE(a.messages.size(), b.messages.size());
        for (size_t i = 0; i < a.messages.size(); ++i)
            QVERIFY2(a.messages[i] == b.messages[i], qPrintable(a.messages[i].topic));
    }

    void differentSeedDifferentMessages()
    {
        const Run a = simulate(42, beijing(wednesday, 8), 10);
        const Run b = simulate(43, beijing(wednesday, 8), 10);
        size_t same = 0;
        for (size_t i = 0; i < std::min(a.messages.size(), b.messages.size()); ++i)
            same += a.messages[i] == b.messages[i] ? 1 : 0;
        QVERIFY(same < a.messages.size() / 10);
    }

    void sequenceIncreasesByOnePerSource()
    {
        const TopicScheme scheme;
        const Run run = simulate(3, beijing(wednesday, 9), 1800, 50);
        std::map<QString, qint64> last; // by feed and source
        int incidents = 0;
        for (const SimMessage& m : run.messages) {
            const TopicScheme::Route route = scheme.route(m.topic);
            if (route.feed == TopicScheme::Feed::Gis)
                continue; // plain GeoJSON, no seq
            const QJsonObject o = QJsonDocument::fromJson(m.payload).object();
            QString key;
            const auto seq = static_cast<qint64>(o.value(QLatin1String("seq")).toDouble());
            if (route.feed == TopicScheme::Feed::IncidentEvent) {
                key = QStringLiteral("incident:") + o.value(QLatin1String("source")).toString();
                ++incidents;
            } else if (route.feed == TopicScheme::Feed::IncidentAction) {
                // Counts per console, continuing from the clock at start-up.
                key = QStringLiteral("action:") + o.value(QLatin1String("console")).toString();
                if (!last.count(key))
                    last[key] = seq - 1;
            } else {
                key = QString::number(int(route.feed)) + u':' + route.id;
            }
            QVERIFY2(
                seq == last[key] + 1, qPrintable(QStringLiteral("%1: %2 after %3").arg(key).arg(seq).arg(last[key])));
            last[key] = seq;
        }
        QVERIFY(incidents > 30);
    }

    void samplesCarryTheSameReadingsAsTelemetry()
    {
        SimSettings settings;
        settings.seed = 11;
        CitySimulator wire(settings, DistrictLayer::xianyang());
        CitySimulator inProcess(settings, DistrictLayer::xianyang());
        const qint64 now = beijing(wednesday, 8);
        (void)wire.start(now);
        (void)inProcess.start(now);
        const FeedDecoder decoder;
        for (int second = 1; second <= 3; ++second) {
            const qint64 t = now + second * 1000;
            const std::vector<SimMessage> messages = wire.telemetry(t, 300);
            const std::vector<TelemetrySample> samples = inProcess.samples(t, 300);
            QCOMPARE(samples.size(), messages.size());
            for (size_t i = 0; i < samples.size(); ++i) {
                const FeedDecoder::Result decoded = decoder.decode(messages[i].topic, messages[i].payload, t);
                const auto* expected = std::get_if<TelemetrySample>(&decoded);
                QVERIFY2(expected, qPrintable(messages[i].topic));
                const TelemetrySample& s = samples[i];
                QCOMPARE(s.sensorId, expected->sensorId);
                QCOMPARE(s.domain, expected->domain);
                QCOMPARE(s.district, expected->district);
                QCOMPARE(s.tsMs, expected->tsMs);
                QCOMPARE(s.seq, expected->seq);
                QCOMPARE(s.lon, expected->lon);
                QCOMPARE(s.lat, expected->lat);
                auto sorted = s.values; // the decoder sorts by metric name
                std::sort(sorted.begin(), sorted.end());
                QCOMPARE(sorted, expected->values);
            }
        }
    }

    void trafficFlowsMoreAtEightThanAtThree()
    {
        const double rush = meanTrafficFlow(beijing(wednesday, 8));
        const double night = meanTrafficFlow(beijing(wednesday, 3));
        QVERIFY2(rush > 3 * night, qPrintable(QStringLiteral("08:00 %1 veh/h, 03:00 %2 veh/h").arg(rush).arg(night)));
    }

    void startupPublishesOpenIncidentsAndIndicators()
    {
        SimSettings settings;
        CitySimulator simulator(settings, DistrictLayer::xianyang());
        const qint64 now = beijing(wednesday, 10);
        int incidents = 0;
        int cameraLayers = 0;
        QStringList indicators;
        for (const SimMessage& m : simulator.start(now)) {
            const TopicScheme::Route route = simulator.topics().route(m.topic);
            const QJsonObject o = QJsonDocument::fromJson(m.payload).object();
            if (route.feed == TopicScheme::Feed::IncidentEvent) {
                ++incidents;
                QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("new"));
                QVERIFY(o.value(QLatin1String("ts")).toDouble() < double(now));
            } else if (route.feed == TopicScheme::Feed::Indicator) {
                indicators << route.id;
            } else if (route.feed == TopicScheme::Feed::Gis && route.id == QLatin1String("cameras")) {
                ++cameraLayers;
            }
        }
        QVERIFY(incidents >= 3 && incidents <= 5);
        QVERIFY(cameraLayers == 1);
        for (const char* id : { "air.aqi", "air.pm25", "traffic.free_flow_rate", "traffic.congestion", "energy.load",
                 "hotline.cases_today", "incidents.open", "plan.5g_stations", "plan.mobile_services",
                 "plan.online_services_rate", "plan.mobile_office_rate", "plan.cloud_systems_rate",
                 "plan.data_catalogued_rate" })
            QVERIFY2(indicators.contains(QLatin1String(id)), id);
    }

    void indicatorsRepeatEverySecond()
    {
        SimSettings settings;
        CitySimulator simulator(settings, DistrictLayer::xianyang());
        const qint64 now = beijing(wednesday, 10);
        (void)simulator.start(now);
        auto indicatorCount = [&](const std::vector<SimMessage>& batch) {
            return std::count_if(batch.begin(), batch.end(), [&](const SimMessage& m) {
                return simulator.topics().route(m.topic).feed == TopicScheme::Feed::Indicator;
            });
        };
        QCOMPARE(indicatorCount(simulator.advance(now + 500)), 0);
        QVERIFY(indicatorCount(simulator.advance(now + 1000)) >= 13);
        QCOMPARE(indicatorCount(simulator.advance(now + 1500)), 0);
        QVERIFY(indicatorCount(simulator.advance(now + 2000)) >= 13);
    }

    void presenceFollowsTheContract()
    {
        SimSettings settings;
        settings.clientId = QStringLiteral("sim-7");
        settings.topicPrefix = QStringLiteral("test/v1");
        CitySimulator simulator(settings, DistrictLayer::xianyang());
        const qint64 now = beijing(wednesday, 10);
        const SimMessage online = simulator.presence(true, now, 1);
        QCOMPARE(online.topic, QStringLiteral("test/v1/status/sim-7"));
        QCOMPARE(checkMessage(simulator.topics(), online, now), QString());
        QCOMPARE(QJsonDocument::fromJson(online.payload).object().value(QLatin1String("online")).toBool(), true);
        const SimMessage offline = simulator.presence(false, now, 2);
        QCOMPARE(checkMessage(simulator.topics(), offline, now), QString());
        QCOMPARE(QJsonDocument::fromJson(offline.payload).object().value(QLatin1String("online")).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestCitySimulator)
#include "tst_citysimulator.moc"
