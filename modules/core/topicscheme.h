#pragma once

#include <QString>

namespace citybrain {

// The versioned topic tree of docs/topics.md under a configurable prefix (default "xy/v1").
class TopicScheme
{
public:
    enum class Feed {
        Unknown,
        Telemetry,
        Indicator,
        IncidentEvent,
        IncidentAction,
        WallControl,
        Status,
        Ngsi,
        Cap,
        Annotation,
        Gis // a map layer: <prefix>/gis/<layer-id> (docs/topics.md, "GIS layers")
    };

    struct Route
    {
        Feed feed = Feed::Unknown;
        QString domain; // telemetry: the domain; ngsi: the entity type
        QString district; // telemetry only
        QString id; // sensor, indicator, incident, wall or client id; ngsi entity id; cap sender; gis layer id
    };

    explicit TopicScheme(QString prefix = QStringLiteral("xy/v1"));

    [[nodiscard]] const QString& prefix() const { return m_prefix; }
    [[nodiscard]] Route route(const QString& topic) const;

    [[nodiscard]] QString telemetry(const QString& domain, const QString& district, const QString& sensorId) const;
    [[nodiscard]] QString indicator(const QString& id) const;
    [[nodiscard]] QString incidentEvent(const QString& id) const;
    [[nodiscard]] QString incidentAction(const QString& id) const;
    [[nodiscard]] QString wallControl(const QString& wallId) const;
    [[nodiscard]] QString status(const QString& clientId) const;
    [[nodiscard]] QString ngsi(const QString& type, const QString& entityId) const;
    [[nodiscard]] QString cap(const QString& sender) const;
    [[nodiscard]] QString annotation(const QString& id) const;
    [[nodiscard]] QString gis(const QString& layerId) const;
    // Subscription filters covering every feed a console consumes.
    [[nodiscard]] QString allFeeds() const { return m_prefix + QStringLiteral("/#"); }

    [[nodiscard]] static bool isValidId(QStringView id);
    // NGSI-LD entity ids are URNs and CAP senders are often e-mail addresses: ':' and '@' allowed.
    [[nodiscard]] static bool isValidExternalId(QStringView id);
    [[nodiscard]] static bool isKnownNgsiType(QStringView type);
    [[nodiscard]] static bool isAdcode(QStringView code);
    [[nodiscard]] static bool isKnownDomain(QStringView domain);

private:
    QString m_prefix;
};

} // namespace citybrain
