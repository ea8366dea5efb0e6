#include "alarmgrouper.h"
#include "ruleengine.h"
#include "rulefixtures.h"

#include <QTest>

using namespace citybrain;
using namespace citybrain::fixtures;

namespace {

SensorAlarm alarm(const QString& sensorId, qint64 tsMs, Severity severity = Severity::Major,
    const QString& ruleId = QStringLiteral("water.level.warning"), const QString& kind = QStringLiteral("waterlogging"))
{
    SensorAlarm a;
    a.ruleId = ruleId;
    a.sensorId = sensorId;
    a.id = ruleId + QLatin1Char('/') + sensorId;
    a.domain = sensorId.section(QLatin1Char('-'), 0, 0);
    a.district = sensorId.section(QLatin1Char('-'), 1, 1);
    a.lon = 108.7 + sensorId.right(3).toInt() * 0.001;
    a.lat = 34.33;
    a.state = SensorAlarm::State::Raised;
    a.severity = severity;
    a.incidentKind = kind;
    a.tsMs = tsMs;
    a.sinceMs = tsMs;
    a.summary = ruleId == QLatin1String("water.level.guarantee") ? QStringLiteral("超过保证水位")
                                                                 : QStringLiteral("超过警戒水位");
    a.explanation = QStringLiteral("explanation of ") + a.id;
    return a;
}

SensorAlarm cleared(SensorAlarm a, qint64 tsMs)
{
    a.state = SensorAlarm::State::Cleared;
    a.tsMs = tsMs;
    return a;
}

QString gaugeId(const char* adcode, int n)
{
    return QStringLiteral("water-%1-%2").arg(QLatin1String(adcode)).arg(n, 3, 10, QLatin1Char('0'));
}

} // namespace

class TestAlarmGrouper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stormOfTwentyGaugesIsOneIncident()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        QString incident;
        for (int n = 1; n <= 20; ++n) {
            SensorAlarm a = alarm(gaugeId("610404", n), beijing(8, 30) + n * 40 * second);
            grouper.apply(a, &events);
            if (n == 1)
                incident = a.incidentId;
            QCOMPARE(a.incidentId, incident);
        }
        QCOMPARE(incident, QStringLiteral("RUL-20261129-610404-waterlogging-0830"));
        QCOMPARE(events.size(), size_t(20));
        QCOMPARE(events.front().status, QStringLiteral("new"));
        QCOMPARE(events.back().status, QStringLiteral("update"));
        QCOMPARE(events.back().id, incident);
        QCOMPARE(events.back().source, QStringLiteral("citybrain-rules"));
        QCOMPARE(events.back().kind, QStringLiteral("waterlogging"));
        QCOMPARE(events.back().district, QStringLiteral("610404"));
        QCOMPARE(events.back().title, QStringLiteral("渭城区 积水：20 个水位站超过警戒水位"));
        QVERIFY(events.back().description.startsWith(QStringLiteral("告警中 20 个，已解除 0 个，最高级别重大")));
        QCOMPARE(events.back().lon, events.front().lon); // the first alarm's place
        QCOMPARE(grouper.alarmsOf(incident).size(), size_t(20));
        QCOMPARE(grouper.alarmsOf(incident).front(), QStringLiteral("water.level.warning/water-610404-001"));
        QCOMPARE(grouper.openCount(), 1);
    }

    void differentDistrictsOrKindsAreSeparateIncidents()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 30));
        SensorAlarm b = alarm(gaugeId("610402", 1), beijing(8, 31));
        SensorAlarm c = alarm(QStringLiteral("air-610404-003"), beijing(8, 32), Severity::Major,
            QStringLiteral("air.pm25.heavy"), QStringLiteral("pollution"));
        grouper.apply(a, &events);
        grouper.apply(b, &events);
        grouper.apply(c, &events);
        QCOMPARE(events.size(), size_t(3));
        for (const IncidentEvent& e : events)
            QCOMPARE(e.status, QStringLiteral("new"));
        QCOMPARE(b.incidentId, QStringLiteral("RUL-20261129-610402-waterlogging-0831"));
        QCOMPARE(c.incidentId, QStringLiteral("RUL-20261129-610404-pollution-0832"));
        QCOMPARE(grouper.openCount(), 3);
    }

    void afterTheWindowANewIncident()
    {
        AlarmGrouper grouper(30 * minute);
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 0));
        SensorAlarm b = alarm(gaugeId("610404", 2), beijing(8, 25)); // within 30 min of the latest: joins
        SensorAlarm c = alarm(gaugeId("610404", 3), beijing(8, 55)); // 30 min after the latest (8:25): joins
        SensorAlarm d = alarm(gaugeId("610404", 4), beijing(9, 26)); // 31 min after the latest: new incident
        for (SensorAlarm* x : { &a, &b, &c, &d })
            grouper.apply(*x, &events);
        QCOMPARE(b.incidentId, a.incidentId);
        QCOMPARE(c.incidentId, a.incidentId);
        QVERIFY(d.incidentId != a.incidentId);
        QCOMPARE(d.incidentId, QStringLiteral("RUL-20261129-610404-waterlogging-0926"));
        QCOMPARE(events.back().status, QStringLiteral("new"));
        // The earlier incident still takes the clearing of its own alarms.
        SensorAlarm clearA = cleared(a, beijing(9, 30));
        grouper.apply(clearA, &events);
        QCOMPARE(clearA.incidentId, a.incidentId);
    }

    void severityIsTheWorstOfItsAlarms()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 0), Severity::Moderate);
        SensorAlarm b
            = alarm(gaugeId("610404", 2), beijing(8, 5), Severity::Critical, QStringLiteral("water.level.guarantee"));
        SensorAlarm c = alarm(gaugeId("610404", 3), beijing(8, 6), Severity::Major);
        grouper.apply(a, &events);
        QCOMPARE(events.back().severity, Severity::Moderate);
        grouper.apply(b, &events);
        QCOMPARE(events.back().severity, Severity::Critical);
        grouper.apply(c, &events);
        QCOMPARE(events.back().severity, Severity::Critical);
        QCOMPARE(events.back().title, QStringLiteral("渭城区 积水：2 个水位站超过警戒水位，1 个水位站超过保证水位"));
        // The critical alarm clearing does not lower the incident.
        SensorAlarm clearB = cleared(b, beijing(8, 20));
        grouper.apply(clearB, &events);
        QCOMPARE(events.back().severity, Severity::Critical);
        QCOMPARE(events.back().status, QStringLiteral("update"));
    }

    void idsAreDeterministic()
    {
        std::vector<QString> ids[2];
        for (auto& out : ids) {
            AlarmGrouper grouper;
            std::vector<IncidentEvent> events;
            for (int n = 1; n <= 5; ++n) {
                SensorAlarm a = alarm(gaugeId(n % 2 ? "610404" : "610402", n), beijing(23, 50) + n * 3 * minute);
                grouper.apply(a, &events);
            }
            for (const IncidentEvent& e : events)
                out.push_back(e.id);
        }
        QCOMPARE(ids[0], ids[1]);
        QCOMPARE(ids[0].front(), QStringLiteral("RUL-20261129-610404-waterlogging-2353"));
        QCOMPARE(ids[0][1], QStringLiteral("RUL-20261129-610402-waterlogging-2356"));
    }

    void closedWhenAllItsAlarmsCleared()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 0));
        SensorAlarm b = alarm(gaugeId("610404", 2), beijing(8, 1));
        grouper.apply(a, &events);
        grouper.apply(b, &events);
        SensorAlarm clearA = cleared(a, beijing(8, 30));
        grouper.apply(clearA, &events);
        QCOMPARE(events.back().status, QStringLiteral("update"));
        QVERIFY(events.back().description.startsWith(QStringLiteral("告警中 1 个，已解除 1 个")));
        SensorAlarm clearB = cleared(b, beijing(8, 40));
        grouper.apply(clearB, &events);
        QCOMPARE(events.back().status, QStringLiteral("closed"));
        QCOMPARE(events.back().id, a.incidentId);
        QVERIFY(events.back().description.startsWith(QStringLiteral("2 个告警均已解除")));
        QCOMPARE(grouper.openCount(), 0);
        QCOMPARE(grouper.alarmsOf(a.incidentId).size(), size_t(2));
        // The same gauge again, within the window of the closed incident: a new incident.
        SensorAlarm again = alarm(gaugeId("610404", 1), beijing(8, 45));
        grouper.apply(again, &events);
        QCOMPARE(events.back().status, QStringLiteral("new"));
        QCOMPARE(again.incidentId, QStringLiteral("RUL-20261129-610404-waterlogging-0845"));
    }

    void sameMinuteGetsASuffix()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 0));
        grouper.apply(a, &events);
        SensorAlarm clearA = cleared(a, beijing(8, 0) + 10 * second);
        grouper.apply(clearA, &events);
        SensorAlarm b = alarm(gaugeId("610404", 2), beijing(8, 0) + 20 * second);
        grouper.apply(b, &events);
        QCOMPARE(b.incidentId, QStringLiteral("RUL-20261129-610404-waterlogging-0800-2"));
    }

    void realarmWhileOpenKeepsItsPlace()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(8, 0));
        SensorAlarm b = alarm(gaugeId("610404", 2), beijing(8, 1));
        grouper.apply(a, &events);
        grouper.apply(b, &events);
        SensorAlarm clearA = cleared(a, beijing(8, 5));
        grouper.apply(clearA, &events);
        SensorAlarm again = alarm(gaugeId("610404", 1), beijing(8, 10));
        grouper.apply(again, &events);
        QCOMPARE(again.incidentId, a.incidentId);
        QCOMPARE(grouper.alarmsOf(a.incidentId).size(), size_t(2));
        QVERIFY(events.back().description.startsWith(QStringLiteral("告警中 2 个，已解除 0 个")));
    }

    void aGaugeUnderTheOpenIncidentRaisingLateStaysInIt()
    {
        // A long storm: a gauge hovering at its line raises again an hour after the last new alarm,
        // while the incident is still open. Same situation, same incident (not a second one beside it).
        AlarmGrouper grouper(30 * minute);
        std::vector<IncidentEvent> events;
        SensorAlarm a = alarm(gaugeId("610404", 1), beijing(14, 0));
        SensorAlarm b = alarm(gaugeId("610404", 2), beijing(14, 5));
        grouper.apply(a, &events);
        grouper.apply(b, &events);
        SensorAlarm clearB = cleared(b, beijing(14, 30));
        grouper.apply(clearB, &events);
        SensorAlarm again = alarm(gaugeId("610404", 2), beijing(15, 40));
        grouper.apply(again, &events);
        QCOMPARE(again.incidentId, a.incidentId);
        // A gauge not yet under it, as late, opens a new incident (the window still counts for them).
        SensorAlarm other = alarm(gaugeId("610404", 3), beijing(16, 45));
        grouper.apply(other, &events);
        QVERIFY(other.incidentId != a.incidentId);
    }

    void alarmsWithoutAnIncidentAreLeftAlone()
    {
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        SensorAlarm noKind = alarm(gaugeId("610404", 1), beijing(8, 0));
        noKind.incidentKind.clear();
        grouper.apply(noKind, &events);
        SensorAlarm unknown = cleared(alarm(gaugeId("610404", 2), beijing(8, 0)), beijing(8, 1));
        grouper.apply(unknown, &events);
        QVERIFY(events.empty());
        QVERIFY(noKind.incidentId.isEmpty());
        QVERIFY(unknown.incidentId.isEmpty());
    }

    void engineAndGrouperTurnAStormIntoOneIncident()
    {
        auto rules = std::make_shared<RuleSet>();
        QStringList errors;
        QVERIFY2(
            loadRuleSetFile(defaultRuleFilePath(), rules.get(), &errors), qPrintable(errors.join(QLatin1Char('\n'))));
        RuleEngine engine;
        engine.setRules(rules);
        AlarmGrouper grouper;
        std::vector<IncidentEvent> events;
        // Twenty gauges of 渭城区 reading every minute; the storm lifts them past their warning level one by one.
        for (int m = 0; m <= 40; ++m) {
            for (int n = 1; n <= 20; ++n) {
                const double levelNow = 3.305 + 0.01 * (m + n); // past 3.5 from m = 20 - n, rising slowly
                std::vector<SensorAlarm> changes;
                engine.observe(sample(gaugeId("610404", n), beijing(8, 30) + m * minute,
                                   { { QStringLiteral("level"), levelNow }, { QStringLiteral("warning_line"), 3.5 },
                                       { QStringLiteral("guarantee_line"), 5.0 } }),
                    &changes);
                for (SensorAlarm& a : changes)
                    grouper.apply(a, &events);
            }
        }
        QCOMPARE(engine.activeCount(), 20);
        QVERIFY(!events.empty());
        QCOMPARE(events.front().status, QStringLiteral("new"));
        for (const IncidentEvent& e : events)
            QCOMPARE(e.id, events.front().id);
        QCOMPARE(grouper.alarmsOf(events.front().id).size(), size_t(20));
        QCOMPARE(events.back().title, QStringLiteral("渭城区 积水：20 个水位站超过警戒水位"));
        QCOMPARE(events.back().severity, Severity::Major);
    }
};

QTEST_GUILESS_MAIN(TestAlarmGrouper)
#include "tst_alarmgrouper.moc"
