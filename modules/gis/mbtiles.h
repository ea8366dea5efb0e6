#pragma once

#include "tilesource.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace citybrain {

class Sqlite;
class SqliteStatement;

// An MBTiles 1.3 file (SQLite: `metadata` name/value and `tiles` zoom_level/tile_column/tile_row/
// tile_data, rows in the TMS scheme: tile_row counts from the south) read as a TileSource. Opened
// read-only; the whole file stays on disk (tiles are read per request). PNG, JPEG and WebP (when Qt
// has the plugin) decode through QImage.
class MbTilesSource : public TileSource
{
public:
    // nullptr and *error (a sentence naming the path) when the file is missing, not SQLite, lacks the
    // tables, or declares a format other than png/jpg/webp.
    [[nodiscard]] static std::unique_ptr<MbTilesSource> open(const QString& path, Datum datum, QString* error);
    ~MbTilesSource() override;

    [[nodiscard]] QImage tile(const TileId& id) override;
    [[nodiscard]] int minZoom() const override { return m_minZoom; }
    [[nodiscard]] int maxZoom() const override { return m_maxZoom; }
    [[nodiscard]] Datum datum() const override { return m_datum; }
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString attribution() const { return m_attribution; }
    // Lon/lat bounds from the metadata (x = lon, y = lat), or an empty rect.
    [[nodiscard]] QRectF bounds() const { return m_bounds; }
    [[nodiscard]] qint64 tilesRead() const;
    [[nodiscard]] qint64 tilesBroken() const; // rows whose data did not decode

private:
    MbTilesSource();
    mutable QMutex m_mutex; // one connection, used by one worker at a time
    std::unique_ptr<Sqlite> m_db;
    std::unique_ptr<SqliteStatement> m_tileQuery; // prepared once, after m_db so it is finalised first
    QString m_name;
    QString m_attribution;
    QRectF m_bounds;
    int m_minZoom = 0;
    int m_maxZoom = 0;
    Datum m_datum = Datum::Wgs84;
    qint64 m_read = 0;
    qint64 m_broken = 0;
};

// Writes an MBTiles file (for the project's basemap generator and the tests).
class MbTilesWriter
{
public:
    MbTilesWriter();
    ~MbTilesWriter();
    // Creates (replacing) the file with the metadata table filled: name, format=png, minzoom, maxzoom,
    // bounds "w,s,e,n", attribution, type=baselayer, version.
    bool create(const QString& path, const QString& name, const QRectF& lonLatBounds, int minZoom, int maxZoom,
        const QString& attribution, QString* error);
    bool addTile(const TileId& id, const QImage& image, QString* error); // stored as PNG, TMS row
    bool finish(QString* error); // commits

private:
    bool fail(const QString& what, QString* error); // sets *error from the database's last error, rolls back

    std::unique_ptr<Sqlite> m_db;
    std::unique_ptr<SqliteStatement> m_insert; // after m_db so it is finalised first
    QString m_path;
};

} // namespace citybrain
