#pragma once

#include "geojson.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace citybrain {

// One message on xy/v1/gis/<layer-id>, decoded on the ingest worker (docs/topics.md, "GIS layers"):
// a FeatureCollection replaces the layer, a Feature is upserted by id, a Feature with a null geometry
// deletes that id, and an empty (retained-clearing) payload clears the layer.
struct GisUpdate
{
    enum class Kind { Replace, Upsert, Clear };

    QString layerId;
    Kind kind = Kind::Replace;
    std::vector<GeoFeature> features; // WGS-84
    QStringList deletedIds;
    int rejectedFeatures = 0; // skipped for bad geometry (counted by reason in the pipeline's metrics)
    qint64 receivedMs = 0;
};

} // namespace citybrain
