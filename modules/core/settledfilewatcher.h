#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace citybrain {

// Says when a file has changed on disk, once it has settled: changed() comes settleMs after the last
// change, because editors write in several steps. Follows a file replaced by a rename (how many editors
// save) or deleted and written again: the directory is watched too and the file is watched again when
// it reappears. A compiled-in resource (":/...") never changes and is not watched. Lives on the thread
// that created it.
class SettledFileWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SettledFileWatcher(QString path, QObject* parent = nullptr);

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] int settleMs() const { return m_settle.interval(); }
    void setSettleMs(int ms) { m_settle.setInterval(ms); }

Q_SIGNALS:
    // The file changed (or disappeared) and nothing has happened to it for settleMs.
    void changed();

private:
    void watch();

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace citybrain
