#pragma once

#include <QObject>
#include <QPointer>

#include <atomic>

class QQuickWindow;

namespace citybrain {

class Histogram;

// Times the frames of a window into histograms (citybrain_frame_seconds, citybrain_frame_gui_seconds):
// a frame runs from afterAnimating (the GUI thread starts it) to frameSwapped; the GUI thread is held
// from afterAnimating until the scene is synchronised (afterSynchronizing: polish and sync, which is
// when QML bindings and models cost frame time). With the software renderer or the basic render loop
// both happen on the GUI thread and the whole frame is GUI time. Timestamps cross threads (the threaded
// loop syncs and swaps on its render thread), hence atomics.
class FrameMeter : public QObject
{
    Q_OBJECT
public:
    FrameMeter(Histogram* frameSeconds, Histogram* guiSeconds, QObject* parent = nullptr);

    void watch(QQuickWindow* window);
    [[nodiscard]] quint64 frames() const { return m_frames.load(std::memory_order_relaxed); }

private:
    static qint64 nowNs();

    Histogram* m_frame;
    Histogram* m_gui;
    QPointer<QQuickWindow> m_window;
    std::atomic<qint64> m_startNs { 0 };
    std::atomic<quint64> m_frames { 0 };
};

} // namespace citybrain
