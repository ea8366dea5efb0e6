#include "mqttclient.h"

#include "logging.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>

#include <mqtt/async_client.h>

namespace citybrain {

namespace {
std::string toStd(const QString& text)
{
    return text.toStdString();
}

class ActionListener : public mqtt::iaction_listener
{
public:
    explicit ActionListener(std::function<void(bool, const mqtt::token&)> done)
        : m_done(std::move(done))
    { }
    void on_success(const mqtt::token& token) override { m_done(true, token); }
    void on_failure(const mqtt::token& token) override { m_done(false, token); }

private:
    std::function<void(bool, const mqtt::token&)> m_done;
};
} // namespace

MqttClient::MqttClient(MqttSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    Q_ASSERT(!m_settings.brokerUris.isEmpty());
    mqtt::create_options createOptions(MQTTVERSION_3_1_1, m_settings.maxBufferedMessages);
    if (m_settings.version == 5)
        createOptions = mqtt::create_options(MQTTVERSION_5, m_settings.maxBufferedMessages);
    createOptions.set_send_while_disconnected(true, true);
    m_client = std::make_unique<mqtt::async_client>(
        toStd(m_settings.brokerUris.first()), toStd(m_settings.clientId), createOptions, nullptr);

    m_subscribed = std::make_unique<ActionListener>([this](bool ok, const mqtt::token&) {
        if (ok)
            becomeLive();
        else
            qCWarning(lcMqtt) << "subscribing to" << m_settings.subscriptions << "was refused";
    });
    m_connectDone = std::make_unique<ActionListener>([this](bool ok, const mqtt::token& token) {
        if (!ok) {
            m_connectInFlight = false;
            logRefusal(token);
            tryNextServer();
        }
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

int MqttClient::reconnectDelayMs(int attempt, double unitRandom)
{
    const int ceiling = std::min(reconnectCapMs, 100 << std::min(attempt, 5));
    return static_cast<int>(ceiling * (0.5 + 0.5 * std::clamp(unitRandom, 0.0, 1.0)));
}

void MqttClient::start()
{
    m_options = std::make_unique<mqtt::connect_options>();
    mqtt::connect_options& options = *m_options;
    options.set_keep_alive_interval(10);
    options.set_connect_timeout(3);
    // Our own reconnect loop: Paho's has no jitter.
    options.set_automatic_reconnect(false);
    if (!m_settings.username.isEmpty()) {
        options.set_user_name(toStd(m_settings.username));
        options.set_password(toStd(m_settings.password));
    }
    if (!m_settings.willTopic.isEmpty()) {
        options.set_will(mqtt::will_options(toStd(m_settings.willTopic), m_settings.willPayload.constData(),
            static_cast<size_t>(m_settings.willPayload.size()), 1, true));
    }
    const bool tls = std::any_of(m_settings.brokerUris.begin(), m_settings.brokerUris.end(), [](const QString& uri) {
        return uri.startsWith(QLatin1String("ssl://")) || uri.startsWith(QLatin1String("mqtts://"));
    });
    if (tls) {
        mqtt::ssl_options ssl;
        if (!m_settings.caFile.isEmpty())
            ssl.set_trust_store(toStd(m_settings.caFile));
        if (!m_settings.certFile.isEmpty()) {
            ssl.set_key_store(toStd(m_settings.certFile));
            ssl.set_private_key(toStd(m_settings.keyFile));
        }
        ssl.set_enable_server_cert_auth(true);
        ssl.set_verify(m_settings.verifyHostname);
        options.set_ssl(ssl);
    }
    if (m_settings.version == 5) {
        options.set_mqtt_version(MQTTVERSION_5);
        options.set_clean_start(!m_settings.persistentSession);
        // Set last, on the final object: properties are lost when connect options are copied
        // (Paho C++ 1.2.0, upstream bug #362), and without them the broker keeps no session.
        options.set_properties(mqtt::properties { { mqtt::property::SESSION_EXPIRY_INTERVAL,
            m_settings.persistentSession ? m_settings.sessionExpirySeconds : 0 } });
    } else {
        options.set_mqtt_version(MQTTVERSION_3_1_1);
        options.set_clean_session(!m_settings.persistentSession);
    }
    m_stopping = false;
    connectOnce();
}

void MqttClient::connectOnce()
{
    if (m_stopping)
        return;
    // One server per attempt, so that we know which member of the cluster we reached: Paho's own
    // list reports the first URI whichever one answered.
    const QString uri = m_settings.brokerUris.at(m_serverIndex.load() % m_settings.brokerUris.size());
    {
        std::lock_guard lock(m_serverMutex);
        m_server = uri;
    }
    m_options->set_servers(std::make_shared<mqtt::string_collection>(std::vector<std::string> { toStd(uri) }));
    m_reconnectPending = false;
    m_connectInFlight = true;
    try {
        m_client->connect(*m_options, nullptr, *m_connectDone);
    } catch (const mqtt::exception& e) {
        m_connectInFlight = false;
        qCWarning(lcMqtt) << "connect to" << uri << "failed:" << e.what();
        tryNextServer();
    }
}

namespace {

// Why a broker refused or failed a connection, in words: MQTT 3.1.1 CONNACK codes, MQTT 5 reason codes, or
// Paho's own errors (TCP refused, TLS handshake, timeout).
QString refusalReason(const mqtt::token& token)
{
    const int rc = token.get_return_code();
    switch (rc) {
    case 1:
        return QStringLiteral("unacceptable protocol version");
    case 2:
        return QStringLiteral("client id rejected");
    case 3:
        return QStringLiteral("server unavailable");
    case 4:
        return QStringLiteral("bad user name or password");
    case 5:
        return QStringLiteral("not authorised");
    default:
        break;
    }
    const QString reason = QString::fromStdString(mqtt::exception::reason_code_str(token.get_reason_code()));
    if (token.get_reason_code() >= 0x80 && !reason.isEmpty())
        return reason;
    const QString error = QString::fromStdString(mqtt::exception::error_str(rc));
    // Paho reports a refused or unreachable TCP connection as a bare failure (-1).
    if (rc == -1 || error.isEmpty())
        return QStringLiteral("no connection: refused, unreachable or timed out (Paho code %1)").arg(rc);
    return QStringLiteral("%1 (Paho code %2)").arg(error).arg(rc);
}

} // namespace

void MqttClient::logRefusal(const mqtt::token& token)
{
    // Once when connecting starts to fail, then at most every 30 s while it goes on: a console retrying
    // every second must not flood the journal. Never the password.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 failures = ++m_failedAttempts;
    if (failures > 1 && now - m_lastRefusalLogMs < 30000)
        return;
    m_lastRefusalLogMs = now;
    QString server;
    {
        std::lock_guard lock(m_serverMutex);
        server = m_server;
    }
    qCWarning(lcMqtt).noquote() << "cannot connect to" << server << "as" << m_settings.clientId << "-"
                                << refusalReason(token) << QStringLiteral("(%1 failed attempts)").arg(failures);
}

void MqttClient::tryNextServer()
{
    // The next member of the cluster at once; a full round of failures backs off.
    const int next = (m_serverIndex.load() + 1) % static_cast<int>(m_settings.brokerUris.size());
    m_serverIndex = next;
    if (next == 0)
        scheduleReconnect();
    else
        QMetaObject::invokeMethod(this, &MqttClient::connectOnce, Qt::QueuedConnection);
}

void MqttClient::scheduleReconnect()
{
    // One attempt at a time: a connection dropped during its handshake reports both a lost connection and
    // a failed connect, and two attempts with one client id would take the session from each other (the
    // broker closes the older), over and over.
    if (m_stopping || m_connectInFlight || m_reconnectPending.exchange(true))
        return;
    const int delay = reconnectDelayMs(m_attempt++, QRandomGenerator::global()->generateDouble());
    QMetaObject::invokeMethod(
        this, [this, delay] { QTimer::singleShot(delay, this, &MqttClient::connectOnce); }, Qt::QueuedConnection);
}

void MqttClient::stop(const QByteArray& finalPayload)
{
    m_stopping = true;
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
    m_connectInFlight = false;
    m_attempt = 0;
    m_failedAttempts = 0;
    if (m_settings.subscriptions.isEmpty())
        becomeLive();
    else
        subscribeAll();
}

void MqttClient::becomeLive()
{
    m_connected = true;
    QString server;
    {
        std::lock_guard lock(m_serverMutex);
        server = m_server;
    }
    qCInfo(lcMqtt) << "connected to" << server << "as" << m_settings.clientId;
    QMetaObject::invokeMethod(
        this, [this, server] { Q_EMIT connectionChanged(true, server); }, Qt::QueuedConnection);
}

void MqttClient::onConnectionLost(const std::string& cause)
{
    m_connected = false;
    qCWarning(lcMqtt) << "connection lost:" << QString::fromStdString(cause) << "- reconnecting";
    scheduleReconnect();
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
