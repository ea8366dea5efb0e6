#include "embeddedcity.h"

#include "logging.h"
#include "terminationsignals.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace citybrain {

EmbeddedCity::~EmbeddedCity()
{
    stop();
}

bool EmbeddedCity::startBroker(QString* error)
{
    return m_broker.start(error);
}

bool EmbeddedCity::startSimulator(
    int simRate, quint32 simSeed, const QString& topicPrefix, QString* error, bool dispatchDesk)
{
    if (m_simulator.state() != QProcess::NotRunning)
        return true;
    const QString simulator = QCoreApplication::applicationDirPath() + QStringLiteral("/citybrain-sim");
    if (!QFileInfo(simulator).isExecutable()) {
        *error = QStringLiteral("simulator not found at %1").arg(simulator);
        return false;
    }
    m_simulator.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_simulator.setChildProcessModifier(terminateWithParent);
    m_simulator.start(simulator,
        { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--rate"), QString::number(simRate),
            QStringLiteral("--seed"), QString::number(simSeed), QStringLiteral("--topic-prefix"), topicPrefix,
            QStringLiteral("--dispatch-desk"), dispatchDesk ? QStringLiteral("on") : QStringLiteral("off") });
    if (!m_simulator.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(simulator, m_simulator.errorString());
        return false;
    }
    qCInfo(lcApp) << "embedded city: broker" << m_broker.uri() << "simulator at" << simRate << "msg/s, seed" << simSeed
                  << ", dispatch desk" << (dispatchDesk ? "on" : "off");
    return true;
}

void EmbeddedCity::stop()
{
    if (m_simulator.state() != QProcess::NotRunning) {
        m_simulator.terminate();
        if (!m_simulator.waitForFinished(3000))
            m_simulator.kill();
        m_simulator.waitForFinished(1000);
    }
    m_broker.stop();
}

} // namespace citybrain
