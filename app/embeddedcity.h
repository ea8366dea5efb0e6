#pragma once

#include "embeddedbroker.h"

#include <QProcess>

namespace citybrain {

// The demo city on this machine: an embedded Mosquitto and the built-in Xianyang simulator
// publishing to it. Both stop with this object (or with the process, if it dies).
class EmbeddedCity
{
public:
    EmbeddedCity() = default;
    ~EmbeddedCity();

    bool startBroker(QString* error);
    // Start it once the wall has subscribed: the simulator's first incidents are not retained.
    // `dispatchDesk`: the simulator's own dispatch desk works the incidents (citybrain-sim
    // --dispatch-desk on); off when a dispatcher or leader console runs the demo and does that itself.
    bool startSimulator(
        int simRate, quint32 simSeed, const QString& topicPrefix, QString* error, bool dispatchDesk = true);
    void stop();
    [[nodiscard]] QString brokerUri() const { return m_broker.uri(); }

private:
    EmbeddedBroker m_broker;
    QProcess m_simulator;
};

} // namespace citybrain
