// A GIS layer of more than a megabyte, published retained on a real Mosquitto, reaches a console that
// subscribes afterwards: no size limit on the way (broker, Paho, inbound queue) below the GIS feed's own.
#include "embeddedbroker.h"
#include "ingestpipeline.h"
#include "mqttclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

// About `n` * 160 bytes of GeoJSON points.
QByteArray layer(int n)
{
    QByteArray json = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            json += ',';
        json += R"({"type":"Feature","id":"cam-)" + QByteArray::number(i)
            + R"(","geometry":{"type":"Point","coordinates":[)" + QByteArray::number(108.5 + i * 1e-5, 'f', 6)
            + R"(,34.3]},"properties":{"name":"秦都区 人民路口 摄像机","stream":"rtsp://demo.invalid/xy/cam"}})";
    }
    return json + "]}";
}

MqttSettings settingsFor(const QString& uri, const QString& clientId, const QStringList& subscriptions = {})
{
    MqttSettings settings;
    settings.brokerUris = { uri };
    settings.clientId = clientId;
    settings.persistentSession = false;
    settings.subscriptions = subscriptions;
    return settings;
}

} // namespace

class TestGisOverBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRetainedMegabyteLayerReachesALateSubscriber()
    {
        EmbeddedBroker broker;
        QString error;
        if (!broker.start(&error))
            QSKIP(qPrintable(QStringLiteral("no mosquitto: ") + error));

        const QByteArray payload = layer(8000);
        QVERIFY(payload.size() > 1024 * 1024);
        MqttClient publisher(settingsFor(broker.uri(), QStringLiteral("tst-gis-publisher")));
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));
        QVERIFY(publisher.publish(QStringLiteral("xy/v1/gis/cameras"), payload, 1, true));
        QVERIFY(publisher.waitForDelivery(10000));

        IngestPipeline pipeline({ TopicScheme(), {}, {}, 16 });
        std::vector<GisUpdate> updates;
        QObject::connect(&pipeline, &IngestPipeline::batchReady, [&](const std::shared_ptr<const IngestBatch>& batch) {
            updates.insert(updates.end(), batch->gisUpdates.begin(), batch->gisUpdates.end());
        });
        pipeline.start();
        MqttClient console(settingsFor(broker.uri(), QStringLiteral("tst-gis-console"), { TopicScheme().allFeeds() }));
        console.setMessageHandler([&pipeline](MqttMessage&& message) { pipeline.enqueue(std::move(message)); });
        console.start();
        QTRY_COMPARE_WITH_TIMEOUT(updates.size(), std::size_t(1), 15000);
        QCOMPARE(updates.front().layerId, QStringLiteral("cameras"));
        QCOMPARE(int(updates.front().features.size()), 8000);
        QCOMPARE(pipeline.rejectedTotal(RejectReason::Oversize), qint64(0));
        console.stop();
        publisher.stop();
        pipeline.stop();
    }
};

QTEST_GUILESS_MAIN(TestGisOverBroker)
#include "tst_gisoverbroker.moc"
