#include "coordinates.h"

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

// The published GCJ-02 forward offset (the "Mars coordinates" formula circulated since ~2008): a
// Krasovsky-1940 ellipsoid scales two trigonometric polynomials in (lon - 105, lat - 35) to degrees.
constexpr double krasovskyA = 6378245.0;
constexpr double krasovskyEe = 0.00669342162296594323;
constexpr double pi = 3.14159265358979323846;

constexpr double chinaMinLon = 72.004;
constexpr double chinaMaxLon = 137.8347;
constexpr double chinaMinLat = 0.8293;
constexpr double chinaMaxLat = 55.8271;

constexpr double inverseTolerance = 1e-9; // degrees, about 0.1 mm
constexpr int inverseMaxIterations = 30;

double sharedTerm(double x)
{
    return (20.0 * std::sin(6.0 * x * pi) + 20.0 * std::sin(2.0 * x * pi)) * 2.0 / 3.0;
}

double transformLat(double x, double y)
{
    double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    ret += sharedTerm(x);
    ret += (20.0 * std::sin(y * pi) + 40.0 * std::sin(y / 3.0 * pi)) * 2.0 / 3.0;
    ret += (160.0 * std::sin(y / 12.0 * pi) + 320.0 * std::sin(y * pi / 30.0)) * 2.0 / 3.0;
    return ret;
}

double transformLon(double x, double y)
{
    double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    ret += sharedTerm(x);
    ret += (20.0 * std::sin(x * pi) + 40.0 * std::sin(x / 3.0 * pi)) * 2.0 / 3.0;
    ret += (150.0 * std::sin(x / 12.0 * pi) + 300.0 * std::sin(x / 30.0 * pi)) * 2.0 / 3.0;
    return ret;
}

// The GCJ-02 minus WGS-84 offset (degrees) at a WGS-84 position inside the box.
QPointF gcj02Offset(double lon, double lat)
{
    const double radLat = lat / 180.0 * pi;
    const double sinLat = std::sin(radLat);
    const double magic = 1.0 - krasovskyEe * sinLat * sinLat;
    const double sqrtMagic = std::sqrt(magic);
    const double dLat = (transformLat(lon - 105.0, lat - 35.0) * 180.0)
        / ((krasovskyA * (1.0 - krasovskyEe)) / (magic * sqrtMagic) * pi);
    const double dLon
        = (transformLon(lon - 105.0, lat - 35.0) * 180.0) / (krasovskyA / sqrtMagic * std::cos(radLat) * pi);
    return { dLon, dLat };
}

} // namespace

std::optional<Datum> datumFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    if (trimmed.compare(u"wgs84", Qt::CaseInsensitive) == 0 || trimmed.compare(u"cgcs2000", Qt::CaseInsensitive) == 0)
        return Datum::Wgs84;
    if (trimmed.compare(u"gcj02", Qt::CaseInsensitive) == 0)
        return Datum::Gcj02;
    return std::nullopt;
}

QString datumName(Datum datum)
{
    switch (datum) {
    case Datum::Wgs84:
        return QStringLiteral("wgs84");
    case Datum::Gcj02:
        return QStringLiteral("gcj02");
    }
    return {};
}

bool gcj02Applies(const QPointF& lonLat)
{
    // Written so that NaN falls outside.
    return lonLat.x() >= chinaMinLon && lonLat.x() <= chinaMaxLon && lonLat.y() >= chinaMinLat
        && lonLat.y() <= chinaMaxLat;
}

QPointF wgs84ToGcj02(const QPointF& lonLat)
{
    if (!gcj02Applies(lonLat))
        return lonLat;
    return lonLat + gcj02Offset(lonLat.x(), lonLat.y());
}

QPointF gcj02ToWgs84(const QPointF& lonLat)
{
    if (!gcj02Applies(lonLat))
        return lonLat;
    // Solve forward(w) == g for w: w <- g - offset(w). The offset changes by ~1e-3 of any change in w,
    // so each step gains about three digits; 3-4 steps reach double precision.
    QPointF wgs = lonLat;
    for (int i = 0; i < inverseMaxIterations; ++i) {
        const QPointF next = lonLat - gcj02Offset(wgs.x(), wgs.y());
        const double change = std::max(std::fabs(next.x() - wgs.x()), std::fabs(next.y() - wgs.y()));
        wgs = next;
        if (change < inverseTolerance)
            break;
    }
    return wgs;
}

QPointF convertDatum(const QPointF& lonLat, Datum from, Datum to)
{
    if (from == to)
        return lonLat;
    return from == Datum::Wgs84 ? wgs84ToGcj02(lonLat) : gcj02ToWgs84(lonLat);
}

} // namespace citybrain
