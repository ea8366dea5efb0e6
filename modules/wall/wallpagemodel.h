#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QRectF>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace citybrain {

// The panels of the page on now (WallPlaylist::currentPage()) that a window shows: placed on the layout's
// grid of cells over `area` (canvas pixels; the canvas minus the header and status bands), `gap` pixels
// between neighbours, and only those that overlap `viewport` (the window's rectangle of the canvas).
// Rows keep a stable key per page and panel index, so a delegate survives a reload that keeps the panel.
// Reset when the page or the layout changes; a change of area, gap or viewport moves the rows in place.
class WallPlaylist;

class WallPageModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QRectF area READ area WRITE setArea NOTIFY geometryChanged)
    Q_PROPERTY(double gap READ gap WRITE setGap NOTIFY geometryChanged)
    Q_PROPERTY(QRectF viewport READ viewport WRITE setViewport NOTIFY geometryChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        KeyRole = Qt::UserRole + 1, // "overview/3": page id and panel index
        PanelRole, // registry id: "kpi"
        SourceRole, // the component's URL: "qrc:/qt/qml/CityBrain/Panels/KpiPanel.qml"
        TitleRole, // the layout's title for it; empty: the panel's own
        SettingsRole, // QVariantMap: the panel's properties from the layout (QML names)
        XRole, // "panelX": canvas pixels, relative to the viewport's top-left (not "x": delegates have one)
        YRole,
        WidthRole,
        HeightRole,
    };
    Q_ENUM(Roles)

    explicit WallPageModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QRectF area() const { return m_area; }
    void setArea(const QRectF& area);
    [[nodiscard]] double gap() const { return m_gap; }
    void setGap(double gap);
    [[nodiscard]] QRectF viewport() const { return m_viewport; }
    void setViewport(const QRectF& viewport);

    // A cell range's rectangle on the canvas (gap halved on each inner side), for tests and the checker.
    [[nodiscard]] QRectF cellRect(int column, int row, int columnSpan, int rowSpan) const;

Q_SIGNALS:
    void geometryChanged();
    void countChanged();

private:
    struct Row
    {
        QString key;
        QString panel;
        QString source;
        QString title;
        QVariantMap settings;
        QRect cells; // column, row and spans on the layout's grid
        QRectF rect; // canvas
    };
    void rebuild(); // from the playlist's current page
    void place(); // rects and viewport filter
    std::vector<int> layOut(); // sets every row's rect; returns the rows overlapping the viewport
    void followPlaylist(); // rebuilds if the playlist's revision moved on

    QPointer<WallPlaylist> m_playlist; // WallPlaylist::instance() when the model was made
    int m_revision = -1; // the playlist's revision the rows were built from

    std::vector<Row> m_all; // every panel of the page
    std::vector<int> m_shown; // indices into m_all overlapping the viewport
    QRectF m_area;
    double m_gap = 0;
    QRectF m_viewport;
};

} // namespace citybrain
