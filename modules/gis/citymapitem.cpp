#include "citymapitem.h"

#include "districtlayer.h"
#include "logging.h"
#include "mapframebuilder.h"
#include "maplayers.h"
#include "webmercator.h"

#include <QEasingCurve>
#include <QElapsedTimer>
#include <QQuickWindow>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

constexpr qreal dragThreshold = 6; // pixels before a press becomes a pan, not a click
constexpr int flightMs = 900;

std::array<QColor, 4> colorsFrom(const QVariantList& list, const std::array<QColor, 4>& fallback)
{
    std::array<QColor, 4> colors = fallback;
    for (int i = 0; i < std::min<int>(4, static_cast<int>(list.size())); ++i) {
        const QColor color = list.at(i).value<QColor>();
        if (color.isValid())
            colors[static_cast<size_t>(i)] = color;
    }
    return colors;
}

QVariantList listFrom(const std::array<QColor, 4>& colors)
{
    QVariantList list;
    for (const QColor& color : colors)
        list.append(color);
    return list;
}

} // namespace

CityMapItem::CityMapItem(QQuickItem* parent)
    : QQuickItem(parent)
    , m_builder(std::make_unique<MapFrameBuilder>())
{
    setFlag(ItemHasContents, true);
    setClip(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setAcceptTouchEvents(true);
    setActiveFocusOnTab(true);
    const MapStyle defaults;
    m_severityColors = defaults.severity;
    m_sensorColors = defaults.sensor;
    m_viewport.setZoomLimits(6, 19);
    m_viewport.setCenterWorld(WebMercator::toWorld(DistrictLayer::xianyang().bounds().center()));

    connect(this, &CityMapItem::styleChanged, this, &CityMapItem::styleTouched);
    connect(m_builder.get(), &MapFrameBuilder::contentArrived, this, &CityMapItem::contentChanged);

    m_flight.setDuration(flightMs);
    m_flight.setEasingCurve(QEasingCurve::InOutCubic);
    m_flight.setStartValue(0.0);
    m_flight.setEndValue(1.0);

    if (MapLayers* shared = MapLayers::instance())
        setLayers(shared);
}

CityMapItem::~CityMapItem() = default;

void CityMapItem::setLayers(MapLayers* layers)
{
    if (m_layers == layers)
        return;
    if (m_layers)
        disconnect(m_layers, nullptr, this, nullptr);
    m_layers = layers;
    if (m_layers)
        connect(m_layers, &MapLayers::layersChanged, this, &CityMapItem::contentChanged);
    contentChanged();
    Q_EMIT layersChanged();
}

void CityMapItem::setShownLayers(const QStringList& ids)
{
    if (m_shownLayers == ids)
        return;
    m_shownLayers = ids;
    contentChanged();
    Q_EMIT shownLayersChanged();
}

QPointF CityMapItem::center() const
{
    return m_builder->fromDisplayWorld(m_viewport.centerWorld());
}

void CityMapItem::setCenter(const QPointF& lonLat)
{
    if (!std::isfinite(lonLat.x()) || !std::isfinite(lonLat.y()))
        return;
    m_followCity = false; // an explicit place wins over showing the whole city
    stopFlight();
    m_viewport.setCenterWorld(m_builder->toDisplayWorld(lonLat));
    viewMoved();
}

void CityMapItem::setZoom(qreal zoom)
{
    stopFlight();
    m_followCity = false;
    const double before = m_viewport.zoom();
    m_viewport.setZoom(zoom);
    if (m_viewport.zoom() != before)
        viewMoved();
}

void CityMapItem::setMinZoom(qreal zoom)
{
    m_viewport.setZoomLimits(zoom, std::max<qreal>(zoom, m_viewport.maxZoom()));
    Q_EMIT zoomLimitsChanged();
    viewMoved();
}

void CityMapItem::setMaxZoom(qreal zoom)
{
    m_viewport.setZoomLimits(std::min<qreal>(zoom, m_viewport.minZoom()), zoom);
    Q_EMIT zoomLimitsChanged();
    viewMoved();
}

qreal CityMapItem::metersPerPixel() const
{
    return m_viewport.metersPerPixel();
}

void CityMapItem::setInteractive(bool interactive)
{
    if (m_interactive == interactive)
        return;
    m_interactive = interactive;
    setAcceptedMouseButtons(interactive ? Qt::LeftButton : Qt::NoButton);
    Q_EMIT interactiveChanged();
}

void CityMapItem::setHighlightedDistrict(const QString& adcode)
{
    if (m_highlightedDistrict == adcode)
        return;
    m_highlightedDistrict = adcode;
    contentChanged();
    Q_EMIT highlightedDistrictChanged();
}

void CityMapItem::setHighlightedIncident(const QString& id)
{
    if (m_highlightedIncident == id)
        return;
    m_highlightedIncident = id;
    m_styleDirty = true; // the ring is one of the sprites
    contentChanged();
    Q_EMIT highlightedIncidentChanged();
}

void CityMapItem::setPulse(qreal pulse)
{
    if (qFuzzyCompare(m_pulse, pulse))
        return;
    m_pulse = pulse;
    polish(); // only the halos' opacity changes
    update();
    Q_EMIT pulseChanged();
}

void CityMapItem::setBasemap(const QString& path)
{
    if (m_basemap == path)
        return;
    m_basemap = path;
    openBasemap();
}

void CityMapItem::setBasemapDatum(const QString& datum)
{
    if (m_basemapDatum == datum)
        return;
    m_basemapDatum = datum;
    openBasemap();
}

void CityMapItem::openBasemap()
{
    const QPointF centre = center();
    QString error;
    const std::optional<Datum> datum = datumFromName(m_basemapDatum);
    if (!datum)
        error = tr("Unknown basemap datum \"%1\" (use wgs84 or gcj02)").arg(m_basemapDatum);
    else if (!m_builder->setBasemap(m_basemap, *datum, &error))
        qCWarning(lcGis) << "basemap not shown:" << error;
    m_basemapError = error;
    // Keep looking at the same place on the ground in the new datum.
    m_viewport.setCenterWorld(m_builder->toDisplayWorld(centre));
    m_styleDirty = true;
    contentChanged();
    Q_EMIT basemapChanged();
}

QString CityMapItem::displayDatumName() const
{
    return datumName(m_builder->displayDatum());
}

QVariantList CityMapItem::severityColors() const
{
    return listFrom(m_severityColors);
}

void CityMapItem::setSeverityColors(const QVariantList& colors)
{
    m_severityColors = colorsFrom(colors, m_severityColors);
    Q_EMIT styleChanged();
}

QVariantList CityMapItem::sensorColors() const
{
    return listFrom(m_sensorColors);
}

void CityMapItem::setSensorColors(const QVariantList& colors)
{
    m_sensorColors = colorsFrom(colors, m_sensorColors);
    Q_EMIT styleChanged();
}

QPointF CityMapItem::project(double lon, double lat) const
{
    return m_viewport.worldToScreen(m_builder->toDisplayWorld(QPointF(lon, lat)));
}

QPointF CityMapItem::unproject(QPointF point) const
{
    return m_builder->fromDisplayWorld(m_viewport.screenToWorld(point));
}

QVariantMap CityMapItem::featureAt(QPointF point) const
{
    if (!m_layers)
        return {};
    return m_builder->featureAt(m_layers, point, m_viewport);
}

QRectF CityMapItem::labelRect(const QString& adcode) const
{
    return m_builder->labelRect(adcode, m_viewport);
}

void CityMapItem::fitBounds(const QRectF& lonLatBounds, qreal margin, bool animated)
{
    const QRectF lonLat = lonLatBounds.normalized();
    if (!lonLat.isValid() && lonLat.isNull())
        return;
    m_followCity = false;
    const QRectF world = QRectF(m_builder->toDisplayWorld(QPointF(lonLat.left(), lonLat.bottom())),
        m_builder->toDisplayWorld(QPointF(lonLat.right(), lonLat.top())))
                             .normalized();
    MapViewport target = m_viewport;
    target.fit(world, margin);
    // Down to a quarter step: the vector tiles are drawn at quarter steps, pixel for pixel.
    target.setZoom(std::floor(target.zoom() * 4 + 1e-6) / 4);
    if (animated) {
        const QPointF centre = m_builder->fromDisplayWorld(target.centerWorld());
        flyTo(centre.x(), centre.y(), target.zoom());
        return;
    }
    stopFlight();
    m_viewport = target;
    viewMoved();
}

void CityMapItem::fitCity(bool animated)
{
    const DistrictLayer& city = DistrictLayer::xianyang();
    QRectF bounds = city.bounds();
    if (m_layers) {
        // A deployment's own district layer decides what "the city" is.
        if (const MapLayers::Layer* districts = m_layers->layer(QStringLiteral("districts"))) {
            QRectF own;
            for (const GeoFeature& feature : districts->shapes)
                own |= feature.bounds;
            if (own.isValid())
                bounds = own;
        }
    }
    fitBounds(bounds, std::max<qreal>(12, std::min(width(), height()) * 0.03), animated);
    m_followCity = true;
}

void CityMapItem::flyTo(double lon, double lat, qreal zoom)
{
    if (!std::isfinite(lon) || !std::isfinite(lat))
        return;
    m_followCity = false;
    stopFlight();
    const QPointF fromWorld = m_viewport.centerWorld();
    const double fromZoom = m_viewport.zoom();
    const QPointF toWorld = m_builder->toDisplayWorld(QPointF(lon, lat));
    const double toZoom = zoom < 0 ? fromZoom : std::clamp<double>(zoom, m_viewport.minZoom(), m_viewport.maxZoom());
    if (!window() || !isVisible()) {
        m_viewport.setCenterWorld(toWorld);
        m_viewport.setZoom(toZoom);
        viewMoved();
        return;
    }
    QObject::connect(&m_flight, &QVariantAnimation::valueChanged, this,
        [this, fromWorld, fromZoom, toWorld, toZoom](const QVariant& value) {
            const double t = value.toDouble();
            m_viewport.setZoom(fromZoom + (toZoom - fromZoom) * t);
            m_viewport.setCenterWorld(fromWorld + (toWorld - fromWorld) * t);
            viewMoved();
        });
    m_flight.start();
}

bool CityMapItem::flyToIncident(const QString& id, qreal zoom)
{
    if (!m_layers)
        return false;
    const MapLayers::Layer* incidents = m_layers->layer(QStringLiteral("incidents"));
    const int index = incidents ? incidents->markers.indexOf(id) : -1;
    if (index < 0)
        return false;
    const QPointF lonLat = incidents->markers.stateAt(index).lonLat;
    flyTo(lonLat.x(), lonLat.y(), zoom);
    return true;
}

void CityMapItem::zoomBy(qreal steps, QPointF anchor)
{
    stopFlight();
    m_followCity = false;
    m_viewport.zoomAbout(steps, anchor);
    viewMoved();
}

void CityMapItem::panBy(qreal dx, qreal dy)
{
    stopFlight();
    m_followCity = false;
    m_viewport.panByPixels(QPointF(dx, dy));
    viewMoved();
}

void CityMapItem::stopFlight()
{
    if (m_flight.state() == QAbstractAnimation::Running)
        m_flight.stop();
    QObject::disconnect(&m_flight, &QVariantAnimation::valueChanged, this, nullptr);
}

void CityMapItem::viewMoved()
{
    m_frameDirty = true;
    polish();
    update();
    Q_EMIT viewChanged();
}

void CityMapItem::contentChanged()
{
    m_frameDirty = true;
    polish();
    update();
}

void CityMapItem::styleTouched()
{
    m_styleDirty = true;
    contentChanged();
}

QStringList CityMapItem::drawnLayerIds() const
{
    QStringList ids;
    if (!m_layers)
        return ids;
    // Areas under points, incidents on top of everything.
    static const MapLayers::Kind order[]
        = { MapLayers::Kind::Districts, MapLayers::Kind::Outline, MapLayers::Kind::Dynamic, MapLayers::Kind::Heat,
              MapLayers::Kind::Cameras, MapLayers::Kind::Sensors, MapLayers::Kind::Incidents };
    for (const MapLayers::Kind kind : order) {
        for (const auto& layer : m_layers->layers()) {
            if (layer->kind != kind || !layer->visible)
                continue;
            if (!m_shownLayers.isEmpty() && !m_shownLayers.contains(layer->id))
                continue;
            ids.append(layer->id);
        }
    }
    return ids;
}

void CityMapItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() == oldGeometry.size())
        return;
    m_viewport.setSize(newGeometry.size());
    // Until someone moves the map (or while it was last asked to show the whole city), a resize, such
    // as the alarm banner pushing the panels down, fits the city again.
    if (m_followCity && newGeometry.width() > 0 && newGeometry.height() > 0)
        fitCity();
    viewMoved();
}

void CityMapItem::itemChange(ItemChange change, const ItemChangeData& value)
{
    QQuickItem::itemChange(change, value);
    if (change == ItemSceneChange)
        contentChanged();
}

void CityMapItem::releaseResources()
{
    // The root node (with its textures) is deleted by the scene graph; nothing else lives there.
    m_frame.contentRevision = 0;
}

void CityMapItem::updatePolish()
{
    QElapsedTimer polishing;
    polishing.start();
    if (m_styleDirty) {
        MapStyle style;
        style.background = m_backgroundColor;
        style.districtFill = m_districtFill;
        style.districtBorder = m_districtBorder;
        style.outline = m_outlineColor;
        style.highlight = m_highlightColor;
        style.label = m_labelColor;
        style.area = m_areaColor;
        style.camera = m_cameraColor;
        style.clusterCentre = m_clusterCentre;
        style.text = m_textColor;
        style.severity = m_severityColors;
        style.sensor = m_sensorColors;
        style.fontFamily = m_fontFamily;
        style.labelPixelSize = m_labelPixelSize;
        style.markerScale = m_markerScale;
        m_builder->setStyle(style);
    }
    MapRequest request;
    request.layers = m_layers;
    request.layerIds = drawnLayerIds();
    request.highlightedDistrict = m_highlightedDistrict;
    request.highlightedIncident = m_highlightedIncident;
    request.pulse = m_pulse;
    request.styleChanged = m_styleDirty;
    m_styleDirty = false;
    m_frameDirty = false;
    m_builder->build(request, m_viewport, m_frame);
    m_polishNs = polishing.nsecsElapsed();

    const int symbols = m_builder->drawnSymbols();
    const int tiles = m_builder->drawnTiles();
    const int labels = m_builder->drawnLabels();
    const int rebuilds = m_builder->symbolRebuilds();
    if (symbols != m_drawnSymbols || tiles != m_drawnTiles || labels != m_drawnLabels || rebuilds != m_symbolRebuilds) {
        m_drawnSymbols = symbols;
        m_drawnTiles = tiles;
        m_drawnLabels = labels;
        m_symbolRebuilds = rebuilds;
        Q_EMIT frameStatsChanged();
    }
    if (m_cursorInside)
        updateHover(m_lastDragPos);
}

QSGNode* CityMapItem::updatePaintNode(QSGNode* oldNode, UpdatePaintNodeData*)
{
    auto* root = static_cast<MapRootNode*>(oldNode);
    if (width() <= 0 || height() <= 0) {
        delete root;
        return nullptr;
    }
    if (!root) {
        root = new MapRootNode;
        m_frame.contentRevision = m_frame.contentRevision == 0 ? 1 : m_frame.contentRevision;
    }
    QElapsedTimer syncing;
    syncing.start();
    root->sync(window(), m_frame);
    m_syncNs = syncing.nsecsElapsed();
    m_nodeCount = root->imageNodeCount();
    return root;
}

void CityMapItem::wheelEvent(QWheelEvent* event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    // One notch (120) is half a zoom step: fine enough for a wall operator's mouse.
    const qreal steps = event->angleDelta().y() / 240.0;
    if (steps != 0)
        zoomBy(steps, event->position());
    event->accept();
}

void CityMapItem::mousePressEvent(QMouseEvent* event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    if (activeFocusOnTab()) // a mini map beside a keyboard-driven queue leaves the keys to the queue
        forceActiveFocus(Qt::MouseFocusReason);
    stopFlight();
    m_pressPos = event->position();
    m_lastDragPos = event->position();
    m_dragging = false;
    event->accept();
}

void CityMapItem::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF position = event->position();
    if (!m_dragging && QLineF(position, m_pressPos).length() >= dragThreshold)
        m_dragging = true;
    if (m_dragging) {
        m_followCity = false;
        m_viewport.panByPixels(position - m_lastDragPos);
        viewMoved();
    }
    m_lastDragPos = position;
    event->accept();
}

void CityMapItem::mouseReleaseEvent(QMouseEvent* event)
{
    const bool click = !m_dragging;
    m_dragging = false;
    event->accept();
    if (!click)
        return;
    const QVariantMap feature = featureAt(event->position());
    if (feature.value(QStringLiteral("kind")).toString() == QLatin1String("cluster")) {
        // A cluster opens up: zoom in on it until its members stand apart.
        flyTo(feature.value(QStringLiteral("lon")).toDouble(), feature.value(QStringLiteral("lat")).toDouble(),
            std::floor(m_viewport.zoom()) + 2);
        return;
    }
    if (!feature.isEmpty())
        Q_EMIT featureClicked(feature);
}

void CityMapItem::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    zoomBy(1, event->position());
    event->accept();
}

void CityMapItem::hoverMoveEvent(QHoverEvent* event)
{
    m_lastDragPos = event->position();
    updateHover(event->position());
}

void CityMapItem::hoverLeaveEvent(QHoverEvent*)
{
    m_cursorInside = false;
    Q_EMIT cursorChanged();
    if (!m_hovered.isEmpty()) {
        m_hovered.clear();
        Q_EMIT hoveredFeatureChanged();
    }
}

void CityMapItem::updateHover(QPointF point)
{
    m_cursorInside = true;
    m_cursorLonLat = unproject(point);
    Q_EMIT cursorChanged();
    const QVariantMap feature = featureAt(point);
    const auto identity = [](const QVariantMap& f) {
        return f.value(QStringLiteral("layer")).toString() + QLatin1Char('/')
            + f.value(QStringLiteral("kind")).toString() + QLatin1Char('/') + f.value(QStringLiteral("id")).toString()
            + QLatin1Char('/') + f.value(QStringLiteral("count")).toString();
    };
    if (identity(feature) != identity(m_hovered)) {
        m_hovered = feature;
        Q_EMIT hoveredFeatureChanged();
    }
}

void CityMapItem::keyPressEvent(QKeyEvent* event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    const qreal step = std::min(width(), height()) / 6;
    const QPointF middle(width() / 2, height() / 2);
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(step, 0);
        break;
    case Qt::Key_Right:
        panBy(-step, 0);
        break;
    case Qt::Key_Up:
        panBy(0, step);
        break;
    case Qt::Key_Down:
        panBy(0, -step);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1, middle);
        break;
    case Qt::Key_Minus:
        zoomBy(-1, middle);
        break;
    case Qt::Key_0:
        fitCity(true);
        break;
    default:
        event->ignore();
        return;
    }
    event->accept();
}

void CityMapItem::touchEvent(QTouchEvent* event)
{
    if (!m_interactive) {
        event->ignore();
        return;
    }
    const QList<QEventPoint>& points = event->points();
    if (points.size() == 1) {
        const QEventPoint& point = points.first();
        if (point.state() == QEventPoint::Updated) {
            m_followCity = false;
            m_viewport.panByPixels(point.position() - point.lastPosition());
            viewMoved();
        }
        event->accept();
        return;
    }
    if (points.size() >= 2) {
        const QPointF a = points.at(0).position();
        const QPointF b = points.at(1).position();
        const qreal distance = QLineF(a, b).length();
        const QPointF middle = (a + b) / 2;
        if (event->isBeginEvent() || m_pinchStartDistance <= 0 || points.at(1).state() == QEventPoint::Pressed) {
            m_pinchStartDistance = distance;
            m_pinchStartZoom = m_viewport.zoom();
        } else if (distance > 0) {
            const qreal target = m_pinchStartZoom + std::log2(distance / m_pinchStartDistance);
            zoomBy(target - m_viewport.zoom(), middle);
            const QPointF lastMiddle = (points.at(0).lastPosition() + points.at(1).lastPosition()) / 2;
            panBy(middle.x() - lastMiddle.x(), middle.y() - lastMiddle.y());
        }
        if (event->isEndEvent())
            m_pinchStartDistance = 0;
        event->accept();
        return;
    }
    event->ignore();
}

} // namespace citybrain
