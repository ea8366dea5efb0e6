#pragma once

#include "qmlsingleton.h"

#include <QObject>
#include <QRectF>
#include <QSize>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace citybrain {

// This node's place in a wall built of several PCs (--wall-grid COLSxROWS, --wall-node COL,ROW).
struct WallNodeGrid
{
    int columns = 1;
    int rows = 1;
    int column = 0; // this node, 0-based
    int row = 0;
};

// The wall's virtual canvas: every screen of every wall node side by side, with the bezels between
// screens counted in pixels (content behind a bezel is not drawn, so a line crossing two screens stays
// straight). The layout's grid of cells covers the whole canvas; each window of this node shows its own
// screen's rectangle of it.
//
// This node's screens are arranged by their desktop positions into a local grid (two side by side: 2x1);
// every node of the wall is taken to have the same arrangement and screen size. Screens come from
// QGuiApplication (hot-plug updates them: screensChanged()) or, offscreen and with --size, from
// setScreens().
class WallCanvas : public QObject, public QmlSingleton<WallCanvas>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(double width READ width NOTIFY changed) // the whole canvas, pixels
    Q_PROPERTY(double height READ height NOTIFY changed)
    Q_PROPERTY(double bezelPx READ bezelPx NOTIFY changed)
    Q_PROPERTY(int screenCount READ screenCount NOTIFY changed) // this node's screens
    // The size of one screen (every screen of the wall has it): the wall's text scale follows it.
    Q_PROPERTY(double screenWidth READ screenWidth NOTIFY changed)
    Q_PROPERTY(double screenHeight READ screenHeight NOTIFY changed)
    Q_PROPERTY(int nodeColumn READ nodeColumn CONSTANT)
    Q_PROPERTY(int nodeRow READ nodeRow CONSTANT)
    Q_PROPERTY(int nodeColumns READ nodeColumns CONSTANT)
    Q_PROPERTY(int nodeRows READ nodeRows CONSTANT)
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    WallCanvas(WallNodeGrid grid, QObject* parent);

    // Pixels hidden behind each bezel between two screens (horizontal and vertical alike); >= 0.
    void setBezelPx(double px);
    // This node's screens as desktop rectangles (QScreen::geometry()), in QGuiApplication::screens() order.
    void setScreens(const std::vector<QRect>& geometries);
    // Follows QGuiApplication's screens (added, removed, resized) from now on.
    void followApplicationScreens();

    // Screen `index` of this node (QGuiApplication::screens() order): its rectangle on the canvas;
    // empty for an unknown index.
    Q_INVOKABLE [[nodiscard]] QRectF screenRect(int index) const;
    // The part of the canvas this node shows (the union of its screens, bezels between them included).
    Q_INVOKABLE [[nodiscard]] QRectF nodeRect() const;

    [[nodiscard]] double width() const { return m_width; }
    [[nodiscard]] double height() const { return m_height; }
    [[nodiscard]] double bezelPx() const { return m_bezelPx; }
    [[nodiscard]] int screenCount() const { return static_cast<int>(m_screens.size()); }
    [[nodiscard]] double screenWidth() const { return m_screenSize.width(); }
    [[nodiscard]] double screenHeight() const { return m_screenSize.height(); }
    [[nodiscard]] int nodeColumn() const { return m_grid.column; }
    [[nodiscard]] int nodeRow() const { return m_grid.row; }
    [[nodiscard]] int nodeColumns() const { return m_grid.columns; }
    [[nodiscard]] int nodeRows() const { return m_grid.rows; }

Q_SIGNALS:
    void changed();

private:
    void recompute();

    WallNodeGrid m_grid;
    double m_bezelPx = 0;
    std::vector<QRect> m_screens; // desktop geometry, QGuiApplication order
    std::vector<QRectF> m_screenRects; // on the canvas, same order
    QSize m_screenSize;
    double m_width = 0;
    double m_height = 0;
};

} // namespace citybrain
