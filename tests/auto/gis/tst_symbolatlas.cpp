#include "mapsymbols.h"
#include "symbolatlas.h"

#include <QPainter>
#include <QTest>

#include <cmath>
#include <set>

using namespace citybrain;

namespace {

// Paints the whole cell (and tries to paint far beyond it) in one colour.
SymbolAtlas::Painter solid(const QColor& color, int* calls = nullptr)
{
    return [color, calls](QPainter& painter, const QRectF& cell) {
        if (calls)
            ++*calls;
        painter.fillRect(cell.adjusted(-20, -20, 20, 20), color);
    };
}

QImage canvas(int side)
{
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    return image;
}

// The colour at a pixel, un-premultiplied, so it compares with the colour painted.
QColor colorAt(const QImage& image, int x, int y)
{
    return QColor::fromRgba(image.pixel(x, y));
}

bool close(const QColor& a, const QColor& b, int tolerance = 3)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance && std::abs(a.alpha() - b.alpha()) <= tolerance;
}

bool transparentOutside(const QImage& image, const QRect& cell)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (!cell.contains(x, y) && qAlpha(image.pixel(x, y)) != 0)
                return false;
        }
    }
    return true;
}

const QColor red(0xe5, 0x39, 0x35);
const QColor green(0x43, 0xa0, 0x47);
const QColor amber(0xff, 0xb3, 0x00);
const QColor violet(0x8e, 0x24, 0xaa);
const QColor navy(0x0b, 0x16, 0x24);

} // namespace

class TestSymbolAtlas : public QObject
{
    Q_OBJECT

private slots:
    void distinctKeysGetSeparateCellsInsideTheImage();
    void aKnownKeyReturnsItsCellWithoutRepainting();
    void paintingStaysInsideTheCell();
    void emptyOrTooWideSymbolsGetNoCell();
    void growingDoublesTheHeightAndKeepsEarlierSymbols();
    void aFullAtlasAtItsLargestSizeStartsOver();
    void revisionCountsEveryChangeOfTheImage();
    void quantizeSharesTable_data();
    void quantizeSharesTable();
    void quantizedSharesAlwaysSumToSixteen();
    void clusterCountTextTable_data();
    void clusterCountTextTable();
    void dotIsItsFillColourInTheMiddleWithTransparentCorners();
    void hollowRingLeavesItsMiddleTransparent();
    void triangleIsDrawnPointingUp();
    void everyShapeStaysInsideItsCell();
    void haloIsClearInTheMiddleAndFadesOutward();
    void clusterRingOfOneCategoryShowsOnlyThatColour();
    void clusterRingPutsTheMostSevereFirstClockwiseFromNoon();
    void digitIsPaintedInsideItsCell();
    void symbolKeysDifferWhenThePictureDiffers();
    void symbolKeysOfDifferentKindsNeverCollide();
};

void TestSymbolAtlas::distinctKeysGetSeparateCellsInsideTheImage()
{
    SymbolAtlas atlas(256, 1024);
    std::vector<QRect> cells;
    const QSize sizes[] = { { 24, 24 }, { 16, 20 }, { 48, 48 }, { 10, 12 }, { 31, 17 } };
    for (int key = 0; key < 80; ++key) {
        const QRect cell = atlas.symbol(quint64(key), sizes[key % 5], solid(red));
        QCOMPARE(cell.size(), sizes[key % 5]);
        QVERIFY(atlas.image().rect().contains(cell));
        cells.push_back(cell);
    }
    QCOMPARE(atlas.symbolCount(), 80);
    for (size_t i = 0; i < cells.size(); ++i) {
        for (size_t j = i + 1; j < cells.size(); ++j)
            QVERIFY2(!cells[i].adjusted(-1, -1, 1, 1).intersects(cells[j]), "cells need a pixel of padding");
    }
}

void TestSymbolAtlas::aKnownKeyReturnsItsCellWithoutRepainting()
{
    SymbolAtlas atlas;
    int calls = 0;
    const QRect first = atlas.symbol(7, QSize(20, 20), solid(red, &calls));
    const quint64 revision = atlas.revision();
    const QRect again = atlas.symbol(7, QSize(20, 20), solid(green, &calls));
    QCOMPARE(again, first);
    QCOMPARE(calls, 1);
    QVERIFY(atlas.contains(7));
    QVERIFY(!atlas.contains(8));
    QCOMPARE(atlas.revision(), revision);
    QVERIFY(close(colorAt(atlas.image(), first.center().x(), first.center().y()), red));
}

void TestSymbolAtlas::paintingStaysInsideTheCell()
{
    SymbolAtlas atlas(128, 512);
    const QRect cell = atlas.symbol(1, QSize(16, 16), solid(red));
    QVERIFY(transparentOutside(atlas.image(), cell));
}

void TestSymbolAtlas::emptyOrTooWideSymbolsGetNoCell()
{
    SymbolAtlas atlas(128, 512);
    QVERIFY(atlas.symbol(1, QSize(), solid(red)).isEmpty());
    QVERIFY(atlas.symbol(2, QSize(0, 10), solid(red)).isEmpty());
    QVERIFY(atlas.symbol(3, QSize(400, 10), solid(red)).isEmpty());
    QCOMPARE(atlas.symbolCount(), 0);
}

void TestSymbolAtlas::growingDoublesTheHeightAndKeepsEarlierSymbols()
{
    SymbolAtlas atlas(64, 4096);
    const int height = atlas.image().height();
    const QRect first = atlas.symbol(0, QSize(30, 30), solid(red));
    const QRect second = atlas.symbol(1, QSize(30, 30), solid(green));
    quint64 key = 2;
    while (atlas.image().height() == height)
        atlas.symbol(key++, QSize(30, 30), solid(amber));
    QCOMPARE(atlas.image().height(), 2 * height);
    QCOMPARE(atlas.image().width(), 64);
    QCOMPARE(atlas.symbol(0, QSize(30, 30), solid(violet)), first);
    QVERIFY(close(colorAt(atlas.image(), first.center().x(), first.center().y()), red));
    QVERIFY(close(colorAt(atlas.image(), second.center().x(), second.center().y()), green));
    QCOMPARE(atlas.symbolCount(), int(key));
}

void TestSymbolAtlas::aFullAtlasAtItsLargestSizeStartsOver()
{
    SymbolAtlas atlas(64, 128);
    quint64 key = 0;
    int most = 0;
    while (atlas.symbolCount() >= most && key < 1000) {
        most = atlas.symbolCount();
        atlas.symbol(key++, QSize(30, 30), solid(red));
    }
    QVERIFY(key < 1000);
    QCOMPARE(atlas.image().height(), 128);
    // Only the symbol that did not fit is left, in a clean image.
    QCOMPARE(atlas.symbolCount(), 1);
    QVERIFY(!atlas.contains(0));
    QVERIFY(atlas.contains(key - 1));
    const QRect cell = atlas.symbol(key - 1, QSize(30, 30), solid(green));
    QVERIFY(transparentOutside(atlas.image(), cell));
}

void TestSymbolAtlas::revisionCountsEveryChangeOfTheImage()
{
    SymbolAtlas atlas(64, 256);
    quint64 revision = atlas.revision();
    atlas.symbol(1, QSize(10, 10), solid(red));
    QVERIFY(atlas.revision() > revision);
    revision = atlas.revision();
    atlas.clear();
    QVERIFY(atlas.revision() > revision);
    QCOMPARE(atlas.symbolCount(), 0);
    QVERIFY(!atlas.contains(1));
}

void TestSymbolAtlas::quantizeSharesTable_data()
{
    using Shares = std::array<int, 4>;
    QTest::addColumn<Shares>("counts");
    QTest::addColumn<Shares>("shares");
    QTest::newRow("one category") << Shares { 0, 0, 5, 0 } << Shares { 0, 0, 16, 0 };
    QTest::newRow("even") << Shares { 3, 3, 3, 3 } << Shares { 4, 4, 4, 4 };
    QTest::newRow("halves") << Shares { 50, 0, 0, 50 } << Shares { 8, 0, 0, 8 };
    QTest::newRow("thirds, tie to the severe") << Shares { 1, 1, 1, 0 } << Shares { 5, 5, 6, 0 };
    QTest::newRow("largest remainder") << Shares { 10, 20, 30, 40 } << Shares { 2, 3, 5, 6 };
    QTest::newRow("a rare alarm still shows") << Shares { 9999, 0, 0, 1 } << Shares { 15, 0, 0, 1 };
    QTest::newRow("three rare ones") << Shares { 100000, 1, 1, 1 } << Shares { 13, 1, 1, 1 };
    QTest::newRow("empty") << Shares { 0, 0, 0, 0 } << Shares { 0, 0, 0, 0 };
}

void TestSymbolAtlas::quantizeSharesTable()
{
    using Shares = std::array<int, 4>;
    QFETCH(Shares, counts);
    QFETCH(Shares, shares);
    QCOMPARE(quantizeShares(counts), shares);
}

void TestSymbolAtlas::quantizedSharesAlwaysSumToSixteen()
{
    for (int a = 0; a < 40; a += 3) {
        for (int b = 0; b < 40; b += 7) {
            for (int c : { 0, 1, 2, 17, 500 }) {
                for (int d : { 0, 1, 9, 1000 }) {
                    const std::array<int, 4> counts { a, b, c, d };
                    if (a + b + c + d == 0)
                        continue;
                    const std::array<int, 4> shares = quantizeShares(counts);
                    QCOMPARE(shares[0] + shares[1] + shares[2] + shares[3], 16);
                    for (size_t i = 0; i < 4; ++i)
                        QCOMPARE(shares[i] > 0, counts[i] > 0);
                }
            }
        }
    }
}

void TestSymbolAtlas::clusterCountTextTable_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("text");
    QTest::newRow("7") << 7 << QStringLiteral("7");
    QTest::newRow("86") << 86 << QStringLiteral("86");
    QTest::newRow("999") << 999 << QStringLiteral("999");
    QTest::newRow("1000") << 1000 << QStringLiteral("1k");
    QTest::newRow("1234") << 1234 << QStringLiteral("1.2k");
    QTest::newRow("1999 rounds down") << 1999 << QStringLiteral("1.9k");
    QTest::newRow("9999") << 9999 << QStringLiteral("9.9k");
    QTest::newRow("12345") << 12345 << QStringLiteral("12k");
    QTest::newRow("99999") << 99999 << QStringLiteral("99k");
    QTest::newRow("100000") << 100000 << QStringLiteral("99k+");
    QTest::newRow("a million") << 1000000 << QStringLiteral("99k+");
}

void TestSymbolAtlas::clusterCountTextTable()
{
    QFETCH(int, count);
    QFETCH(QString, text);
    QCOMPARE(clusterCountText(count), text);
    QVERIFY(clusterCountText(count).size() <= 4);
}

void TestSymbolAtlas::dotIsItsFillColourInTheMiddleWithTransparentCorners()
{
    QImage image = canvas(32);
    {
        QPainter painter(&image);
        paintMarkerSymbol(painter, QRectF(0, 0, 32, 32), SymbolShape::Dot, red, Qt::white, 2);
    }
    QVERIFY(close(colorAt(image, 16, 16), red));
    QVERIFY(close(colorAt(image, 16, 1), Qt::white, 40)); // the outline, at the top edge
    for (const QPoint corner : { QPoint(0, 0), QPoint(31, 0), QPoint(0, 31), QPoint(31, 31), QPoint(3, 3) })
        QCOMPARE(qAlpha(image.pixel(corner)), 0);
}

void TestSymbolAtlas::hollowRingLeavesItsMiddleTransparent()
{
    QImage image = canvas(32);
    {
        QPainter painter(&image);
        paintMarkerSymbol(painter, QRectF(0, 0, 32, 32), SymbolShape::HollowRing, Qt::gray, Qt::black, 1);
    }
    QCOMPARE(qAlpha(image.pixel(16, 16)), 0);
    QVERIFY(close(colorAt(image, 16, 4), Qt::gray)); // on the ring, between its edges
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void TestSymbolAtlas::triangleIsDrawnPointingUp()
{
    QImage image = canvas(32);
    {
        QPainter painter(&image);
        paintMarkerSymbol(painter, QRectF(0, 0, 32, 32), SymbolShape::Triangle, amber, Qt::black, 1);
    }
    QVERIFY(close(colorAt(image, 16, 6), amber)); // the apex, top centre
    QVERIFY(close(colorAt(image, 4, 26), amber)); // the base, bottom left
    QCOMPARE(qAlpha(image.pixel(4, 4)), 0); // no top corners
    QCOMPARE(qAlpha(image.pixel(27, 4)), 0);
}

void TestSymbolAtlas::everyShapeStaysInsideItsCell()
{
    const SymbolShape shapes[] = { SymbolShape::Dot, SymbolShape::RingedDot, SymbolShape::Triangle,
        SymbolShape::Diamond, SymbolShape::Square, SymbolShape::HollowRing, SymbolShape::Camera, SymbolShape::Halo };
    for (const SymbolShape shape : shapes) {
        QImage image = canvas(40);
        const QRect cell(8, 8, 24, 24);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            paintMarkerSymbol(painter, QRectF(cell), shape, green, Qt::white, 2);
        }
        QVERIFY2(transparentOutside(image, cell), qPrintable(QString::number(int(shape))));
        QVERIFY2(
            qAlpha(image.pixel(cell.center())) > 0 || shape == SymbolShape::HollowRing || shape == SymbolShape::Halo,
            qPrintable(QString::number(int(shape))));
    }
}

void TestSymbolAtlas::haloIsClearInTheMiddleAndFadesOutward()
{
    QImage image = canvas(64);
    {
        QPainter painter(&image);
        paintMarkerSymbol(painter, QRectF(0, 0, 64, 64), SymbolShape::Halo, red, Qt::white, 0);
    }
    const int middle = qAlpha(image.pixel(32, 32));
    const int ring = qAlpha(image.pixel(32 + 22, 32)); // about 70% of the radius
    const int rim = qAlpha(image.pixel(32 + 30, 32));
    QCOMPARE(middle, 0);
    QVERIFY(ring > 200);
    QVERIFY(rim < ring / 2);
    QVERIFY(close(colorAt(image, 32 + 22, 32), QColor(red.red(), red.green(), red.blue(), ring), 4));
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void TestSymbolAtlas::clusterRingOfOneCategoryShowsOnlyThatColour()
{
    const std::array<QColor, 4> colors { green, amber, red, violet };
    QImage image = canvas(48);
    {
        QPainter painter(&image);
        paintClusterRing(painter, QRectF(0, 0, 48, 48), { 0, 12, 0, 0 }, colors, navy, 6);
    }
    // Around the ring's middle line every pixel is amber; the centre is the disc.
    for (int degrees = 0; degrees < 360; degrees += 5) {
        const double angle = degrees * M_PI / 180;
        const int x = int(std::lround(24 + 20.5 * std::cos(angle) - 0.5));
        const int y = int(std::lround(24 + 20.5 * std::sin(angle) - 0.5));
        QVERIFY2(close(colorAt(image, x, y), amber, 40), qPrintable(QString::number(degrees)));
    }
    QVERIFY(close(colorAt(image, 24, 24), navy));
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void TestSymbolAtlas::clusterRingPutsTheMostSevereFirstClockwiseFromNoon()
{
    const std::array<QColor, 4> colors { green, amber, red, violet };
    QImage image = canvas(48);
    {
        QPainter painter(&image);
        // A quarter critical, three quarters normal.
        paintClusterRing(painter, QRectF(0, 0, 48, 48), { 3, 0, 0, 1 }, colors, navy, 6);
    }
    auto onRing = [&](double clockDegrees) {
        // Clock angle: 0 at noon, growing clockwise.
        const double angle = (clockDegrees - 90) * M_PI / 180;
        return colorAt(image, int(std::lround(24 + 20.5 * std::cos(angle) - 0.5)),
            int(std::lround(24 + 20.5 * std::sin(angle) - 0.5)));
    };
    QVERIFY(close(onRing(45), violet, 40)); // half past noon .. three o'clock: critical
    QVERIFY(close(onRing(135), green, 40));
    QVERIFY(close(onRing(270), green, 40));
    QVERIFY(close(onRing(315), green, 40));
}

void TestSymbolAtlas::digitIsPaintedInsideItsCell()
{
    QImage image = canvas(40);
    const QRect cell(10, 8, 14, 20);
    {
        QPainter painter(&image);
        paintDigitSymbol(painter, QRectF(cell), QLatin1Char('8'), Qt::white, QStringLiteral("Sans"));
    }
    QVERIFY(transparentOutside(image, cell.adjusted(-1, -1, 1, 1)));
    int white = 0;
    int dark = 0;
    for (int y = cell.top(); y <= cell.bottom(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
            const QColor c = colorAt(image, x, y);
            if (c.alpha() > 200 && c.lightness() > 230)
                ++white;
            else if (c.alpha() > 120 && c.lightness() < 60)
                ++dark;
        }
    }
    QVERIFY2(white > 10, "the digit's face is its colour");
    QVERIFY2(dark > 10, "a dark outline surrounds it");
}

void TestSymbolAtlas::symbolKeysDifferWhenThePictureDiffers()
{
    std::set<quint64> keys;
    int count = 0;
    const SymbolShape shapes[] = { SymbolShape::Dot, SymbolShape::Triangle, SymbolShape::Camera, SymbolShape::Halo };
    const QColor colors[]
        = { red, green, QColor(0xe5, 0x39, 0x36), QColor(229, 57, 53, 128), QColor(229, 57, 53, 127) };
    for (const SymbolShape shape : shapes) {
        for (const QColor& fill : colors) {
            for (const QColor& outline : colors) {
                for (int size : { 16, 17, 48, 511 }) {
                    keys.insert(markerSymbolKey(shape, fill, outline, size));
                    ++count;
                }
            }
        }
    }
    QCOMPARE(int(keys.size()), count);
    QCOMPARE(
        markerSymbolKey(SymbolShape::Dot, red, Qt::white, 20), markerSymbolKey(SymbolShape::Dot, red, Qt::white, 20));

    QVERIFY(clusterSymbolKey({ 8, 0, 0, 8 }, 1, 40) != clusterSymbolKey({ 8, 0, 8, 0 }, 1, 40));
    QVERIFY(clusterSymbolKey({ 8, 0, 0, 8 }, 1, 40) != clusterSymbolKey({ 8, 0, 0, 8 }, 2, 40));
    QVERIFY(clusterSymbolKey({ 8, 0, 0, 8 }, 1, 40) != clusterSymbolKey({ 8, 0, 0, 8 }, 1, 41));
    QVERIFY(digitSymbolKey(QLatin1Char('1'), Qt::white, 14) != digitSymbolKey(QLatin1Char('7'), Qt::white, 14));
    QVERIFY(digitSymbolKey(QLatin1Char('1'), Qt::white, 14) != digitSymbolKey(QLatin1Char('1'), Qt::black, 14));
    QVERIFY(digitSymbolKey(QLatin1Char('1'), Qt::white, 14) != digitSymbolKey(QLatin1Char('1'), Qt::white, 15));
}

void TestSymbolAtlas::symbolKeysOfDifferentKindsNeverCollide()
{
    // The same numbers fed to each kind of key: one atlas holds all three.
    std::set<quint64> markers, clusters, digits;
    for (int size = 0; size < 64; ++size) {
        for (const QRgb rgba : { 0u, 0xffffffffu, 0xff000000u, 0x80402010u }) {
            const QColor color = QColor::fromRgba(rgba);
            markers.insert(markerSymbolKey(SymbolShape::Dot, color, color, size));
            clusters.insert(clusterSymbolKey({ 16, 0, 0, 0 }, rgba, size));
            digits.insert(digitSymbolKey(QLatin1Char('0'), color, size));
        }
    }
    for (const quint64 key : markers)
        QVERIFY(!clusters.count(key) && !digits.count(key));
    for (const quint64 key : clusters)
        QVERIFY(!digits.count(key));
}

QTEST_MAIN(TestSymbolAtlas)
#include "tst_symbolatlas.moc"
