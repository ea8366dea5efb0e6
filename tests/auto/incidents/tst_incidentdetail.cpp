#include "incidentdetail.h"
#include "incidentfixtures.h"
#include "incidentmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace citybrain;
using fixtures::action;
using fixtures::wang;
using fixtures::zhang;

namespace {
constexpr qint64 reported = 1'795'912'200'000;

QVariant at(const QAbstractItemModel& model, int row, int role)
{
    return model.data(model.index(row, 0), role);
}

IncidentEvent capEvent()
{
    IncidentEvent e
        = fixtures::event(QStringLiteral("CAP-XY-1"), QStringLiteral("waterlogging"), Severity::Major, reported);
    e.source = QStringLiteral("cap");
    CapAlert cap;
    cap.identifier = QStringLiteral("XY-METEO-20261129-01");
    cap.sender = QStringLiteral("xianyang-meteo@example.cn");
    cap.sent = QStringLiteral("2026-11-29T10:00:00+08:00");
    cap.msgType = QStringLiteral("Alert");
    cap.scope = QStringLiteral("Public");
    cap.event = QStringLiteral("暴雨");
    cap.headline = QStringLiteral("渭城区暴雨红色预警");
    cap.severity = QStringLiteral("Severe");
    cap.urgency = QStringLiteral("Immediate");
    cap.certainty = QStringLiteral("Observed");
    cap.areaDesc = QStringLiteral("渭城区");
    e.cap = cap;
    return e;
}
} // namespace

class TestIncidentDetail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<IncidentModel>(nullptr);
        m_model->tick(reported);
        m_detail = std::make_unique<IncidentDetail>(m_model.get(), QStringLiteral("console-1"), nullptr);
        m_timelineTester = std::make_unique<QAbstractItemModelTester>(
            m_detail->timeline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_unitsTester = std::make_unique<QAbstractItemModelTester>(
            m_detail->units(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        IncidentEvent a = fixtures::event(QStringLiteral("A"), QStringLiteral("fire"), Severity::Major, reported);
        a.title = QStringLiteral("渭城区文林路民房起火");
        a.description = QStringLiteral("二楼厨房冒烟");
        a.lon = 108.7262;
        a.lat = 34.3401;
        m_model->apply({ a,
            fixtures::event(QStringLiteral("B"), QStringLiteral("waterlogging"), Severity::Minor, reported + 1000) });
    }
    void cleanup()
    {
        m_unitsTester.reset();
        m_timelineTester.reset();
        m_detail.reset();
        m_model.reset();
    }

    void nothingSelectedShowsNothing()
    {
        QVERIFY(!m_detail->exists());
        m_detail->setIncidentId(QStringLiteral("nope"));
        QVERIFY(!m_detail->exists());
        QVERIFY(!m_detail->isOpen());
        QCOMPARE(m_detail->state(), QString());
        QCOMPARE(m_detail->title(), QString());
        QCOMPARE(m_detail->timeline()->rowCount(), 0);
        QCOMPARE(m_detail->units()->rowCount(), 0);
        QVERIFY(!m_detail->hasCap());
        QVERIFY(m_detail->capFields().isEmpty());
    }

    void showsTheSelectedIncident()
    {
        QSignalSpy changed(m_detail.get(), &IncidentDetail::changed);
        m_detail->setIncidentId(QStringLiteral("A"));
        QCOMPARE(changed.count(), 1);
        m_detail->setIncidentId(QStringLiteral("A")); // the same: nothing to do
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_detail->exists());
        QVERIFY(m_detail->isOpen());
        QCOMPARE(m_detail->title(), QStringLiteral("渭城区文林路民房起火"));
        QCOMPARE(m_detail->description(), QStringLiteral("二楼厨房冒烟"));
        QCOMPARE(m_detail->kind(), QStringLiteral("fire"));
        QCOMPARE(m_detail->severity(), int(Severity::Major));
        QCOMPARE(m_detail->state(), QStringLiteral("new"));
        QCOMPARE(m_detail->priority(), 1);
        QCOMPARE(m_detail->derivedPriority(), 1);
        QCOMPARE(m_detail->district(), QStringLiteral("610404"));
        QCOMPARE(m_detail->districtName(), QStringLiteral("渭城区"));
        QCOMPARE(m_detail->lon(), 108.7262);
        QCOMPARE(m_detail->lat(), 34.3401);
        QCOMPARE(m_detail->reportedMs(), double(reported));
        QCOMPARE(m_detail->source(), QStringLiteral("12345-hotline"));
        QCOMPARE(m_detail->sourceStatus(), QStringLiteral("new"));
        QCOMPARE(m_detail->version(), 0);
        QCOMPARE(m_detail->slaPhase(), QStringLiteral("acknowledge"));
        QCOMPARE(m_detail->slaDeadlineMs(), double(reported + 60'000));
        QVERIFY(!m_detail->slaBreached());

        m_detail->setIncidentId(QStringLiteral("B"));
        QCOMPARE(m_detail->kind(), QStringLiteral("waterlogging"));
        QCOMPARE(m_detail->priority(), 4);
    }

    void followsTheSelectedIncidentAsActionsArrive()
    {
        m_detail->setIncidentId(QStringLiteral("A"));
        QSignalSpy changed(m_detail.get(), &IncidentDetail::changed);
        // Ours arrives first, a leader's earlier acknowledge second: the leader's wins.
        m_model->applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 20'000) });
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_detail->state(), QStringLiteral("acknowledged"));
        QCOMPARE(m_detail->acknowledgedBy(), QStringLiteral("zhang.wei"));
        m_model->applyActions({ action("A", "c2-1", wang(), ActionKind::Acknowledge, 0, reported + 10'000) });
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_detail->acknowledgedBy(), QStringLiteral("wang.fang"));
        QCOMPARE(m_detail->acknowledgedMs(), double(reported + 10'000));
        QCOMPARE(m_detail->version(), 1);

        const IncidentTimeline& timeline = *m_detail->timeline();
        QCOMPARE(timeline.rowCount(), 2);
        // In the order the state was computed in, not in arrival order.
        QCOMPARE(at(timeline, 0, IncidentTimeline::ActorRole).toString(), QStringLiteral("wang.fang"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::RoleRole).toString(), QStringLiteral("leader"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::ConsoleRole).toString(), QStringLiteral("console-2"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::ActionRole).toString(), QStringLiteral("acknowledge"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::AppliedRole).toBool(), true);
        QCOMPARE(at(timeline, 0, IncidentTimeline::StateAfterRole).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::WonByActorRole).toString(), QString());
        QCOMPARE(at(timeline, 0, IncidentTimeline::MineRole).toBool(), false);
        QCOMPARE(at(timeline, 0, IncidentTimeline::TsMsRole).toDouble(), double(reported + 10'000));

        QCOMPARE(at(timeline, 1, IncidentTimeline::ActorRole).toString(), QStringLiteral("zhang.wei"));
        QCOMPARE(at(timeline, 1, IncidentTimeline::AppliedRole).toBool(), false);
        QCOMPARE(at(timeline, 1, IncidentTimeline::WonByActorRole).toString(), QStringLiteral("wang.fang"));
        QCOMPARE(at(timeline, 1, IncidentTimeline::WonByConsoleRole).toString(), QStringLiteral("console-2"));
        QCOMPARE(at(timeline, 1, IncidentTimeline::WonByActionRole).toString(), QStringLiteral("acknowledge"));
        QCOMPARE(at(timeline, 1, IncidentTimeline::MineRole).toBool(), true);

        // Actions on another incident do not disturb the selection.
        m_model->applyActions({ action("B", "c1-2", zhang(), ActionKind::Acknowledge, 0, reported + 30'000) });
        QCOMPARE(changed.count(), 2);
    }

    void unitsAndTheirRoles()
    {
        m_detail->setIncidentId(QStringLiteral("A"));
        m_model->applyActions(
            { fixtures::withUnit(
                  action("A", "c1-1", zhang(), ActionKind::Dispatch, 0, reported + 30'000), UnitType::Fire, "F-01"),
                fixtures::withUnit(action("A", "c1-2", zhang(), ActionKind::Dispatch, 1, reported + 40'000),
                    UnitType::Medical, "M-07") });
        QCOMPARE(m_detail->state(), QStringLiteral("dispatched"));
        QCOMPARE(m_detail->acknowledgedBy(), QStringLiteral("zhang.wei")); // the dispatch acknowledged it
        QCOMPARE(m_detail->dispatchedMs(), double(reported + 30'000));
        const IncidentUnits& units = *m_detail->units();
        QCOMPARE(units.rowCount(), 2);
        QCOMPARE(at(units, 0, IncidentUnits::UnitTypeRole).toString(), QStringLiteral("fire"));
        QCOMPARE(at(units, 0, IncidentUnits::UnitIdRole).toString(), QStringLiteral("F-01"));
        QCOMPARE(at(units, 0, IncidentUnits::StatusRole).toString(), QStringLiteral("dispatched"));
        QCOMPARE(at(units, 0, IncidentUnits::DispatchedMsRole).toDouble(), double(reported + 30'000));
        QCOMPARE(at(units, 0, IncidentUnits::DispatchedByRole).toString(), QStringLiteral("zhang.wei"));
        QCOMPARE(at(units, 1, IncidentUnits::UnitTypeRole).toString(), QStringLiteral("medical"));

        m_model->applyActions({ fixtures::withUnit(
            action("A", "c1-3", zhang(), ActionKind::OnScene, 2, reported + 300'000), UnitType::Fire, "F-01") });
        QCOMPARE(m_detail->state(), QStringLiteral("on_scene"));
        QCOMPARE(m_detail->onSceneMs(), double(reported + 300'000));
        QCOMPARE(at(units, 0, IncidentUnits::StatusRole).toString(), QStringLiteral("on_scene"));
        QCOMPARE(at(units, 0, IncidentUnits::OnSceneMsRole).toDouble(), double(reported + 300'000));
        QCOMPARE(at(units, 1, IncidentUnits::StatusRole).toString(), QStringLiteral("dispatched"));
        QCOMPARE(m_detail->activeUnits(), 2);
        QCOMPARE(at(*m_detail->timeline(), 2, IncidentTimeline::UnitTypeRole).toString(), QStringLiteral("fire"));
        QCOMPARE(at(*m_detail->timeline(), 2, IncidentTimeline::UnitIdRole).toString(), QStringLiteral("F-01"));

        m_model->applyActions({ action("A", "c1-4", zhang(), ActionKind::Resolve, 3, reported + 900'000) });
        QVERIFY(!m_detail->isOpen());
        QCOMPARE(m_detail->resolvedMs(), double(reported + 900'000));
        QCOMPARE(at(units, 0, IncidentUnits::StatusRole).toString(), QStringLiteral("released"));
        QCOMPARE(at(units, 1, IncidentUnits::StatusRole).toString(), QStringLiteral("released"));
        QCOMPARE(m_detail->activeUnits(), 0);
    }

    void recordActionsShowInTheDetailAndTheTimeline()
    {
        m_detail->setIncidentId(QStringLiteral("B"));
        IncidentAction attach = action("B", "c1-2", zhang(), ActionKind::Attach, 1, reported + 3000);
        attach.uri = QStringLiteral("https://evidence.example/photo/1.jpg");
        IncidentAction merge = action("B", "c1-3", zhang(), ActionKind::Merge, 2, reported + 4000);
        merge.mergeInto = QStringLiteral("A");
        m_model->applyActions(
            { fixtures::withPriority(action("B", "c1-1", zhang(), ActionKind::Reprioritise, 0, reported + 2000), 2,
                  QStringLiteral("积水漫入地下车库")),
                attach, merge });
        QCOMPARE(m_detail->priority(), 2);
        QCOMPARE(m_detail->derivedPriority(), 4);
        QVERIFY(m_detail->priorityOverridden());
        QCOMPARE(m_detail->priorityReason(), QStringLiteral("积水漫入地下车库"));
        QCOMPARE(m_detail->attachments(), QStringList({ attach.uri }));
        QCOMPARE(m_detail->state(), QStringLiteral("merged"));
        QCOMPARE(m_detail->mergedInto(), QStringLiteral("A"));
        const IncidentTimeline& timeline = *m_detail->timeline();
        QCOMPARE(at(timeline, 0, IncidentTimeline::PriorityRole).toInt(), 2);
        QCOMPARE(at(timeline, 0, IncidentTimeline::NoteRole).toString(), QStringLiteral("积水漫入地下车库"));
        QCOMPARE(at(timeline, 0, IncidentTimeline::UnitTypeRole).toString(), QString()); // not a unit action
        QCOMPARE(at(timeline, 1, IncidentTimeline::UriRole).toString(), attach.uri);
        QCOMPARE(at(timeline, 2, IncidentTimeline::MergeIntoRole).toString(), QStringLiteral("A"));
    }

    void escalationAndTheSlaClockFollowTheModel()
    {
        m_detail->setIncidentId(QStringLiteral("A"));
        QSignalSpy changed(m_detail.get(), &IncidentDetail::changed);
        m_model->tick(reported + 60'001); // P1: one minute to acknowledge
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_detail->slaBreached());
        QCOMPARE(m_detail->slaBreaches(), 1);
        m_model->applyActions({ action("A", "c2-1", wang(), ActionKind::Escalate, 0, reported + 61'000) });
        QVERIFY(m_detail->escalated());
        QCOMPARE(m_detail->state(), QStringLiteral("escalated"));
    }

    void eachMilestoneHasItsBudgetAndSaysWhenItWasLate()
    {
        m_detail->setIncidentId(QStringLiteral("A")); // P1: 60 s / 180 s / 480 s
        QCOMPARE(m_detail->acknowledgeBudgetMs(), 60'000.0);
        QCOMPARE(m_detail->dispatchBudgetMs(), 180'000.0);
        QCOMPARE(m_detail->onSceneBudgetMs(), 480'000.0);
        QVERIFY(!m_detail->acknowledgeLate());
        m_model->tick(reported + 90'000);
        QVERIFY(m_detail->acknowledgeLate()); // overdue now
        QVERIFY(!m_detail->dispatchLate());
        // Acknowledged late, dispatched in time: the first stays late, the second is not.
        m_model->applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 90'000),
            fixtures::withUnit(action("A", "c1-2", zhang(), ActionKind::Dispatch, 1, reported + 120'000),
                UnitType::Fire, QStringLiteral("F1")) });
        m_model->tick(reported + 200'000);
        QVERIFY(m_detail->acknowledgeLate());
        QVERIFY(!m_detail->dispatchLate());
        QVERIFY(!m_detail->onSceneLate());
        m_detail->setIncidentId(QStringLiteral("B")); // P4
        QCOMPARE(m_detail->acknowledgeBudgetMs(), 900'000.0);
    }

    void suggestsALikelyDuplicate()
    {
        IncidentEvent second
            = fixtures::event(QStringLiteral("A2"), QStringLiteral("fire"), Severity::Major, reported + 60'000);
        second.lon = 108.7263; // about 10 m from A
        second.lat = 34.3401;
        m_model->apply({ second });
        m_detail->setIncidentId(QStringLiteral("A2"));
        QCOMPARE(m_detail->duplicateOf(), QStringLiteral("A"));
        QCOMPARE(m_detail->duplicateOfTitle(), QStringLiteral("渭城区文林路民房起火"));
        m_detail->setIncidentId(QStringLiteral("A"));
        QCOMPARE(m_detail->duplicateOf(), QString());
    }

    void capFieldsAreShownAsGiven()
    {
        m_model->apply({ capEvent() });
        m_detail->setIncidentId(QStringLiteral("CAP-XY-1"));
        QVERIFY(m_detail->hasCap());
        const QStringList fields = m_detail->capFields();
        const QStringList values = m_detail->capValues();
        QCOMPARE(fields,
            QStringList({ "identifier", "sender", "sent", "msgType", "event", "headline", "severity", "urgency",
                "certainty", "areaDesc" }));
        QCOMPARE(values.size(), fields.size());
        const auto value = [&](const char* field) { return values.at(fields.indexOf(QLatin1String(field))); };
        QCOMPARE(value("identifier"), QStringLiteral("XY-METEO-20261129-01"));
        QCOMPARE(value("sender"), QStringLiteral("xianyang-meteo@example.cn"));
        QCOMPARE(value("sent"), QStringLiteral("2026-11-29T10:00:00+08:00"));
        QCOMPARE(value("msgType"), QStringLiteral("Alert"));
        QCOMPARE(value("event"), QStringLiteral("暴雨"));
        QCOMPARE(value("headline"), QStringLiteral("渭城区暴雨红色预警"));
        QCOMPARE(value("severity"), QStringLiteral("Severe"));
        QCOMPARE(value("urgency"), QStringLiteral("Immediate"));
        QCOMPARE(value("certainty"), QStringLiteral("Observed"));
        QCOMPARE(value("areaDesc"), QStringLiteral("渭城区"));
        QCOMPARE(m_detail->priority(), 1); // major P2, Immediate and Observed: one more urgent

        m_detail->setIncidentId(QStringLiteral("A"));
        QVERIFY(!m_detail->hasCap());
        QVERIFY(m_detail->capValues().isEmpty());
    }

    void aResetThatDropsTheIncidentClearsTheDetail()
    {
        m_detail->setIncidentId(QStringLiteral("A"));
        m_model->applyActions({ action("A", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 20'000) });
        QCOMPARE(m_detail->timeline()->rowCount(), 1);
        QSignalSpy changed(m_detail.get(), &IncidentDetail::changed);
        m_model->reset(
            { fixtures::event(QStringLiteral("B"), QStringLiteral("waterlogging"), Severity::Minor, reported) });
        QVERIFY(changed.count() >= 1);
        QVERIFY(!m_detail->exists());
        QCOMPARE(m_detail->incidentId(), QStringLiteral("A")); // still selected: it may come back
        QCOMPARE(m_detail->timeline()->rowCount(), 0);

        m_model->reset({ fixtures::event(QStringLiteral("A"), QStringLiteral("fire"), Severity::Major, reported) });
        QVERIFY(m_detail->exists());
        QCOMPARE(m_detail->state(), QStringLiteral("new"));
    }

private:
    std::unique_ptr<IncidentModel> m_model;
    std::unique_ptr<IncidentDetail> m_detail;
    std::unique_ptr<QAbstractItemModelTester> m_timelineTester;
    std::unique_ptr<QAbstractItemModelTester> m_unitsTester;
};

QTEST_GUILESS_MAIN(TestIncidentDetail)
#include "tst_incidentdetail.moc"
