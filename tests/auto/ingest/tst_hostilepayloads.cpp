// The hostile-payload catalogue (tests/data/hostile, README.md there) through the real decoders and a real
// IngestPipeline: each payload is rejected with its exact reason, counted once under that reason, or
// accepted with its text kept byte for byte; and a valid payload of the same feed right after it still gets
// through. Then what an operator sees when ids collide: one incident per id, in its newest state, one
// timeline entry per action id.
#include "capdecoder.h"
#include "decoderoutcome.h"
#include "hostilecatalogue.h"
#include "incidentmodel.h"
#include "ingestpipeline.h"
#include "jsonfields.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <optional>

using namespace citybrain;
using namespace citybrain::hostile;

namespace {

// The text an operator would be shown for `field` of a decoded payload (the catalogue's "literal" keys).
std::optional<QString> decodedText(const FeedDecoder::Result& result, const QString& field)
{
    if (const auto* e = std::get_if<IncidentEvent>(&result)) {
        if (field == QLatin1String("title"))
            return e->title;
        if (field == QLatin1String("description"))
            return e->description;
        if (field == QLatin1String("kind"))
            return e->kind;
        if (field == QLatin1String("source"))
            return e->source;
    } else if (const auto* i = std::get_if<IndicatorUpdate>(&result)) {
        if (field == QLatin1String("name"))
            return i->name;
        if (field == QLatin1String("name_en"))
            return i->nameEn;
        if (field == QLatin1String("unit"))
            return i->unit;
    } else if (const auto* a = std::get_if<IncidentAction>(&result)) {
        if (field == QLatin1String("note"))
            return a->note;
        if (field == QLatin1String("actor"))
            return a->actor;
        if (field == QLatin1String("uri"))
            return a->uri;
    } else if (const auto* n = std::get_if<Annotation>(&result)) {
        if (field == QLatin1String("text"))
            return n->text;
        if (field == QLatin1String("author"))
            return n->author;
    } else if (const auto* t = std::get_if<TelemetrySample>(&result)) {
        if (field == QLatin1String("metric") && !t->values.empty())
            return t->values.front().first;
    } else if (const auto* w = std::get_if<WallControl>(&result)) {
        if (field == QLatin1String("page"))
            return w->page;
    } else if (const auto* g = std::get_if<GisMessage>(&result)) {
        if (field == QLatin1String("feature.name") && !g->update.features.empty())
            return g->update.features.front().properties.value(QLatin1String("name")).toString();
    }
    return std::nullopt;
}

// What the catalogue says `field` must show: {"value": text}, or {"path": "a.b"} into the row's "json"
// payload, cut to "max" characters when given.
QString expectedText(const QJsonObject& row, const QJsonObject& spec)
{
    if (spec.contains(QLatin1String("value")))
        return spec.value(QLatin1String("value")).toString();
    QJsonValue value = row.value(QLatin1String("json"));
    for (const QString& key : spec.value(QLatin1String("path")).toString().split(u'.'))
        value = value.toObject().value(key);
    const QString text = value.toString();
    const int max = spec.value(QLatin1String("max")).toInt(-1);
    return max >= 0 ? fields::leftCodePoints(text, max) : text;
}

// A valid payload of `family`, on a topic of its own whose id is `id`, and the key of what it becomes in a
// batch (Seen::keys).
struct FollowUp
{
    QString topic;
    QByteArray payload;
    QString key;
};

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

FollowUp followUp(const QString& family, const QString& id, qint64 nowMs)
{
    const QString iso = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const QJsonObject point { { "type", "Point" }, { "coordinates", QJsonArray { 108.70, 34.33 } } };
    if (family == QLatin1String("telemetry")) {
        return { QStringLiteral("xy/v1/telemetry/air/610402/") + id,
            compact({ { "ts", nowMs }, { "seq", 1 }, { "lon", 108.7 }, { "lat", 34.33 },
                { "values", QJsonObject { { "aqi", 80 } } } }),
            QStringLiteral("telemetry:") + id };
    }
    if (family == QLatin1String("indicator")) {
        return { QStringLiteral("xy/v1/indicator/") + id,
            compact({ { "ts", nowMs }, { "seq", 1 }, { "value", 1 }, { "unit", "" }, { "name", "指标" } }),
            QStringLiteral("indicator:") + id };
    }
    if (family == QLatin1String("incident")) {
        return { QStringLiteral("xy/v1/incident/%1/event").arg(id),
            compact({ { "ts", nowMs }, { "seq", 1 }, { "source", "119-fire" }, { "kind", "fire" },
                { "severity", "major" }, { "status", "new" }, { "title", "秦都区商铺起火" }, { "district", "610402" },
                { "lon", 108.70 }, { "lat", 34.33 } }),
            QStringLiteral("incident:") + id };
    }
    if (family == QLatin1String("action")) {
        return { QStringLiteral("xy/v1/incident/%1/action").arg(id),
            compact({ { "ts", nowMs }, { "seq", 1 }, { "action_id", "c1-1" }, { "actor", "zhang.wei" },
                { "role", "dispatcher" }, { "console", "console-1" }, { "action", "acknowledge" },
                { "base_version", 0 }, { "note", "" } }),
            QStringLiteral("action:") + id };
    }
    if (family == QLatin1String("annotation")) {
        return { QStringLiteral("xy/v1/annotation/") + id,
            compact({ { "ts", nowMs }, { "seq", 1 }, { "at", nowMs }, { "text", "泵站启动" }, { "author", "leader-1" },
                { "role", "leader" }, { "console", "leader-1" } }),
            QStringLiteral("annotation:") + id };
    }
    if (family == QLatin1String("status")) {
        return { QStringLiteral("xy/v1/status/") + id,
            compact({ { "ts", nowMs }, { "seq", 1 }, { "online", true }, { "kind", "simulator" } }),
            QStringLiteral("status:") + id };
    }
    if (family == QLatin1String("wall")) {
        return { QStringLiteral("xy/v1/wall/%1/control").arg(id),
            compact({ { "ts", nowMs }, { "seq", 1 }, { "page", "overview" }, { "console", "leader-1" },
                { "role", "leader" } }),
            QStringLiteral("wall:") + id };
    }
    if (family == QLatin1String("ngsi")) {
        return { QStringLiteral("xy/v1/ngsi/AirQualityObserved/") + id,
            compact({ { "id", id }, { "type", "AirQualityObserved" }, { "dateObserved", iso }, { "pm25", 30 },
                { "location", point } }),
            QStringLiteral("telemetry:") + id };
    }
    if (family == QLatin1String("cap")) {
        const QString sent
            = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss-00:00"));
        return { QStringLiteral("xy/v1/cap/") + id,
            QStringLiteral("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>%1</identifier>"
                           "<sender>%1</sender><sent>%2</sent><status>Actual</status><msgType>Alert</msgType>"
                           "<scope>Public</scope><info><category>Met</category><event>暴雨</event></info></alert>")
                .arg(id, sent)
                .toUtf8(),
            QStringLiteral("incident:") + CapDecoder::incidentIdFor(id) };
    }
    return { QStringLiteral("xy/v1/gis/") + id, R"({"type":"FeatureCollection","features":[]})",
        QStringLiteral("gis:") + id };
}

// Every item the pipeline posted, as "<kind>:<id>", and the batches themselves.
struct Seen
{
    explicit Seen(IngestPipeline& pipeline)
    {
        QObject::connect(&pipeline, &IngestPipeline::batchReady, [this](const std::shared_ptr<const IngestBatch>& b) {
            batches.push_back(b);
            for (const TelemetrySample& s : b->telemetry)
                keys.insert(QStringLiteral("telemetry:") + s.sensorId);
            for (const IndicatorUpdate& i : b->indicators)
                keys.insert(QStringLiteral("indicator:") + i.id);
            for (const IncidentEvent& e : b->incidents)
                keys.insert(QStringLiteral("incident:") + e.id);
            for (const IncidentAction& a : b->actions)
                keys.insert(QStringLiteral("action:") + a.incidentId);
            for (const Annotation& a : b->annotations)
                keys.insert(QStringLiteral("annotation:") + a.id);
            for (const PresenceStatus& p : b->presence)
                keys.insert(QStringLiteral("status:") + p.clientId);
            for (const WallControl& w : b->wallControls)
                keys.insert(QStringLiteral("wall:") + w.wallId);
            for (const GisUpdate& g : b->gisUpdates)
                keys.insert(QStringLiteral("gis:") + g.layerId);
        });
    }
    QSet<QString> keys;
    std::vector<std::shared_ptr<const IngestBatch>> batches;
};

// Every counter the pipeline keeps of what it did with a message.
struct Counters
{
    std::array<qint64, rejectReasonCount> rejected {};
    std::array<qint64, featureRejectionCount> featuresRejected {};
    qint64 decoded = 0;

    static Counters of(const IngestPipeline& pipeline)
    {
        Counters c;
        for (int i = 0; i < rejectReasonCount; ++i)
            c.rejected[std::size_t(i)] = pipeline.rejectedTotal(static_cast<RejectReason>(i));
        for (int i = 0; i < featureRejectionCount; ++i)
            c.featuresRejected[std::size_t(i)] = pipeline.gisFeaturesRejectedTotal(static_cast<FeatureRejection>(i));
        for (int i = 0; i < int(IngestPipeline::Decoded::Count); ++i)
            c.decoded += pipeline.decodedTotal(static_cast<IngestPipeline::Decoded>(i));
        return c;
    }
};

MqttMessage message(const QString& topic, const QByteArray& payload)
{
    MqttMessage m;
    m.topic = topic;
    m.payload = payload;
    m.qos = 1; // one lane: the worker takes them in the order given
    m.receivedMs = QDateTime::currentMSecsSinceEpoch();
    return m;
}

QByteArray incidentEvent(const QString& source, const QString& title, qint64 tsMs)
{
    return compact({ { "ts", tsMs }, { "seq", 1 }, { "source", source }, { "kind", "fire" }, { "severity", "major" },
        { "status", "new" }, { "title", title }, { "district", "610402" }, { "lon", 108.70 }, { "lat", 34.33 } });
}

QByteArray actionPayload(const QString& actionId, const QString& kind, const QString& note, qint64 tsMs)
{
    return compact(
        { { "ts", tsMs }, { "seq", 1 }, { "action_id", actionId }, { "actor", "zhang.wei" }, { "role", "dispatcher" },
            { "console", "console-1" }, { "action", kind }, { "base_version", 0 }, { "note", note } });
}

QByteArray capAlert(const QString& identifier, const QString& headline, qint64 sentMs)
{
    const QString sent
        = QDateTime::fromMSecsSinceEpoch(sentMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss-00:00"));
    return QStringLiteral("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>%1</identifier>"
                          "<sender>warning@xy.gov.cn</sender><sent>%2</sent><status>Actual</status>"
                          "<msgType>Alert</msgType><scope>Public</scope><info><category>Met</category>"
                          "<headline>%3</headline></info></alert>")
        .arg(identifier, sent, headline)
        .toUtf8();
}

} // namespace

class TestHostilePayloads : public QObject
{
    Q_OBJECT
private:
    // The pipeline's batches applied to the incident list every console shows.
    static void show(IncidentModel& model, const Seen& seen)
    {
        for (const auto& batch : seen.batches) {
            model.apply(batch->incidents);
            model.applyActions(batch->actions);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        IngestPipeline::Settings settings;
        settings.anomalies = false;
        m_pipeline = std::make_unique<IngestPipeline>(settings);
        m_seen = std::make_unique<Seen>(*m_pipeline);
        m_pipeline->start();
    }

    void cleanupTestCase() { m_pipeline->stop(); }

    void everyEntryIsRejectedWithItsReasonOrShownLiterally_data()
    {
        QTest::addColumn<QJsonObject>("row");
        const QList<QJsonObject> rows = catalogue();
        QVERIFY(rows.size() > 100);
        for (const QJsonObject& row : rows)
            QTest::newRow(qPrintable(row.value(QLatin1String("name")).toString())) << row;
    }

    void everyEntryIsRejectedWithItsReasonOrShownLiterally()
    {
        QFETCH(QJsonObject, row);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString topic = row.value(QLatin1String("topic")).toString();
        const QByteArray payload = payloadOf(row, now);
        const bool rejected = row.value(QLatin1String("expect")).toString() == QLatin1String("rejected");

        // The decoder: the exact reason, or the kind with its text untouched.
        const FeedDecoder decoder;
        const FeedDecoder::Result result = decoder.decode(topic, payload, now);
        if (rejected) {
            const auto* rejection = std::get_if<Rejection>(&result);
            QVERIFY2(rejection, qPrintable(QStringLiteral("accepted as ") + outcome(result)));
            QCOMPARE(rejectReasonName(rejection->reason), row.value(QLatin1String("reason")).toString());
            QVERIFY(!rejection->detail.isEmpty());
        } else {
            const auto* rejection = std::get_if<Rejection>(&result);
            QVERIFY2(!rejection, rejection ? qPrintable(outcome(result) + u' ' + rejection->detail) : "");
            QCOMPARE(outcome(result), row.value(QLatin1String("kind")).toString());
            const QJsonObject literal = row.value(QLatin1String("literal")).toObject();
            for (auto it = literal.begin(); it != literal.end(); ++it) {
                const std::optional<QString> shown = decodedText(result, it.key());
                QVERIFY2(shown, qPrintable(QStringLiteral("no text field ") + it.key()));
                const QString expected = expectedText(row, it.value().toObject());
                QVERIFY2(*shown == expected,
                    qPrintable(QStringLiteral("%1: %2 characters shown, %3 expected; starts \"%4\"")
                                   .arg(it.key())
                                   .arg(shown->size())
                                   .arg(expected.size())
                                   .arg(shown->left(60))));
            }
            if (const auto* event = std::get_if<IncidentEvent>(&result)) {
                QVERIFY(TopicScheme::isValidId(event->id));
                if (row.contains(QLatin1String("id_length")))
                    QCOMPARE(event->id.size(), row.value(QLatin1String("id_length")).toInt());
                QVERIFY(event->lon >= -180 && event->lon <= 180 && event->lat >= -90 && event->lat <= 90);
                if (row.contains(QLatin1String("polygons"))) {
                    QVERIFY(event->cap);
                    QCOMPARE(int(event->cap->polygons.size()), row.value(QLatin1String("polygons")).toInt());
                }
                if (row.contains(QLatin1String("location"))) {
                    const QJsonArray at = row.value(QLatin1String("location")).toArray();
                    QVERIFY2(qAbs(event->lon - at[0].toDouble()) < 1e-6 && qAbs(event->lat - at[1].toDouble()) < 1e-6,
                        qPrintable(QStringLiteral("placed at %1, %2").arg(event->lon).arg(event->lat)));
                }
                if (row.value(QLatin1String("location_in_polygon_bounds")).toBool()) {
                    double west = 180, east = -180, south = 90, north = -90;
                    for (const auto& [lon, lat] : event->cap->polygons.front()) {
                        west = qMin(west, lon);
                        east = qMax(east, lon);
                        south = qMin(south, lat);
                        north = qMax(north, lat);
                    }
                    QVERIFY2(event->lon >= west && event->lon <= east && event->lat >= south && event->lat <= north,
                        qPrintable(QStringLiteral("placed at %1, %2").arg(event->lon).arg(event->lat)));
                }
            }
            if (const auto* gis = std::get_if<GisMessage>(&result)) {
                QCOMPARE(int(gis->update.features.size()), row.value(QLatin1String("features")).toInt());
                const QJsonObject skipped = row.value(QLatin1String("features_rejected")).toObject();
                for (int i = 0; i < featureRejectionCount; ++i) {
                    const QString name = featureRejectionName(static_cast<FeatureRejection>(i));
                    QCOMPARE(gis->rejectedByReason[std::size_t(i)], skipped.value(name).toInt());
                }
            }
        }

        // The pipeline: counted once under that reason (and under nothing else), and the stream goes on.
        const Counters before = Counters::of(*m_pipeline);
        const FollowUp next = followUp(row.value(QLatin1String("family")).toString(),
            QStringLiteral("follow-%1").arg(++m_followUps), QDateTime::currentMSecsSinceEpoch());
        m_pipeline->enqueue(message(topic, payload));
        m_pipeline->enqueue(message(next.topic, next.payload));
        QTRY_VERIFY2(m_seen->keys.contains(next.key), qPrintable(next.key));
        const Counters after = Counters::of(*m_pipeline);
        for (int i = 0; i < rejectReasonCount; ++i) {
            const QString reason = rejectReasonName(static_cast<RejectReason>(i));
            const qint64 expected = rejected && reason == row.value(QLatin1String("reason")).toString() ? 1 : 0;
            QVERIFY2(after.rejected[std::size_t(i)] - before.rejected[std::size_t(i)] == expected, qPrintable(reason));
        }
        const QJsonObject skipped = row.value(QLatin1String("features_rejected")).toObject();
        for (int i = 0; i < featureRejectionCount; ++i) {
            const QString name = featureRejectionName(static_cast<FeatureRejection>(i));
            QCOMPARE(after.featuresRejected[std::size_t(i)] - before.featuresRejected[std::size_t(i)],
                qint64(skipped.value(name).toInt()));
        }
    }

    // The whole catalogue back to back, as a flood from a broker would come: every rejection counted
    // under its reason, and the valid incident behind them all still arrives.
    void theWholeCatalogueInOneFloodIsCountedByReason()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        std::array<qint64, rejectReasonCount> expected {};
        const Counters before = Counters::of(*m_pipeline);
        for (const QJsonObject& row : catalogue()) {
            if (row.value(QLatin1String("expect")).toString() == QLatin1String("rejected")) {
                RejectReason reason = RejectReason::Oversize;
                for (int i = 0; i < rejectReasonCount; ++i) {
                    if (rejectReasonName(static_cast<RejectReason>(i)) == row.value(QLatin1String("reason")).toString())
                        reason = static_cast<RejectReason>(i);
                }
                ++expected[std::size_t(reason)];
            }
            m_pipeline->enqueue(message(row.value(QLatin1String("topic")).toString(), payloadOf(row, now)));
        }
        const FollowUp last = followUp(QStringLiteral("incident"), QStringLiteral("INC-AFTER-FLOOD"), now);
        m_pipeline->enqueue(message(last.topic, last.payload));
        QTRY_VERIFY_WITH_TIMEOUT(m_seen->keys.contains(last.key), 20000);
        const Counters after = Counters::of(*m_pipeline);
        for (int i = 0; i < rejectReasonCount; ++i) {
            QVERIFY2(after.rejected[std::size_t(i)] - before.rejected[std::size_t(i)] == expected[std::size_t(i)],
                qPrintable(rejectReasonName(static_cast<RejectReason>(i))));
        }
    }

    // Two source systems report under one incident id: the list shows one incident, as the newest event
    // (by its ts, not by arrival) describes it.
    void oneIncidentIdFromTwoSourcesIsOneIncidentInItsNewestState()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString topic = QStringLiteral("xy/v1/incident/INC-TWO-SOURCES/event");
        m_pipeline->enqueue(message(topic, incidentEvent("119-fire", "119: 商铺起火", now - 60000)));
        m_pipeline->enqueue(message(topic, incidentEvent("110-police", "110: 商铺起火，已疏散", now)));
        m_pipeline->enqueue(message(topic, incidentEvent("119-fire", "119: 旧消息迟到", now - 30000)));
        const FollowUp last = followUp(QStringLiteral("incident"), QStringLiteral("INC-AFTER-TWO-SOURCES"), now);
        m_pipeline->enqueue(message(last.topic, last.payload));
        QTRY_VERIFY(m_seen->keys.contains(last.key));

        IncidentModel model(nullptr);
        QAbstractItemModelTester tester(&model);
        show(model, *m_seen);
        int rows = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            rows += model.index(r).data(IncidentModel::IdRole).toString() == QLatin1String("INC-TWO-SOURCES");
        QCOMPARE(rows, 1);
        const QModelIndex incident = model.index(model.rowOf(QStringLiteral("INC-TWO-SOURCES")));
        QCOMPARE(incident.data(IncidentModel::TitleRole).toString(), QStringLiteral("110: 商铺起火，已疏散"));
        QCOMPARE(incident.data(IncidentModel::SourceRole).toString(), QStringLiteral("110-police"));
        // Reported when the first source saw it: the SLA clock is not reset by the second source.
        QCOMPARE(incident.data(IncidentModel::ReportedMsRole).toLongLong(), now - 60000);
    }

    // The broker delivers one event three times (QoS 1 after a reconnect): one incident, unchanged.
    void aRedeliveredEventIsOneIncident()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QByteArray event = incidentEvent("119-fire", "渭城区仓库起火", now);
        for (int i = 0; i < 3; ++i)
            m_pipeline->enqueue(message(QStringLiteral("xy/v1/incident/INC-REDELIVERED/event"), event));
        const FollowUp last = followUp(QStringLiteral("incident"), QStringLiteral("INC-AFTER-REDELIVERY"), now);
        m_pipeline->enqueue(message(last.topic, last.payload));
        QTRY_VERIFY(m_seen->keys.contains(last.key));

        IncidentModel model(nullptr);
        show(model, *m_seen);
        int rows = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            rows += model.index(r).data(IncidentModel::IdRole).toString() == QLatin1String("INC-REDELIVERED");
        QCOMPARE(rows, 1);
        QCOMPARE(model.index(model.rowOf(QStringLiteral("INC-REDELIVERED"))).data(IncidentModel::TitleRole).toString(),
            QStringLiteral("渭城区仓库起火"));
    }

    // Two different actions under one action id (a console's bug, or a forged one): the first to arrive is
    // the action, the second is taken for a redelivery and dropped: one timeline entry, the first's effect.
    // An identical redelivery is dropped alike.
    void twoActionsWithOneActionIdAreOneTimelineEntry()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_pipeline->enqueue(message(
            QStringLiteral("xy/v1/incident/INC-ONE-ACTION-ID/event"), incidentEvent("119-fire", "秦都区起火", now)));
        const QString topic = QStringLiteral("xy/v1/incident/INC-ONE-ACTION-ID/action");
        const QByteArray acknowledge = actionPayload("c1-000009", "acknowledge", "", now + 1);
        m_pipeline->enqueue(message(topic, acknowledge));
        m_pipeline->enqueue(message(topic, actionPayload("c1-000009", "note", "<b>伪造</b>", now + 2)));
        m_pipeline->enqueue(message(topic, acknowledge));
        const FollowUp last = followUp(QStringLiteral("incident"), QStringLiteral("INC-AFTER-ACTIONS"), now);
        m_pipeline->enqueue(message(last.topic, last.payload));
        QTRY_VERIFY(m_seen->keys.contains(last.key));

        int posted = 0;
        for (const auto& batch : m_seen->batches) {
            for (const IncidentAction& a : batch->actions)
                posted += a.incidentId == QLatin1String("INC-ONE-ACTION-ID");
        }
        QCOMPARE(posted, 1);
        IncidentModel model(nullptr);
        show(model, *m_seen);
        const IncidentCase* incident = model.find(QStringLiteral("INC-ONE-ACTION-ID"));
        QVERIFY(incident);
        QCOMPARE(int(incident->timeline.size()), 1);
        QCOMPARE(incident->timeline.front().action.kind, ActionKind::Acknowledge);
        QCOMPARE(incident->state, IncidentState::Acknowledged);
    }

    // CAP identifiers that differ only in characters an incident id cannot hold ("a:b", "a_b") name one
    // incident: the operator sees one, in the state of the newer alert (documented in the catalogue).
    void capIdentifiersThatCollideAreOneIncidentInItsNewestState()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString topic = QStringLiteral("xy/v1/cap/warning@xy.gov.cn");
        m_pipeline->enqueue(message(topic, capAlert("XY:2026:7", "旧: 暴雨蓝色预警", now - 60000)));
        m_pipeline->enqueue(message(topic, capAlert("XY_2026_7", "新: 暴雨红色预警", now)));
        const FollowUp last = followUp(QStringLiteral("incident"), QStringLiteral("INC-AFTER-CAP"), now);
        m_pipeline->enqueue(message(last.topic, last.payload));
        QTRY_VERIFY(m_seen->keys.contains(last.key));

        IncidentModel model(nullptr);
        show(model, *m_seen);
        const QString id = CapDecoder::incidentIdFor(QStringLiteral("XY:2026:7"));
        QCOMPARE(id, CapDecoder::incidentIdFor(QStringLiteral("XY_2026_7")));
        int rows = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            rows += model.index(r).data(IncidentModel::IdRole).toString() == id;
        QCOMPARE(rows, 1);
        QCOMPARE(
            model.index(model.rowOf(id)).data(IncidentModel::TitleRole).toString(), QStringLiteral("新: 暴雨红色预警"));
    }

private:
    std::unique_ptr<IngestPipeline> m_pipeline;
    std::unique_ptr<Seen> m_seen;
    int m_followUps = 0;
};

QTEST_MAIN(TestHostilePayloads)
#include "tst_hostilepayloads.moc"
