#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

class QQuickWindow;

namespace citybrain {

// Writes what the wall shows to a PNG (X.png for the first screen's window, X-2.png for the second, ...):
// once (then quits with 0), or periodically when there is no
// display to look at.
class WallSnapshot : public QObject
{
    Q_OBJECT
public:
    WallSnapshot(QQuickWindow* window, QString path, QObject* parent = nullptr);

    void once(int afterMs);
    void every(int intervalMs);

private:
    bool write();

    QQuickWindow* m_window;
    QString m_path;
    QTimer m_timer;
};

} // namespace citybrain
