#pragma once

#include <QByteArray>
#include <QString>

namespace citybrain::sim {

// One MQTT message the simulator wants published, ready for MqttClient::publish().
struct SimMessage
{
    QString topic;
    QByteArray payload; // compact UTF-8 JSON per docs/topics.md
    int qos = 0;
    bool retained = false;

    friend bool operator==(const SimMessage& a, const SimMessage& b)
    {
        return a.topic == b.topic && a.payload == b.payload && a.qos == b.qos && a.retained == b.retained;
    }
    friend bool operator!=(const SimMessage& a, const SimMessage& b) { return !(a == b); }
};

} // namespace citybrain::sim
