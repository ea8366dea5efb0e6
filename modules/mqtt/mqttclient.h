#pragma once

#include "mqttmessage.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace mqtt {
class async_client;
class connect_options;
class iaction_listener;
class token;
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
    int version = 4; // 4 = MQTT 3.1.1, 5 = MQTT 5
    int sessionExpirySeconds = 7 * 24 * 3600; // MQTT 5 only; 3.1.1 sessions last until cleaned
    QString caFile; // ssl:// only; the system's trust store if empty
    QString certFile; // client certificate, optional
    QString keyFile;
    bool verifyHostname = true;
};

// Paho's async client wrapped for CityBrain: reconnects with capped exponential backoff and jitter
// across several broker URIs (a cluster), restores subscriptions on every connect, keeps a persistent
// session (MQTT 3.1.1 or 5), sets a retained last will, speaks TLS for ssl:// URIs.
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

    // The wait before reconnect attempt `attempt` (0-based): 100 ms doubling to a 0.5 s cap, each
    // drawn uniformly from its upper half so that many consoles do not retry in step. The cap keeps
    // a console back within 2 s of its broker returning: Paho notices that a connect went through only
    // at its receive thread's next poll, up to 1 s later (tests/faults measured 1.1-2.1 s with a 1 s cap).
    [[nodiscard]] static int reconnectDelayMs(int attempt, double unitRandom);
    static constexpr int reconnectCapMs = 500;

Q_SIGNALS:
    // Emitted in this object's thread; connected means subscribed too, so nothing published after
    // it is missed.
    void connectionChanged(bool connected, const QString& serverUri);

private:
    void connectOnce();
    void scheduleReconnect();
    void tryNextServer();
    void logRefusal(const mqtt::token& token);
    void onConnected(const std::string& cause);
    void onConnectionLost(const std::string& cause);
    void subscribeAll();
    void becomeLive();

    MqttSettings m_settings;
    std::unique_ptr<mqtt::async_client> m_client;
    std::unique_ptr<mqtt::iaction_listener> m_subscribed;
    std::unique_ptr<mqtt::iaction_listener> m_connectDone;
    std::mutex m_serverMutex;
    QString m_server; // the broker of the current connection
    std::unique_ptr<mqtt::connect_options> m_options;
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_attempt { 0 };
    std::atomic<int> m_serverIndex { 0 };
    MessageHandler m_handler;
    std::atomic<bool> m_connected { false };
    std::atomic<bool> m_everConnected { false };
    std::atomic<qint64> m_reconnects { 0 };
    std::atomic<qint64> m_failedAttempts { 0 }; // since the last successful connect
    std::atomic<bool> m_connectInFlight { false }; // a connect was started and has not ended yet
    std::atomic<bool> m_reconnectPending { false }; // a reconnect is scheduled
    std::atomic<qint64> m_lastRefusalLogMs { 0 };
};

} // namespace citybrain
