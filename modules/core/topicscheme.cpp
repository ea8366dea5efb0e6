#include "topicscheme.h"

#include <QStringList>

#include <algorithm>

namespace citybrain {

TopicScheme::TopicScheme(QString prefix)
    : m_prefix(std::move(prefix))
{ }

bool TopicScheme::isValidId(QStringView id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool TopicScheme::isValidExternalId(QStringView id)
{
    if (id.isEmpty() || id.size() > 256)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-' || c == u':' || c == u'@';
    });
}

bool TopicScheme::isKnownNgsiType(QStringView type)
{
    static const QStringList types = { QStringLiteral("AirQualityObserved"), QStringLiteral("TrafficFlowObserved"),
        QStringLiteral("NoiseLevelObserved"), QStringLiteral("WaterQualityObserved"), QStringLiteral("Alert") };
    return types.contains(type);
}

bool TopicScheme::isAdcode(QStringView code)
{
    return code.size() == 6 && std::all_of(code.begin(), code.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool TopicScheme::isKnownDomain(QStringView domain)
{
    static const QStringList domains = { QStringLiteral("air"), QStringLiteral("traffic"), QStringLiteral("water"),
        QStringLiteral("noise"), QStringLiteral("energy") };
    return domains.contains(domain);
}

TopicScheme::Route TopicScheme::route(const QString& topic) const
{
    Route route;
    if (!topic.startsWith(m_prefix) || topic.size() <= m_prefix.size() || topic.at(m_prefix.size()) != u'/')
        return route;
    // Views, not copies: this runs for every message.
    const QList<QStringView> parts = QStringView(topic).mid(m_prefix.size() + 1).split(u'/');
    const QStringView head = parts.first();
    if (head == QLatin1String("telemetry") && parts.size() == 4 && isKnownDomain(parts[1]) && isAdcode(parts[2])
        && isValidId(parts[3])) {
        route = { Feed::Telemetry, parts[1].toString(), parts[2].toString(), parts[3].toString() };
    } else if (head == QLatin1String("indicator") && parts.size() == 2 && isValidId(parts[1])) {
        route = { Feed::Indicator, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("incident") && parts.size() == 3 && isValidId(parts[1])) {
        if (parts[2] == QLatin1String("event"))
            route = { Feed::IncidentEvent, {}, {}, parts[1].toString() };
        else if (parts[2] == QLatin1String("action"))
            route = { Feed::IncidentAction, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("wall") && parts.size() == 3 && parts[2] == QLatin1String("control")
        && isValidId(parts[1])) {
        route = { Feed::WallControl, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("status") && parts.size() == 2 && isValidId(parts[1])) {
        route = { Feed::Status, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("ngsi") && parts.size() == 3 && isKnownNgsiType(parts[1])
        && isValidExternalId(parts[2])) {
        route = { Feed::Ngsi, parts[1].toString(), {}, parts[2].toString() };
    } else if (head == QLatin1String("annotation") && parts.size() == 2 && isValidId(parts[1])) {
        route = { Feed::Annotation, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("cap") && parts.size() == 2 && isValidExternalId(parts[1])) {
        route = { Feed::Cap, {}, {}, parts[1].toString() };
    } else if (head == QLatin1String("gis") && parts.size() == 2 && isValidId(parts[1])) {
        route = { Feed::Gis, {}, {}, parts[1].toString() };
    }
    return route;
}

QString TopicScheme::telemetry(const QString& domain, const QString& district, const QString& sensorId) const
{
    return m_prefix + QStringLiteral("/telemetry/") + domain + u'/' + district + u'/' + sensorId;
}

QString TopicScheme::indicator(const QString& id) const
{
    return m_prefix + QStringLiteral("/indicator/") + id;
}

QString TopicScheme::incidentEvent(const QString& id) const
{
    return m_prefix + QStringLiteral("/incident/") + id + QStringLiteral("/event");
}

QString TopicScheme::incidentAction(const QString& id) const
{
    return m_prefix + QStringLiteral("/incident/") + id + QStringLiteral("/action");
}

QString TopicScheme::wallControl(const QString& wallId) const
{
    return m_prefix + QStringLiteral("/wall/") + wallId + QStringLiteral("/control");
}

QString TopicScheme::ngsi(const QString& type, const QString& entityId) const
{
    return m_prefix + QStringLiteral("/ngsi/") + type + u'/' + entityId;
}

QString TopicScheme::annotation(const QString& id) const
{
    return m_prefix + QStringLiteral("/annotation/") + id;
}

QString TopicScheme::gis(const QString& layerId) const
{
    return m_prefix + QStringLiteral("/gis/") + layerId;
}

QString TopicScheme::cap(const QString& sender) const
{
    return m_prefix + QStringLiteral("/cap/") + sender;
}

QString TopicScheme::status(const QString& clientId) const
{
    return m_prefix + QStringLiteral("/status/") + clientId;
}

} // namespace citybrain
