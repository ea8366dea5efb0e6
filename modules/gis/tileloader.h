#pragma once

#include "tilesource.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

namespace citybrain {

// Loads tiles from a TileSource on its own worker thread into a bounded LRU cache the GUI thread reads.
// The map says which tiles it wants now (want()): requests for tiles no longer wanted are dropped
// before they are loaded, so a fast pan never queues work for places already left behind. The queue is
// bounded (the wanted set) and its high-water mark is reported.
class TileLoader : public QObject
{
    Q_OBJECT

public:
    // The loader does not own the source; it must outlive the loader.
    explicit TileLoader(TileSource* source, qint64 cacheBytes = 64 * 1024 * 1024, QObject* parent = nullptr);
    ~TileLoader() override;

    // GUI thread. Replaces the wanted set (most important first); cached ones are not reloaded.
    void want(const std::vector<TileId>& tiles);
    // GUI thread. The cached image (null if not loaded yet, or if the source has none: see isEmpty).
    [[nodiscard]] QImage cached(const TileId& id) const;
    // GUI thread. Loaded and known to have no image (the source returned null): do not wait for it.
    [[nodiscard]] bool isEmpty(const TileId& id) const;
    // Drops everything cached (the source's revision changed).
    void invalidate();

    [[nodiscard]] qint64 cacheBytes() const;
    [[nodiscard]] int cachedCount() const;
    [[nodiscard]] qint64 loadedTotal() const;
    [[nodiscard]] int queueHighWater() const;

signals:
    // Queued to the GUI thread after one or more tiles arrived (coalesced: at most one pending).
    void tilesLoaded();

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QThread m_thread;
};

} // namespace citybrain
