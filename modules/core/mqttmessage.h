#pragma once

#include <QByteArray>
#include <QString>

#include <future>
#include <memory>

namespace citybrain {

// One message as received from the broker, before decoding.
struct MqttMessage
{
    QString topic;
    QByteArray payload;
    int qos = 0;
    bool retained = false;
    qint64 receivedMs = 0; // wall clock when the Paho thread handed it over
    // Set for incidents: fulfilled once the message is committed to disk (or known not to need it),
    // so the Paho thread acknowledges the message only after a durable write.
    std::shared_ptr<std::promise<void>> stored;
};

} // namespace citybrain
