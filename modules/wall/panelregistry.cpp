#include "panelregistry.h"

#include <QCoreApplication>

#include <algorithm>

namespace citybrain {

namespace {

using Type = PanelSetting::Type;

// The QML property a file key sets: "follow_focus" -> "followFocus".
QString camelCase(const char* key)
{
    QString property;
    bool upper = false;
    for (const char* c = key; *c; ++c) {
        if (*c == '_') {
            upper = true;
            continue;
        }
        property.append(upper ? QChar::fromLatin1(*c).toUpper() : QChar::fromLatin1(*c));
        upper = false;
    }
    return property;
}

PanelSetting setting(const char* key, Type type, double min, double max, QVariant defaultValue, const char* help)
{
    PanelSetting s;
    s.key = QString::fromLatin1(key);
    s.property = camelCase(key);
    s.type = type;
    s.min = min;
    s.max = max;
    s.defaultValue = std::move(defaultValue);
    s.help = help;
    return s;
}

PanelSetting required(PanelSetting s)
{
    s.required = true;
    s.defaultValue = QVariant();
    return s;
}

PanelSetting withChoices(PanelSetting s, QStringList choices)
{
    s.choices = std::move(choices);
    return s;
}

PanelSetting withFields(PanelSetting s, std::vector<PanelSetting> fields)
{
    s.fields = std::move(fields);
    return s;
}

PanelKind kind(const char* id, const char* titleSource, const char* qmlFile, int minColumns, int minRows,
    std::vector<PanelSetting> settings = {})
{
    PanelKind k;
    k.id = QString::fromLatin1(id);
    k.titleSource = titleSource;
    k.qmlFile = QString::fromLatin1(qmlFile);
    k.minColumns = minColumns;
    k.minRows = minRows;
    k.settings = std::move(settings);
    return k;
}

constexpr double anyNumber = 1e9; // threshold values: any value an indicator can take, but finite

std::vector<PanelKind> buildKinds()
{
    std::vector<PanelKind> kinds;
    kinds.push_back(kind("kpi", QT_TRANSLATE_NOOP("PanelRegistry", "City indicators"), "KpiPanel.qml", 4, 3,
        { setting("indicators", Type::StringList, 0, 24, QStringList(),
              "Indicator ids shown, in this order (\"air.aqi\"); empty: every indicator in the preferred order"),
            setting("columns", Type::Integer, 1, 6, 2, "Tiles side by side") }));
    kinds.push_back(kind("chart", QT_TRANSLATE_NOOP("PanelRegistry", "Trend"), "TrendPanel.qml", 6, 3,
        { required(setting("indicators", Type::StringList, 1, 4, QVariant(),
              "Indicator ids plotted (\"air.aqi\", \"traffic.congestion\")")),
            setting("hours", Type::Number, 0.1, 168, 1.0, "The time window shown, in hours"),
            withFields(setting("thresholds", Type::ObjectList, 0, 6, QVariantList(),
                           "Reference lines drawn across the chart: {\"value\": 100, \"label\": \"AQI 100\"}"),
                { required(setting("value", Type::Number, -anyNumber, anyNumber, QVariant(),
                      "Where the line is, in the unit of the first indicator")),
                    setting("label", Type::String, 0, 32, QString(), "Text beside the line") }) }));
    kinds.push_back(kind("district_ranking", QT_TRANSLATE_NOOP("PanelRegistry", "District ranking"),
        "DistrictRankingPanel.qml", 4, 3,
        { withChoices(setting("metric", Type::String, 0, 0, QStringLiteral("aqi"), "What the districts are ranked by"),
              { QStringLiteral("aqi"), QStringLiteral("pm25"), QStringLiteral("congestion"), QStringLiteral("noise"),
                  QStringLiteral("incidents_open"), QStringLiteral("alarms") }),
            setting("count", Type::Integer, 3, 20, 7, "How many districts are listed") }));
    kinds.push_back(kind("plan_targets", QT_TRANSLATE_NOOP("PanelRegistry", "Digital government targets 2025"),
        "PlanTargetsPanel.qml", 4, 3,
        { setting("indicators", Type::StringList, 1, 12,
            QStringList { QStringLiteral("plan.5g_stations"), QStringLiteral("plan.mobile_services"),
                QStringLiteral("plan.online_services_rate"), QStringLiteral("plan.mobile_office_rate"),
                QStringLiteral("plan.cloud_systems_rate"), QStringLiteral("plan.data_catalogued_rate") },
            "Plan indicator ids shown against their 2025 targets, in this order") }));
    kinds.push_back(kind("incident_summary", QT_TRANSLATE_NOOP("PanelRegistry", "Incidents by state and priority"),
        "IncidentSummaryPanel.qml", 4, 2));
    kinds.push_back(kind("incidents", QT_TRANSLATE_NOOP("PanelRegistry", "Incidents"), "IncidentPanel.qml", 4, 4));
    kinds.push_back(kind("alarms", QT_TRANSLATE_NOOP("PanelRegistry", "Monitoring alarms"), "AlarmPanel.qml", 4, 3));
    kinds.push_back(
        kind("alarm_ticker", QT_TRANSLATE_NOOP("PanelRegistry", "Alarm ticker"), "AlarmTickerPanel.qml", 6, 2));
    kinds.push_back(kind("map", QT_TRANSLATE_NOOP("PanelRegistry", "City map"), "MapPanel.qml", 6, 4,
        { setting("layers", Type::StringList, 0, 16, QStringList(),
              "Layer ids shown (\"districts\", \"incidents\", \"heat\", \"cameras\"); empty: every layer"),
            setting("follow_focus", Type::Bool, 0, 0, true, "Fly to the incident in focus and follow it") }));
    kinds.push_back(kind("cameras", QT_TRANSLATE_NOOP("PanelRegistry", "Video surveillance"), "CameraWallPanel.qml", 4,
        3,
        { withFields(required(setting("cameras", Type::ObjectList, 1, 64, QVariant(),
                         "The video tiles, in order: {\"name\": ..., \"uri\": ..., \"district\": ...}")),
              { required(setting("name", Type::String, 1, 64, QVariant(), "Shown on the tile")),
                  required(setting("uri", Type::String, 1, 512, QVariant(), "The stream (rtsp://, http://, file://)")),
                  setting("district", Type::String, 0, 64, QString(), "The district the camera is in") }),
            setting("columns", Type::Integer, 1, 8, 3, "Tiles side by side") }));
    kinds.push_back(kind("health", QT_TRANSLATE_NOOP("PanelRegistry", "System health"), "HealthPanel.qml", 4, 3));
    kinds.push_back(kind("clock", QT_TRANSLATE_NOOP("PanelRegistry", "Beijing time"), "ClockPanel.qml", 3, 2,
        { setting("show_date", Type::Bool, 0, 0, true, "Show the date under the time"),
            setting("show_seconds", Type::Bool, 0, 0, true, "Show the seconds") }));
    kinds.push_back(kind("focus_card", QT_TRANSLATE_NOOP("PanelRegistry", "Incident in focus"), "FocusCard.qml", 6, 2));
    kinds.push_back(
        kind("focus_nearby", QT_TRANSLATE_NOOP("PanelRegistry", "Near the incident"), "FocusNearbyPanel.qml", 4, 3,
            { setting("radius_km", Type::Number, 0.2, 20, 2.0,
                "How far around the incident cameras and sensors are listed, in km") }));
    kinds.push_back(
        kind("checklist", QT_TRANSLATE_NOOP("PanelRegistry", "Response checklist"), "ChecklistPanel.qml", 4, 3));
    return kinds;
}

int scaled(int minimum, int gridCells, int referenceCells)
{
    return std::max(1, (minimum * std::max(1, gridCells) + referenceCells - 1) / referenceCells);
}

} // namespace

QString PanelKind::title() const
{
    return QCoreApplication::translate("PanelRegistry", titleSource);
}

int PanelKind::minimumColumns(int gridColumns) const
{
    return scaled(minColumns, gridColumns, PanelRegistry::referenceColumns);
}

int PanelKind::minimumRows(int gridRows) const
{
    return scaled(minRows, gridRows, PanelRegistry::referenceRows);
}

const PanelSetting* PanelKind::setting(const QString& key) const
{
    const auto it = std::find_if(settings.begin(), settings.end(), [&](const PanelSetting& s) { return s.key == key; });
    return it == settings.end() ? nullptr : &*it;
}

QVariantMap PanelKind::defaultSettings() const
{
    QVariantMap values;
    for (const PanelSetting& s : settings) {
        if (s.defaultValue.isValid())
            values.insert(s.property, s.defaultValue);
    }
    return values;
}

const std::vector<PanelKind>& PanelRegistry::kinds()
{
    static const std::vector<PanelKind> table = buildKinds();
    return table;
}

const PanelKind* PanelRegistry::find(const QString& id)
{
    const auto& table = kinds();
    const auto it = std::find_if(table.begin(), table.end(), [&](const PanelKind& k) { return k.id == id; });
    return it == table.end() ? nullptr : &*it;
}

QStringList PanelRegistry::ids()
{
    QStringList ids;
    for (const PanelKind& k : kinds())
        ids.append(k.id);
    return ids;
}

} // namespace citybrain
