#pragma once

#include "citysnapshot.h"
#include "qmlsingleton.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace citybrain {

class CityState;

// Whole-wall playback: the incident list, the map, KPI tiles and charts show the city as it was at
// the shown time, read from the history store, at x1 to x60, paused or stepped; one action returns to
// live. Live data keeps flowing into the store meanwhile and is shown again on return.
class TimeMachine : public QObject, public QmlSingleton<TimeMachine>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool live READ live NOTIFY modeChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY modeChanged)
    Q_PROPERTY(int speed READ speed NOTIFY modeChanged)
    Q_PROPERTY(double shownMs READ shownMs NOTIFY shownChanged)
public:
    static constexpr int tickMs = 250;
    static constexpr int maxSpeed = 60;
    static constexpr qint64 chartHistoryMs = 3600 * 1000;

    // No default arguments: Qt 6.4 would then create its own instance for QML.
    TimeMachine(QString dbPath, CityState* state, QObject* parent);
    ~TimeMachine() override;

    [[nodiscard]] bool live() const { return m_live; }
    [[nodiscard]] bool paused() const { return m_paused; }
    [[nodiscard]] int speed() const { return m_speed; }
    [[nodiscard]] double shownMs() const { return static_cast<double>(m_shownMs); }

    Q_INVOKABLE void playFrom(double epochMs);
    Q_INVOKABLE void playLastHours(double hours);
    Q_INVOKABLE void setSpeed(int speed);
    Q_INVOKABLE void pause();
    Q_INVOKABLE void resume();
    Q_INVOKABLE void step(double seconds);
    Q_INVOKABLE void backToLive();

Q_SIGNALS:
    void modeChanged();
    void shownChanged();
    // A snapshot reached the models (tests wait for it).
    void shown(qint64 atMs);
    void loadRequested(qint64 atMs);

private:
    void advance();
    void request(qint64 atMs);
    void onLoaded(const std::shared_ptr<const CitySnapshot>& snapshot);

    CityState* m_state;
    QThread m_readerThread;
    QObject* m_reader = nullptr; // lives on m_readerThread
    QTimer m_clock;
    bool m_live = true;
    bool m_paused = false;
    bool m_goingLive = false;
    bool m_loading = false;
    qint64 m_pendingMs = -1; // a request made while one was loading
    int m_speed = 1;
    qint64 m_shownMs = 0;
};

} // namespace citybrain
