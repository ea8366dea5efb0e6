#include "historyreader.h"
#include "incidentactionjson.h"
#include "incidentstore.h"
#include "ingestpipeline.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <thread>

using namespace citybrain;

namespace {

MqttMessage message(const QString& topic, const QByteArray& payload, int qos)
{
    MqttMessage m;
    m.topic = topic;
    m.payload = payload;
    m.qos = qos;
    m.receivedMs = QDateTime::currentMSecsSinceEpoch();
    return m;
}

QByteArray incident(const QString& status, qint64 tsMs)
{
    return QJsonDocument(QJsonObject { { "ts", tsMs }, { "seq", 1 }, { "source", "119-fire" }, { "kind", "fire" },
                             { "severity", "major" }, { "status", status }, { "title", "秦都区商铺起火" },
                             { "district", "610402" }, { "lon", 108.70 }, { "lat", 34.33 } })
        .toJson(QJsonDocument::Compact);
}

QByteArray telemetry(double flow, qint64 tsMs)
{
    return QJsonDocument(QJsonObject { { "ts", tsMs }, { "seq", 1 }, { "lon", 108.70 }, { "lat", 34.33 },
                             { "values", QJsonObject { { "flow", flow } } } })
        .toJson(QJsonDocument::Compact);
}

// A console action on INC-7, as its console publishes it.
QByteArray action(const QString& actionId, const QString& kind, qint64 tsMs, qint64 baseVersion,
    const QString& role = QStringLiteral("dispatcher"))
{
    QJsonObject object { { "ts", tsMs }, { "seq", 1 }, { "action_id", actionId }, { "actor", "zhang.wei" },
        { "role", role }, { "console", "console-1" }, { "action", kind }, { "base_version", baseVersion },
        { "note", kind == QLatin1String("note") ? "火势已控制" : "" } };
    if (kind == QLatin1String("dispatch")) {
        object.insert("unit_type", "fire");
        object.insert("unit_id", "QD-F3");
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A GeoJSON FeatureCollection of `n` points with a name each (about 150 bytes a point).
QByteArray gisCollection(int n)
{
    QByteArray json = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            json += ',';
        json += R"({"type":"Feature","id":"p)" + QByteArray::number(i)
            + R"(","geometry":{"type":"Point","coordinates":[)" + QByteArray::number(108.5 + i * 1e-5, 'f', 6)
            + R"(,34.3]},"properties":{"name":"咸阳市 秦都区 人民路口 摄像机"}})";
    }
    return json + "]}";
}

std::vector<GisUpdate> gisUpdates(const std::vector<std::shared_ptr<const IngestBatch>>& batches)
{
    std::vector<GisUpdate> all;
    for (const auto& b : batches)
        all.insert(all.end(), b->gisUpdates.begin(), b->gisUpdates.end());
    return all;
}

const QString kIncidentTopic = QStringLiteral("xy/v1/incident/INC-7/event");
const QString kActionTopic = QStringLiteral("xy/v1/incident/INC-7/action");

// As Paho does: from another thread; the acknowledgement would follow the return.
void deliver(IngestPipeline& pipeline, const QString& topic, const QByteArray& payload)
{
    std::thread paho([&] { pipeline.enqueue(message(topic, payload, 1)); });
    paho.join();
}

// The journalled actions of INC-7, in journal order (read as an auditor would, from another connection).
std::vector<JournalEntry> journalledActions(const QString& db)
{
    HistoryReader reader(db);
    QString error;
    if (!reader.open(&error))
        return {};
    return reader.incidentActions({ QStringLiteral("INC-7") });
}

// Everything the pipeline posted, merged, once `done` holds.
struct Collector
{
    explicit Collector(IngestPipeline& pipeline)
    {
        QObject::connect(&pipeline, &IngestPipeline::batchReady,
            [this](const std::shared_ptr<const IngestBatch>& b) { batches.push_back(b); });
    }
    std::vector<IncidentEvent> incidents() const
    {
        std::vector<IncidentEvent> all;
        for (const auto& b : batches)
            all.insert(all.end(), b->incidents.begin(), b->incidents.end());
        return all;
    }
    // Action ids, live (not restored) or restored.
    QStringList actionIds(bool restored = false) const
    {
        QStringList ids;
        for (const auto& b : batches) {
            if (b->restored != restored)
                continue;
            for (const IncidentAction& a : b->actions)
                ids << a.actionId;
        }
        return ids;
    }
    std::vector<std::shared_ptr<const IngestBatch>> batches;
};

} // namespace

class TestIngestPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anIncidentIsOnDiskWhenEnqueueReturns()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        IngestPipeline pipeline({ TopicScheme(), {}, db, 16 });
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // As Paho does: from another thread, and the acknowledgement follows the return.
        std::thread paho(
            [&] { pipeline.enqueue(message(QStringLiteral("xy/v1/incident/INC-1/event"), incident("new", now), 1)); });
        paho.join();
        IncidentStore reader(db);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const std::vector<IncidentEvent> stored = reader.loadRecent(10, &error);
        QCOMPARE(stored.size(), std::size_t(1));
        QCOMPARE(stored[0].id, QStringLiteral("INC-1"));
        pipeline.stop();
    }

    void telemetryIsCoalescedPerSensorWithinABatch()
    {
        IngestPipeline pipeline({ TopicScheme(), {}, {}, 200 });
        Collector collector(pipeline);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        pipeline.start();
        for (int i = 0; i < 100; ++i)
            pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-1"), telemetry(i, now), 0));
        pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-2"), telemetry(7, now), 0));
        QTRY_VERIFY(!collector.batches.empty());
        QTRY_COMPARE(std::accumulate(collector.batches.begin(), collector.batches.end(), qint64(0),
                         [](qint64 n, const auto& b) { return n + b->received; }),
            qint64(101));
        // The newest reading of each sensor reaches the wall; the 99 it superseded do not.
        std::map<QString, double> latest;
        std::size_t samples = 0;
        for (const auto& b : collector.batches) {
            samples += b->telemetry.size();
            for (const TelemetrySample& s : b->telemetry)
                latest[s.sensorId] = s.values.front().second;
        }
        QCOMPARE(latest[QStringLiteral("trf-1")], 99.0);
        QCOMPARE(latest[QStringLiteral("trf-2")], 7.0);
        QVERIFY(samples < 101);
        pipeline.stop();
    }

    // The wall shows the first reading after a quiet spell at once, not when a (here one-minute) frame ends;
    // the next one waits for its frame: at most one batch per frame.
    void aReadingAfterAQuietSpellIsPostedAtOnceAndTheNextWaitsForItsFrame()
    {
        IngestPipeline::Settings settings { TopicScheme(), {}, {}, 60000 };
        settings.coalesceMs = 1;
        IngestPipeline pipeline(settings);
        Collector collector(pipeline);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        pipeline.start();
        pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-1"), telemetry(1, now), 0));
        QTRY_COMPARE(collector.batches.size(), std::size_t(1));
        QCOMPARE(collector.batches[0]->telemetry.size(), std::size_t(1));
        pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-2"), telemetry(2, now), 0));
        QTRY_COMPARE(pipeline.decodedTotal(IngestPipeline::Decoded::Telemetry), qint64(2));
        QCoreApplication::processEvents();
        QCOMPARE(collector.batches.size(), std::size_t(1)); // decoded, waiting for the next frame
        pipeline.stop();
    }

    void theHistoryKeepsEveryReadingAndTheWallTheNewest()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            IngestPipeline pipeline({ TopicScheme(), {}, db, 200 });
            Collector collector(pipeline);
            pipeline.start();
            // From one Paho thread, as they come: several rounds of the worker, three sensors.
            std::thread paho([&] {
                for (int i = 0; i < 300; ++i)
                    pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-%1").arg(i % 3),
                        telemetry(i, now - 300 + i), 0));
            });
            paho.join();
            QTRY_COMPARE(pipeline.decodedTotal(IngestPipeline::Decoded::Telemetry), qint64(300));
            QTRY_VERIFY(std::any_of(collector.batches.begin(), collector.batches.end(), [](const auto& b) {
                return !b->telemetry.empty() && b->telemetry.back().values.front().second == 299;
            }));
            std::map<QString, double> latest;
            for (const auto& b : collector.batches) {
                for (const TelemetrySample& s : b->telemetry) {
                    QCOMPARE(s.domain, QStringLiteral("traffic"));
                    latest[s.sensorId] = s.values.front().second;
                }
            }
            QCOMPARE(latest, (std::map<QString, double> { { "trf-0", 297 }, { "trf-1", 298 }, { "trf-2", 299 } }));
            pipeline.stop(); // writes the queued readings
        }
        HistoryReader reader(db);
        QString error;
        QVERIFY2(reader.open(&error), qPrintable(error));
        const auto points = reader.range({ QStringLiteral("trf-1"), QStringLiteral("flow") }, now - 1000, now, 1000);
        std::set<double> times; // one column per millisecond: every reading of trf-1 is a point of its own
        for (const QPointF& point : points)
            times.insert(point.x());
        QCOMPARE(times.size(), std::size_t(100));
        QVERIFY(!points.empty());
        QCOMPARE(points.back().y(), 298.0);
    }

    void aCapCancelThatNamesOnlyTheUpdateClosesTheOriginalIncident()
    {
        FeedDecoder::Limits limits; // the samples are from 2024
        limits.maxPastMs = 100LL * 365 * 24 * 3600 * 1000;
        IngestPipeline pipeline({ TopicScheme(), limits, {}, 16 });
        Collector collector(pipeline);
        pipeline.start();
        for (const char* name : { "tw-cwa-heavy-rain-update-zh-TW.xml", "tw-cwa-heavy-rain-cancel-zh-TW.xml" }) {
            QFile file(QFINDTESTDATA(QStringLiteral("../../data/cap/") + QLatin1String(name)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            pipeline.enqueue(message(QStringLiteral("xy/v1/cap/weather@cwa.gov.tw"), file.readAll(), 1));
        }
        QTRY_COMPARE(collector.incidents().size(), std::size_t(2));
        const std::vector<IncidentEvent> events = collector.incidents();
        QCOMPARE(events[0].status, QStringLiteral("update"));
        QCOMPARE(events[1].status, QStringLiteral("closed"));
        QCOMPARE(events[1].id, events[0].id);
        pipeline.stop();
    }

    void anActionIsJournalledWithItsStatesBeforeItIsAcknowledged()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        IngestPipeline pipeline({ TopicScheme(), {}, db, 16 });
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        deliver(pipeline, kIncidentTopic, incident("new", now));
        deliver(pipeline, kActionTopic, action("c1-1", "acknowledge", now + 1, 0));
        // Durable when enqueue() returns, as incident events are.
        std::vector<JournalEntry> entries = journalledActions(db);
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries[0].incidentId, QStringLiteral("INC-7"));
        QCOMPARE(entries[0].kind, QStringLiteral("action:acknowledge"));
        QCOMPARE(entries[0].actionId, QStringLiteral("c1-1"));
        QCOMPARE(entries[0].actor, QStringLiteral("zhang.wei"));
        QCOMPARE(entries[0].role, QStringLiteral("dispatcher"));
        QCOMPARE(entries[0].console, QStringLiteral("console-1"));
        QCOMPARE(entries[0].tsMs, now + 1);
        QCOMPARE(entries[0].before, QStringLiteral("new"));
        QCOMPARE(entries[0].after, QStringLiteral("acknowledged"));
        QString error;
        const auto payload = incidentActionFromJson(entries[0].payload.toUtf8(), QStringLiteral("INC-7"), &error);
        QVERIFY2(payload, qPrintable(error));
        QCOMPARE(payload->kind, ActionKind::Acknowledge);

        deliver(pipeline, kActionTopic, action("c1-2", "dispatch", now + 2, 1));
        entries = journalledActions(db);
        QCOMPARE(entries.size(), std::size_t(2));
        QCOMPARE(entries[1].kind, QStringLiteral("action:dispatch"));
        QCOMPARE(entries[1].before, QStringLiteral("acknowledged"));
        QCOMPARE(entries[1].after, QStringLiteral("dispatched"));
        pipeline.stop();
    }

    void aJournalledActionArrivesInABatch()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        IngestPipeline pipeline({ TopicScheme(), {}, db, 16 });
        // What the journal held when each batch arrived.
        QStringList journalledWhenPosted;
        QStringList posted;
        QObject::connect(&pipeline, &IngestPipeline::batchReady, [&](const std::shared_ptr<const IngestBatch>& b) {
            if (b->actions.empty())
                return;
            for (const IncidentAction& a : b->actions)
                posted << a.actionId;
            for (const JournalEntry& e : journalledActions(db))
                journalledWhenPosted << e.actionId;
        });
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        deliver(pipeline, kIncidentTopic, incident("new", now));
        deliver(pipeline, kActionTopic, action("c1-1", "acknowledge", now + 1, 0));
        QTRY_COMPARE(posted, QStringList { "c1-1" });
        QCOMPARE(journalledWhenPosted, QStringList { "c1-1" });
        QCOMPARE(pipeline.decodedTotal(IngestPipeline::Decoded::Action), qint64(1));
        pipeline.stop();
    }

    void aRedeliveredActionIsJournalledAndPassedOnOnce()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        IngestPipeline pipeline({ TopicScheme(), {}, db, 16 });
        Collector collector(pipeline);
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        deliver(pipeline, kIncidentTopic, incident("new", now));
        const QByteArray ack = action("c1-1", "acknowledge", now + 1, 0);
        deliver(pipeline, kActionTopic, ack);
        deliver(pipeline, kActionTopic, ack); // QoS 1: the broker delivers it again
        deliver(pipeline, kActionTopic, action("c1-2", "note", now + 2, 1));
        QTRY_COMPARE(collector.actionIds(), (QStringList { "c1-1", "c1-2" }));
        QCOMPARE(journalledActions(db).size(), std::size_t(2));
        QCOMPARE(pipeline.decodedTotal(IngestPipeline::Decoded::Action), qint64(3));
        pipeline.stop();
    }

    void aForbiddenActionIsRejectedAndNotJournalled()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        IngestPipeline pipeline({ TopicScheme(), {}, db, 16 });
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        deliver(pipeline, kIncidentTopic, incident("new", now));
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("rejected forbidden .*zhang\\.wei.*console-1")));
        deliver(pipeline, kActionTopic, action("c1-1", "cancel", now + 1, 0));
        QTRY_COMPARE(pipeline.rejectedTotal(RejectReason::Forbidden), qint64(1));
        QVERIFY(journalledActions(db).empty());
        pipeline.stop();
    }

    void aRestartedPipelineRestoresTheActions()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QByteArray ack = action("c1-1", "acknowledge", now + 1, 0);
        {
            IngestPipeline first({ TopicScheme(), {}, db, 16 });
            first.start();
            deliver(first, kIncidentTopic, incident("new", now));
            deliver(first, kActionTopic, ack);
            deliver(first, kActionTopic, action("c1-2", "dispatch", now + 2, 1));
            first.stop();
        }
        IngestPipeline restarted({ TopicScheme(), {}, db, 16 });
        Collector collector(restarted);
        restarted.start();
        QTRY_VERIFY(!collector.batches.empty());
        const IngestBatch& restored = *collector.batches.front();
        QVERIFY(restored.restored);
        QCOMPARE(restored.incidents.size(), std::size_t(1));
        QCOMPARE(restored.actions.size(), std::size_t(2));
        QCOMPARE(restored.actions[0].actionId, QStringLiteral("c1-1")); // journal order
        QCOMPARE(restored.actions[0].kind, ActionKind::Acknowledge);
        QCOMPARE(restored.actions[0].incidentId, QStringLiteral("INC-7"));
        QCOMPARE(restored.actions[1].actionId, QStringLiteral("c1-2"));
        QCOMPARE(restored.actions[1].unitId, QStringLiteral("QD-F3"));
        QCOMPARE(restored.actions[1].tsMs, now + 2);

        // The broker redelivers what the first one had not acknowledged: not journalled, not passed on.
        deliver(restarted, kActionTopic, ack);
        // The lifecycle went on from where it was: dispatched, not new.
        deliver(restarted, kActionTopic, action("c1-3", "on_scene", now + 3, 2));
        QTRY_COMPARE(collector.actionIds(), QStringList { "c1-3" });
        const std::vector<JournalEntry> entries = journalledActions(db);
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(entries[2].actionId, QStringLiteral("c1-3"));
        QCOMPARE(entries[2].before, QStringLiteral("dispatched"));
        QCOMPARE(entries[2].after, QStringLiteral("on_scene"));
        restarted.stop();
    }

    // Only the recent incidents are restored; an action on another one still finds the incident's
    // journalled actions: a redelivery is recognised and the states go on from the journal's.
    void anIncidentNotRestoredGetsItsActionsFromTheJournal()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QByteArray ack = action("c1-1", "acknowledge", now + 1, 0);
        {
            // Actions may come before their incident's event; here the event never came.
            IngestPipeline first({ TopicScheme(), {}, db, 16 });
            first.start();
            deliver(first, kActionTopic, ack);
            deliver(first, kActionTopic, action("c1-2", "dispatch", now + 2, 1));
            first.stop();
        }
        IngestPipeline restarted({ TopicScheme(), {}, db, 16 });
        Collector collector(restarted);
        restarted.start();
        QTRY_VERIFY(!collector.batches.empty());
        QVERIFY(collector.batches.front()->actions.empty()); // INC-7 is not among the restored incidents
        deliver(restarted, kActionTopic, ack);
        deliver(restarted, kActionTopic, action("c1-3", "on_scene", now + 3, 2));
        QTRY_COMPARE(collector.actionIds(), QStringList { "c1-3" });
        const std::vector<JournalEntry> entries = journalledActions(db);
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(entries[2].before, QStringLiteral("dispatched"));
        QCOMPARE(entries[2].after, QStringLiteral("on_scene"));
        restarted.stop();
    }

    void telemetryPastARuleRaisesAnAlarmAndAJournalledIncident()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("citybrain.sqlite"));
        RuleSet rules;
        QStringList errors;
        QVERIFY2(loadRuleSet(R"({"version": 1, "rules": [{"id": "traffic.flow.high", "title": "流量过高",
            "domain": "traffic", "metric": "flow", "type": "threshold", "above": 1000, "clear": 900,
            "severity": "major", "incident_kind": "traffic_jam"}]})",
                     &rules, &errors),
            qPrintable(errors.join(u'\n')));
        IngestPipeline::Settings settings { TopicScheme(), {}, db, 16 };
        settings.rules = std::make_shared<RuleSet>(rules);
        settings.anomalies = false;
        IngestPipeline pipeline(std::move(settings));
        Collector collector(pipeline);
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString topic = QStringLiteral("xy/v1/telemetry/traffic/610402/trf-1");
        pipeline.enqueue(message(topic, telemetry(500, now - 3000), 0));
        pipeline.enqueue(message(topic, telemetry(1500, now - 2000), 0)); // over the line: raised
        pipeline.enqueue(message(topic, telemetry(1600, now - 1000), 0)); // still over: no second alarm
        const auto alarms = [&] {
            std::vector<SensorAlarm> all;
            for (const auto& b : collector.batches)
                all.insert(all.end(), b->alarms.begin(), b->alarms.end());
            return all;
        };
        QTRY_COMPARE(alarms().size(), std::size_t(1));
        const SensorAlarm raised = alarms().front();
        QCOMPARE(raised.state, SensorAlarm::State::Raised);
        QCOMPARE(raised.ruleId, QStringLiteral("traffic.flow.high"));
        QCOMPARE(raised.value, 1500.0);
        QVERIFY2(raised.explanation.contains(QStringLiteral("秦都区"))
                && raised.explanation.contains(QStringLiteral("1500")),
            qPrintable(raised.explanation));
        QVERIFY(raised.incidentId.startsWith(QStringLiteral("RUL-")));
        // The incident it is grouped under reaches the wall and the journal like any source's.
        QTRY_VERIFY(!collector.incidents().empty());
        QCOMPARE(collector.incidents().front().id, raised.incidentId);
        QCOMPARE(collector.incidents().front().source, QStringLiteral("citybrain-rules"));
        pipeline.enqueue(message(topic, telemetry(800, now), 0)); // back under the clear level
        QTRY_COMPARE(alarms().size(), std::size_t(2));
        QCOMPARE(alarms().back().state, SensorAlarm::State::Cleared);
        QTRY_VERIFY(collector.incidents().back().status == QLatin1String("closed"));
        pipeline.stop();
        HistoryReader reader(db);
        QVERIFY(reader.open(&errors.emplaceBack()));
        const std::vector<IncidentEvent> stored = reader.incidentStatesAt(now + 1000);
        QCOMPARE(stored.size(), std::size_t(1));
        QCOMPARE(stored.front().id, raised.incidentId);
        QCOMPARE(pipeline.alarmsRaisedTotal(), 1);
        QCOMPARE(pipeline.alarmsClearedTotal(), 1);
    }

    void gisUpdatesReachTheBatchInArrivalOrder()
    {
        IngestPipeline pipeline({ TopicScheme(), {}, {}, 16 });
        Collector collector(pipeline);
        pipeline.start();
        const QString topic = QStringLiteral("xy/v1/gis/flood-zones");
        pipeline.enqueue(message(topic, gisCollection(2), 1));
        pipeline.enqueue(message(topic, R"({"type":"Feature","id":"p0","geometry":null})", 1));
        pipeline.enqueue(message(topic, QByteArray(), 1));
        QTRY_COMPARE(gisUpdates(collector.batches).size(), std::size_t(3));
        const std::vector<GisUpdate> updates = gisUpdates(collector.batches);
        QCOMPARE(updates[0].kind, GisUpdate::Kind::Replace);
        QCOMPARE(int(updates[0].features.size()), 2);
        QCOMPARE(updates[1].kind, GisUpdate::Kind::Upsert);
        QCOMPARE(updates[1].deletedIds, QStringList { QStringLiteral("p0") });
        QCOMPARE(updates[2].kind, GisUpdate::Kind::Clear);
        QVERIFY(updates[0].receivedMs > 0);
        QCOMPARE(pipeline.decodedTotal(IngestPipeline::Decoded::Gis), qint64(3));
        pipeline.stop();
    }

    void skippedGisFeaturesAreCountedByReason()
    {
        IngestPipeline pipeline({ TopicScheme(), {}, {}, 16 });
        Collector collector(pipeline);
        pipeline.start();
        const QByteArray payload = R"({"type":"FeatureCollection","features":[)"
                                   R"({"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[200,34]}},)"
                                   R"({"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[108,99]}},)"
                                   R"({"type":"Feature","id":"c"}]})";
        pipeline.enqueue(message(QStringLiteral("xy/v1/gis/l"), payload, 1));
        QTRY_COMPARE(gisUpdates(collector.batches).size(), std::size_t(1));
        QCOMPARE(gisUpdates(collector.batches).front().rejectedFeatures, 3);
        QCOMPARE(pipeline.gisFeaturesRejectedTotal(FeatureRejection::OutOfRange), qint64(2));
        QCOMPARE(pipeline.gisFeaturesRejectedTotal(FeatureRejection::MissingGeometry), qint64(1));
        QCOMPARE(pipeline.gisFeaturesRejectedTotal(FeatureRejection::UnclosedRing), qint64(0));
        pipeline.stop();
    }

    void aMegabyteGisLayerGoesThroughWithDefaultLimits()
    {
        IngestPipeline pipeline({ TopicScheme(), {}, {}, 16 });
        Collector collector(pipeline);
        pipeline.start();
        const QByteArray payload = gisCollection(8000);
        QVERIFY(payload.size() > 1024 * 1024);
        pipeline.enqueue(message(QStringLiteral("xy/v1/gis/cameras"), payload, 1));
        QTRY_COMPARE(gisUpdates(collector.batches).size(), std::size_t(1));
        QCOMPARE(int(gisUpdates(collector.batches).front().features.size()), 8000);
        QCOMPARE(pipeline.rejectedTotal(RejectReason::Oversize), qint64(0));
        pipeline.stop();
    }

    void rejectionsAreCountedAndTheStreamGoesOn()
    {
        IngestPipeline pipeline({ TopicScheme(), {}, {}, 16 });
        Collector collector(pipeline);
        pipeline.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-1"), "{", 0));
        pipeline.enqueue(message(QStringLiteral("xy/v1/nowhere"), "{}", 0));
        pipeline.enqueue(message(QStringLiteral("xy/v1/telemetry/traffic/610402/trf-1"), telemetry(5, now), 0));
        QTRY_VERIFY(!collector.batches.empty() && collector.batches.back()->telemetry.size() == 1);
        qint64 malformed = 0, unknown = 0;
        for (const auto& b : collector.batches) {
            malformed += b->rejected[static_cast<std::size_t>(RejectReason::MalformedJson)];
            unknown += b->rejected[static_cast<std::size_t>(RejectReason::UnknownTopic)];
        }
        QCOMPARE(malformed, qint64(1));
        QCOMPARE(unknown, qint64(1));
        pipeline.stop();
    }
};

QTEST_GUILESS_MAIN(TestIngestPipeline)
#include "tst_ingestpipeline.moc"
