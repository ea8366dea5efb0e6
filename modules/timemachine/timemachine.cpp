#include "timemachine.h"

#include "citystate.h"
#include "historyreader.h"
#include "logging.h"

#include <QDateTime>

namespace citybrain {

namespace {

// Reads snapshots on its own thread, with its own connection.
class SnapshotReader : public QObject
{
    Q_OBJECT
public:
    explicit SnapshotReader(QString dbPath)
        : m_dbPath(std::move(dbPath))
    { }

    void load(qint64 atMs)
    {
        auto snapshot = std::make_shared<CitySnapshot>();
        snapshot->atMs = atMs;
        if (!m_reader) {
            auto reader = std::make_unique<HistoryReader>(m_dbPath);
            QString error;
            if (reader->open(&error))
                m_reader = std::move(reader);
            else
                qCWarning(lcStore).noquote() << "time machine: history not readable:" << error;
        }
        if (m_reader)
            *snapshot = readCitySnapshot(*m_reader, atMs, TimeMachine::chartHistoryMs, 1200);
        Q_EMIT loaded(std::shared_ptr<const CitySnapshot>(std::move(snapshot)));
    }

Q_SIGNALS:
    void loaded(const std::shared_ptr<const citybrain::CitySnapshot>& snapshot);

private:
    QString m_dbPath;
    std::unique_ptr<HistoryReader> m_reader;
};

} // namespace

TimeMachine::TimeMachine(QString dbPath, CityState* state, QObject* parent)
    : QObject(parent)
    , m_state(state)
{
    auto* reader = new SnapshotReader(std::move(dbPath));
    reader->moveToThread(&m_readerThread);
    m_reader = reader;
    connect(&m_readerThread, &QThread::finished, reader, &QObject::deleteLater);
    connect(this, &TimeMachine::loadRequested, reader, &SnapshotReader::load);
    connect(reader, &SnapshotReader::loaded, this, &TimeMachine::onLoaded);
    m_readerThread.setObjectName(QStringLiteral("time machine"));
    m_readerThread.start();
    m_clock.setInterval(tickMs);
    connect(&m_clock, &QTimer::timeout, this, &TimeMachine::advance);
}

TimeMachine::~TimeMachine()
{
    m_readerThread.quit();
    m_readerThread.wait();
}

void TimeMachine::playFrom(double epochMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_shownMs = std::clamp<qint64>(static_cast<qint64>(epochMs), 0, now);
    m_live = false;
    m_paused = false;
    m_goingLive = false;
    m_state->setLive(false);
    m_clock.start();
    Q_EMIT modeChanged();
    Q_EMIT shownChanged();
    request(m_shownMs);
}

void TimeMachine::playLastHours(double hours)
{
    playFrom(static_cast<double>(QDateTime::currentMSecsSinceEpoch()) - hours * 3600.0 * 1000.0);
}

void TimeMachine::setSpeed(int speed)
{
    const int clamped = std::clamp(speed, 1, maxSpeed);
    if (clamped == m_speed)
        return;
    m_speed = clamped;
    Q_EMIT modeChanged();
}

void TimeMachine::pause()
{
    if (m_live || m_paused)
        return;
    m_paused = true;
    Q_EMIT modeChanged();
}

void TimeMachine::resume()
{
    if (m_live || !m_paused)
        return;
    m_paused = false;
    Q_EMIT modeChanged();
}

void TimeMachine::step(double seconds)
{
    if (m_live)
        return;
    m_paused = true;
    m_shownMs = std::min(m_shownMs + static_cast<qint64>(seconds * 1000.0), QDateTime::currentMSecsSinceEpoch());
    Q_EMIT modeChanged();
    Q_EMIT shownChanged();
    request(m_shownMs);
}

void TimeMachine::backToLive()
{
    if (m_live)
        return;
    m_clock.stop();
    m_goingLive = true;
    // The present from the store, then the live feed again (CityState replays what arrived meanwhile).
    request(QDateTime::currentMSecsSinceEpoch());
}

void TimeMachine::advance()
{
    if (m_paused || m_live)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_shownMs = std::min<qint64>(m_shownMs + static_cast<qint64>(tickMs) * m_speed, now);
    Q_EMIT shownChanged();
    request(m_shownMs);
    if (m_shownMs >= now) // caught up with the present
        backToLive();
}

void TimeMachine::request(qint64 atMs)
{
    if (m_loading) {
        m_pendingMs = atMs; // only the newest request matters
        return;
    }
    m_loading = true;
    Q_EMIT loadRequested(atMs);
}

void TimeMachine::onLoaded(const std::shared_ptr<const CitySnapshot>& snapshot)
{
    m_loading = false;
    if (m_live)
        return;
    m_state->showState(snapshot->incidents, snapshot->actions, snapshot->indicators);
    Q_EMIT shown(snapshot->atMs);
    if (m_pendingMs >= 0) {
        request(std::exchange(m_pendingMs, -1));
        return;
    }
    if (m_goingLive) {
        m_goingLive = false;
        m_live = true;
        m_paused = false;
        m_state->setLive(true);
        Q_EMIT modeChanged();
    }
}

} // namespace citybrain

#include "timemachine.moc"
