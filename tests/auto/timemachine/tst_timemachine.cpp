// The time machine over a real history file: at every shown time the wall's incident list and KPI
// tiles are what the live wall showed at that time.
#include "citystate.h"
#include "historystore.h"
#include "timemachine.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace citybrain;

namespace {

const qint64 kMinute = 60 * 1000;

IncidentEvent incident(const QString& id, const QString& status, Severity severity, qint64 tsMs)
{
    IncidentEvent event;
    event.id = id;
    event.source = QStringLiteral("110-traffic");
    event.tsMs = tsMs;
    event.kind = QStringLiteral("traffic_accident");
    event.severity = severity;
    event.status = status;
    event.title = QStringLiteral("渭城区人民路两车相撞 ") + id;
    event.district = QStringLiteral("610404");
    event.lon = 108.72;
    event.lat = 34.33;
    return event;
}

IndicatorUpdate aqi(double value, qint64 tsMs)
{
    IndicatorUpdate update;
    update.id = QStringLiteral("air.aqi");
    update.name = QStringLiteral("全市空气质量指数");
    update.value = value;
    update.tsMs = tsMs;
    return update;
}

std::map<QString, QString> statusesShown(IncidentModel& model)
{
    std::map<QString, QString> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown[model.index(row).data(IncidentModel::IdRole).toString()]
            = model.index(row).data(IncidentModel::StatusRole).toString();
    return shown;
}

} // namespace

class TestTimeMachine : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_t0 = 0;
    std::vector<IncidentEvent> m_events;
    std::vector<IndicatorUpdate> m_indicators;

private Q_SLOTS:
    void initTestCase()
    {
        // A recorded hour, two hours ago.
        m_t0 = (QDateTime::currentMSecsSinceEpoch() - 2 * 3600 * 1000) / kMinute * kMinute;
        m_events = { incident("INC-A", "new", Severity::Minor, m_t0 + 1 * kMinute),
            incident("INC-B", "new", Severity::Major, m_t0 + 12 * kMinute),
            incident("INC-A", "update", Severity::Critical, m_t0 + 20 * kMinute),
            incident("INC-C", "new", Severity::Moderate, m_t0 + 31 * kMinute),
            incident("INC-A", "closed", Severity::Critical, m_t0 + 45 * kMinute) };
        for (int minute = 0; minute < 60; ++minute)
            m_indicators.push_back(aqi(50 + minute, m_t0 + minute * kMinute));
        m_db = m_dir.filePath(QStringLiteral("history.sqlite"));
        HistoryStore store(m_db);
        QString error;
        QVERIFY2(store.start(&error), qPrintable(error));
        QVERIFY(store.appendIncidents(m_events));
        store.appendIndicators(m_indicators);
        QVERIFY(store.flush());
        store.stop();
    }

    void playbackShowsWhatTheLiveWallShowedAtTheSameTimes()
    {
        CityState state(false);
        TimeMachine machine(m_db, &state, nullptr);
        QSignalSpy shown(&machine, &TimeMachine::shown);
        for (const int minute : { 5, 15, 25, 40, 50 }) {
            const qint64 at = m_t0 + minute * kMinute + 30 * 1000;
            // What live showed at `at`: every event up to then, applied as they came.
            IncidentModel live(nullptr);
            std::vector<IncidentEvent> upTo;
            for (const IncidentEvent& event : m_events) {
                if (event.tsMs <= at)
                    upTo.push_back(event);
            }
            live.apply(upTo);

            if (minute == 5)
                machine.playFrom(static_cast<double>(at));
            else
                machine.step(static_cast<double>((at - static_cast<qint64>(machine.shownMs())) / 1000));
            QVERIFY(shown.wait(5000));
            QCOMPARE(shown.last().first().toLongLong(), at);
            QVERIFY(!machine.live());
            QCOMPARE(statusesShown(state.incidents()), statusesShown(live));
            // The KPI tile shows the value of that minute.
            QCOMPARE(state.indicators().index(0).data(IndicatorModel::ValueRole).toDouble(), 50.0 + minute);
        }
    }

    void playbackAtX60OverTheRecordedHourMatchesLive()
    {
        CityState state(false);
        TimeMachine machine(m_db, &state, nullptr);
        int compared = 0;
        QStringList mismatches;
        connect(&machine, &TimeMachine::shown, this, [&](qint64 at) {
            IncidentModel live(nullptr);
            std::vector<IncidentEvent> upTo;
            for (const IncidentEvent& event : m_events) {
                if (event.tsMs <= at)
                    upTo.push_back(event);
            }
            live.apply(upTo);
            ++compared;
            if (statusesShown(state.incidents()) != statusesShown(live))
                mismatches << QDateTime::fromMSecsSinceEpoch(at).toString(Qt::ISODate);
        });
        machine.setSpeed(TimeMachine::maxSpeed);
        machine.playFrom(static_cast<double>(m_t0));
        // A recorded hour at x60 takes a minute.
        QTRY_VERIFY_WITH_TIMEOUT(machine.shownMs() >= static_cast<double>(m_t0 + 60 * kMinute), 120000);
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u' ')));
        QVERIFY2(compared >= 100, qPrintable(QStringLiteral("only %1 moments shown").arg(compared)));
    }

    void liveDataArrivingDuringPlaybackIsShownOnReturn()
    {
        CityState state(false);
        TimeMachine machine(m_db, &state, nullptr);
        QSignalSpy shown(&machine, &TimeMachine::shown);
        QSignalSpy mode(&machine, &TimeMachine::modeChanged);
        machine.playFrom(static_cast<double>(m_t0 + 5 * kMinute));
        QVERIFY(shown.wait(5000));

        IngestBatch liveBatch; // arrives while the wall shows the past; not written to this store
        liveBatch.incidents.push_back(
            incident("INC-NOW", "new", Severity::Critical, QDateTime::currentMSecsSinceEpoch()));
        state.apply(liveBatch);
        QCOMPARE(state.incidents().rowOf(QStringLiteral("INC-NOW")), -1); // the past is on screen

        machine.backToLive();
        QTRY_VERIFY_WITH_TIMEOUT(machine.live(), 5000);
        QVERIFY(state.incidents().rowOf(QStringLiteral("INC-NOW")) >= 0);
        // The present from the store: INC-A closed, B and C open.
        const std::map<QString, QString> now = statusesShown(state.incidents());
        QCOMPARE(now.at(QStringLiteral("INC-A")), QStringLiteral("closed"));
        QCOMPARE(now.at(QStringLiteral("INC-C")), QStringLiteral("new"));
    }

    void speedIsClampedAndPauseStopsTheClock()
    {
        CityState state(false);
        TimeMachine machine(m_db, &state, nullptr);
        machine.setSpeed(600);
        QCOMPARE(machine.speed(), TimeMachine::maxSpeed);
        machine.setSpeed(0);
        QCOMPARE(machine.speed(), 1);
        machine.setSpeed(60);
        machine.playFrom(static_cast<double>(m_t0));
        QTRY_VERIFY_WITH_TIMEOUT(machine.shownMs() >= m_t0 + 30 * 1000, 5000); // x60: 15 s per 250 ms tick
        machine.pause();
        const double paused = machine.shownMs();
        QSignalSpy ticks(&machine, &TimeMachine::shownChanged);
        QVERIFY(!ticks.wait(600)); // no tick moves a paused clock
        QCOMPARE(machine.shownMs(), paused);
    }
};

QTEST_GUILESS_MAIN(TestTimeMachine)
#include "tst_timemachine.moc"
