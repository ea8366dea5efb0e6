// MBTiles: the writer and reader round trip through a real SQLite file, and the basemap generator.
#include "mbtiles.h"
#include "webmercator.h"

// The project's SQLite wrapper (linked through citybrain_gis) builds the malformed files.
#include "sqlitedb.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace citybrain;

namespace {

// A tile whose picture shows which way is up: a red top half over a blue bottom half, green left column.
QImage orientedTile()
{
    QImage image(tilePixels, tilePixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::blue);
    for (int y = 0; y < tilePixels / 2; ++y) {
        for (int x = 0; x < tilePixels; ++x)
            image.setPixelColor(x, y, Qt::red);
    }
    for (int y = 0; y < tilePixels; ++y)
        image.setPixelColor(0, y, Qt::green);
    return image;
}

QImage solidTile(const QColor& colour, int size = tilePixels)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(colour);
    return image;
}

// Runs fixed SQL on a file through the project's wrapper.
bool execSql(const QString& path, const char* sql)
{
    Sqlite db;
    return db.open(path, false) && db.exec(sql);
}

QString generatorPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain-mbtiles");
}

} // namespace

class TestMbTiles : public QObject
{
    Q_OBJECT

private slots:
    void tileIsStoredAtItsTmsRow();
    void tileReadsBackAtItsXyzRow();
    void translucentTileKeepsItsAlpha();
    void metadataIsRead();
    void zoomRangeFallsBackToTheStoredTiles();
    void missingTileIsNull();
    void brokenTileIsNullAndCounted();
    void otherTileSizesAreScaledTo256();
    void missingFileIsAnError();
    void fileThatIsNotSqliteIsAnError();
    void databaseWithoutTilesTableIsAnError();
    void vectorTileFormatIsAnError();
    void generatorWritesABasemapOfXianyang();
    void generatorRejectsInvertedZoomRange();
    void generatorRequiresAnOutputFile();

private:
    // Writes a file with `tiles` and returns its path; the test fails if the writer does.
    QString writeFile(const QString& name, const std::vector<std::pair<TileId, QImage>>& tiles);
    QTemporaryDir m_dir;
};

QString TestMbTiles::writeFile(const QString& name, const std::vector<std::pair<TileId, QImage>>& tiles)
{
    const QString path = m_dir.filePath(name);
    MbTilesWriter writer;
    QString error;
    if (!writer.create(path, QStringLiteral("Test basemap"), QRectF(QPointF(108.0, 34.0), QPointF(109.5, 35.0)), 3, 9,
            QStringLiteral("Test data"), &error))
        qFatal("create: %s", qPrintable(error));
    for (const auto& [id, image] : tiles) {
        if (!writer.addTile(id, image, &error))
            qFatal("addTile: %s", qPrintable(error));
    }
    if (!writer.finish(&error))
        qFatal("finish: %s", qPrintable(error));
    return path;
}

void TestMbTiles::tileIsStoredAtItsTmsRow()
{
    // MBTiles rows count from the south: XYZ y=1 at z=3 is TMS row 2^3 - 1 - 1 = 6.
    const QString path = writeFile(QStringLiteral("tms.mbtiles"), { { TileId { 3, 5, 1 }, solidTile(Qt::red) } });
    Sqlite db;
    QVERIFY(db.open(path, true));
    qint64 row = -1;
    QVERIFY(db.queryInt("SELECT tile_row FROM tiles WHERE zoom_level = 3 AND tile_column = 5", &row));
    QCOMPARE(row, 6);
}

void TestMbTiles::tileReadsBackAtItsXyzRow()
{
    // A different picture sits at XYZ y=6 (TMS row 1), so a reader that flips differently shows it.
    const QString path = writeFile(QStringLiteral("roundtrip.mbtiles"),
        { { TileId { 3, 5, 1 }, orientedTile() }, { TileId { 3, 5, 6 }, solidTile(Qt::yellow) } });
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));

    const QImage tile = source->tile(TileId { 3, 5, 1 });
    QCOMPARE(tile.size(), QSize(tilePixels, tilePixels));
    QCOMPARE(tile.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(tile.pixelColor(128, 10), QColor(Qt::red));
    QCOMPARE(tile.pixelColor(128, 245), QColor(Qt::blue));
    QCOMPARE(tile.pixelColor(0, 128), QColor(Qt::green));
    QCOMPARE(source->tile(TileId { 3, 5, 6 }).pixelColor(128, 128), QColor(Qt::yellow));
}

void TestMbTiles::translucentTileKeepsItsAlpha()
{
    const QColor glass(255, 0, 0, 128);
    const QString path = writeFile(QStringLiteral("overlay.mbtiles"), { { TileId { 3, 1, 1 }, solidTile(glass) } });
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    const QColor read = source->tile(TileId { 3, 1, 1 }).pixelColor(128, 128);
    QCOMPARE(read.alpha(), 128);
    QVERIFY(read.red() >= 254 && read.green() == 0 && read.blue() == 0);
}

void TestMbTiles::metadataIsRead()
{
    const QString path = writeFile(QStringLiteral("metadata.mbtiles"), { { TileId { 3, 1, 1 }, solidTile(Qt::red) } });
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Gcj02, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->name(), QStringLiteral("Test basemap"));
    QCOMPARE(source->attribution(), QStringLiteral("Test data"));
    QCOMPARE(source->minZoom(), 3);
    QCOMPARE(source->maxZoom(), 9);
    QCOMPARE(source->bounds(), QRectF(QPointF(108.0, 34.0), QPointF(109.5, 35.0)));
    QCOMPARE(source->datum(), Datum::Gcj02);
}

void TestMbTiles::zoomRangeFallsBackToTheStoredTiles()
{
    const QString path = writeFile(QStringLiteral("nozoom.mbtiles"),
        { { TileId { 4, 1, 1 }, solidTile(Qt::red) }, { TileId { 6, 1, 1 }, solidTile(Qt::red) } });
    QVERIFY(execSql(path, "DELETE FROM metadata WHERE name IN ('minzoom', 'maxzoom')"));
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->minZoom(), 4);
    QCOMPARE(source->maxZoom(), 6);
}

void TestMbTiles::missingTileIsNull()
{
    const QString path = writeFile(QStringLiteral("sparse.mbtiles"), { { TileId { 3, 1, 1 }, solidTile(Qt::red) } });
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    QVERIFY(source->tile(TileId { 3, 2, 1 }).isNull());
    QCOMPARE(source->tilesBroken(), 0);
}

void TestMbTiles::brokenTileIsNullAndCounted()
{
    const QString path = writeFile(QStringLiteral("broken.mbtiles"), { { TileId { 3, 1, 1 }, solidTile(Qt::red) } });
    QVERIFY(execSql(path, "UPDATE tiles SET tile_data = X'89504E470D0A1A0A00000000DEADBEEF'"));
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    QVERIFY(source->tile(TileId { 3, 1, 1 }).isNull());
    QCOMPARE(source->tilesBroken(), 1);
}

void TestMbTiles::otherTileSizesAreScaledTo256()
{
    const QString path
        = writeFile(QStringLiteral("retina.mbtiles"), { { TileId { 3, 1, 1 }, solidTile(Qt::red, 512) } });
    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    const QImage tile = source->tile(TileId { 3, 1, 1 });
    QCOMPARE(tile.size(), QSize(tilePixels, tilePixels));
    QCOMPARE(tile.pixelColor(128, 128), QColor(Qt::red));
}

void TestMbTiles::missingFileIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("absent.mbtiles"));
    QString error;
    QVERIFY(!MbTilesSource::open(path, Datum::Wgs84, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path)); // read-only: opening does not create it
}

void TestMbTiles::fileThatIsNotSqliteIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("text.mbtiles"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QByteArray("this is not a database, just some text that is long enough to have a header\n").repeated(20));
    file.close();
    QString error;
    QVERIFY(!MbTilesSource::open(path, Datum::Wgs84, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not an SQLite database")), qPrintable(error));
}

void TestMbTiles::databaseWithoutTilesTableIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("other.sqlite"));
    QVERIFY(execSql(path, "CREATE TABLE metadata (name TEXT, value TEXT)"));
    QString error;
    QVERIFY(!MbTilesSource::open(path, Datum::Wgs84, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("'tiles'")), qPrintable(error));
}

void TestMbTiles::vectorTileFormatIsAnError()
{
    const QString path = writeFile(QStringLiteral("vector.mbtiles"), {});
    QVERIFY(execSql(path, "UPDATE metadata SET value = 'pbf' WHERE name = 'format'"));
    QString error;
    QVERIFY(!MbTilesSource::open(path, Datum::Wgs84, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("'pbf'")), qPrintable(error));
}

void TestMbTiles::generatorWritesABasemapOfXianyang()
{
    QVERIFY2(QFile::exists(generatorPath()), "build the citybrain-mbtiles target first");
    const QString path = m_dir.filePath(QStringLiteral("xianyang.mbtiles"));
    QProcess generator;
    generator.start(generatorPath(),
        { QStringLiteral("--out"), path, QStringLiteral("--min-zoom"), QStringLiteral("7"),
            QStringLiteral("--max-zoom"), QStringLiteral("8") });
    QVERIFY(generator.waitForFinished(60000));
    QVERIFY2(generator.exitStatus() == QProcess::NormalExit && generator.exitCode() == 0,
        generator.readAllStandardError().constData());
    const QString summary = QString::fromUtf8(generator.readAllStandardOutput());
    const QRegularExpressionMatch match = QRegularExpression(
        QStringLiteral("^mbtiles tiles=(\\d+) zooms=7-8 bytes=(\\d+)$"), QRegularExpression::MultilineOption)
                                              .match(summary);
    QVERIFY2(match.hasMatch(), qPrintable(summary));
    QVERIFY(match.captured(1).toInt() > 0);
    QCOMPARE(match.captured(2).toLongLong(), QFileInfo(path).size());

    QString error;
    const auto source = MbTilesSource::open(path, Datum::Wgs84, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->minZoom(), 7);
    QCOMPARE(source->maxZoom(), 8);
    const QPointF world = WebMercator::toWorld(QPointF(108.7, 34.33));
    const TileId id { 8, int(std::floor(world.x() * 256)), int(std::floor(world.y() * 256)) };
    const QImage tile = source->tile(id);
    QVERIFY(!tile.isNull());
    // A basemap: opaque everywhere, with districts and their borders drawn on the land.
    QSet<QRgb> colours;
    for (int y = 0; y < tile.height(); ++y) {
        for (int x = 0; x < tile.width(); ++x) {
            const QRgb pixel = tile.pixel(x, y);
            QCOMPARE(qAlpha(pixel), 255);
            colours.insert(pixel);
        }
    }
    QVERIFY2(colours.size() > 2, "the tile shows no districts");
}

void TestMbTiles::generatorRejectsInvertedZoomRange()
{
    QProcess generator;
    generator.start(generatorPath(),
        { QStringLiteral("--out"), m_dir.filePath(QStringLiteral("never.mbtiles")), QStringLiteral("--min-zoom"),
            QStringLiteral("9"), QStringLiteral("--max-zoom"), QStringLiteral("8") });
    QVERIFY(generator.waitForFinished(30000));
    QCOMPARE(generator.exitCode(), 2);
    QVERIFY(generator.readAllStandardError().contains("--min-zoom"));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.mbtiles"))));
}

void TestMbTiles::generatorRequiresAnOutputFile()
{
    QProcess generator;
    generator.start(generatorPath(), { QStringLiteral("--max-zoom"), QStringLiteral("8") });
    QVERIFY(generator.waitForFinished(30000));
    QCOMPARE(generator.exitCode(), 2);
    QVERIFY(generator.readAllStandardError().contains("--out"));
}

QTEST_GUILESS_MAIN(TestMbTiles)
#include "tst_mbtiles.moc"
