#include "cameralayer.h"

#include "districtlayer.h"
#include "logging.h"
#include "sensorfleet.h"
#include "simrandom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointF>

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {

const QStringList& roadNames()
{
    static const QStringList names = { QStringLiteral("人民路"), QStringLiteral("世纪大道"), QStringLiteral("渭阳路"),
        QStringLiteral("文林路"), QStringLiteral("中华路"), QStringLiteral("乐育路"), QStringLiteral("玉泉路"),
        QStringLiteral("咸通路"), QStringLiteral("西兰路"), QStringLiteral("建设路"), QStringLiteral("解放路"),
        QStringLiteral("东风路"), QStringLiteral("胜利路"), QStringLiteral("迎宾大道"), QStringLiteral("工业路"),
        QStringLiteral("滨河路"), QStringLiteral("新兴路"), QStringLiteral("育才路") };
    return names;
}

QPointF rounded(const QPointF& p)
{
    return { std::round(p.x() * 1e6) / 1e6, std::round(p.y() * 1e6) / 1e6 };
}

// Splits `total` over the districts by the sensors' weights (largest remainder), at least one each
// while there are enough.
std::vector<int> share(const std::vector<District>& districts, int total)
{
    std::vector<int> counts(districts.size(), 0);
    if (total <= 0 || districts.empty())
        return counts;
    double weightSum = 0;
    for (const District& d : districts)
        weightSum += SensorFleet::districtWeight(d.adcode);
    int left = total;
    std::vector<std::pair<double, std::size_t>> remainders;
    for (std::size_t i = 0; i < districts.size(); ++i) {
        const double exact = total * SensorFleet::districtWeight(districts[i].adcode) / weightSum;
        counts[i] = static_cast<int>(std::floor(exact));
        left -= counts[i];
        remainders.emplace_back(exact - counts[i], i);
    }
    std::stable_sort(
        remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; left > 0; i = (i + 1) % remainders.size(), --left)
        ++counts[remainders[i].second];
    return counts;
}

struct Road
{
    QString name;
    double bearing = 0; // radians, east = 0, counter-clockwise
};

} // namespace

CameraLayer::CameraLayer(const DistrictLayer& layer, quint64 seed, int count)
{
    QRandomGenerator rng = makeGenerator(seed, Stream::Cameras);
    const std::vector<District>& districts = layer.districts();
    const std::vector<int> counts = share(districts, count);
    m_cameras.reserve(static_cast<std::size_t>(std::max(0, count)));
    for (std::size_t d = 0; d < districts.size(); ++d) {
        const District& district = districts[d];
        if (counts[d] == 0)
            continue;
        // Three to five roads out of the seat, spread round the compass, each with its own name.
        QStringList names = roadNames();
        std::vector<Road> roads(static_cast<std::size_t>(3 + rng.bounded(3)));
        const double start = uniform(rng, 0, 2 * M_PI);
        for (std::size_t r = 0; r < roads.size(); ++r) {
            roads[r].bearing = start + 2 * M_PI * static_cast<double>(r) / static_cast<double>(roads.size())
                + uniform(rng, -0.3, 0.3);
            roads[r].name = names.takeAt(static_cast<int>(rng.bounded(static_cast<quint32>(names.size()))));
        }
        // Roads reach about half the district's smaller extent (in degrees; lon scaled by cos(lat)).
        const double reach = 0.5
            * std::min(district.bounds.width() * std::cos(district.seat.y() * M_PI / 180.0), district.bounds.height());
        for (int n = 1; n <= counts[d]; ++n) {
            const Road& road = roads[rng.bounded(static_cast<quint32>(roads.size()))];
            const bool intersection = rng.generateDouble() < 1.0 / 3.0;
            QPointF place = district.seat;
            bool inside = false;
            for (int attempt = 0; attempt < 200 && !inside; ++attempt) {
                QPointF p;
                if (intersection) {
                    // Within about a kilometre of the seat.
                    p = district.seat + QPointF(gaussian(rng) * 0.008, gaussian(rng) * 0.006);
                } else {
                    const double along = uniform(rng, 0.05, 1.0) * reach;
                    const double across = gaussian(rng) * 0.0008; // the road's width and the camera's mast
                    const double c = std::cos(road.bearing);
                    const double s = std::sin(road.bearing);
                    const double lonScale = 1.0 / std::cos(district.seat.y() * M_PI / 180.0);
                    p = district.seat + QPointF((along * c - across * s) * lonScale, along * s + across * c);
                }
                p = rounded(p);
                if (district.contains(p)) {
                    place = p;
                    inside = true;
                }
            }
            if (!inside)
                qCWarning(lcSim) << "could not place a camera inside" << district.adcode << "- using its seat";
            SimCamera camera;
            camera.id = QStringLiteral("cam-%1-%2").arg(district.adcode).arg(n, 3, 10, QLatin1Char('0'));
            camera.district = district.adcode;
            camera.name = QStringLiteral("%1 %2%3 %4")
                              .arg(district.name, road.name, intersection ? QStringLiteral("口") : QString())
                              .arg(n, 2, 10, QLatin1Char('0'));
            camera.stream = QStringLiteral("rtsp://demo.invalid/xy/") + camera.id;
            camera.lon = place.x();
            camera.lat = place.y();
            m_cameras.push_back(std::move(camera));
        }
    }
}

QByteArray CameraLayer::toGeoJson() const
{
    QJsonArray features;
    for (const SimCamera& camera : m_cameras) {
        features.append(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("Feature") },
            { QStringLiteral("id"), camera.id },
            { QStringLiteral("geometry"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("Point") },
                    { QStringLiteral("coordinates"), QJsonArray { camera.lon, camera.lat } } } },
            { QStringLiteral("properties"),
                QJsonObject { { QStringLiteral("name"), camera.name }, { QStringLiteral("district"), camera.district },
                    { QStringLiteral("stream"), camera.stream } } },
        });
    }
    const QJsonObject collection {
        { QStringLiteral("type"), QStringLiteral("FeatureCollection") },
        { QStringLiteral("name"), QLatin1String(layerId) },
        { QStringLiteral("features"), features },
    };
    return QJsonDocument(collection).toJson(QJsonDocument::Compact);
}

} // namespace citybrain::sim
