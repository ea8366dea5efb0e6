#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QtGlobal>

#include <array>
#include <memory>
#include <vector>

namespace citybrain {

// What a marker shows. `category` is the layer's own 0..3 scale: a sensor's status (normal, warning,
// alarm, offline), an incident's severity (minor .. critical), a camera's state.
struct MarkerState
{
    QPointF lonLat; // WGS-84 degrees
    quint8 category = 0; // 0 .. MarkerSet::categories - 1
    bool pulse = false; // needs attention (an unacknowledged incident)
};

// A thing to draw at one place: a single marker or a cluster of them.
struct MapSymbol
{
    QPointF world; // Web Mercator unit plane (see WebMercator::toWorld)
    int count = 1;
    std::array<int, 4> byCategory {}; // members per category
    int marker = -1; // the marker's index when count == 1, else -1
    bool pulse = false; // any member pulses

    [[nodiscard]] bool isCluster() const { return count > 1; }
    // The most severe category present (the highest index with members).
    [[nodiscard]] int topCategory() const;
};

// The markers of one point layer (sensors, incidents, cameras, a dynamic layer's points), in world
// coordinates, clustered on a grid per integer zoom level and hit-tested through a grid index.
// Sized for a million markers; plain data, one thread (the GUI thread) at a time.
//
// Clustering: at zoom z a cluster cell is clusterCellPixels() screen pixels wide (256 * 2^z pixels
// span the world), cells are aligned on the world origin so they do not shift while panning, a cell
// with one marker gives that marker, and a cell with several gives one cluster at their mean
// position. Beyond clusterMaxZoom() every marker stands alone.
class MarkerSet
{
public:
    static constexpr int categories = 4;

    MarkerSet();
    ~MarkerSet();
    MarkerSet(const MarkerSet&) = delete;
    MarkerSet& operator=(const MarkerSet&) = delete;

    // Adds a marker or changes the one with this id; returns its index. Indexes stay valid until a
    // remove() or clear() (remove moves the last marker into the freed index).
    int upsert(const QString& id, const MarkerState& state);
    bool remove(const QString& id);
    void clear();
    void reserve(int count);

    [[nodiscard]] int size() const;
    [[nodiscard]] int indexOf(const QString& id) const; // -1 when absent
    [[nodiscard]] const QString& idAt(int index) const;
    [[nodiscard]] const MarkerState& stateAt(int index) const;
    [[nodiscard]] QPointF worldAt(int index) const;
    // Bumped by every change: a view compares it to know whether to rebuild.
    [[nodiscard]] quint64 revision() const;
    // The world rectangle holding every marker (empty when there are none).
    [[nodiscard]] QRectF worldBounds() const;

    void setClusterCellPixels(double pixels); // default 56
    [[nodiscard]] double clusterCellPixels() const;
    void setClusterMaxZoom(int zoom); // default 16
    [[nodiscard]] int clusterMaxZoom() const;

    // The symbols inside worldViewport at zoom floor(zoom) (clamped to 0..22), clusters included,
    // in a stable order (by cell, then by marker index).
    [[nodiscard]] std::vector<MapSymbol> symbols(double zoom, const QRectF& worldViewport) const;
    // The marker nearest to world within radius (world units), or -1.
    [[nodiscard]] int nearest(const QPointF& world, double radius) const;
    // The markers inside a world rectangle (for a cluster's members), at most `limit`.
    [[nodiscard]] std::vector<int> within(const QRectF& worldRect, int limit) const;

private:
    struct Data;
    std::unique_ptr<Data> d;
};

} // namespace citybrain
