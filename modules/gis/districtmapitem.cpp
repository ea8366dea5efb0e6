#include "districtmapitem.h"

#include "districtlayer.h"
#include "logging.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

template <typename T> bool assign(T& member, const T& value)
{
    if (member == value)
        return false;
    member = value;
    return true;
}

// Total area of rect overlapping any of the placed rects (crude, good enough to rank candidates).
qreal overlap(const QRectF& rect, const std::vector<QRectF>& placed)
{
    qreal area = 0;
    for (const QRectF& other : placed) {
        const QRectF common = rect.intersected(other);
        if (!common.isEmpty())
            area += common.width() * common.height();
    }
    return area;
}

QRectF clampInto(QRectF rect, const QRectF& bounds)
{
    // Right/bottom first, then left/top, so a label wider than the item keeps its start visible.
    if (rect.right() > bounds.right())
        rect.moveRight(bounds.right());
    if (rect.bottom() > bounds.bottom())
        rect.moveBottom(bounds.bottom());
    if (rect.left() < bounds.left())
        rect.moveLeft(bounds.left());
    if (rect.top() < bounds.top())
        rect.moveTop(bounds.top());
    return rect;
}

} // namespace

DistrictMapItem::DistrictMapItem(QQuickItem* parent)
    : QQuickPaintedItem(parent)
    , m_layer(DistrictLayer::xianyang())
{
    setAntialiasing(true);
    const std::vector<District>& districts = m_layer.districts();
    for (size_t i = 0; i < districts.size(); ++i) {
        for (const QPolygonF& ring : districts[i].rings) {
            m_worldRings.push_back(WebMercator::toWorld(ring));
            m_ringDistrict.push_back(static_cast<int>(i));
        }
    }
}

DistrictMapItem::~DistrictMapItem() = default;

int DistrictMapItem::districtCount() const
{
    return static_cast<int>(m_layer.districts().size());
}

void DistrictMapItem::setIncidents(QAbstractItemModel* model)
{
    if (m_incidents == model)
        return;
    for (const QMetaObject::Connection& connection : m_modelConnections)
        disconnect(connection);
    m_modelConnections.clear();
    m_incidents = model;
    m_warnedMissingRoles = false;
    if (model) {
        const auto changed = [this] { invalidateMarkers(); };
        const auto reset = [this] {
            resolveRoles();
            invalidateMarkers();
        };
        m_modelConnections = {
            connect(model, &QAbstractItemModel::dataChanged, this, changed),
            connect(model, &QAbstractItemModel::rowsInserted, this, changed),
            connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(model, &QAbstractItemModel::rowsMoved, this, changed),
            connect(model, &QAbstractItemModel::layoutChanged, this, changed),
            connect(model, &QAbstractItemModel::modelReset, this, reset),
            connect(model, &QObject::destroyed, this, &DistrictMapItem::forgetIncidents),
        };
    }
    resolveRoles();
    invalidateMarkers();
    emit incidentsChanged();
}

// The model was destroyed: m_incidents is already null, so setIncidents(nullptr) would do nothing.
void DistrictMapItem::forgetIncidents()
{
    m_modelConnections.clear();
    resolveRoles();
    invalidateMarkers();
    emit incidentsChanged();
}

void DistrictMapItem::setHighlightedDistrict(const QString& adcode)
{
    if (!assign(m_highlightedDistrict, adcode))
        return;
    update();
    emit highlightedDistrictChanged();
}

void DistrictMapItem::setFillColor(const QColor& color)
{
    if (!assign(m_fillColor, color))
        return;
    update();
    emit fillColorChanged();
}

void DistrictMapItem::setBorderColor(const QColor& color)
{
    if (!assign(m_borderColor, color))
        return;
    update();
    emit borderColorChanged();
}

void DistrictMapItem::setLabelColor(const QColor& color)
{
    if (!assign(m_labelColor, color))
        return;
    update();
    emit labelColorChanged();
}

void DistrictMapItem::setHighlightColor(const QColor& color)
{
    if (!assign(m_highlightColor, color))
        return;
    update();
    emit highlightColorChanged();
}

void DistrictMapItem::setLabelPixelSize(qreal size)
{
    if (!std::isfinite(size) || size < 0 || !assign(m_labelPixelSize, size))
        return;
    invalidateLayout();
    emit labelPixelSizeChanged();
}

void DistrictMapItem::setFontFamily(const QString& family)
{
    if (!assign(m_fontFamily, family))
        return;
    invalidateLayout();
    emit fontFamilyChanged();
}

void DistrictMapItem::setMarkerScale(qreal scale)
{
    if (!std::isfinite(scale) || scale < 0 || !assign(m_markerScale, scale))
        return;
    update();
    emit markerScaleChanged();
}

QVariantList DistrictMapItem::severityColors() const
{
    QVariantList colors;
    for (const QColor& color : m_severityColors)
        colors.append(color);
    return colors;
}

void DistrictMapItem::setSeverityColors(const QVariantList& colors)
{
    if (colors.size() != severityLevels) {
        qCWarning(lcGis) << "DistrictMap.severityColors needs" << severityLevels << "colours (minor..critical), got"
                         << colors.size();
        return;
    }
    std::array<QColor, severityLevels> parsed;
    for (int i = 0; i < severityLevels; ++i) {
        const QVariant& value = colors.at(i);
        parsed[i] = value.metaType() == QMetaType::fromType<QColor>() ? value.value<QColor>()
                                                                      : QColor::fromString(value.toString());
        if (!parsed[i].isValid()) {
            qCWarning(lcGis) << "DistrictMap.severityColors: invalid colour" << value;
            return;
        }
    }
    if (!assign(m_severityColors, parsed))
        return;
    update();
    emit severityColorsChanged();
}

void DistrictMapItem::setBorderWidth(qreal width)
{
    if (!std::isfinite(width) || width < 0 || !assign(m_borderWidth, width))
        return;
    update();
    emit borderWidthChanged();
}

void DistrictMapItem::setMargin(qreal margin)
{
    if (!std::isfinite(margin) || margin < 0 || !assign(m_margin, margin))
        return;
    updateView();
    emit marginChanged();
}

QPointF DistrictMapItem::project(double lon, double lat) const
{
    return m_view.project(QPointF(lon, lat));
}

QPointF DistrictMapItem::unproject(QPointF point) const
{
    return m_view.unproject(point);
}

QString DistrictMapItem::districtAt(QPointF point) const
{
    if (!m_view.isValid())
        return {};
    const District* district = m_layer.locate(m_view.unproject(point));
    return district ? district->adcode : QString();
}

QRectF DistrictMapItem::labelRect(const QString& adcode) const
{
    for (const Label& label : m_labels) {
        if (label.adcode == adcode)
            return label.rect;
    }
    return {};
}

void DistrictMapItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        updateView();
}

void DistrictMapItem::updateView()
{
    m_view = WebMercator(m_layer.bounds(), QRectF(0, 0, width(), height()), m_margin);
    invalidateLayout();
    invalidateMarkers();
}

void DistrictMapItem::invalidateLayout()
{
    m_layoutDirty = true;
    polish();
    update();
}

void DistrictMapItem::invalidateMarkers()
{
    m_markersDirty = true;
    polish();
    update();
}

void DistrictMapItem::updatePolish()
{
    if (m_layoutDirty) {
        layoutDistricts();
        layoutLabels();
        m_layoutDirty = false;
    }
    if (m_markersDirty) {
        const int before = markerCount();
        readMarkers();
        m_markersDirty = false;
        if (markerCount() != before)
            emit markerCountChanged();
    }
}

void DistrictMapItem::layoutDistricts()
{
    m_screenDistricts.assign(m_layer.districts().size(), QPainterPath());
    if (!m_view.isValid())
        return;
    const QTransform transform = m_view.worldToScreen();
    for (size_t i = 0; i < m_worldRings.size(); ++i) {
        QPainterPath& path = m_screenDistricts[m_ringDistrict[i]];
        path.addPolygon(transform.map(m_worldRings[i]));
        path.closeSubpath();
    }
}

QFont DistrictMapItem::labelFont() const
{
    QFont font(m_fontFamily);
    font.setPixelSize(std::max(1, qRound(m_labelPixelSize)));
    font.setWeight(QFont::DemiBold);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

// Each name goes centred on its seat; if it would overlap a name already placed, the first free
// nearby position (above, below, beside) wins, else the least-overlapping one. Every label is clamped
// inside the item so the edge never cuts a name.
void DistrictMapItem::layoutLabels()
{
    m_labels.clear();
    if (!m_view.isValid() || m_labelPixelSize <= 0)
        return;
    const QFont font = labelFont();
    const QFontMetricsF metrics(font);
    const qreal pad = std::max<qreal>(2, m_labelPixelSize * 0.15); // room for the halo
    const QRectF inside = QRectF(0, 0, width(), height()).adjusted(pad, pad, -pad, -pad);
    std::vector<QRectF> placed;

    for (const District& district : m_layer.districts()) {
        const QRectF ink = metrics.tightBoundingRect(district.name); // relative to the baseline origin
        const QPointF seat = m_view.project(district.seat);
        const qreal w = ink.width();
        const qreal h = ink.height();
        const QPointF offsets[] = { { 0, 0 }, { 0, -h }, { 0, h }, { w * 0.6, 0 }, { -w * 0.6, 0 }, { 0, -2 * h },
            { 0, 2 * h }, { w * 0.6, -h }, { -w * 0.6, -h }, { w * 0.6, h }, { -w * 0.6, h } };
        QRectF best;
        qreal bestOverlap = -1;
        for (const QPointF& offset : offsets) {
            QRectF candidate(seat + offset - QPointF(w / 2, h / 2), ink.size());
            candidate = clampInto(candidate, inside);
            const qreal area = overlap(candidate.adjusted(-pad, -pad, pad, pad), placed);
            if (bestOverlap < 0 || area < bestOverlap) {
                best = candidate;
                bestOverlap = area;
            }
            if (area <= 0)
                break;
        }
        placed.push_back(best);
        const QPointF baseline = best.topLeft() - ink.topLeft();
        Label label;
        label.adcode = district.adcode;
        label.rect = best;
        label.glyphs.addText(baseline, font, district.name);
        m_labels.push_back(std::move(label));
    }
}

void DistrictMapItem::resolveRoles()
{
    m_lonRole = m_latRole = m_severityRole = -1;
    if (!m_incidents)
        return;
    const QHash<int, QByteArray> roles = m_incidents->roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        if (it.value() == "lon")
            m_lonRole = it.key();
        else if (it.value() == "lat")
            m_latRole = it.key();
        else if (it.value() == "severity")
            m_severityRole = it.key();
    }
    if ((m_lonRole < 0 || m_latRole < 0) && !m_warnedMissingRoles) {
        m_warnedMissingRoles = true;
        qCWarning(lcGis) << "DistrictMap.incidents: the model has no roles named \"lon\" and \"lat\"; no markers";
    }
}

void DistrictMapItem::readMarkers()
{
    m_markers.clear();
    if (!m_incidents || m_lonRole < 0 || m_latRole < 0)
        return;
    const int rows = m_incidents->rowCount();
    m_markers.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_incidents->index(row, 0);
        bool lonOk = false;
        bool latOk = false;
        const double lon = m_incidents->data(index, m_lonRole).toDouble(&lonOk);
        const double lat = m_incidents->data(index, m_latRole).toDouble(&latOk);
        if (!lonOk || !latOk || !std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
            continue;
        Marker marker;
        marker.world = WebMercator::toWorld(QPointF(lon, lat));
        marker.screen = m_view.worldToScreen().map(marker.world);
        if (m_severityRole >= 0)
            marker.severity = std::clamp(m_incidents->data(index, m_severityRole).toInt(), 0, severityLevels - 1);
        m_markers.push_back(marker);
    }
    // Draw the most severe last, on top.
    std::stable_sort(
        m_markers.begin(), m_markers.end(), [](const Marker& a, const Marker& b) { return a.severity < b.severity; });
}

void DistrictMapItem::paint(QPainter* painter)
{
    painter->setRenderHint(QPainter::Antialiasing, true);
    const std::vector<District>& districts = m_layer.districts();

    painter->setBrush(m_fillColor);
    painter->setPen(QPen(m_borderColor, m_borderWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const QPainterPath& path : m_screenDistricts)
        painter->drawPath(path);

    for (size_t i = 0; i < m_screenDistricts.size(); ++i) {
        if (districts[i].adcode != m_highlightedDistrict)
            continue;
        painter->setBrush(m_fillColor.lighter(135)); // lifted, not tinted: markers keep their colours
        painter->setPen(QPen(
            m_highlightColor, std::max<qreal>(2, m_borderWidth * 2.5), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPath(m_screenDistricts[i]);
    }

    // Names with a dark halo so they stay legible over borders and markers.
    QColor halo = m_fillColor.darker(170);
    halo.setAlphaF(0.9f);
    const QPen haloPen(halo, std::max<qreal>(2, m_labelPixelSize * 0.18), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    for (const Label& label : m_labels)
        painter->strokePath(label.glyphs, haloPen);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_labelColor);
    for (const Label& label : m_labels)
        painter->drawPath(label.glyphs);

    const QRectF visible = QRectF(0, 0, width(), height()).adjusted(-40, -40, 40, 40);
    for (const Marker& marker : m_markers) {
        if (visible.contains(marker.screen))
            paintMarker(painter, marker);
    }
}

// minor: small dot; moderate: dot in a ring; major: triangle; critical: large diamond with a halo.
void DistrictMapItem::paintMarker(QPainter* painter, const Marker& marker) const
{
    const qreal s = m_markerScale;
    const QColor& color = m_severityColors[marker.severity];
    const QPointF c = marker.screen;
    QColor outline = m_fillColor.darker(250);
    const QPen outlinePen(outline, std::max<qreal>(1, 1.25 * s), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);

    switch (marker.severity) {
    case 0:
        painter->setPen(outlinePen);
        painter->setBrush(color);
        painter->drawEllipse(c, 5 * s, 5 * s);
        break;
    case 1:
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(outline, 5 * s));
        painter->drawEllipse(c, 10 * s, 10 * s);
        painter->setPen(QPen(color, 2.5 * s));
        painter->drawEllipse(c, 10 * s, 10 * s);
        painter->setPen(outlinePen);
        painter->setBrush(color);
        painter->drawEllipse(c, 5 * s, 5 * s);
        break;
    case 2: {
        const qreal r = 12.5 * s;
        const QPolygonF triangle { c + QPointF(0, -r), c + QPointF(r * 0.866, r * 0.5),
            c + QPointF(-r * 0.866, r * 0.5) };
        painter->setPen(outlinePen);
        painter->setBrush(color);
        painter->drawPolygon(triangle);
        break;
    }
    default: {
        QColor glow = color;
        glow.setAlphaF(0.28f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(glow);
        painter->drawEllipse(c, 23 * s, 23 * s);
        const qreal r = 15 * s;
        const QPolygonF diamond { c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0) };
        painter->setPen(outlinePen);
        painter->setBrush(color);
        painter->drawPolygon(diamond);
        break;
    }
    }
}

} // namespace citybrain
