#include "historytypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace citybrain {

QString historyTierName(HistoryTier tier)
{
    switch (tier) {
    case HistoryTier::Raw:
        return QStringLiteral("raw");
    case HistoryTier::Minute:
        return QStringLiteral("1-minute");
    case HistoryTier::Hour:
        return QStringLiteral("1-hour");
    }
    return QString();
}

void chunk::append(QByteArray& blob, qint64 t0, qint64 tsMs, double value)
{
    uchar bytes[pointBytes];
    write(bytes, t0, tsMs, value);
    blob.append(reinterpret_cast<const char*>(bytes), pointBytes);
}

void stage::append(QByteArray& blob, qint64 minute, qint64 series, qint64 tsMs, double value)
{
    uchar bytes[pointBytes];
    qToLittleEndian<qint32>(static_cast<qint32>(series), bytes);
    qToLittleEndian<qint32>(static_cast<qint32>(tsMs - minute), bytes + 4);
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    qToLittleEndian<quint64>(bits, bytes + 8);
    blob.append(reinterpret_cast<const char*>(bytes), pointBytes);
}

namespace {

QJsonArray pairArray(double a, double b)
{
    return QJsonArray { a, b };
}

} // namespace

QString incidentEventToJson(const IncidentEvent& event)
{
    QJsonObject object {
        { QStringLiteral("id"), event.id },
        { QStringLiteral("source"), event.source },
        { QStringLiteral("seq"), event.seq },
        { QStringLiteral("ts"), event.tsMs },
        { QStringLiteral("kind"), event.kind },
        { QStringLiteral("severity"), severityName(event.severity) },
        { QStringLiteral("status"), event.status },
        { QStringLiteral("title"), event.title },
        { QStringLiteral("description"), event.description },
        { QStringLiteral("district"), event.district },
        { QStringLiteral("lon"), event.lon },
        { QStringLiteral("lat"), event.lat },
    };
    if (event.cap) {
        const CapAlert& cap = *event.cap;
        QJsonArray polygons;
        for (const auto& ring : cap.polygons) {
            QJsonArray points;
            for (const auto& point : ring)
                points.append(pairArray(point.first, point.second));
            polygons.append(points);
        }
        QJsonArray circles;
        for (const auto& circle : cap.circles)
            circles.append(QJsonArray { circle.first.first, circle.first.second, circle.second });
        QJsonArray geocodes;
        for (const auto& code : cap.geocodes)
            geocodes.append(QJsonArray { code.first, code.second });
        object.insert(QStringLiteral("cap"),
            QJsonObject {
                { QStringLiteral("identifier"), cap.identifier },
                { QStringLiteral("sender"), cap.sender },
                { QStringLiteral("sent"), cap.sent },
                { QStringLiteral("msgType"), cap.msgType },
                { QStringLiteral("scope"), cap.scope },
                { QStringLiteral("event"), cap.event },
                { QStringLiteral("headline"), cap.headline },
                { QStringLiteral("language"), cap.language },
                { QStringLiteral("severity"), cap.severity },
                { QStringLiteral("urgency"), cap.urgency },
                { QStringLiteral("certainty"), cap.certainty },
                { QStringLiteral("areaDesc"), cap.areaDesc },
                { QStringLiteral("polygons"), polygons },
                { QStringLiteral("circles"), circles },
                { QStringLiteral("geocodes"), geocodes },
            });
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool incidentEventFromJson(const QString& json, IncidentEvent* event)
{
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isObject())
        return false;
    const QJsonObject o = document.object();
    event->id = o.value(QStringLiteral("id")).toString();
    event->source = o.value(QStringLiteral("source")).toString();
    event->seq = o.value(QStringLiteral("seq")).toInteger();
    event->tsMs = o.value(QStringLiteral("ts")).toInteger();
    event->kind = o.value(QStringLiteral("kind")).toString();
    if (!severityFromName(o.value(QStringLiteral("severity")).toString(), &event->severity))
        event->severity = Severity::Minor;
    event->status = o.value(QStringLiteral("status")).toString();
    event->title = o.value(QStringLiteral("title")).toString();
    event->description = o.value(QStringLiteral("description")).toString();
    event->district = o.value(QStringLiteral("district")).toString();
    event->lon = o.value(QStringLiteral("lon")).toDouble();
    event->lat = o.value(QStringLiteral("lat")).toDouble();
    event->cap.reset();
    const QJsonObject c = o.value(QStringLiteral("cap")).toObject();
    if (!c.isEmpty()) {
        CapAlert cap;
        cap.identifier = c.value(QStringLiteral("identifier")).toString();
        cap.sender = c.value(QStringLiteral("sender")).toString();
        cap.sent = c.value(QStringLiteral("sent")).toString();
        cap.msgType = c.value(QStringLiteral("msgType")).toString();
        cap.scope = c.value(QStringLiteral("scope")).toString();
        cap.event = c.value(QStringLiteral("event")).toString();
        cap.headline = c.value(QStringLiteral("headline")).toString();
        cap.language = c.value(QStringLiteral("language")).toString();
        cap.severity = c.value(QStringLiteral("severity")).toString();
        cap.urgency = c.value(QStringLiteral("urgency")).toString();
        cap.certainty = c.value(QStringLiteral("certainty")).toString();
        cap.areaDesc = c.value(QStringLiteral("areaDesc")).toString();
        for (const QJsonValue& ring : c.value(QStringLiteral("polygons")).toArray()) {
            std::vector<std::pair<double, double>> points;
            for (const QJsonValue& point : ring.toArray())
                points.emplace_back(point.toArray().at(0).toDouble(), point.toArray().at(1).toDouble());
            cap.polygons.push_back(std::move(points));
        }
        for (const QJsonValue& circle : c.value(QStringLiteral("circles")).toArray()) {
            const QJsonArray a = circle.toArray();
            cap.circles.push_back({ { a.at(0).toDouble(), a.at(1).toDouble() }, a.at(2).toDouble() });
        }
        for (const QJsonValue& code : c.value(QStringLiteral("geocodes")).toArray())
            cap.geocodes.emplace_back(code.toArray().at(0).toString(), code.toArray().at(1).toString());
        event->cap = std::move(cap);
    }
    return !event->id.isEmpty();
}

JournalEntry journalEntryFor(const IncidentEvent& event)
{
    JournalEntry entry;
    entry.incidentId = event.id;
    entry.kind = QStringLiteral("event");
    entry.actor = event.source;
    entry.role = QStringLiteral("source");
    entry.tsMs = event.tsMs;
    entry.payload = incidentEventToJson(event);
    return entry;
}

} // namespace citybrain
