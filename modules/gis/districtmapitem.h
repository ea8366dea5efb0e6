#pragma once

#include "webmercator.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <array>
#include <vector>

namespace citybrain {

class DistrictLayer;

// A first, QPainter-based map of the Xianyang districts: filled and outlined polygons, the Chinese
// district names at their seats and incident markers from any item model (roles named "lon", "lat"
// and "severity", 0 minor .. 3 critical). Severity shows in colour and in shape and size.
//
// Alarmed sensors come from a second model (`alarms`: roles "lon", "lat", "severity", and optionally
// "active" and "acknowledged"): hollow squares under the incident markers, a little larger than
// them, so an incident raised at a sensor shows whole inside its square. Only active alarms are
// drawn; an unacknowledged one has corner brackets around it whose strength is `alarmPulse` (QML may
// step it slowly; each change repaints the whole map, so never animate it per frame).
//
// Everything the paint needs (screen polygons, label placement, marker positions) is rebuilt on the
// GUI thread in updatePolish(); paint() only draws. Colours and sizes are properties for the Theme.
class DistrictMapItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_NAMED_ELEMENT(DistrictMap)

    Q_PROPERTY(QAbstractItemModel* incidents READ incidents WRITE setIncidents NOTIFY incidentsChanged)
    Q_PROPERTY(QAbstractItemModel* alarms READ alarms WRITE setAlarms NOTIFY alarmsChanged)
    Q_PROPERTY(qreal alarmPulse READ alarmPulse WRITE setAlarmPulse NOTIFY alarmPulseChanged)
    Q_PROPERTY(QString highlightedDistrict READ highlightedDistrict WRITE setHighlightedDistrict NOTIFY
            highlightedDistrictChanged)
    // Shadows QQuickPaintedItem::fillColor (the texture background, left transparent here) on purpose:
    // in QML `fillColor` is the districts' fill.
    Q_PROPERTY(QColor fillColor READ fillColor WRITE setFillColor NOTIFY fillColorChanged)
    Q_PROPERTY(QColor borderColor READ borderColor WRITE setBorderColor NOTIFY borderColorChanged)
    Q_PROPERTY(QColor labelColor READ labelColor WRITE setLabelColor NOTIFY labelColorChanged)
    Q_PROPERTY(QColor highlightColor READ highlightColor WRITE setHighlightColor NOTIFY highlightColorChanged)
    Q_PROPERTY(qreal labelPixelSize READ labelPixelSize WRITE setLabelPixelSize NOTIFY labelPixelSizeChanged)
    Q_PROPERTY(QString fontFamily READ fontFamily WRITE setFontFamily NOTIFY fontFamilyChanged)
    Q_PROPERTY(qreal markerScale READ markerScale WRITE setMarkerScale NOTIFY markerScaleChanged)
    Q_PROPERTY(QVariantList severityColors READ severityColors WRITE setSeverityColors NOTIFY severityColorsChanged)
    Q_PROPERTY(qreal borderWidth READ borderWidth WRITE setBorderWidth NOTIFY borderWidthChanged)
    Q_PROPERTY(qreal margin READ margin WRITE setMargin NOTIFY marginChanged)
    Q_PROPERTY(int districtCount READ districtCount CONSTANT)
    Q_PROPERTY(int markerCount READ markerCount NOTIFY markerCountChanged)
    Q_PROPERTY(int alarmMarkerCount READ alarmMarkerCount NOTIFY alarmMarkerCountChanged)

public:
    static constexpr int severityLevels = 4;

    explicit DistrictMapItem(QQuickItem* parent = nullptr);
    ~DistrictMapItem() override;

    [[nodiscard]] QAbstractItemModel* incidents() const { return m_incidents.model; }
    void setIncidents(QAbstractItemModel* model);
    [[nodiscard]] QAbstractItemModel* alarms() const { return m_alarms.model; }
    void setAlarms(QAbstractItemModel* model);
    [[nodiscard]] qreal alarmPulse() const { return m_alarmPulse; }
    void setAlarmPulse(qreal pulse);
    [[nodiscard]] QString highlightedDistrict() const { return m_highlightedDistrict; }
    void setHighlightedDistrict(const QString& adcode);
    [[nodiscard]] QColor fillColor() const { return m_fillColor; }
    void setFillColor(const QColor& color);
    [[nodiscard]] QColor borderColor() const { return m_borderColor; }
    void setBorderColor(const QColor& color);
    [[nodiscard]] QColor labelColor() const { return m_labelColor; }
    void setLabelColor(const QColor& color);
    [[nodiscard]] QColor highlightColor() const { return m_highlightColor; }
    void setHighlightColor(const QColor& color);
    [[nodiscard]] qreal labelPixelSize() const { return m_labelPixelSize; }
    void setLabelPixelSize(qreal size);
    [[nodiscard]] QString fontFamily() const { return m_fontFamily; }
    void setFontFamily(const QString& family);
    [[nodiscard]] qreal markerScale() const { return m_markerScale; }
    void setMarkerScale(qreal scale);
    [[nodiscard]] QVariantList severityColors() const;
    void setSeverityColors(const QVariantList& colors);
    [[nodiscard]] qreal borderWidth() const { return m_borderWidth; }
    void setBorderWidth(qreal width);
    [[nodiscard]] qreal margin() const { return m_margin; }
    void setMargin(qreal margin);
    [[nodiscard]] int districtCount() const;
    // Markers with a valid position in the model, as of the last polish.
    [[nodiscard]] int markerCount() const { return static_cast<int>(m_markers.size()); }
    // Active alarms with a valid position in the alarm model, as of the last polish.
    [[nodiscard]] int alarmMarkerCount() const { return static_cast<int>(m_alarmMarkers.size()); }

    // Item coordinates of a lon/lat position (WGS-84 degrees), and back (x = lon, y = lat).
    Q_INVOKABLE QPointF project(double lon, double lat) const;
    Q_INVOKABLE QPointF unproject(QPointF point) const;
    // The adcode of the district under an item position, or an empty string.
    Q_INVOKABLE QString districtAt(QPointF point) const;
    // Where a district's name is drawn (item coordinates, as of the last polish), or an empty rect.
    Q_INVOKABLE QRectF labelRect(const QString& adcode) const;

    void paint(QPainter* painter) override;

signals:
    void incidentsChanged();
    void alarmsChanged();
    void alarmPulseChanged();
    void highlightedDistrictChanged();
    void fillColorChanged();
    void borderColorChanged();
    void labelColorChanged();
    void highlightColorChanged();
    void labelPixelSizeChanged();
    void fontFamilyChanged();
    void markerScaleChanged();
    void severityColorsChanged();
    void borderWidthChanged();
    void marginChanged();
    void markerCountChanged();
    void alarmMarkerCountChanged();

protected:
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void updatePolish() override;

private:
    struct Label
    {
        QString adcode;
        QRectF rect; // item coordinates, inside the item
        QPainterPath glyphs; // the name as outlines, positioned
    };
    struct Marker
    {
        QPointF world;
        QPointF screen;
        int severity = 0;
        bool unacknowledged = false; // alarms only
    };
    // A model the map draws from, with the roles it found by name.
    struct Source
    {
        QPointer<QAbstractItemModel> model;
        std::vector<QMetaObject::Connection> connections;
        int lonRole = -1;
        int latRole = -1;
        int severityRole = -1;
        int activeRole = -1;
        int acknowledgedRole = -1;
        bool warnedMissingRoles = false;
    };

    void bind(Source& source, QAbstractItemModel* model, void (DistrictMapItem::*changed)());
    void forget(Source& source, void (DistrictMapItem::*changed)());
    void updateView();
    void layoutDistricts();
    void layoutLabels();
    [[nodiscard]] std::vector<Marker> readMarkers(const Source& source) const;
    static void resolveRoles(Source& source, const char* property);
    void invalidateMarkers();
    void invalidateLayout();
    [[nodiscard]] QFont labelFont() const;
    void paintMarker(QPainter* painter, const Marker& marker) const;
    void paintAlarm(QPainter* painter, const Marker& marker) const;

    const DistrictLayer& m_layer;
    std::vector<QPolygonF> m_worldRings; // per ring, world coordinates
    std::vector<int> m_ringDistrict; // index into m_layer.districts() per ring
    std::vector<QPainterPath> m_screenDistricts; // per district, item coordinates
    std::vector<Label> m_labels;
    std::vector<Marker> m_markers;
    std::vector<Marker> m_alarmMarkers;
    WebMercator m_view;
    bool m_layoutDirty = true;
    bool m_markersDirty = true;

    Source m_incidents;
    Source m_alarms;
    qreal m_alarmPulse = 1;

    QString m_highlightedDistrict;
    QColor m_fillColor { 0x14, 0x2a, 0x40 };
    QColor m_borderColor { 0x4a, 0x9e, 0xd6 };
    QColor m_labelColor { 0xe8, 0xf1, 0xfa };
    QColor m_highlightColor { 0xff, 0xd0, 0x4a };
    qreal m_labelPixelSize = 18;
    QString m_fontFamily = QStringLiteral("Noto Sans CJK SC");
    qreal m_markerScale = 1;
    std::array<QColor, severityLevels> m_severityColors {
        QColor(0x4f, 0xc3, 0xf7), // minor: light blue
        QColor(0xff, 0xd5, 0x4f), // moderate: amber
        QColor(0xff, 0x8a, 0x3d), // major: orange
        QColor(0xff, 0x3d, 0x3d), // critical: red
    };
    qreal m_borderWidth = 1.5;
    qreal m_margin = 24;
};

} // namespace citybrain
