// Marker layer micro-benchmark: MarkerSet inserts, upserts, symbols() per zoom, nearest(), within() and
// memory, over markers clustered like a city's sensors (Xianyang: 70% around 14 district seats, 30%
// spread over the city's box), plus the SymbolAtlas filling with a map's usual symbols.
//
//   markerbench [count ...]     default: 100000 1000000, each count in a fresh child process
//
// Prints one line per figure: "<name> <value> <unit>". Timings are the thread's CPU time; the
// symbols() figures are for a 3840x2160 viewport centred on Qindu, the densest district.

#include "mapsymbols.h"
#include "markerset.h"
#include "symbolatlas.h"
#include "webmercator.h"

#include <QGuiApplication>
#include <QPainter>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <malloc.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace citybrain;

namespace {

// Thread CPU time: the figures hold on a machine busy with other work (wall time would count the
// time the scheduler gave to others). Single-threaded code, so it equals wall time on an idle machine.
struct Clock
{
    using time_point = double;
    static double now()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }
};

double msSince(double start)
{
    return Clock::now() - start;
}

long rssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return 0;
}

void print(const char* name, double value, const char* unit)
{
    std::printf("%-44s %12.4f %s\n", name, value, unit);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Seat
{
    double lon, lat, weight, sigmaKm;
};

// District seats of Xianyang (approximate), weighted roughly by population.
const Seat seats[] = {
    { 108.709, 34.329, 3.0, 4.0 }, // Qindu
    { 108.737, 34.362, 2.0, 3.5 }, // Weicheng
    { 108.780, 34.320, 1.5, 4.0 }, // Xixian new area
    { 108.490, 34.299, 1.2, 3.0 }, // Xingping
    { 108.940, 34.617, 1.0, 3.0 }, // Sanyuan
    { 108.842, 34.528, 1.0, 3.0 }, // Jingyang
    { 108.421, 34.482, 0.8, 2.5 }, // Liquan
    { 108.246, 34.529, 0.8, 2.5 }, // Qianxian
    { 108.213, 34.260, 0.8, 2.5 }, // Wugong
    { 108.143, 34.692, 0.5, 2.0 }, // Yongshou
    { 108.081, 35.036, 0.7, 2.5 }, // Binzhou
    { 107.796, 35.207, 0.5, 2.0 }, // Changwu
    { 108.334, 35.113, 0.5, 2.0 }, // Xunyi
    { 108.583, 34.798, 0.5, 2.0 }, // Chunhua
};

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {
        for (const Seat& seat : seats)
            m_totalWeight += seat.weight;
    }

    MarkerState next()
    {
        MarkerState state;
        if (m_random.generateDouble() < 0.7) {
            double pick = m_random.generateDouble() * m_totalWeight;
            const Seat* seat = &seats[0];
            for (const Seat& s : seats) {
                seat = &s;
                pick -= s.weight;
                if (pick <= 0)
                    break;
            }
            const double kmPerDegreeLat = 111.0;
            const double kmPerDegreeLon = 111.0 * std::cos(seat->lat * M_PI / 180);
            state.lonLat = QPointF(seat->lon + gaussian() * seat->sigmaKm / kmPerDegreeLon,
                seat->lat + gaussian() * seat->sigmaKm / kmPerDegreeLat);
        } else {
            state.lonLat = QPointF(107.6 + m_random.generateDouble() * 1.6, 34.1 + m_random.generateDouble() * 1.5);
        }
        state.category = category();
        state.pulse = m_random.generateDouble() < 0.01;
        return state;
    }

    quint8 category()
    {
        const double u = m_random.generateDouble();
        return u < 0.85 ? 0 : u < 0.93 ? 1 : u < 0.98 ? 2 : 3;
    }
    double uniform() { return m_random.generateDouble(); }
    quint32 bounded(quint32 n) { return m_random.bounded(n); }

private:
    double gaussian()
    {
        // Box-Muller.
        const double u1 = std::max(m_random.generateDouble(), 1e-300);
        const double u2 = m_random.generateDouble();
        return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
    }

    QRandomGenerator m_random;
    double m_totalWeight = 0;
};

QRectF viewportAt(const QPointF& centre, int zoom, double widthPx = 3840, double heightPx = 2160)
{
    const double worldPx = 256.0 * std::ldexp(1.0, zoom);
    const QSizeF size(widthPx / worldPx, heightPx / worldPx);
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}

void runMarkers(int count)
{
    std::printf("== MarkerSet, %d markers ==\n", count);
    Generator generator(20240601);
    std::vector<QString> ids(static_cast<size_t>(count));
    std::vector<MarkerState> states(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        ids[size_t(i)] = QStringLiteral("sensor-%1").arg(i, 7, 10, QLatin1Char('0'));
        states[size_t(i)] = generator.next();
    }
    const QPointF qindu = WebMercator::toWorld(QPointF(108.709, 34.329));

    // Memory: a set that owns its id strings, as one fed by the ingest does (RSS delta, heap trimmed).
    {
        malloc_trim(0);
        const long rss0 = rssKiB();
        MarkerSet owned;
        Generator same(20240601);
        for (int i = 0; i < count; ++i)
            owned.upsert(QStringLiteral("sensor-%1").arg(i, 7, 10, QLatin1Char('0')), same.next());
        malloc_trim(0);
        const long rss1 = rssKiB();
        (void)owned.nearest(qindu, 1e-4);
        malloc_trim(0);
        const long rss2 = rssKiB();
        for (const int zoom : { 8, 10, 12, 14, 16 })
            (void)owned.symbols(zoom, viewportAt(qindu, zoom));
        malloc_trim(0);
        const long rss3 = rssKiB();
        auto perMarker = [count](long kib) { return double(kib) * 1024.0 / count; };
        print("memory: markers (own 14-char ids)", perMarker(rss1 - rss0), "bytes/marker");
        print("memory: + base level (index)", perMarker(rss2 - rss0), "bytes/marker");
        print("memory: + 3 cached cluster levels", perMarker(rss3 - rss0), "bytes/marker");
    }
    malloc_trim(0);
    {
        const long rss0 = rssKiB();
        MarkerSet owned;
        owned.reserve(count);
        Generator same(20240601);
        for (int i = 0; i < count; ++i)
            owned.upsert(QStringLiteral("sensor-%1").arg(i, 7, 10, QLatin1Char('0')), same.next());
        malloc_trim(0);
        print("memory: markers, reserve() first", double(rssKiB() - rss0) * 1024.0 / count, "bytes/marker");
    }
    malloc_trim(0);

    // Timed set: its ids share the strings the caller keeps (a model holding the same QStrings).
    const long rssShared = rssKiB();
    MarkerSet set;
    auto start = Clock::now();
    for (int i = 0; i < count; ++i)
        set.upsert(ids[size_t(i)], states[size_t(i)]);
    print("insert all (no reserve)", msSince(start), "ms");
    malloc_trim(0);
    print("memory: markers (ids shared with caller)", double(rssKiB() - rssShared) * 1024.0 / count, "bytes/marker");

    start = Clock::now();
    (void)set.nearest(qindu, 1e-4);
    print("first nearest() (builds the base level)", msSince(start), "ms");

    // symbols(): the first call at a zoom builds its level; a pan afterwards only reads it.
    for (const int zoom : { 8, 10, 12, 14, 16, 17, 18 }) {
        const QRectF viewport = viewportAt(qindu, zoom);
        start = Clock::now();
        std::vector<MapSymbol> symbols = set.symbols(zoom, viewport);
        const double cold = msSince(start);
        std::vector<double> pans;
        size_t drawn = 0;
        for (int step = 0; step < 41; ++step) {
            const QRectF panned
                = viewport.translated(viewport.width() * 0.013 * step, viewport.height() * 0.007 * step);
            start = Clock::now();
            symbols = set.symbols(zoom + 0.5, panned);
            pans.push_back(msSince(start));
            drawn = std::max(drawn, symbols.size());
        }
        int clusters = 0;
        for (const MapSymbol& symbol : symbols)
            clusters += symbol.isCluster() ? 1 : 0;
        std::printf("symbols() zoom %2d: first %8.3f ms, pan median %7.4f ms, max %7.4f ms  (%zu symbols, %d "
                    "clusters)\n",
            zoom, cold, median(pans), *std::max_element(pans.begin(), pans.end()), drawn, clusters);
    }

    // nearest(): a 24 px pick radius at three zooms, at marker-like places.
    for (const int zoom : { 8, 12, 16 }) {
        const double radius = 24.0 / (256.0 * std::ldexp(1.0, zoom));
        std::vector<QPointF> queries;
        for (int i = 0; i < 20000; ++i) {
            const QPointF lonLat = generator.next().lonLat;
            queries.push_back(WebMercator::toWorld(lonLat));
        }
        int found = 0;
        start = Clock::now();
        for (const QPointF& query : queries)
            found += set.nearest(query, radius) >= 0 ? 1 : 0;
        const double perCall = msSince(start) / double(queries.size());
        std::printf(
            "nearest() 24 px at zoom %2d: %8.5f ms/call  (%d of %zu found)\n", zoom, perCall, found, queries.size());
    }

    // within(): a zoom 12 cluster's cell, limit 1000, at the clusters around Qindu.
    {
        const int zoom = 12;
        const double cell = set.clusterCellPixels() / (256.0 * std::ldexp(1.0, zoom));
        std::vector<QRectF> rects;
        for (const MapSymbol& symbol : set.symbols(zoom, viewportAt(qindu, zoom))) {
            if (symbol.isCluster()) {
                const QPointF corner(
                    std::floor(symbol.world.x() / cell) * cell, std::floor(symbol.world.y() / cell) * cell);
                rects.emplace_back(corner, QSizeF(cell, cell));
            }
        }
        size_t members = 0;
        start = Clock::now();
        for (const QRectF& rect : rects)
            members += set.within(rect, 1000).size();
        std::printf("within() zoom 12 cluster cell: %8.5f ms/call  (%zu cells, %.1f members avg)\n",
            msSince(start) / double(std::max<size_t>(rects.size(), 1)), rects.size(),
            double(members) / double(std::max<size_t>(rects.size(), 1)));
    }

    // Upserts of 10k existing markers, and what the next frame then pays.
    const int changes = std::min(10000, count);
    auto frameAfter = [&](const char* label) {
        start = Clock::now();
        (void)set.symbols(12, viewportAt(qindu, 12));
        const double symbolsMs = msSince(start);
        start = Clock::now();
        (void)set.symbols(16, viewportAt(qindu, 16));
        const double symbols16 = msSince(start);
        start = Clock::now();
        (void)set.nearest(qindu, 1e-5);
        std::printf("  then symbols() z12 %7.3f ms, z16 %7.3f ms, nearest() %7.3f ms  (%s)\n", symbolsMs, symbols16,
            msSince(start), label);
    };
    auto warm = [&] {
        (void)set.symbols(12, viewportAt(qindu, 12));
        (void)set.symbols(16, viewportAt(qindu, 16));
        (void)set.nearest(qindu, 1e-5);
    };

    // Inputs made beforehand (ids as fresh strings, as decoded from payloads): only upsert() is timed.
    struct Update
    {
        QString id;
        MarkerState state;
    };
    auto batch = [&](int kind, int size) {
        std::vector<Update> updates;
        for (int i = 0; i < size; ++i) {
            const int index = int(generator.bounded(quint32(set.size())));
            MarkerState state = set.stateAt(index);
            if (kind == 0) {
                state.category = generator.category();
                state.pulse = generator.uniform() < 0.05;
            } else if (kind == 1) {
                state.lonLat
                    += QPointF((generator.uniform() - 0.5) * 2e-4, (generator.uniform() - 0.5) * 2e-4); // ~10 m
                state.category = generator.category();
            } else {
                state = generator.next();
            }
            const QString& id = set.idAt(index);
            updates.push_back({ QString(id.constData(), id.size()), state });
        }
        return updates;
    };
    const char* labels[] = { "upsert 10k: status changes", "upsert 10k: ~10 m moves + status",
        "upsert 10k: new positions + categories" };
    const char* after[] = { "caches updated in place", "in place unless a cell is crossed", "levels rebuilt" };
    for (int kind = 0; kind < 3; ++kind) {
        const std::vector<Update> updates = batch(kind, changes);
        warm();
        start = Clock::now();
        for (const Update& update : updates)
            set.upsert(update.id, update.state);
        print(labels[kind], msSince(start), "ms");
        frameAfter(after[kind]);
    }

    // A live frame: 500 status changes then the visible symbols.
    warm();
    std::vector<double> frames;
    for (int frame = 0; frame < 30; ++frame) {
        const std::vector<Update> updates = batch(0, 500);
        start = Clock::now();
        for (const Update& update : updates)
            set.upsert(update.id, update.state);
        (void)set.symbols(12, viewportAt(qindu, 12));
        frames.push_back(msSince(start));
    }
    print("live frame: 500 status upserts + symbols() z12", median(frames), "ms (median)");

    // An insert renumbers nothing but adds a member: the next frame rebuilds its level.
    warm();
    start = Clock::now();
    set.upsert(QStringLiteral("new-incident"), generator.next());
    (void)set.symbols(12, viewportAt(qindu, 12));
    print("frame after 1 insert: symbols() z12", msSince(start), "ms");

    start = Clock::now();
    for (int i = 0; i < changes; ++i)
        set.remove(ids[size_t(i) * size_t(count / changes)]);
    print("remove 10k", msSince(start), "ms");

    MarkerSet reserved;
    start = Clock::now();
    reserved.reserve(count);
    for (int i = 0; i < count; ++i)
        reserved.upsert(ids[size_t(i)], states[size_t(i)]);
    print("insert all (reserve first)", msSince(start), "ms");
}

void runAtlas()
{
    std::printf("== SymbolAtlas ==\n");
    const std::array<QColor, 4> palette { QColor(0x43, 0xa0, 0x47), QColor(0xff, 0xb3, 0x00), QColor(0xe5, 0x39, 0x35),
        QColor(0x8e, 0x24, 0xaa) };
    SymbolAtlas atlas;
    const auto start = Clock::now();
    int symbols = 0;
    for (int shape = 0; shape < 8; ++shape) {
        for (const QColor& color : palette) {
            for (const int size : { 20, 28 }) {
                const SymbolShape s = SymbolShape(shape);
                atlas.symbol(markerSymbolKey(s, color, Qt::white, size), QSize(size, size),
                    [&](QPainter& painter, const QRectF& cell) {
                        paintMarkerSymbol(painter, cell, s, color, Qt::white, 1.5);
                    });
                ++symbols;
            }
        }
    }
    // Every ring a mix of the four categories can give at sixteenths, for two sizes.
    for (int a = 0; a <= 16; ++a) {
        for (int b = 0; a + b <= 16; ++b) {
            for (int c = 0; a + b + c <= 16; ++c) {
                const std::array<int, 4> shares { a, b, c, 16 - a - b - c };
                for (const int size : { 40 }) {
                    atlas.symbol(clusterSymbolKey(shares, 1, size), QSize(size, size),
                        [&](QPainter& painter, const QRectF& cell) {
                            paintClusterRing(painter, cell, shares, palette, QColor(0x0b, 0x16, 0x24), 5);
                        });
                    ++symbols;
                }
            }
        }
    }
    for (const QChar digit : QStringLiteral("0123456789k+")) {
        atlas.symbol(digitSymbolKey(digit, Qt::white, 16), QSize(11, 16), [&](QPainter& painter, const QRectF& cell) {
            paintDigitSymbol(painter, cell, digit, Qt::white, QStringLiteral("Sans"));
        });
        ++symbols;
    }
    std::printf("paint %d symbols: %.2f ms, atlas %dx%d\n", symbols, msSince(start), atlas.image().width(),
        atlas.image().height());
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> counts;
    for (int i = 1; i < argc; ++i)
        counts.push_back(std::atoi(argv[i]));
    if (counts.empty())
        counts = { 100000, 1000000 };

    // Each count in its own process, so memory figures start from a clean heap.
    for (const int count : counts) {
        std::fflush(stdout);
        const pid_t child = fork();
        if (child == 0) {
            runMarkers(count);
            std::fflush(stdout);
            std::_Exit(0);
        }
        int status = 0;
        waitpid(child, &status, 0);
    }

    qputenv(
        "QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    runAtlas();
    return 0;
}
