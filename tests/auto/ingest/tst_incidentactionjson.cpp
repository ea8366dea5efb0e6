#include "feeddecoder.h"
#include "incidentactionjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::RejectReason)
Q_DECLARE_METATYPE(citybrain::ActionKind)

namespace {

const QString kIncident = QStringLiteral("INC-20261129-0007");
constexpr qint64 kTs = 1795912230000;

// A valid action of each kind, every field it may carry set.
IncidentAction sample(ActionKind kind)
{
    IncidentAction action;
    action.incidentId = kIncident;
    action.actionId = QStringLiteral("console-1-000004");
    action.actor = QStringLiteral("张伟");
    action.role = QStringLiteral("leader");
    action.console = QStringLiteral("console-1");
    action.kind = kind;
    action.baseVersion = 3;
    action.tsMs = kTs;
    action.seq = 4;
    action.note = QStringLiteral("文林路积水，已联系排水集团");
    switch (kind) {
    case ActionKind::Dispatch:
    case ActionKind::OnScene:
        action.unitType = UnitType::CityManagement;
        action.unitId = QStringLiteral("CG-0301");
        break;
    case ActionKind::Reprioritise:
        action.priority = 1;
        break;
    case ActionKind::Classify:
        action.incidentKind = QStringLiteral("gas_leak");
        break;
    case ActionKind::Merge:
        action.mergeInto = QStringLiteral("INC-20261129-0003");
        break;
    case ActionKind::Attach:
        action.uri = QStringLiteral("https://files.xy.gov.cn/incidents/0007/photo-1.jpg");
        break;
    default:
        break;
    }
    return action;
}

QJsonObject objectOf(const IncidentAction& action)
{
    return QJsonDocument::fromJson(incidentActionToJson(action)).object();
}

// The JSON of a valid action of `kind` with `key` set to `value` (or removed when value is undefined).
QJsonObject changed(ActionKind kind, const QString& key, const QJsonValue& value)
{
    QJsonObject object = objectOf(sample(kind));
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

void compareActions(const IncidentAction& a, const IncidentAction& b)
{
    QCOMPARE(a.incidentId, b.incidentId);
    QCOMPARE(a.actionId, b.actionId);
    QCOMPARE(a.actor, b.actor);
    QCOMPARE(a.role, b.role);
    QCOMPARE(a.console, b.console);
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.baseVersion, b.baseVersion);
    QCOMPARE(a.tsMs, b.tsMs);
    QCOMPARE(a.seq, b.seq);
    QCOMPARE(a.note, b.note);
    QCOMPARE(a.unitType, b.unitType);
    QCOMPARE(a.unitId, b.unitId);
    QCOMPARE(a.priority, b.priority);
    QCOMPARE(a.incidentKind, b.incidentKind);
    QCOMPARE(a.mergeInto, b.mergeInto);
    QCOMPARE(a.uri, b.uri);
}

} // namespace

class TestIncidentActionJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryKind_data()
    {
        QTest::addColumn<ActionKind>("kind");
        for (int i = 0; i < actionKindCount; ++i) {
            const auto kind = static_cast<ActionKind>(i);
            QTest::newRow(qPrintable(actionKindName(kind))) << kind;
        }
    }

    void roundTripsEveryKind()
    {
        QFETCH(ActionKind, kind);
        const IncidentAction original = sample(kind);
        QString error;
        const std::optional<IncidentAction> decoded
            = incidentActionFromJson(incidentActionToJson(original), kIncident, &error);
        QVERIFY2(decoded, qPrintable(error));
        compareActions(*decoded, original);
    }

    void writesTheContractsFieldNames()
    {
        const QJsonObject object = objectOf(sample(ActionKind::Dispatch));
        QCOMPARE(object.value("ts").toInteger(), kTs);
        QCOMPARE(object.value("seq").toInteger(), 4);
        QCOMPARE(object.value("action_id").toString(), QStringLiteral("console-1-000004"));
        QCOMPARE(object.value("actor").toString(), QStringLiteral("张伟"));
        QCOMPARE(object.value("role").toString(), QStringLiteral("leader"));
        QCOMPARE(object.value("console").toString(), QStringLiteral("console-1"));
        QCOMPARE(object.value("action").toString(), QStringLiteral("dispatch"));
        QCOMPARE(object.value("base_version").toInteger(), 3);
        QCOMPARE(object.value("unit_type").toString(), QStringLiteral("city_management"));
        QCOMPARE(object.value("unit_id").toString(), QStringLiteral("CG-0301"));
        // Only the fields of its kind, and no incident id (it is the topic's).
        QVERIFY(!object.contains("priority"));
        QVERIFY(!object.contains("merge_into"));
        QVERIFY(!object.contains("uri"));
        QVERIFY(!object.contains("kind"));
        QVERIFY(!object.contains("incident"));
        QVERIFY(!incidentActionToJson(sample(ActionKind::Dispatch)).contains('\n')); // compact
    }

    void onSceneMayNameNoUnit()
    {
        IncidentAction arrived = sample(ActionKind::OnScene);
        arrived.unitId.clear();
        arrived.unitType = UnitType::Police; // the default: not written
        const QJsonObject object = objectOf(arrived);
        QVERIFY(!object.contains("unit_type"));
        QVERIFY(!object.contains("unit_id"));
        QString error;
        const auto decoded = incidentActionFromJson(object, kIncident, &error);
        QVERIFY2(decoded, qPrintable(error));
        compareActions(*decoded, arrived);
    }

    void acceptsTheContractExample()
    {
        const QByteArray example
            = R"({"ts": 1795912230000, "seq": 4, "action_id": "c1-000004", "actor": "zhang.wei", "role": "dispatcher",
                 "console": "console-1", "action": "acknowledge", "base_version": 3, "note": ""})";
        QString error;
        const auto decoded = incidentActionFromJson(example, kIncident, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(decoded->kind, ActionKind::Acknowledge);
        QCOMPARE(decoded->incidentId, kIncident);
        QCOMPARE(decoded->role, QStringLiteral("dispatcher"));
    }

    void acceptsAnRfc3339Timestamp()
    {
        QString error;
        const auto decoded
            = incidentActionFromJson(changed(ActionKind::Note, "ts", "2026-11-29T08:30:30+08:00"), kIncident, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(decoded->tsMs, kTs);
    }

    void acceptsOldActionsFromTheJournal()
    {
        // No age window in the codec: the live window is FeedDecoder's; the journal keeps years.
        QString error;
        QVERIFY2(incidentActionFromJson(changed(ActionKind::Note, "ts", Q_INT64_C(1000000000000)), kIncident, &error),
            qPrintable(error));
    }

    void acceptsEveryAllowedUriScheme_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("http") << "http://10.1.2.3/cam/7.jpg";
        QTest::newRow("https") << "https://files.xy.gov.cn/a.pdf";
        QTest::newRow("ftp") << "ftp://archive.xy.gov.cn/reports/0007.pdf";
        QTest::newRow("rtsp") << "rtsp://10.20.30.40:554/stream1";
        QTest::newRow("file") << "file:///srv/evidence/0007/photo.jpg";
        QTest::newRow("upper case scheme") << "HTTPS://files.xy.gov.cn/a.pdf";
    }

    void acceptsEveryAllowedUriScheme()
    {
        QFETCH(QString, uri);
        QString error;
        QVERIFY2(incidentActionFromJson(changed(ActionKind::Attach, "uri", uri), kIncident, &error), qPrintable(error));
    }

    // One row per rule: the payload breaks exactly one, the reason and the field named are asserted.
    void rejectsEachInvalidField_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<RejectReason>("reason");
        QTest::addColumn<QString>("field");
        const QJsonValue absent(QJsonValue::Undefined);
        const auto row = [](const char* name, const QJsonObject& object, RejectReason reason, const char* field) {
            QTest::newRow(name) << object << reason << QString::fromLatin1(field);
        };
        using A = ActionKind;
        using R = RejectReason;

        row("incident other than the topic's", changed(A::Note, "incident", "INC-2"), R::TopicMismatch, "incident");
        row("ts missing", changed(A::Note, "ts", absent), R::MissingField, "ts");
        row("ts not a time", changed(A::Note, "ts", "yesterday"), R::BadTimestamp, "ts");
        row("ts fractional", changed(A::Note, "ts", 1.5), R::WrongType, "ts");
        row("seq missing", changed(A::Note, "seq", absent), R::MissingField, "seq");
        row("seq negative", changed(A::Note, "seq", -1), R::OutOfRange, "seq");
        row("source empty", changed(A::Note, "source", ""), R::OutOfRange, "source");

        row("action_id missing", changed(A::Note, "action_id", absent), R::MissingField, "action_id");
        row("action_id empty", changed(A::Note, "action_id", ""), R::OutOfRange, "action_id");
        row("action_id too long", changed(A::Note, "action_id", QString(65, u'a')), R::OutOfRange, "action_id");
        row("action_id a number", changed(A::Note, "action_id", 7), R::WrongType, "action_id");
        row("actor missing", changed(A::Note, "actor", absent), R::MissingField, "actor");
        row("actor empty", changed(A::Note, "actor", ""), R::OutOfRange, "actor");
        row("actor too long", changed(A::Note, "actor", QString(65, u'张')), R::OutOfRange, "actor");
        row("role missing", changed(A::Note, "role", absent), R::MissingField, "role");
        row("role wall", changed(A::Note, "role", "wall"), R::OutOfRange, "role");
        row("role unknown", changed(A::Note, "role", "admin"), R::OutOfRange, "role");
        row("console missing", changed(A::Note, "console", absent), R::MissingField, "console");
        row("console empty", changed(A::Note, "console", ""), R::OutOfRange, "console");
        row("console too long", changed(A::Note, "console", QString(65, u'c')), R::OutOfRange, "console");
        row("action missing", changed(A::Note, "action", absent), R::MissingField, "action");
        row("action unknown", changed(A::Note, "action", "delete"), R::OutOfRange, "action");
        row("action null", changed(A::Note, "action", QJsonValue::Null), R::WrongType, "action");
        row("base_version missing", changed(A::Note, "base_version", absent), R::MissingField, "base_version");
        row("base_version negative", changed(A::Note, "base_version", -1), R::OutOfRange, "base_version");
        row("base_version fractional", changed(A::Note, "base_version", 2.5), R::WrongType, "base_version");
        row("base_version a string", changed(A::Note, "base_version", "3"), R::WrongType, "base_version");

        row("note too long", changed(A::Acknowledge, "note", QString(2001, u'字')), R::OutOfRange, "note");
        row("note not a string", changed(A::Acknowledge, "note", 1), R::WrongType, "note");
        row("note action without note", changed(A::Note, "note", absent), R::MissingField, "note");
        row("note action with empty note", changed(A::Note, "note", ""), R::OutOfRange, "note");
        row("reprioritise without reason", changed(A::Reprioritise, "note", absent), R::MissingField, "note");
        row("reprioritise with empty reason", changed(A::Reprioritise, "note", ""), R::OutOfRange, "note");

        row("dispatch without unit_type", changed(A::Dispatch, "unit_type", absent), R::MissingField, "unit_type");
        row("dispatch unknown unit_type", changed(A::Dispatch, "unit_type", "army"), R::OutOfRange, "unit_type");
        row("dispatch without unit_id", changed(A::Dispatch, "unit_id", absent), R::MissingField, "unit_id");
        row("dispatch empty unit_id", changed(A::Dispatch, "unit_id", ""), R::OutOfRange, "unit_id");
        row("dispatch unit_id too long", changed(A::Dispatch, "unit_id", QString(65, u'u')), R::OutOfRange, "unit_id");
        row("on_scene unit_id without unit_type", changed(A::OnScene, "unit_type", absent), R::MissingField,
            "unit_type");
        row("on_scene unit_type without unit_id", changed(A::OnScene, "unit_id", absent), R::MissingField, "unit_id");

        row("reprioritise without priority", changed(A::Reprioritise, "priority", absent), R::MissingField, "priority");
        row("priority 0", changed(A::Reprioritise, "priority", 0), R::OutOfRange, "priority");
        row("priority 5", changed(A::Reprioritise, "priority", 5), R::OutOfRange, "priority");
        row("priority fractional", changed(A::Reprioritise, "priority", 1.5), R::WrongType, "priority");
        row("priority a string", changed(A::Reprioritise, "priority", "P1"), R::WrongType, "priority");

        row("classify without kind", changed(A::Classify, "kind", absent), R::MissingField, "kind");
        row("classify empty kind", changed(A::Classify, "kind", ""), R::OutOfRange, "kind");
        row("classify kind with capitals", changed(A::Classify, "kind", "GasLeak"), R::OutOfRange, "kind");
        row("classify kind with a space", changed(A::Classify, "kind", "gas leak"), R::OutOfRange, "kind");
        row("classify kind too long", changed(A::Classify, "kind", QString(41, u'k')), R::OutOfRange, "kind");

        row("merge without merge_into", changed(A::Merge, "merge_into", absent), R::MissingField, "merge_into");
        row("merge into itself", changed(A::Merge, "merge_into", kIncident), R::OutOfRange, "merge_into");
        row("merge into no id", changed(A::Merge, "merge_into", "INC 3/x"), R::OutOfRange, "merge_into");
        row("merge into too long an id", changed(A::Merge, "merge_into", QString(65, u'I')), R::OutOfRange,
            "merge_into");

        row("attach without uri", changed(A::Attach, "uri", absent), R::MissingField, "uri");
        row("attach empty uri", changed(A::Attach, "uri", ""), R::OutOfRange, "uri");
        row("attach javascript uri", changed(A::Attach, "uri", "javascript:alert(1)"), R::OutOfRange, "uri");
        row("attach data uri", changed(A::Attach, "uri", "data:text/html,<b>x</b>"), R::OutOfRange, "uri");
        row("attach relative uri", changed(A::Attach, "uri", "photos/1.jpg"), R::OutOfRange, "uri");
        row("attach http without host", changed(A::Attach, "uri", "http:///a.jpg"), R::OutOfRange, "uri");
        row("attach uri with a space", changed(A::Attach, "uri", "https://a.cn/a b.jpg"), R::OutOfRange, "uri");
        row("attach uri too long", changed(A::Attach, "uri", QStringLiteral("https://a.cn/") + QString(2000, u'a')),
            R::OutOfRange, "uri");
    }

    void rejectsEachInvalidField()
    {
        QFETCH(QJsonObject, object);
        QFETCH(RejectReason, reason);
        QFETCH(QString, field);
        QString error;
        RejectReason got = RejectReason::Oversize;
        const auto decoded = incidentActionFromJson(object, kIncident, &error, &got);
        QVERIFY2(!decoded, "accepted");
        QVERIFY2(error.startsWith(field + QStringLiteral(": ")), qPrintable(error));
        QVERIFY2(error.size() > field.size() + 2, qPrintable(error)); // and says why
        QVERIFY2(got == reason, qPrintable(rejectReasonName(got) + QStringLiteral(" - ") + error));
    }

    void fieldsOfOtherActionsAreIgnored()
    {
        QJsonObject object = objectOf(sample(ActionKind::Acknowledge));
        object.insert("priority", 9);
        object.insert("uri", "javascript:x");
        QString error;
        const auto decoded = incidentActionFromJson(object, kIncident, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(decoded->priority, 0);
        QVERIFY(decoded->uri.isEmpty());
    }

    void malformedTextIsMalformedJson()
    {
        QString error;
        RejectReason reason = RejectReason::Oversize;
        QVERIFY(!incidentActionFromJson(QByteArray("{\"ts\":"), kIncident, &error, &reason));
        QCOMPARE(reason, RejectReason::MalformedJson);
        QVERIFY2(error.startsWith(QLatin1String("payload: ")), qPrintable(error));
        QVERIFY(!incidentActionFromJson(QByteArray("[1]"), kIncident, &error, &reason));
        QCOMPARE(reason, RejectReason::MalformedJson);
    }

    void theErrorIsOptional() { QVERIFY(!incidentActionFromJson(QJsonObject {}, kIncident, nullptr)); }
};

QTEST_GUILESS_MAIN(TestIncidentActionJson)
#include "tst_incidentactionjson.moc"
