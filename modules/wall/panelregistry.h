#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <vector>

namespace citybrain {

// One setting a panel accepts in a layout file ("settings": {...}), validated by parseWallLayout().
struct PanelSetting
{
    enum class Type {
        String,
        Number, // any finite double within [min, max]
        Integer, // a whole number within [min, max]
        Bool,
        StringList, // an array of strings (each non-empty, at most 64 characters)
        ObjectList, // an array of objects, each validated against `fields` (no nesting below that)
    };
    QString key; // as written in the file: snake_case ("dwell_seconds", "follow_focus")
    QString property; // the panel's QML property it sets: camelCase ("followFocus")
    Type type = Type::String;
    bool required = false;
    QVariant defaultValue; // used when absent and not required; invalid: the panel's own default
    double min = 0; // Number, Integer: range; StringList, ObjectList: item count range; String: length
    double max = 0;
    QStringList choices; // String, StringList items: one of these (empty: any)
    std::vector<PanelSetting> fields; // ObjectList: the members of each object
    const char* help = ""; // one line for docs/layouts.md and error messages
};

// A kind of panel the wall can show: its id in layout files, its QML component and what it needs.
struct PanelKind
{
    QString id; // "kpi", "chart", "map", ...: [a-z_]
    const char* titleSource = ""; // English source of the default title, translated in context "PanelRegistry"
    QString qmlFile; // in the CityBrain.Panels module: "KpiPanel.qml"
    // The smallest span that shows the panel legibly, in cells of the reference 24 x 12 grid; on a finer
    // grid it scales (minimumColumns(columns) = ceil(minColumns * columns / 24)).
    int minColumns = 1;
    int minRows = 1;
    std::vector<PanelSetting> settings;

    [[nodiscard]] QString title() const; // translated
    [[nodiscard]] int minimumColumns(int gridColumns) const;
    [[nodiscard]] int minimumRows(int gridRows) const;
    [[nodiscard]] const PanelSetting* setting(const QString& key) const;
    // The settings that have a default, by QML property: what a panel placed without settings gets.
    [[nodiscard]] QVariantMap defaultSettings() const;
};

// Every panel kind the wall ships, in one table (panelregistry.cpp). Read-only after start.
class PanelRegistry
{
public:
    static constexpr int referenceColumns = 24;
    static constexpr int referenceRows = 12;

    [[nodiscard]] static const std::vector<PanelKind>& kinds();
    [[nodiscard]] static const PanelKind* find(const QString& id);
    [[nodiscard]] static QStringList ids();
};

} // namespace citybrain
