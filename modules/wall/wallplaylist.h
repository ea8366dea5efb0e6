#pragma once

#include "qmlsingleton.h"
#include "walllayout.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

class WallFocus;

// Which page of the layout the wall shows now. Every wall node computes it from the same inputs, so the
// nodes of a multi-PC wall agree without talking to each other beyond the retained wall control:
//   focus    an incident is in focus (WallFocus): the layout's focus page, until released;
//   pinned   the control (or the file's "pin") names a page and pins it: that page;
//   playing  the pages follow each other by their dwell times on the wall clock, counted from an epoch:
//            the control's ts when it names a page without pinning it (that page starts at ts), else
//            the Unix epoch. So two nodes started at different times show the same page.
// The clock is the machine's (Beijing time is only how it is shown); nodes are expected to run NTP.
class WallPlaylist : public QObject, public QmlSingleton<WallPlaylist>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString layoutTitle READ layoutTitle NOTIFY layoutChanged)
    Q_PROPERTY(QString layoutPath READ layoutPath NOTIFY layoutChanged)
    Q_PROPERTY(int columns READ columns NOTIFY layoutChanged)
    Q_PROPERTY(int rows READ rows NOTIFY layoutChanged)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY layoutChanged)
    Q_PROPERTY(QStringList pageTitles READ pageTitles NOTIFY layoutChanged)
    Q_PROPERTY(QStringList pageIds READ pageIds NOTIFY layoutChanged)
    // The last reload that failed (the layout in force stays): its messages, shown on the wall; empty after
    // a good load.
    Q_PROPERTY(QStringList layoutErrors READ layoutErrors NOTIFY layoutErrorsChanged)
    Q_PROPERTY(int pageIndex READ pageIndex NOTIFY pageChanged) // -1 while the focus page is on
    Q_PROPERTY(QString pageId READ pageId NOTIFY pageChanged)
    Q_PROPERTY(QString pageTitle READ pageTitle NOTIFY pageChanged)
    Q_PROPERTY(bool pinned READ pinned NOTIFY pageChanged)
    Q_PROPERTY(bool focusMode READ focusMode NOTIFY pageChanged)
    // The current page's dwell on the clock (epoch ms), for a progress bar; 0 when pinned or in focus.
    Q_PROPERTY(double pageStartMs READ pageStartMs NOTIFY pageChanged)
    Q_PROPERTY(double pageEndMs READ pageEndMs NOTIFY pageChanged)
    // Bumped whenever the panels to show change (page switch, focus, layout reload).
    Q_PROPERTY(int revision READ revision NOTIFY pageChanged)
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    explicit WallPlaylist(QObject* parent);

    // Starts following the focus's control (page, pin, focus) and ticks every 250 ms on the clock.
    void follow(WallFocus* focus);
    // A new layout: the page shown stays if the new layout still has it.
    void setLayout(WallLayout layout);
    void setLayoutErrors(const QStringList& errors);
    // Recomputes the page at nowMs (the timer calls it with the current time; tests call it directly).
    void update(qint64 nowMs);
    // The control as WallFocus holds it; update() follows.
    void setControl(const QString& page, bool pinned, qint64 tsMs, const QString& focusIncident);

    [[nodiscard]] const WallLayout& layout() const { return m_layout; }
    // The page on now (the focus page in focus mode).
    [[nodiscard]] const LayoutPage& currentPage() const;

    // The playlist's page at nowMs counted from epochMs (0..pages-1), with its dwell's start and end.
    [[nodiscard]] static int pageAt(
        const WallLayout& layout, qint64 epochMs, qint64 nowMs, qint64* startMs = nullptr, qint64* endMs = nullptr);

    [[nodiscard]] QString layoutTitle() const { return m_layout.title; }
    [[nodiscard]] QString layoutPath() const { return m_layout.sourcePath; }
    [[nodiscard]] int columns() const { return m_layout.columns; }
    [[nodiscard]] int rows() const { return m_layout.rows; }
    [[nodiscard]] int pageCount() const { return static_cast<int>(m_layout.pages.size()); }
    [[nodiscard]] QStringList pageTitles() const;
    [[nodiscard]] QStringList pageIds() const;
    [[nodiscard]] QStringList layoutErrors() const { return m_layoutErrors; }
    [[nodiscard]] int pageIndex() const { return m_focusMode ? -1 : m_pageIndex; }
    [[nodiscard]] QString pageId() const { return currentPage().id; }
    [[nodiscard]] QString pageTitle() const { return currentPage().title; }
    [[nodiscard]] bool pinned() const { return m_pinned; }
    [[nodiscard]] bool focusMode() const { return m_focusMode; }
    [[nodiscard]] double pageStartMs() const { return static_cast<double>(m_pageStartMs); }
    [[nodiscard]] double pageEndMs() const { return static_cast<double>(m_pageEndMs); }
    [[nodiscard]] int revision() const { return m_revision; }

Q_SIGNALS:
    void layoutChanged();
    void layoutErrorsChanged();
    void pageChanged();

private:
    WallLayout m_layout;
    QStringList m_layoutErrors;
    QString m_controlPage;
    bool m_controlPinned = false;
    qint64 m_controlTsMs = 0;
    QString m_focusIncident;
    int m_pageIndex = 0;
    bool m_pinned = false;
    bool m_focusMode = false;
    qint64 m_pageStartMs = 0;
    qint64 m_pageEndMs = 0;
    int m_revision = 0;
    QTimer m_timer;
};

} // namespace citybrain
