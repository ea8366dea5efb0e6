#include "incidentactionjson.h"

#include "feeddecoder.h"
#include "fieldreader.h"
#include "topicscheme.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

#include <limits>

namespace citybrain {

namespace {

using fields::AllowEmpty;
using fields::FieldReader;
using fields::Required;

constexpr qsizetype maxNameChars = 64; // action_id, actor, console, unit_id
constexpr qsizetype maxNoteChars = 2000;
constexpr qsizetype maxUriChars = 2000;
constexpr qsizetype maxKindChars = 40;

const QLatin1String kTs("ts");
const QLatin1String kSeq("seq");
const QLatin1String kActionId("action_id");
const QLatin1String kActor("actor");
const QLatin1String kRole("role");
const QLatin1String kConsole("console");
const QLatin1String kAction("action");
const QLatin1String kBaseVersion("base_version");
const QLatin1String kNote("note");
const QLatin1String kUnitType("unit_type");
const QLatin1String kUnitId("unit_id");
const QLatin1String kPriority("priority");
const QLatin1String kKind("kind");
const QLatin1String kMergeInto("merge_into");
const QLatin1String kUri("uri");
const QLatin1String kIncident("incident");
const QLatin1String kSource("source");

// [a-z_]{1,40}
bool isKindToken(QStringView s)
{
    if (s.isEmpty() || s.size() > maxKindChars)
        return false;
    for (const QChar c : s) {
        if (!((c >= u'a' && c <= u'z') || c == u'_'))
            return false;
    }
    return true;
}

// Why `text` is not an acceptable attachment reference, or nothing.
std::optional<QString> uriError(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("contains white space or a control character");
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return QStringLiteral("not a valid URL: %1").arg(url.errorString().left(120));
    const QString scheme = url.scheme().toLower();
    static const QLatin1String withHost[]
        = { QLatin1String("http"), QLatin1String("https"), QLatin1String("ftp"), QLatin1String("rtsp") };
    for (const QLatin1String& allowed : withHost) {
        if (scheme == allowed) {
            if (url.host().isEmpty())
                return QStringLiteral("a %1 URL needs a host").arg(scheme);
            return std::nullopt;
        }
    }
    if (scheme == QLatin1String("file")) {
        if (url.path().isEmpty())
            return QStringLiteral("a file URL needs a path");
        return std::nullopt;
    }
    if (scheme.isEmpty())
        return QStringLiteral("not an absolute URL (http, https, ftp, rtsp or file)");
    return QStringLiteral("scheme \"%1\" not allowed (http, https, ftp, rtsp or file)").arg(scheme.left(32));
}

bool readUnit(FieldReader& f, IncidentAction* action, Required required)
{
    QString unitType;
    const bool hasType = !f.object().value(kUnitType).isUndefined();
    const bool hasId = !f.object().value(kUnitId).isUndefined();
    // on_scene names both or neither; dispatch needs both.
    const Required both = required == Required::Yes || hasType || hasId ? Required::Yes : Required::No;
    if (!f.string(kUnitType, &unitType, both, AllowEmpty::Yes))
        return false;
    if (hasType && !unitTypeFromName(unitType, &action->unitType)) {
        return f.fail(RejectReason::OutOfRange, kUnitType,
            QStringLiteral("unknown unit type \"%1\" (police, fire, medical, city_management, utility)")
                .arg(unitType.left(64)));
    }
    return f.string(kUnitId, &action->unitId, both, AllowEmpty::No, maxNameChars);
}

bool readKindFields(FieldReader& f, IncidentAction* action)
{
    switch (action->kind) {
    case ActionKind::Dispatch:
        return readUnit(f, action, Required::Yes);
    case ActionKind::OnScene:
        return readUnit(f, action, Required::No);
    case ActionKind::Reprioritise: {
        qint64 priority = 0;
        if (!f.integer(kPriority, &priority, 1, 4, Required::Yes))
            return false;
        action->priority = static_cast<int>(priority);
        return true;
    }
    case ActionKind::Classify:
        if (!f.string(kKind, &action->incidentKind, Required::Yes, AllowEmpty::No))
            return false;
        if (!isKindToken(action->incidentKind)) {
            return f.fail(RejectReason::OutOfRange, kKind,
                QStringLiteral("expected a token of 1 to 40 characters a-z and _, not \"%1\"")
                    .arg(action->incidentKind.left(64)));
        }
        return true;
    case ActionKind::Merge:
        if (!f.string(kMergeInto, &action->mergeInto, Required::Yes, AllowEmpty::No))
            return false;
        if (!TopicScheme::isValidId(action->mergeInto)) {
            return f.fail(RejectReason::OutOfRange, kMergeInto,
                QStringLiteral("\"%1\" is not an incident id ([A-Za-z0-9._-], 1 to 64 characters)")
                    .arg(action->mergeInto.left(64)));
        }
        if (action->mergeInto == action->incidentId)
            return f.fail(RejectReason::OutOfRange, kMergeInto, QStringLiteral("an incident cannot merge into itself"));
        return true;
    case ActionKind::Attach:
        if (!f.string(kUri, &action->uri, Required::Yes, AllowEmpty::No, maxUriChars))
            return false;
        if (const auto why = uriError(action->uri))
            return f.fail(RejectReason::OutOfRange, kUri, *why);
        return true;
    case ActionKind::Acknowledge:
    case ActionKind::Note:
    case ActionKind::Resolve:
    case ActionKind::Escalate:
    case ActionKind::Close:
    case ActionKind::Cancel:
        break;
    }
    return true;
}

std::optional<IncidentAction> decode(const QJsonObject& object, const QString& incidentId, Rejection* rejection)
{
    static constexpr QLatin1String roles[] = { QLatin1String("dispatcher"), QLatin1String("leader") };
    FieldReader f(object);
    IncidentAction action;
    action.incidentId = incidentId;
    QString actionName;
    bool ok = f.matchesTopic(kIncident, incidentId) && f.timestamp(&action.tsMs) && f.sequence(&action.seq)
        && f.string(kSource, nullptr, Required::No, AllowEmpty::No)
        && f.string(kActionId, &action.actionId, Required::Yes, AllowEmpty::No, maxNameChars)
        && f.string(kActor, &action.actor, Required::Yes, AllowEmpty::No, maxNameChars)
        && f.oneOf(kRole, roles, &action.role, Required::Yes)
        && f.string(kConsole, &action.console, Required::Yes, AllowEmpty::No, maxNameChars)
        && f.string(kAction, &actionName, Required::Yes, AllowEmpty::No);
    if (ok && !actionKindFromName(actionName, &action.kind)) {
        ok = f.fail(
            RejectReason::OutOfRange, kAction, QStringLiteral("unknown action \"%1\"").arg(actionName.left(64)));
    }
    if (ok) {
        ok = f.integer(kBaseVersion, &action.baseVersion, 0, std::numeric_limits<qint64>::max(), Required::Yes);
    }
    if (ok) {
        // A note is the whole of a `note` action, and the reason of a `reprioritise`.
        const bool needed = action.kind == ActionKind::Note || action.kind == ActionKind::Reprioritise;
        if (needed && object.value(kNote).isUndefined()) {
            ok = f.fail(RejectReason::MissingField, kNote,
                action.kind == ActionKind::Note ? QStringLiteral("required: the text of the note")
                                                : QStringLiteral("required: the reason for the new priority"));
        } else {
            ok = f.string(kNote, &action.note, needed ? Required::Yes : Required::No,
                needed ? AllowEmpty::No : AllowEmpty::Yes, maxNoteChars);
        }
    }
    if (ok)
        ok = readKindFields(f, &action);
    if (!ok) {
        *rejection = f.takeRejection();
        return std::nullopt;
    }
    return action;
}

std::optional<IncidentAction> report(
    std::optional<IncidentAction>&& action, const Rejection& rejection, QString* error, RejectReason* reason)
{
    if (!action) {
        if (error)
            *error = rejection.detail;
        if (reason)
            *reason = rejection.reason;
    }
    return std::move(action);
}

} // namespace

QByteArray incidentActionToJson(const IncidentAction& action)
{
    QJsonObject object {
        { kTs, action.tsMs },
        { kSeq, action.seq },
        { kActionId, action.actionId },
        { kActor, action.actor },
        { kRole, action.role },
        { kConsole, action.console },
        { kAction, actionKindName(action.kind) },
        { kBaseVersion, action.baseVersion },
        { kNote, action.note.isNull() ? QStringLiteral("") : action.note },
    };
    switch (action.kind) {
    case ActionKind::Dispatch:
        object.insert(kUnitType, unitTypeName(action.unitType));
        object.insert(kUnitId, action.unitId);
        break;
    case ActionKind::OnScene:
        if (!action.unitId.isEmpty()) {
            object.insert(kUnitType, unitTypeName(action.unitType));
            object.insert(kUnitId, action.unitId);
        }
        break;
    case ActionKind::Reprioritise:
        object.insert(kPriority, action.priority);
        break;
    case ActionKind::Classify:
        object.insert(kKind, action.incidentKind);
        break;
    case ActionKind::Merge:
        object.insert(kMergeInto, action.mergeInto);
        break;
    case ActionKind::Attach:
        object.insert(kUri, action.uri);
        break;
    case ActionKind::Acknowledge:
    case ActionKind::Note:
    case ActionKind::Resolve:
    case ActionKind::Escalate:
    case ActionKind::Close:
    case ActionKind::Cancel:
        break;
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<IncidentAction> incidentActionFromJson(
    const QJsonObject& object, const QString& incidentId, QString* error, RejectReason* reason)
{
    Rejection rejection { RejectReason::MalformedJson, {} };
    return report(decode(object, incidentId, &rejection), rejection, error, reason);
}

std::optional<IncidentAction> incidentActionFromJson(
    const QByteArray& json, const QString& incidentId, QString* error, RejectReason* reason)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const Rejection rejection { RejectReason::MalformedJson,
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("payload: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("payload: top level is not an object") };
        return report(std::nullopt, rejection, error, reason);
    }
    return incidentActionFromJson(document.object(), incidentId, error, reason);
}

} // namespace citybrain
