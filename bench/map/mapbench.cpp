// The city map at wall resolution with many live markers: what a frame costs on the GUI thread and in
// total, what adding and changing markers costs, hit-testing, memory, and the scene-graph size; against
// a naive reference measured in the same run (QPainter drawing every marker into a 4K image, what a
// map without clustering or a scene graph has to do each frame). Method: docs/performance.md.
//
// The last line: map markers=<n> gui_ms=<x> frame_ms=<x> add_ms=<x> update_ms=<x> mem_mb=<x> hit_ms=<x>
// for the largest count given with --report (default 100000).

#include "citymapitem.h"
#include "maplayers.h"
#include "webmercator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QQuickWindow>
#include <QRandomGenerator>
#include <QSGRendererInterface>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(CityBrain_GisPlugin)

using namespace citybrain;

namespace {

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// Markers as a city has them: most around the 14 district seats, the rest spread over the city.
std::vector<QPointF> cityPositions(int count, QRandomGenerator& random)
{
    static const QPointF seats[] = { { 108.709, 34.330 }, { 108.736, 34.335 }, { 108.727, 34.359 }, { 108.946, 34.537 },
        { 108.838, 34.532 }, { 108.850, 34.444 }, { 108.605, 34.608 }, { 108.472, 34.308 }, { 108.219, 34.281 },
        { 108.236, 34.799 }, { 108.113, 35.054 }, { 108.337, 35.195 }, { 108.944, 34.804 }, { 108.499, 34.459 } };
    std::vector<QPointF> positions;
    positions.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (random.bounded(10) < 7) {
            const QPointF seat = seats[random.bounded(14)];
            const double r = 0.04 * std::sqrt(-2 * std::log(std::max(1e-9, random.generateDouble())));
            const double a = random.generateDouble() * 2 * M_PI;
            positions.emplace_back(seat.x() + r * std::cos(a), seat.y() + r * std::sin(a) * 0.8);
        } else {
            positions.emplace_back(107.6 + random.generateDouble() * 1.6, 34.1 + random.generateDouble() * 1.5);
        }
    }
    return positions;
}

// Lets the tile worker finish the visible tiles (the map's own flag), with events flowing.
void settle(CityMapItem* map)
{
    QElapsedTimer waited;
    waited.start();
    do {
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
        (void)map->window()->grabWindow();
    } while (map->isLoadingTiles() && waited.elapsed() < 10000);
}

// The queued layersChanged that MapLayers coalesces, delivered without rendering a frame.
void deliverLayerChange()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())))];
}

double mean(const std::vector<double>& values)
{
    double sum = 0;
    for (const double v : values)
        sum += v;
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

struct Figures
{
    int markers = 0;
    double addMs = 0; // GUI thread: upserting every marker, then the polish and sync that show them
    double updateMs = 0; // GUI thread: one second's changes (10%) at once, polish and sync
    double guiMs = 0; // per frame: the frame's share of changes + polish + sync
    double guiP95 = 0;
    double changeMs = 0; // the frame's share of marker changes (upserts)
    double polishMs = 0;
    double syncMs = 0;
    double renderMs = 0; // per frame: the software rasteriser (on the GUI thread with this renderer)
    double frameMs = 0; // per frame: everything up to the finished picture
    double frameP95 = 0;
    double panFrameMs = 0;
    double hitMs = 0;
    double memMb = 0;
    int nodes = 0;
    int symbols = 0;
    double naiveMs = 0;
};

Figures measure(int count, int frames, const QSize& size)
{
    Figures f;
    f.markers = count;
    QRandomGenerator random(42);
    const std::vector<QPointF> positions = cityPositions(count, random);

    const double rssBefore = rssMb();
    auto layers = std::make_unique<MapLayers>(nullptr);
    layers->addStandardLayers();
    QQuickWindow window;
    window.resize(size);
    auto* map = new CityMapItem(window.contentItem());
    map->setLayers(layers.get());
    map->setSize(size);
    window.show();
    (void)window.grabWindow(); // the empty city, tiles requested
    settle(map);
    (void)window.grabWindow();

    // Add every marker, then the first frame that shows them.
    MarkerSet& sensors = layers->markers(QStringLiteral("sensors"));
    QElapsedTimer timer;
    timer.start();
    sensors.reserve(count);
    for (int i = 0; i < count; ++i)
        sensors.upsert(QStringLiteral("sensor-%1").arg(i), { positions[static_cast<size_t>(i)], 0, false });
    layers->touch(QStringLiteral("sensors"));
    deliverLayerChange();
    const double upserting = timer.nsecsElapsed() / 1e6;
    (void)window.grabWindow();
    f.addMs = upserting + map->polishMs() + map->syncMs();

    // 10% of the markers change status per second: at 60 frames a second, a sixtieth of that each frame.
    // (Sensors stand still; markers that move across cluster cells cost more: see markerbench.)
    const int perSecond = std::max(1, count / 10);
    const int perFrame = std::max(1, perSecond / 60);
    std::vector<double> gui;
    std::vector<double> changes;
    std::vector<double> polishes;
    std::vector<double> syncs;
    std::vector<double> render;
    std::vector<double> total;
    int next = 0;
    for (int frame = 0; frame < frames; ++frame) {
        QElapsedTimer whole;
        whole.start();
        QElapsedTimer updating;
        updating.start();
        for (int k = 0; k < perFrame; ++k, next = (next + 1) % count) {
            sensors.upsert(QStringLiteral("sensor-%1").arg(next),
                { positions[static_cast<size_t>(next)], static_cast<quint8>(random.bounded(4)), false });
        }
        layers->touch(QStringLiteral("sensors"));
        deliverLayerChange();
        const double updateMs = updating.nsecsElapsed() / 1e6;
        QElapsedTimer rendering;
        rendering.start();
        (void)window.grabWindow();
        const double frameWork = map->polishMs() + map->syncMs();
        render.push_back(rendering.nsecsElapsed() / 1e6 - frameWork);
        total.push_back(whole.nsecsElapsed() / 1e6);
        gui.push_back(updateMs + frameWork);
        changes.push_back(updateMs);
        polishes.push_back(map->polishMs());
        syncs.push_back(map->syncMs());
    }
    f.changeMs = mean(changes);
    f.polishMs = mean(polishes);
    f.syncMs = mean(syncs);
    f.renderMs = mean(render);
    f.guiMs = mean(gui);
    f.guiP95 = percentile(gui, 0.95);
    f.frameMs = mean(total);
    f.frameP95 = percentile(total, 0.95);

    // One second's worth of changes at once (10%).
    timer.restart();
    for (int k = 0; k < perSecond; ++k, next = (next + 1) % count) {
        sensors.upsert(QStringLiteral("sensor-%1").arg(next),
            { positions[static_cast<size_t>(next)], static_cast<quint8>(random.bounded(4)), false });
    }
    layers->touch(QStringLiteral("sensors"));
    deliverLayerChange();
    const double changing = timer.nsecsElapsed() / 1e6;
    (void)window.grabWindow();
    f.updateMs = changing + map->polishMs() + map->syncMs();

    // Panning: frames without data changes.
    std::vector<double> pans;
    for (int frame = 0; frame < 20; ++frame) {
        timer.restart();
        map->panBy(7, 3);
        (void)window.grabWindow();
        pans.push_back(timer.nsecsElapsed() / 1e6);
    }
    f.panFrameMs = mean(pans);

    // Hit tests at random places.
    timer.restart();
    const int hits = 2000;
    int found = 0;
    for (int i = 0; i < hits; ++i)
        found += map->featureAt(QPointF(random.bounded(size.width()), random.bounded(size.height()))).isEmpty() ? 0 : 1;
    f.hitMs = timer.nsecsElapsed() / 1e6 / hits;
    f.nodes = map->nodeCount();
    f.symbols = map->drawnSymbols();
    f.memMb = rssMb() - rssBefore;

    // Reference: every marker drawn with QPainter into a 4K image, what an unclustered map does per frame.
    QImage canvas(size, QImage::Format_ARGB32_Premultiplied);
    const MapViewport view = [&] {
        MapViewport v;
        v.setSize(size);
        v.setZoomLimits(0, 22);
        v.setCenterWorld(WebMercator::toWorld(map->center()));
        v.setZoom(map->zoom());
        return v;
    }();
    timer.restart();
    {
        canvas.fill(Qt::black);
        QPainter painter(&canvas);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::black, 1));
        painter.setBrush(QColor(0x3d, 0xd6, 0x8c));
        for (const QPointF& lonLat : positions)
            painter.drawEllipse(view.worldToScreen(WebMercator::toWorld(lonLat)), 6, 6);
    }
    f.naiveMs = timer.nsecsElapsed() / 1e6;
    (void)found;
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CityBrain map benchmark"));
    parser.addHelpOption();
    const QCommandLineOption countsOption(QStringLiteral("counts"),
        QStringLiteral("Marker counts, comma-separated (default 1000,10000,100000,1000000)."), QStringLiteral("LIST"),
        QStringLiteral("1000,10000,100000,1000000"));
    const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("Frames per count (default 60)."),
        QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption reportOption(QStringLiteral("report"),
        QStringLiteral("The count the last line reports (default 100000)."), QStringLiteral("N"),
        QStringLiteral("100000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size (default 3840x2160)."),
        QStringLiteral("WxH"), QStringLiteral("3840x2160"));
    parser.addOptions({ countsOption, framesOption, reportOption, sizeOption });
    parser.process(app);

    std::vector<int> counts;
    for (const QString& part : parser.value(countsOption).split(u',')) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 5000000) {
            std::fprintf(stderr, "mapbench: bad count '%s'\n", qPrintable(part));
            return 2;
        }
        counts.push_back(n);
    }
    const int frames = std::max(5, parser.value(framesOption).toInt());
    const int report = parser.value(reportOption).toInt();
    const QStringList wh = parser.value(sizeOption).split(u'x');
    const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
    if (size.width() < 320 || size.height() < 240) {
        std::fprintf(stderr, "mapbench: bad size\n");
        return 2;
    }

    QQuickWindow probe;
    probe.resize(64, 64);
    probe.show();
    (void)probe.grabWindow();
    const bool software
        = probe.rendererInterface() && probe.rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
    probe.hide();
    std::printf("renderer: %s (QT_QPA_PLATFORM=%s), window %dx%d, %d frames per count\n",
        software ? "Qt Quick software renderer" : "Qt Quick RHI (hardware API)", qgetenv("QT_QPA_PLATFORM").constData(),
        size.width(), size.height(), frames);
    std::printf("%9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %8s %8s %8s %10s %9s\n", "markers", "add_ms", "update_ms",
        "gui_ms", "gui_p95", "render_ms", "frame_ms", "frame_p95", "pan_ms", "hit_ms", "mem_mb", "nodes", "symbols",
        "naive_ms", "ratio");
    Figures reported;
    for (const int count : counts) {
        const Figures f = measure(count, frames, size);
        std::printf("%9d %9.1f %9.1f %9.2f %9.2f %9.1f %9.1f %9.1f %9.1f %9.4f %8.1f %8d %8d %10.1f %9.3f\n", f.markers,
            f.addMs, f.updateMs, f.guiMs, f.guiP95, f.renderMs, f.frameMs, f.frameP95, f.panFrameMs, f.hitMs, f.memMb,
            f.nodes, f.symbols, f.naiveMs, f.naiveMs > 0 ? f.frameMs / f.naiveMs : 0.0);
        std::fflush(stdout);
        if (count == report || reported.markers == 0)
            reported = f;
    }
    std::printf(
        "gui_ms per frame = changes + polish + sync; the last run's split: changes %.2f, polish %.2f, sync %.2f ms\n",
        reported.changeMs, reported.polishMs, reported.syncMs);
    std::printf("ratio = frame_ms / naive_ms (QPainter drawing every marker, no clustering, same run)\n");
    std::printf("map markers=%d gui_ms=%.2f frame_ms=%.1f add_ms=%.1f update_ms=%.1f mem_mb=%.1f hit_ms=%.4f\n",
        reported.markers, reported.guiMs, reported.frameMs, reported.addMs, reported.updateMs, reported.memMb,
        reported.hitMs);
    return 0;
}
