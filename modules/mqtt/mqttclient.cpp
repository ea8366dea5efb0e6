#include "mqttclient.h"

#include "logging.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QThread>

#include <mqtt/async_client.h>

namespace citybrain {

namespace {
std::string toStd(const QString& text)
{
    return text.toStdString();
}

class SubscribeListener : public mqtt::iaction_listener
{
public:
    explicit SubscribeListener(std::function<void(bool)> done)
        : m_done(std::move(done))
    { }
    void on_success(const mqtt::token&) override { m_done(true); }
    void on_failure(const mqtt::token&) override { m_done(false); }

private:
    std::function<void(bool)> m_done;
};
} // namespace

MqttClient::MqttClient(MqttSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    Q_ASSERT(!m_settings.brokerUris.isEmpty());
    mqtt::create_options createOptions(MQTTVERSION_3_1_1, m_settings.maxBufferedMessages);
    createOptions.set_send_while_disconnected(true, true);
    m_client = std::make_unique<mqtt::async_client>(
        toStd(m_settings.brokerUris.first()), toStd(m_settings.clientId), createOptions, nullptr);

    m_subscribed = std::make_unique<SubscribeListener>([this](bool ok) {
        if (ok)
            becomeLive();
        else
            qCWarning(lcMqtt) << "subscribing to" << m_settings.subscriptions << "was refused";
    });
    m_client->set_connected_handler([this](const std::string& cause) { onConnected(cause); });
    m_client->set_connection_lost_handler([this](const std::string& cause) { onConnectionLost(cause); });
    m_client->set_message_callback([this](mqtt::const_message_ptr message) {
        if (!m_handler || !message)
            return;
        // No exception may escape into Paho's C callback.
        try {
            MqttMessage out;
            const std::string& topic = message->get_topic();
            const std::string& payload = message->get_payload_str();
            out.topic = QString::fromUtf8(topic.data(), static_cast<qsizetype>(topic.size()));
            out.payload = QByteArray(payload.data(), static_cast<qsizetype>(payload.size()));
            out.qos = message->get_qos();
            out.retained = message->is_retained();
            out.receivedMs = QDateTime::currentMSecsSinceEpoch();
            m_handler(std::move(out));
        } catch (const std::exception& e) {
            qCWarning(lcMqtt) << "message handler failed:" << e.what();
        }
    });
}

MqttClient::~MqttClient()
{
    if (m_client && m_client->is_connected())
        stop();
}

void MqttClient::setMessageHandler(MessageHandler handler)
{
    m_handler = std::move(handler);
}

void MqttClient::start()
{
    mqtt::connect_options options;
    options.set_mqtt_version(MQTTVERSION_3_1_1);
    options.set_clean_session(!m_settings.persistentSession);
    options.set_keep_alive_interval(10);
    options.set_connect_timeout(5);
    options.set_automatic_reconnect(1, 5);
    auto servers = std::make_shared<mqtt::string_collection>();
    for (const QString& uri : m_settings.brokerUris)
        servers->push_back(toStd(uri));
    options.set_servers(servers);
    if (!m_settings.username.isEmpty()) {
        options.set_user_name(toStd(m_settings.username));
        options.set_password(toStd(m_settings.password));
    }
    if (!m_settings.willTopic.isEmpty()) {
        options.set_will(mqtt::will_options(toStd(m_settings.willTopic), m_settings.willPayload.constData(),
            static_cast<size_t>(m_settings.willPayload.size()), 1, true));
    }
    try {
        m_client->connect(options);
    } catch (const mqtt::exception& e) {
        qCWarning(lcMqtt) << "connect to" << m_settings.brokerUris << "failed:" << e.what();
    }
}

void MqttClient::stop(const QByteArray& finalPayload)
{
    try {
        if (!finalPayload.isEmpty() && !m_settings.willTopic.isEmpty() && m_client->is_connected())
            m_client->publish(toStd(m_settings.willTopic), finalPayload.constData(), finalPayload.size(), 1, true)
                ->wait_for(std::chrono::seconds(2));
        if (m_client->is_connected())
            m_client->disconnect()->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception& e) {
        qCWarning(lcMqtt) << "disconnect failed:" << e.what();
    }
    m_connected = false;
}

bool MqttClient::publish(const QString& topic, const QByteArray& payload, int qos, bool retained)
{
    try {
        const std::string topicUtf8 = toStd(topic);
        m_client->publish(topicUtf8, payload.constData(), static_cast<size_t>(payload.size()), qos, retained);
        return true;
    } catch (const mqtt::exception& e) {
        qCWarning(lcMqtt) << "publish on" << topic << "failed:" << e.what();
        return false;
    }
}

bool MqttClient::waitForConnected(int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_connected.load()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(10);
    }
    return true;
}

bool MqttClient::waitForDelivery(int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_client->get_pending_delivery_tokens().empty()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(5);
    }
    return true;
}

void MqttClient::onConnected(const std::string& cause)
{
    Q_UNUSED(cause);
    if (m_everConnected.exchange(true))
        ++m_reconnects;
    if (m_settings.subscriptions.isEmpty())
        becomeLive();
    else
        subscribeAll();
}

void MqttClient::becomeLive()
{
    m_connected = true;
    const QString server = QString::fromStdString(m_client->get_server_uri());
    qCInfo(lcMqtt) << "connected to" << server << "as" << m_settings.clientId;
    QMetaObject::invokeMethod(
        this, [this, server] { Q_EMIT connectionChanged(true, server); }, Qt::QueuedConnection);
}

void MqttClient::onConnectionLost(const std::string& cause)
{
    m_connected = false;
    qCWarning(lcMqtt) << "connection lost:" << QString::fromStdString(cause) << "- reconnecting";
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT connectionChanged(false, QString()); }, Qt::QueuedConnection);
}

void MqttClient::subscribeAll()
{
    try {
        auto filters = std::make_shared<mqtt::string_collection>();
        std::vector<int> qos;
        for (const QString& filter : m_settings.subscriptions) {
            filters->push_back(toStd(filter));
            qos.push_back(m_settings.subscriptionQos);
        }
        m_client->subscribe(filters, qos, nullptr, *m_subscribed);
    } catch (const mqtt::exception& e) {
        qCWarning(lcMqtt) << "subscribe failed:" << e.what();
    }
}

} // namespace citybrain
