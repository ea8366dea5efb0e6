#include "wallpagemodel.h"

#include "logging.h"
#include "panelregistry.h"
#include "wallplaylist.h"

namespace citybrain {

WallPageModel::WallPageModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_playlist(WallPlaylist::instance())
{
    // Rows change only by a reset.
    connect(this, &QAbstractItemModel::modelReset, this, &WallPageModel::countChanged);
    if (m_playlist) {
        connect(m_playlist, &WallPlaylist::pageChanged, this, &WallPageModel::followPlaylist);
        connect(m_playlist, &WallPlaylist::layoutChanged, this, &WallPageModel::followPlaylist);
    }
    rebuild();
}

int WallPageModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

QVariant WallPageModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_all[static_cast<std::size_t>(m_shown[static_cast<std::size_t>(index.row())])];
    switch (role) {
    case KeyRole:
        return row.key;
    case PanelRole:
        return row.panel;
    case SourceRole:
        return row.source;
    case TitleRole:
        return row.title;
    case SettingsRole:
        return row.settings;
    case XRole:
        return row.rect.x() - m_viewport.x();
    case YRole:
        return row.rect.y() - m_viewport.y();
    case WidthRole:
        return row.rect.width();
    case HeightRole:
        return row.rect.height();
    default:
        return {};
    }
}

QHash<int, QByteArray> WallPageModel::roleNames() const
{
    return {
        { KeyRole, "key" },
        { PanelRole, "panel" },
        { SourceRole, "source" },
        { TitleRole, "title" },
        { SettingsRole, "settings" },
        { XRole, "panelX" },
        { YRole, "panelY" },
        { WidthRole, "panelWidth" },
        { HeightRole, "panelHeight" },
    };
}

void WallPageModel::setArea(const QRectF& area)
{
    if (area == m_area)
        return;
    m_area = area;
    place();
    Q_EMIT geometryChanged();
}

void WallPageModel::setGap(double gap)
{
    gap = std::max(0.0, gap);
    if (qFuzzyCompare(gap + 1, m_gap + 1))
        return;
    m_gap = gap;
    place();
    Q_EMIT geometryChanged();
}

void WallPageModel::setViewport(const QRectF& viewport)
{
    if (viewport == m_viewport)
        return;
    m_viewport = viewport;
    place();
    Q_EMIT geometryChanged();
}

QRectF WallPageModel::cellRect(int column, int row, int columnSpan, int rowSpan) const
{
    const int columns = m_playlist ? m_playlist->columns() : WallLayout().columns;
    const int rows = m_playlist ? m_playlist->rows() : WallLayout().rows;
    const double cellWidth = m_area.width() / std::max(1, columns);
    const double cellHeight = m_area.height() / std::max(1, rows);
    const double inset = m_gap / 2;
    return QRectF(
        m_area.x() + column * cellWidth, m_area.y() + row * cellHeight, columnSpan * cellWidth, rowSpan * cellHeight)
        .adjusted(inset, inset, -inset, -inset);
}

void WallPageModel::followPlaylist()
{
    if (m_playlist && m_playlist->revision() != m_revision)
        rebuild();
}

std::vector<int> WallPageModel::layOut()
{
    std::vector<int> shown;
    for (std::size_t i = 0; i < m_all.size(); ++i) {
        Row& row = m_all[i];
        row.rect = cellRect(row.cells.x(), row.cells.y(), row.cells.width(), row.cells.height());
        if (row.rect.intersects(m_viewport))
            shown.push_back(static_cast<int>(i));
    }
    return shown;
}

void WallPageModel::rebuild()
{
    beginResetModel();
    m_all.clear();
    if (m_playlist) {
        m_revision = m_playlist->revision();
        const LayoutPage& page = m_playlist->currentPage();
        int index = -1;
        for (const LayoutPanel& panel : page.panels) {
            ++index;
            const PanelKind* kind = PanelRegistry::find(panel.panel);
            if (!kind) {
                qCWarning(lcWall) << "page" << page.id << "panel" << index << "is of an unknown kind" << panel.panel
                                  << "and is left out";
                continue;
            }
            m_all.push_back(Row { QStringLiteral("%1/%2").arg(page.id).arg(index), panel.panel,
                QStringLiteral("qrc:/qt/qml/CityBrain/Panels/") + kind->qmlFile, panel.title, panel.settings,
                QRect(panel.column, panel.row, panel.columnSpan, panel.rowSpan), QRectF() });
        }
    }
    m_shown = layOut();
    endResetModel();
}

void WallPageModel::place()
{
    std::vector<int> shown = layOut();
    if (shown != m_shown) {
        beginResetModel();
        m_shown = std::move(shown);
        endResetModel();
    } else if (!m_shown.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), { XRole, YRole, WidthRole, HeightRole });
    }
}

} // namespace citybrain
