#include "tileloader.h"

#include "logging.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QWaitCondition>

#include <algorithm>
#include <deque>
#include <list>

namespace citybrain {

namespace {

// Known-empty tiles cost a hash entry each; past this many they are forgotten (and recomputed if wanted).
constexpr int maxEmptyTiles = 65536;

} // namespace

struct TileLoader::Shared
{
    struct Entry
    {
        QImage image;
        std::list<quint64>::iterator lru; // position in `recent`
    };

    TileSource* source = nullptr;
    qint64 cacheLimit = 0;

    QMutex mutex;
    QWaitCondition wake;
    std::deque<TileId> queue; // pending, most important first
    std::vector<TileId> wanted; // the last want(), re-queued by invalidate()
    QHash<quint64, Entry> cache;
    std::list<quint64> recent; // most recently used first
    QSet<quint64> empties;
    qint64 bytes = 0;
    quint64 generation = 0; // bumped by invalidate(): results computed before are dropped
    quint64 loadingKey = ~quint64(0); // the tile the worker is loading now
    bool loading = false;
    bool stopping = false;
    bool notifyPending = false;
    qint64 loadedTotal = 0;
    int highWater = 0;

    // Callers hold the mutex.
    void touch(Entry& entry)
    {
        recent.splice(recent.begin(), recent, entry.lru);
        entry.lru = recent.begin();
    }

    void insert(quint64 key, QImage image)
    {
        auto it = cache.find(key);
        if (it != cache.end()) {
            bytes -= it->image.sizeInBytes();
            recent.erase(it->lru);
            cache.erase(it);
        }
        bytes += image.sizeInBytes();
        recent.push_front(key);
        cache.insert(key, Entry { std::move(image), recent.begin() });
        // Least recently used out first; the tile just loaded stays even if it alone exceeds the limit,
        // or the map would ask for it again forever.
        while (bytes > cacheLimit && recent.size() > 1) {
            const quint64 victim = recent.back();
            recent.pop_back();
            const auto entry = cache.find(victim);
            bytes -= entry->image.sizeInBytes();
            cache.erase(entry);
        }
    }

    void rebuildQueue(const std::vector<TileId>& tiles)
    {
        queue.clear();
        QSet<quint64> seen;
        for (const TileId& id : tiles) {
            if (!id.isValid())
                continue;
            const quint64 key = id.key();
            if (seen.contains(key) || empties.contains(key) || (loading && key == loadingKey))
                continue;
            seen.insert(key);
            const auto cached = cache.find(key);
            if (cached != cache.end()) {
                touch(*cached); // still wanted: evict others first
                continue;
            }
            queue.push_back(id);
        }
        highWater = std::max(highWater, int(queue.size()));
        if (!queue.empty())
            wake.wakeOne();
    }
};

TileLoader::TileLoader(TileSource* source, qint64 cacheBytes, QObject* parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->source = source;
    m_shared->cacheLimit = std::max<qint64>(cacheBytes, 0);
    m_thread.setObjectName(QStringLiteral("TileLoader"));

    // The loop runs on the worker thread (started is emitted there) until the destructor stops it.
    connect(
        &m_thread, &QThread::started, &m_thread,
        [shared = m_shared, loader = this] {
            QMutexLocker lock(&shared->mutex);
            for (;;) {
                while (!shared->stopping && shared->queue.empty())
                    shared->wake.wait(&shared->mutex);
                if (shared->stopping)
                    return;
                const TileId id = shared->queue.front();
                shared->queue.pop_front();
                const quint64 generation = shared->generation;
                shared->loading = true;
                shared->loadingKey = id.key();
                lock.unlock();

                QImage image = shared->source->tile(id);

                lock.relock();
                shared->loading = false;
                if (shared->stopping)
                    return;
                if (generation != shared->generation)
                    continue; // invalidated while loading: the picture is stale
                ++shared->loadedTotal;
                if (image.isNull()) {
                    if (shared->empties.size() >= maxEmptyTiles)
                        shared->empties.clear();
                    shared->empties.insert(id.key());
                } else {
                    shared->insert(id.key(), std::move(image));
                }
                if (!shared->notifyPending) {
                    shared->notifyPending = true;
                    // The destructor joins this thread before the loader goes, and an event still queued
                    // to the loader is discarded with it.
                    QMetaObject::invokeMethod(
                        loader,
                        [loader, shared] {
                            {
                                QMutexLocker guiLock(&shared->mutex);
                                shared->notifyPending = false;
                            }
                            emit loader->tilesLoaded();
                        },
                        Qt::QueuedConnection);
                }
            }
        },
        Qt::DirectConnection);
    m_thread.start(QThread::LowPriority);
}

TileLoader::~TileLoader()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->stopping = true;
        m_shared->queue.clear();
        m_shared->wake.wakeAll();
    }
    // A tile being loaded finishes first; nothing queued after it starts.
    m_thread.quit();
    m_thread.wait();
}

void TileLoader::want(const std::vector<TileId>& tiles)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->wanted = tiles;
    m_shared->rebuildQueue(tiles);
}

QImage TileLoader::cached(const TileId& id) const
{
    QMutexLocker lock(&m_shared->mutex);
    const auto it = m_shared->cache.find(id.key());
    if (it == m_shared->cache.end())
        return {};
    m_shared->touch(*it);
    return it->image;
}

bool TileLoader::isEmpty(const TileId& id) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->empties.contains(id.key());
}

void TileLoader::invalidate()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->cache.clear();
    m_shared->recent.clear();
    m_shared->empties.clear();
    m_shared->bytes = 0;
    ++m_shared->generation;
    m_shared->loading = false; // whatever is being loaded now is stale: load it again if wanted
    m_shared->rebuildQueue(m_shared->wanted);
    qCDebug(lcGis) << "tile cache invalidated, generation" << m_shared->generation;
}

qint64 TileLoader::cacheBytes() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->bytes;
}

int TileLoader::cachedCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return int(m_shared->cache.size());
}

qint64 TileLoader::loadedTotal() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->loadedTotal;
}

int TileLoader::queueHighWater() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->highWater;
}

} // namespace citybrain
