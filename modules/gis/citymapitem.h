#pragma once

#include "coordinates.h"
#include "mapnodes.h"
#include "mapviewport.h"

#include <QColor>
#include <QPointF>
#include <QPointer>
#include <QQuickItem>
#include <QStringList>
#include <QVariantAnimation>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <array>
#include <atomic>
#include <memory>
#include <vector>

namespace citybrain {

class MapFrameBuilder;
class MapLayers;

// The city map: a scene-graph item that draws every MapLayers layer itself, one node per layer.
// Polygons and lines (districts, city outline, dynamic GeoJSON areas) and the optional MBTiles
// basemap are tiles rendered off the GUI thread; point layers (sensors, incidents, cameras, dynamic
// points) are clustered per zoom level and drawn as sprites from one symbol atlas; district names
// are placed without overlaps. Panning moves finished tiles and symbols; only a zoom step or a data
// change rebuilds what it touches. Never a QQuickItem per marker.
//
// Interaction: wheel zooms about the cursor, drag pans, double click zooms in, a click on a cluster
// expands it, arrow keys pan, +/- zoom, 0 fits the city; two-finger pinch zooms. Coordinates at the
// QML boundary are WGS-84 lon/lat; when the basemap is GCJ-02 every layer is drawn shifted to match.
class CityMapItem : public QQuickItem
{
    Q_OBJECT
    QML_NAMED_ELEMENT(CityMap)
    Q_MOC_INCLUDE("maplayers.h")

    Q_PROPERTY(MapLayers* layers READ layers WRITE setLayers NOTIFY layersChanged)
    // Layer ids this view draws (empty: every visible layer). A mini map shows a subset.
    Q_PROPERTY(QStringList shownLayers READ shownLayers WRITE setShownLayers NOTIFY shownLayersChanged)
    Q_PROPERTY(QPointF center READ center WRITE setCenter NOTIFY viewChanged) // lon, lat
    Q_PROPERTY(qreal zoom READ zoom WRITE setZoom NOTIFY viewChanged)
    Q_PROPERTY(qreal minZoom READ minZoom WRITE setMinZoom NOTIFY zoomLimitsChanged)
    Q_PROPERTY(qreal maxZoom READ maxZoom WRITE setMaxZoom NOTIFY zoomLimitsChanged)
    Q_PROPERTY(qreal metersPerPixel READ metersPerPixel NOTIFY viewChanged) // at the centre
    Q_PROPERTY(bool interactive READ interactive WRITE setInteractive NOTIFY interactiveChanged)
    // Lon/lat under the mouse (WGS-84), and whether the mouse is over the map.
    Q_PROPERTY(QPointF cursorCoordinate READ cursorCoordinate NOTIFY cursorChanged)
    Q_PROPERTY(bool cursorInside READ cursorInside NOTIFY cursorChanged)
    // The feature under the mouse (see featureAt), empty when none.
    Q_PROPERTY(QVariantMap hoveredFeature READ hoveredFeature NOTIFY hoveredFeatureChanged)
    Q_PROPERTY(QString highlightedDistrict READ highlightedDistrict WRITE setHighlightedDistrict NOTIFY
            highlightedDistrictChanged)
    // An incident to mark with a highlight ring (the focused or selected one).
    Q_PROPERTY(QString highlightedIncident READ highlightedIncident WRITE setHighlightedIncident NOTIFY
            highlightedIncidentChanged)
    // 0..1: the opacity of the halos behind pulsing markers; QML animates it (no geometry rebuild).
    Q_PROPERTY(qreal pulse READ pulse WRITE setPulse NOTIFY pulseChanged)
    // An offline MBTiles basemap (empty: none; the vector layers stand alone) and the datum its tiles
    // are drawn in ("wgs84" or "gcj02"). basemapError says why a basemap did not open.
    Q_PROPERTY(QString basemap READ basemap WRITE setBasemap NOTIFY basemapChanged)
    Q_PROPERTY(QString basemapDatum READ basemapDatum WRITE setBasemapDatum NOTIFY basemapChanged)
    Q_PROPERTY(QString basemapError READ basemapError NOTIFY basemapChanged)
    Q_PROPERTY(QString displayDatum READ displayDatumName NOTIFY basemapChanged)

    // Looks, from the Theme.
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY styleChanged)
    Q_PROPERTY(QColor districtFill MEMBER m_districtFill NOTIFY styleChanged)
    Q_PROPERTY(QColor districtBorder MEMBER m_districtBorder NOTIFY styleChanged)
    Q_PROPERTY(QColor outlineColor MEMBER m_outlineColor NOTIFY styleChanged)
    Q_PROPERTY(QColor highlightColor MEMBER m_highlightColor NOTIFY styleChanged)
    Q_PROPERTY(QColor labelColor MEMBER m_labelColor NOTIFY styleChanged)
    Q_PROPERTY(QColor areaColor MEMBER m_areaColor NOTIFY styleChanged) // dynamic GeoJSON polygons and lines
    Q_PROPERTY(QColor cameraColor MEMBER m_cameraColor NOTIFY styleChanged)
    Q_PROPERTY(QColor clusterCentre MEMBER m_clusterCentre NOTIFY styleChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY styleChanged)
    Q_PROPERTY(QVariantList severityColors READ severityColors WRITE setSeverityColors NOTIFY styleChanged)
    Q_PROPERTY(QVariantList sensorColors READ sensorColors WRITE setSensorColors NOTIFY styleChanged)
    Q_PROPERTY(QString fontFamily MEMBER m_fontFamily NOTIFY styleChanged)
    Q_PROPERTY(qreal labelPixelSize MEMBER m_labelPixelSize NOTIFY styleChanged)
    Q_PROPERTY(qreal markerScale MEMBER m_markerScale NOTIFY styleChanged)

    // What the last frame drew (tests, benchmark, health panel).
    Q_PROPERTY(int drawnSymbols READ drawnSymbols NOTIFY frameStatsChanged)
    Q_PROPERTY(int drawnTiles READ drawnTiles NOTIFY frameStatsChanged)
    Q_PROPERTY(int drawnLabels READ drawnLabels NOTIFY frameStatsChanged)
    // Visible tiles still on their way from the tile worker.
    Q_PROPERTY(bool loadingTiles READ isLoadingTiles NOTIFY frameStatsChanged)
    Q_PROPERTY(int symbolRebuilds READ symbolRebuilds NOTIFY frameStatsChanged)
    // Time the last frame spent preparing (polish, GUI thread) and syncing nodes (GUI thread blocked).
    Q_PROPERTY(double polishMs READ polishMs NOTIFY frameStatsChanged)
    Q_PROPERTY(double syncMs READ syncMs NOTIFY frameStatsChanged)

public:
    explicit CityMapItem(QQuickItem* parent = nullptr);
    ~CityMapItem() override;

    [[nodiscard]] MapLayers* layers() const { return m_layers; }
    void setLayers(MapLayers* layers);
    [[nodiscard]] QStringList shownLayers() const { return m_shownLayers; }
    void setShownLayers(const QStringList& ids);
    [[nodiscard]] QPointF center() const;
    void setCenter(const QPointF& lonLat);
    [[nodiscard]] qreal zoom() const { return m_viewport.zoom(); }
    void setZoom(qreal zoom);
    [[nodiscard]] qreal minZoom() const { return m_viewport.minZoom(); }
    void setMinZoom(qreal zoom);
    [[nodiscard]] qreal maxZoom() const { return m_viewport.maxZoom(); }
    void setMaxZoom(qreal zoom);
    [[nodiscard]] qreal metersPerPixel() const;
    [[nodiscard]] bool interactive() const { return m_interactive; }
    void setInteractive(bool interactive);
    [[nodiscard]] QPointF cursorCoordinate() const { return m_cursorLonLat; }
    [[nodiscard]] bool cursorInside() const { return m_cursorInside; }
    [[nodiscard]] QVariantMap hoveredFeature() const { return m_hovered; }
    [[nodiscard]] QString highlightedDistrict() const { return m_highlightedDistrict; }
    void setHighlightedDistrict(const QString& adcode);
    [[nodiscard]] QString highlightedIncident() const { return m_highlightedIncident; }
    void setHighlightedIncident(const QString& id);
    [[nodiscard]] qreal pulse() const { return m_pulse; }
    void setPulse(qreal pulse);
    [[nodiscard]] QString basemap() const { return m_basemap; }
    void setBasemap(const QString& path);
    [[nodiscard]] QString basemapDatum() const { return m_basemapDatum; }
    void setBasemapDatum(const QString& datum);
    [[nodiscard]] QString basemapError() const { return m_basemapError; }
    [[nodiscard]] QString displayDatumName() const;
    [[nodiscard]] QVariantList severityColors() const;
    void setSeverityColors(const QVariantList& colors);
    [[nodiscard]] QVariantList sensorColors() const;
    void setSensorColors(const QVariantList& colors);
    [[nodiscard]] int drawnSymbols() const { return m_drawnSymbols; }
    [[nodiscard]] int drawnTiles() const { return m_drawnTiles; }
    [[nodiscard]] int drawnLabels() const { return m_drawnLabels; }
    [[nodiscard]] int symbolRebuilds() const { return m_symbolRebuilds; }
    [[nodiscard]] bool isLoadingTiles() const { return m_loadingTiles; }
    [[nodiscard]] double polishMs() const { return m_polishNs / 1e6; }
    [[nodiscard]] double syncMs() const { return m_syncNs.load() / 1e6; }
    // Scene-graph image nodes under the map as of the last sync (each is one textured quad).
    [[nodiscard]] int nodeCount() const { return m_nodeCount.load(); }

    // Item position of a WGS-84 lon/lat, and back.
    Q_INVOKABLE QPointF project(double lon, double lat) const;
    Q_INVOKABLE QPointF unproject(QPointF point) const;
    // The thing drawn at an item position: {layer, kind: sensor|incident|camera|feature|cluster|district,
    // id, lon, lat} plus, for a cluster, count and byCategory; for a dynamic feature, its properties;
    // for a district, adcode and name. Markers before districts; empty when nothing is there.
    Q_INVOKABLE QVariantMap featureAt(QPointF point) const;
    // Where a district's name is drawn (item coordinates, as of the last frame), or an empty rect.
    Q_INVOKABLE QRectF labelRect(const QString& adcode) const;
    // Shows the lon/lat rectangle (x = lon, y = lat) whole, inset by margin pixels.
    Q_INVOKABLE void fitBounds(const QRectF& lonLatBounds, qreal margin = 24, bool animated = false);
    // Fits every district (the whole city).
    Q_INVOKABLE void fitCity(bool animated = false);
    // Animates to a place (the wall's "focus on incident X"); zoom < 0 keeps the current zoom.
    Q_INVOKABLE void flyTo(double lon, double lat, qreal zoom = -1);
    // Flies to an incident of the incidents layer; false if it is not on the map.
    Q_INVOKABLE bool flyToIncident(const QString& id, qreal zoom = 14);
    Q_INVOKABLE void zoomBy(qreal steps, QPointF anchor);
    Q_INVOKABLE void panBy(qreal dx, qreal dy);

signals:
    void layersChanged();
    void shownLayersChanged();
    void viewChanged();
    void zoomLimitsChanged();
    void interactiveChanged();
    void cursorChanged();
    void hoveredFeatureChanged();
    void highlightedDistrictChanged();
    void highlightedIncidentChanged();
    void pulseChanged();
    void basemapChanged();
    void styleChanged();
    void frameStatsChanged();
    // A click (not a drag) on a feature; clusters expand themselves and are not reported.
    void featureClicked(const QVariantMap& feature);

protected:
    QSGNode* updatePaintNode(QSGNode* oldNode, UpdatePaintNodeData* data) override;
    void updatePolish() override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData& value) override;
    void releaseResources() override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void hoverMoveEvent(QHoverEvent* event) override;
    void hoverLeaveEvent(QHoverEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void touchEvent(QTouchEvent* event) override;

private:
    void viewMoved(); // the viewport changed: a new frame, and the readouts follow
    void contentChanged(); // layers or looks changed: a new frame
    void styleTouched();
    void openBasemap();
    [[nodiscard]] QStringList drawnLayerIds() const;
    void updateHover(QPointF point);
    void stopFlight();

    QPointer<MapLayers> m_layers;
    QStringList m_shownLayers;
    MapViewport m_viewport;
    QString m_basemap;
    QString m_basemapDatum = QStringLiteral("wgs84");
    QString m_basemapError;
    bool m_interactive = true;
    bool m_followCity = true; // showing the whole city: refit when the size changes
    QPointF m_cursorLonLat;
    bool m_cursorInside = false;
    QVariantMap m_hovered;
    QString m_highlightedDistrict;
    QString m_highlightedIncident;
    qreal m_pulse = 1;

    QColor m_backgroundColor { 0x0b, 0x16, 0x24 };
    QColor m_districtFill { 0x14, 0x2a, 0x40 };
    QColor m_districtBorder { 0x4a, 0x9e, 0xd6 };
    QColor m_outlineColor { 0x8c, 0xc8, 0xf0 };
    QColor m_highlightColor { 0xff, 0xd0, 0x4a };
    QColor m_labelColor { 0xe8, 0xf1, 0xfa };
    QColor m_areaColor { 0xb3, 0x8c, 0xff };
    QColor m_cameraColor { 0x9a, 0xd0, 0xc2 };
    QColor m_clusterCentre { 0x0b, 0x16, 0x24 };
    QColor m_textColor { 0xff, 0xff, 0xff };
    std::array<QColor, 4> m_severityColors;
    std::array<QColor, 4> m_sensorColors;
    QString m_fontFamily = QStringLiteral("Noto Sans CJK SC");
    qreal m_labelPixelSize = 18;
    qreal m_markerScale = 1;

    // Interaction state.
    QPointF m_pressPos;
    QPointF m_lastDragPos;
    bool m_dragging = false;
    qreal m_pinchStartZoom = 0;
    qreal m_pinchStartDistance = 0;
    QVariantAnimation m_flight;

    std::unique_ptr<MapFrameBuilder> m_builder;
    MapFrame m_frame;
    bool m_styleDirty = true;
    bool m_frameDirty = true;
    int m_drawnSymbols = 0;
    int m_drawnTiles = 0;
    int m_drawnLabels = 0;
    int m_symbolRebuilds = 0;
    bool m_loadingTiles = false;
    qint64 m_polishNs = 0;
    std::atomic<qint64> m_syncNs { 0 }; // written on the render thread
    std::atomic<int> m_nodeCount { 0 };
};

} // namespace citybrain
