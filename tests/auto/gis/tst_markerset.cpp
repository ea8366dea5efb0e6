#include "markerset.h"
#include "webmercator.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <map>
#include <set>

using citybrain::MapSymbol;
using citybrain::MarkerSet;
using citybrain::MarkerState;
using citybrain::WebMercator;

namespace {

// The width of a cluster cell at `zoom` in world units, for the default 56 px cells.
double cellAt(int zoom)
{
    return 56.0 / (256.0 * std::ldexp(1.0, zoom));
}

// A marker state at a world position.
MarkerState at(const QPointF& world, quint8 category = 0, bool pulse = false)
{
    MarkerState state;
    state.lonLat = WebMercator::toLonLat(world);
    state.category = category;
    state.pulse = pulse;
    return state;
}

// The world position of a point inside cell (cx, cy) at zoom, fx/fy in 0..1 across the cell.
QPointF inCell(int zoom, qint64 cx, qint64 cy, double fx, double fy)
{
    const double cell = cellAt(zoom);
    return { (double(cx) + fx) * cell, (double(cy) + fy) * cell };
}

// A cell of Xianyang (lon 108.7, lat 34.33) at zoom.
QPoint xianyangCell(int zoom)
{
    const QPointF world = WebMercator::toWorld(QPointF(108.7, 34.33));
    return { int(std::floor(world.x() / cellAt(zoom))), int(std::floor(world.y() / cellAt(zoom))) };
}

bool near(const QPointF& a, const QPointF& b, double tolerance = 1e-12)
{
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

int totalCount(const std::vector<MapSymbol>& symbols)
{
    int total = 0;
    for (const MapSymbol& symbol : symbols)
        total += symbol.count;
    return total;
}

const QRectF wholeWorld(0, 0, 1, 1);

// Compares symbols() over the whole world with a direct grouping of the markers by cell.
void compareWithDirectGrouping(const MarkerSet& set, int zoom)
{
    const double c = cellAt(zoom);
    struct Expected
    {
        int count = 0;
        QPointF sum;
        std::array<int, 4> byCategory {};
        bool pulse = false;
        int marker = -1;
    };
    std::map<std::pair<qint64, qint64>, Expected> cells;
    for (int i = 0; i < set.size(); ++i) {
        const QPointF w = set.worldAt(i);
        Expected& e = cells[{ qint64(std::floor(w.y() / c)), qint64(std::floor(w.x() / c)) }];
        ++e.count;
        e.sum += w;
        ++e.byCategory[set.stateAt(i).category];
        e.pulse = e.pulse || set.stateAt(i).pulse;
        e.marker = i;
    }
    const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
    QCOMPARE(symbols.size(), cells.size());
    size_t i = 0;
    for (const auto& [key, expected] : cells) {
        const MapSymbol& symbol = symbols[i++];
        QCOMPARE(symbol.count, expected.count);
        QCOMPARE(symbol.byCategory, expected.byCategory);
        QCOMPARE(symbol.pulse, expected.pulse);
        QCOMPARE(symbol.marker, expected.count == 1 ? expected.marker : -1);
        QVERIFY(near(symbol.world, expected.sum / expected.count, 1e-12));
    }
}

} // namespace

class TestMarkerSet : public QObject
{
    Q_OBJECT

private slots:
    void upsertAddsAMarkerFoundByItsId();
    void upsertOfAKnownIdChangesItInPlace();
    void categoryIsClampedToTheLastOne();
    void removeMovesTheLastMarkerIntoTheHole();
    void removeOfAnUnknownIdChangesNothing();
    void indexOfStaysRightThroughManyInsertsAndRemoves();
    void clearEmptiesTheSet();
    void revisionBumpsOnEveryChange();
    void revisionStaysWhenNothingChanges();
    void worldBoundsHoldEveryMarker();
    void worldBoundsShrinkWhenTheOutermostMarkerGoes();
    void worldBoundsAreEmptyWithoutMarkers();
    void nearbyMarkersMergeIntoOneClusterAtALowZoom();
    void aLoneMarkerInItsCellIsReturnedAsThatMarker();
    void beyondClusterMaxZoomEveryMarkerStandsAlone();
    void onlySymbolsInsideTheViewportAreReturned();
    void onlyMarkersInsideTheViewportAreReturnedBeyondClusterMaxZoom();
    void panningByAFractionOfACellKeepsTheGroups();
    void countsOverTheWholeSetSumToSize();
    void symbolsComeInCellOrderThenMarkerIndex();
    void clusterPulsesWhenAnyMemberPulses();
    void changingACategoryUpdatesItsClusterCounts();
    void movingAMarkerInsideItsCellMovesTheClusterCentre();
    void movingAMarkerToAnotherCellRegroupsIt();
    void clustersMatchADirectGroupingAfterMixedEdits();
    void levelsDrawnInTurnFollowStatusChanges();
    void largerClusterCellsMergeMore();
    void topCategoryIsTheMostSevereWithMembers();
    void nearestFindsTheClosestMarkerWithinTheRadius();
    void nearestIsMinusOneWhenNothingIsWithinTheRadius();
    void nearestFollowsAMovedMarker();
    void withinReturnsOnlyMarkersInsideTheRectangle();
    void withinStopsAtTheLimit();
    void withinListsAClustersMembers();
    void nearestPicksAmongMarkersAtAlmostTheSamePlace();
    void clusteringCanBeTurnedOff();
    void clusterMaxZoomAboveSixteenStillClusters();
    void markersWithoutAFinitePositionAreNeverDrawnNorPicked();
};

void TestMarkerSet::upsertAddsAMarkerFoundByItsId()
{
    MarkerSet set;
    const int index = set.upsert(QStringLiteral("sensor-1"), at(QPointF(0.8, 0.4), 2));
    QCOMPARE(index, 0);
    QCOMPARE(set.size(), 1);
    QCOMPARE(set.indexOf(QStringLiteral("sensor-1")), 0);
    QCOMPARE(set.idAt(0), QStringLiteral("sensor-1"));
    QCOMPARE(set.stateAt(0).category, quint8(2));
    QVERIFY(near(set.worldAt(0), QPointF(0.8, 0.4), 1e-12));
    QCOMPARE(set.indexOf(QStringLiteral("sensor-2")), -1);
}

void TestMarkerSet::upsertOfAKnownIdChangesItInPlace()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.1, 0.1)));
    set.upsert(QStringLiteral("b"), at(QPointF(0.2, 0.2)));
    const int index = set.upsert(QStringLiteral("a"), at(QPointF(0.3, 0.3), 3, true));
    QCOMPARE(index, 0);
    QCOMPARE(set.size(), 2);
    QCOMPARE(set.stateAt(0).category, quint8(3));
    QVERIFY(set.stateAt(0).pulse);
    QVERIFY(near(set.worldAt(0), QPointF(0.3, 0.3)));
}

void TestMarkerSet::categoryIsClampedToTheLastOne()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5), 200));
    QCOMPARE(set.stateAt(0).category, quint8(MarkerSet::categories - 1));
}

void TestMarkerSet::removeMovesTheLastMarkerIntoTheHole()
{
    MarkerSet set;
    for (int i = 0; i < 5; ++i)
        set.upsert(QStringLiteral("m%1").arg(i), at(QPointF(0.1 * (i + 1), 0.5), quint8(i % 4)));
    QVERIFY(set.remove(QStringLiteral("m1")));
    QCOMPARE(set.size(), 4);
    QCOMPARE(set.indexOf(QStringLiteral("m1")), -1);
    QCOMPARE(set.idAt(1), QStringLiteral("m4"));
    QCOMPARE(set.indexOf(QStringLiteral("m4")), 1);
    QVERIFY(near(set.worldAt(1), QPointF(0.5, 0.5)));
    QCOMPARE(set.stateAt(1).category, quint8(0)); // m4's category, 4 % 4
    for (int i : { 0, 2, 3 })
        QCOMPARE(set.idAt(set.indexOf(QStringLiteral("m%1").arg(i))), QStringLiteral("m%1").arg(i));
}

void TestMarkerSet::removeOfAnUnknownIdChangesNothing()
{
    MarkerSet set;
    QVERIFY(!set.remove(QStringLiteral("ghost")));
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5)));
    const quint64 revision = set.revision();
    QVERIFY(!set.remove(QStringLiteral("ghost")));
    QCOMPARE(set.size(), 1);
    QCOMPARE(set.revision(), revision);
}

void TestMarkerSet::indexOfStaysRightThroughManyInsertsAndRemoves()
{
    MarkerSet set;
    QRandomGenerator random(7);
    std::set<int> alive;
    for (int round = 0; round < 20000; ++round) {
        const int key = int(random.bounded(3000));
        const QString id = QStringLiteral("id-%1").arg(key);
        if (random.bounded(3) == 0) {
            QCOMPARE(set.remove(id), alive.erase(key) == 1);
        } else {
            set.upsert(id, at(QPointF(random.generateDouble(), random.generateDouble())));
            alive.insert(key);
        }
    }
    QCOMPARE(set.size(), int(alive.size()));
    for (int key = 0; key < 3000; ++key) {
        const QString id = QStringLiteral("id-%1").arg(key);
        const int index = set.indexOf(id);
        if (alive.count(key))
            QCOMPARE(set.idAt(index), id);
        else
            QCOMPARE(index, -1);
    }
}

void TestMarkerSet::clearEmptiesTheSet()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5)));
    set.clear();
    QCOMPARE(set.size(), 0);
    QCOMPARE(set.indexOf(QStringLiteral("a")), -1);
    QVERIFY(set.symbols(4, wholeWorld).empty());
    QCOMPARE(set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5))), 0);
}

void TestMarkerSet::revisionBumpsOnEveryChange()
{
    MarkerSet set;
    quint64 last = set.revision();
    auto bumped = [&] {
        const bool changed = set.revision() > last;
        last = set.revision();
        return changed;
    };
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5)));
    QVERIFY(bumped());
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5), 1));
    QVERIFY(bumped());
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5), 1, true));
    QVERIFY(bumped());
    set.upsert(QStringLiteral("a"), at(QPointF(0.6, 0.5), 1, true));
    QVERIFY(bumped());
    set.setClusterCellPixels(80);
    QVERIFY(bumped());
    set.setClusterMaxZoom(12);
    QVERIFY(bumped());
    set.remove(QStringLiteral("a"));
    QVERIFY(bumped());
    set.upsert(QStringLiteral("b"), at(QPointF(0.5, 0.5)));
    set.clear();
    QVERIFY(bumped());
}

void TestMarkerSet::revisionStaysWhenNothingChanges()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5), 2));
    const quint64 revision = set.revision();
    set.upsert(QStringLiteral("a"), at(QPointF(0.5, 0.5), 2));
    (void)set.symbols(10, wholeWorld);
    (void)set.nearest(QPointF(0.5, 0.5), 0.1);
    QCOMPARE(set.revision(), revision);
}

void TestMarkerSet::worldBoundsHoldEveryMarker()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.3, 0.6)));
    set.upsert(QStringLiteral("b"), at(QPointF(0.7, 0.2)));
    set.upsert(QStringLiteral("c"), at(QPointF(0.5, 0.4)));
    const QRectF bounds = set.worldBounds();
    QVERIFY(near(bounds.topLeft(), QPointF(0.3, 0.2), 1e-12));
    QVERIFY(near(bounds.bottomRight(), QPointF(0.7, 0.6), 1e-12));
    set.upsert(QStringLiteral("c"), at(QPointF(0.9, 0.4)));
    QVERIFY(std::abs(set.worldBounds().right() - 0.9) < 1e-12);
}

void TestMarkerSet::worldBoundsShrinkWhenTheOutermostMarkerGoes()
{
    MarkerSet set;
    set.upsert(QStringLiteral("a"), at(QPointF(0.3, 0.6)));
    set.upsert(QStringLiteral("b"), at(QPointF(0.7, 0.2)));
    set.upsert(QStringLiteral("c"), at(QPointF(0.5, 0.4)));
    (void)set.worldBounds();
    set.remove(QStringLiteral("b"));
    QVERIFY(near(set.worldBounds().topLeft(), QPointF(0.3, 0.4), 1e-12));
    QVERIFY(near(set.worldBounds().bottomRight(), QPointF(0.5, 0.6), 1e-12));
    set.upsert(QStringLiteral("a"), at(QPointF(0.45, 0.5)));
    QVERIFY(near(set.worldBounds().topLeft(), QPointF(0.45, 0.4), 1e-12));
}

void TestMarkerSet::worldBoundsAreEmptyWithoutMarkers()
{
    MarkerSet set;
    QVERIFY(set.worldBounds().isNull());
    set.upsert(QStringLiteral("a"), at(QPointF(0.3, 0.6)));
    set.remove(QStringLiteral("a"));
    QVERIFY(set.worldBounds().isNull());
}

void TestMarkerSet::nearbyMarkersMergeIntoOneClusterAtALowZoom()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    const QPointF a = inCell(zoom, cell.x(), cell.y(), 0.2, 0.3);
    const QPointF b = inCell(zoom, cell.x(), cell.y(), 0.6, 0.5);
    const QPointF c = inCell(zoom, cell.x(), cell.y(), 0.7, 0.9);
    set.upsert(QStringLiteral("a"), at(a, 0));
    set.upsert(QStringLiteral("b"), at(b, 3));
    set.upsert(QStringLiteral("c"), at(c, 3));

    const std::vector<MapSymbol> symbols = set.symbols(zoom + 0.7, wholeWorld);
    QCOMPARE(symbols.size(), size_t(1));
    const MapSymbol& cluster = symbols.front();
    QVERIFY(cluster.isCluster());
    QCOMPARE(cluster.count, 3);
    QCOMPARE(cluster.marker, -1);
    QCOMPARE(cluster.byCategory, (std::array<int, 4> { 1, 0, 0, 2 }));
    QVERIFY(near(cluster.world, (a + b + c) / 3, 1e-9));
}

void TestMarkerSet::aLoneMarkerInItsCellIsReturnedAsThatMarker()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    set.upsert(QStringLiteral("a"), at(inCell(zoom, cell.x(), cell.y(), 0.5, 0.5), 0));
    const QPointF lone = inCell(zoom, cell.x() + 3, cell.y(), 0.5, 0.5);
    const int index = set.upsert(QStringLiteral("b"), at(lone, 2, true));
    set.upsert(QStringLiteral("c"), at(inCell(zoom, cell.x(), cell.y(), 0.4, 0.4), 1));

    const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
    QCOMPARE(symbols.size(), size_t(2));
    const MapSymbol& single = symbols.back();
    QVERIFY(!single.isCluster());
    QCOMPARE(single.count, 1);
    QCOMPARE(single.marker, index);
    QCOMPARE(single.byCategory, (std::array<int, 4> { 0, 0, 1, 0 }));
    QVERIFY(single.pulse);
    QVERIFY(near(single.world, set.worldAt(index)));
}

void TestMarkerSet::beyondClusterMaxZoomEveryMarkerStandsAlone()
{
    MarkerSet set;
    const int zoom = set.clusterMaxZoom() + 1;
    const QPoint cell = xianyangCell(zoom);
    for (int i = 0; i < 4; ++i)
        set.upsert(QStringLiteral("m%1").arg(i), at(inCell(zoom, cell.x(), cell.y(), 0.1 + 0.2 * i, 0.5)));

    const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
    QCOMPARE(symbols.size(), size_t(4));
    std::set<int> markers;
    for (const MapSymbol& symbol : symbols) {
        QCOMPARE(symbol.count, 1);
        QVERIFY(near(symbol.world, set.worldAt(symbol.marker)));
        markers.insert(symbol.marker);
    }
    QCOMPARE(markers.size(), size_t(4));
    // At the last clustered zoom the same four are one cluster.
    QCOMPARE(set.symbols(set.clusterMaxZoom(), wholeWorld).size(), size_t(1));
}

void TestMarkerSet::onlySymbolsInsideTheViewportAreReturned()
{
    MarkerSet set;
    const int zoom = 8;
    const QPoint cell = xianyangCell(zoom);
    set.upsert(QStringLiteral("in1"), at(inCell(zoom, cell.x(), cell.y(), 0.3, 0.3)));
    set.upsert(QStringLiteral("in2"), at(inCell(zoom, cell.x(), cell.y(), 0.6, 0.6)));
    set.upsert(QStringLiteral("out"), at(inCell(zoom, cell.x() + 10, cell.y(), 0.5, 0.5)));
    set.upsert(QStringLiteral("out2"), at(inCell(zoom, cell.x(), cell.y() - 7, 0.5, 0.5)));
    const double c = cellAt(zoom);
    const QRectF viewport(inCell(zoom, cell.x() - 2, cell.y() - 2, 0, 0), QSizeF(5 * c, 5 * c));

    const std::vector<MapSymbol> symbols = set.symbols(zoom, viewport);
    QCOMPARE(symbols.size(), size_t(1));
    QCOMPARE(symbols.front().count, 2);
    for (const MapSymbol& symbol : symbols)
        QVERIFY(viewport.contains(symbol.world));
}

void TestMarkerSet::onlyMarkersInsideTheViewportAreReturnedBeyondClusterMaxZoom()
{
    MarkerSet set;
    const int zoom = 18;
    const QPoint cell = xianyangCell(zoom);
    const int inside = set.upsert(QStringLiteral("in"), at(inCell(zoom, cell.x(), cell.y(), 0.5, 0.5)));
    set.upsert(QStringLiteral("left"), at(inCell(zoom, cell.x() - 3, cell.y(), 0.5, 0.5)));
    set.upsert(QStringLiteral("below"), at(inCell(zoom, cell.x(), cell.y() + 2, 0.5, 0.5)));
    const double c = cellAt(zoom);
    const QRectF viewport(inCell(zoom, cell.x() - 1, cell.y() - 1, 0, 0), QSizeF(3 * c, 2.5 * c));

    const std::vector<MapSymbol> symbols = set.symbols(zoom, viewport);
    QCOMPARE(symbols.size(), size_t(1));
    QCOMPARE(symbols.front().marker, inside);
}

void TestMarkerSet::panningByAFractionOfACellKeepsTheGroups()
{
    MarkerSet set;
    const int zoom = 11;
    const QPoint cell = xianyangCell(zoom);
    // Pairs that straddle cell borders and pairs well inside cells.
    set.upsert(QStringLiteral("a"), at(inCell(zoom, cell.x(), cell.y(), 0.95, 0.5)));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x() + 1, cell.y(), 0.05, 0.5)));
    set.upsert(QStringLiteral("c"), at(inCell(zoom, cell.x() + 3, cell.y(), 0.3, 0.3)));
    set.upsert(QStringLiteral("d"), at(inCell(zoom, cell.x() + 3, cell.y(), 0.6, 0.6)));
    set.upsert(QStringLiteral("e"), at(inCell(zoom, cell.x() + 2, cell.y() + 2, 0.5, 0.98)));
    set.upsert(QStringLiteral("f"), at(inCell(zoom, cell.x() + 2, cell.y() + 3, 0.5, 0.02)));
    const double c = cellAt(zoom);
    const QRectF viewport(inCell(zoom, cell.x() - 5, cell.y() - 5, 0, 0), QSizeF(15 * c, 15 * c));

    const std::vector<MapSymbol> before = set.symbols(zoom, viewport);
    for (const QPointF shift : { QPointF(0.3 * c, 0), QPointF(0, 0.45 * c), QPointF(-0.7 * c, 0.2 * c) }) {
        const std::vector<MapSymbol> after = set.symbols(zoom, viewport.translated(shift));
        QCOMPARE(after.size(), before.size());
        for (size_t i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].count, before[i].count);
            QCOMPARE(after[i].marker, before[i].marker);
            QVERIFY(near(after[i].world, before[i].world));
        }
    }
    QCOMPARE(before.size(), size_t(5)); // a, b, (c d), e, f
}

void TestMarkerSet::countsOverTheWholeSetSumToSize()
{
    MarkerSet set;
    QRandomGenerator random(42);
    const QRectF city = WebMercator::toWorld(QRectF(QPointF(107.6, 34.1), QPointF(109.2, 35.6))).normalized();
    for (int i = 0; i < 5000; ++i) {
        const QPointF world(
            city.left() + random.generateDouble() * city.width(), city.top() + random.generateDouble() * city.height());
        set.upsert(QStringLiteral("m%1").arg(i), at(world, quint8(random.bounded(4))));
    }
    for (int zoom = 0; zoom <= 22; zoom += 2) {
        const std::vector<MapSymbol> symbols = set.symbols(zoom, set.worldBounds());
        QCOMPARE(totalCount(symbols), set.size());
    }
}

void TestMarkerSet::symbolsComeInCellOrderThenMarkerIndex()
{
    MarkerSet set;
    const int zoom = 9;
    const QPoint cell = xianyangCell(zoom);
    // Inserted in an order unlike the cells'.
    const int right = set.upsert(QStringLiteral("right"), at(inCell(zoom, cell.x() + 1, cell.y(), 0.5, 0.5)));
    const int below = set.upsert(QStringLiteral("below"), at(inCell(zoom, cell.x() - 1, cell.y() + 1, 0.5, 0.5)));
    const int left = set.upsert(QStringLiteral("left"), at(inCell(zoom, cell.x(), cell.y(), 0.5, 0.5)));

    std::vector<int> order;
    for (const MapSymbol& symbol : set.symbols(zoom, wholeWorld))
        order.push_back(symbol.marker);
    QCOMPARE(order, (std::vector<int> { left, right, below }));

    // Beyond the cluster zooms markers stand alone, still by cell (the last clustered zoom's) and by
    // index inside a cell.
    MarkerSet dense;
    const int last = dense.clusterMaxZoom();
    const QPointF centre = inCell(last, xianyangCell(last).x(), xianyangCell(last).y(), 0.5, 0.5);
    const double step = cellAt(last) / 20;
    for (int i = 0; i < 6; ++i)
        dense.upsert(QStringLiteral("d%1").arg(i), at(centre + QPointF(-step * i / 2, step * (i % 2))));
    std::vector<int> indexes;
    for (const MapSymbol& symbol : dense.symbols(last + 2, wholeWorld))
        indexes.push_back(symbol.marker);
    QCOMPARE(indexes, (std::vector<int> { 0, 1, 2, 3, 4, 5 }));
}

void TestMarkerSet::clusterPulsesWhenAnyMemberPulses()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    set.upsert(QStringLiteral("a"), at(inCell(zoom, cell.x(), cell.y(), 0.2, 0.2)));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x(), cell.y(), 0.8, 0.8)));
    QVERIFY(!set.symbols(zoom, wholeWorld).front().pulse);
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x(), cell.y(), 0.8, 0.8), 0, true));
    QVERIFY(set.symbols(zoom, wholeWorld).front().pulse);
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x(), cell.y(), 0.8, 0.8), 0, false));
    QVERIFY(!set.symbols(zoom, wholeWorld).front().pulse);
}

void TestMarkerSet::changingACategoryUpdatesItsClusterCounts()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    const QPointF a = inCell(zoom, cell.x(), cell.y(), 0.2, 0.2);
    set.upsert(QStringLiteral("a"), at(a, 0));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x(), cell.y(), 0.8, 0.8), 0));
    QCOMPARE(set.symbols(zoom, wholeWorld).front().byCategory, (std::array<int, 4> { 2, 0, 0, 0 }));
    set.upsert(QStringLiteral("a"), at(a, 3));
    const MapSymbol cluster = set.symbols(zoom, wholeWorld).front();
    QCOMPARE(cluster.byCategory, (std::array<int, 4> { 1, 0, 0, 1 }));
    QCOMPARE(cluster.topCategory(), 3);
}

void TestMarkerSet::movingAMarkerInsideItsCellMovesTheClusterCentre()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    const QPointF a = inCell(zoom, cell.x(), cell.y(), 0.2, 0.2);
    const QPointF b = inCell(zoom, cell.x(), cell.y(), 0.4, 0.4);
    const QPointF moved = inCell(zoom, cell.x(), cell.y(), 0.9, 0.6);
    set.upsert(QStringLiteral("a"), at(a));
    set.upsert(QStringLiteral("b"), at(b));
    QVERIFY(near(set.symbols(zoom, wholeWorld).front().world, (a + b) / 2, 1e-9));
    set.upsert(QStringLiteral("b"), at(moved));
    QVERIFY(near(set.symbols(zoom, wholeWorld).front().world, (a + moved) / 2, 1e-9));
}

void TestMarkerSet::movingAMarkerToAnotherCellRegroupsIt()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    set.upsert(QStringLiteral("a"), at(inCell(zoom, cell.x(), cell.y(), 0.2, 0.2)));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x(), cell.y(), 0.4, 0.4)));
    QCOMPARE(set.symbols(zoom, wholeWorld).size(), size_t(1));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x() + 2, cell.y(), 0.4, 0.4)));
    const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
    QCOMPARE(symbols.size(), size_t(2));
    QCOMPARE(symbols[0].marker, 0);
    QCOMPARE(symbols[1].marker, 1);
}

void TestMarkerSet::clustersMatchADirectGroupingAfterMixedEdits()
{
    // Edits between frames, each frame drawn at one of more zooms than are cached: the levels update
    // in place, fall behind, get evicted and rebuild, and must always show what the markers say.
    MarkerSet set;
    QRandomGenerator random(3);
    const QPoint origin = xianyangCell(12);
    auto randomPoint = [&] {
        return inCell(12, origin.x(), origin.y(), random.generateDouble() * 20, random.generateDouble() * 20);
    };
    for (int i = 0; i < 3000; ++i)
        set.upsert(QStringLiteral("m%1").arg(i), at(randomPoint(), quint8(random.bounded(4)), random.bounded(5) == 0));

    const int zooms[] = { 12, 16, 9, 14, 12, 5, 15, 12 };
    for (int frame = 0; frame < 40; ++frame) {
        // Most frames change statuses and nudge markers inside their cells (the levels update in
        // place); some move markers across cells, some insert and remove (the levels rebuild), and
        // now and then more changes come than the change log holds.
        const int mix = frame % 5;
        const int edits = frame % 10 == 7 ? 6000 : 60;
        for (int edit = 0; edit < edits; ++edit) {
            const int index = int(random.bounded(set.size()));
            const QString id = set.idAt(index);
            const quint32 kind = random.bounded(mix == 4 ? 10 : mix == 3 ? 9 : 8);
            MarkerState state = set.stateAt(index);
            if (kind < 6) {
                state.category = quint8(random.bounded(4));
                state.pulse = random.bounded(4) == 0;
                set.upsert(id, state);
            } else if (kind < 8) {
                const QPointF nudge(cellAt(16) * 1e-4, -cellAt(16) * 1e-4);
                set.upsert(id, at(set.worldAt(index) + nudge, state.category, state.pulse));
            } else if (kind < 9) {
                set.upsert(id, at(randomPoint(), state.category, state.pulse));
            } else {
                set.remove(id);
                set.upsert(QStringLiteral("n%1-%2").arg(frame).arg(edit), at(randomPoint()));
            }
        }

        compareWithDirectGrouping(set, zooms[frame % 8]);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestMarkerSet::levelsDrawnInTurnFollowStatusChanges()
{
    // Every level stays cached and applies the changes made since it was last drawn.
    MarkerSet set;
    QRandomGenerator random(11);
    const QPoint origin = xianyangCell(12);
    for (int i = 0; i < 2000; ++i) {
        const QPointF world
            = inCell(12, origin.x(), origin.y(), random.generateDouble() * 8, random.generateDouble() * 8);
        set.upsert(QStringLiteral("m%1").arg(i), at(world, quint8(random.bounded(4))));
    }
    const int zooms[] = { 12, 9, 16, 14 };
    for (int frame = 0; frame < 60; ++frame) {
        const int edits = 10 + int(random.bounded(300));
        for (int edit = 0; edit < edits; ++edit) {
            const int index = int(random.bounded(set.size()));
            MarkerState state = set.stateAt(index);
            state.category = quint8(random.bounded(4));
            state.pulse = random.bounded(3) == 0;
            set.upsert(set.idAt(index), state);
        }
        compareWithDirectGrouping(set, zooms[frame % 4]);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestMarkerSet::largerClusterCellsMergeMore()
{
    MarkerSet set;
    const int zoom = 10;
    const QPoint cell = xianyangCell(zoom);
    set.upsert(QStringLiteral("a"), at(inCell(zoom, cell.x(), cell.y(), 0.2, 0.5)));
    set.upsert(QStringLiteral("b"), at(inCell(zoom, cell.x() + 1, cell.y(), 0.2, 0.5)));
    QCOMPARE(set.symbols(zoom, wholeWorld).size(), size_t(2));
    set.setClusterCellPixels(56 * 64);
    QCOMPARE(set.clusterCellPixels(), 56.0 * 64);
    QCOMPARE(set.symbols(zoom, wholeWorld).size(), size_t(1));
}

void TestMarkerSet::topCategoryIsTheMostSevereWithMembers()
{
    MapSymbol symbol;
    symbol.byCategory = { 5, 2, 0, 0 };
    QCOMPARE(symbol.topCategory(), 1);
    symbol.byCategory = { 0, 0, 0, 1 };
    QCOMPARE(symbol.topCategory(), 3);
    symbol.byCategory = { 7, 0, 0, 0 };
    QCOMPARE(symbol.topCategory(), 0);
    symbol.byCategory = {};
    QCOMPARE(symbol.topCategory(), -1);
}

void TestMarkerSet::nearestFindsTheClosestMarkerWithinTheRadius()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    const double step = 1e-5;
    set.upsert(QStringLiteral("far"), at(centre + QPointF(5 * step, 0)));
    const int close = set.upsert(QStringLiteral("close"), at(centre + QPointF(0, -1.5 * step)));
    set.upsert(QStringLiteral("mid"), at(centre + QPointF(-2 * step, 1 * step)));
    // Across a grid cell border, a long way off in cells.
    set.upsert(QStringLiteral("other"), at(centre + QPointF(400 * step, 0)));
    QCOMPARE(set.nearest(centre, 10 * step), close);
    QCOMPARE(set.nearest(centre + QPointF(400 * step, 3 * step), 10 * step), set.indexOf(QStringLiteral("other")));
    QCOMPARE(set.nearest(centre + QPointF(330 * step, 0), 100 * step), set.indexOf(QStringLiteral("other")));
}

void TestMarkerSet::nearestIsMinusOneWhenNothingIsWithinTheRadius()
{
    MarkerSet set;
    QCOMPARE(set.nearest(QPointF(0.5, 0.5), 1), -1);
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    set.upsert(QStringLiteral("a"), at(centre + QPointF(3e-5, 4e-5)));
    QCOMPARE(set.nearest(centre, 4.9e-5), -1);
    QCOMPARE(set.nearest(centre, 5.1e-5), 0);
}

void TestMarkerSet::nearestFollowsAMovedMarker()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    set.upsert(QStringLiteral("a"), at(centre));
    set.upsert(QStringLiteral("b"), at(centre + QPointF(0.01, 0)));
    QCOMPARE(set.nearest(centre + QPointF(0.01, 0), 1e-4), 1);
    set.upsert(QStringLiteral("b"), at(centre + QPointF(0, 0.02)));
    QCOMPARE(set.nearest(centre + QPointF(0.01, 0), 1e-4), -1);
    QCOMPARE(set.nearest(centre + QPointF(0, 0.02), 1e-4), 1);
}

void TestMarkerSet::withinReturnsOnlyMarkersInsideTheRectangle()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    std::set<int> expected;
    for (int i = 0; i < 10; ++i) {
        const int index = set.upsert(QStringLiteral("in%1").arg(i), at(centre + QPointF(i * 1e-5, i * 2e-5)));
        expected.insert(index);
    }
    set.upsert(QStringLiteral("out1"), at(centre + QPointF(-1e-5, 0)));
    set.upsert(QStringLiteral("out2"), at(centre + QPointF(0.2, 0)));
    const QRectF rect(centre - QPointF(5e-6, 5e-6), QSizeF(1e-4, 2e-4));
    const std::vector<int> found = set.within(rect, 100);
    QCOMPARE(std::set<int>(found.begin(), found.end()), expected);
    QCOMPARE(found.size(), expected.size());
}

void TestMarkerSet::withinStopsAtTheLimit()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    for (int i = 0; i < 10; ++i)
        set.upsert(QStringLiteral("in%1").arg(i), at(centre + QPointF(i * 1e-5, 0)));
    const QRectF rect(centre - QPointF(1e-6, 1e-6), QSizeF(1e-3, 1e-3));
    const std::vector<int> three = set.within(rect, 3);
    QCOMPARE(three.size(), size_t(3));
    for (const int index : three)
        QVERIFY(rect.contains(set.worldAt(index)));
    QVERIFY(set.within(rect, 0).empty());
}

void TestMarkerSet::withinListsAClustersMembers()
{
    MarkerSet set;
    const int zoom = 12;
    const QPoint cell = xianyangCell(zoom);
    const QPointF centre = inCell(zoom, cell.x(), cell.y(), 0.5, 0.5);
    std::set<int> members;
    for (int i = 0; i < 3; ++i) // practically on top of each other
        members.insert(set.upsert(QStringLiteral("stack%1").arg(i), at(centre + QPointF(1e-9 * i, 0))));
    members.insert(set.upsert(QStringLiteral("corner"), at(inCell(zoom, cell.x(), cell.y(), 0.05, 0.9))));
    members.insert(set.upsert(QStringLiteral("edge"), at(inCell(zoom, cell.x(), cell.y(), 0.95, 0.1))));
    set.upsert(QStringLiteral("right"), at(inCell(zoom, cell.x() + 1, cell.y(), 0.05, 0.5)));
    set.upsert(QStringLiteral("above"), at(inCell(zoom, cell.x(), cell.y() - 1, 0.5, 0.95)));

    const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
    const auto cluster = std::find_if(symbols.begin(), symbols.end(), [](const MapSymbol& s) { return s.count == 5; });
    QVERIFY(cluster != symbols.end());
    const double c = cellAt(zoom);
    const QRectF cellRect(std::floor(cluster->world.x() / c) * c, std::floor(cluster->world.y() / c) * c, c, c);
    const std::vector<int> found = set.within(cellRect, 100);
    QCOMPARE(std::set<int>(found.begin(), found.end()), members);
    QCOMPARE(found.size(), members.size());
}

void TestMarkerSet::nearestPicksAmongMarkersAtAlmostTheSamePlace()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    set.upsert(QStringLiteral("a"), at(centre + QPointF(3e-9, 0)));
    const int closest = set.upsert(QStringLiteral("b"), at(centre + QPointF(0, 1e-9)));
    set.upsert(QStringLiteral("c"), at(centre + QPointF(-2e-9, 2e-9)));
    QCOMPARE(set.nearest(centre, 1e-6), closest);
}

void TestMarkerSet::clusteringCanBeTurnedOff()
{
    MarkerSet set;
    set.setClusterMaxZoom(-1);
    QCOMPARE(set.clusterMaxZoom(), -1);
    const QPoint cell = xianyangCell(3);
    set.upsert(QStringLiteral("a"), at(inCell(3, cell.x(), cell.y(), 0.4, 0.4)));
    set.upsert(QStringLiteral("b"), at(inCell(3, cell.x(), cell.y(), 0.6, 0.6)));
    for (const int zoom : { 0, 3, 12 })
        QCOMPARE(set.symbols(zoom, wholeWorld).size(), size_t(2));
}

void TestMarkerSet::clusterMaxZoomAboveSixteenStillClusters()
{
    MarkerSet set;
    set.setClusterMaxZoom(18);
    const QPoint cell = xianyangCell(18);
    set.upsert(QStringLiteral("a"), at(inCell(18, cell.x(), cell.y(), 0.2, 0.2)));
    set.upsert(QStringLiteral("b"), at(inCell(18, cell.x(), cell.y(), 0.7, 0.7)));
    QCOMPARE(set.symbols(18, wholeWorld).size(), size_t(1));
    QCOMPARE(set.symbols(18, wholeWorld).front().count, 2);
    QCOMPARE(set.symbols(19, wholeWorld).size(), size_t(2));
    QCOMPARE(set.symbols(10, wholeWorld).size(), size_t(1));
}

void TestMarkerSet::markersWithoutAFinitePositionAreNeverDrawnNorPicked()
{
    MarkerSet set;
    const QPointF centre = WebMercator::toWorld(QPointF(108.7, 34.33));
    MarkerState broken;
    broken.lonLat = QPointF(qQNaN(), 34.0);
    set.upsert(QStringLiteral("broken"), broken);
    const int good = set.upsert(QStringLiteral("good"), at(centre));
    QVERIFY(near(set.worldBounds().topLeft(), centre, 1e-12));
    for (const int zoom : { 4, 12, 18 }) {
        const std::vector<MapSymbol> symbols = set.symbols(zoom, wholeWorld);
        QCOMPARE(symbols.size(), size_t(1));
        QCOMPARE(symbols.front().marker, good);
    }
    QCOMPARE(set.nearest(centre, 1), good);
    QCOMPARE(set.within(wholeWorld, 10), std::vector<int> { good });
}

QTEST_MAIN(TestMarkerSet)
#include "tst_markerset.moc"
