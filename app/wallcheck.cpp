#include "wallcheck.h"

#include "logging.h"
#include "wallcanvas.h"
#include "wallfocus.h"
#include "wallplaylist.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFont>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace citybrain {

namespace {

// How long a page gets to load its panels and draw its charts before it is checked.
constexpr int settleMs = 2500;

bool inherits(const QObject* object, const char* qmlTypePrefix)
{
    for (const QMetaObject* meta = object->metaObject(); meta; meta = meta->superClass()) {
        if (qstrncmp(meta->className(), qmlTypePrefix, qstrlen(qmlTypePrefix)) == 0)
            return true;
    }
    return false;
}

// Panels are the QML type Panel (Panel.qml) and every type built on it.
bool isPanel(const QQuickItem* item)
{
    return inherits(item, "Panel_QMLTYPE_");
}

bool isText(const QQuickItem* item)
{
    return inherits(item, "QQuickText");
}

void collectPanels(QQuickItem* item, std::vector<QQuickItem*>* panels)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    if (isPanel(item)) {
        panels->push_back(item);
        return;
    }
    for (QQuickItem* child : item->childItems())
        collectPanels(child, panels);
}

// The text's painted rectangle in its own coordinates (it may run past its box when it neither wraps nor
// elides).
QRectF paintedRect(const QQuickItem* text)
{
    const double width = text->width();
    const double height = text->height();
    const double paintedWidth = text->property("paintedWidth").toDouble();
    const double paintedHeight = text->property("paintedHeight").toDouble();
    const int horizontal = text->property("horizontalAlignment").toInt();
    double x = 0;
    if (horizontal & Qt::AlignRight)
        x = width - paintedWidth;
    else if (horizontal & Qt::AlignHCenter)
        x = (width - paintedWidth) / 2;
    const int vertical = text->property("verticalAlignment").toInt();
    double y = 0;
    if (vertical & Qt::AlignBottom)
        y = height - paintedHeight;
    else if (vertical & Qt::AlignVCenter)
        y = (height - paintedHeight) / 2;
    return { x, y, paintedWidth, paintedHeight };
}

// Whether something between the text and the panel clips it (a list, a scrolling area): then running
// past the panel's edge is that item's business (rows scroll), not a cut label.
bool clippedInside(const QQuickItem* text, const QQuickItem* panel)
{
    for (const QQuickItem* item = text->parentItem(); item && item != panel; item = item->parentItem()) {
        if (item->clip())
            return true;
    }
    return false;
}

void checkTexts(
    QQuickItem* item, QQuickItem* panel, const QString& panelName, double minimumTextPx, QStringList* problems)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    if (isText(item)) {
        const QString text = item->property("text").toString().simplified();
        if (!text.isEmpty()) {
            const QFont font = item->property("font").value<QFont>();
            const int pixelSize = font.pixelSize() > 0 ? font.pixelSize() : qRound(font.pointSizeF() * 96 / 72);
            if (pixelSize < minimumTextPx) {
                problems->append(QStringLiteral("%1: text \"%2\" is %3 px, below the wall minimum %4 px")
                                     .arg(panelName, text.left(40))
                                     .arg(pixelSize)
                                     .arg(minimumTextPx));
            }
            const QRectF inPanel = item->mapRectToItem(panel, paintedRect(item));
            const QRectF bounds(0, 0, panel->width(), panel->height());
            if (!clippedInside(item, panel) && !bounds.adjusted(-1, -1, 1, 1).contains(inPanel)) {
                problems->append(
                    QStringLiteral("%1: text \"%2\" runs past the panel's edge").arg(panelName, text.left(40)));
            }
            const QString title = panel->property("title").toString().simplified();
            if (text == title && item->property("truncated").toBool())
                problems->append(QStringLiteral("%1: the title \"%2\" is cut short").arg(panelName, title));
        }
    }
    for (QQuickItem* child : item->childItems())
        checkTexts(child, panel, panelName, minimumTextPx, problems);
}

} // namespace

WallCheck::WallCheck(QQuickWindow* window, WallPlaylist* playlist, std::function<QString()> focusIncident,
    QString snapshotBase, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_playlist(playlist)
    , m_focusIncident(std::move(focusIncident))
    , m_snapshotBase(std::move(snapshotBase))
{ }

void WallCheck::start(int afterMs)
{
    QTimer::singleShot(afterMs, this, [this] { showPage(0); });
}

void WallCheck::showPage(int index)
{
    // Steered as a leader's console steers it (the wall control), so every panel follows as on the wall.
    WallFocus* focus = WallFocus::instance();
    WallControl control;
    control.wallId = focus ? focus->wallId() : QString();
    control.console = QStringLiteral("check-layout");
    control.tsMs = QDateTime::currentMSecsSinceEpoch();
    if (index < m_playlist->pageCount()) {
        control.page = m_playlist->layout().pages[static_cast<std::size_t>(index)].id;
        control.pinned = true;
    } else {
        control.focusIncident = m_focusIncident();
        if (control.focusIncident.isEmpty()) {
            std::printf("page focus: skipped, no incident known yet to put in focus\n");
            finish();
            return;
        }
    }
    if (focus)
        focus->apply({ control });
    else
        m_playlist->setControl(control.page, control.pinned, control.tsMs, control.focusIncident);
    m_playlist->update(control.tsMs);
    QTimer::singleShot(settleMs, this, [this, index] { checkPage(index); });
}

QStringList WallCheck::inspect(int expectedPanels, double minimumTextPx) const
{
    QStringList problems;
    std::vector<QQuickItem*> panels;
    collectPanels(m_window->contentItem(), &panels);
    if (static_cast<int>(panels.size()) != expectedPanels) {
        problems.append(QStringLiteral("%1 panels shown, the layout places %2").arg(panels.size()).arg(expectedPanels));
    }
    const QRectF window(0, 0, m_window->width(), m_window->height());
    for (QQuickItem* panel : panels) {
        const QString title = panel->property("title").toString().simplified();
        const QString name = QStringLiteral("panel \"%1\"").arg(title.isEmpty() ? QStringLiteral("?") : title);
        if (title.isEmpty())
            problems.append(
                QStringLiteral("a panel (%1) has no title").arg(QString::fromLatin1(panel->metaObject()->className())));
        const QRectF rect = panel->mapRectToScene(QRectF(0, 0, panel->width(), panel->height()));
        if (rect.width() < 1 || rect.height() < 1 || !window.adjusted(-1, -1, 1, 1).contains(rect))
            problems.append(QStringLiteral("%1 is not inside the window").arg(name));
        checkTexts(panel, panel, name, minimumTextPx, &problems);
    }
    return problems;
}

void WallCheck::checkPage(int index)
{
    const bool focus = index >= m_playlist->pageCount();
    const LayoutPage& page = m_playlist->currentPage();
    const WallCanvas* canvas = WallCanvas::instance();
    const double scale
        = canvas ? std::max(0.5, std::min(canvas->screenWidth() / 1920.0, canvas->screenHeight() / 1080.0)) : 1.0;
    // Theme.fontSmall: 18 px at 1080 lines of screen (docs/layouts.md, "Reading distance").
    const double minimumTextPx = std::round(18 * scale);
    const QStringList problems = inspect(static_cast<int>(page.panels.size()), minimumTextPx);
    std::printf("page %s: %d panels, %d problems\n", qPrintable(page.id), static_cast<int>(page.panels.size()),
        static_cast<int>(problems.size()));
    for (const QString& problem : problems)
        std::printf("  %s: %s\n", qPrintable(page.id), qPrintable(problem));
    std::fflush(stdout);
    m_problems += static_cast<int>(problems.size());
    if (!m_snapshotBase.isEmpty()) {
        const QString path = QStringLiteral("%1-%2.png").arg(m_snapshotBase, page.id);
        if (!m_window->grabWindow().save(path))
            qCWarning(lcWall) << "cannot write" << path;
    }
    if (focus)
        finish();
    else
        showPage(index + 1);
}

void WallCheck::finish()
{
    std::printf("layout check: %d problems\n", m_problems);
    std::fflush(stdout);
    QCoreApplication::exit(m_problems == 0 ? 0 : 1);
}

} // namespace citybrain
