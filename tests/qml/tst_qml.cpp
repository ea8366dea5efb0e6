// Runs the QuickTests in this directory against the real QML modules and the real incident models:
// a QApplication (QtCharts is linked through the panels) and singletons provided before QML loads,
// like main.cpp does. The city is small and fixed: one P1 fire not yet acknowledged (an alarm), one
// acknowledged P3 waterlogging with a likely duplicate (and an acknowledgement of this console's that
// lost to another console's), and that duplicate. Three monitoring alarms: a water level over its line
// under the waterlogging (so acknowledged), an anomaly under the fire (not acknowledged) and a cleared
// noise alarm under no incident. The map (MapLayers, shared by every CityMap) has the shipped districts and
// outline, the open incidents, and 50 sensors around 108.70E 34.33N with five readings each (three of them
// the alarms' sensors), one camera and a dynamic "flood" layer with one point (whose properties carry
// markup that must stay text) and one feature rejected for bad geometry. Nine city indicators with five
// values each: AQI, road speed, free flow and the six digital-government targets (plan.*), two of them met.
#include "citystate.h"
#include "consoleactions.h"
#include "geojson.h"
#include "gisupdate.h"
#include "incidentalarm.h"
#include "incidentdetail.h"
#include "maplayers.h"
#include "session.h"
#include "topicscheme.h"

#include <QApplication>
#include <QDateTime>
#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

#include <optional>

Q_IMPORT_QML_PLUGIN(CityBrain_ThemePlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_PanelsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_GisPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_IndicatorsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_IncidentsPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_WallPlugin)
Q_IMPORT_QML_PLUGIN(CityBrain_TimeMachinePlugin)

using namespace citybrain;

namespace {

IncidentEvent incident(const QString& id, const QString& kind, Severity severity, qint64 tsMs, double lon, double lat)
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("12345-hotline");
    e.seq = tsMs;
    e.tsMs = tsMs;
    e.kind = kind;
    e.severity = severity;
    e.status = QStringLiteral("new");
    e.title = QStringLiteral("测试事件 ") + id;
    e.description = QStringLiteral("<b>不是富文本</b> ") + id;
    e.district = QStringLiteral("610404");
    e.lon = lon;
    e.lat = lat;
    return e;
}

SensorAlarm sensorAlarm(const QString& id, Severity severity, qint64 sinceMs, const QString& incidentId)
{
    SensorAlarm a;
    a.id = id;
    a.ruleId = id.section(QLatin1Char('/'), 0, 0);
    a.sensorId = id.section(QLatin1Char('/'), 1);
    a.district = QStringLiteral("610404");
    a.lon = 108.70;
    a.lat = 34.35;
    a.severity = severity;
    a.sinceMs = sinceMs;
    a.tsMs = sinceMs + 60'000;
    a.incidentId = incidentId;
    return a;
}

IncidentAction acknowledged(const QString& incidentId, qint64 tsMs, const QString& actor, const QString& console)
{
    IncidentAction a;
    a.incidentId = incidentId;
    a.actionId = console + QStringLiteral("-1");
    a.actor = actor;
    a.role = QStringLiteral("dispatcher");
    a.console = console;
    a.kind = ActionKind::Acknowledge;
    a.baseVersion = 1;
    a.tsMs = tsMs;
    a.seq = 1;
    return a;
}

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    Session session(QStringLiteral("dispatcher"), QStringLiteral("zh_CN"), QStringLiteral("tst-console"));
    Session::provide(&session);
    CityState state(true);
    state.provideToQml();
    MapLayers mapLayers(nullptr);
    mapLayers.addStandardLayers();
    MapLayers::provide(&mapLayers);
    state.setMapLayers(&mapLayers);
    IncidentModel& incidents = state.incidents();
    incidents.setConsoleId(session.clientId());
    incidents.apply({
        incident(QStringLiteral("INC-T-FIRE"), QStringLiteral("fire"), Severity::Critical, now - 30'000, 108.72, 34.33),
        incident(QStringLiteral("INC-T-WATER"), QStringLiteral("waterlogging"), Severity::Moderate, now - 600'000,
            108.70, 34.35),
        incident(QStringLiteral("INC-T-WATER-2"), QStringLiteral("waterlogging"), Severity::Moderate, now - 500'000,
            108.7001, 34.3501),
    });
    // Two dispatchers acknowledge the waterlogging at once; this console's comes second and loses.
    incidents.applyActions({
        acknowledged(QStringLiteral("INC-T-WATER"), now - 550'000, QStringLiteral("张伟"), QStringLiteral("console-2")),
        acknowledged(
            QStringLiteral("INC-T-WATER"), now - 549'000, QStringLiteral("李娜"), QStringLiteral("tst-console")),
    });
    incidents.tick(now);

    SensorAlarm level = sensorAlarm(QStringLiteral("water.level.warning/water-610404-001"), Severity::Major,
        now - 900'000, QStringLiteral("INC-T-WATER"));
    level.domain = QStringLiteral("water");
    level.incidentKind = QStringLiteral("waterlogging");
    level.metric = QStringLiteral("level");
    level.value = 5.9;
    level.threshold = 5.5;
    level.explanation = QStringLiteral("渭城区 水位 5.90 m，超过警戒水位 5.50 已持续 15 分钟");
    for (int i = 0; i <= 20; ++i) // rising through the line at the trigger, ten minutes before it and after
        level.trend.emplace_back(double(level.sinceMs + (i - 10) * 60'000), 5.0 + i * 0.045);
    SensorAlarm pm25 = sensorAlarm(
        QStringLiteral("anomaly.pm25/air-610404-003"), Severity::Moderate, now - 300'000, QStringLiteral("INC-T-FIRE"));
    pm25.anomaly = true;
    pm25.incidentKind = QStringLiteral("pollution");
    pm25.domain = QStringLiteral("air");
    pm25.metric = QStringLiteral("pm25");
    pm25.value = 160;
    pm25.threshold = 40;
    pm25.score = 6.5;
    pm25.explanation = QStringLiteral("<b>不是富文本</b> 渭城区 PM2.5 160 µg/m³，远高于此时段常值 40");
    SensorAlarm noise
        = sensorAlarm(QStringLiteral("noise.night/noise-610404-002"), Severity::Minor, now - 7'200'000, {});
    noise.explanation = QStringLiteral("渭城区 夜间噪声 58 dB(A)，超过夜间限值 55");
    SensorAlarm noiseCleared = noise;
    noiseCleared.state = SensorAlarm::State::Cleared;
    noiseCleared.tsMs = now - 3'600'000;
    state.alarms().apply({ level, pm25, noise, noiseCleared });

    // 50 sensors on a 10 x 5 grid about 1 km apart, five readings a minute apart; the first three are the
    // alarms' sensors.
    const QStringList domains { QStringLiteral("water"), QStringLiteral("air"), QStringLiteral("noise"),
        QStringLiteral("traffic"), QStringLiteral("energy") };
    for (int reading = 0; reading < 5; ++reading) {
        std::vector<TelemetrySample> samples;
        const qint64 ts = now - (4 - reading) * 60'000;
        for (int i = 0; i < 50; ++i) {
            TelemetrySample sample;
            sample.domain = domains.at(i % domains.size());
            sample.district = QStringLiteral("610404");
            sample.sensorId = i == 0 ? QStringLiteral("water-610404-001")
                : i == 1             ? QStringLiteral("air-610404-003")
                : i == 2             ? QStringLiteral("noise-610404-002")
                                     : QStringLiteral("%1-610404-%2").arg(sample.domain).arg(100 + i);
            if (i < 3)
                sample.domain = sample.sensorId.section(QLatin1Char('-'), 0, 0);
            sample.lon = 108.65 + (i % 10) * 0.011;
            sample.lat = 34.31 + (i / 10) * 0.009;
            sample.tsMs = ts;
            sample.seq = reading;
            sample.values = { { QStringLiteral("value"), 10.0 + i + reading } };
            if (sample.domain == QLatin1String("water"))
                sample.values = { { QStringLiteral("level"), 5.0 + reading * 0.2 } };
            else if (sample.domain == QLatin1String("air"))
                sample.values = { { QStringLiteral("aqi"), 80.0 + reading * 10 }, { QStringLiteral("pm25"), 61.2 } };
            samples.push_back(sample);
        }
        state.sensorMarkers().apply(samples, ts);
    }
    const auto gisLayer = [](const QString& id, const char* json) {
        GeoJsonDocument document = parseGeoJson(QByteArray(json));
        GisUpdate update;
        update.layerId = id;
        update.features = std::move(document.features);
        update.rejectedFeatures = document.rejectedCount();
        update.receivedMs = QDateTime::currentMSecsSinceEpoch();
        return update;
    };
    mapLayers.apply({
        gisLayer(QStringLiteral("cameras"),
            R"({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "cam-610404-001",
                "geometry": {"type": "Point", "coordinates": [108.80, 34.40]},
                "properties": {"name": "渭城区 测试路口 01", "district": "610404",
                               "stream": "rtsp://demo.invalid/xy/cam-610404-001"}}]})"),
        gisLayer(QStringLiteral("flood"),
            R"({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "flood-1",
                "geometry": {"type": "Point", "coordinates": [108.80, 34.45]},
                "properties": {"name": "<b>积水点</b> 1", "depth_cm": 40, "source": "测试"}},
               {"type": "Feature", "id": "flood-bad", "geometry": {"type": "Point", "coordinates": [108.8]}}]})"),
    });

    // City indicators, five values a minute apart: AQI (no unit, target 100, lower is better), road speed
    // (km/h, no target), free flow (%, target 85), and the six digital-government targets, two of them met.
    const auto indicator = [now](const char* id, const QString& name, const QString& unit, double value,
                               std::optional<double> target, bool higherIsBetter, double step) {
        std::vector<IndicatorUpdate> updates;
        for (int i = 0; i < 5; ++i) {
            IndicatorUpdate u;
            u.id = QString::fromLatin1(id);
            u.name = name;
            u.unit = unit;
            u.value = value + (i - 4) * step;
            u.target = target.value_or(0);
            u.hasTarget = target.has_value();
            u.higherIsBetter = higherIsBetter;
            u.tsMs = now - (4 - i) * 60'000;
            u.seq = i;
            updates.push_back(u);
        }
        return updates;
    };
    const QString percent = QStringLiteral("%");
    for (const std::vector<IndicatorUpdate>& series : {
             indicator("air.aqi", QStringLiteral("全市平均空气质量指数"), {}, 88, 100, false, 2),
             indicator(
                 "traffic.speed", QStringLiteral("路网平均车速"), QStringLiteral("km/h"), 34, std::nullopt, true, 1),
             indicator("traffic.free_flow_rate", QStringLiteral("全市道路畅通率"), percent, 84, 85, true, 1),
             indicator("plan.5g_stations", QStringLiteral("5G基站"), QStringLiteral("个"), 9312, 10000, true, 0),
             indicator(
                 "plan.mobile_services", QStringLiteral("移动端可办事项"), QStringLiteral("项"), 320, 300, true, 0),
             indicator(
                 "plan.online_services_rate", QStringLiteral("政务服务事项网上可办率"), percent, 92.4, 95, true, 0),
             indicator("plan.mobile_office_rate", QStringLiteral("移动办公覆盖率"), percent, 72, 80, true, 0),
             indicator("plan.cloud_systems_rate", QStringLiteral("政务信息系统上云率"), percent, 100, 100, true, 0),
             indicator("plan.data_catalogued_rate", QStringLiteral("政务数据资源编目率"), percent, 91, 100, true, 0),
         })
        state.indicators().apply(series);

    IncidentAlarm alarm(&incidents, ConsoleRole::Dispatcher, nullptr);
    IncidentAlarm::provide(&alarm);
    IncidentDetail detail(&incidents, session.clientId(), nullptr);
    IncidentDetail::provide(&detail);
    // No broker: every action is refused ("No broker connection"), which the tests see as a toast.
    ConsoleActions actions(nullptr, TopicScheme(QStringLiteral("xy/v1")), session.role(), session.clientId(), nullptr);
    actions.setIncidents(&incidents);
    ConsoleActions::provide(&actions);

    Setup setup;
    return quick_test_main_with_setup(argc, argv, "tst_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_qml.moc"
