#pragma once

#include "mqttmessage.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace mqtt {
class async_client;
class iaction_listener;
} // namespace mqtt

namespace citybrain {

struct MqttSettings
{
    QStringList brokerUris; // tried in turn: tcp://host:port, ssl://host:port
    QString clientId;
    bool persistentSession = true; // clean session off: QoS 1 messages wait for us while we are away
    QStringList subscriptions; // topic filters, restored after every reconnect
    int subscriptionQos = 1;
    int maxBufferedMessages = 100000; // Paho's default of 100 fails publishing bursts with error -12
    QString username;
    QString password; // from a config file or the environment only, never argv, never logged
    QString willTopic; // retained last will, e.g. the presence topic
    QByteArray willPayload;
};

// Paho's async client wrapped for CityBrain: automatic reconnect across several broker URIs,
// subscriptions restored on every connect, a retained last will.
//
// The message handler runs on a Paho thread and must only hand the message on (enqueue): Paho sends
// the QoS 1 acknowledgement after it returns, so a slow handler stalls the whole client.
class MqttClient : public QObject
{
    Q_OBJECT
public:
    using MessageHandler = std::function<void(MqttMessage&&)>;

    explicit MqttClient(MqttSettings settings, QObject* parent = nullptr);
    ~MqttClient() override;

    void setMessageHandler(MessageHandler handler);
    // Starts connecting in the background; connectionChanged() reports the outcome.
    void start();
    // Publishes `finalPayload` (if not empty) on the will topic, then disconnects.
    void stop(const QByteArray& finalPayload = {});
    // Thread-safe, non-blocking. False when the client's outgoing buffer is full or it was stopped.
    bool publish(const QString& topic, const QByteArray& payload, int qos, bool retained);
    // Blocks the calling thread; for tools and tests, never for the GUI thread.
    bool waitForConnected(int timeoutMs) const;
    bool waitForDelivery(int timeoutMs) const;

    [[nodiscard]] bool isConnected() const { return m_connected.load(); }
    [[nodiscard]] const MqttSettings& settings() const { return m_settings; }
    [[nodiscard]] qint64 reconnectCount() const { return m_reconnects.load(); }

Q_SIGNALS:
    // Emitted in this object's thread; connected means subscribed too, so nothing published after
    // it is missed.
    void connectionChanged(bool connected, const QString& serverUri);

private:
    void onConnected(const std::string& cause);
    void onConnectionLost(const std::string& cause);
    void subscribeAll();
    void becomeLive();

    MqttSettings m_settings;
    std::unique_ptr<mqtt::async_client> m_client;
    std::unique_ptr<mqtt::iaction_listener> m_subscribed;
    MessageHandler m_handler;
    std::atomic<bool> m_connected { false };
    std::atomic<bool> m_everConnected { false };
    std::atomic<qint64> m_reconnects { 0 };
};

} // namespace citybrain
