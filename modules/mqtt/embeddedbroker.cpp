#include "embeddedbroker.h"

#include "logging.h"
#include "terminationsignals.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

namespace citybrain {

namespace {
// Mosquitto started as root drops to the 'mosquitto' user, which cannot write our temp folder:
// keep it running as whoever started it.
QString currentUserName()
{
    const passwd* user = ::getpwuid(::geteuid());
    return user ? QString::fromLocal8Bit(user->pw_name) : QStringLiteral("root");
}
} // namespace

EmbeddedBroker::EmbeddedBroker()
    : EmbeddedBroker(Settings {})
{ }

EmbeddedBroker::EmbeddedBroker(Settings settings)
    : m_settings(std::move(settings))
    , m_dir(QDir::tempPath() + QStringLiteral("/citybrain-broker-XXXXXX"))
{ }

EmbeddedBroker::~EmbeddedBroker()
{
    stop();
}

quint16 EmbeddedBroker::freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString EmbeddedBroker::mosquittoExecutable()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            QStringLiteral("mosquitto"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin") });
    return path;
}

QString EmbeddedBroker::uri() const
{
    return QStringLiteral("tcp://127.0.0.1:%1").arg(m_settings.port);
}

QString EmbeddedBroker::configPath() const
{
    return m_dir.filePath(QStringLiteral("mosquitto.conf"));
}

QString EmbeddedBroker::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("mosquitto.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool EmbeddedBroker::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool EmbeddedBroker::start(QString* error)
{
    if (isRunning())
        return true;
    const QString executable = mosquittoExecutable();
    if (executable.isEmpty()) {
        *error = QStringLiteral("mosquitto is not installed (Debian package 'mosquitto')");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder for the broker");
        return false;
    }
    if (m_settings.port == 0)
        m_settings.port = freeLoopbackPort();

    QFile config(configPath());
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(configPath(), config.errorString());
        return false;
    }
    const QString text = QStringLiteral("# Written by CityBrain for its embedded broker.\n"
                                        "user %5\n"
                                        "listener %1 127.0.0.1\n"
                                        "allow_anonymous true\n"
                                        "persistence true\n"
                                        "persistence_location %2/\n"
                                        "autosave_interval 30\n"
                                        "max_queued_messages %3\n"
                                        "max_queued_bytes 0\n"
                                        "set_tcp_nodelay true\n"
                                        "log_dest file %2/mosquitto.log\n"
                                        "log_type error\nlog_type warning\nlog_type notice\n"
                                        "%4\n")
                             .arg(m_settings.port)
                             .arg(m_dir.path())
                             .arg(m_settings.maxQueuedMessages)
                             .arg(m_settings.extraConfig)
                             .arg(currentUserName());
    config.write(text.toUtf8());
    config.close();

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setChildProcessModifier(terminateWithParent);
    m_process->start(executable, { QStringLiteral("-c"), configPath() });
    if (!m_process->waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(executable, m_process->errorString());
        return false;
    }
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_settings.port);
        if (socket.waitForConnected(200)) {
            qCInfo(lcBroker) << "mosquitto listening on" << uri();
            return true;
        }
        if (m_process->state() != QProcess::Running)
            break;
        QThread::msleep(20);
    }
    *error = QStringLiteral("mosquitto did not start on port %1: %2").arg(m_settings.port).arg(log().trimmed());
    stop();
    return false;
}

void EmbeddedBroker::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

void EmbeddedBroker::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(2000);
    m_process.reset();
}

void EmbeddedBroker::signal(int signal)
{
    if (m_process && m_process->state() == QProcess::Running)
        ::kill(static_cast<pid_t>(m_process->processId()), signal);
}

} // namespace citybrain
