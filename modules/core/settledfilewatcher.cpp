#include "settledfilewatcher.h"

#include <QFileInfo>

namespace citybrain {

SettledFileWatcher::SettledFileWatcher(QString path, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(300);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        watch(); // a rename drops the file from the watcher: watch the new one before anyone reads it
        Q_EMIT changed();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    // A file replaced by a rename disappears from the watcher: the directory sees it come back.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
            m_settle.start();
    });
    watch();
}

void SettledFileWatcher::watch()
{
    if (m_path.startsWith(QLatin1Char(':')))
        return;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!m_watcher.directories().contains(dir))
        m_watcher.addPath(dir);
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

} // namespace citybrain
