#include "walllayout.h"

#include "jsonlines.h"
#include "panelregistry.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

namespace citybrain {

namespace {

using Type = PanelSetting::Type;

constexpr qint64 maxFileBytes = 1024 * 1024;
constexpr int maxPages = 64;
constexpr int maxPanels = 64;
constexpr int maxTitle = 64;
constexpr int maxCell = 9999; // beyond any grid: the grid check says what is wrong

const char* const focusTitleSource = QT_TRANSLATE_NOOP("WallLayout", "Incident in focus");

QString childPath(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString indexPath(const QString& path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 10);
}

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString quotedList(const QStringList& items)
{
    QStringList q;
    for (const QString& item : items)
        q.append(quoted(item));
    return q.join(QLatin1String(", "));
}

// A value as it was written, short enough for one line of an error message.
QString render(const QJsonValue& value)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::String:
        text = quoted(value.toString());
        break;
    case QJsonValue::Double:
        text = formatNumber(value.toDouble());
        break;
    case QJsonValue::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
                   .replace(QLatin1String(","), QLatin1String(", "));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        text = QStringLiteral("null");
        break;
    }
    return text.size() > 48 ? text.left(45) + QLatin1String("...") : text;
}

QString pair(int a, int b)
{
    return QStringLiteral("[%1, %2]").arg(a).arg(b);
}

// What a setting accepts, for "expected ..." messages and docs.
QString describe(const PanelSetting& s)
{
    switch (s.type) {
    case Type::String:
        if (!s.choices.isEmpty())
            return QStringLiteral("one of %1").arg(quotedList(s.choices));
        return s.min > 0
            ? QStringLiteral("a string of %1 to %2 characters").arg(formatNumber(s.min), formatNumber(s.max))
            : QStringLiteral("a string of at most %1 characters").arg(formatNumber(s.max));
    case Type::Number:
        return QStringLiteral("a number from %1 to %2").arg(formatNumber(s.min), formatNumber(s.max));
    case Type::Integer:
        return QStringLiteral("an integer from %1 to %2").arg(formatNumber(s.min), formatNumber(s.max));
    case Type::Bool:
        return QStringLiteral("true or false");
    case Type::StringList:
        return QStringLiteral("a list of %1 to %2 strings").arg(formatNumber(s.min), formatNumber(s.max));
    case Type::ObjectList:
        return QStringLiteral("a list of %1 to %2 objects").arg(formatNumber(s.min), formatNumber(s.max));
    }
    return QString();
}

bool isWhole(double v)
{
    return std::isfinite(v) && std::floor(v) == v;
}

PanelSetting schema(Type type, double min, double max)
{
    PanelSetting s;
    s.type = type;
    s.min = min;
    s.max = max;
    return s;
}

const QStringList& rootMembers()
{
    static const QStringList members = { QStringLiteral("version"), QStringLiteral("title"), QStringLiteral("grid"),
        QStringLiteral("pin"), QStringLiteral("pages"), QStringLiteral("focus") };
    return members;
}

// Checks one layout text; every problem becomes a message naming its line and field.
class LayoutParser
{
public:
    LayoutParser(const QByteArray& json, QStringList* errors)
        : m_json(json)
        , m_errors(errors)
    { }

    bool parse(WallLayout* out)
    {
        if (m_json.size() > maxFileBytes) {
            m_errors->append(
                QStringLiteral("the layout is %1 bytes, more than the 1 MiB a layout may have").arg(m_json.size()));
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m_json, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            m_errors->append(jsonSyntaxErrorMessage(m_json, parseError));
            return false;
        }
        m_lines = JsonLines(m_json);
        if (!doc.isObject()) {
            error(QString(), QStringLiteral("expected an object {\"version\": 1, \"pages\": [...]}"));
            return false;
        }
        WallLayout layout;
        parseRoot(doc.object(), &layout);
        if (m_failed)
            return false;
        *out = std::move(layout);
        return true;
    }

private:
    void error(const QString& path, const QString& message)
    {
        m_failed = true;
        const int line = std::max(1, m_lines.line(path));
        m_errors->append(path.isEmpty() ? QStringLiteral("line %1: %2").arg(line).arg(message)
                                        : QStringLiteral("line %1: %2: %3").arg(line).arg(path, message));
    }

    void expected(const QString& path, const QString& what, const QJsonValue& got)
    {
        error(path, QStringLiteral("expected %1, got %2").arg(what, render(got)));
    }

    // Unknown members are errors: a misspelt member must not be ignored silently.
    void checkMembers(const QJsonObject& object, const QString& path, const QStringList& known)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!known.contains(it.key()))
                error(childPath(path, it.key()),
                    QStringLiteral("unknown member (expected one of %1)").arg(known.join(QLatin1String(", "))));
        }
    }

    // A value checked against a schema (a panel setting, or one of the layout's own fields).
    std::optional<QVariant> value(const PanelSetting& s, const QJsonValue& v, const QString& path)
    {
        switch (s.type) {
        case Type::String: {
            const QString text = v.toString();
            const bool ok = v.isString()
                && (s.choices.isEmpty() ? text.size() >= s.min && text.size() <= s.max : s.choices.contains(text));
            if (!ok) {
                expected(path, describe(s), v);
                return std::nullopt;
            }
            return text;
        }
        case Type::Number: {
            const double d = v.toDouble();
            if (!v.isDouble() || !std::isfinite(d) || d < s.min || d > s.max) {
                expected(path, describe(s), v);
                return std::nullopt;
            }
            return d;
        }
        case Type::Integer: {
            const double d = v.toDouble();
            if (!v.isDouble() || !isWhole(d) || d < s.min || d > s.max) {
                expected(path, describe(s), v);
                return std::nullopt;
            }
            return static_cast<int>(d);
        }
        case Type::Bool:
            if (!v.isBool()) {
                expected(path, describe(s), v);
                return std::nullopt;
            }
            return v.toBool();
        case Type::StringList:
        case Type::ObjectList:
            return list(s, v, path);
        }
        return std::nullopt;
    }

    std::optional<QVariant> list(const PanelSetting& s, const QJsonValue& v, const QString& path)
    {
        const QJsonArray array = v.toArray();
        if (!v.isArray()) {
            expected(path, describe(s), v);
            return std::nullopt;
        }
        if (array.size() < s.min || array.size() > s.max) {
            error(path,
                QStringLiteral("expected %1, got %2")
                    .arg(describe(s),
                        array.isEmpty() ? QStringLiteral("an empty list")
                                        : QStringLiteral("%1 items").arg(array.size())));
            return std::nullopt;
        }
        bool ok = true;
        QStringList strings;
        QVariantList objects;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString itemPath = indexPath(path, i);
            const QJsonValue item = array.at(i);
            if (s.type == Type::StringList) {
                const QString text = item.toString();
                if (!item.isString() || text.isEmpty() || text.size() > maxTitle) {
                    expected(itemPath, QStringLiteral("a string of 1 to %1 characters").arg(maxTitle), item);
                    ok = false;
                } else if (!s.choices.isEmpty() && !s.choices.contains(text)) {
                    expected(itemPath, QStringLiteral("one of %1").arg(quotedList(s.choices)), item);
                    ok = false;
                } else {
                    strings.append(text);
                }
                continue;
            }
            std::optional<QVariantMap> object = fields(s.fields, item, itemPath);
            if (object)
                objects.append(*object);
            else
                ok = false;
        }
        if (!ok)
            return std::nullopt;
        return s.type == Type::StringList ? QVariant(strings) : QVariant(objects);
    }

    // The members of one object: each checked, the missing optional ones given their defaults. Keyed by
    // `property` if properties is set, else by the key as written.
    std::optional<QVariantMap> fields(
        const std::vector<PanelSetting>& schema, const QJsonValue& v, const QString& path, bool properties = false)
    {
        QStringList keys;
        for (const PanelSetting& field : schema)
            keys.append(field.key);
        if (!v.isObject()) {
            expected(path, QStringLiteral("an object with %1").arg(keys.join(QLatin1String(", "))), v);
            return std::nullopt;
        }
        const QJsonObject object = v.toObject();
        checkMembers(object, path, keys);
        bool ok = true;
        QVariantMap values;
        for (const PanelSetting& field : schema) {
            const QString key = properties ? field.property : field.key;
            const QString fieldPath = childPath(path, field.key);
            if (!object.contains(field.key)) {
                if (field.required) {
                    error(fieldPath, QStringLiteral("required: %1").arg(describe(field)));
                    ok = false;
                } else if (field.defaultValue.isValid()) {
                    values.insert(key, field.defaultValue);
                }
                continue;
            }
            const std::optional<QVariant> fieldValue = value(field, object.value(field.key), fieldPath);
            if (fieldValue)
                values.insert(key, *fieldValue);
            else
                ok = false;
        }
        return ok ? std::optional<QVariantMap>(values) : std::nullopt;
    }

    void parseRoot(const QJsonObject& root, WallLayout* layout)
    {
        checkMembers(root, QString(), rootMembers());
        const QJsonValue version = root.value(QLatin1String("version"));
        if (version.isUndefined())
            error(QStringLiteral("version"), QStringLiteral("required: 1"));
        else if (!version.isDouble() || version.toDouble() != 1)
            expected(QStringLiteral("version"), QStringLiteral("1"), version);

        if (root.contains(QLatin1String("title"))) {
            if (auto title
                = value(schema(Type::String, 0, maxTitle), root.value(QLatin1String("title")), QStringLiteral("title")))
                layout->title = title->toString();
        }
        m_gridOk = parseGrid(root, layout);

        const QJsonValue pages = root.value(QLatin1String("pages"));
        if (pages.isUndefined()) {
            error(QStringLiteral("pages"), QStringLiteral("required: a list of 1 to %1 pages").arg(maxPages));
        } else if (!pages.isArray()) {
            expected(QStringLiteral("pages"), QStringLiteral("a list of 1 to %1 pages").arg(maxPages), pages);
        } else if (pages.toArray().isEmpty() || pages.toArray().size() > maxPages) {
            error(QStringLiteral("pages"),
                QStringLiteral("expected 1 to %1 pages, got %2")
                    .arg(maxPages)
                    .arg(pages.toArray().isEmpty() ? QStringLiteral("none") : QString::number(pages.toArray().size())));
        } else {
            parsePages(pages.toArray(), layout);
        }

        const QJsonValue focus = root.value(QLatin1String("focus"));
        if (focus.isUndefined())
            layout->focusPage = builtInFocusPage(layout->columns, layout->rows);
        else
            parseFocus(focus, layout);

        const QJsonValue pin = root.value(QLatin1String("pin"));
        if (!pin.isUndefined()) {
            if (!pin.isString())
                expected(QStringLiteral("pin"), QStringLiteral("a page id"), pin);
            else if (layout->pageIndex(pin.toString()) < 0 && !m_pageIdsIncomplete)
                error(QStringLiteral("pin"),
                    QStringLiteral("names no page (%1; the pages are %2)")
                        .arg(render(pin), m_pageIds.join(QLatin1String(", "))));
            else
                layout->pinnedPage = pin.toString();
        }
    }

    bool parseGrid(const QJsonObject& root, WallLayout* layout)
    {
        const QJsonValue grid = root.value(QLatin1String("grid"));
        if (grid.isUndefined())
            return true;
        if (!grid.isObject()) {
            expected(QStringLiteral("grid"), QStringLiteral("an object {\"columns\": 24, \"rows\": 12}"), grid);
            return false;
        }
        const QJsonObject object = grid.toObject();
        checkMembers(object, QStringLiteral("grid"), { QStringLiteral("columns"), QStringLiteral("rows") });
        bool ok = true;
        const auto dimension = [&](const char* key, int max, int* out) {
            const QJsonValue v = object.value(QLatin1String(key));
            if (v.isUndefined())
                return;
            if (auto n = value(schema(Type::Integer, 1, max), v, QStringLiteral("grid.") + QLatin1String(key)))
                *out = n->toInt();
            else
                ok = false;
        };
        dimension("columns", 96, &layout->columns);
        dimension("rows", 48, &layout->rows);
        return ok;
    }

    void parsePages(const QJsonArray& pages, WallLayout* layout)
    {
        static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9_-]{1,64}$"));
        QHash<QString, QString> firstWithId; // id -> path of the page that has it first
        for (qsizetype i = 0; i < pages.size(); ++i) {
            const QString path = indexPath(QStringLiteral("pages"), i);
            const QJsonValue v = pages.at(i);
            if (!v.isObject()) {
                expected(path, QStringLiteral("a page {\"id\", \"title\", \"panels\"}"), v);
                m_pageIdsIncomplete = true;
                continue;
            }
            const QJsonObject object = v.toObject();
            checkMembers(object, path,
                { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("dwell_seconds"),
                    QStringLiteral("panels") });
            LayoutPage page;
            const QString idPath = childPath(path, QStringLiteral("id"));
            const QJsonValue id = object.value(QLatin1String("id"));
            if (id.isUndefined()) {
                error(idPath, QStringLiteral("required: an id of 1 to 64 characters a-z, 0-9, _ or -"));
                m_pageIdsIncomplete = true;
            } else if (!id.isString() || !idPattern.match(id.toString()).hasMatch()) {
                expected(idPath, QStringLiteral("an id of 1 to 64 characters a-z, 0-9, _ or -"), id);
                m_pageIdsIncomplete = true;
            } else if (firstWithId.contains(id.toString())) {
                const QString first = firstWithId.value(id.toString());
                error(idPath,
                    QStringLiteral("duplicate page id %1 (%2 at line %3 has it too)")
                        .arg(render(id), first)
                        .arg(m_lines.line(first)));
            } else {
                page.id = id.toString();
                firstWithId.insert(page.id, path);
                m_pageIds.append(page.id);
            }
            const QString titlePath = childPath(path, QStringLiteral("title"));
            const QJsonValue title = object.value(QLatin1String("title"));
            if (title.isUndefined())
                error(titlePath, QStringLiteral("required: a string of 1 to %1 characters").arg(maxTitle));
            else if (auto t = value(schema(Type::String, 1, maxTitle), title, titlePath))
                page.title = t->toString();
            const QJsonValue dwell = object.value(QLatin1String("dwell_seconds"));
            if (!dwell.isUndefined()) {
                if (auto d
                    = value(schema(Type::Integer, 5, 86400), dwell, childPath(path, QStringLiteral("dwell_seconds"))))
                    page.dwellSeconds = d->toInt();
            }
            page.panels = parsePanels(object, path, *layout);
            layout->pages.push_back(std::move(page));
        }
    }

    void parseFocus(const QJsonValue& focus, WallLayout* layout)
    {
        const QString path = QStringLiteral("focus");
        if (!focus.isObject()) {
            expected(path, QStringLiteral("an object {\"title\", \"panels\"}"), focus);
            return;
        }
        const QJsonObject object = focus.toObject();
        checkMembers(object, path, { QStringLiteral("title"), QStringLiteral("panels") });
        LayoutPage page;
        page.id = QStringLiteral("focus");
        page.title = QCoreApplication::translate("WallLayout", focusTitleSource);
        const QJsonValue title = object.value(QLatin1String("title"));
        if (!title.isUndefined()) {
            if (auto t = value(schema(Type::String, 1, maxTitle), title, childPath(path, QStringLiteral("title"))))
                page.title = t->toString();
        }
        page.panels = parsePanels(object, path, *layout);
        layout->focusPage = std::move(page);
    }

    std::vector<LayoutPanel> parsePanels(const QJsonObject& page, const QString& pagePath, const WallLayout& layout)
    {
        std::vector<LayoutPanel> panels;
        const QString path = childPath(pagePath, QStringLiteral("panels"));
        const QJsonValue v = page.value(QLatin1String("panels"));
        const QString what = QStringLiteral("a list of 1 to %1 panels").arg(maxPanels);
        if (v.isUndefined()) {
            error(path, QStringLiteral("required: %1").arg(what));
            return panels;
        }
        const QJsonArray array = v.toArray();
        if (!v.isArray()) {
            expected(path, what, v);
            return panels;
        }
        if (array.isEmpty() || array.size() > maxPanels) {
            error(path,
                QStringLiteral("expected 1 to %1 panels, got %2")
                    .arg(maxPanels)
                    .arg(array.isEmpty() ? QStringLiteral("none") : QString::number(array.size())));
            return panels;
        }
        std::vector<QString> placedPaths; // of the panels placed in `panels`, for overlap messages
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString panelPath = indexPath(path, i);
            bool placed = false;
            std::optional<LayoutPanel> panel = parsePanel(array.at(i), panelPath, layout, &placed);
            if (!panel)
                continue;
            if (placed) {
                for (size_t j = 0; j < panels.size(); ++j) {
                    const LayoutPanel& other = panels[j];
                    const int left = std::max(panel->column, other.column);
                    const int top = std::max(panel->row, other.row);
                    if (left < std::min(panel->column + panel->columnSpan, other.column + other.columnSpan)
                        && top < std::min(panel->row + panel->rowSpan, other.row + other.rowSpan)) {
                        error(panelPath,
                            QStringLiteral("\"%1\" overlaps %2 (\"%3\", line %4) from cell %5")
                                .arg(panel->panel, placedPaths[j], other.panel)
                                .arg(other.line)
                                .arg(pair(left, top)));
                        placed = false;
                        break;
                    }
                }
            }
            if (placed) {
                panels.push_back(std::move(*panel));
                placedPaths.push_back(panelPath);
            }
        }
        return panels;
    }

    // A [a, b] pair of whole numbers from `min`.
    std::optional<std::pair<int, int>> cellPair(
        const QJsonObject& object, const char* key, const QString& path, int min, const char* shape)
    {
        const QString p = childPath(path, QLatin1String(key));
        const QJsonValue v = object.value(QLatin1String(key));
        const QString what = QStringLiteral("%1, two whole numbers from %2").arg(QLatin1String(shape)).arg(min);
        if (v.isUndefined()) {
            error(p, QStringLiteral("required: %1").arg(what));
            return std::nullopt;
        }
        const QJsonArray a = v.toArray();
        const auto good = [&](const QJsonValue& n) {
            return n.isDouble() && isWhole(n.toDouble()) && n.toDouble() >= min && n.toDouble() <= maxCell;
        };
        if (!v.isArray() || a.size() != 2 || !good(a.at(0)) || !good(a.at(1))) {
            expected(p, what, v);
            return std::nullopt;
        }
        return std::make_pair(a.at(0).toInt(), a.at(1).toInt());
    }

    // One panel; *placed says whether its cells are known and valid (inside the grid) for the overlap check.
    std::optional<LayoutPanel> parsePanel(
        const QJsonValue& v, const QString& path, const WallLayout& layout, bool* placed)
    {
        if (!v.isObject()) {
            expected(path, QStringLiteral("a panel {\"panel\", \"cell\", \"span\"}"), v);
            return std::nullopt;
        }
        const QJsonObject object = v.toObject();
        checkMembers(object, path,
            { QStringLiteral("panel"), QStringLiteral("cell"), QStringLiteral("span"), QStringLiteral("title"),
                QStringLiteral("settings") });
        const int errorsBefore = m_errors->size();
        LayoutPanel panel;
        panel.line = m_lines.line(path);

        const PanelKind* kind = nullptr;
        const QString kindPath = childPath(path, QStringLiteral("panel"));
        const QJsonValue id = object.value(QLatin1String("panel"));
        if (id.isUndefined()) {
            error(kindPath,
                QStringLiteral("required: a panel id (%1)").arg(PanelRegistry::ids().join(QLatin1String(", "))));
        } else if (!id.isString() || !(kind = PanelRegistry::find(id.toString()))) {
            error(kindPath,
                QStringLiteral("unknown panel %1 (the panels are %2)")
                    .arg(render(id), PanelRegistry::ids().join(QLatin1String(", "))));
        } else {
            panel.panel = kind->id;
        }

        const auto cell = cellPair(object, "cell", path, 0, "[column, row]");
        const auto span = cellPair(object, "span", path, 1, "[columns, rows]");
        if (cell && span && m_gridOk) {
            panel.column = cell->first;
            panel.row = cell->second;
            panel.columnSpan = span->first;
            panel.rowSpan = span->second;
            const QString grid = QStringLiteral("%1 x %2").arg(layout.columns).arg(layout.rows);
            if (panel.column >= layout.columns || panel.row >= layout.rows) {
                error(childPath(path, QStringLiteral("cell")),
                    QStringLiteral("%1 is outside the %2 grid").arg(pair(panel.column, panel.row), grid));
            } else if (panel.column + panel.columnSpan > layout.columns || panel.row + panel.rowSpan > layout.rows) {
                error(childPath(path, QStringLiteral("span")),
                    QStringLiteral("%1 from cell %2 reaches outside the %3 grid")
                        .arg(pair(panel.columnSpan, panel.rowSpan), pair(panel.column, panel.row), grid));
            } else {
                *placed = true;
            }
            if (kind
                && (panel.columnSpan < kind->minimumColumns(layout.columns)
                    || panel.rowSpan < kind->minimumRows(layout.rows))) {
                error(childPath(path, QStringLiteral("span")),
                    QStringLiteral("%1 is smaller than the panel's minimum %2 x %3 cells")
                        .arg(pair(panel.columnSpan, panel.rowSpan))
                        .arg(kind->minimumColumns(layout.columns))
                        .arg(kind->minimumRows(layout.rows)));
            }
        }

        const QJsonValue title = object.value(QLatin1String("title"));
        if (!title.isUndefined()) {
            if (auto t = value(schema(Type::String, 1, maxTitle), title, childPath(path, QStringLiteral("title"))))
                panel.title = t->toString();
        }

        if (kind)
            parseSettings(*kind, object, path, &panel);

        if (m_errors->size() != errorsBefore) {
            // Still placed (for the overlap check) if only something else was wrong.
            return *placed ? std::optional<LayoutPanel>(std::move(panel)) : std::nullopt;
        }
        return panel;
    }

    void parseSettings(const PanelKind& kind, const QJsonObject& object, const QString& path, LayoutPanel* panel)
    {
        const QString settingsPath = childPath(path, QStringLiteral("settings"));
        const QJsonValue v = object.value(QLatin1String("settings"));
        if (!v.isUndefined() && !v.isObject()) {
            expected(settingsPath, QStringLiteral("an object of settings"), v);
            return;
        }
        const QJsonObject settings = v.toObject();
        // Unknown settings, said in the panel's own terms.
        for (auto it = settings.begin(); it != settings.end(); ++it) {
            if (kind.setting(it.key()))
                continue;
            QStringList keys;
            for (const PanelSetting& s : kind.settings)
                keys.append(s.key);
            error(childPath(settingsPath, it.key()),
                keys.isEmpty() ? QStringLiteral("unknown setting: panel \"%1\" has no settings").arg(kind.id)
                               : QStringLiteral("unknown setting of panel \"%1\" (its settings are %2)")
                                     .arg(kind.id, keys.join(QLatin1String(", "))));
        }
        for (const PanelSetting& s : kind.settings) {
            const QString settingPath = childPath(settingsPath, s.key);
            if (!settings.contains(s.key)) {
                if (s.required)
                    error(settingPath, QStringLiteral("required by panel \"%1\": %2").arg(kind.id, describe(s)));
                else if (s.defaultValue.isValid())
                    panel->settings.insert(s.property, s.defaultValue);
                continue;
            }
            if (auto setting = value(s, settings.value(s.key), settingPath))
                panel->settings.insert(s.property, *setting);
        }
    }

    const QByteArray& m_json;
    QStringList* m_errors;
    JsonLines m_lines;
    bool m_failed = false;
    bool m_gridOk = true;
    QStringList m_pageIds;
    bool m_pageIdsIncomplete = false; // a page without a valid id: "pin" cannot be judged
};

LayoutPanel placed(const QString& id, int column, int row, int columns, int rows)
{
    LayoutPanel panel;
    panel.panel = id;
    panel.column = column;
    panel.row = row;
    panel.columnSpan = columns;
    panel.rowSpan = rows;
    if (const PanelKind* kind = PanelRegistry::find(id))
        panel.settings = kind->defaultSettings();
    return panel;
}

// Splits `total` cells in two at about `fraction`, each part at least its minimum; 0 for the second part
// if both minimums do not fit (the first takes everything).
int split(int total, double fraction, int firstMinimum, int secondMinimum)
{
    if (firstMinimum + secondMinimum > total)
        return total;
    const int wanted = static_cast<int>(std::lround(total * fraction));
    return std::clamp(wanted, firstMinimum, total - secondMinimum);
}

} // namespace

int WallLayout::pageIndex(const QString& id) const
{
    for (size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

qint64 WallLayout::cycleMs() const
{
    qint64 ms = 0;
    for (const LayoutPage& page : pages)
        ms += qint64(page.dwellSeconds) * 1000;
    return ms;
}

bool parseWallLayout(const QByteArray& json, WallLayout* out, QStringList* errors)
{
    QStringList local;
    return LayoutParser(json, errors ? errors : &local).parse(out);
}

bool loadWallLayoutFile(const QString& path, WallLayout* out, QStringList* errors)
{
    QStringList local;
    QStringList* errs = errors ? errors : &local;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errs->append(QStringLiteral("%1: cannot read the layout: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray json = file.read(maxFileBytes + 1);
    if (json.size() > maxFileBytes) {
        errs->append(QStringLiteral("%1: larger than the 1 MiB a layout may have").arg(path));
        return false;
    }
    WallLayout layout;
    if (!parseWallLayout(json, &layout, errs))
        return false;
    layout.sourcePath = path;
    *out = std::move(layout);
    return true;
}

QString defaultWallLayoutPath()
{
    return QStringLiteral(":/layouts/city-overview.json");
}

LayoutPage builtInFocusPage(int columns, int rows)
{
    const PanelKind* map = PanelRegistry::find(QStringLiteral("map"));
    const PanelKind* card = PanelRegistry::find(QStringLiteral("focus_card"));
    const PanelKind* nearby = PanelRegistry::find(QStringLiteral("focus_nearby"));
    const PanelKind* checklist = PanelRegistry::find(QStringLiteral("checklist"));

    LayoutPage page;
    page.id = QStringLiteral("focus");
    page.title = QCoreApplication::translate("WallLayout", focusTitleSource);
    // Left: the map over ~60% of the width and 2/3 of the height, the incident's card under it. Right: what
    // is near the incident over its response checklist. On a grid too small for all four, the map stays.
    const int rightMinimum = std::max(nearby->minimumColumns(columns), checklist->minimumColumns(columns));
    const int leftMinimum = std::max(map->minimumColumns(columns), card->minimumColumns(columns));
    const int left = split(columns, 0.6, leftMinimum, rightMinimum);
    const int mapRows = split(rows, 2.0 / 3.0, map->minimumRows(rows), card->minimumRows(rows));

    LayoutPanel mapPanel = placed(map->id, 0, 0, left, mapRows);
    mapPanel.settings.insert(QStringLiteral("followFocus"), true);
    page.panels.push_back(std::move(mapPanel));
    if (mapRows < rows)
        page.panels.push_back(placed(card->id, 0, mapRows, left, rows - mapRows));
    if (left < columns) {
        const int nearbyRows = split(rows, 0.5, nearby->minimumRows(rows), checklist->minimumRows(rows));
        page.panels.push_back(placed(nearby->id, left, 0, columns - left, nearbyRows));
        if (nearbyRows < rows)
            page.panels.push_back(placed(checklist->id, left, nearbyRows, columns - left, rows - nearbyRows));
    }
    return page;
}

} // namespace citybrain
