// citybrain-mbtiles: renders the district layer into an offline raster basemap (MBTiles, PNG tiles), for
// walls without internet access. The output is opaque: dark land, districts a little lighter, borders.
#include "coordinates.h"
#include "districtlayer.h"
#include "mbtiles.h"
#include "vectortiles.h"
#include "webmercator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

using namespace citybrain;

namespace {

constexpr int maxSupportedZoom = 16; // Xianyang at 16 is ~100k tiles already

struct Options
{
    QString out;
    int minZoom = 7;
    int maxZoom = 11;
    Datum datum = Datum::Wgs84;
    QString districts; // empty: the shipped Xianyang layer
};

[[noreturn]] void usageError(const QString& message)
{
    std::fprintf(stderr, "citybrain-mbtiles: %s (try --help)\n", qPrintable(message));
    std::exit(2);
}

int parseZoom(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    bool ok = false;
    const QString text = parser.value(option);
    const int zoom = text.toInt(&ok);
    if (!ok || zoom < 0 || zoom > maxSupportedZoom)
        usageError(QStringLiteral("--%1 must be a whole number from 0 to %2, not '%3'")
                       .arg(option.names().constFirst())
                       .arg(maxSupportedZoom)
                       .arg(text));
    return zoom;
}

Options parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Renders the district layer into an MBTiles raster basemap (256 px PNG tiles)."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const Options defaults;
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("The MBTiles file to write (replaced)."), QStringLiteral("FILE"));
    const QCommandLineOption minZoom(QStringLiteral("min-zoom"),
        QStringLiteral("Lowest zoom level, default %1.").arg(defaults.minZoom), QStringLiteral("Z"),
        QString::number(defaults.minZoom));
    const QCommandLineOption maxZoom(QStringLiteral("max-zoom"),
        QStringLiteral("Highest zoom level, default %1 (at most %2).").arg(defaults.maxZoom).arg(maxSupportedZoom),
        QStringLiteral("Z"), QString::number(defaults.maxZoom));
    const QCommandLineOption datum(QStringLiteral("datum"),
        QStringLiteral("Datum the tiles are drawn in: wgs84 (OSM-style maps) or gcj02 (AMap-style), default wgs84."),
        QStringLiteral("wgs84|gcj02"), QStringLiteral("wgs84"));
    const QCommandLineOption districts(QStringLiteral("districts"),
        QStringLiteral("A GeoJSON FeatureCollection of district (Multi)Polygons in WGS-84 with adcode and name "
                       "properties, instead of the shipped Xianyang layer."),
        QStringLiteral("PATH"));
    parser.addOptions({ out, minZoom, maxZoom, datum, districts });

    if (!parser.parse(app.arguments()))
        usageError(parser.errorText());
    if (parser.isSet(help))
        parser.showHelp(0);
    if (parser.isSet(version))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    Options options;
    options.out = parser.value(out);
    if (options.out.isEmpty())
        usageError(QStringLiteral("--out FILE is required"));
    options.minZoom = parseZoom(parser, minZoom);
    options.maxZoom = parseZoom(parser, maxZoom);
    if (options.minZoom > options.maxZoom)
        usageError(QStringLiteral("--min-zoom %1 is above --max-zoom %2").arg(options.minZoom).arg(options.maxZoom));
    const std::optional<Datum> parsedDatum = datumFromName(parser.value(datum));
    if (!parsedDatum)
        usageError(QStringLiteral("--datum must be wgs84 or gcj02, not '%1'").arg(parser.value(datum)));
    options.datum = *parsedDatum;
    options.districts = parser.value(districts);
    if (parser.isSet(districts) && options.districts.isEmpty())
        usageError(QStringLiteral("--districts needs a path"));
    return options;
}

struct Basemap
{
    VectorScene scene;
    QRectF lonLatBounds; // in the output datum
};

Basemap buildScene(const DistrictLayer& layer, Datum datum)
{
    VectorStyle style;
    style.fill = QColor(0x24, 0x33, 0x47);
    style.stroke = QColor(0x5d, 0x7a, 0x9e);
    style.strokePixels = 1.2;

    Basemap basemap;
    for (const District& district : layer.districts()) {
        VectorShape shape;
        shape.style = style;
        for (const QPolygonF& ring : district.rings) {
            QPolygonF lonLat = ring;
            if (datum != Datum::Wgs84) {
                for (QPointF& point : lonLat)
                    point = convertDatum(point, Datum::Wgs84, datum);
            }
            basemap.lonLatBounds = basemap.lonLatBounds.united(lonLat.boundingRect());
            QPolygonF world = WebMercator::toWorld(lonLat);
            shape.worldBounds = shape.worldBounds.united(world.boundingRect());
            shape.rings.push_back(std::move(world));
        }
        basemap.scene.shapes.push_back(std::move(shape));
    }
    return basemap;
}

} // namespace

int main(int argc, char* argv[])
{
    // QPainter on a QImage without text needs no QGuiApplication, hence no display or platform plugin.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("citybrain-mbtiles"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYBRAIN_VERSION));
    const Options options = parseOptions(app);

    QString error;
    DistrictLayer loaded;
    if (!options.districts.isEmpty()) {
        loaded = DistrictLayer::load(options.districts, QString(), &error);
        if (loaded.isEmpty())
            usageError(QStringLiteral("--districts: %1").arg(error));
    }
    const DistrictLayer& layer = options.districts.isEmpty() ? DistrictLayer::xianyang() : loaded;
    if (layer.isEmpty()) {
        std::fprintf(stderr, "citybrain-mbtiles: the shipped district layer is empty\n");
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    const Basemap basemap = buildScene(layer, options.datum);
    // A small margin so the outermost borders are not cut at a tile edge.
    const double margin = std::max(0.02, 0.02 * std::max(basemap.lonLatBounds.width(), basemap.lonLatBounds.height()));
    const QRectF lonLatBounds = basemap.lonLatBounds.adjusted(-margin, -margin, margin, margin);
    const QRectF world = WebMercator::toWorld(lonLatBounds).normalized();
    const QColor land(0x17, 0x1f, 0x2a);

    MbTilesWriter writer;
    const QString name = QStringLiteral("CityBrain districts basemap (%1)").arg(datumName(options.datum));
    const QString attribution = options.districts.isEmpty()
        ? QStringLiteral("Boundaries: DataV.GeoAtlas (AutoNavi), reference only")
        : QFileInfo(options.districts).fileName();
    if (!writer.create(options.out, name, lonLatBounds, options.minZoom, options.maxZoom, attribution, &error)) {
        std::fprintf(stderr, "citybrain-mbtiles: %s\n", qPrintable(error));
        return 1;
    }
    qint64 tiles = 0;
    for (int z = options.minZoom; z <= options.maxZoom; ++z) {
        const int count = 1 << z;
        auto cell = [count](double unit) { return std::clamp(int(std::floor(unit * count)), 0, count - 1); };
        for (int y = cell(world.top()); y <= cell(world.bottom()); ++y) {
            for (int x = cell(world.left()); x <= cell(world.right()); ++x) {
                const TileId id { z, x, y };
                if (!writer.addTile(id, VectorTileSource::render(basemap.scene, id, land), &error)) {
                    std::fprintf(stderr, "citybrain-mbtiles: %s\n", qPrintable(error));
                    return 1;
                }
                ++tiles;
            }
        }
    }
    if (!writer.finish(&error)) {
        std::fprintf(stderr, "citybrain-mbtiles: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("mbtiles tiles=%lld zooms=%d-%d bytes=%lld\n", static_cast<long long>(tiles), options.minZoom,
        options.maxZoom, static_cast<long long>(QFileInfo(options.out).size()));
    std::fprintf(
        stderr, "citybrain-mbtiles: wrote %s in %.2f s\n", qPrintable(options.out), double(timer.elapsed()) / 1000.0);
    return 0;
}
