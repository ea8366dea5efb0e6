#include "mapnodes.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGOpacityNode>
#include <QSGRectangleNode>
#include <QSGRendererInterface>
#include <QSGTexture>
#include <QSGTransformNode>

#include <QSet>

namespace citybrain {

PainterBatchNode::PainterBatchNode(QQuickWindow* window)
    : m_window(window)
{ }

void PainterBatchNode::setImages(const std::vector<ImageDraw>& draws, bool smooth)
{
    m_images = draws;
    m_smooth = smooth;
    markDirty(QSGNode::DirtyMaterial);
}

void PainterBatchNode::setSprites(const QImage& atlas, const std::vector<SpriteDraw>& draws)
{
    m_atlas = atlas;
    m_sprites = draws;
    markDirty(QSGNode::DirtyMaterial);
}

void PainterBatchNode::setPlacement(const QPointF& translation, const QRectF& itemRect)
{
    if (m_translation == translation && m_itemRect == itemRect)
        return;
    m_translation = translation;
    m_itemRect = itemRect;
    markDirty(QSGNode::DirtyMaterial);
}

void PainterBatchNode::render(const RenderState* state)
{
    auto* painter = static_cast<QPainter*>(
        m_window->rendererInterface()->getResource(m_window, QSGRendererInterface::PainterResource));
    if (!painter)
        return;
    const QRegion* clip = state->clipRegion();
    if (clip && !clip->isEmpty())
        painter->setClipRegion(*clip, Qt::ReplaceClip); // before the transform: the region is in window pixels
    // matrix() places the item; the pan is applied here rather than by a transform node above, because
    // Qt 6.4's software renderer drops the item's position from matrix() when it updates a subtree under
    // a transform node that changed.
    painter->setTransform(matrix()->toTransform());
    // The item clips its children, but a render node paints wherever its painter reaches: keep to the map.
    painter->setClipRect(m_itemRect, Qt::IntersectClip);
    painter->translate(m_translation);
    painter->setOpacity(inheritedOpacity());
    painter->setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    for (const ImageDraw& draw : m_images)
        painter->drawImage(draw.target, draw.image, draw.source);
    for (const SpriteDraw& draw : m_sprites)
        painter->drawImage(draw.target, m_atlas, draw.source);
}

MapRootNode::MapRootNode()
{
    m_pan = new QSGTransformNode;
    for (Group* group : { &m_basemap, &m_overlay, &m_heat }) {
        group->node = new QSGNode;
        m_pan->appendChildNode(group->node);
    }
    m_haloOpacity = new QSGOpacityNode;
    m_halos.node = new QSGNode;
    m_haloOpacity->appendChildNode(m_halos.node);
    m_pan->appendChildNode(m_haloOpacity);
    m_sprites.node = new QSGNode;
    m_pan->appendChildNode(m_sprites.node);
    // Names on top, with their dark halo: a cluster at a district seat must not hide the district's name.
    m_labels.node = new QSGNode;
    m_pan->appendChildNode(m_labels.node);
}

MapRootNode::~MapRootNode()
{
    // Child nodes are deleted by QSGNode (OwnedByParent); the textures are ours.
    qDeleteAll(m_textures);
    delete m_atlas;
}

int MapRootNode::imageNodeCount() const
{
    size_t count = 0;
    for (const Group* group : { &m_basemap, &m_overlay, &m_heat, &m_labels, &m_halos, &m_sprites })
        count += group->images.size() + (group->batch ? 1 : 0);
    return static_cast<int>(count);
}

void MapRootNode::resize(Group& group, size_t count)
{
    while (group.images.size() > count) {
        QSGImageNode* node = group.images.back();
        group.images.pop_back();
        group.node->removeChildNode(node);
        delete node;
    }
}

void MapRootNode::place(QQuickWindow* window, Group& group, size_t index, QSGTexture* texture, const QRectF& target,
    const QRectF& source, QSGTexture::Filtering filtering)
{
    if (index < group.images.size()) {
        QSGImageNode* node = group.images[index];
        if (node->texture() != texture)
            node->setTexture(texture);
        node->setFiltering(filtering);
        node->setRect(target);
        node->setSourceRect(source);
        return;
    }
    // A node joins the tree only once it has a texture: the software renderer reads it at once.
    QSGImageNode* node = window->createImageNode();
    node->setOwnsTexture(false);
    node->setTexture(texture);
    node->setFiltering(filtering);
    node->setRect(target);
    node->setSourceRect(source);
    group.node->appendChildNode(node);
    group.images.push_back(node);
}

QSGTexture* MapRootNode::texture(QQuickWindow* window, const ImageDraw& draw)
{
    QSGTexture*& texture = m_textures[draw.key];
    if (!texture)
        texture = window->createTextureFromImage(draw.image);
    return texture;
}

PainterBatchNode* MapRootNode::batchOf(QQuickWindow* window, Group& group)
{
    if (!group.batch) {
        group.batch = new PainterBatchNode(window);
        group.node->appendChildNode(group.batch);
    }
    return group.batch;
}

void MapRootNode::syncImages(QQuickWindow* window, Group& group, const std::vector<ImageDraw>& draws, bool smooth)
{
    if (m_software) {
        batchOf(window, group)->setImages(draws, smooth);
        return;
    }
    resize(group, draws.size());
    for (size_t i = 0; i < draws.size(); ++i) {
        place(window, group, i, texture(window, draws[i]), draws[i].target, draws[i].source,
            smooth ? QSGTexture::Linear : QSGTexture::Nearest);
    }
}

void MapRootNode::syncSprites(QQuickWindow* window, Group& group, const std::vector<SpriteDraw>& draws)
{
    resize(group, draws.size());
    for (size_t i = 0; i < draws.size(); ++i)
        place(window, group, i, m_atlas, draws[i].target, draws[i].source, QSGTexture::Linear);
}

void MapRootNode::syncAtlas(QQuickWindow* window, const MapFrame& frame)
{
    if (frame.atlasRevision == m_atlasRevision && m_atlas)
        return;
    // Every sprite node points at the old atlas: switch them before deleting it.
    QSGTexture* atlas = frame.atlas.isNull() ? nullptr : window->createTextureFromImage(frame.atlas);
    if (!atlas) {
        resize(m_halos, 0);
        resize(m_sprites, 0);
    }
    for (Group* group : { &m_halos, &m_sprites }) {
        for (QSGImageNode* node : group->images)
            node->setTexture(atlas);
    }
    delete m_atlas;
    m_atlas = atlas;
    m_atlasRevision = frame.atlasRevision;
}

void MapRootNode::syncSoftwareHalos(QQuickWindow* window, const MapFrame& frame)
{
    m_haloTranslation = frame.translation;
    if (frame.halos.size() > maxSoftwareHaloNodes || !m_atlas) {
        resize(m_halos, 0);
        batchOf(window, m_halos)->setSprites(frame.atlas, frame.halos);
        return;
    }
    if (m_halos.batch) {
        m_halos.node->removeChildNode(m_halos.batch);
        delete m_halos.batch;
        m_halos.batch = nullptr;
    }
    // The pan is not a transform here (see PainterBatchNode::render): each halo carries it, cut to the map
    // as the batch's clip would.
    std::vector<SpriteDraw> placed;
    placed.reserve(frame.halos.size());
    for (const SpriteDraw& halo : frame.halos) {
        const QRectF target = halo.target.translated(frame.translation);
        const QRectF shown = target.intersected(frame.bounds);
        if (shown.isEmpty())
            continue;
        const double sx = halo.source.width() / target.width();
        const double sy = halo.source.height() / target.height();
        placed.push_back({ shown,
            QRectF(halo.source.x() + (shown.x() - target.x()) * sx, halo.source.y() + (shown.y() - target.y()) * sy,
                shown.width() * sx, shown.height() * sy) });
    }
    syncSprites(window, m_halos, placed);
}

void MapRootNode::sync(QQuickWindow* window, const MapFrame& frame)
{
    if (!m_background) {
        m_background = window->createRectangleNode();
        prependChildNode(m_background);
        appendChildNode(m_pan);
    }
    if (m_background->rect() != frame.bounds)
        m_background->setRect(frame.bounds);
    if (m_background->color() != frame.background)
        m_background->setColor(frame.background);

    if (!qFuzzyCompare(m_haloOpacity->opacity(), frame.haloOpacity))
        m_haloOpacity->setOpacity(frame.haloOpacity);
    QMatrix4x4 pan;
    pan.translate(static_cast<float>(frame.translation.x()), static_cast<float>(frame.translation.y()));
    const bool contentChanged = frame.contentRevision != m_content;
    if (contentChanged)
        syncContent(window, frame);
    else if (m_software && frame.translation != m_haloTranslation)
        syncSoftwareHalos(window, frame);
    // After the content: the software renderer places nodes added under the pan with the pan as it last
    // saw it, so the matrix is (re)set once the children are in.
    if (m_software) {
        for (Group* group : { &m_basemap, &m_overlay, &m_heat, &m_labels, &m_halos, &m_sprites }) {
            if (group->batch)
                group->batch->setPlacement(frame.translation, frame.bounds);
        }
    } else if (contentChanged || m_pan->matrix() != pan) {
        m_pan->setMatrix(pan);
        m_pan->markDirty(QSGNode::DirtyMatrix);
    }
}

void MapRootNode::syncContent(QQuickWindow* window, const MapFrame& frame)
{
    m_content = frame.contentRevision;
    m_software = window->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
    syncAtlas(window, frame);
    if (m_software) {
        syncImages(window, m_basemap, frame.basemapTiles, true);
        syncImages(window, m_overlay, frame.overlayTiles, true);
        syncImages(window, m_heat, frame.heat, true);
        syncImages(window, m_labels, frame.labels, false);
        syncSoftwareHalos(window, frame);
        batchOf(window, m_sprites)->setSprites(frame.atlas, frame.sprites);
        return;
    }

    syncImages(window, m_basemap, frame.basemapTiles, true);
    syncImages(window, m_overlay, frame.overlayTiles, true);
    syncImages(window, m_heat, frame.heat, true);
    syncImages(window, m_labels, frame.labels, false);
    if (m_atlas) {
        syncSprites(window, m_halos, frame.halos);
        syncSprites(window, m_sprites, frame.sprites);
    } else {
        resize(m_halos, 0);
        resize(m_sprites, 0);
    }

    // Textures no image node uses any more.
    QSet<quint64> used;
    for (const auto* draws : { &frame.basemapTiles, &frame.overlayTiles, &frame.heat, &frame.labels }) {
        for (const ImageDraw& draw : *draws)
            used.insert(draw.key);
    }
    for (auto it = m_textures.begin(); it != m_textures.end();) {
        if (used.contains(it.key())) {
            ++it;
        } else {
            delete it.value();
            it = m_textures.erase(it);
        }
    }
}

} // namespace citybrain
