#include "symbolatlas.h"

#include <QPainter>

#include <algorithm>
#include <cstring>

namespace citybrain {

namespace {

constexpr int padding = 1; // transparent pixels on every side of a cell
constexpr int initialHeight = 256;

QImage transparentImage(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    return image;
}

} // namespace

// Packing: shelves (rows of cells) stacked from the top. A symbol goes on the lowest existing shelf it
// fits (height at least its own and at most 1.5 times, width left) or else opens a new shelf under
// the last one; m_shelfX/m_shelfY/m_shelfHeight describe that last, open shelf and m_shelves the
// closed ones that still have room on the right. Every cell keeps `padding` transparent pixels around
// it, so linear filtering never reads a neighbour.
SymbolAtlas::SymbolAtlas(int width, int maxSide)
    : m_image(transparentImage(std::max(width, 8), std::clamp(initialHeight, 1, std::max(maxSide, 8))))
    , m_maxSide(std::max({ maxSide, width, 8 }))
{ }

bool SymbolAtlas::contains(quint64 key) const
{
    return m_cells.find(key) != m_cells.end();
}

void SymbolAtlas::clear()
{
    m_cells.clear();
    m_shelves.clear();
    m_shelfX = m_shelfY = m_shelfHeight = 0;
    m_image.fill(Qt::transparent);
    ++m_revision;
}

bool SymbolAtlas::grow(int neededHeight)
{
    int height = m_image.height();
    while (height < neededHeight && height < m_maxSide)
        height = std::min(height * 2, m_maxSide);
    if (height < neededHeight)
        return false;
    QImage grown = transparentImage(m_image.width(), height);
    for (int y = 0; y < m_image.height(); ++y)
        std::memcpy(grown.scanLine(y), m_image.constScanLine(y), size_t(m_image.bytesPerLine()));
    m_image = std::move(grown);
    ++m_revision;
    return true;
}

QPoint SymbolAtlas::place(QSize slot)
{
    // The tightest existing shelf with room.
    Shelf* best = nullptr;
    for (Shelf& shelf : m_shelves) {
        if (shelf.height >= slot.height() && shelf.height * 2 <= slot.height() * 3
            && shelf.x + slot.width() <= m_image.width() && (!best || shelf.height < best->height))
            best = &shelf;
    }
    if (best) {
        const QPoint at(best->x, best->y);
        best->x += slot.width();
        return at;
    }
    // The open shelf: it may still grow taller, being the last one.
    const bool fitsOpen = m_shelfHeight > 0 && m_shelfX + slot.width() <= m_image.width()
        && (slot.height() <= m_shelfHeight || m_shelfHeight * 3 >= slot.height() * 2);
    if (!fitsOpen) {
        if (m_shelfHeight > 0) {
            if (m_shelfX + 2 * padding < m_image.width())
                m_shelves.push_back({ m_shelfX, m_shelfY, m_shelfHeight });
            m_shelfY += m_shelfHeight;
        }
        m_shelfX = 0;
        m_shelfHeight = 0;
    }
    const int height = std::max(m_shelfHeight, slot.height());
    if (m_shelfY + height > m_image.height() && !grow(m_shelfY + height))
        return QPoint(-1, -1);
    const QPoint at(m_shelfX, m_shelfY);
    m_shelfX += slot.width();
    m_shelfHeight = height;
    return at;
}

QRect SymbolAtlas::symbol(quint64 key, QSize size, const Painter& paint)
{
    if (const auto it = m_cells.find(key); it != m_cells.end())
        return it->second;
    const QSize slot(size.width() + 2 * padding, size.height() + 2 * padding);
    if (size.isEmpty() || slot.width() > m_image.width() || slot.height() > m_maxSide)
        return {};

    QPoint at = place(slot);
    if (at.x() < 0) {
        // Full at the largest size: start over; the callers ask again for what they still draw.
        clear();
        at = place(slot);
        if (at.x() < 0)
            return {};
    }
    const QRect cell(at + QPoint(padding, padding), size);
    {
        QPainter painter(&m_image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.setClipRect(cell);
        if (paint)
            paint(painter, QRectF(cell));
    }
    m_cells.emplace(key, cell);
    ++m_revision;
    return cell;
}

} // namespace citybrain
