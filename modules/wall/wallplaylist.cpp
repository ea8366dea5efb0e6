#include "wallplaylist.h"

#include "logging.h"
#include "wallfocus.h"

#include <QDateTime>

namespace citybrain {

namespace {

constexpr int tickMs = 250;

// Where page `index` starts within one cycle of the playlist, ms.
qint64 cumulativeStartMs(const WallLayout& layout, int index)
{
    qint64 start = 0;
    for (int i = 0; i < index; ++i)
        start += qint64(layout.pages[static_cast<std::size_t>(i)].dwellSeconds) * 1000;
    return start;
}

} // namespace

WallPlaylist::WallPlaylist(QObject* parent)
    : QObject(parent)
{
    // One empty page, so currentPage() is valid before the first layout arrives.
    m_layout.pages.emplace_back();
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { update(QDateTime::currentMSecsSinceEpoch()); });
}

void WallPlaylist::follow(WallFocus* focus)
{
    const auto take = [this, focus] {
        setControl(focus->page(), focus->pinned(), static_cast<qint64>(focus->sinceMs()), focus->incidentId());
        update(QDateTime::currentMSecsSinceEpoch());
    };
    connect(focus, &WallFocus::changed, this, take);
    take();
    m_timer.start();
}

void WallPlaylist::setLayout(WallLayout layout)
{
    if (layout.pages.empty()) {
        qCWarning(lcWall) << "a layout without pages is ignored";
        return;
    }
    const QString shownId = m_layout.pages[static_cast<std::size_t>(m_pageIndex)].id;
    m_layout = std::move(layout);
    m_pageIndex = std::max(0, m_layout.pageIndex(shownId));
    if (!m_controlPage.isEmpty() && m_layout.pageIndex(m_controlPage) < 0)
        qCWarning(lcWall) << "the wall control names page" << m_controlPage << "which the layout" << m_layout.sourcePath
                          << "does not have: the playlist plays";
    if (!m_layoutErrors.isEmpty()) {
        m_layoutErrors.clear();
        Q_EMIT layoutErrorsChanged();
    }
    ++m_revision;
    Q_EMIT layoutChanged();
    Q_EMIT pageChanged();
}

void WallPlaylist::setLayoutErrors(const QStringList& errors)
{
    if (errors == m_layoutErrors)
        return;
    m_layoutErrors = errors;
    Q_EMIT layoutErrorsChanged();
}

void WallPlaylist::setControl(const QString& page, bool pinned, qint64 tsMs, const QString& focusIncident)
{
    if (!page.isEmpty() && page != m_controlPage && m_layout.pageIndex(page) < 0)
        qCWarning(lcWall) << "the wall control names page" << page
                          << "which the layout does not have: the playlist plays";
    m_controlPage = page;
    m_controlPinned = pinned;
    m_controlTsMs = tsMs;
    m_focusIncident = focusIncident;
}

void WallPlaylist::update(qint64 nowMs)
{
    const bool focusMode = !m_focusIncident.isEmpty();
    int pageIndex = m_pageIndex; // in focus mode the playlist's page is not shown: left as it was
    bool pinned = false;
    qint64 startMs = 0;
    qint64 endMs = 0;
    if (!focusMode) {
        const int controlIndex = m_controlPage.isEmpty() ? -1 : m_layout.pageIndex(m_controlPage);
        const int pinIndex = m_controlPage.isEmpty() ? m_layout.pageIndex(m_layout.pinnedPage) : -1;
        if (controlIndex >= 0 && m_controlPinned) {
            pageIndex = controlIndex;
            pinned = true;
        } else if (pinIndex >= 0) {
            pageIndex = pinIndex;
            pinned = true;
        } else {
            // Unpinned page: it starts at the control's ts, and the cycle goes on from there.
            const qint64 epochMs
                = controlIndex >= 0 ? m_controlTsMs - cumulativeStartMs(m_layout, controlIndex) : qint64(0);
            pageIndex = pageAt(m_layout, epochMs, nowMs, &startMs, &endMs);
        }
    }
    const bool panelsChange = focusMode != m_focusMode || (!focusMode && pageIndex != m_pageIndex);
    if (!panelsChange && pinned == m_pinned && startMs == m_pageStartMs && endMs == m_pageEndMs)
        return;
    m_focusMode = focusMode;
    m_pageIndex = pageIndex;
    m_pinned = pinned;
    m_pageStartMs = startMs;
    m_pageEndMs = endMs;
    if (panelsChange)
        ++m_revision;
    Q_EMIT pageChanged();
}

const LayoutPage& WallPlaylist::currentPage() const
{
    return m_focusMode ? m_layout.focusPage : m_layout.pages[static_cast<std::size_t>(m_pageIndex)];
}

int WallPlaylist::pageAt(const WallLayout& layout, qint64 epochMs, qint64 nowMs, qint64* startMs, qint64* endMs)
{
    const qint64 cycleMs = layout.cycleMs();
    if (cycleMs <= 0) {
        if (startMs)
            *startMs = nowMs;
        if (endMs)
            *endMs = nowMs;
        return 0;
    }
    // Before the epoch too (a clock set back, a ts in the future): the cycle runs backwards the same way.
    const qint64 position = ((nowMs - epochMs) % cycleMs + cycleMs) % cycleMs;
    const qint64 cycleStartMs = nowMs - position;
    qint64 pageStartMs = 0;
    int index = 0;
    for (const LayoutPage& page : layout.pages) {
        const qint64 pageEndMs = pageStartMs + qint64(page.dwellSeconds) * 1000;
        if (position < pageEndMs) {
            if (startMs)
                *startMs = cycleStartMs + pageStartMs;
            if (endMs)
                *endMs = cycleStartMs + pageEndMs;
            return index;
        }
        pageStartMs = pageEndMs;
        ++index;
    }
    return 0; // not reached: position < cycleMs
}

QStringList WallPlaylist::pageIds() const
{
    QStringList ids;
    for (const LayoutPage& page : m_layout.pages)
        ids.append(page.id);
    return ids;
}

QStringList WallPlaylist::pageTitles() const
{
    QStringList titles;
    titles.reserve(static_cast<qsizetype>(m_layout.pages.size()));
    for (const LayoutPage& page : m_layout.pages)
        titles.append(page.title);
    return titles;
}

} // namespace citybrain
