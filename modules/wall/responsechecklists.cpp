#include "responsechecklists.h"

#include "logging.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

#include <algorithm>

namespace citybrain {

namespace {

struct Checklist
{
    QString title;
    QStringList steps;
};

struct Catalog
{
    bool loaded = false;
    QHash<QString, Checklist> kinds;
    Checklist fallback;
};

Catalog& catalog()
{
    static Catalog instance;
    return instance;
}

// The live instances, told when another file is installed. GUI thread only, like the panels.
QList<ResponseChecklist*>& liveInstances()
{
    static QList<ResponseChecklist*> instances;
    return instances;
}

void ensureLoaded()
{
    if (catalog().loaded)
        return;
    QStringList errors;
    if (!ResponseChecklist::loadFile(QLatin1String(ResponseChecklist::shippedPath), &errors)) {
        qCWarning(lcWall).noquote() << "shipped response checklists refused:" << errors.join(QStringLiteral("; "));
        catalog().loaded = true; // do not retry on every lookup: the default checklist stays empty
    }
}

// A title or step: a string of 1..maxTextLength characters (after trimming).
bool readText(const QJsonValue& value, const QString& where, QString* out, QStringList* errors)
{
    if (!value.isString()) {
        errors->append(QStringLiteral("%1: expected a string").arg(where));
        return false;
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty()) {
        errors->append(QStringLiteral("%1: empty").arg(where));
        return false;
    }
    if (text.size() > ResponseChecklist::maxTextLength) {
        errors->append(QStringLiteral("%1: longer than %2 characters (%3)")
                           .arg(where)
                           .arg(ResponseChecklist::maxTextLength)
                           .arg(text.size()));
        return false;
    }
    *out = text;
    return true;
}

// {"title": "...", "steps": ["...", ...]} and nothing else.
bool readChecklist(const QJsonValue& value, const QString& where, Checklist* out, QStringList* errors)
{
    if (!value.isObject()) {
        errors->append(QStringLiteral("%1: expected an object with \"title\" and \"steps\"").arg(where));
        return false;
    }
    const QJsonObject object = value.toObject();
    const int errorsBefore = static_cast<int>(errors->size());
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != QLatin1String("title") && it.key() != QLatin1String("steps"))
            errors->append(QStringLiteral("%1: unknown member \"%2\" (expected title, steps)").arg(where, it.key()));
    }
    if (!object.contains(QLatin1String("title")))
        errors->append(QStringLiteral("%1.title: missing").arg(where));
    else
        readText(object.value(QLatin1String("title")), where + QStringLiteral(".title"), &out->title, errors);
    const QJsonValue steps = object.value(QLatin1String("steps"));
    if (!steps.isArray()) {
        errors->append(
            QStringLiteral("%1.steps: %2")
                .arg(where, steps.isUndefined() ? QStringLiteral("missing") : QStringLiteral("expected an array")));
    } else if (steps.toArray().isEmpty()) {
        errors->append(QStringLiteral("%1.steps: empty (at least one step)").arg(where));
    } else if (steps.toArray().size() > ResponseChecklist::maxSteps) {
        errors->append(QStringLiteral("%1.steps: %2 steps, at most %3")
                           .arg(where)
                           .arg(steps.toArray().size())
                           .arg(ResponseChecklist::maxSteps));
    } else {
        const QJsonArray array = steps.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString step;
            if (readText(array.at(i), QStringLiteral("%1.steps[%2]").arg(where).arg(i), &step, errors))
                out->steps.append(step);
        }
    }
    return errors->size() == errorsBefore;
}

bool parseCatalog(const QByteArray& json, Catalog* out, QStringList* errors)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(
            QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
        return false;
    }
    if (!document.isObject()) {
        errors->append(QStringLiteral("expected a JSON object with \"version\", \"kinds\" and \"default\""));
        return false;
    }
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("kinds")
            && it.key() != QLatin1String("default"))
            errors->append(QStringLiteral("unknown member \"%1\" (expected version, kinds, default)").arg(it.key()));
    }
    if (root.value(QLatin1String("version")).toInt(0) != 1 || !root.value(QLatin1String("version")).isDouble())
        errors->append(QStringLiteral("version: expected 1"));

    const QJsonValue kinds = root.value(QLatin1String("kinds"));
    if (!kinds.isObject()) {
        errors->append(QStringLiteral("kinds: %1")
                           .arg(kinds.isUndefined() ? QStringLiteral("missing")
                                                    : QStringLiteral("expected an object of kind: checklist")));
    } else {
        static const QRegularExpression kindId(QStringLiteral("^[a-z_]{1,40}$"));
        const QJsonObject object = kinds.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString where = QStringLiteral("kinds.%1").arg(it.key());
            if (!kindId.match(it.key()).hasMatch()) {
                errors->append(QStringLiteral("%1: a kind id is 1 to 40 characters of a-z and _").arg(where));
                continue;
            }
            Checklist checklist;
            if (readChecklist(it.value(), where, &checklist, errors))
                out->kinds.insert(it.key(), checklist);
        }
    }
    if (!root.contains(QLatin1String("default")))
        errors->append(QStringLiteral("default: missing (the checklist for every other kind)"));
    else
        readChecklist(root.value(QLatin1String("default")), QStringLiteral("default"), &out->fallback, errors);
    return errors->isEmpty();
}

} // namespace

ResponseChecklist::ResponseChecklist(QObject* parent)
    : QObject(parent)
{
    liveInstances().append(this);
    reload();
}

ResponseChecklist::~ResponseChecklist()
{
    liveInstances().removeOne(this);
}

bool ResponseChecklist::loadFile(const QString& path, QStringList* errors)
{
    QStringList reasons;
    QFile file(path);
    Catalog loaded;
    if (!file.open(QIODevice::ReadOnly))
        reasons.append(QStringLiteral("%1: %2").arg(path, file.errorString()));
    else
        parseCatalog(file.readAll(), &loaded, &reasons);
    if (!reasons.isEmpty()) {
        if (errors)
            *errors = reasons;
        return false;
    }
    loaded.loaded = true;
    catalog() = std::move(loaded);
    for (ResponseChecklist* instance : std::as_const(liveInstances()))
        instance->reload();
    return true;
}

QStringList ResponseChecklist::kinds()
{
    ensureLoaded();
    QStringList ids = catalog().kinds.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ResponseChecklist::setKind(const QString& kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    Q_EMIT kindChanged();
    reload();
}

void ResponseChecklist::reload()
{
    ensureLoaded();
    const auto it = catalog().kinds.constFind(m_kind);
    const bool own = it != catalog().kinds.cend();
    const Checklist& checklist = own ? *it : catalog().fallback;
    const QString source = own ? QStringLiteral("config") : QStringLiteral("default");
    if (checklist.title == m_title && checklist.steps == m_steps && source == m_source)
        return;
    m_title = checklist.title;
    m_steps = checklist.steps;
    m_source = source;
    Q_EMIT changed();
}

} // namespace citybrain
