#pragma once

#include "coordinates.h"
#include "heatmap.h"
#include "mapnodes.h"
#include "mapsymbols.h"
#include "markerset.h"
#include "symbolatlas.h"

#include <QColor>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <array>
#include <memory>
#include <vector>

namespace citybrain {

class MapLayers;
class MapViewport;
class MbTilesSource;
class TileLoader;
class VectorTileSource;
struct VectorScene;

struct MapStyle
{
    QColor background { 0x0b, 0x16, 0x24 };
    QColor districtFill { 0x14, 0x2a, 0x40 };
    QColor districtBorder { 0x4a, 0x9e, 0xd6 };
    QColor outline { 0x8c, 0xc8, 0xf0 };
    QColor highlight { 0xff, 0xd0, 0x4a };
    QColor label { 0xe8, 0xf1, 0xfa };
    QColor area { 0xb3, 0x8c, 0xff };
    QColor camera { 0x9a, 0xd0, 0xc2 };
    QColor clusterCentre { 0x0b, 0x16, 0x24 };
    QColor text { 0xff, 0xff, 0xff };
    std::array<QColor, 4> severity { QColor(0x56, 0xb4, 0xe9), QColor(0xf0, 0xe4, 0x42), QColor(0xe6, 0x9f, 0x00),
        QColor(0xe5, 0x53, 0x3d) };
    std::array<QColor, 4> sensor { QColor(0x3d, 0xd6, 0x8c), QColor(0xf0, 0xb4, 0x29), QColor(0xff, 0x4d, 0x4d),
        QColor(0x8a, 0x94, 0xa3) };
    QString fontFamily = QStringLiteral("Noto Sans CJK SC");
    qreal labelPixelSize = 18;
    qreal markerScale = 1;
};

// What the map should show this frame, from the item's properties.
struct MapRequest
{
    const MapLayers* layers = nullptr;
    QStringList layerIds; // visible and shown, bottom to top
    QString highlightedDistrict;
    QString highlightedIncident;
    qreal pulse = 1;
    bool styleChanged = false;
};

// Turns the layers and the viewport into a MapFrame on the GUI thread (the map item's polish), keeping
// what it can between frames: tiles come from two TileLoaders (basemap, vector layers) on worker
// threads, point layers are re-clustered only when their markers, the integer zoom or the queried
// area change, labels and the heat image only when their inputs change. A pan moves nothing but the
// frame's translation unless new tiles or symbols come into view.
class MapFrameBuilder : public QObject
{
    Q_OBJECT

public:
    explicit MapFrameBuilder(QObject* parent = nullptr);
    ~MapFrameBuilder() override;

    // An MBTiles basemap (empty path: none). False and *error if it cannot be opened.
    bool setBasemap(const QString& path, Datum datum, QString* error);
    [[nodiscard]] Datum displayDatum() const;
    void setStyle(const MapStyle& style);
    [[nodiscard]] const MapStyle& style() const { return m_style; }

    // Fills `frame` for this viewport; returns true if its content (not only the pan) changed.
    bool build(const MapRequest& request, const MapViewport& view, MapFrame& frame);

    // What is drawn at an item position (see CityMapItem::featureAt), from the last built frame.
    [[nodiscard]] QVariantMap featureAt(
        const MapLayers* layers, const QPointF& itemPoint, const MapViewport& view) const;
    [[nodiscard]] QRectF labelRect(const QString& adcode, const MapViewport& view) const;
    // WGS-84 lon/lat -> world position in the display datum, and back.
    [[nodiscard]] QPointF toDisplayWorld(const QPointF& lonLat) const;
    [[nodiscard]] QPointF fromDisplayWorld(const QPointF& world) const;

    [[nodiscard]] int drawnSymbols() const { return m_drawnSymbols; }
    [[nodiscard]] int drawnTiles() const { return m_drawnTiles; }
    [[nodiscard]] int drawnLabels() const { return static_cast<int>(m_labels.size()); }
    [[nodiscard]] int symbolRebuilds() const { return m_symbolRebuilds; }
    // Visible tiles still being loaded (drawn from a coarser level, or not at all, meanwhile).
    [[nodiscard]] int missingTiles() const { return m_missingBasemap + m_missingOverlay; }

signals:
    // Tiles arrived: the map needs another frame.
    void contentArrived();

private:
    struct PointLayerCache
    {
        QString id;
        quint64 revision = ~quint64(0);
        int zoomLevel = -1;
        QRectF queried; // world rect the symbols were asked for (viewport plus a margin)
        std::vector<MapSymbol> symbols;
    };
    struct HitSymbol
    {
        QString layerId;
        int layerKind = 0;
        MapSymbol symbol;
        QPointF framePos;
        qreal radius = 0;
    };
    struct Label
    {
        QString adcode;
        QString name;
        QRectF frameRect;
        ImageDraw draw;
    };

    void rebuildVectorScene(const MapRequest& request);
    bool updateTiles(const MapViewport& view, TileLoader* loader, int minZoom, int maxZoom, int stepsPerZoom,
        quint64 tag, std::vector<ImageDraw>& out, QString& signature, int& missing);
    bool updatePointLayers(const MapRequest& request, const MapViewport& view);
    void buildSprites(const MapRequest& request, MapFrame& frame);
    void placeLabels(const MapRequest& request);
    bool updateHeat(const MapRequest& request, MapFrame& frame, bool rebased);
    [[nodiscard]] QPointF toFrame(const QPointF& world) const { return (world - m_refOrigin) * m_refScale; }
    QRect atlasMarker(SymbolShape shape, const QColor& fill, int sizePx);
    QRect atlasCluster(const std::array<int, 4>& byCategory, const std::array<QColor, 4>& colors, int sizePx);
    QRect atlasDigit(QChar digit, int sizePx);

    MapStyle m_style;
    SymbolAtlas m_atlas;
    std::unique_ptr<MbTilesSource> m_basemapSource;
    std::unique_ptr<TileLoader> m_basemap;
    std::unique_ptr<VectorTileSource> m_vectorSource;
    std::unique_ptr<TileLoader> m_overlay;
    quint64 m_overlayTag = 1;
    QString m_sceneSignature;
    QString m_basemapSignature;
    QString m_overlaySignature;
    bool m_tilesArrived = true;

    // Frame coordinates: (world - refOrigin) * refScale; re-based whenever the zoom changes.
    QPointF m_refOrigin;
    double m_refScale = 0;

    std::vector<PointLayerCache> m_pointLayers;
    std::vector<HitSymbol> m_hits;
    std::vector<Label> m_labels;
    QString m_labelSignature;
    quint64 m_heatRevision = ~quint64(0);
    HeatImage m_heat;
    quint64 m_contentRevision = 0;
    int m_drawnSymbols = 0;
    int m_drawnTiles = 0;
    int m_symbolRebuilds = 0;
    int m_missingBasemap = 0;
    int m_missingOverlay = 0;
};

} // namespace citybrain
