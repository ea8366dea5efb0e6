#pragma once

#include <QByteArray>
#include <QString>

namespace citybrain {

// One message as received from the broker, before decoding.
struct MqttMessage
{
    QString topic;
    QByteArray payload;
    int qos = 0;
    bool retained = false;
    qint64 receivedMs = 0; // wall clock when the Paho thread handed it over
};

} // namespace citybrain
