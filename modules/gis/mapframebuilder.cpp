#include "mapframebuilder.h"

#include "districtlayer.h"
#include "logging.h"
#include "maplayers.h"
#include "mapviewport.h"
#include "mbtiles.h"
#include "tileloader.h"
#include "vectortiles.h"
#include "webmercator.h"

#include <QFontMetricsF>
#include <QHashFunctions>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

constexpr quint64 basemapTag = 1;
constexpr quint64 labelTag = 3;
constexpr quint64 heatTag = 4;

quint64 drawKey(quint64 tag, quint64 value)
{
    return static_cast<quint64>(qHashMulti(0x5eed, tag, value));
}

bool isPointKind(MapLayers::Kind kind)
{
    return kind == MapLayers::Kind::Sensors || kind == MapLayers::Kind::Incidents || kind == MapLayers::Kind::Cameras
        || kind == MapLayers::Kind::Dynamic;
}

QString kindName(MapLayers::Kind kind)
{
    switch (kind) {
    case MapLayers::Kind::Sensors:
        return QStringLiteral("sensor");
    case MapLayers::Kind::Incidents:
        return QStringLiteral("incident");
    case MapLayers::Kind::Cameras:
        return QStringLiteral("camera");
    default:
        return QStringLiteral("feature");
    }
}

QColor propertyColor(const QJsonObject& properties, const char* key, const QColor& fallback)
{
    const QString text = properties.value(QLatin1String(key)).toString();
    // Only plain #rgb / #rrggbb: nothing else from a feed is interpreted.
    if ((text.size() == 4 || text.size() == 7) && text.startsWith(QLatin1Char('#'))) {
        const QColor color = QColor::fromString(text);
        if (color.isValid())
            return color;
    }
    return fallback;
}

qreal overlapArea(const QRectF& rect, const std::vector<QRectF>& placed)
{
    qreal area = 0;
    for (const QRectF& other : placed) {
        const QRectF common = rect.intersected(other);
        if (!common.isEmpty())
            area += common.width() * common.height();
    }
    return area;
}

bool polygonContains(const std::vector<QPolygonF>& rings, const QPointF& point)
{
    if (rings.empty() || !rings.front().containsPoint(point, Qt::OddEvenFill))
        return false;
    for (size_t i = 1; i < rings.size(); ++i) {
        if (rings[i].containsPoint(point, Qt::OddEvenFill))
            return false; // in a hole
    }
    return true;
}

} // namespace

MapFrameBuilder::MapFrameBuilder(QObject* parent)
    : QObject(parent)
    , m_vectorSource(std::make_unique<VectorTileSource>())
{
    m_overlay = std::make_unique<TileLoader>(m_vectorSource.get(), 48 * 1024 * 1024);
    connect(m_overlay.get(), &TileLoader::tilesLoaded, this, [this] {
        m_tilesArrived = true;
        Q_EMIT contentArrived();
    });
}

MapFrameBuilder::~MapFrameBuilder()
{
    // Loaders first: their workers call into the sources.
    m_overlay.reset();
    m_basemap.reset();
}

bool MapFrameBuilder::setBasemap(const QString& path, Datum datum, QString* error)
{
    m_basemap.reset();
    m_basemapSource.reset();
    m_basemapSignature.clear();
    if (!path.isEmpty()) {
        m_basemapSource = MbTilesSource::open(path, datum, error);
        if (!m_basemapSource)
            return false;
        m_basemap = std::make_unique<TileLoader>(m_basemapSource.get(), 48 * 1024 * 1024);
        connect(m_basemap.get(), &TileLoader::tilesLoaded, this, [this] {
            m_tilesArrived = true;
            Q_EMIT contentArrived();
        });
    }
    // The vector layers follow the basemap's datum so both line up.
    const Datum display = displayDatum();
    if (m_vectorSource->datum() != display) {
        m_overlay.reset();
        m_vectorSource = std::make_unique<VectorTileSource>(display);
        m_overlay = std::make_unique<TileLoader>(m_vectorSource.get(), 48 * 1024 * 1024);
        connect(m_overlay.get(), &TileLoader::tilesLoaded, this, [this] {
            m_tilesArrived = true;
            Q_EMIT contentArrived();
        });
    }
    m_sceneSignature.clear();
    m_overlaySignature.clear();
    m_labelSignature.clear();
    for (PointLayerCache& cache : m_pointLayers)
        cache.revision = ~quint64(0);
    return true;
}

Datum MapFrameBuilder::displayDatum() const
{
    return m_basemapSource ? m_basemapSource->datum() : Datum::Wgs84;
}

void MapFrameBuilder::setStyle(const MapStyle& style)
{
    m_style = style;
    m_atlas.clear();
    m_sceneSignature.clear();
    m_labelSignature.clear();
    for (PointLayerCache& cache : m_pointLayers)
        cache.revision = ~quint64(0);
}

QPointF MapFrameBuilder::toDisplayWorld(const QPointF& lonLat) const
{
    return WebMercator::toWorld(convertDatum(lonLat, Datum::Wgs84, displayDatum()));
}

QPointF MapFrameBuilder::fromDisplayWorld(const QPointF& world) const
{
    return convertDatum(WebMercator::toLonLat(world), displayDatum(), Datum::Wgs84);
}

bool MapFrameBuilder::build(const MapRequest& request, const MapViewport& view, MapFrame& frame)
{
    bool changed = false;
    bool rebased = false;
    if (request.styleChanged)
        changed = true;
    if (view.scale() != m_refScale) {
        // A zoom: frame coordinates are re-based and everything is placed again.
        m_refScale = view.scale();
        m_refOrigin = view.worldRect().topLeft();
        m_basemapSignature.clear();
        m_overlaySignature.clear();
        m_labelSignature.clear();
        rebased = true;
        changed = true;
    }
    frame.bounds = QRectF(QPointF(0, 0), view.size());
    frame.background = m_style.background;
    frame.translation = view.worldToScreen(m_refOrigin);
    frame.haloOpacity = std::clamp(request.pulse, 0.0, 1.0);

    rebuildVectorScene(request);
    const bool arrived = m_tilesArrived;
    m_tilesArrived = false;
    if (arrived) {
        m_basemapSignature.clear();
        m_overlaySignature.clear();
    }
    if (m_basemap)
        changed |= updateTiles(view, m_basemap.get(), m_basemapSource->minZoom(), m_basemapSource->maxZoom(), 1,
            basemapTag, frame.basemapTiles, m_basemapSignature, m_missingBasemap);
    else if (!frame.basemapTiles.empty()) {
        frame.basemapTiles.clear();
        m_missingBasemap = 0;
        changed = true;
    }
    changed |= updateTiles(
        view, m_overlay.get(), 0, 20, 4, m_overlayTag, frame.overlayTiles, m_overlaySignature, m_missingOverlay);

    const bool symbolsChanged = updatePointLayers(request, view) || changed;
    if (symbolsChanged) {
        buildSprites(request, frame);
        changed = true;
    }
    const QString labelSignature = QStringLiteral("%1|%2|%3")
                                       .arg(m_refScale)
                                       .arg(request.layerIds.contains(QStringLiteral("districts")))
                                       .arg(request.layers && request.layers->layer(QStringLiteral("districts"))
                                               ? request.layers->layer(QStringLiteral("districts"))->shapesRevision
                                               : 0);
    if (labelSignature != m_labelSignature) {
        m_labelSignature = labelSignature;
        placeLabels(request);
        frame.labels.clear();
        for (const Label& label : m_labels)
            frame.labels.push_back(label.draw);
        changed = true;
    }
    changed |= updateHeat(request, frame, rebased);

    m_drawnTiles = static_cast<int>(frame.basemapTiles.size() + frame.overlayTiles.size());
    if (changed) {
        frame.contentRevision = ++m_contentRevision;
        frame.atlas = m_atlas.image();
        frame.atlasRevision = m_atlas.revision();
    }
    return changed;
}

void MapFrameBuilder::rebuildVectorScene(const MapRequest& request)
{
    if (!request.layers)
        return;
    QString signature = request.highlightedDistrict + QLatin1Char('|') + datumName(displayDatum()) + QLatin1Char('|')
        + QString::number(m_basemap ? 1 : 0);
    for (const QString& id : request.layerIds) {
        const MapLayers::Layer* layer = request.layers->layer(id);
        if (layer && !layer->shapes.empty())
            signature += QStringLiteral("|%1:%2").arg(id).arg(layer->shapesRevision);
    }
    if (signature == m_sceneSignature)
        return;
    m_sceneSignature = signature;

    auto scene = std::make_shared<VectorScene>();
    const qreal lineScale = std::max<qreal>(0.5, m_style.markerScale);
    std::vector<VectorShape> highlighted; // drawn last, over their neighbours' borders
    for (const QString& id : request.layerIds) {
        const MapLayers::Layer* layer = request.layers->layer(id);
        if (!layer)
            continue;
        for (const GeoFeature& feature : layer->shapes) {
            VectorStyle style;
            bool isHighlighted = false;
            switch (layer->kind) {
            case MapLayers::Kind::Districts:
                style.fill = m_style.districtFill;
                if (m_basemap)
                    style.fill.setAlphaF(0.45f);
                style.stroke = m_style.districtBorder;
                style.strokePixels = 1.5 * lineScale;
                isHighlighted = !request.highlightedDistrict.isEmpty()
                    && feature.properties.value(QLatin1String("adcode")).toVariant().toString()
                        == request.highlightedDistrict;
                if (isHighlighted) {
                    style.fill = style.fill.lighter(150);
                    style.stroke = m_style.highlight;
                    style.strokePixels = 3.5 * lineScale;
                }
                break;
            case MapLayers::Kind::Outline:
                style.stroke = m_style.outline;
                style.strokePixels = 2.5 * lineScale;
                break;
            default: {
                QColor fill = propertyColor(feature.properties, "fill", m_style.area);
                fill.setAlphaF(0.28f);
                style.fill = fill;
                style.stroke = propertyColor(feature.properties, "stroke", m_style.area);
                style.strokePixels = 2 * lineScale;
                break;
            }
            }
            const auto addShape = [&](const std::vector<QPolygonF>& rings, bool closed) {
                VectorShape shape;
                shape.closed = closed;
                shape.style = style;
                if (!closed)
                    shape.style.fill = QColor();
                for (const QPolygonF& ring : rings) {
                    QPolygonF world;
                    world.reserve(ring.size());
                    for (const QPointF& lonLat : ring)
                        world.append(toDisplayWorld(lonLat));
                    shape.worldBounds |= world.boundingRect();
                    shape.rings.push_back(std::move(world));
                }
                (isHighlighted ? highlighted : scene->shapes).push_back(std::move(shape));
            };
            for (const std::vector<QPolygonF>& polygon : feature.polygons)
                addShape(polygon, true);
            if (!feature.lines.empty())
                addShape(feature.lines, false);
        }
    }
    for (VectorShape& shape : highlighted)
        scene->shapes.push_back(std::move(shape));
    m_vectorSource->setScene(scene);
    m_overlay->invalidate();
    ++m_overlayTag;
    m_overlaySignature.clear();
}

bool MapFrameBuilder::updateTiles(const MapViewport& view, TileLoader* loader, int minZoom, int maxZoom,
    int stepsPerZoom, quint64 tag, std::vector<ImageDraw>& out, QString& signature, int& missing)
{
    // The level nearest the view's zoom (in quarter steps for the vector layers, so a view resting on a
    // quarter step draws them pixel for pixel; the software renderer resamples a scaled tile slowly).
    const int steps = std::clamp(
        static_cast<int>(std::lround(view.zoom() * stepsPerZoom)), minZoom * stepsPerZoom, maxZoom * stepsPerZoom);
    const int z = steps / stepsPerZoom;
    const int quarter = (steps % stepsPerZoom) * (4 / stepsPerZoom);
    const TileId probe { z, 0, 0, quarter };
    const double perSide = probe.tilesPerSide();
    const int last = static_cast<int>(std::ceil(perSide)) - 1;
    const QRectF world = view.worldRect();
    const auto cell = [&](double v) { return std::clamp(static_cast<int>(std::floor(v * perSide)), 0, last); };
    const int x0 = cell(world.left());
    const int x1 = cell(world.right());
    const int y0 = cell(world.top());
    const int y1 = cell(world.bottom());
    const QString wanted
        = QStringLiteral("%1.%2/%3-%4/%5-%6/%7").arg(z).arg(quarter).arg(x0).arg(x1).arg(y0).arg(y1).arg(tag);
    if (wanted == signature)
        return false;
    signature = wanted;

    // Nearest the centre first: the loader works through them in this order.
    std::vector<TileId> tiles;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x)
            tiles.push_back({ z, x, y, quarter });
    }
    const QPointF centre = view.centerWorld() * perSide;
    std::sort(tiles.begin(), tiles.end(), [&](const TileId& a, const TileId& b) {
        const auto distance
            = [&](const TileId& t) { return std::hypot(t.x + 0.5 - centre.x(), t.y + 0.5 - centre.y()); };
        return distance(a) < distance(b);
    });
    loader->want(tiles);

    out.clear();
    missing = 0;
    for (const TileId& id : tiles) {
        const QRectF rect = id.worldRect();
        const QPointF topLeft = toFrame(rect.topLeft());
        const QPointF bottomRight = toFrame(rect.bottomRight());
        // Whole pixels: neighbouring tiles share their edges exactly, no hairline seams.
        const QRectF target(QPointF(std::round(topLeft.x()), std::round(topLeft.y())),
            QPointF(std::round(bottomRight.x()), std::round(bottomRight.y())));
        const QImage image = loader->cached(id);
        if (!image.isNull()) {
            out.push_back({ drawKey(tag, id.key()), image, target, QRectF(0, 0, image.width(), image.height()) });
            continue;
        }
        if (loader->isEmpty(id))
            continue;
        ++missing;
        // Not loaded yet: stretch the part of a loaded ancestor that covers it.
        for (int up = 1; up <= 4 && id.z - up >= minZoom; ++up) {
            const TileId ancestor { id.z - up, id.x >> up, id.y >> up, id.quarter };
            const QImage coarse = loader->cached(ancestor);
            if (coarse.isNull())
                continue;
            const qreal part = static_cast<qreal>(coarse.width()) / (1 << up);
            const QRectF source((id.x - (ancestor.x << up)) * part, (id.y - (ancestor.y << up)) * part, part, part);
            out.push_back({ drawKey(tag, ancestor.key()), coarse, target, source });
            break;
        }
    }
    return true;
}

bool MapFrameBuilder::updatePointLayers(const MapRequest& request, const MapViewport& view)
{
    bool changed = false;
    std::vector<PointLayerCache> caches;
    if (request.layers) {
        for (const QString& id : request.layerIds) {
            const MapLayers::Layer* layer = request.layers->layer(id);
            if (!layer || !isPointKind(layer->kind))
                continue;
            auto old = std::find_if(
                m_pointLayers.begin(), m_pointLayers.end(), [&](const PointLayerCache& c) { return c.id == id; });
            PointLayerCache cache;
            if (old != m_pointLayers.end())
                cache = std::move(*old);
            else
                changed = true;
            cache.id = id;
            // Bigger symbols (a wall's markerScale) need bigger cluster cells: cluster as if zoomed out.
            const double clusterZoom = view.zoom() - std::log2(std::max<qreal>(1, m_style.markerScale));
            const int level = static_cast<int>(std::floor(clusterZoom));
            const QRectF shown = view.worldRect();
            if (cache.revision != layer->markers.revision() || cache.zoomLevel != level
                || !cache.queried.contains(shown)) {
                // Ask for half a screen more on every side so a pan does not re-query at once.
                cache.queried
                    = shown.adjusted(-shown.width() / 2, -shown.height() / 2, shown.width() / 2, shown.height() / 2);
                cache.symbols = layer->markers.symbols(clusterZoom, cache.queried);
                cache.revision = layer->markers.revision();
                cache.zoomLevel = level;
                ++m_symbolRebuilds;
                changed = true;
            }
            caches.push_back(std::move(cache));
        }
    }
    if (caches.size() != m_pointLayers.size())
        changed = true;
    m_pointLayers = std::move(caches);
    return changed;
}

QRect MapFrameBuilder::atlasMarker(SymbolShape shape, const QColor& fill, int sizePx)
{
    const QColor outline = m_style.clusterCentre;
    return m_atlas.symbol(markerSymbolKey(shape, fill, outline, sizePx), QSize(sizePx, sizePx),
        [&](QPainter& painter, const QRectF& cell) {
            paintMarkerSymbol(painter, cell, shape, fill, outline, std::max(1.0, sizePx / 10.0));
        });
}

QRect MapFrameBuilder::atlasCluster(
    const std::array<int, 4>& byCategory, const std::array<QColor, 4>& colors, int sizePx)
{
    const std::array<int, 4> shares = quantizeShares(byCategory);
    quint32 palette = 0;
    for (const QColor& color : colors)
        palette = palette * 31 + color.rgba();
    return m_atlas.symbol(
        clusterSymbolKey(shares, palette, sizePx), QSize(sizePx, sizePx), [&](QPainter& painter, const QRectF& cell) {
            paintClusterRing(painter, cell, shares, colors, m_style.clusterCentre, sizePx * 0.16);
        });
}

QRect MapFrameBuilder::atlasDigit(QChar digit, int sizePx)
{
    const int width = std::max(4, static_cast<int>(std::lround(sizePx * 0.62)));
    return m_atlas.symbol(
        digitSymbolKey(digit, m_style.text, sizePx), QSize(width, sizePx), [&](QPainter& painter, const QRectF& cell) {
            paintDigitSymbol(painter, cell, digit, m_style.text, m_style.fontFamily);
        });
}

void MapFrameBuilder::buildSprites(const MapRequest& request, MapFrame& frame)
{
    frame.sprites.clear();
    frame.halos.clear();
    m_hits.clear();
    m_drawnSymbols = 0;
    if (!request.layers)
        return;
    const qreal s = std::max<qreal>(0.5, m_style.markerScale);
    const auto px = [s](qreal size) { return std::max(4, static_cast<int>(std::lround(size * s))); };
    const auto centred = [](const QPointF& at, qreal w, qreal h) {
        return QRectF(std::round(at.x() - w / 2), std::round(at.y() - h / 2), w, h);
    };
    const std::array<QColor, 4> cameraColors { m_style.camera, m_style.camera, m_style.camera, m_style.camera };
    const bool convert = displayDatum() != Datum::Wgs84;

    for (const PointLayerCache& cache : m_pointLayers) {
        const MapLayers::Layer* layer = request.layers->layer(cache.id);
        if (!layer)
            continue;
        const MarkerSet& markers = layer->markers;
        const MapLayers::Kind kind = layer->kind;
        std::array<QColor, 4> colors = m_style.sensor;
        std::array<SymbolShape, 4> shapes { SymbolShape::Dot, SymbolShape::Triangle, SymbolShape::Square,
            SymbolShape::HollowRing };
        std::array<int, 4> sizes { px(12), px(15), px(16), px(12) };
        if (kind == MapLayers::Kind::Incidents) {
            colors = m_style.severity;
            shapes = { SymbolShape::Dot, SymbolShape::RingedDot, SymbolShape::Triangle, SymbolShape::Diamond };
            sizes = { px(18), px(20), px(24), px(28) };
        } else if (kind == MapLayers::Kind::Cameras) {
            colors = cameraColors;
            shapes.fill(SymbolShape::Camera);
            sizes.fill(px(16));
        } else if (kind == MapLayers::Kind::Dynamic) {
            colors[0] = m_style.area;
            shapes[0] = SymbolShape::Dot;
        }

        for (const MapSymbol& symbol : cache.symbols) {
            const QPointF world = convert
                ? WebMercator::toWorld(convertDatum(WebMercator::toLonLat(symbol.world), Datum::Wgs84, displayDatum()))
                : symbol.world;
            const QPointF at = toFrame(world);
            HitSymbol hit { cache.id, static_cast<int>(kind), symbol, at, 0 };
            if (symbol.isCluster()) {
                const int size = px(symbol.count < 10 ? 30 : symbol.count < 100 ? 36 : symbol.count < 1000 ? 44 : 52);
                frame.sprites.push_back({ centred(at, size, size), atlasCluster(symbol.byCategory, colors, size) });
                const QString text = clusterCountText(symbol.count);
                const int digitHeight = std::max(6, static_cast<int>(std::lround(size * 0.4)));
                const int digitWidth = std::max(4, static_cast<int>(std::lround(digitHeight * 0.62)));
                qreal x = at.x() - digitWidth * text.size() / 2.0 + digitWidth / 2.0;
                for (const QChar digit : text) {
                    frame.sprites.push_back(
                        { centred(QPointF(x, at.y()), digitWidth, digitHeight), atlasDigit(digit, digitHeight) });
                    x += digitWidth;
                }
                if (symbol.pulse) {
                    const int halo = static_cast<int>(size * 1.5);
                    frame.halos.push_back({ centred(at, halo, halo),
                        atlasMarker(SymbolShape::Halo, colors[symbol.topCategory()], halo) });
                }
                hit.radius = size / 2.0;
            } else {
                const MarkerState& state = markers.stateAt(symbol.marker);
                const int category = std::clamp<int>(state.category, 0, 3);
                const int size = sizes[static_cast<size_t>(category)];
                if (state.pulse) {
                    const int halo = static_cast<int>(size * 2.2);
                    frame.halos.push_back({ centred(at, halo, halo),
                        atlasMarker(SymbolShape::Halo, colors[static_cast<size_t>(category)], halo) });
                }
                frame.sprites.push_back({ centred(at, size, size),
                    atlasMarker(shapes[static_cast<size_t>(category)], colors[static_cast<size_t>(category)], size) });
                if (kind == MapLayers::Kind::Incidents && !request.highlightedIncident.isEmpty()
                    && markers.idAt(symbol.marker) == request.highlightedIncident) {
                    const int ring = static_cast<int>(size * 1.9);
                    frame.sprites.push_back(
                        { centred(at, ring, ring), atlasMarker(SymbolShape::HollowRing, m_style.highlight, ring) });
                }
                hit.radius = size / 2.0;
            }
            m_hits.push_back(std::move(hit));
            ++m_drawnSymbols;
        }
    }
}

void MapFrameBuilder::placeLabels(const MapRequest& request)
{
    m_labels.clear();
    if (!request.layers || !request.layerIds.contains(QStringLiteral("districts")) || m_style.labelPixelSize <= 0)
        return;
    const MapLayers::Layer* layer = request.layers->layer(QStringLiteral("districts"));
    if (!layer)
        return;
    QFont font(m_style.fontFamily);
    font.setPixelSize(std::max(6, static_cast<int>(std::lround(m_style.labelPixelSize))));
    font.setBold(true);
    const QFontMetricsF metrics(font);
    const qreal halo = std::max<qreal>(2, m_style.labelPixelSize * 0.16);
    std::vector<QRectF> placed;
    const DistrictLayer& seats = DistrictLayer::xianyang();

    for (const GeoFeature& feature : layer->shapes) {
        const QString adcode = feature.properties.value(QLatin1String("adcode")).toVariant().toString();
        const QString name = feature.properties.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            continue;
        const District* district = seats.find(adcode);
        const QPointF anchorLonLat = district ? district->seat : feature.bounds.center();
        const QPointF anchor = toFrame(toDisplayWorld(anchorLonLat));
        const QRectF ink = metrics.tightBoundingRect(name);
        const QSizeF size(ink.width() + 2 * halo, ink.height() + 2 * halo);
        const qreal w = size.width();
        const qreal h = size.height();
        // Below the seat first, clear of the cluster ring usually drawn there, then around it.
        const qreal ring = 18 * std::max<qreal>(0.5, m_style.markerScale);
        const QPointF offsets[] = { { 0, ring + h / 2 }, { 0, -ring - h / 2 }, { w / 2 + ring, 0 },
            { -w / 2 - ring, 0 }, { 0, 0 }, { 0, ring + 1.5 * h }, { 0, -ring - 1.5 * h }, { w * 0.6, -h },
            { -w * 0.6, -h }, { w * 0.6, h }, { -w * 0.6, h } };
        QRectF best;
        qreal bestOverlap = -1;
        for (const QPointF& offset : offsets) {
            const QRectF candidate(
                QPointF(std::round(anchor.x() + offset.x() - w / 2), std::round(anchor.y() + offset.y() - h / 2)),
                size);
            const qreal area = overlapArea(candidate, placed);
            if (bestOverlap < 0 || area < bestOverlap) {
                best = candidate;
                bestOverlap = area;
            }
            if (area <= 0)
                break;
        }
        // Crowded (the whole city on a small map): a name that would cover another is left out.
        if (bestOverlap > 0.2 * w * h)
            continue;
        placed.push_back(best);

        QImage image(size.toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            QPainterPath path;
            path.addText(QPointF(halo - ink.left(), halo - ink.top()), font, name);
            QColor shadow = m_style.background;
            shadow.setAlphaF(0.85f);
            painter.strokePath(path, QPen(shadow, halo * 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.fillPath(path, m_style.label);
        }
        Label label;
        label.adcode = adcode;
        label.name = name;
        label.frameRect = best;
        label.draw = { drawKey(labelTag,
                           qHashMulti(0, name, m_style.labelPixelSize, m_style.label.rgba(), m_style.fontFamily)),
            image, best, QRectF(QPointF(0, 0), size) };
        m_labels.push_back(std::move(label));
    }
}

bool MapFrameBuilder::updateHeat(const MapRequest& request, MapFrame& frame, bool rebased)
{
    const MapLayers::Layer* layer = request.layers ? request.layers->layer(QStringLiteral("heat")) : nullptr;
    const bool shown = layer && request.layerIds.contains(QStringLiteral("heat"));
    const quint64 revision = shown ? layer->markers.revision() : ~quint64(0);
    if (revision == m_heatRevision && !rebased)
        return false;
    if (revision != m_heatRevision) {
        // Only new incidents redraw the density; a zoom just places the same image again.
        m_heatRevision = revision;
        m_heat = shown ? renderHeat(layer->markers) : HeatImage {};
    }
    frame.heat.clear();
    if (m_heat.image.isNull())
        return true;
    QRectF world = m_heat.worldRect;
    if (displayDatum() != Datum::Wgs84) {
        // The density is smooth at the scale of the datum shift: move the whole image by the centre's.
        world.translate(toDisplayWorld(WebMercator::toLonLat(world.center())) - world.center());
    }
    frame.heat.push_back(
        { drawKey(heatTag, revision), m_heat.image, QRectF(toFrame(world.topLeft()), toFrame(world.bottomRight())),
            QRectF(0, 0, m_heat.image.width(), m_heat.image.height()) });
    return true;
}

QVariantMap MapFrameBuilder::featureAt(const MapLayers* layers, const QPointF& itemPoint, const MapViewport& view) const
{
    const QPointF framePoint = itemPoint - view.worldToScreen(m_refOrigin);
    for (auto it = m_hits.rbegin(); it != m_hits.rend(); ++it) {
        const QPointF d = framePoint - it->framePos;
        const qreal reach = it->radius + 3;
        if (d.x() * d.x() + d.y() * d.y() > reach * reach)
            continue;
        const QPointF lonLat = WebMercator::toLonLat(it->symbol.world);
        QVariantMap feature { { QStringLiteral("layer"), it->layerId }, { QStringLiteral("lon"), lonLat.x() },
            { QStringLiteral("lat"), lonLat.y() } };
        const auto kind = static_cast<MapLayers::Kind>(it->layerKind);
        if (it->symbol.isCluster()) {
            feature.insert(QStringLiteral("kind"), QStringLiteral("cluster"));
            feature.insert(QStringLiteral("count"), it->symbol.count);
            QVariantList byCategory;
            for (const int count : it->symbol.byCategory)
                byCategory.append(count);
            feature.insert(QStringLiteral("byCategory"), byCategory);
            feature.insert(QStringLiteral("memberKind"), kindName(kind));
            return feature;
        }
        feature.insert(QStringLiteral("kind"), kindName(kind));
        feature.insert(QStringLiteral("cluster"), false);
        if (layers) {
            const MapLayers::Layer* layer = layers->layer(it->layerId);
            if (layer && it->symbol.marker >= 0 && it->symbol.marker < layer->markers.size()) {
                const QString id = layer->markers.idAt(it->symbol.marker);
                feature.insert(QStringLiteral("id"), id);
                feature.insert(QStringLiteral("category"), layer->markers.stateAt(it->symbol.marker).category);
                const auto point = layer->pointFeatures.constFind(id);
                if (point != layer->pointFeatures.cend())
                    feature.insert(QStringLiteral("properties"), point->properties.toVariantMap());
            }
        }
        return feature;
    }

    // No marker: the district under the point.
    if (layers && layers->isVisible(QStringLiteral("districts"))) {
        const MapLayers::Layer* districts = layers->layer(QStringLiteral("districts"));
        const QPointF lonLat = fromDisplayWorld(view.screenToWorld(itemPoint));
        if (districts) {
            for (const GeoFeature& district : districts->shapes) {
                if (!district.bounds.contains(lonLat))
                    continue;
                for (const std::vector<QPolygonF>& polygon : district.polygons) {
                    if (!polygonContains(polygon, lonLat))
                        continue;
                    const QString adcode = district.properties.value(QLatin1String("adcode")).toVariant().toString();
                    return { { QStringLiteral("layer"), QStringLiteral("districts") },
                        { QStringLiteral("kind"), QStringLiteral("district") }, { QStringLiteral("id"), adcode },
                        { QStringLiteral("adcode"), adcode },
                        { QStringLiteral("name"), district.properties.value(QLatin1String("name")).toString() },
                        { QStringLiteral("lon"), lonLat.x() }, { QStringLiteral("lat"), lonLat.y() } };
                }
            }
        }
    }
    return {};
}

QRectF MapFrameBuilder::labelRect(const QString& adcode, const MapViewport& view) const
{
    for (const Label& label : m_labels) {
        if (label.adcode == adcode)
            return label.frameRect.translated(view.worldToScreen(m_refOrigin));
    }
    return {};
}

} // namespace citybrain
