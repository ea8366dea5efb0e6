#include "ruleset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace {

constexpr qint64 hourMs = 3600 * 1000;
constexpr qint64 dayMs = 24 * hourMs;
constexpr qint64 beijingOffsetMs = 8 * hourMs; // China Standard Time, no daylight saving
constexpr double maxDurationSeconds = 7 * 24 * 3600;

bool isAsciiIdChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('_')
        || c == QLatin1Char('-');
}

bool isIdText(const QString& text, int maxLength)
{
    return !text.isEmpty() && text.size() <= maxLength && std::all_of(text.begin(), text.end(), isAsciiIdChar);
}

// A sensor id or a group pattern: id characters, optionally ending in '*' ("*" alone: every sensor).
bool isSensorPattern(const QString& text)
{
    if (text == QLatin1String("*"))
        return true;
    const QString stem = text.endsWith(QLatin1Char('*')) ? text.chopped(1) : text;
    return isIdText(stem, 64);
}

bool patternMatches(const QString& pattern, const QString& sensorId)
{
    if (pattern.endsWith(QLatin1Char('*')))
        return sensorId.startsWith(QStringView(pattern).chopped(1));
    return sensorId == pattern;
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 10);
}

const QStringList& knownDomains()
{
    static const QStringList domains = { QStringLiteral("air"), QStringLiteral("traffic"), QStringLiteral("water"),
        QStringLiteral("noise"), QStringLiteral("energy") };
    return domains;
}

// Collects the errors of one rule, each prefixed with the rule's name.
class RuleChecker
{
public:
    RuleChecker(const QJsonObject& object, int index, QStringList* errors)
        : m_object(object)
        , m_errors(errors)
    {
        const QJsonValue id = object.value(QLatin1String("id"));
        m_label = id.isString() && !id.toString().isEmpty() ? QStringLiteral("rule \"%1\"").arg(id.toString())
                                                            : QStringLiteral("rule #%1").arg(index + 1);
    }

    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] const QString& label() const { return m_label; }

    void error(const QString& field, const QString& message)
    {
        m_ok = false;
        if (m_errors)
            m_errors->append(QStringLiteral("%1: field \"%2\": %3").arg(m_label, field, message));
    }

    [[nodiscard]] bool has(const char* field) const { return m_object.contains(QLatin1String(field)); }
    [[nodiscard]] QJsonValue value(const char* field) const { return m_object.value(QLatin1String(field)); }

    // A string field; required ones report their absence.
    std::optional<QString> string(const char* field, bool required)
    {
        if (!has(field)) {
            if (required)
                error(QLatin1String(field), QStringLiteral("required"));
            return std::nullopt;
        }
        const QJsonValue v = value(field);
        if (!v.isString()) {
            error(QLatin1String(field), QStringLiteral("expected a string"));
            return std::nullopt;
        }
        return v.toString();
    }

    std::optional<double> number(const char* field)
    {
        if (!has(field))
            return std::nullopt;
        const QJsonValue v = value(field);
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            error(QLatin1String(field), QStringLiteral("expected a number"));
            return std::nullopt;
        }
        return v.toDouble();
    }

    // A duration in seconds, 0 < s (or 0 <= s) <= 7 days, as milliseconds.
    std::optional<qint64> seconds(const char* field, bool allowZero)
    {
        const std::optional<double> s = number(field);
        if (!s)
            return std::nullopt;
        if (*s < 0 || (!allowZero && *s == 0) || *s > maxDurationSeconds) {
            error(QLatin1String(field),
                QStringLiteral("%1 is out of range (%2 .. %3 seconds)")
                    .arg(formatNumber(*s), allowZero ? QStringLiteral("0") : QStringLiteral("more than 0"),
                        formatNumber(maxDurationSeconds)));
            return std::nullopt;
        }
        return std::llround(*s * 1000.0);
    }

    void notUsedBy(const char* field, const QString& type)
    {
        if (has(field))
            error(QLatin1String(field), QStringLiteral("not used by a %1 rule").arg(type));
    }

private:
    const QJsonObject& m_object;
    QStringList* m_errors;
    QString m_label;
    bool m_ok = true;
};

// The clear level must not be past the line on the raising side: an "above" rule clears at or below it.
void checkClearSide(RuleChecker& c, const QString& field, bool above, double line, double clear)
{
    if (above && clear > line)
        c.error(field,
            QStringLiteral("%1 is above the threshold %2: an \"above\" rule clears at or below its threshold")
                .arg(formatNumber(clear), formatNumber(line)));
    else if (!above && clear < line)
        c.error(field,
            QStringLiteral("%1 is below the threshold %2: a \"below\" rule clears at or above its threshold")
                .arg(formatNumber(clear), formatNumber(line)));
}

void parseOverrides(RuleChecker& c, Rule& rule)
{
    const QJsonValue v = c.value("overrides");
    if (!v.isObject()) {
        c.error(QStringLiteral("overrides"), QStringLiteral("expected an object of sensor id -> {\"above\": ...}"));
        return;
    }
    const QJsonObject object = v.toObject();
    const QString lineField = rule.above ? QStringLiteral("above") : QStringLiteral("below");
    const QString otherField = rule.above ? QStringLiteral("below") : QStringLiteral("above");
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString base = QStringLiteral("overrides.%1").arg(it.key());
        if (!isSensorPattern(it.key())) {
            c.error(base, QStringLiteral("expected a sensor id or a prefix ending in '*'"));
            continue;
        }
        if (!it.value().isObject()) {
            c.error(base, QStringLiteral("expected an object like {\"%1\": 5.2}").arg(lineField));
            continue;
        }
        const QJsonObject o = it.value().toObject();
        RuleLineOverride line;
        line.sensor = it.key();
        bool good = true;
        for (auto f = o.begin(); f != o.end(); ++f) {
            const QString field = base + QLatin1Char('.') + f.key();
            if (f.key() == otherField) {
                c.error(field, QStringLiteral("this is an \"%1\" rule: override \"%1\"").arg(lineField));
                good = false;
                continue;
            }
            if (f.key() != lineField && f.key() != QLatin1String("clear") && f.key() != QLatin1String("hysteresis")) {
                c.error(field, QStringLiteral("unknown field"));
                good = false;
                continue;
            }
            if (!f.value().isDouble()) {
                c.error(field, QStringLiteral("expected a number"));
                good = false;
                continue;
            }
            const double x = f.value().toDouble();
            if (f.key() == lineField)
                line.line = x;
            else if (f.key() == QLatin1String("clear"))
                line.clear = x;
            else if (x < 0) {
                c.error(field, QStringLiteral("expected a number >= 0"));
                good = false;
            } else
                line.hysteresis = x;
        }
        if (!good)
            continue;
        if (line.clear && line.hysteresis) {
            c.error(base + QLatin1String(".clear"), QStringLiteral("give \"clear\" or \"hysteresis\", not both"));
            continue;
        }
        if (line.clear) {
            if (!line.line && !rule.lineMetric.isEmpty()) {
                c.error(base + QLatin1String(".clear"),
                    QStringLiteral("an absolute clear level needs a fixed \"%1\" here: the rule's line is the metric "
                                   "\"%2\"")
                        .arg(lineField, rule.lineMetric));
                continue;
            }
            checkClearSide(c, base + QLatin1String(".clear"), rule.above, line.line.value_or(rule.line), *line.clear);
        }
        if (!line.line && !line.clear && !line.hysteresis) {
            c.error(base, QStringLiteral("expected at least one of \"%1\", \"clear\", \"hysteresis\"").arg(lineField));
            continue;
        }
        rule.overrides.push_back(line);
    }
}

std::optional<Rule> parseRule(const QJsonValue& value, int index, QStringList* errors, bool* enabled)
{
    if (!value.isObject()) {
        if (errors)
            errors->append(QStringLiteral("rule #%1: expected an object").arg(index + 1));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    RuleChecker c(object, index, errors);
    Rule rule;
    rule.source = object;

    static const QSet<QString> known = { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("title_en"),
        QStringLiteral("note"), QStringLiteral("enabled"), QStringLiteral("domain"), QStringLiteral("metric"),
        QStringLiteral("districts"), QStringLiteral("sensors"), QStringLiteral("type"), QStringLiteral("above"),
        QStringLiteral("below"), QStringLiteral("above_metric"), QStringLiteral("below_metric"),
        QStringLiteral("clear"), QStringLiteral("hysteresis"), QStringLiteral("for_seconds"),
        QStringLiteral("window_seconds"), QStringLiteral("timeout_seconds"), QStringLiteral("severity"),
        QStringLiteral("incident_kind"), QStringLiteral("hours"), QStringLiteral("overrides") };
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            c.error(it.key(), QStringLiteral("unknown field"));
    }

    if (const auto id = c.string("id", true)) {
        if (!isIdText(*id, 64))
            c.error(QStringLiteral("id"), QStringLiteral("expected 1 to 64 characters of [A-Za-z0-9._-]"));
        rule.id = *id;
    }
    if (const auto title = c.string("title", true)) {
        if (title->trimmed().isEmpty())
            c.error(QStringLiteral("title"), QStringLiteral("must not be empty"));
        rule.title = title->trimmed();
    }
    rule.titleEn = c.string("title_en", false).value_or(QString()).trimmed();
    if (rule.titleEn.isEmpty())
        rule.titleEn = rule.id;
    rule.note = c.string("note", false).value_or(QString());
    *enabled = true;
    if (c.has("enabled")) {
        if (!c.value("enabled").isBool())
            c.error(QStringLiteral("enabled"), QStringLiteral("expected true or false"));
        else
            *enabled = c.value("enabled").toBool();
    }

    if (const auto domain = c.string("domain", true)) {
        if (!knownDomains().contains(*domain))
            c.error(QStringLiteral("domain"),
                QStringLiteral("\"%1\" is not one of %2").arg(*domain, knownDomains().join(QLatin1String(", "))));
        rule.domain = *domain;
    }

    bool typeKnown = false;
    if (const auto type = c.string("type", true)) {
        typeKnown = true;
        if (*type == QLatin1String("threshold"))
            rule.type = RuleType::Threshold;
        else if (*type == QLatin1String("rate"))
            rule.type = RuleType::Rate;
        else if (*type == QLatin1String("silence"))
            rule.type = RuleType::Silence;
        else {
            typeKnown = false;
            c.error(QStringLiteral("type"), QStringLiteral("\"%1\" is not one of threshold, rate, silence").arg(*type));
        }
    }
    const QString typeName = ruleTypeName(rule.type);

    if (const auto metric = c.string("metric", typeKnown && rule.type != RuleType::Silence)) {
        if (!isIdText(*metric, 64))
            c.error(QStringLiteral("metric"), QStringLiteral("expected 1 to 64 characters of [A-Za-z0-9._-]"));
        rule.metric = *metric;
    }

    if (c.has("districts")) {
        const QJsonValue v = c.value("districts");
        if (!v.isArray()) {
            c.error(QStringLiteral("districts"), QStringLiteral("expected an array of adcodes"));
        } else {
            static const QRegularExpression adcode(QStringLiteral("^[0-9]{6}$"));
            for (const QJsonValue& d : v.toArray()) {
                if (!d.isString() || !adcode.match(d.toString()).hasMatch()) {
                    c.error(QStringLiteral("districts"), QStringLiteral("expected six-digit adcodes like \"610404\""));
                    break;
                }
                rule.districts.append(d.toString());
            }
        }
    }
    if (c.has("sensors")) {
        const QJsonValue v = c.value("sensors");
        if (!v.isArray()) {
            c.error(QStringLiteral("sensors"),
                QStringLiteral("expected an array of sensor ids or prefixes ending in '*' (per-sensor lines go in "
                               "\"overrides\")"));
        } else {
            for (const QJsonValue& s : v.toArray()) {
                if (!s.isString() || !isSensorPattern(s.toString())) {
                    c.error(QStringLiteral("sensors"),
                        QStringLiteral("expected sensor ids or prefixes ending in '*', like \"water-610404-*\""));
                    break;
                }
                rule.sensors.append(s.toString());
            }
        }
    }

    if (const auto severity = c.string("severity", true)) {
        if (!severityFromName(*severity, &rule.severity))
            c.error(QStringLiteral("severity"),
                QStringLiteral("\"%1\" is not one of minor, moderate, major, critical").arg(*severity));
    }
    // Without an incident kind a rule raises alarms only (a noise exceedance is for the environment
    // bureau's report, not for dispatch).
    if (const auto kind = c.string("incident_kind", false)) {
        static const QRegularExpression pattern(QStringLiteral("^[a-z_]{1,40}$"));
        if (!pattern.match(*kind).hasMatch())
            c.error(QStringLiteral("incident_kind"), QStringLiteral("expected 1 to 40 characters of [a-z_]"));
        rule.incidentKind = *kind;
    }

    if (c.has("hours")) {
        const QJsonValue v = c.value("hours");
        const QJsonArray a = v.toArray();
        auto isHour = [](const QJsonValue& h) {
            return h.isDouble() && h.toDouble() >= 0 && h.toDouble() <= 24 && std::floor(h.toDouble()) == h.toDouble();
        };
        if (!v.isArray() || a.size() != 2 || !isHour(a[0]) || !isHour(a[1]))
            c.error(QStringLiteral("hours"), QStringLiteral("expected [from, to], whole hours 0 .. 24, like [6, 22]"));
        else if (a[0].toInt() % 24 == a[1].toInt() % 24 && !(a[0].toInt() == 0 && a[1].toInt() == 24))
            c.error(QStringLiteral("hours"), QStringLiteral("from and to are the same hour"));
        else {
            rule.fromHour = a[0].toInt();
            rule.toHour = a[1].toInt();
        }
    }

    if (!typeKnown)
        return std::nullopt;

    // The line: exactly one of above, below, above_metric, below_metric (threshold); above or below (rate).
    const char* lineFields[] = { "above", "below", "above_metric", "below_metric" };
    QStringList given;
    for (const char* f : lineFields) {
        if (c.has(f))
            given.append(QLatin1String(f));
    }
    if (rule.type == RuleType::Silence) {
        for (const char* f : lineFields)
            c.notUsedBy(f, typeName);
        for (const char* f : { "clear", "hysteresis", "for_seconds", "window_seconds", "hours", "overrides" })
            c.notUsedBy(f, typeName);
        if (const auto timeout = c.seconds("timeout_seconds", false))
            rule.timeoutMs = *timeout;
        else if (!c.has("timeout_seconds"))
            c.error(QStringLiteral("timeout_seconds"), QStringLiteral("required by a silence rule"));
        return c.ok() ? std::optional<Rule>(rule) : std::nullopt;
    }

    c.notUsedBy("timeout_seconds", typeName);
    if (rule.type == RuleType::Rate) {
        c.notUsedBy("above_metric", typeName);
        c.notUsedBy("below_metric", typeName);
        if (const auto window = c.seconds("window_seconds", false))
            rule.windowMs = *window;
        else if (!c.has("window_seconds"))
            c.error(QStringLiteral("window_seconds"), QStringLiteral("required by a rate rule"));
    } else {
        c.notUsedBy("window_seconds", typeName);
    }
    bool lineIsNumber = false; // and a valid one: the clear level can be checked against it
    if (given.isEmpty()) {
        c.error(QStringLiteral("above"),
            rule.type == RuleType::Rate
                ? QStringLiteral("a rate rule needs \"above\" or \"below\" (change per minute)")
                : QStringLiteral("a threshold rule needs one of \"above\", \"below\", \"above_metric\", "
                                 "\"below_metric\""));
    } else if (given.size() > 1) {
        c.error(given[1], QStringLiteral("give only one of \"%1\"").arg(given.join(QLatin1String("\", \""))));
    } else {
        const QString& f = given.first();
        rule.above = f.startsWith(QLatin1String("above"));
        if (f.endsWith(QLatin1String("_metric"))) {
            if (const auto m = c.string(f == QLatin1String("above_metric") ? "above_metric" : "below_metric", true)) {
                if (!isIdText(*m, 64))
                    c.error(f, QStringLiteral("expected a metric name like \"warning_line\""));
                else if (*m == rule.metric)
                    c.error(f, QStringLiteral("the line cannot be the metric itself"));
                rule.lineMetric = *m;
            }
        } else if (const auto x = c.number(rule.above ? "above" : "below")) {
            rule.line = *x;
            lineIsNumber = true;
        }
    }

    const std::optional<double> clear = c.number("clear");
    const std::optional<double> hysteresis = c.number("hysteresis");
    if (clear && hysteresis) {
        c.error(QStringLiteral("clear"), QStringLiteral("give \"clear\" or \"hysteresis\", not both"));
    } else if (clear) {
        if (!rule.lineMetric.isEmpty())
            c.error(QStringLiteral("clear"),
                QStringLiteral("an absolute clear level does not fit a line taken from \"%1\": use \"hysteresis\"")
                    .arg(rule.lineMetric));
        else if (lineIsNumber)
            checkClearSide(c, QStringLiteral("clear"), rule.above, rule.line, *clear);
        rule.clear = clear;
    } else if (hysteresis) {
        if (*hysteresis < 0)
            c.error(QStringLiteral("hysteresis"), QStringLiteral("expected a number >= 0"));
        rule.hysteresis = *hysteresis;
    }
    if (const auto forMs = c.seconds("for_seconds", true))
        rule.forMs = *forMs;
    if (c.has("overrides") && given.size() == 1)
        parseOverrides(c, rule);

    return c.ok() ? std::optional<Rule>(rule) : std::nullopt;
}

} // namespace

bool Rule::inHours(qint64 tsMs) const
{
    if (fromHour < 0)
        return true;
    const qint64 local = ((tsMs + beijingOffsetMs) % dayMs + dayMs) % dayMs;
    const int hour = static_cast<int>(local / hourMs);
    const int from = fromHour % 24;
    const int to = toHour % 24;
    if (fromHour == 0 && toHour == 24)
        return true;
    return from < to ? (hour >= from && hour < to) : (hour >= from || hour < to);
}

bool Rule::matchesDistrict(const QString& adcode) const
{
    return districts.isEmpty() || districts.contains(adcode);
}

bool Rule::matchesSensor(const QString& sensorId) const
{
    if (sensors.isEmpty())
        return true;
    return std::any_of(
        sensors.begin(), sensors.end(), [&](const QString& pattern) { return patternMatches(pattern, sensorId); });
}

const RuleLineOverride* Rule::overrideFor(const QString& sensorId) const
{
    const RuleLineOverride* best = nullptr;
    for (const RuleLineOverride& o : overrides) {
        if (o.sensor == sensorId)
            return &o;
        if (o.sensor.endsWith(QLatin1Char('*')) && patternMatches(o.sensor, sensorId)
            && (!best || o.sensor.size() > best->sensor.size()))
            best = &o;
    }
    return best;
}

const Rule* RuleSet::find(const QString& id) const
{
    for (const Rule& rule : rules) {
        if (rule.id == id)
            return &rule;
    }
    return nullptr;
}

QString ruleTypeName(RuleType type)
{
    switch (type) {
    case RuleType::Rate:
        return QStringLiteral("rate");
    case RuleType::Silence:
        return QStringLiteral("silence");
    case RuleType::Threshold:
        break;
    }
    return QStringLiteral("threshold");
}

bool loadRuleSet(const QByteArray& json, RuleSet* out, QStringList* errors)
{
    QStringList local;
    QStringList* errs = errors ? errors : &local;
    const qsizetype before = errs->size();

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errs->append(
            QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
        return false;
    }
    if (!doc.isObject()) {
        errs->append(QStringLiteral("expected an object {\"version\": 1, \"rules\": [...]}"));
        return false;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("description")
            && it.key() != QLatin1String("rules"))
            errs->append(QStringLiteral("file: field \"%1\": unknown field").arg(it.key()));
    }
    if (root.contains(QLatin1String("version")) && root.value(QLatin1String("version")).toDouble(-1) != 1)
        errs->append(QStringLiteral("file: field \"version\": this program reads version 1"));
    if (root.contains(QLatin1String("description")) && !root.value(QLatin1String("description")).isString())
        errs->append(QStringLiteral("file: field \"description\": expected a string"));
    const QJsonValue rulesValue = root.value(QLatin1String("rules"));
    if (!rulesValue.isArray()) {
        errs->append(
            QStringLiteral("file: field \"rules\": %1")
                .arg(rulesValue.isUndefined() ? QStringLiteral("required") : QStringLiteral("expected an array")));
        return false;
    }

    RuleSet set;
    QHash<QString, int> seen; // id -> 1-based index of its first rule
    const QJsonArray array = rulesValue.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QJsonValue id = array[i].toObject().value(QLatin1String("id"));
        if (id.isString() && !id.toString().isEmpty()) {
            const auto first = seen.constFind(id.toString());
            if (first != seen.constEnd())
                errs->append(QStringLiteral("rule \"%1\": field \"id\": duplicate id (rule #%2 and #%3)")
                                 .arg(id.toString())
                                 .arg(*first)
                                 .arg(i + 1));
            else
                seen.insert(id.toString(), i + 1);
        }
        bool enabled = true;
        std::optional<Rule> rule = parseRule(array[i], i, errs, &enabled);
        if (rule && enabled)
            set.rules.push_back(std::move(*rule));
        else if (rule)
            ++set.disabled;
    }
    if (errs->size() != before)
        return false;
    *out = std::move(set);
    return true;
}

bool loadRuleSetFile(const QString& path, RuleSet* out, QStringList* errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        return false;
    }
    return loadRuleSet(file.readAll(), out, errors);
}

QString defaultRuleFilePath()
{
    return QStringLiteral(":/rules/default-rules.json");
}

} // namespace citybrain
