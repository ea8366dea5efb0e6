#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace citybrain {

// The app's self-check against its configured ceilings (service/max_rss_mb, service/max_queue_high_water):
// every interval it reads each watched figure; a figure above its limit at two consecutive checks (not one
// passing spike) is logged with the limit, the value and the key (category citybrain.app, warning) and
// reported once by limitCrossed(). main then quits cleanly with exit status 75 and systemd restarts it.
class ResourceGuard : public QObject
{
    Q_OBJECT
public:
    // The current value of a figure; std::nullopt when it cannot be read (the check skips it).
    using Reading = std::function<std::optional<qint64>()>;

    explicit ResourceGuard(std::chrono::milliseconds interval = std::chrono::seconds(10), QObject* parent = nullptr);

    // Resident memory in MiB (from /proc/self/statm) against `limitMb`; 0 = off.
    void setMaxRssMb(qint64 limitMb);
    // Any other figure, e.g. the ingest queue's high-water mark; `key` names the config key in the log and
    // the reason, `what` the figure. 0 = off.
    void addLimit(const QString& key, const QString& what, const QString& unit, qint64 limit, Reading read);

    // True when at least one limit is on: only then is start() worth calling.
    [[nodiscard]] bool isActive() const { return !m_limits.empty(); }
    void start();
    // One check now (the timer's work; public for the tests).
    void check();

Q_SIGNALS:
    // Once, with the reason, e.g. "service/max_rss_mb: resident memory 312 MiB is above the limit of 256 MiB".
    void limitCrossed(const QString& reason);

private:
    struct Limit
    {
        QString key;
        QString what;
        QString unit;
        qint64 limit = 0;
        Reading read;
        int crossings = 0; // consecutive checks above the limit
    };
    std::vector<Limit> m_limits;
    QTimer m_timer;
    bool m_fired = false;
};

} // namespace citybrain
