#include "framemeter.h"

#include "metricsregistry.h"

#include <QQuickWindow>

#include <chrono>

namespace citybrain {

FrameMeter::FrameMeter(Histogram* frameSeconds, Histogram* guiSeconds, QObject* parent)
    : QObject(parent)
    , m_frame(frameSeconds)
    , m_gui(guiSeconds)
{ }

qint64 FrameMeter::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void FrameMeter::watch(QQuickWindow* window)
{
    m_window = window;
    // Direct connections: the render thread's signals are timed where they happen.
    connect(
        window, &QQuickWindow::afterAnimating, this, [this] { m_startNs.store(nowNs(), std::memory_order_relaxed); },
        Qt::DirectConnection);
    connect(
        window, &QQuickWindow::afterSynchronizing, this,
        [this] {
            const qint64 start = m_startNs.load(std::memory_order_relaxed);
            if (start > 0 && m_gui)
                m_gui->observe(static_cast<double>(nowNs() - start) / 1e9);
        },
        Qt::DirectConnection);
    connect(
        window, &QQuickWindow::frameSwapped, this,
        [this] {
            const qint64 start = m_startNs.exchange(0, std::memory_order_relaxed);
            if (start <= 0)
                return;
            m_frames.fetch_add(1, std::memory_order_relaxed);
            if (m_frame)
                m_frame->observe(static_cast<double>(nowNs() - start) / 1e9);
        },
        Qt::DirectConnection);
}

} // namespace citybrain
