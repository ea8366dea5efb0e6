#include "incidentmarkers.h"

#include <algorithm>

#include "districtlayer.h"
#include "incidentmodel.h"
#include "maplayers.h"

#include <QDateTime>
#include <QSet>

#include <cmath>

namespace citybrain {

namespace {

// Makes `markers` hold exactly `wanted`, touching only what differs (so views rebuild only on change).
// True if anything changed.
bool reconcile(MarkerSet& markers, const QHash<QString, MarkerState>& wanted)
{
    bool changed = false;
    QStringList gone;
    for (int i = 0; i < markers.size(); ++i) {
        if (!wanted.contains(markers.idAt(i)))
            gone.append(markers.idAt(i));
    }
    for (const QString& id : std::as_const(gone))
        changed = markers.remove(id) || changed;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        const int index = markers.indexOf(it.key());
        if (index >= 0) {
            const MarkerState& current = markers.stateAt(index);
            if (current.lonLat == it->lonLat && current.category == it->category && current.pulse == it->pulse)
                continue;
        }
        markers.upsert(it.key(), *it);
        changed = true;
    }
    return changed;
}

bool hasPlace(const IncidentEvent& event)
{
    return !(event.lon == 0 && event.lat == 0);
}

} // namespace

IncidentMarkers::IncidentMarkers(const IncidentModel* incidents, QObject* parent)
    : QObject(parent)
    , m_incidents(incidents)
{
    if (m_incidents)
        connect(m_incidents, &IncidentModel::casesChanged, this, [this] { sync(now()); });
    m_pruneTimer.setInterval(pruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { prune(now()); });
    m_pruneTimer.start();
}

qint64 IncidentMarkers::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 IncidentMarkers::heatWindowMs() const
{
    return static_cast<qint64>(m_heatWindowHours * 3600.0 * 1000.0);
}

void IncidentMarkers::setMapLayers(MapLayers* layers)
{
    m_layers = layers;
    sync(now());
}

void IncidentMarkers::setHeatWindowHours(double hours)
{
    if (!std::isfinite(hours) || hours <= 0 || hours == m_heatWindowHours)
        return;
    m_heatWindowHours = hours;
    Q_EMIT heatWindowHoursChanged();
    sync(now());
}

void IncidentMarkers::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

void IncidentMarkers::prune(qint64 nowMs)
{
    sync(nowMs);
}

void IncidentMarkers::sync(qint64 nowMs)
{
    QHash<QString, MarkerState> open;
    QHash<QString, MarkerState> heat;
    if (m_incidents) {
        const IncidentBook& book = m_incidents->book();
        const qint64 windowMs = heatWindowMs();
        for (const QString& id : book.ids()) {
            const IncidentCase* incident = book.find(id);
            if (!incident || !hasPlace(incident->latest))
                continue;
            const QPointF lonLat(incident->latest.lon, incident->latest.lat);
            // The map shows the priority a dispatcher works by (derived from severity, or overridden):
            // category 3 is P1, drawn with the shape and colour of the most severe grade.
            const auto urgency = static_cast<quint8>(std::clamp(4 - incident->priority, 0, 3));
            if (incident->isOpen())
                open.insert(id, MarkerState { lonLat, urgency, incident->state == IncidentState::New });
            if (nowMs - incident->reportedMs <= windowMs)
                heat.insert(id, MarkerState { lonLat, urgency, false });
        }
    }
    int pulsing = 0;
    for (const MarkerState& state : open)
        pulsing += state.pulse ? 1 : 0;
    const bool countsChanged = open.size() != m_openCount || heat.size() != m_heatCount || pulsing != m_pulsingCount;
    m_openCount = static_cast<int>(open.size());
    m_pulsingCount = pulsing;
    m_heatCount = static_cast<int>(heat.size());
    bool markersChanged = false;
    if (m_layers) {
        if (reconcile(m_layers->markers(QLatin1String(incidentsLayerId)), open)) {
            m_layers->touch(QLatin1String(incidentsLayerId));
            markersChanged = true;
        }
        if (reconcile(m_layers->markers(QLatin1String(heatLayerId)), heat)) {
            m_layers->touch(QLatin1String(heatLayerId));
            markersChanged = true;
        }
    }
    if (countsChanged || markersChanged)
        Q_EMIT changed();
}

QVariantMap IncidentMarkers::incident(const QString& id) const
{
    const IncidentCase* incident = m_incidents ? m_incidents->find(id) : nullptr;
    if (!incident)
        return {};
    const IncidentEvent& event = incident->latest;
    const District* district = DistrictLayer::xianyang().find(event.district);
    const qint64 at = now();
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("title"), event.title },
        { QStringLiteral("kind"), incident->kind },
        { QStringLiteral("severity"), static_cast<int>(event.severity) },
        { QStringLiteral("severityName"), severityName(event.severity) },
        { QStringLiteral("priority"), incident->priority },
        { QStringLiteral("state"), incidentStateName(incident->state) },
        { QStringLiteral("open"), incident->isOpen() },
        { QStringLiteral("acknowledged"), incident->acknowledgedMs > 0 },
        { QStringLiteral("district"), event.district },
        { QStringLiteral("districtName"), district ? district->name : event.district },
        { QStringLiteral("lon"), event.lon },
        { QStringLiteral("lat"), event.lat },
        { QStringLiteral("reportedMs"), static_cast<double>(incident->reportedMs) },
        { QStringLiteral("ageMs"), static_cast<double>(std::max<qint64>(0, at - incident->reportedMs)) },
    };
}

} // namespace citybrain
