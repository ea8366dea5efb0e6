#pragma once

// One console wired as main() wires it (subscriber client -> pipeline -> city state), plus the
// helpers the integration tests share. Real parts only: Mosquitto, Paho, SQLite.
#include "citystate.h"
#include "ingestpipeline.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace citybrain::testing {

inline MqttSettings clientSettings(
    const QStringList& uris, const QString& clientId, const QStringList& subscriptions = {}, int version = 4)
{
    MqttSettings settings;
    settings.brokerUris = uris;
    settings.clientId = clientId;
    settings.subscriptions = subscriptions;
    settings.version = version;
    return settings;
}

inline QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QByteArray incidentPayload(qint64 seq, const QString& title, const QString& source = QStringLiteral("119-fire"))
{
    return json({ { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", seq }, { "source", source },
        { "kind", "fire" }, { "severity", "major" }, { "status", "new" }, { "title", title }, { "district", "610402" },
        { "lon", 108.70 }, { "lat", 34.33 } });
}

struct Console
{
    Console(const QStringList& brokerUris, const QString& dbPath,
        const QString& clientId = QStringLiteral("test-console"), int mqttVersion = 4)
        : pipeline({ TopicScheme(), {}, dbPath, 16 })
        , state(false)
        , client(clientSettings(brokerUris, clientId, { QStringLiteral("xy/v1/#") }, mqttVersion))
    {
        state.attach(&pipeline);
        state.attach(&client);
        client.setMessageHandler([this](MqttMessage&& message) { pipeline.enqueue(std::move(message)); });
        pipeline.start();
        client.start();
    }
    ~Console()
    {
        client.stop();
        pipeline.stop();
    }
    IngestPipeline pipeline;
    CityState state;
    MqttClient client;
};

} // namespace citybrain::testing
