#include "faultrig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QThread>

#include <sqlite3.h>
#include <sys/resource.h>

#include <csignal>

namespace citybrain::faults {

namespace {

const QString consoleStream = QStringLiteral("faults-console");
constexpr int incidentsPerSource = 10; // events update a small pool, as a real source's incidents evolve

QString sourceStream(int source)
{
    return QStringLiteral("faults-src-%1").arg(source + 1);
}

QString incidentId(int source, qint64 seq)
{
    return QStringLiteral("FLT-%1-%2").arg(source + 1).arg(seq % incidentsPerSource);
}

// The incident every note is about: the first one of the first source.
QString notedIncident()
{
    return incidentId(0, 1);
}

EmbeddedBroker::Settings brokerSettings(const FaultRig::Settings& settings)
{
    EmbeddedBroker::Settings broker;
    if (settings.brokerAutosaveSeconds > 0)
        broker.extraConfig = QStringLiteral("autosave_interval %1").arg(settings.brokerAutosaveSeconds);
    return broker;
}

} // namespace

FaultRig::FaultRig(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_broker(brokerSettings(m_settings))
{
    m_tick.setInterval(20);
    connect(&m_tick, &QTimer::timeout, this, &FaultRig::publishDue);
}

FaultRig::~FaultRig()
{
    shutdown();
}

QString FaultRig::appLogPath() const
{
    return QDir(m_settings.workDir).filePath(QStringLiteral("citybrain.log"));
}

bool FaultRig::start(QString* error)
{
    if (!m_broker.start(error))
        return false;
    m_metricsPort = EmbeddedBroker::freeLoopbackPort();
    m_appLog.setFileName(appLogPath());
    if (!m_appLog.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("cannot write %1").arg(appLogPath());
        return false;
    }
    if (!startApp(error))
        return false;

    m_simulator = std::make_unique<QProcess>();
    m_simulator->setProcessChannelMode(QProcess::MergedChannels);
    m_simulator->setStandardOutputFile(QDir(m_settings.workDir).filePath(QStringLiteral("sim.log")), QIODevice::Append);
    m_simulator->start(m_settings.binDir + QStringLiteral("/citybrain-sim"),
        { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--rate"), QString::number(m_settings.simRate),
            QStringLiteral("--client-id"), QStringLiteral("faults-sim") });
    if (!m_simulator->waitForStarted(5000)) {
        *error = QStringLiteral("cannot start citybrain-sim: %1").arg(m_simulator->errorString());
        return false;
    }

    MqttSettings publisher;
    publisher.brokerUris = { m_broker.uri() };
    publisher.clientId = QStringLiteral("faults-sources");
    publisher.persistentSession = true; // what the broker took before a restart is not sent twice
    m_publisher = std::make_unique<MqttClient>(publisher);
    m_publisher->start();
    if (!m_publisher->waitForConnected(10000)) {
        *error = QStringLiteral("the fault sources cannot connect to %1").arg(m_broker.uri());
        return false;
    }
    m_clock.start();
    m_lastTickMs = 0;
    m_publishing = true;
    // The noted incident exists before the first note refers to it.
    queueEvent();
    publishDue();
    if (!waitFor([this] { return journalReached({ { sourceStream(0), 1 } }); }, 30000)) {
        *error = QStringLiteral("the wall did not journal the first incident within 30 s (log: %1)").arg(appLogPath());
        return false;
    }
    m_tick.start();
    return true;
}

bool FaultRig::startApp(QString* error)
{
    m_app = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_app->setProcessEnvironment(env);
    // Through a pipe, not a file: the file size fault must not touch the log.
    m_app->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_app.get(), &QProcess::readyReadStandardOutput, this, [this, app = m_app.get()] {
        m_appLog.write(app->readAllStandardOutput());
        m_appLog.flush();
    });
    m_app->start(m_settings.binDir + QStringLiteral("/citybrain"),
        { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--db"),
            QDir(m_settings.workDir).filePath(QStringLiteral("wall.sqlite")), QStringLiteral("--client-id"),
            QStringLiteral("faults-wall"), QStringLiteral("--metrics"),
            QStringLiteral("127.0.0.1:%1").arg(m_metricsPort), QStringLiteral("--snapshot-every"), QStringLiteral("0"),
            QStringLiteral("--size"), m_settings.appSize });
    if (!m_app->waitForStarted(10000)) {
        *error = QStringLiteral("cannot start citybrain: %1").arg(m_app->errorString());
        return false;
    }
    const bool connected
        = waitFor([this] { return scrape(500).value(QStringLiteral("citybrain_mqtt_connected")) == 1; }, 30000);
    if (!connected)
        *error = QStringLiteral("the wall did not connect within 30 s (log: %1)").arg(appLogPath());
    return connected;
}

void FaultRig::killApp()
{
    if (!m_app)
        return;
    m_app->kill();
    m_app->waitForFinished(5000);
    m_app.reset();
}

bool FaultRig::stopApp()
{
    if (!m_app)
        return true;
    m_app->terminate();
    const bool stopped = waitFor([this] { return m_app->state() == QProcess::NotRunning; }, 20000);
    if (!stopped)
        killApp();
    m_app.reset();
    return stopped;
}

bool FaultRig::appRunning() const
{
    return m_app && m_app->state() == QProcess::Running;
}

bool FaultRig::limitAppFileSize(bool limited, QString* error)
{
    if (!appRunning()) {
        *error = QStringLiteral("the wall is not running");
        return false;
    }
    const auto pid = static_cast<pid_t>(m_app->processId());
    rlimit current {};
    if (::prlimit(pid, RLIMIT_FSIZE, nullptr, &current) != 0) {
        *error = QStringLiteral("prlimit: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Only the soft limit: raising it back needs no privilege.
    rlimit wanted = current;
    wanted.rlim_cur = limited ? 1 : current.rlim_max;
    if (::prlimit(pid, RLIMIT_FSIZE, &wanted, nullptr) != 0) {
        *error = QStringLiteral("prlimit: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

bool FaultRig::lockDatabase(QString* error)
{
    const QString path = QDir(m_settings.workDir).filePath(QStringLiteral("wall.sqlite"));
    if (!m_locker.isOpen() && !m_locker.open(path, false)) {
        *error = m_locker.lastError();
        return false;
    }
    sqlite3_busy_timeout(m_locker.handle(), 10000);
    if (!m_locker.exec("BEGIN EXCLUSIVE")) {
        *error = m_locker.lastError();
        return false;
    }
    return true;
}

void FaultRig::freezeBroker(bool frozen)
{
    m_broker.signal(frozen ? SIGSTOP : SIGCONT);
}

void FaultRig::unlockDatabase()
{
    if (m_locker.isOpen())
        m_locker.exec("ROLLBACK");
}

bench::PromText FaultRig::scrape(int timeoutMs)
{
    if (!appRunning())
        return {};
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_metricsPort)));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = m_network.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    reply->deleteLater();
    return bench::PromText::parse(body);
}

void FaultRig::setLoadFactor(int factor)
{
    m_loadFactor = std::max(1, factor);
    if (m_loadFactor > 1)
        startBurstSimulator((m_loadFactor - 1) * m_settings.simRate);
    else
        stopProcess(m_burstSimulator);
}

void FaultRig::startBurstSimulator(int rate)
{
    stopProcess(m_burstSimulator);
    m_burstSimulator = std::make_unique<QProcess>();
    m_burstSimulator->setProcessChannelMode(QProcess::MergedChannels);
    m_burstSimulator->setStandardOutputFile(
        QDir(m_settings.workDir).filePath(QStringLiteral("sim-burst.log")), QIODevice::Append);
    m_burstSimulator->start(m_settings.binDir + QStringLiteral("/citybrain-sim"),
        { QStringLiteral("--broker"), m_broker.uri(), QStringLiteral("--rate"), QString::number(rate),
            QStringLiteral("--client-id"), QStringLiteral("faults-sim-burst"), QStringLiteral("--seed"),
            QStringLiteral("2"), QStringLiteral("--dispatch-desk"), QStringLiteral("off") });
    m_burstSimulator->waitForStarted(5000);
}

void FaultRig::stopProcess(std::unique_ptr<QProcess>& process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(10000)) {
            process->kill();
            process->waitForFinished(2000);
        }
    }
    process.reset();
}

void FaultRig::queueEvent()
{
    const int source = m_nextSource;
    m_nextSource = (m_nextSource + 1) % m_settings.sources;
    const QString stream = sourceStream(source);
    const qint64 seq = ++m_lastSeq[stream];
    const QJsonObject event { { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", seq }, { "source", stream },
        { "kind", "fire" }, { "severity", "minor" },
        { "status", seq <= incidentsPerSource ? QStringLiteral("new") : QStringLiteral("update") },
        { "title", QStringLiteral("故障注入 %1 第 %2 次").arg(stream).arg(seq) }, { "district", "610402" },
        { "lon", 108.70 + 0.001 * source }, { "lat", 34.33 } };
    m_outbox.push_back({ QStringLiteral("xy/v1/incident/%1/event").arg(incidentId(source, seq)),
        QJsonDocument(event).toJson(QJsonDocument::Compact), stream, seq });
}

void FaultRig::queueNote()
{
    const qint64 seq = ++m_lastSeq[consoleStream];
    const QJsonObject note { { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", seq },
        { "action_id", QStringLiteral("%1-%2").arg(consoleStream).arg(seq) }, { "actor", "fault.tester" },
        { "role", "dispatcher" }, { "console", consoleStream }, { "action", "note" }, { "base_version", 0 },
        { "note", QStringLiteral("故障注入记录 %1").arg(seq) } };
    m_outbox.push_back({ QStringLiteral("xy/v1/incident/%1/action").arg(notedIncident()),
        QJsonDocument(note).toJson(QJsonDocument::Compact), consoleStream, seq });
}

void FaultRig::publishDue()
{
    if (m_publishing) {
        const qint64 now = m_clock.elapsed();
        const double seconds = double(now - m_lastTickMs) / 1000.0;
        m_lastTickMs = now;
        m_eventsDue += seconds * m_settings.eventsPerSourcePerSecond * m_settings.sources * m_loadFactor;
        m_notesDue += seconds * m_settings.notesPerSecond * m_loadFactor;
        for (; m_eventsDue >= 1; m_eventsDue -= 1)
            queueEvent();
        for (; m_notesDue >= 1; m_notesDue -= 1)
            queueNote();
    }
    // Paho buffers while it is disconnected; when its buffer is full the rest waits here, in order.
    while (!m_outbox.empty() && m_publisher
        && m_publisher->publish(m_outbox.front().topic, m_outbox.front().payload, 1, false)) {
        m_handed[m_outbox.front().stream] = m_outbox.front().seq;
        m_outbox.pop_front();
    }
}

bool FaultRig::finishPublishing(int timeoutMs)
{
    m_publishing = false;
    QDeadlineTimer deadline(timeoutMs);
    waitFor([this] { return m_outbox.empty(); }, timeoutMs);
    return m_outbox.empty() && m_publisher && m_publisher->waitForDelivery(int(deadline.remainingTime()));
}

void FaultRig::shutdown()
{
    m_tick.stop();
    m_publishing = false;
    if (m_publisher) {
        m_publisher->stop();
        m_publisher.reset();
    }
    stopProcess(m_burstSimulator);
    stopProcess(m_simulator);
    if (m_app)
        stopApp();
    m_reader.close();
    m_locker.close();
    m_broker.stop();
}

bool FaultRig::openReader(QString* error)
{
    if (m_reader.isOpen())
        return true;
    const QString path = QDir(m_settings.workDir).filePath(QStringLiteral("wall.sqlite"));
    if (!QFileInfo::exists(path) || !m_reader.open(path, true)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, m_reader.lastError());
        return false;
    }
    sqlite3_busy_timeout(m_reader.handle(), 2000);
    return true;
}

namespace {

// The journal entries of the fault run's own streams: the sources' events and the console's notes.
constexpr const char* ownEntries = "SELECT id, kind, actor, payload, action_id FROM journal WHERE id > ?1 AND"
                                   " ((kind = 'event' AND actor LIKE 'faults-src-%') OR"
                                   " (kind = 'action:note' AND console = 'faults-console')) ORDER BY id";

// A row of ownEntries: an event's stream is its source and its seq in the payload; a note's are in its
// action id, `<console>-<seq>`.
JournalRecord recordOf(const SqliteStatement& row)
{
    JournalRecord record;
    if (row.text(1) == QLatin1String("event")) {
        record.stream = row.text(2);
        record.seq = QJsonDocument::fromJson(row.text(3).toUtf8()).object().value("seq").toInteger();
    } else {
        const QString actionId = row.text(4);
        record.stream = actionId.section(QLatin1Char('-'), 0, -2);
        record.seq = actionId.section(QLatin1Char('-'), -1).toLongLong();
    }
    return record;
}

} // namespace

bool FaultRig::journalReached(const std::map<QString, qint64>& marks)
{
    if (!openReader(nullptr))
        return false;
    SqliteStatement query;
    if (query.prepare(m_reader, ownEntries)) {
        query.bind(1, m_scannedUpTo);
        while (query.step()) {
            m_scannedUpTo = query.int64(0);
            const JournalRecord record = recordOf(query);
            qint64& highest = m_journalled[record.stream];
            highest = std::max(highest, record.seq);
        }
    }
    return std::all_of(marks.begin(), marks.end(), [this](const auto& mark) {
        const auto found = m_journalled.find(mark.first);
        return found != m_journalled.end() && found->second >= mark.second;
    });
}

bool FaultRig::readJournal(std::vector<JournalRecord>* records, QString* error)
{
    if (!openReader(error))
        return false;
    SqliteStatement query;
    if (!query.prepare(m_reader, ownEntries)) {
        *error = m_reader.lastError();
        return false;
    }
    query.bind(1, qint64(0));
    while (query.step())
        records->push_back(recordOf(query));
    if (!query.ok()) {
        *error = m_reader.lastError();
        return false;
    }
    return true;
}

void FaultRig::pump(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, int(std::max<qint64>(1, deadline.remainingTime())));
        QThread::msleep(std::min<qint64>(5, std::max<qint64>(0, deadline.remainingTime())));
    }
}

bool FaultRig::waitFor(const std::function<bool()>& condition, int timeoutMs, int stepMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        pump(stepMs);
    }
    return true;
}

} // namespace citybrain::faults
