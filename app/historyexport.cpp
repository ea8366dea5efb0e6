#include "historyexport.h"

#include "appoptions.h"
#include "citysnapshot.h"
#include "historyreader.h"
#include "incidentbook.h"
#include "incidentsla.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace citybrain {

namespace {

void writeLine(const QJsonObject& object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, 8 * 3600).toString(Qt::ISODateWithMs);
}

// Journal texts are JSON documents; embed them as JSON, not as escaped strings.
QJsonValue embedded(const QString& text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(text);
}

// Every incident's case at `atMs`: the fold of its latest event then and the actions journalled by then,
// the same fold every console shows.
bool exportCases(HistoryReader& reader, qint64 atMs)
{
    const std::vector<IncidentEvent> incidents = reader.incidentStatesAt(atMs);
    IncidentBook book;
    for (const IncidentEvent& incident : incidents)
        book.applyEvent(incident);
    for (const IncidentAction& action : readIncidentActionsAt(reader, incidents, atMs))
        book.applyAction(action);
    const SlaPolicy policy;
    for (const IncidentEvent& incident : incidents) {
        const IncidentCase* found = book.find(incident.id);
        if (!found)
            continue;
        const IncidentCase& c = *found;
        QJsonArray applied;
        QJsonArray lost;
        for (const TimelineEntry& line : c.timeline)
            (line.applied ? applied : lost).append(line.action.actionId);
        QJsonArray units;
        for (const UnitAssignment& unit : c.units) {
            units.append(QJsonObject { { QStringLiteral("type"), unitTypeName(unit.type) },
                { QStringLiteral("id"), unit.unitId }, { QStringLiteral("status"), unit.status } });
        }
        const SlaClock sla = slaClock(c, policy, atMs);
        writeLine({ { QStringLiteral("incident"), incident.id }, { QStringLiteral("title"), c.latest.title },
            { QStringLiteral("kind"), c.kind }, { QStringLiteral("district"), c.latest.district },
            { QStringLiteral("reported"), isoTime(c.reportedMs) },
            { QStringLiteral("state"), incidentStateName(c.state) }, { QStringLiteral("version"), c.version },
            { QStringLiteral("priority"), c.priority }, { QStringLiteral("priority_overridden"), c.priorityOverridden },
            { QStringLiteral("acknowledged_by"), c.acknowledgedBy }, { QStringLiteral("units"), units },
            { QStringLiteral("sla_breaches"), sla.breaches }, { QStringLiteral("applied"), applied },
            { QStringLiteral("lost"), lost } });
    }
    return reader.lastError().isEmpty();
}

} // namespace

int exportHistory(const AppOptions& options, const QString& dbPath)
{
    if (!QFileInfo(dbPath).isFile()) {
        std::fprintf(stderr, "citybrain: --export: no database at %s\n", qPrintable(dbPath));
        return 1;
    }
    HistoryReader reader(dbPath);
    QString error;
    if (!reader.open(&error)) {
        std::fprintf(stderr, "citybrain: --export: %s\n", qPrintable(error));
        return 1;
    }
    bool ok = false;
    if (options.exportWhat == QLatin1String("cases")) {
        ok = exportCases(reader, options.exportToMs);
    } else if (options.exportWhat == QLatin1String("incidents")) {
        ok = reader.forEachIncidentEvent(options.exportFromMs, options.exportToMs, [](const JournalEntry& entry) {
            writeLine({ { QStringLiteral("journal_id"), entry.id }, { QStringLiteral("incident"), entry.incidentId },
                { QStringLiteral("entry"), entry.kind }, { QStringLiteral("actor"), entry.actor },
                { QStringLiteral("role"), entry.role }, { QStringLiteral("console"), entry.console },
                { QStringLiteral("ts"), entry.tsMs }, { QStringLiteral("time"), isoTime(entry.tsMs) },
                { QStringLiteral("recorded"), entry.recordedMs },
                { QStringLiteral("payload"), embedded(entry.payload) },
                { QStringLiteral("before"), embedded(entry.before) },
                { QStringLiteral("after"), embedded(entry.after) } });
            return true;
        });
    } else {
        ok = reader.forEachTelemetry(options.exportFromMs, options.exportToMs, [](const TelemetryPoint& point) {
            writeLine({ { QStringLiteral("sensor"), point.sensor }, { QStringLiteral("metric"), point.metric },
                { QStringLiteral("ts"), point.tsMs }, { QStringLiteral("time"), isoTime(point.tsMs) },
                { QStringLiteral("value"), point.value } });
            return true;
        });
    }
    std::fflush(stdout);
    if (!ok) {
        std::fprintf(stderr, "citybrain: --export: reading %s failed\n", qPrintable(dbPath));
        return 1;
    }
    return 0;
}

} // namespace citybrain
