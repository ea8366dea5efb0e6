// The alarm list: active first (most severe, oldest), cleared after; one row per alarm episode; an
// alarm is acknowledged once its incident is; the incident detail's filter shows an incident's alarms.
#include "incidentmodel.h"
#include "sensoralarmmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;

SensorAlarm raised(const QString& sensor, Severity severity, qint64 sinceMs, const QString& incident = {})
{
    SensorAlarm a;
    a.id = QStringLiteral("water.level.warning/") + sensor;
    a.ruleId = QStringLiteral("water.level.warning");
    a.sensorId = sensor;
    a.domain = QStringLiteral("water");
    a.metric = QStringLiteral("level");
    a.district = QStringLiteral("610404");
    a.severity = severity;
    a.incidentKind = QStringLiteral("waterlogging");
    a.sinceMs = sinceMs;
    a.tsMs = sinceMs + 60'000;
    a.explanation = QStringLiteral("渭城区 水位 %1").arg(sensor);
    a.explanationEn = QStringLiteral("Weicheng water level %1").arg(sensor);
    a.incidentId = incident;
    a.trend = { { double(sinceMs - 60'000), 4.1 }, { double(sinceMs), 4.6 } };
    return a;
}

SensorAlarm cleared(SensorAlarm a, qint64 tsMs)
{
    a.state = SensorAlarm::State::Cleared;
    a.tsMs = tsMs;
    a.trend.clear();
    return a;
}

QStringList order(const QAbstractItemModel& model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(SensorAlarmModel::SensorIdRole).toString();
    return ids;
}

} // namespace

class TestSensorAlarmModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void activeFirstBySeverityThenAgeClearedAfter()
    {
        SensorAlarmModel model(nullptr, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ raised("g1", Severity::Major, t0), raised("g2", Severity::Critical, t0 + 1000),
            raised("g3", Severity::Major, t0 - 1000) });
        QCOMPARE(order(model), (QStringList { "g2", "g3", "g1" }));
        QCOMPARE(model.activeCount(), 3);
        model.apply({ cleared(raised("g2", Severity::Critical, t0 + 1000), t0 + 600'000) });
        QCOMPARE(order(model), (QStringList { "g3", "g1", "g2" }));
        QCOMPARE(model.activeCount(), 2);
        const QModelIndex last = model.index(2);
        QVERIFY(!last.data(SensorAlarmModel::ActiveRole).toBool());
        // The cleared alarm keeps the picture of its trigger.
        QCOMPARE(last.data(SensorAlarmModel::TrendRole).toList().size(), 2);
    }

    void anEpisodeIsOneRowAndARaiseAfterTheClearIsANewOne()
    {
        SensorAlarmModel model(nullptr, nullptr);
        const SensorAlarm a = raised("g1", Severity::Major, t0);
        model.apply({ a, a }); // the same episode delivered twice
        QCOMPARE(model.rowCount(), 1);
        model.apply({ cleared(a, t0 + 60'000), raised("g1", Severity::Critical, t0 + 120'000) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.activeCount(), 1);
        QCOMPARE(model.index(0).data(SensorAlarmModel::SeverityRole).toInt(), int(Severity::Critical));
    }

    void clearedAlarmsAreBounded()
    {
        SensorAlarmModel model(nullptr, nullptr);
        std::vector<SensorAlarm> changes;
        for (int i = 0; i < SensorAlarmModel::clearedKept + 20; ++i) {
            const SensorAlarm a = raised(QStringLiteral("g%1").arg(i), Severity::Minor, t0 + i);
            changes.push_back(a);
            changes.push_back(cleared(a, t0 + 1000 + i));
        }
        model.apply(changes);
        QCOMPARE(model.rowCount(), SensorAlarmModel::clearedKept);
        QCOMPARE(model.index(0).data(SensorAlarmModel::SensorIdRole).toString(),
            QStringLiteral("g%1").arg(SensorAlarmModel::clearedKept + 19)); // newest cleared first
    }

    void acknowledgedOnceItsIncidentIs()
    {
        IncidentModel incidents(nullptr);
        IncidentEvent flood;
        flood.id = QStringLiteral("RUL-20261129-610404-waterlogging-0830");
        flood.source = QStringLiteral("citybrain-rules");
        flood.tsMs = t0;
        flood.kind = QStringLiteral("waterlogging");
        flood.severity = Severity::Major;
        flood.status = QStringLiteral("new");
        flood.title = QStringLiteral("渭城区 积水");
        flood.district = QStringLiteral("610404");
        incidents.apply({ flood });
        SensorAlarmModel model(&incidents, nullptr);
        model.apply({ raised("g1", Severity::Major, t0, flood.id), raised("g9", Severity::Minor, t0) });
        QCOMPARE(model.unacknowledgedCount(), 2);
        IncidentAction ack;
        ack.incidentId = flood.id;
        ack.actionId = QStringLiteral("c1-1");
        ack.actor = QStringLiteral("zhang.wei");
        ack.role = QStringLiteral("dispatcher");
        ack.console = QStringLiteral("c1");
        ack.kind = ActionKind::Acknowledge;
        ack.tsMs = t0 + 30'000;
        incidents.applyActions({ ack });
        QCOMPARE(model.unacknowledgedCount(), 1);
        QVERIFY(model.index(model.rowOf(QStringLiteral("water.level.warning/g1")))
                    .data(SensorAlarmModel::AcknowledgedRole)
                    .toBool());

        IncidentAlarms underIt;
        underIt.setSourceModel(&model);
        QAbstractItemModelTester tester(&underIt, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(underIt.count(), 0); // no incident chosen
        underIt.setIncidentId(flood.id);
        QCOMPARE(underIt.count(), 1);
        QCOMPARE(underIt.index(0, 0).data(SensorAlarmModel::SensorIdRole).toString(), QStringLiteral("g1"));
    }

    void anAlarmWhoseRuleRaisesNoIncidentNeedsNoAcknowledgement()
    {
        SensorAlarmModel model(nullptr, nullptr);
        SensorAlarm noise = raised("n1", Severity::Minor, t0);
        noise.incidentKind.clear();
        model.apply({ noise, raised("g1", Severity::Major, t0) });
        QCOMPARE(model.activeCount(), 2);
        QCOMPARE(model.unacknowledgedCount(), 1); // only the one that waits for its incident
        const QModelIndex row = model.index(model.rowOf(noise.id));
        QVERIFY(row.data(SensorAlarmModel::InformationalRole).toBool());
        QVERIFY(row.data(SensorAlarmModel::AcknowledgedRole).toBool());
    }

    void explanationsInTheConsolesLanguage()
    {
        SensorAlarmModel model(nullptr, nullptr);
        model.apply({ raised("g1", Severity::Major, t0) });
        QCOMPARE(model.index(0).data(SensorAlarmModel::ExplanationRole).toString(), QStringLiteral("渭城区 水位 g1"));
        model.setEnglish(true);
        QCOMPARE(model.index(0).data(SensorAlarmModel::ExplanationRole).toString(),
            QStringLiteral("Weicheng water level g1"));
    }
};

QTEST_GUILESS_MAIN(TestSensorAlarmModel)
#include "tst_sensoralarmmodel.moc"
