#include "districtlayer.h"

#include "logging.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace citybrain {

namespace {

QString adcodeOf(const QJsonObject& properties)
{
    const QJsonValue code = properties.value(QLatin1String("adcode"));
    if (code.isDouble()) {
        // Converting a number beyond qint64 (1e19) is undefined: such a value is no adcode at all.
        const double number = code.toDouble();
        if (!(std::abs(number) < 1e18))
            return {};
        return QString::number(static_cast<qint64>(number));
    }
    return code.toString();
}

bool readPosition(const QJsonValue& position, QPointF* lonLat)
{
    const QJsonArray pair = position.toArray();
    if (pair.size() < 2 || !pair.at(0).isDouble() || !pair.at(1).isDouble())
        return false;
    const double lon = pair.at(0).toDouble();
    const double lat = pair.at(1).toDouble();
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
        return false;
    *lonLat = QPointF(lon, lat);
    return true;
}

bool readRing(const QJsonArray& coordinates, QPolygonF* ring)
{
    ring->reserve(coordinates.size());
    for (const QJsonValue& position : coordinates) {
        QPointF lonLat;
        if (!readPosition(position, &lonLat))
            return false;
        ring->append(lonLat);
    }
    return ring->size() >= 4;
}

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

QJsonArray readFeatures(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(
            error, QStringLiteral("%1: %2 at offset %3").arg(path, parseError.errorString()).arg(parseError.offset));
        return {};
    }
    if (doc.object().value(QLatin1String("type")).toString() != QLatin1String("FeatureCollection")) {
        setError(error, QStringLiteral("%1: not a GeoJSON FeatureCollection").arg(path));
        return {};
    }
    return doc.object().value(QLatin1String("features")).toArray();
}

// Reads one boundary feature; false (with the reason) when it must be skipped.
bool readDistrict(const QJsonObject& feature, District* district, QString* reason)
{
    const QJsonObject properties = feature.value(QLatin1String("properties")).toObject();
    const QJsonObject geometry = feature.value(QLatin1String("geometry")).toObject();
    const QString type = geometry.value(QLatin1String("type")).toString();
    QJsonArray polygons = geometry.value(QLatin1String("coordinates")).toArray();
    if (type == QLatin1String("Polygon")) {
        polygons = QJsonArray { polygons };
    } else if (type != QLatin1String("MultiPolygon")) {
        *reason = QStringLiteral("geometry type '%1' is not a (Multi)Polygon").arg(type);
        return false;
    }
    district->adcode = adcodeOf(properties);
    district->name = properties.value(QLatin1String("name")).toString();
    if (district->adcode.isEmpty()) {
        *reason = QStringLiteral("no adcode");
        return false;
    }
    for (const QJsonValue& polygon : polygons) {
        QPolygonF outer; // holes do not matter at district scale
        if (!readRing(polygon.toArray().at(0).toArray(), &outer)) {
            *reason = QStringLiteral("invalid ring (bad coordinate or fewer than 4 positions)");
            return false;
        }
        district->bounds
            = district->bounds.isNull() ? outer.boundingRect() : district->bounds.united(outer.boundingRect());
        district->rings.push_back(std::move(outer));
    }
    if (district->rings.empty()) {
        *reason = QStringLiteral("no polygon");
        return false;
    }
    district->seat = district->bounds.center();
    return true;
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
    setError(error, QString());
    DistrictLayer layer;
    QString readError;
    const QJsonArray features = readFeatures(boundaryPath, &readError);
    for (qsizetype i = 0; i < features.size(); ++i) {
        District district;
        QString reason;
        if (!readDistrict(features.at(i).toObject(), &district, &reason)) {
            qCWarning(lcGis).noquote() << boundaryPath << "feature" << i << "skipped:" << reason;
            continue;
        }
        layer.m_bounds = layer.m_bounds.isNull() ? district.bounds : layer.m_bounds.united(district.bounds);
        layer.m_districts.push_back(std::move(district));
    }
    if (layer.m_districts.empty()) {
        setError(error,
            readError.isEmpty() ? QStringLiteral("%1: no valid district polygons").arg(boundaryPath) : readError);
        layer.m_bounds = QRectF();
        return layer;
    }
    if (seatPath.isEmpty())
        return layer;

    QHash<QString, District*> byAdcode;
    for (District& district : layer.m_districts)
        byAdcode.insert(district.adcode, &district);
    const QJsonArray seats = readFeatures(seatPath, &readError);
    if (!readError.isEmpty())
        setError(error, readError);
    for (const QJsonValue& value : seats) {
        const QJsonObject feature = value.toObject();
        District* district = byAdcode.value(adcodeOf(feature.value(QLatin1String("properties")).toObject()));
        QPointF seat;
        if (district
            && readPosition(
                feature.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")), &seat))
            district->seat = seat;
    }
    return layer;
}

const DistrictLayer& DistrictLayer::xianyang()
{
    static const DistrictLayer layer = [] {
        QString error;
        DistrictLayer loaded = load(QStringLiteral(":/geo/xianyang-districts.wgs84.geojson"),
            QStringLiteral(":/geo/xianyang-district-seats.wgs84.geojson"), &error);
        if (!error.isEmpty())
            qCCritical(lcGis).noquote() << "shipped district layer:" << error;
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
