#include "mapsymbols.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

QPen outlinePen(const QColor& outline, qreal width)
{
    if (width <= 0 || outline.alpha() == 0)
        return Qt::NoPen;
    QPen pen(outline, width);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

// The largest square centred in `cell`, inset by half a pen so the stroke stays inside the cell.
QRectF innerSquare(const QRectF& cell, qreal penWidth)
{
    const qreal side = std::max<qreal>(0, std::min(cell.width(), cell.height()) - std::max<qreal>(penWidth, 0));
    QRectF square(0, 0, side, side);
    square.moveCenter(cell.center());
    return square;
}

QRectF scaled(const QRectF& rect, qreal factor)
{
    QRectF result(0, 0, rect.width() * factor, rect.height() * factor);
    result.moveCenter(rect.center());
    return result;
}

} // namespace

void paintMarkerSymbol(QPainter& painter, const QRectF& cell, SymbolShape shape, const QColor& fill,
    const QColor& outline, qreal outlineWidth)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPen pen = outlinePen(outline, outlineWidth);
    const qreal penWidth = pen.style() == Qt::NoPen ? 0 : outlineWidth;
    const QRectF box = innerSquare(cell, penWidth);
    const QPointF c = box.center();
    const qreal r = box.width() / 2;
    painter.setPen(pen);
    painter.setBrush(fill);

    switch (shape) {
    case SymbolShape::Dot:
        painter.drawEllipse(box);
        break;
    case SymbolShape::RingedDot: {
        painter.drawEllipse(box);
        QPen inner = outlinePen(outline, std::max<qreal>(outlineWidth, 1));
        painter.setPen(inner);
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(c, r * 0.55, r * 0.55);
        break;
    }
    case SymbolShape::Triangle: {
        // An upward triangle spanning the box, its centroid slightly below the cell's centre reads
        // as centred.
        const QPointF points[] = { { c.x(), box.top() }, { box.right(), box.bottom() - r * 0.14 },
            { box.left(), box.bottom() - r * 0.14 } };
        painter.drawPolygon(points, 3);
        break;
    }
    case SymbolShape::Diamond: {
        const QPointF points[]
            = { { c.x(), box.top() }, { box.right(), c.y() }, { c.x(), box.bottom() }, { box.left(), c.y() } };
        painter.drawPolygon(points, 4);
        break;
    }
    case SymbolShape::Square:
        // Slightly smaller than the box so it weighs like a dot of the same size.
        painter.drawRect(scaled(box, 0.82));
        break;
    case SymbolShape::HollowRing: {
        // Offline: the ring only, the map shows through the middle.
        QPainterPath ring;
        ring.setFillRule(Qt::OddEvenFill);
        ring.addEllipse(box);
        ring.addEllipse(c, r * 0.55, r * 0.55);
        painter.drawPath(ring);
        break;
    }
    case SymbolShape::Camera: {
        // A body with a lens and a viewfinder bump on top.
        const QRectF body(box.left(), box.top() + box.height() * 0.28, box.width(), box.height() * 0.58);
        const QRectF bump(
            box.left() + box.width() * 0.18, box.top() + box.height() * 0.14, box.width() * 0.26, box.height() * 0.16);
        QPainterPath path;
        path.addRoundedRect(body, r * 0.18, r * 0.18);
        path.addRect(bump);
        painter.drawPath(path.simplified());
        const qreal lens = body.height() * 0.3;
        painter.setBrush(outline.alpha() > 0 ? outline : QColor(Qt::black));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(body.center(), lens, lens);
        QColor glint = fill;
        glint.setAlpha(fill.alpha() / 2);
        painter.setBrush(glint);
        painter.drawEllipse(body.center() - QPointF(lens * 0.3, lens * 0.3), lens * 0.3, lens * 0.3);
        break;
    }
    case SymbolShape::Halo: {
        // A soft ring in the fill colour: clear in the middle (the marker sits there), strongest
        // around 70% of the radius, fading to nothing at the cell's edge.
        const qreal radius = std::min(cell.width(), cell.height()) / 2;
        QRadialGradient gradient(cell.center(), radius);
        QColor clear = fill;
        clear.setAlpha(0);
        QColor soft = fill;
        soft.setAlphaF(fill.alphaF() * 0.35f);
        gradient.setColorAt(0.0, clear);
        gradient.setColorAt(0.4, clear);
        gradient.setColorAt(0.55, soft);
        gradient.setColorAt(0.7, fill);
        gradient.setColorAt(1.0, clear);
        painter.setPen(Qt::NoPen);
        painter.setBrush(gradient);
        painter.drawEllipse(cell.center(), radius, radius);
        break;
    }
    }
    painter.restore();
}

void paintClusterRing(QPainter& painter, const QRectF& cell, const std::array<int, 4>& byCategory,
    const std::array<QColor, 4>& colors, const QColor& centre, qreal ringWidth)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = innerSquare(cell, 0);
    const qreal radius = box.width() / 2;
    ringWidth = std::clamp<qreal>(ringWidth, 0, radius);
    // The arcs are stroked along the ring's middle line.
    const QRectF arcs = innerSquare(cell, ringWidth);

    long long total = 0;
    for (const int count : byCategory)
        total += std::max(count, 0);

    painter.setPen(Qt::NoPen);
    painter.setBrush(centre);
    // Overlap the ring by half a pixel so no seam shows between disc and ring.
    const qreal discRadius = std::max<qreal>(0, radius - ringWidth + 0.5);
    painter.drawEllipse(box.center(), discRadius, discRadius);

    if (total > 0 && ringWidth > 0) {
        painter.setBrush(Qt::NoBrush);
        constexpr int fullCircle = 360 * 16;
        constexpr int twelveOClock = 90 * 16;
        long long before = 0;
        for (int category = 3; category >= 0; --category) {
            const int count = std::max(byCategory[size_t(category)], 0);
            if (count == 0)
                continue;
            QPen pen(colors[size_t(category)], ringWidth);
            pen.setCapStyle(Qt::FlatCap);
            painter.setPen(pen);
            if (count == total) {
                painter.drawEllipse(arcs);
                break;
            }
            // Clockwise is a negative span in Qt; cumulative rounding leaves no gap between arcs.
            const int from = static_cast<int>(std::llround(double(before) * fullCircle / double(total)));
            before += count;
            const int to = static_cast<int>(std::llround(double(before) * fullCircle / double(total)));
            painter.drawArc(arcs, twelveOClock - from, -(to - from));
        }
    }
    painter.restore();
}

void paintDigitSymbol(
    QPainter& painter, const QRectF& cell, QChar digit, const QColor& color, const QString& fontFamily)
{
    if (cell.isEmpty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font(fontFamily);
    font.setBold(true);
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(cell.height()))));
    font.setHintingPreference(QFont::PreferNoHinting);
    QPainterPath path;
    path.addText(0, 0, font, QString(digit));
    const QRectF glyph = path.boundingRect();
    if (!glyph.isEmpty()) {
        const qreal outline = std::max<qreal>(1, cell.height() / 12);
        // Fit the glyph and its outline into the cell, keeping its aspect.
        const qreal scale
            = std::min((cell.width() - outline) / glyph.width(), (cell.height() - outline) / glyph.height());
        QTransform transform;
        transform.translate(cell.center().x(), cell.center().y());
        transform.scale(scale, scale);
        transform.translate(-glyph.center().x(), -glyph.center().y());
        const QPainterPath placed = transform.map(path);
        QPen pen(QColor(0x10, 0x14, 0x1c, 220), outline);
        pen.setJoinStyle(Qt::RoundJoin);
        painter.strokePath(placed, pen);
        painter.fillPath(placed, color);
    }
    painter.restore();
}

std::array<int, 4> quantizeShares(const std::array<int, 4>& byCategory)
{
    constexpr int parts = 16;
    std::array<int, 4> shares {};
    long long total = 0;
    for (const int count : byCategory)
        total += std::max(count, 0);
    if (total == 0)
        return shares;
    // Largest remainder: floor(parts * count / total), at least 1 for a present category, then the
    // parts left over (or taken back) go by the exact remainder parts * count - share * total.
    auto excess = [&](size_t i) { return (long long)parts * std::max(byCategory[i], 0) - shares[i] * total; };
    int sum = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
        const long long count = std::max(byCategory[i], 0);
        shares[i] = count > 0 ? std::max(1, static_cast<int>(parts * count / total)) : 0;
        sum += shares[i];
    }
    while (sum < parts) {
        size_t best = shares.size();
        for (size_t i = 0; i < shares.size(); ++i) {
            // Ties go to the more severe (higher) category.
            if (byCategory[i] > 0 && (best == shares.size() || excess(i) >= excess(best)))
                best = i;
        }
        ++shares[best];
        ++sum;
    }
    while (sum > parts) {
        size_t best = shares.size();
        for (size_t i = 0; i < shares.size(); ++i) {
            // Take back from the most over-served category that keeps at least 1; ties from the
            // less severe.
            if (shares[i] > 1 && (best == shares.size() || excess(i) < excess(best)))
                best = i;
        }
        --shares[best];
        --sum;
    }
    return shares;
}

QString clusterCountText(int count)
{
    if (count < 0)
        count = 0;
    if (count < 1000)
        return QString::number(count);
    if (count < 10000) {
        // Rounded down: a cluster of 1999 shows "1.9k", never more than it holds.
        const int thousands = count / 1000;
        const int tenths = (count % 1000) / 100;
        return tenths == 0 ? QStringLiteral("%1k").arg(thousands) : QStringLiteral("%1.%2k").arg(thousands).arg(tenths);
    }
    if (count < 100000)
        return QStringLiteral("%1k").arg(count / 1000);
    return QStringLiteral("99k+");
}

// Key layout (bit 63 is the most significant). The top two bits name the family, so the three kinds of
// symbol can share one atlas without colliding:
//
//   marker  01 | shape:3 | size:9 | fill:25 | outline:25
//   cluster 10 | size:10 | shares 4 x 5 (category 3 first) | palette hash:32
//   digit   11 | size:14 | character:16 (UTF-16 unit) | colour ARGB:32
//
// A marker colour takes 25 bits: an opaque colour is flag 0 + RGB 8:8:8 (exact), a fully transparent
// one is all zeros, a translucent one is flag 1 + alpha 8 (exact) + RGB 5:6:5. Keys are exact (distinct
// inputs, distinct keys) for sizes 0..511 (marker), 0..1023 (cluster), 0..16383 (digit), shares 0..31
// and opaque or transparent colours; only translucent marker colours closer than one 5:6:5 step share a
// key. Larger sizes clamp; colours are read at 8 bits per channel.
namespace {

quint64 clampedSize(int sizePx, int bits)
{
    return quint64(std::clamp(sizePx, 0, (1 << bits) - 1));
}

quint64 markerColorBits(const QColor& color)
{
    const QRgb rgba = color.rgba();
    const int alpha = qAlpha(rgba);
    if (alpha == 0)
        return 0;
    if (alpha == 255)
        return quint64(rgba & 0xffffffu);
    const quint64 rgb565
        = (quint64(qRed(rgba) >> 3) << 11) | (quint64(qGreen(rgba) >> 2) << 5) | quint64(qBlue(rgba) >> 3);
    return (quint64(1) << 24) | (quint64(alpha) << 16) | rgb565;
}

} // namespace

quint64 markerSymbolKey(SymbolShape shape, const QColor& fill, const QColor& outline, int sizePx)
{
    return (quint64(1) << 62) | (quint64(static_cast<quint8>(shape) & 7u) << 59) | (clampedSize(sizePx, 9) << 50)
        | (markerColorBits(fill) << 25) | markerColorBits(outline);
}

quint64 clusterSymbolKey(const std::array<int, 4>& shares, quint32 paletteHash, int sizePx)
{
    quint64 packedShares = 0;
    for (int category = 3; category >= 0; --category)
        packedShares = (packedShares << 5) | quint64(std::clamp(shares[size_t(category)], 0, 31));
    return (quint64(2) << 62) | (clampedSize(sizePx, 10) << 52) | (packedShares << 32) | quint64(paletteHash);
}

quint64 digitSymbolKey(QChar digit, const QColor& color, int sizePx)
{
    return (quint64(3) << 62) | (clampedSize(sizePx, 14) << 48) | (quint64(digit.unicode()) << 32)
        | quint64(color.rgba());
}

} // namespace citybrain
