// The sensors layer: every sensor heard from, coloured by its alarms, offline once silent for longer than
// the stale threshold, back on its next reading; the hover card and its bounded sparkline ring.
#include "maplayers.h"
#include "sensoralarmmodel.h"
#include "sensormarkers.h"

#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;

TelemetrySample reading(const QString& sensor, qint64 tsMs, double aqi = 80, double lon = 108.70)
{
    TelemetrySample s;
    s.sensorId = sensor;
    s.domain = QStringLiteral("air");
    s.district = QStringLiteral("610402");
    s.tsMs = tsMs;
    s.lon = lon;
    s.lat = 34.33;
    s.values = { { QStringLiteral("aqi"), aqi }, { QStringLiteral("pm25"), aqi * 0.7 } };
    return s;
}

SensorAlarm alarm(const QString& sensor, Severity severity, bool raised = true)
{
    SensorAlarm a;
    a.id = QStringLiteral("air.aqi.high/") + sensor;
    a.ruleId = QStringLiteral("air.aqi.high");
    a.sensorId = sensor;
    a.domain = QStringLiteral("air");
    a.metric = QStringLiteral("aqi");
    a.district = QStringLiteral("610402");
    a.severity = severity;
    a.state = raised ? SensorAlarm::State::Raised : SensorAlarm::State::Cleared;
    a.sinceMs = t0;
    a.tsMs = t0;
    return a;
}

int category(MapLayers& layers, const QString& id)
{
    const MarkerSet& markers = layers.markers(QStringLiteral("sensors"));
    const int index = markers.indexOf(id);
    return index < 0 ? -1 : markers.stateAt(index).category;
}

} // namespace

class TestSensorMarkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aReadingPutsTheSensorOnTheMapAsNormal()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        SensorMarkers sensors(nullptr, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        const MarkerSet& markers = layers.markers(QStringLiteral("sensors"));
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers.stateAt(0).lonLat, QPointF(108.70, 34.33));
        QCOMPARE(category(layers, "air-1"), 0);
        QCOMPARE(sensors.status(QStringLiteral("air-1")), SensorMarkers::Status::Normal);
        QCOMPARE(sensors.count(), 1);
    }

    void aMajorAlarmShowsAsAlarm()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        alarms.apply({ alarm("air-1", Severity::Major) });
        QCOMPARE(category(layers, "air-1"), 2);
        QCOMPARE(sensors.alarmCount(), 1);
    }

    void aMinorOrModerateAlarmShowsAsWarning()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0), reading("air-2", t0) }, t0);
        alarms.apply({ alarm("air-1", Severity::Moderate), alarm("air-2", Severity::Minor) });
        QCOMPARE(category(layers, "air-1"), 1);
        QCOMPARE(category(layers, "air-2"), 1);
        QCOMPARE(sensors.warningCount(), 2);
    }

    void theMostSevereActiveAlarmCounts()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        SensorAlarm critical = alarm("air-1", Severity::Critical);
        critical.id = QStringLiteral("air.pm25.high/air-1");
        alarms.apply({ alarm("air-1", Severity::Minor), critical });
        QCOMPARE(category(layers, "air-1"), 2);
    }

    void anAlarmBeforeTheFirstReadingCountsWhenItArrives()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        alarms.apply({ alarm("air-1", Severity::Major) });
        sensors.apply({ reading("air-1", t0) }, t0);
        QCOMPARE(category(layers, "air-1"), 2);
    }

    void aClearedAlarmRecoversToNormal()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        alarms.apply({ alarm("air-1", Severity::Major) });
        alarms.apply({ alarm("air-1", Severity::Major, false) });
        QCOMPARE(category(layers, "air-1"), 0);
        QCOMPARE(sensors.alarmCount(), 0);
    }

    void aSilentSensorGoesOfflineAfterTheThreshold()
    {
        MapLayers layers(nullptr);
        SensorMarkers sensors(nullptr, nullptr);
        sensors.setMapLayers(&layers);
        sensors.setOfflineAfterSeconds(15);
        sensors.apply({ reading("air-1", t0) }, t0);
        sensors.tick(t0 + 15'000);
        QCOMPARE(category(layers, "air-1"), 0);
        QSignalSpy changed(&sensors, &SensorMarkers::changed);
        sensors.tick(t0 + 15'001);
        QCOMPARE(category(layers, "air-1"), 3);
        QCOMPARE(sensors.offlineCount(), 1);
        QCOMPARE(changed.count(), 1);
    }

    void offlineWinsOverAnAlarm()
    {
        MapLayers layers(nullptr);
        SensorAlarmModel alarms(nullptr, nullptr);
        SensorMarkers sensors(&alarms, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        alarms.apply({ alarm("air-1", Severity::Major) });
        sensors.tick(t0 + 60'000);
        QCOMPARE(category(layers, "air-1"), 3);
    }

    void aReadingBringsAnOfflineSensorBack()
    {
        MapLayers layers(nullptr);
        SensorMarkers sensors(nullptr, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0) }, t0);
        sensors.tick(t0 + 60'000);
        QCOMPARE(category(layers, "air-1"), 3);
        sensors.apply({ reading("air-1", t0 + 61'000) }, t0 + 61'000);
        QCOMPARE(category(layers, "air-1"), 0);
        QCOMPARE(sensors.offlineCount(), 0);
    }

    void theTrendRingKeepsTheLatest32OldestFirst()
    {
        SensorMarkers sensors(nullptr, nullptr);
        for (int i = 0; i < 40; ++i)
            sensors.apply({ reading("air-1", t0 + i * 1000, i) }, t0 + i * 1000);
        const std::vector<QPointF> trend = sensors.trend(QStringLiteral("air-1"));
        QCOMPARE(int(trend.size()), SensorMarkers::trendCapacity);
        QCOMPARE(trend.front(), QPointF(double(t0 + 8000), 8.0));
        QCOMPARE(trend.back(), QPointF(double(t0 + 39'000), 39.0));
    }

    void theTrendFollowsTheDomainsHeadlineMetric()
    {
        SensorMarkers sensors(nullptr, nullptr);
        TelemetrySample gauge = reading("w-1", t0);
        gauge.domain = QStringLiteral("water");
        gauge.values = { { QStringLiteral("guarantee_line"), 6.0 }, { QStringLiteral("level"), 3.2 },
            { QStringLiteral("warning_line"), 5.0 } };
        sensors.apply({ gauge }, t0);
        QCOMPARE(sensors.sensor(QStringLiteral("w-1")).value(QStringLiteral("trendMetric")).toString(),
            QStringLiteral("level"));
        QCOMPARE(sensors.trend(QStringLiteral("w-1")).front().y(), 3.2);
    }

    void theHoverCardDescribesTheSensor()
    {
        SensorMarkers sensors(nullptr, nullptr);
        sensors.apply({ reading("air-1", t0 - 500, 80) }, t0);
        const QVariantMap card = sensors.sensor(QStringLiteral("air-1"));
        QCOMPARE(card.value("id").toString(), QStringLiteral("air-1"));
        QCOMPARE(card.value("domain").toString(), QStringLiteral("air"));
        QCOMPARE(card.value("district").toString(), QStringLiteral("610402"));
        QCOMPARE(card.value("districtName").toString(), QStringLiteral("秦都区"));
        QCOMPARE(card.value("status").toString(), QStringLiteral("normal"));
        QCOMPARE(card.value("lastSeenMs").toDouble(), double(t0));
        QCOMPARE(card.value("tsMs").toDouble(), double(t0 - 500));
        const QVariantList values = card.value("values").toList();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values.first().toMap().value("metric").toString(), QStringLiteral("aqi"));
        QCOMPARE(values.first().toMap().value("value").toDouble(), 80.0);
        const QVariantList trend = card.value("trend").toList();
        QCOMPARE(trend.size(), 1);
        QCOMPARE(trend.first().toPointF(), QPointF(double(t0 - 500), 80.0));
    }

    void anUnknownSensorHasNoCard()
    {
        SensorMarkers sensors(nullptr, nullptr);
        QVERIFY(sensors.sensor(QStringLiteral("nope")).isEmpty());
    }

    void anUnchangedReadingLeavesTheMarkersAlone()
    {
        MapLayers layers(nullptr);
        SensorMarkers sensors(nullptr, nullptr);
        sensors.setMapLayers(&layers);
        sensors.apply({ reading("air-1", t0, 80) }, t0);
        const quint64 revision = layers.markers(QStringLiteral("sensors")).revision();
        sensors.apply({ reading("air-1", t0 + 1000, 95) }, t0 + 1000); // new values, same place and status
        QCOMPARE(layers.markers(QStringLiteral("sensors")).revision(), revision);
    }

    void theLayerIsTouchedOncePerBatch()
    {
        MapLayers layers(nullptr);
        layers.addStandardLayers();
        SensorMarkers sensors(nullptr, nullptr);
        sensors.setMapLayers(&layers);
        QSignalSpy data(&layers, &QAbstractItemModel::dataChanged);
        sensors.apply({ reading("air-1", t0), reading("air-2", t0, 80, 108.71), reading("air-3", t0, 80, 108.72) }, t0);
        QCOMPARE(data.count(), 1);
        QCOMPARE(layers.index(data.first().at(0).value<QModelIndex>().row()).data(MapLayers::IdRole).toString(),
            QStringLiteral("sensors"));
    }

    void mapLayersGivenLaterGetEveryKnownSensor()
    {
        SensorMarkers sensors(nullptr, nullptr);
        sensors.apply({ reading("air-1", t0), reading("air-2", t0, 80, 108.71) }, t0);
        MapLayers layers(nullptr);
        sensors.setMapLayers(&layers);
        QCOMPARE(layers.markers(QStringLiteral("sensors")).size(), 2);
    }
};

QTEST_MAIN(TestSensorMarkers)
#include "tst_sensormarkers.moc"
