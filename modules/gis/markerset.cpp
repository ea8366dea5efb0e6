#include "markerset.h"

#include "webmercator.h"

#include <QHashFunctions>

#include <algorithm>
#include <cmath>
#include <limits>

// Layout (sized for a million markers):
//
// - Markers live in flat parallel arrays indexed by marker index: id, state, world position, a byte of
//   category and pulse, and the id's hash. The id index is an open-addressing table of marker indexes
//   (linear probing, backward-shift deletion), 4 bytes a slot at a load of at most 0.7, where a
//   QHash<QString, int> would cost about 40 bytes a marker.
// - Cells are squares aligned on the world origin, keyed row-major, so the cells under a viewport are
//   one binary search per row of cells.
// - The base level groups the markers by the cluster cell of zoom max(clusterMaxZoom(), 16) (56 px
//   there: about 110 m at zoom 16 here). Per non-empty cell: its key, the sum of its members'
//   positions, either its one marker (index, category, pulse) or its counts, and its members (marker
//   indexes, ascending). It is built by one LSD radix sort of (cell, index, flags) words that carries
//   each marker's position inside its cell along, so nothing is read at random. nearest(), within()
//   and the unclustered zooms read its members.
// - A coarser zoom z is derived from the base in one linear pass: with world-aligned cells, a zoom z
//   cell is exactly the base cells whose column and row agree when shifted right by (base zoom - z)
//   bits. The three most recently used derived levels are kept, so a pan reads cached cells.
// - Changes to existing markers go to a log that each level applies when next used: a status change
//   or a move inside a cell updates the cell in place, a move across a cell makes that level rebuild.
//   upsert() stays O(1) and only the levels actually drawn pay. An insert or a remove adds or
//   renumbers members, so every level rebuilds on its next use.

namespace citybrain {

int MapSymbol::topCategory() const
{
    for (int category = static_cast<int>(byCategory.size()) - 1; category >= 0; --category) {
        if (byCategory[static_cast<size_t>(category)] > 0)
            return category;
    }
    return -1;
}

namespace {

constexpr int maxZoomLevel = 22;
constexpr size_t cachedDerivedLevels = 3;
constexpr int finestBaseZoom = 16; // the base level is never coarser than zoom 16's cluster cells
constexpr qint64 cellLimit = qint64(1) << 30;
constexpr qint64 cellBias = qint64(1) << 31;
constexpr quint32 emptySlot = 0xffffffffu;

// The cell of a world coordinate, clamped so that any input (far outside the world, NaN) has one.
qint64 cellOf(double coordinate, double inverseCellSize)
{
    const double cell = std::floor(coordinate * inverseCellSize);
    if (!(cell > double(-cellLimit)))
        return -cellLimit;
    if (cell > double(cellLimit))
        return cellLimit;
    return static_cast<qint64>(cell);
}

// floor(value / 2^shift) for negative values too.
qint64 shiftDown(qint64 value, int shift)
{
    return value >= 0 ? (value >> shift) : -((-value - 1) >> shift) - 1;
}

// Row-major cell key: sorting keys sorts cells by row, then by column.
quint64 cellKey(qint64 cx, qint64 cy)
{
    return (quint64(cy + cellBias) << 32) | quint64(cx + cellBias);
}
qint64 keyColumn(quint64 key)
{
    return qint64(key & 0xffffffffu) - cellBias;
}
qint64 keyRow(quint64 key)
{
    return qint64(key >> 32) - cellBias;
}

int bitsFor(quint64 value)
{
    int bits = 0;
    while (value) {
        ++bits;
        value >>= 1;
    }
    return bits;
}

// A marker's category (bits 0-1) and pulse (bit 2) in one byte.
quint8 flagsOf(const MarkerState& state)
{
    return quint8(state.category | (state.pulse ? 4 : 0));
}

bool inside(const QRectF& rect, const QPointF& point)
{
    return point.x() >= rect.left() && point.x() <= rect.right() && point.y() >= rect.top()
        && point.y() <= rect.bottom();
}

// Sorts `packed` on bits [from, to) with stable LSD passes, moving `payload` (may be null) along.
void radixSort(std::vector<quint64>& packed, int from, int to, std::vector<quint64>* payload)
{
    constexpr int digitBits = 11;
    constexpr size_t buckets = size_t(1) << digitBits;
    const size_t n = packed.size();
    if (from >= to || n < 2)
        return;
    std::vector<quint64> packedScratch(n);
    std::vector<quint64> payloadScratch(payload ? n : 0);
    std::vector<int> histogram(buckets);
    for (int shift = from; shift < to; shift += digitBits) {
        std::fill(histogram.begin(), histogram.end(), 0);
        for (const quint64 value : packed)
            ++histogram[(value >> shift) & (buckets - 1)];
        int sum = 0;
        for (int& bucket : histogram) {
            const int count = bucket;
            bucket = sum;
            sum += count;
        }
        if (payload) {
            for (size_t i = 0; i < n; ++i) {
                const size_t dest = size_t(histogram[(packed[i] >> shift) & (buckets - 1)]++);
                packedScratch[dest] = packed[i];
                payloadScratch[dest] = (*payload)[i];
            }
            payload->swap(payloadScratch);
        } else {
            for (size_t i = 0; i < n; ++i)
                packedScratch[size_t(histogram[(packed[i] >> shift) & (buckets - 1)]++)] = packed[i];
        }
        packed.swap(packedScratch);
    }
}

// What changed in one existing marker, for the caches to catch up with.
struct Change
{
    qint32 index;
    quint8 oldFlags;
    quint8 newFlags;
    QPointF oldWorld;
    QPointF newWorld;
};

// Cells with row-major keys. A cell's column is floor(x / base cell) >> shift: derived levels use
// their base's arithmetic, so a marker's cell agrees exactly across levels.
struct CellIndex
{
    bool valid = false;
    quint64 seq = 0; // the change log position this cache reflects
    double baseInverse = 0;
    int shift = 0;
    double cellSize = 0;
    qint64 minColumn = 0, maxColumn = -1, minRow = 0, maxRow = -1;
    std::vector<quint64> keys; // ascending, one per non-empty cell

    void setCell(double baseCellSize, int levelShift)
    {
        baseInverse = 1.0 / baseCellSize;
        shift = levelShift;
        cellSize = std::ldexp(baseCellSize, levelShift);
    }
    [[nodiscard]] qint64 cellAt(double coordinate) const { return shiftDown(cellOf(coordinate, baseInverse), shift); }
    [[nodiscard]] quint64 keyAt(const QPointF& world) const { return cellKey(cellAt(world.x()), cellAt(world.y())); }
    [[nodiscard]] int findCell(quint64 key) const
    {
        const auto it = std::lower_bound(keys.begin(), keys.end(), key);
        return it != keys.end() && *it == key ? static_cast<int>(it - keys.begin()) : -1;
    }
    void resetBounds()
    {
        minColumn = minRow = 0;
        maxColumn = maxRow = -1;
    }

    // Calls visit(cell) for every non-empty cell meeting the rectangle, row by row, left to right;
    // visit returns false to stop.
    template <typename Visit> void forCells(const QRectF& rect, Visit&& visit) const
    {
        if (keys.empty())
            return;
        const qint64 x0 = std::max(cellAt(rect.left()), minColumn);
        const qint64 x1 = std::min(cellAt(rect.right()), maxColumn);
        const qint64 y0 = std::max(cellAt(rect.top()), minRow);
        const qint64 y1 = std::min(cellAt(rect.bottom()), maxRow);
        if (x0 > x1 || y0 > y1)
            return;
        auto from = keys.begin();
        for (qint64 cy = y0; cy <= y1; ++cy) {
            const quint64 last = cellKey(x1, cy);
            from = std::lower_bound(from, keys.end(), cellKey(x0, cy));
            for (auto it = from; it != keys.end() && *it <= last; ++it) {
                if (!visit(size_t(it - keys.begin())))
                    return;
            }
        }
    }
};

// A cell with several members.
struct Multi
{
    int count = 0;
    std::array<int, MarkerSet::categories> byCategory {};
    int pulses = 0;
    int firstMember = -1; // base level: where its members start in Level::members
};

// The members of one cell while a level is built.
struct Accumulator
{
    int count = 0;
    double sumX = 0;
    double sumY = 0;
    std::array<int, MarkerSet::categories> byCategory {};
    int pulses = 0;
    int marker = -1;
    quint8 flags = 0;

    void addMarker(int index, double x, double y, quint8 markerFlags)
    {
        ++count;
        sumX += x;
        sumY += y;
        ++byCategory[markerFlags & 3];
        pulses += markerFlags >> 2;
        marker = index;
        flags = markerFlags;
    }
};

// Clusters at one zoom: per cell the sum of member positions and either the lone marker (ref >= 0,
// its flags) or a Multi (ref = ~index into multis). The base level also lists each cell's members.
struct Level : CellIndex
{
    int zoom = -1;
    quint64 lastUse = 0;
    std::vector<double> sumX, sumY;
    std::vector<qint32> ref;
    std::vector<quint8> flags;
    std::vector<Multi> multis;
    std::vector<int> members; // base only: the members of cells with several, ascending in a cell

    void clearCells()
    {
        keys.clear();
        sumX.clear();
        sumY.clear();
        ref.clear();
        flags.clear();
        multis.clear();
        members.clear();
        resetBounds();
    }
    void reserveCells(size_t cells)
    {
        keys.reserve(cells);
        sumX.reserve(cells);
        sumY.reserve(cells);
        ref.reserve(cells);
        flags.reserve(cells);
    }
    void shrink()
    {
        if (keys.capacity() > keys.size() + keys.size() / 4 + 64) {
            keys.shrink_to_fit();
            sumX.shrink_to_fit();
            sumY.shrink_to_fit();
            ref.shrink_to_fit();
            flags.shrink_to_fit();
        }
        multis.shrink_to_fit();
    }
    void push(qint64 cx, qint64 cy, const Accumulator& a, int firstMember = -1)
    {
        keys.push_back(cellKey(cx, cy));
        sumX.push_back(a.sumX);
        sumY.push_back(a.sumY);
        if (a.count == 1) {
            ref.push_back(a.marker);
            flags.push_back(a.flags);
        } else {
            ref.push_back(~static_cast<qint32>(multis.size()));
            flags.push_back(0);
            multis.push_back({ a.count, a.byCategory, a.pulses, firstMember });
        }
    }

    // Base level: calls visit(marker) for each member of a cell, ascending; visit returns false to stop.
    template <typename Visit> bool forMembers(size_t cell, Visit&& visit) const
    {
        const qint32 r = ref[cell];
        if (r >= 0)
            return visit(int(r));
        const Multi& multi = multis[size_t(~r)];
        for (int m = multi.firstMember; m < multi.firstMember + multi.count; ++m) {
            if (!visit(members[size_t(m)]))
                return false;
        }
        return true;
    }

    // Brings one cell up to date with a change; false when the change crosses a cell.
    bool apply(const Change& change)
    {
        const quint64 key = keyAt(change.oldWorld);
        if (change.oldWorld != change.newWorld && keyAt(change.newWorld) != key)
            return false;
        const int cell = findCell(key);
        if (cell < 0)
            return false;
        const qint32 r = ref[size_t(cell)];
        if (r >= 0) {
            if (r != change.index)
                return false;
            sumX[size_t(cell)] = change.newWorld.x();
            sumY[size_t(cell)] = change.newWorld.y();
            flags[size_t(cell)] = change.newFlags;
            return true;
        }
        Multi& multi = multis[size_t(~r)];
        sumX[size_t(cell)] += change.newWorld.x() - change.oldWorld.x();
        sumY[size_t(cell)] += change.newWorld.y() - change.oldWorld.y();
        --multi.byCategory[change.oldFlags & 3];
        ++multi.byCategory[change.newFlags & 3];
        multi.pulses += int(change.newFlags >> 2) - int(change.oldFlags >> 2);
        return true;
    }

    // The base level, from the markers: a radix sort of (cell, index, flags) words carrying each
    // marker's position inside its cell (two 32-bit fractions) along. `bounds` holds every finite
    // position. Markers without one (NaN) are left out: nothing draws or picks them.
    void buildBase(const std::vector<QPointF>& world, const std::vector<quint8>& markerFlags, double baseCellSize,
        const QRectF& bounds)
    {
        setCell(baseCellSize, 0);
        clearCells();
        const size_t n = world.size();
        if (n == 0)
            return;
        minColumn = cellAt(bounds.left());
        maxColumn = std::max(minColumn, cellAt(bounds.right()));
        minRow = cellAt(bounds.top());
        maxRow = std::max(minRow, cellAt(bounds.bottom()));
        const int columnBits = bitsFor(quint64(maxColumn - minColumn));
        const int keyBits = columnBits + bitsFor(quint64(maxRow - minRow));
        const int indexBits = std::max(1, bitsFor(quint64(n - 1)));
        const int low = indexBits + 3; // index, then 3 bits of flags
        members.resize(n);
        size_t memberCount = 0;

        if (keyBits + low <= 64) {
            constexpr double fractionScale = 4294967296.0; // 2^32
            auto split = [this](double coordinate, qint64 lowest, qint64 highest, quint64& fraction) {
                const double scaled = coordinate * baseInverse;
                const double cell = std::floor(scaled);
                if (!(cell >= double(lowest) && cell <= double(highest))) {
                    fraction = 0;
                    return quint64(!(cell >= double(lowest)) ? 0 : highest - lowest);
                }
                fraction = std::min<quint64>(quint64((scaled - cell) * fractionScale), 0xffffffffu);
                return quint64(qint64(cell) - lowest);
            };
            std::vector<quint64> packed(n), fractions(n);
            size_t placed = 0;
            for (size_t i = 0; i < n; ++i) {
                if (!std::isfinite(world[i].x()) || !std::isfinite(world[i].y()))
                    continue;
                quint64 fx = 0, fy = 0;
                const quint64 column = split(world[i].x(), minColumn, maxColumn, fx);
                const quint64 row = split(world[i].y(), minRow, maxRow, fy);
                packed[placed] = (((((row << columnBits) | column) << indexBits) | quint64(i)) << 3) | markerFlags[i];
                fractions[placed++] = (fx << 32) | fy;
            }
            packed.resize(placed);
            fractions.resize(placed);
            radixSort(packed, low, low + keyBits, &fractions);
            const size_t m = placed;
            size_t cells = m > 0 ? 1 : 0;
            for (size_t j = 1; j < m; ++j)
                cells += (packed[j] >> low) != (packed[j - 1] >> low) ? 1 : 0;
            reserveCells(cells);

            const quint64 columnMask = (quint64(1) << columnBits) - 1;
            const quint64 indexMask = (quint64(1) << indexBits) - 1;
            quint64 sumFx = 0, sumFy = 0;
            Accumulator a;
            for (size_t j = 0; j < m; ++j) {
                const int index = static_cast<int>((packed[j] >> 3) & indexMask);
                members[memberCount++] = index;
                a.addMarker(index, 0, 0, quint8(packed[j] & 7));
                sumFx += fractions[j] >> 32;
                sumFy += fractions[j] & 0xffffffffu;
                if (j + 1 == m || (packed[j + 1] >> low) != (packed[j] >> low)) {
                    const quint64 compact = packed[j] >> low;
                    const qint64 cx = qint64(compact & columnMask) + minColumn;
                    const qint64 cy = qint64(compact >> columnBits) + minRow;
                    // Positions back from cell + fraction: within 2^-32 of a cell of the exact sum.
                    a.sumX = (double(cx) * a.count + double(sumFx) / fractionScale) * cellSize;
                    a.sumY = (double(cy) * a.count + double(sumFy) / fractionScale) * cellSize;
                    if (a.count == 1)
                        --memberCount; // a lone marker is its cell's ref
                    push(cx, cy, a, static_cast<int>(memberCount) - a.count);
                    a = Accumulator();
                    sumFx = sumFy = 0;
                }
            }
        } else {
            // Far-flung cells (a world-wide layer at a deep zoom): a comparison sort.
            std::vector<std::pair<quint64, int>> order;
            order.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                if (std::isfinite(world[i].x()) && std::isfinite(world[i].y()))
                    order.emplace_back(keyAt(world[i]), static_cast<int>(i));
            }
            std::sort(order.begin(), order.end());
            minColumn = minRow = std::numeric_limits<qint64>::max();
            maxColumn = maxRow = std::numeric_limits<qint64>::min();
            Accumulator a;
            for (size_t j = 0; j < order.size(); ++j) {
                const size_t i = size_t(order[j].second);
                members[memberCount++] = order[j].second;
                a.addMarker(order[j].second, world[i].x(), world[i].y(), markerFlags[i]);
                if (j + 1 == order.size() || order[j + 1].first != order[j].first) {
                    const qint64 cx = keyColumn(order[j].first), cy = keyRow(order[j].first);
                    minColumn = std::min(minColumn, cx);
                    maxColumn = std::max(maxColumn, cx);
                    minRow = std::min(minRow, cy);
                    maxRow = std::max(maxRow, cy);
                    if (a.count == 1)
                        --memberCount;
                    push(cx, cy, a, static_cast<int>(memberCount) - a.count);
                    a = Accumulator();
                }
            }
        }
        members.resize(memberCount);
        members.shrink_to_fit();
        shrink();
    }

    // A coarser level from the base: a zoom z cell holds the base cells whose column and row agree
    // when shifted right by (base zoom - z). Base rows come in order, so each band of base rows that
    // makes one row here is gathered by column in a small scratch array.
    void derive(const Level& base, int levelShift)
    {
        baseInverse = base.baseInverse;
        shift = levelShift;
        cellSize = std::ldexp(base.cellSize, levelShift);
        clearCells();
        if (base.keys.empty())
            return;
        minColumn = shiftDown(base.minColumn, shift);
        maxColumn = shiftDown(base.maxColumn, shift);
        minRow = shiftDown(base.minRow, shift);
        maxRow = shiftDown(base.maxRow, shift);

        std::vector<Accumulator> row(size_t(maxColumn - minColumn + 1));
        std::vector<int> touched;
        const size_t n = base.keys.size();
        size_t j = 0;
        while (j < n) {
            const qint64 cy = shiftDown(keyRow(base.keys[j]), shift);
            for (; j < n && shiftDown(keyRow(base.keys[j]), shift) == cy; ++j) {
                const int slot = static_cast<int>(shiftDown(keyColumn(base.keys[j]), shift) - minColumn);
                Accumulator& a = row[size_t(slot)];
                if (a.count == 0)
                    touched.push_back(slot);
                const qint32 r = base.ref[j];
                if (r >= 0) {
                    a.addMarker(r, base.sumX[j], base.sumY[j], base.flags[j]);
                } else {
                    const Multi& m = base.multis[size_t(~r)];
                    a.count += m.count;
                    a.sumX += base.sumX[j];
                    a.sumY += base.sumY[j];
                    for (size_t c = 0; c < a.byCategory.size(); ++c)
                        a.byCategory[c] += m.byCategory[c];
                    a.pulses += m.pulses;
                }
            }
            // Emit the row's cells by column: scan the touched span when it is dense, else sort.
            const auto [lowest, highest] = std::minmax_element(touched.begin(), touched.end());
            const size_t span = size_t(*highest - *lowest) + 1;
            if (span <= touched.size() * 8) {
                for (int slot = *lowest; slot <= *highest; ++slot) {
                    if (row[size_t(slot)].count > 0) {
                        push(minColumn + slot, cy, row[size_t(slot)]);
                        row[size_t(slot)] = Accumulator();
                    }
                }
            } else {
                std::sort(touched.begin(), touched.end());
                for (const int slot : touched) {
                    push(minColumn + slot, cy, row[size_t(slot)]);
                    row[size_t(slot)] = Accumulator();
                }
            }
            touched.clear();
        }
        shrink();
    }
};

} // namespace

struct MarkerSet::Data
{
    std::vector<QString> ids;
    std::vector<MarkerState> states;
    std::vector<QPointF> world;
    std::vector<quint8> flags; // flagsOf(state): what the levels need of a state, one byte
    std::vector<quint32> hashes;
    std::vector<quint32> table; // marker index or emptySlot; size a power of two (or 0)
    quint64 revision = 0;
    double cellPixels = 56;
    int maxZoom = 16;

    // Caches, rebuilt or brought up to date when read (hence mutable).
    mutable std::vector<Change> log;
    mutable quint64 logBase = 0; // the position of log.front()
    mutable Level base;
    mutable std::vector<Level> derived;
    mutable quint64 useTick = 0;
    mutable bool boundsValid = true; // bounds (and hasBounds) describe every finite position
    mutable bool hasBounds = false;
    mutable QRectF bounds;

    // --- id table

    static quint32 hashOf(const QString& id) { return static_cast<quint32>(qHash(id, 0)); }
    [[nodiscard]] size_t mask() const { return table.size() - 1; }

    // The slot holding `id`, or the empty slot where it would go (the table must not be empty).
    [[nodiscard]] size_t probe(const QString& id, quint32 hash) const
    {
        size_t pos = hash & mask();
        while (table[pos] != emptySlot) {
            const quint32 index = table[pos];
            if (hashes[index] == hash && ids[index] == id)
                return pos;
            pos = (pos + 1) & mask();
        }
        return pos;
    }
    [[nodiscard]] size_t slotOfIndex(quint32 index) const
    {
        size_t pos = hashes[index] & mask();
        while (table[pos] != index)
            pos = (pos + 1) & mask();
        return pos;
    }
    [[nodiscard]] int find(const QString& id) const
    {
        if (ids.empty())
            return -1;
        const quint32 index = table[probe(id, hashOf(id))];
        return index == emptySlot ? -1 : static_cast<int>(index);
    }
    void rehash(size_t capacity)
    {
        size_t size = 16;
        while (size < capacity)
            size *= 2;
        if (size == table.size())
            return;
        table.assign(size, emptySlot);
        for (size_t i = 0; i < ids.size(); ++i) {
            size_t pos = hashes[i] & mask();
            while (table[pos] != emptySlot)
                pos = (pos + 1) & mask();
            table[pos] = static_cast<quint32>(i);
        }
    }
    static size_t tableFor(size_t count) { return count + count / 2 + 1; } // load <= 2/3 after a rehash
    void ensureTable(size_t count)
    {
        if (table.empty() || count * 10 > table.size() * 7)
            rehash(tableFor(count));
    }
    void eraseSlot(size_t hole)
    {
        // Backward-shift deletion: pull later entries of the probe run into the hole when their home
        // slot allows, so lookups never meet tombstones.
        size_t pos = hole;
        for (;;) {
            pos = (pos + 1) & mask();
            const quint32 index = table[pos];
            if (index == emptySlot)
                break;
            const size_t home = hashes[index] & mask();
            const bool movable = (pos > hole) ? (home <= hole || home > pos) : (home <= hole && home > pos);
            if (movable) {
                table[hole] = index;
                hole = pos;
            }
        }
        table[hole] = emptySlot;
    }
    void reserveMarkers(size_t count)
    {
        ids.reserve(count);
        states.reserve(count);
        world.reserve(count);
        flags.reserve(count);
        hashes.reserve(count);
    }

    // --- bounds

    void extendBounds(const QPointF& point)
    {
        if (!boundsValid || !std::isfinite(point.x()) || !std::isfinite(point.y()))
            return;
        if (!hasBounds) {
            bounds = QRectF(point, point);
            hasBounds = true;
            return;
        }
        bounds.setLeft(std::min(bounds.left(), point.x()));
        bounds.setRight(std::max(bounds.right(), point.x()));
        bounds.setTop(std::min(bounds.top(), point.y()));
        bounds.setBottom(std::max(bounds.bottom(), point.y()));
    }

    // --- caches and the change log

    [[nodiscard]] quint64 logEnd() const { return logBase + log.size(); }
    [[nodiscard]] bool anyCache() const
    {
        if (base.valid)
            return true;
        return std::any_of(derived.begin(), derived.end(), [](const Level& level) { return level.valid; });
    }
    template <typename Visit> void forEachCache(Visit&& visit) const
    {
        visit(static_cast<CellIndex&>(base));
        for (Level& level : derived)
            visit(static_cast<CellIndex&>(level));
    }

    // An insert or a remove: every cache is stale.
    void invalidateCaches()
    {
        forEachCache([](CellIndex& cache) { cache.valid = false; });
        logBase = logEnd();
        log.clear();
    }
    void dropLevels()
    {
        base = Level();
        derived.clear();
    }

    void record(const Change& change)
    {
        if (!anyCache())
            return;
        log.push_back(change);
        const size_t limit = std::max<size_t>(4096, ids.size() / 4);
        if (log.size() > limit) {
            // Caches that fell this far behind (levels not drawn lately) rebuild when used instead.
            const quint64 laggard = logBase + log.size() / 2;
            forEachCache([&](CellIndex& cache) {
                if (cache.valid && cache.seq < laggard)
                    cache.valid = false;
            });
            trimLog();
        }
    }
    // Drops the log entries every valid cache has applied.
    void trimLog() const
    {
        quint64 oldest = logEnd();
        forEachCache([&](CellIndex& cache) {
            if (cache.valid)
                oldest = std::min(oldest, cache.seq);
        });
        if (oldest == logEnd()) {
            log.clear();
        } else if (oldest - logBase > log.size() / 2) {
            log.erase(log.begin(), log.begin() + std::ptrdiff_t(oldest - logBase));
        } else {
            return;
        }
        logBase = oldest;
    }
    template <typename Cache> void catchUp(Cache& cache) const
    {
        if (!cache.valid)
            return;
        for (size_t k = size_t(cache.seq - logBase); k < log.size(); ++k) {
            if (!cache.apply(log[k])) {
                cache.valid = false;
                return;
            }
        }
        cache.seq = logEnd();
        trimLog();
    }

    [[nodiscard]] double levelCellSize(int zoom) const { return cellPixels / (256.0 * std::ldexp(1.0, zoom)); }

    [[nodiscard]] int baseZoom() const { return std::max(maxZoom, finestBaseZoom); }

    QRectF finiteBounds() const;

    const Level& ensureBase() const
    {
        catchUp(base);
        if (!base.valid) {
            base.buildBase(world, flags, levelCellSize(baseZoom()), finiteBounds());
            base.zoom = baseZoom();
            base.valid = true;
            base.seq = logEnd();
        }
        return base;
    }

    const Level& level(int zoom) const
    {
        if (zoom == baseZoom())
            return ensureBase();
        Level* slot = nullptr;
        for (Level& level : derived) {
            if (level.zoom == zoom)
                slot = &level;
        }
        if (slot) {
            catchUp(*slot);
            if (slot->valid) {
                slot->lastUse = ++useTick;
                return *slot;
            }
        } else if (derived.size() < cachedDerivedLevels) {
            slot = &derived.emplace_back();
        } else {
            slot = &*std::min_element(
                derived.begin(), derived.end(), [](const Level& a, const Level& b) { return a.lastUse < b.lastUse; });
        }
        const Level& from = ensureBase();
        slot->derive(from, baseZoom() - zoom);
        slot->zoom = zoom;
        slot->valid = true;
        slot->seq = from.seq;
        slot->lastUse = ++useTick;
        return *slot;
    }

    [[nodiscard]] MapSymbol single(int index) const
    {
        MapSymbol symbol;
        symbol.world = world[size_t(index)];
        symbol.count = 1;
        symbol.marker = index;
        symbol.byCategory[states[size_t(index)].category] = 1;
        symbol.pulse = states[size_t(index)].pulse;
        return symbol;
    }
};

MarkerSet::MarkerSet()
    : d(std::make_unique<Data>())
{ }

MarkerSet::~MarkerSet() = default;

int MarkerSet::upsert(const QString& id, const MarkerState& state)
{
    MarkerState stored = state;
    stored.category = std::min<quint8>(state.category, categories - 1);

    d->ensureTable(d->ids.size() + 1);
    const quint32 hash = Data::hashOf(id);
    const size_t slot = d->probe(id, hash);
    if (d->table[slot] != emptySlot) {
        const int index = static_cast<int>(d->table[slot]);
        MarkerState& current = d->states[size_t(index)];
        if (current.lonLat == stored.lonLat && current.category == stored.category && current.pulse == stored.pulse)
            return index;
        Change change { index, flagsOf(current), flagsOf(stored), d->world[size_t(index)], d->world[size_t(index)] };
        if (current.lonLat != stored.lonLat) {
            change.newWorld = WebMercator::toWorld(stored.lonLat);
            d->world[size_t(index)] = change.newWorld;
            if (d->boundsValid) {
                const QPointF& old = change.oldWorld;
                const QRectF& b = d->bounds;
                if (!d->hasBounds || old.x() == b.left() || old.x() == b.right() || old.y() == b.top()
                    || old.y() == b.bottom())
                    d->boundsValid = false;
                else
                    d->extendBounds(change.newWorld);
            }
        }
        current = stored;
        d->flags[size_t(index)] = change.newFlags;
        d->record(change);
        ++d->revision;
        return index;
    }

    const int index = static_cast<int>(d->ids.size());
    if (d->ids.size() == d->ids.capacity())
        d->reserveMarkers(d->ids.size() + d->ids.size() / 2 + 16); // 1.5x: less slack than the default 2x
    const QPointF world = WebMercator::toWorld(stored.lonLat);
    d->ids.push_back(id);
    d->states.push_back(stored);
    d->world.push_back(world);
    d->flags.push_back(flagsOf(stored));
    d->hashes.push_back(hash);
    d->table[slot] = static_cast<quint32>(index);
    d->invalidateCaches();
    d->extendBounds(world);
    ++d->revision;
    return index;
}

bool MarkerSet::remove(const QString& id)
{
    if (d->ids.empty())
        return false;
    const size_t slot = d->probe(id, Data::hashOf(id));
    if (d->table[slot] == emptySlot)
        return false;
    const quint32 index = d->table[slot];
    const quint32 last = static_cast<quint32>(d->ids.size() - 1);
    if (index != last) {
        d->table[d->slotOfIndex(last)] = index;
        d->ids[index] = std::move(d->ids[last]);
        d->states[index] = d->states[last];
        d->world[index] = d->world[last];
        d->flags[index] = d->flags[last];
        d->hashes[index] = d->hashes[last];
    }
    d->ids.pop_back();
    d->states.pop_back();
    d->world.pop_back();
    d->flags.pop_back();
    d->hashes.pop_back();
    d->eraseSlot(slot);
    d->invalidateCaches();
    d->boundsValid = false;
    ++d->revision;
    return true;
}

void MarkerSet::clear()
{
    if (d->ids.empty())
        return;
    d->invalidateCaches();
    d->ids = {};
    d->states = {};
    d->world = {};
    d->flags = {};
    d->hashes = {};
    d->table = {};
    d->log = {};
    d->dropLevels();
    d->boundsValid = true;
    d->hasBounds = false;
    d->bounds = QRectF();
    ++d->revision;
}

void MarkerSet::reserve(int count)
{
    if (count <= 0)
        return;
    const size_t n = size_t(count);
    d->reserveMarkers(n);
    if (n * 10 > d->table.size() * 7)
        d->rehash(Data::tableFor(n));
}

int MarkerSet::size() const
{
    return static_cast<int>(d->ids.size());
}

int MarkerSet::indexOf(const QString& id) const
{
    return d->find(id);
}

const QString& MarkerSet::idAt(int index) const
{
    Q_ASSERT(index >= 0 && index < size());
    return d->ids[size_t(index)];
}

const MarkerState& MarkerSet::stateAt(int index) const
{
    Q_ASSERT(index >= 0 && index < size());
    return d->states[size_t(index)];
}

QPointF MarkerSet::worldAt(int index) const
{
    Q_ASSERT(index >= 0 && index < size());
    return d->world[size_t(index)];
}

quint64 MarkerSet::revision() const
{
    return d->revision;
}

QRectF MarkerSet::Data::finiteBounds() const
{
    if (!boundsValid) {
        boundsValid = true;
        double left = std::numeric_limits<double>::max(), right = std::numeric_limits<double>::lowest();
        double top = left, bottom = right;
        for (const QPointF& p : world) {
            // NaN compares false: it never widens the bounds.
            left = std::min(left, p.x());
            right = std::max(right, p.x());
            top = std::min(top, p.y());
            bottom = std::max(bottom, p.y());
        }
        hasBounds = left <= right && top <= bottom;
        bounds = hasBounds ? QRectF(QPointF(left, top), QPointF(right, bottom)) : QRectF();
    }
    return bounds;
}

QRectF MarkerSet::worldBounds() const
{
    return d->finiteBounds();
}

void MarkerSet::setClusterCellPixels(double pixels)
{
    if (!(pixels >= 1) || pixels == d->cellPixels)
        return;
    d->cellPixels = pixels;
    d->dropLevels();
    ++d->revision;
}

double MarkerSet::clusterCellPixels() const
{
    return d->cellPixels;
}

void MarkerSet::setClusterMaxZoom(int zoom)
{
    zoom = std::clamp(zoom, -1, maxZoomLevel);
    if (zoom == d->maxZoom)
        return;
    d->maxZoom = zoom;
    d->dropLevels();
    ++d->revision;
}

int MarkerSet::clusterMaxZoom() const
{
    return d->maxZoom;
}

std::vector<MapSymbol> MarkerSet::symbols(double zoom, const QRectF& worldViewport) const
{
    std::vector<MapSymbol> result;
    if (d->ids.empty() || worldViewport.isNull())
        return result;
    const QRectF viewport = worldViewport.normalized();
    const int z = std::isfinite(zoom) ? std::clamp(static_cast<int>(std::floor(zoom)), 0, maxZoomLevel) : 0;

    if (z > d->maxZoom) {
        const Level& grid = d->ensureBase();
        grid.forCells(viewport, [&](size_t cell) {
            grid.forMembers(cell, [&](int index) {
                if (inside(viewport, d->world[size_t(index)]))
                    result.push_back(d->single(index));
                return true;
            });
            return true;
        });
        return result;
    }

    const Level& level = d->level(z);
    level.forCells(viewport, [&](size_t cell) {
        const qint32 r = level.ref[cell];
        if (r >= 0) {
            if (inside(viewport, d->world[size_t(r)]))
                result.push_back(d->single(r));
            return true;
        }
        const Multi& multi = level.multis[size_t(~r)];
        MapSymbol symbol;
        symbol.count = multi.count;
        symbol.world = QPointF(level.sumX[cell] / multi.count, level.sumY[cell] / multi.count);
        symbol.byCategory = multi.byCategory;
        symbol.pulse = multi.pulses > 0;
        if (inside(viewport, symbol.world))
            result.push_back(symbol);
        return true;
    });
    return result;
}

int MarkerSet::nearest(const QPointF& world, double radius) const
{
    if (d->ids.empty() || !(radius >= 0) || !std::isfinite(world.x()) || !std::isfinite(world.y()))
        return -1;
    const Level& grid = d->ensureBase();

    // Rows outward from the query's row; a cell's box bounds its members' distance, so the search
    // narrows to the best distance found so far.
    int best = -1;
    double bestSquared = radius * radius;
    const qint64 centreRow = grid.cellAt(world.y());
    const qint64 rowReach = grid.cellAt(world.y() + radius) - centreRow;
    auto scanRow = [&](qint64 cy) {
        if (cy < grid.minRow || cy > grid.maxRow)
            return;
        const double reach = std::sqrt(bestSquared);
        const qint64 x0 = std::max(grid.cellAt(world.x() - reach), grid.minColumn);
        const qint64 x1 = std::min(grid.cellAt(world.x() + reach), grid.maxColumn);
        if (x0 > x1)
            return;
        const quint64 last = cellKey(x1, cy);
        for (auto it = std::lower_bound(grid.keys.begin(), grid.keys.end(), cellKey(x0, cy));
             it != grid.keys.end() && *it <= last; ++it) {
            const size_t cell = size_t(it - grid.keys.begin());
            const double left = double(keyColumn(*it)) * grid.cellSize;
            const double dx = std::max({ left - world.x(), 0.0, world.x() - (left + grid.cellSize) });
            if (dx * dx > bestSquared)
                continue;
            grid.forMembers(cell, [&](int index) {
                const QPointF& p = d->world[size_t(index)];
                const double ex = p.x() - world.x();
                const double ey = p.y() - world.y();
                const double squared = ex * ex + ey * ey;
                if (squared < bestSquared || (squared == bestSquared && (best < 0 || index < best))) {
                    bestSquared = squared;
                    best = index;
                }
                return true;
            });
        }
    };
    auto rowDistance = [&](qint64 cy) {
        const double top = double(cy) * grid.cellSize;
        return std::max({ top - world.y(), 0.0, world.y() - (top + grid.cellSize) });
    };
    scanRow(centreRow);
    for (qint64 step = 1; step <= rowReach + 1; ++step) {
        if (centreRow - step < grid.minRow && centreRow + step > grid.maxRow)
            break;
        bool any = false;
        for (const qint64 cy : { centreRow - step, centreRow + step }) {
            const double dy = rowDistance(cy);
            if (dy * dy > bestSquared)
                continue;
            any = true;
            scanRow(cy);
        }
        if (!any)
            break;
    }
    return best;
}

std::vector<int> MarkerSet::within(const QRectF& worldRect, int limit) const
{
    std::vector<int> result;
    if (d->ids.empty() || limit <= 0 || worldRect.isNull())
        return result;
    const QRectF rect = worldRect.normalized();
    const Level& grid = d->ensureBase();
    grid.forCells(rect, [&](size_t cell) {
        return grid.forMembers(cell, [&](int index) {
            if (inside(rect, d->world[size_t(index)])) {
                result.push_back(index);
                if (static_cast<int>(result.size()) >= limit)
                    return false;
            }
            return true;
        });
    });
    return result;
}

} // namespace citybrain
