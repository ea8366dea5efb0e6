#include "districtmapitem.h"

#include "districtlayer.h"
#include "logging.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <tuple>

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
    if (m_incidents.model == model)
        return;
    bind(m_incidents, model, &DistrictMapItem::incidentsChanged);
    resolveRoles(m_incidents, "incidents");
    invalidateMarkers();
    emit incidentsChanged();
}

void DistrictMapItem::setAlarms(QAbstractItemModel* model)
{
    if (m_alarms.model == model)
        return;
    bind(m_alarms, model, &DistrictMapItem::alarmsChanged);
    resolveRoles(m_alarms, "alarms");
    invalidateMarkers();
    emit alarmsChanged();
}

void DistrictMapItem::bind(Source& source, QAbstractItemModel* model, void (DistrictMapItem::*changed)())
{
    for (const QMetaObject::Connection& connection : source.connections)
        disconnect(connection);
    source.connections.clear();
    source.model = model;
    source.warnedMissingRoles = false;
    if (!model)
        return;
    const auto rowsChanged = [this] { invalidateMarkers(); };
    const auto reset = [this, &source] {
        resolveRoles(source, &source == &m_incidents ? "incidents" : "alarms");
        invalidateMarkers();
    };
    source.connections = {
        connect(model, &QAbstractItemModel::dataChanged, this, rowsChanged),
        connect(model, &QAbstractItemModel::rowsInserted, this, rowsChanged),
        connect(model, &QAbstractItemModel::rowsRemoved, this, rowsChanged),
        connect(model, &QAbstractItemModel::rowsMoved, this, rowsChanged),
        connect(model, &QAbstractItemModel::layoutChanged, this, rowsChanged),
        connect(model, &QAbstractItemModel::modelReset, this, reset),
        connect(model, &QObject::destroyed, this, [this, &source, changed] { forget(source, changed); }),
    };
}

// The model was destroyed: source.model is already null, so setting the property to null would do nothing.
void DistrictMapItem::forget(Source& source, void (DistrictMapItem::*changed)())
{
    source.connections.clear();
    resolveRoles(source, nullptr);
    invalidateMarkers();
    emit(this->*changed)();
}

void DistrictMapItem::setAlarmPulse(qreal pulse)
{
    if (!std::isfinite(pulse))
        return;
    if (!assign(m_alarmPulse, std::clamp<qreal>(pulse, 0, 1)))
        return;
    // Only the brackets of unacknowledged alarms depend on it.
    if (std::any_of(m_alarmMarkers.cbegin(), m_alarmMarkers.cend(), [](const Marker& m) { return m.unacknowledged; }))
        update();
    emit alarmPulseChanged();
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
        const int alarmsBefore = alarmMarkerCount();
        m_markers = readMarkers(m_incidents);
        m_alarmMarkers = readMarkers(m_alarms);
        m_markersDirty = false;
        if (markerCount() != before)
            emit markerCountChanged();
        if (alarmMarkerCount() != alarmsBefore)
            emit alarmMarkerCountChanged();
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

void DistrictMapItem::resolveRoles(Source& source, const char* property)
{
    source.lonRole = source.latRole = source.severityRole = source.activeRole = source.acknowledgedRole = -1;
    if (!source.model)
        return;
    const QHash<int, QByteArray> roles = source.model->roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        if (it.value() == "lon")
            source.lonRole = it.key();
        else if (it.value() == "lat")
            source.latRole = it.key();
        else if (it.value() == "severity")
            source.severityRole = it.key();
        else if (it.value() == "active")
            source.activeRole = it.key();
        else if (it.value() == "acknowledged")
            source.acknowledgedRole = it.key();
    }
    if ((source.lonRole < 0 || source.latRole < 0) && !source.warnedMissingRoles && property) {
        source.warnedMissingRoles = true;
        qCWarning(lcGis).nospace() << "DistrictMap." << property
                                   << ": the model has no roles named \"lon\" and \"lat\"; no markers";
    }
}

// Rows with a valid position; an "active" role, when there is one, leaves out the inactive rows. Sorted
// so the most severe (and, for alarms, the unacknowledged) are drawn last, on top.
std::vector<DistrictMapItem::Marker> DistrictMapItem::readMarkers(const Source& source) const
{
    std::vector<Marker> markers;
    QAbstractItemModel* model = source.model;
    if (!model || source.lonRole < 0 || source.latRole < 0)
        return markers;
    const int rows = model->rowCount();
    markers.reserve(rows);
    const QTransform toScreen = m_view.worldToScreen();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model->index(row, 0);
        if (source.activeRole >= 0 && !model->data(index, source.activeRole).toBool())
            continue;
        bool lonOk = false;
        bool latOk = false;
        const double lon = model->data(index, source.lonRole).toDouble(&lonOk);
        const double lat = model->data(index, source.latRole).toDouble(&latOk);
        if (!lonOk || !latOk || !std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
            continue;
        Marker marker;
        marker.world = WebMercator::toWorld(QPointF(lon, lat));
        marker.screen = toScreen.map(marker.world);
        if (source.severityRole >= 0)
            marker.severity = std::clamp(model->data(index, source.severityRole).toInt(), 0, severityLevels - 1);
        if (source.acknowledgedRole >= 0)
            marker.unacknowledged = !model->data(index, source.acknowledgedRole).toBool();
        markers.push_back(marker);
    }
    std::stable_sort(markers.begin(), markers.end(), [](const Marker& a, const Marker& b) {
        return std::tie(a.unacknowledged, a.severity) < std::tie(b.unacknowledged, b.severity);
    });
    return markers;
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

    const qreal reach = 40 * std::max<qreal>(1, m_markerScale);
    const QRectF visible = QRectF(0, 0, width(), height()).adjusted(-reach, -reach, reach, reach);
    // Alarmed sensors under the incidents: an incident raised at a sensor shows whole, framed by its square.
    for (const Marker& marker : m_alarmMarkers) {
        if (visible.contains(marker.screen))
            paintAlarm(painter, marker);
    }
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

// Hollow squares a little larger than the incident marker of the same severity (so they frame it) and
// heavier with the severity; major and critical are doubled (a square in a square). Unacknowledged:
// four corner brackets around it, as strong as alarmPulse.
void DistrictMapItem::paintAlarm(QPainter* painter, const Marker& marker) const
{
    const qreal s = m_markerScale;
    const QColor& color = m_severityColors[marker.severity];
    const QColor outline = m_fillColor.darker(250);
    const QPointF c = marker.screen;
    const qreal half = (10 + 2 * marker.severity) * s;
    const qreal stroke = (2 + 0.5 * marker.severity) * s;
    const auto square = [&c](qreal h) { return QRectF(c - QPointF(h, h), QSizeF(2 * h, 2 * h)); };
    const QPen outlinePen(outline, stroke + 2.5 * s, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin);
    const QPen colorPen(color, stroke, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin);

    painter->setBrush(Qt::NoBrush);
    for (const QPen& pen : { outlinePen, colorPen }) {
        painter->setPen(pen);
        painter->drawRect(square(half));
        if (marker.severity >= 2)
            painter->drawRect(square(half - stroke - 3 * s));
    }

    if (!marker.unacknowledged || m_alarmPulse <= 0)
        return;
    const qreal b = half + 6 * s; // the brackets' corner distance
    const qreal arm = b * 0.55;
    QPainterPath brackets;
    for (const QPointF& corner : { QPointF(-1, -1), QPointF(1, -1), QPointF(1, 1), QPointF(-1, 1) }) {
        const QPointF at = c + corner * b;
        brackets.moveTo(at - QPointF(corner.x() * arm, 0));
        brackets.lineTo(at);
        brackets.lineTo(at - QPointF(0, corner.y() * arm));
    }
    painter->setOpacity(m_alarmPulse);
    painter->strokePath(brackets, QPen(outline, 5 * s, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter->strokePath(brackets, QPen(color, 2.5 * s, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter->setOpacity(1);
}

} // namespace citybrain
