#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace citybrain {
class DistrictLayer;
} // namespace citybrain

namespace citybrain::sim {

// One simulated road camera (交通/治安卡口): where it is and what the map's hover card shows.
struct SimCamera
{
    QString id; // cam-610402-003
    QString district; // adcode
    QString name; // "秦都区 人民路口 03": district, road (an intersection ends in 口), number in the district
    QString stream; // rtsp://demo.invalid/xy/<id>: a placeholder, nothing answers there
    double lon = 0;
    double lat = 0;
};

// The simulator's camera layer, published once at start, retained, on xy/v1/gis/cameras (docs/topics.md,
// "GIS layers"). Cameras are shared out over the districts by the sensors' weights (the central districts
// carry the most) and placed by their own seeded stream: a third at intersections near the district
// seat, the rest along three to five main roads leading out of the seat, every one inside its district.
// The roads are straight lines at seeded bearings, named from a list of common Chinese road names; the
// demo has no road network.
class CameraLayer
{
public:
    static constexpr int defaultCount = 150;
    static constexpr const char* layerId = "cameras";

    CameraLayer(const DistrictLayer& layer, quint64 seed, int count = defaultCount);

    [[nodiscard]] const std::vector<SimCamera>& cameras() const { return m_cameras; }
    // A GeoJSON FeatureCollection (WGS-84, compact UTF-8) of the cameras as Points, with the camera id as
    // the feature id and {name, district, stream} as properties, and the collection's "name": "cameras".
    [[nodiscard]] QByteArray toGeoJson() const;

private:
    std::vector<SimCamera> m_cameras;
};

} // namespace citybrain::sim
