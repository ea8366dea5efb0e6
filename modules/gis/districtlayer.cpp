#include "districtlayer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace citybrain {

namespace {

    QString adcodeOf(const QJsonObject& properties)
    {
        const QJsonValue code = properties.value(QLatin1String("adcode"));
        if (code.isDouble())
            return QString::number(static_cast<qint64>(code.toDouble()));
        return code.toString();
    }

    bool readRing(const QJsonArray& coordinates, QPolygonF* ring)
    {
        for (const QJsonValue& position : coordinates) {
            const QJsonArray pair = position.toArray();
            if (pair.size() < 2 || !pair[0].isDouble() || !pair[1].isDouble())
                return false;
            const double lon = pair[0].toDouble();
            const double lat = pair[1].toDouble();
            if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
                return false;
            ring->append(QPointF(lon, lat));
        }
        return ring->size() >= 4;
    }

    QJsonArray readFeatures(const QString& path, QString* error)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return {};
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1: %2 at offset %3").arg(path, parseError.errorString()).arg(parseError.offset);
            return {};
        }
        if (doc.object().value(QLatin1String("type")).toString() != QLatin1String("FeatureCollection")) {
            *error = QStringLiteral("%1: not a GeoJSON FeatureCollection").arg(path);
            return {};
        }
        return doc.object().value(QLatin1String("features")).toArray();
    }

} // namespace

bool District::contains(const QPointF& lonLat) const
{
    if (!bounds.contains(lonLat))
        return false;
    for (const QPolygonF& ring : rings) {
        if (ring.containsPoint(lonLat, Qt::OddEvenFill))
            return true;
    }
    return false;
}

DistrictLayer DistrictLayer::load(const QString& boundaryPath, const QString& seatPath, QString* error)
{
    DistrictLayer layer;
    const QJsonArray features = readFeatures(boundaryPath, error);
    for (const QJsonValue& value : features) {
        const QJsonObject feature = value.toObject();
        const QJsonObject properties = feature.value(QLatin1String("properties")).toObject();
        const QJsonObject geometry = feature.value(QLatin1String("geometry")).toObject();
        const QString type = geometry.value(QLatin1String("type")).toString();
        QJsonArray polygons = geometry.value(QLatin1String("coordinates")).toArray();
        if (type == QLatin1String("Polygon"))
            polygons = QJsonArray { polygons };
        else if (type != QLatin1String("MultiPolygon"))
            continue;

        District district;
        district.adcode = adcodeOf(properties);
        district.name = properties.value(QLatin1String("name")).toString();
        for (const QJsonValue& polygon : polygons) {
            QPolygonF outer; // holes do not matter at district scale
            if (readRing(polygon.toArray().first().toArray(), &outer)) {
                district.bounds = district.bounds.isNull() ? outer.boundingRect()
                                                           : district.bounds.united(outer.boundingRect());
                district.rings.push_back(std::move(outer));
            }
        }
        if (district.adcode.isEmpty() || district.rings.empty())
            continue;
        district.seat = district.bounds.center();
        layer.m_bounds = layer.m_bounds.isNull() ? district.bounds : layer.m_bounds.united(district.bounds);
        layer.m_districts.push_back(std::move(district));
    }
    if (layer.m_districts.empty()) {
        if (error->isEmpty())
            *error = QStringLiteral("%1: no district polygons").arg(boundaryPath);
        return layer;
    }
    if (!seatPath.isEmpty()) {
        for (const QJsonValue& value : readFeatures(seatPath, error)) {
            const QJsonObject feature = value.toObject();
            const QJsonArray point
                = feature.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
            for (District& district : layer.m_districts) {
                if (district.adcode == adcodeOf(feature.value(QLatin1String("properties")).toObject())
                    && point.size() >= 2)
                    district.seat = QPointF(point[0].toDouble(), point[1].toDouble());
            }
        }
    }
    return layer;
}

const DistrictLayer& DistrictLayer::xianyang()
{
    static const DistrictLayer layer = [] {
        QString error;
        DistrictLayer loaded = load(QStringLiteral(":/geo/xianyang-districts.wgs84.geojson"),
            QStringLiteral(":/geo/xianyang-district-seats.wgs84.geojson"), &error);
        Q_ASSERT_X(!loaded.isEmpty(), "DistrictLayer::xianyang", qPrintable(error));
        return loaded;
    }();
    return layer;
}

const District* DistrictLayer::find(const QString& adcode) const
{
    for (const District& district : m_districts) {
        if (district.adcode == adcode)
            return &district;
    }
    return nullptr;
}

const District* DistrictLayer::locate(const QPointF& lonLat) const
{
    for (const District& district : m_districts) {
        if (district.contains(lonLat))
            return &district;
    }
    return nullptr;
}

} // namespace citybrain
