#include "wallsnapshot.h"

#include "logging.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QImage>
#include <QQuickWindow>
#include <QSaveFile>
#include <QScreen>

#include <algorithm>

namespace citybrain {

WallSnapshot::WallSnapshot(QQuickWindow* window, QString path, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_path(std::move(path))
{ }

bool WallSnapshot::write()
{
    // The wall's further screens have windows of their own: X.png is the first, X-2.png the second, ...
    QList<QQuickWindow*> windows { m_window };
    for (QWindow* other : QGuiApplication::topLevelWindows()) {
        auto* quick = qobject_cast<QQuickWindow*>(other);
        if (quick && quick != m_window && quick->isVisible())
            windows.append(quick);
    }
    const QList<QScreen*> screens = QGuiApplication::screens();
    std::sort(windows.begin() + 1, windows.end(), [&screens](QQuickWindow* a, QQuickWindow* b) {
        return screens.indexOf(a->screen()) < screens.indexOf(b->screen());
    });
    bool ok = true;
    for (int i = 0; i < windows.size(); ++i) {
        QString path = m_path;
        if (i > 0)
            path.insert(path.size() - 4, QStringLiteral("-%1").arg(i + 1));
        const QImage image = windows[i]->grabWindow();
        QSaveFile file(path);
        if (image.isNull() || !file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
            qCWarning(lcWall) << "cannot write snapshot" << path;
            ok = false;
        }
    }
    return ok;
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
