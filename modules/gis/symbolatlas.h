#pragma once

#include <QImage>
#include <QRect>
#include <QSize>
#include <QtGlobal>

#include <functional>
#include <unordered_map>
#include <vector>

class QPainter;

namespace citybrain {

// One texture for every symbol a map draws: each distinct symbol is painted once into a free cell of
// a QImage (shelf packing, 1 px of transparent padding against bleeding), so the scene graph draws
// all of a layer's symbols from one texture and batches them. The image doubles in height when full
// (up to maxSide, after which the atlas is cleared and refilled: callers re-ask every symbol).
class SymbolAtlas
{
public:
    using Painter = std::function<void(QPainter& painter, const QRectF& cell)>;

    explicit SymbolAtlas(int width = 1024, int maxSide = 4096);

    // Where symbol `key` is in the image; the first time, `paint` draws it into a `size` cell (the
    // painter is antialiased, the cell transparent). Returns an empty rect if `size` is empty or
    // larger than the atlas is wide.
    QRect symbol(quint64 key, QSize size, const Painter& paint);
    [[nodiscard]] bool contains(quint64 key) const;
    [[nodiscard]] const QImage& image() const { return m_image; }
    // Counts every change of image(): a view re-uploads its texture when it differs from the last seen.
    [[nodiscard]] quint64 revision() const { return m_revision; }
    [[nodiscard]] int symbolCount() const { return static_cast<int>(m_cells.size()); }
    void clear();

private:
    struct Shelf
    {
        int x;
        int y;
        int height;
    };
    bool grow(int neededHeight);
    QPoint place(QSize slot);

    QImage m_image;
    int m_maxSide;
    std::unordered_map<quint64, QRect> m_cells;
    int m_shelfX = 0;
    int m_shelfY = 0;
    int m_shelfHeight = 0;
    quint64 m_revision = 0;
    std::vector<Shelf> m_shelves; // closed shelves with room left on the right
};

} // namespace citybrain
