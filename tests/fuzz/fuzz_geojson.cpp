// libFuzzer target: GeoJSON, wherever the app reads it.
//
// Input: one GeoJSON document, read three ways:
//  - as a GIS layer message on xy/v1/gis/<layer-id> through FeedDecoder (size, UTF-8, depth, then
//    GisDecoder and parseGeoJson);
//  - as a layer file from a GCJ-02 source (parseGeoJson with the datum conversion; the cameras file);
//  - as a deployment's district file (DistrictLayer::load, map.districts_file), boundary and seats, and the
//    loaded layer is then asked what the decoders ask it (locate, find).

#include "districtlayer.h"
#include "feeddecoder.h"
#include "fuzzsupport.h"
#include "geojson.h"

#include <QFile>

using namespace citybrain;
using namespace citybrain::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const FeedDecoder decoder;
    static const QString topic = decoder.scheme().gis(QStringLiteral("roadworks"));
    const QByteArray input = toBytes(data, size);

    const FeedDecoder::Result message = decoder.decode(topic, input, kNowMs);
    Q_UNUSED(message);

    const GeoJsonDocument document = parseGeoJson(input, Datum::Gcj02);
    for (const GeoFeature& feature : document.features) {
        if (feature.vertexCount() < 0)
            fail("a feature with a negative vertex count");
    }

    const QString path = writeInputFile(input, ".geojson");
    QString error;
    const DistrictLayer layer = DistrictLayer::load(path, path, &error);
    for (const District& district : layer.districts()) {
        if (layer.find(district.adcode) == nullptr)
            fail("a loaded district is not found by its adcode", district.adcode);
        const District* at = layer.locate(district.seat);
        Q_UNUSED(at);
    }
    QFile::remove(path);
    return 0;
}
