#include "incidentstore.h"
#include "ingestpipeline.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
