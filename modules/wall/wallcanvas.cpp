#include "wallcanvas.h"

#include "logging.h"

#include <QGuiApplication>
#include <QScreen>

#include <algorithm>

namespace citybrain {

namespace {

// The distinct values, sorted: the columns (x) or rows (y) of this node's screens.
std::vector<int> distinctSorted(std::vector<int> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

// A headless node (offscreen, no --size) still draws a full HD canvas rather than nothing.
const QRect fallbackScreen(0, 0, 1920, 1080);

int positionOf(const std::vector<int>& sorted, int value)
{
    return static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
}

} // namespace

WallCanvas::WallCanvas(WallNodeGrid grid, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
{
    m_grid.columns = std::max(1, m_grid.columns);
    m_grid.rows = std::max(1, m_grid.rows);
    m_grid.column = std::clamp(m_grid.column, 0, m_grid.columns - 1);
    m_grid.row = std::clamp(m_grid.row, 0, m_grid.rows - 1);
    m_screens = { fallbackScreen };
    recompute();
}

void WallCanvas::setBezelPx(double px)
{
    px = std::max(0.0, px);
    if (qFuzzyCompare(px + 1, m_bezelPx + 1))
        return;
    m_bezelPx = px;
    recompute();
    Q_EMIT changed();
}

void WallCanvas::setScreens(const std::vector<QRect>& geometries)
{
    const std::vector<QRect> screens = geometries.empty() ? std::vector<QRect> { fallbackScreen } : geometries;
    if (screens == m_screens)
        return;
    m_screens = screens;
    recompute();
    Q_EMIT changed();
}

void WallCanvas::followApplicationScreens()
{
    auto* app = qobject_cast<QGuiApplication*>(QCoreApplication::instance());
    if (!app) {
        qCWarning(lcWall) << "no QGuiApplication: the wall canvas keeps its screens";
        return;
    }
    // `gone`: a screen being removed, which may still be listed while screenRemoved is delivered.
    const auto resync = [this](const QScreen* gone) {
        std::vector<QRect> geometries;
        for (const QScreen* screen : QGuiApplication::screens()) {
            if (screen != gone)
                geometries.push_back(screen->geometry());
        }
        qCInfo(lcWall) << "wall screens:" << geometries.size();
        setScreens(geometries);
    };
    const auto watch = [this, resync](QScreen* screen) {
        connect(screen, &QScreen::geometryChanged, this, [resync] { resync(nullptr); });
    };
    for (QScreen* screen : QGuiApplication::screens())
        watch(screen);
    connect(app, &QGuiApplication::screenAdded, this, [watch, resync](QScreen* screen) {
        watch(screen);
        resync(nullptr);
    });
    connect(app, &QGuiApplication::screenRemoved, this, [resync](QScreen* screen) { resync(screen); });
    resync(nullptr);
}

QRectF WallCanvas::screenRect(int index) const
{
    if (index < 0 || index >= screenCount())
        return {};
    return m_screenRects[static_cast<std::size_t>(index)];
}

QRectF WallCanvas::nodeRect() const
{
    QRectF united;
    for (const QRectF& rect : m_screenRects)
        united = united.united(rect);
    return united;
}

void WallCanvas::recompute()
{
    const std::vector<QRect>& screens = m_screens;
    m_screenSize = screens.front().size();
    std::vector<int> xs;
    std::vector<int> ys;
    for (const QRect& screen : screens) {
        xs.push_back(screen.x());
        ys.push_back(screen.y());
        if (screen.size() != m_screenSize)
            qCWarning(lcWall) << "screens of different sizes:" << screen.size() << "is drawn as" << m_screenSize;
    }
    xs = distinctSorted(std::move(xs));
    ys = distinctSorted(std::move(ys));
    const int localColumns = static_cast<int>(xs.size());
    const int localRows = static_cast<int>(ys.size());
    const double stepX = m_screenSize.width() + m_bezelPx;
    const double stepY = m_screenSize.height() + m_bezelPx;

    m_screenRects.clear();
    for (const QRect& screen : screens) {
        const int gx = m_grid.column * localColumns + positionOf(xs, screen.x());
        const int gy = m_grid.row * localRows + positionOf(ys, screen.y());
        m_screenRects.emplace_back(gx * stepX, gy * stepY, m_screenSize.width(), m_screenSize.height());
    }
    const int columns = m_grid.columns * localColumns;
    const int rows = m_grid.rows * localRows;
    m_width = columns * stepX - m_bezelPx;
    m_height = rows * stepY - m_bezelPx;
}

} // namespace citybrain
