#include "wallsnapshot.h"

#include "logging.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickWindow>
#include <QSaveFile>

namespace citybrain {

WallSnapshot::WallSnapshot(QQuickWindow* window, QString path, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_path(std::move(path))
{ }

bool WallSnapshot::write()
{
    const QImage image = m_window->grabWindow();
    QSaveFile file(m_path);
    if (image.isNull() || !file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        qCWarning(lcWall) << "cannot write snapshot" << m_path;
        return false;
    }
    return true;
}

void WallSnapshot::once(int afterMs)
{
    QTimer::singleShot(afterMs, this, [this] {
        const bool ok = write();
        if (ok)
            qCInfo(lcWall) << "snapshot written to" << m_path;
        QCoreApplication::exit(ok ? 0 : 1);
    });
}

void WallSnapshot::every(int intervalMs)
{
    qCInfo(lcWall).noquote() << "no display: writing wall snapshots to" << m_path << "every" << intervalMs / 1000
                             << "s";
    connect(&m_timer, &QTimer::timeout, this, [this] { write(); });
    m_timer.start(intervalMs);
}

} // namespace citybrain
