#pragma once

#include <QColor>
#include <QHash>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QSGNode>
#include <QSGRenderNode>
#include <QSGTexture>
#include <QtGlobal>

#include <vector>

class QQuickWindow;
class QSGImageNode;
class QSGOpacityNode;
class QSGRectangleNode;
class QSGTransformNode;

namespace citybrain {

// One image to draw: a tile, a label or the heat layer. `target` is in frame coordinates (screen
// pixels relative to MapFrame::translation), `source` in the image's pixels.
struct ImageDraw
{
    quint64 key = 0; // identifies the image's content: equal keys, same pixels
    QImage image;
    QRectF target;
    QRectF source;
};

// A symbol from the atlas.
struct SpriteDraw
{
    QRectF target;
    QRectF source;
};

// Everything one frame of the map shows, prepared on the GUI thread (polish) and read by the render
// thread in updatePaintNode while the GUI thread waits. Panning changes only `translation`.
struct MapFrame
{
    QRectF bounds; // the item
    QColor background;
    QPointF translation; // where frame coordinate (0, 0) is on the item
    quint64 contentRevision = 0; // bumped whenever anything below but translation/haloOpacity changed
    std::vector<ImageDraw> basemapTiles;
    std::vector<ImageDraw> overlayTiles;
    std::vector<ImageDraw> heat; // zero or one
    std::vector<ImageDraw> labels;
    QImage atlas;
    quint64 atlasRevision = 0;
    std::vector<SpriteDraw> halos;
    qreal haloOpacity = 1;
    std::vector<SpriteDraw> sprites; // every point layer, bottom to top, all from the atlas
};

// Software renderer only: one node that paints a whole group of images with QPainter. The software
// renderer spends tens of microseconds per node on dirty-region bookkeeping, so thousands of symbol
// nodes would cost a 4K frame far more than painting them; hardware renderers batch image nodes that
// share a texture into one draw call and keep using those.
// Its dirty rectangle is the whole map, so a batch that changes every frame repaints the whole map every
// frame: the pulsing halos are image nodes of their own (MapRootNode::maxSoftwareHaloNodes).
class PainterBatchNode : public QSGRenderNode
{
public:
    explicit PainterBatchNode(QQuickWindow* window);

    void setImages(const std::vector<ImageDraw>& draws, bool smooth);
    void setSprites(const QImage& atlas, const std::vector<SpriteDraw>& draws);
    // Where frame coordinate (0, 0) is in the item, and the item's rectangle (the clip).
    void setPlacement(const QPointF& translation, const QRectF& itemRect);

    void render(const RenderState* state) override;
    [[nodiscard]] StateFlags changedStates() const override { return BlendState; }
    [[nodiscard]] RenderingFlags flags() const override { return BoundedRectRendering; }
    [[nodiscard]] QRectF rect() const override { return m_itemRect; } // item coordinates

private:
    QQuickWindow* m_window;
    std::vector<ImageDraw> m_images;
    QImage m_atlas;
    std::vector<SpriteDraw> m_sprites;
    QPointF m_translation;
    QRectF m_itemRect;
    bool m_smooth = true;
};

// The map's scene-graph subtree: a background, then under one transform node (the pan) a group per
// layer holding image nodes. Owns its textures, so they die on the render thread with the node.
class MapRootNode : public QSGNode
{
public:
    MapRootNode();
    ~MapRootNode() override;

    // Brings the nodes in line with the frame: a pan only moves the transform, a new content
    // revision re-uses the existing image nodes (more are made or dropped as counts change).
    void sync(QQuickWindow* window, const MapFrame& frame);
    [[nodiscard]] int imageNodeCount() const;

    // With the software renderer, up to this many halos are image nodes of their own, so that their pulse
    // (an opacity change at every frame while an incident waits for acknowledgement) repaints only the
    // halos, not the whole map under one batch. More than this: one batch (a full repaint is then cheaper
    // than the per-node bookkeeping).
    static constexpr size_t maxSoftwareHaloNodes = 200;

private:
    struct Group
    {
        QSGNode* node = nullptr;
        std::vector<QSGImageNode*> images; // hardware renderers
        PainterBatchNode* batch = nullptr; // the software renderer
    };

    PainterBatchNode* batchOf(QQuickWindow* window, Group& group);

    void syncContent(QQuickWindow* window, const MapFrame& frame);
    void syncImages(QQuickWindow* window, Group& group, const std::vector<ImageDraw>& draws, bool smooth);
    void syncSprites(QQuickWindow* window, Group& group, const std::vector<SpriteDraw>& draws);
    void syncSoftwareHalos(QQuickWindow* window, const MapFrame& frame);
    void syncAtlas(QQuickWindow* window, const MapFrame& frame);
    QSGTexture* texture(QQuickWindow* window, const ImageDraw& draw);
    static void resize(Group& group, size_t count);
    static void place(QQuickWindow* window, Group& group, size_t index, QSGTexture* texture, const QRectF& target,
        const QRectF& source, QSGTexture::Filtering filtering);

    QSGRectangleNode* m_background = nullptr;
    QSGTransformNode* m_pan = nullptr;
    Group m_basemap;
    Group m_overlay;
    Group m_heat;
    Group m_labels;
    QSGOpacityNode* m_haloOpacity = nullptr;
    Group m_halos;
    Group m_sprites;
    bool m_software = false;
    QPointF m_haloTranslation; // the software renderer's halo nodes are placed with the pan included
    quint64 m_content = ~quint64(0);
    quint64 m_atlasRevision = ~quint64(0);
    QSGTexture* m_atlas = nullptr;
    // Image textures by key, kept while some frame uses them.
    QHash<quint64, QSGTexture*> m_textures;
};

} // namespace citybrain
