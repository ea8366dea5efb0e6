#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace citybrain {

// A real Mosquitto on 127.0.0.1 and a free port, with its own config and persistence in a temp
// folder that goes away with this object. Used by the app's embedded mode and by the tests.
class EmbeddedBroker
{
public:
    struct Settings
    {
        quint16 port = 0; // 0: pick a free loopback port
        // Mosquitto's default of 1000 drops messages to a subscriber that falls behind. This covers a
        // 10-minute outage at the simulator's default 200 msg/s.
        int maxQueuedMessages = 200000;
        QString extraConfig; // appended verbatim (tests: bridges, second listeners)
    };

    EmbeddedBroker();
    explicit EmbeddedBroker(Settings settings);
    ~EmbeddedBroker();
    EmbeddedBroker(const EmbeddedBroker&) = delete;
    EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

    // Starts mosquitto and waits until it accepts connections. Restarting keeps port and persistence.
    bool start(QString* error);
    // SIGTERM, so mosquitto saves its persistence file.
    void stop();
    // SIGKILL: a crash, for fault tests.
    void kill();
    // Sends `signal` to mosquitto (fault tests: SIGSTOP freezes it, SIGCONT thaws it).
    void signal(int signal);

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] quint16 port() const { return m_settings.port; }
    [[nodiscard]] QString uri() const;
    [[nodiscard]] QString configPath() const;
    [[nodiscard]] QString log() const;

    [[nodiscard]] static quint16 freeLoopbackPort();
    [[nodiscard]] static QString mosquittoExecutable();

private:
    Settings m_settings;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
};

} // namespace citybrain
