#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QQuickItem;
class QQuickWindow;

namespace citybrain {

class WallPlaylist;

// `citybrain --check-layout`: shows every page of the layout in turn (and the focus page), live on the
// feeds, and checks what an operator at the wall would check: every panel of the page is there, has a
// title, draws no text below the minimum wall text size, no text runs past a panel's edge, and no panel
// title is cut short. Prints one line per page and per problem; optionally a PNG per page. Exits 0 when
// there is no problem, 1 otherwise.
class WallCheck : public QObject
{
    Q_OBJECT
public:
    // `focusIncident` names an incident to put in focus for the focus page (empty: none known yet).
    WallCheck(QQuickWindow* window, WallPlaylist* playlist, std::function<QString()> focusIncident,
        QString snapshotBase, QObject* parent = nullptr);

    // Waits `afterMs` for live data, then goes through the pages.
    void start(int afterMs);

    // The problems of what `window` shows now: the page's panels, each checked. Public for the tests.
    [[nodiscard]] QStringList inspect(int expectedPanels, double minimumTextPx) const;

private:
    void showPage(int index);
    void checkPage(int index);
    void finish();

    QQuickWindow* m_window;
    WallPlaylist* m_playlist;
    std::function<QString()> m_focusIncident;
    QString m_snapshotBase;
    int m_problems = 0;
};

} // namespace citybrain
