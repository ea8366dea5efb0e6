#pragma once

#include "qmlsingleton.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace citybrain {

class IncidentModel;
class MapLayers;

// The incidents on the map, kept in step with the incident queue (IncidentModel, once per batch on its
// casesChanged) in two MapLayers layers:
//   "incidents"  the open incidents (not resolved, closed, merged or cancelled, and not closed by their
//                source): category = severity (0 minor .. 3 critical), pulsing while unacknowledged
//                (lifecycle state new). An incident that leaves the open set leaves the map.
//   "heat"       every incident, open or not, first reported within the last heatWindowHours (default 24),
//                category = severity as the weight of its contribution. Pruned once a minute as
//                incidents age out, besides every sync.
// Incidents without a place (lon and lat both 0) are left off. GUI thread.
class IncidentMarkers : public QObject, public QmlSingleton<IncidentMarkers>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(double heatWindowHours READ heatWindowHours WRITE setHeatWindowHours NOTIFY heatWindowHoursChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY changed)
    // Open incidents not acknowledged yet: their markers pulse.
    Q_PROPERTY(int pulsingCount READ pulsingCount NOTIFY changed)
    Q_PROPERTY(int heatCount READ heatCount NOTIFY changed)
public:
    static constexpr const char* incidentsLayerId = "incidents";
    static constexpr const char* heatLayerId = "heat";
    static constexpr int pruneIntervalMs = 60 * 1000;

    // No default arguments: Qt 6.4 would then create its own, empty instance for QML.
    IncidentMarkers(const IncidentModel* incidents, QObject* parent);

    // Where the markers go (may be null: nothing drawn). Syncs at once.
    void setMapLayers(MapLayers* layers);
    [[nodiscard]] double heatWindowHours() const { return m_heatWindowHours; }
    void setHeatWindowHours(double hours); // > 0; syncs at once
    // The time the heat window ends at; default the wall clock (tests set their own).
    void setClock(std::function<qint64()> clock);

    // Brings both layers in line with the incident model at nowMs.
    void sync(qint64 nowMs);
    // The minute timer: incidents age out of the heat window with time, not only with batches. A sync.
    void prune(qint64 nowMs);

    // The hover card: {id, title, kind, severity (0..3), severityName, priority (1..4), state (lifecycle
    // name), open, acknowledged, district, districtName, lon, lat, reportedMs, ageMs (now)}; empty when
    // unknown.
    Q_INVOKABLE [[nodiscard]] QVariantMap incident(const QString& id) const;

    [[nodiscard]] int openCount() const { return m_openCount; }
    [[nodiscard]] int pulsingCount() const { return m_pulsingCount; }
    [[nodiscard]] int heatCount() const { return m_heatCount; }

Q_SIGNALS:
    void heatWindowHoursChanged();
    // The markers changed (at most once per sync or prune).
    void changed();

private:
    [[nodiscard]] qint64 now() const;
    [[nodiscard]] qint64 heatWindowMs() const;

    const IncidentModel* m_incidents = nullptr;
    QPointer<MapLayers> m_layers;
    std::function<qint64()> m_clock;
    QTimer m_pruneTimer;
    double m_heatWindowHours = 24;
    int m_openCount = 0;
    int m_pulsingCount = 0;
    int m_heatCount = 0;
};

} // namespace citybrain
