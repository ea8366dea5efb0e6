#include "decoderoutcome.h"
#include "feeddecoder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::RejectReason)

namespace {

// 2026-11-29T00:30:00.250Z = 08:30:00.250 in Xianyang, the contract's example instant.
constexpr qint64 kNow = 1795912200250;
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kDay = 24 * 3600 * 1000;

const TopicScheme kScheme;
const QString kTelemetryTopic
    = kScheme.telemetry(QStringLiteral("air"), QStringLiteral("610404"), QStringLiteral("aqs-0001"));
const QString kIndicatorTopic = kScheme.indicator(QStringLiteral("road.freeflow"));
const QString kIncidentTopic = kScheme.incidentEvent(QStringLiteral("INC-20261129-0007"));
const QString kStatusTopic = kScheme.status(QStringLiteral("citybrain-sim"));
const QString kActionTopic = kScheme.incidentAction(QStringLiteral("INC-20261129-0007"));
const QString kWallTopic = kScheme.wallControl(QStringLiteral("main"));
const QString kNgsiAirTopic
    = kScheme.ngsi(QStringLiteral("AirQualityObserved"), QStringLiteral("urn:ngsi-ld:AirQualityObserved:xy-aqs-0001"));
const QString kNgsiAlertTopic = kScheme.ngsi(QStringLiteral("Alert"), QStringLiteral("urn:ngsi-ld:Alert:xy-0001"));
const QString kCapTopic = kScheme.cap(QStringLiteral("xianyang-emergency@xy.gov.cn"));

QJsonObject ngsiAirObject()
{
    return QJsonObject { { "id", "urn:ngsi-ld:AirQualityObserved:xy-aqs-0001" }, { "type", "AirQualityObserved" },
        { "dateObserved", "2026-11-29T08:30:00+08:00" },
        { "location", QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { 108.70, 34.33 } } } },
        { "airQualityIndex", 87 } };
}

QJsonObject ngsiAlertObject()
{
    return QJsonObject { { "id", "urn:ngsi-ld:Alert:xy-0001" }, { "type", "Alert" }, { "category", "traffic" },
        { "subCategory", "carAccident" }, { "severity", "high" }, { "dateIssued", "2026-11-29T08:29:00+08:00" },
        { "location", QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { 108.70, 34.33 } } } } };
}

QJsonObject telemetryObject()
{
    return QJsonObject { { "ts", kNow }, { "seq", 5012 }, { "lon", 108.7051 }, { "lat", 34.3312 },
        { "values",
            QJsonObject { { "aqi", 87 }, { "pm25", 61.2 }, { "pm10", 98.0 }, { "no2", 41.5 }, { "o3", 72.0 } } } };
}

QJsonObject indicatorObject()
{
    return QJsonObject { { "ts", "2026-11-29T08:30:00+08:00" }, { "seq", 88 }, { "value", 72.4 }, { "unit", "%" },
        { "name", QStringLiteral("全市道路畅通率") }, { "name_en", "Road network free flow" }, { "target", 85 },
        { "better", "higher" } };
}

QJsonObject incidentObject()
{
    return QJsonObject { { "ts", kNow }, { "seq", 17 }, { "source", "hotline-12345" }, { "kind", "waterlogging" },
        { "severity", "major" }, { "status", "new" }, { "title", QStringLiteral("渭城区文林路积水约40厘米") },
        { "description", QStringLiteral("文林路与人民路交叉口积水，车辆绕行") }, { "district", "610404" },
        { "lon", 108.7262 }, { "lat", 34.3401 } };
}

QJsonObject statusObject()
{
    return QJsonObject { { "ts", kNow }, { "seq", 1 }, { "online", true }, { "kind", "simulator" },
        { "version", "0.1.0" } };
}

QJsonObject actionObject()
{
    return QJsonObject { { "ts", kNow }, { "seq", 4 }, { "action_id", "c1-000004" }, { "actor", "zhang.wei" },
        { "role", "dispatcher" }, { "console", "console-1" }, { "action", "acknowledge" }, { "base_version", 3 },
        { "note", "" } };
}

QJsonObject wallObject()
{
    return QJsonObject { { "ts", kNow }, { "seq", 12 }, { "page", "overview" },
        { "focus_incident", "INC-20261129-0007" }, { "console", "leader-1" }, { "role", "leader" } };
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    object.insert(key, value);
    return json(object);
}

QByteArray without(QJsonObject object, const QString& key)
{
    object.remove(key);
    return json(object);
}

// The object with `key` set to a literal JSON token the serializer cannot produce (1e999, 5.0, ...).
QByteArray withToken(QJsonObject object, const QString& key, const QByteArray& token)
{
    object.insert(key, QStringLiteral("@token@"));
    return json(object).replace("\"@token@\"", token);
}

QByteArray withMetricToken(const QString& metric, const QByteArray& token)
{
    QJsonObject values = telemetryObject().value(QLatin1String("values")).toObject();
    values.insert(metric, QStringLiteral("@token@"));
    return with(telemetryObject(), QStringLiteral("values"), values).replace("\"@token@\"", token);
}

QByteArray withMetrics(const QJsonObject& values)
{
    return with(telemetryObject(), QStringLiteral("values"), values);
}

// `levels` nested arrays: [[[...]]]
QByteArray nestedArrays(int levels)
{
    return QByteArray(levels, '[') + QByteArray(levels, ']');
}

QString describe(const FeedDecoder::Result& result)
{
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return outcome(result) + QStringLiteral(" (") + rejection->detail + u')';
    if (const auto* ignored = std::get_if<Ignored>(&result))
        return outcome(result) + QStringLiteral(" (") + ignored->why + u')';
    return outcome(result);
}

QString detailOf(const FeedDecoder::Result& result)
{
    const auto* rejection = std::get_if<Rejection>(&result);
    return rejection ? rejection->detail : QString();
}

QByteArray failureMessage(const FeedDecoder::Result& result, const QString& expected)
{
    return QStringLiteral("got %1, expected %2").arg(describe(result), expected).toUtf8();
}

} // namespace

// Compares the kind of result ("telemetry", "ignored", "out_of_range", ...) and shows the detail on failure.
#define COMPARE_OUTCOME(result, expected)                                                                              \
    QVERIFY2(outcome(result) == (expected), failureMessage((result), (expected)).constData())

class TestFeedDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reasonNamesAreTheContractsCounterNames()
    {
        const QStringList expected = { "oversize", "not_utf8", "malformed_json", "too_deep", "unknown_topic",
            "topic_mismatch", "missing_field", "wrong_type", "non_finite", "out_of_range", "bad_timestamp",
            "malformed_xml", "forbidden" };
        QCOMPARE(expected.size(), rejectReasonCount);
        for (int i = 0; i < rejectReasonCount; ++i)
            QCOMPARE(rejectReasonName(static_cast<RejectReason>(i)), expected.at(i));
    }

    // ---- valid messages, every field ----

    void decodesTelemetry()
    {
        const auto result = FeedDecoder().decode(kTelemetryTopic, json(telemetryObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("telemetry"));
        const auto& sample = std::get<TelemetrySample>(result);
        QCOMPARE(sample.sensorId, QStringLiteral("aqs-0001"));
        QCOMPARE(sample.domain, QStringLiteral("air"));
        QCOMPARE(sample.district, QStringLiteral("610404"));
        QCOMPARE(sample.tsMs, kNow);
        QCOMPARE(sample.seq, 5012);
        QCOMPARE(sample.lon, 108.7051);
        QCOMPARE(sample.lat, 34.3312);
        // Sorted by metric name.
        const std::vector<std::pair<QString, double>> values
            = { { "aqi", 87 }, { "no2", 41.5 }, { "o3", 72.0 }, { "pm10", 98.0 }, { "pm25", 61.2 } };
        QCOMPARE(sample.values, values);
    }

    void telemetryValuesAreSortedByMetricName()
    {
        const QByteArray payload = R"({"ts":1795912200250,"seq":1,"lon":108.7,"lat":34.3,
            "values":{"speed":42.5,"flow":1200,"congestion":3.5}})";
        const auto result = FeedDecoder().decode(
            kScheme.telemetry(QStringLiteral("traffic"), QStringLiteral("610402"), QStringLiteral("t-1")), payload,
            kNow);
        COMPARE_OUTCOME(result, QStringLiteral("telemetry"));
        const std::vector<std::pair<QString, double>> values
            = { { "congestion", 3.5 }, { "flow", 1200 }, { "speed", 42.5 } };
        QCOMPARE(std::get<TelemetrySample>(result).values, values);
    }

    void telemetryAcceptsUnknownFiniteMetrics()
    {
        const auto result = FeedDecoder().decode(
            kTelemetryTopic, withMetrics(QJsonObject { { "humidity", 55 }, { "pm1", -1e300 } }), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("telemetry"));
        const std::vector<std::pair<QString, double>> values = { { "humidity", 55 }, { "pm1", -1e300 } };
        QCOMPARE(std::get<TelemetrySample>(result).values, values);
    }

    void decodesIndicator()
    {
        const auto result = FeedDecoder().decode(kIndicatorTopic, json(indicatorObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("indicator"));
        const auto& update = std::get<IndicatorUpdate>(result);
        QCOMPARE(update.id, QStringLiteral("road.freeflow"));
        QCOMPARE(update.name, QStringLiteral("全市道路畅通率"));
        QCOMPARE(update.nameEn, QStringLiteral("Road network free flow"));
        QCOMPARE(update.unit, QStringLiteral("%"));
        QCOMPARE(update.value, 72.4);
        QVERIFY(update.hasTarget);
        QCOMPARE(update.target, 85.0);
        QVERIFY(update.higherIsBetter);
        QCOMPARE(update.tsMs, kNow - 250); // 08:30:00+08:00 has no milliseconds
        QCOMPARE(update.seq, 88);
    }

    void indicatorOptionalFieldsDefault()
    {
        QJsonObject object = indicatorObject();
        object.remove(QStringLiteral("name_en"));
        object.remove(QStringLiteral("target"));
        object.remove(QStringLiteral("better"));
        object.insert(QStringLiteral("unit"), QString());
        const auto result = FeedDecoder().decode(kIndicatorTopic, json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("indicator"));
        const auto& update = std::get<IndicatorUpdate>(result);
        QVERIFY(update.nameEn.isEmpty());
        QVERIFY(update.unit.isEmpty());
        QVERIFY(!update.hasTarget);
        QVERIFY(update.higherIsBetter);
    }

    void indicatorLowerIsBetter()
    {
        const auto result
            = FeedDecoder().decode(kIndicatorTopic, with(indicatorObject(), QStringLiteral("better"), "lower"), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("indicator"));
        QVERIFY(!std::get<IndicatorUpdate>(result).higherIsBetter);
    }

    void decodesIncidentEvent()
    {
        const auto result = FeedDecoder().decode(kIncidentTopic, json(incidentObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        const auto& event = std::get<IncidentEvent>(result);
        QCOMPARE(event.id, QStringLiteral("INC-20261129-0007"));
        QCOMPARE(event.source, QStringLiteral("hotline-12345"));
        QCOMPARE(event.seq, 17);
        QCOMPARE(event.tsMs, kNow);
        QCOMPARE(event.kind, QStringLiteral("waterlogging"));
        QCOMPARE(event.severity, Severity::Major);
        QCOMPARE(event.status, QStringLiteral("new"));
        QCOMPARE(event.title, QStringLiteral("渭城区文林路积水约40厘米"));
        QCOMPARE(event.description, QStringLiteral("文林路与人民路交叉口积水，车辆绕行"));
        QCOMPARE(event.district, QStringLiteral("610404"));
        QCOMPARE(event.lon, 108.7262);
        QCOMPARE(event.lat, 34.3401);
    }

    void incidentDescriptionIsOptional()
    {
        const auto result
            = FeedDecoder().decode(kIncidentTopic, without(incidentObject(), QStringLiteral("description")), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QVERIFY(std::get<IncidentEvent>(result).description.isEmpty());
    }

    void incidentSeverityAndStatusNames_data()
    {
        QTest::addColumn<QString>("severityName");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<QString>("status");
        QTest::newRow("critical") << "critical" << Severity::Critical << "new";
        QTest::newRow("major") << "major" << Severity::Major << "update";
        QTest::newRow("moderate") << "moderate" << Severity::Moderate << "closed";
        QTest::newRow("minor") << "minor" << Severity::Minor << "update";
    }

    void incidentSeverityAndStatusNames()
    {
        QFETCH(QString, severityName);
        QFETCH(Severity, severity);
        QFETCH(QString, status);
        QJsonObject object = incidentObject();
        object.insert(QStringLiteral("severity"), severityName);
        object.insert(QStringLiteral("status"), status);
        const auto result = FeedDecoder().decode(kIncidentTopic, json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QCOMPARE(std::get<IncidentEvent>(result).severity, severity);
        QCOMPARE(std::get<IncidentEvent>(result).status, status);
    }

    void decodesStatus()
    {
        const auto result = FeedDecoder().decode(kStatusTopic, json(statusObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("status"));
        const auto& status = std::get<PresenceStatus>(result);
        QCOMPARE(status.clientId, QStringLiteral("citybrain-sim"));
        QCOMPARE(status.kind, QStringLiteral("simulator"));
        QVERIFY(status.online);
        QCOMPARE(status.tsMs, kNow);
    }

    void decodesLastWill()
    {
        QJsonObject object = statusObject();
        object.insert(QStringLiteral("online"), false);
        object.insert(QStringLiteral("kind"), QStringLiteral("wall"));
        object.remove(QStringLiteral("version"));
        const auto result = FeedDecoder().decode(kScheme.status(QStringLiteral("wall-node-2")), json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("status"));
        QVERIFY(!std::get<PresenceStatus>(result).online);
        QCOMPARE(std::get<PresenceStatus>(result).clientId, QStringLiteral("wall-node-2"));
        QCOMPARE(std::get<PresenceStatus>(result).kind, QStringLiteral("wall"));
    }

    void payloadIdsEqualToTheTopicAreAccepted()
    {
        QJsonObject object = telemetryObject();
        object.insert(QStringLiteral("id"), QStringLiteral("aqs-0001"));
        object.insert(QStringLiteral("sensor"), QStringLiteral("aqs-0001"));
        object.insert(QStringLiteral("district"), QStringLiteral("610404"));
        object.insert(QStringLiteral("domain"), QStringLiteral("air"));
        object.insert(QStringLiteral("source"), QStringLiteral("gw-weicheng"));
        COMPARE_OUTCOME(FeedDecoder().decode(kTelemetryTopic, json(object), kNow), QStringLiteral("telemetry"));
        COMPARE_OUTCOME(FeedDecoder().decode(kIncidentTopic,
                            with(incidentObject(), QStringLiteral("incident"), "INC-20261129-0007"), kNow),
            QStringLiteral("incident"));
    }

    void customPrefix()
    {
        const FeedDecoder decoder { TopicScheme(QStringLiteral("city/xy/v1")) };
        COMPARE_OUTCOME(decoder.decode(QStringLiteral("city/xy/v1/status/citybrain-sim"), json(statusObject()), kNow),
            QStringLiteral("status"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, json(statusObject()), kNow), QStringLiteral("unknown_topic"));
    }

    // ---- timestamps ----

    void timestampForms_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("epoch ms") << QByteArray("1795912200250") << kNow;
        QTest::newRow("epoch ms written 1.7959122002500e12") << QByteArray("1.7959122002500e12") << kNow;
        QTest::newRow("+08:00 with ms") << QByteArray(R"("2026-11-29T08:30:00.250+08:00")") << kNow;
        QTest::newRow("Z with ms") << QByteArray(R"("2026-11-29T00:30:00.250Z")") << kNow;
        QTest::newRow("lower-case t and z") << QByteArray(R"("2026-11-29t00:30:00.250z")") << kNow;
        QTest::newRow("negative offset") << QByteArray(R"("2026-11-28T19:30:00.250-05:00")") << kNow;
        QTest::newRow("half-hour offset") << QByteArray(R"("2026-11-29T06:00:00.250+05:30")") << kNow;
        QTest::newRow("no fraction") << QByteArray(R"("2026-11-29T08:30:00+08:00")") << kNow - 250;
        QTest::newRow("one fraction digit") << QByteArray(R"("2026-11-29T00:30:00.2Z")") << kNow - 50;
        QTest::newRow("nanoseconds truncated") << QByteArray(R"("2026-11-29T00:30:00.250999999Z")") << kNow;
        QTest::newRow("day rolls back across the offset")
            << QByteArray(R"("2026-11-29T07:00:00+08:00")") << kNow - 90 * kMinute - 250;
    }

    void timestampForms()
    {
        QFETCH(QByteArray, token);
        QFETCH(qint64, expectedMs);
        const auto result
            = FeedDecoder().decode(kStatusTopic, withToken(statusObject(), QStringLiteral("ts"), token), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("status"));
        QCOMPARE(std::get<PresenceStatus>(result).tsMs, expectedMs);
    }

    // Calendar arithmetic against QDateTime, with a window wide enough to accept any date.
    void rfc3339Calendar_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
        };
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << utc(1970, 1, 1, 0, 0, 0, 0);
        QTest::newRow("before epoch") << "1969-12-31T23:59:59.5Z" << utc(1969, 12, 31, 23, 59, 59, 500);
        QTest::newRow("leap day 2000") << "2000-02-29T23:59:59.999Z" << utc(2000, 2, 29, 23, 59, 59, 999);
        QTest::newRow("leap day 2028") << "2028-02-29T12:00:00+08:00" << utc(2028, 2, 29, 4, 0, 0, 0);
        QTest::newRow("March after 2100") << "2100-03-01T00:00:00Z" << utc(2100, 3, 1, 0, 0, 0, 0);
        QTest::newRow("new year across zone") << "2027-01-01T07:59:59+08:00" << utc(2026, 12, 31, 23, 59, 59, 0);
        QTest::newRow("leap second") << "2016-12-31T23:59:60Z" << utc(2017, 1, 1, 0, 0, 0, 0);
        QTest::newRow("-00:00 means UTC") << "2026-06-30T10:00:00-00:00" << utc(2026, 6, 30, 10, 0, 0, 0);
        QTest::newRow("+23:59") << "2026-06-30T23:59:00+23:59" << utc(2026, 6, 30, 0, 0, 0, 0);
    }

    void rfc3339Calendar()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        FeedDecoder::Limits wide;
        wide.maxPastMs = 1000LL * 365 * kDay;
        wide.maxFutureMs = 1000LL * 365 * kDay;
        const FeedDecoder decoder(TopicScheme(), wide);
        const auto result = decoder.decode(kStatusTopic, with(statusObject(), QStringLiteral("ts"), text), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("status"));
        QCOMPARE(std::get<PresenceStatus>(result).tsMs, expected.toMSecsSinceEpoch());
    }

    // Strings that are not RFC 3339 date-times with a zone; checked with a window that accepts any date so
    // that the format, not the window, is what rejects them.
    void badTimestampFormats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no zone") << "2026-11-29T08:30:00";
        QTest::newRow("no zone with ms") << "2026-11-29T08:30:00.250";
        QTest::newRow("date only") << "2026-11-29";
        QTest::newRow("no seconds") << "2026-11-29T08:30Z";
        QTest::newRow("space separator") << "2026-11-29 08:30:00Z";
        QTest::newRow("29 February 2027") << "2027-02-29T00:00:00Z";
        QTest::newRow("31 November") << "2026-11-31T00:00:00Z";
        QTest::newRow("month 13") << "2026-13-01T00:00:00Z";
        QTest::newRow("month 0") << "2026-00-01T00:00:00Z";
        QTest::newRow("day 0") << "2026-11-00T00:00:00Z";
        QTest::newRow("hour 24") << "2026-11-29T24:00:00Z";
        QTest::newRow("minute 60") << "2026-11-29T23:60:00Z";
        QTest::newRow("second 61") << "2026-11-29T23:59:61Z";
        QTest::newRow("offset without minutes") << "2026-11-29T08:30:00+08";
        QTest::newRow("offset without colon") << "2026-11-29T08:30:00+0800";
        QTest::newRow("one-digit offset") << "2026-11-29T08:30:00+8:00";
        QTest::newRow("offset 24h") << "2026-11-29T08:30:00+24:00";
        QTest::newRow("dot without digits") << "2026-11-29T08:30:00.Z";
        QTest::newRow("comma fraction") << "2026-11-29T08:30:00,250Z";
        QTest::newRow("trailing text") << "2026-11-29T08:30:00Z now";
        QTest::newRow("two zones") << "2026-11-29T08:30:00Z+08:00";
        QTest::newRow("leading space") << " 2026-11-29T08:30:00Z";
        QTest::newRow("full-width digits") << QStringLiteral("２０２６-11-29T08:30:00Z");
        QTest::newRow("epoch ms as a string") << "1795912200250";
        QTest::newRow("empty") << "";
        QTest::newRow("words") << "yesterday";
    }

    void badTimestampFormats()
    {
        QFETCH(QString, text);
        FeedDecoder::Limits wide;
        wide.maxPastMs = 1000LL * 365 * kDay;
        wide.maxFutureMs = 1000LL * 365 * kDay;
        const auto result = FeedDecoder(TopicScheme(), wide)
                                .decode(kStatusTopic, with(statusObject(), QStringLiteral("ts"), text), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("bad_timestamp"));
        QVERIFY2(detailOf(result).startsWith(QLatin1String("ts: not an RFC 3339")), qPrintable(detailOf(result)));
    }

    void timestampWindow_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<bool>("accepted");
        const auto ms = [](qint64 v) { return QByteArray::number(v); };
        QTest::newRow("now + 5 min") << ms(kNow + 5 * kMinute) << true;
        QTest::newRow("now + 5 min + 1 ms") << ms(kNow + 5 * kMinute + 1) << false;
        QTest::newRow("now - 7 days") << ms(kNow - 7 * kDay) << true;
        QTest::newRow("now - 7 days - 1 ms") << ms(kNow - 7 * kDay - 1) << false;
        QTest::newRow("string now + 5 min") << QByteArray(R"("2026-11-29T08:35:00.250+08:00")") << true;
        QTest::newRow("string now + 5 min + 1 ms") << QByteArray(R"("2026-11-29T08:35:00.251+08:00")") << false;
        QTest::newRow("string now - 7 days") << QByteArray(R"("2026-11-22T00:30:00.250Z")") << true;
        QTest::newRow("string now - 7 days - 1 ms") << QByteArray(R"("2026-11-22T00:30:00.249Z")") << false;
        QTest::newRow("epoch seconds by mistake") << ms(kNow / 1000) << false;
        QTest::newRow("epoch microseconds by mistake") << ms(kNow * 1000) << false;
        QTest::newRow("zero") << QByteArray("0") << false;
        QTest::newRow("negative") << QByteArray("-1") << false;
        QTest::newRow("beyond 64 bits") << QByteArray("1e20") << false;
        // Found by fuzz_feed under UBSan: the rejection's text overflowed computing how far in the past.
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << false;
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << false;
        QTest::newRow("last year") << QByteArray(R"("2025-11-29T08:30:00+08:00")") << false;
    }

    void timestampWindow()
    {
        QFETCH(QByteArray, token);
        QFETCH(bool, accepted);
        const auto result
            = FeedDecoder().decode(kIncidentTopic, withToken(incidentObject(), QStringLiteral("ts"), token), kNow);
        COMPARE_OUTCOME(result, accepted ? QStringLiteral("incident") : QStringLiteral("bad_timestamp"));
    }

    // ---- one row per way to reject, the asserted reason and the field the detail names ----

    void rejections_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        QTest::addColumn<QString>("field");

        const QString tel = kTelemetryTopic;
        const QString ind = kIndicatorTopic;
        const QString inc = kIncidentTopic;
        const QString sta = kStatusTopic;
        const QJsonObject t = telemetryObject();
        const QJsonObject i = indicatorObject();
        const QJsonObject e = incidentObject();
        const QJsonObject s = statusObject();
        const auto row = [](const char* name, const QString& topic, const QByteArray& payload, RejectReason reason,
                             const char* field) {
            QTest::newRow(name) << topic << payload << reason << QString::fromLatin1(field);
        };

        // oversize
        row("oversize", tel, QByteArray(256 * 1024 + 1, ' '), RejectReason::Oversize, "payload");

        // unknown_topic
        row("other version", QStringLiteral("xy/v2/status/citybrain-sim"), json(s), RejectReason::UnknownTopic,
            "topic");
        row("unknown domain", QStringLiteral("xy/v1/telemetry/weather/610404/s1"), json(t), RejectReason::UnknownTopic,
            "topic");
        row("district not digits", QStringLiteral("xy/v1/telemetry/air/61040a/s1"), json(t), RejectReason::UnknownTopic,
            "topic");
        row("district 5 digits", QStringLiteral("xy/v1/telemetry/air/61040/s1"), json(t), RejectReason::UnknownTopic,
            "topic");
        row("bad id", QStringLiteral("xy/v1/indicator/a+b"), json(i), RejectReason::UnknownTopic, "topic");
        row("empty topic", QString(), json(s), RejectReason::UnknownTopic, "topic");

        // not_utf8
        row("invalid byte", tel, QByteArray("{\"ts\":1,\"x\":\"\xff\"}"), RejectReason::NotUtf8, "payload");
        row("overlong slash", tel, QByteArray("{\"ts\":1,\"x\":\"\xc0\xaf\"}"), RejectReason::NotUtf8, "payload");
        row("encoded surrogate", tel, QByteArray("{\"x\":\"\xed\xa0\x80\"}"), RejectReason::NotUtf8, "payload");
        row("beyond U+10FFFF", tel, QByteArray("{\"x\":\"\xf4\x90\x80\x80\"}"), RejectReason::NotUtf8, "payload");
        row("truncated sequence", tel, QByteArray("{\"x\":\"\xe6\xb8\"}"), RejectReason::NotUtf8, "payload");
        row("latin-1 text", inc,
            with(e, QStringLiteral("title"), QStringLiteral("Caf\u00e9")).replace("\xc3\xa9", "\xe9"),
            RejectReason::NotUtf8, "payload");
        row("escaped lone surrogate in title", inc, withToken(e, QStringLiteral("title"), R"("fire \ud83d")"),
            RejectReason::NotUtf8, "title");

        // too_deep
        row("17 levels", tel, withToken(t, QStringLiteral("extra"), nestedArrays(16)), RejectReason::TooDeep,
            "payload");
        row("17 levels of objects", sta,
            withToken(
                s, QStringLiteral("extra"), QByteArray(15, ' ').replace(' ', "{\"a\":") + "{}" + QByteArray(15, '}')),
            RejectReason::TooDeep, "payload");

        // malformed_json
        row("unterminated", tel, "{\"ts\":", RejectReason::MalformedJson, "payload");
        row("array at top level", tel, "[]", RejectReason::MalformedJson, "payload");
        row("number at top level", tel, "42", RejectReason::MalformedJson, "payload");
        row("string at top level", tel, "\"text\"", RejectReason::MalformedJson, "payload");
        row("null at top level", tel, "null", RejectReason::MalformedJson, "payload");
        row("whitespace only", tel, "   ", RejectReason::MalformedJson, "payload");
        row("two objects", tel, json(t) + json(t), RejectReason::MalformedJson, "payload");
        row("single quotes", tel, "{'ts':1}", RejectReason::MalformedJson, "payload");
        row("NaN literal", tel, withToken(t, QStringLiteral("lon"), "NaN"), RejectReason::MalformedJson, "payload");
        row("Infinity literal", tel, withToken(t, QStringLiteral("lon"), "Infinity"), RejectReason::MalformedJson,
            "payload");
        row("leading zero", tel, withToken(t, QStringLiteral("lon"), "0108.7"), RejectReason::MalformedJson, "payload");
        row("trailing comma", tel, "{\"ts\":1,}", RejectReason::MalformedJson, "payload");
        row("1e999 at top level", tel, "1e999", RejectReason::MalformedJson, "payload");

        // topic_mismatch
        row("telemetry id", tel, with(t, QStringLiteral("id"), "aqs-0002"), RejectReason::TopicMismatch, "id");
        row("telemetry sensor", tel, with(t, QStringLiteral("sensor"), "aqs-0002"), RejectReason::TopicMismatch,
            "sensor");
        row("telemetry district", tel, with(t, QStringLiteral("district"), "610402"), RejectReason::TopicMismatch,
            "district");
        row("telemetry domain", tel, with(t, QStringLiteral("domain"), "water"), RejectReason::TopicMismatch, "domain");
        row("indicator id", ind, with(i, QStringLiteral("id"), "road.other"), RejectReason::TopicMismatch, "id");
        row("indicator field", ind, with(i, QStringLiteral("indicator"), "x"), RejectReason::TopicMismatch,
            "indicator");
        row("incident id", inc, with(e, QStringLiteral("id"), "INC-1"), RejectReason::TopicMismatch, "id");
        row("incident field", inc, with(e, QStringLiteral("incident"), "INC-1"), RejectReason::TopicMismatch,
            "incident");
        row("status client", sta, with(s, QStringLiteral("client"), "other"), RejectReason::TopicMismatch, "client");
        row("id differs only in case", inc, with(e, QStringLiteral("id"), "inc-20261129-0007"),
            RejectReason::TopicMismatch, "id");

        // missing_field: every required field of every feed
        const std::pair<const char*, QJsonObject> feeds[]
            = { { "telemetry", t }, { "indicator", i }, { "incident", e }, { "status", s } };
        const QString topics[] = { tel, ind, inc, sta };
        const QStringList required[] = {
            { "ts", "seq", "lon", "lat", "values" },
            { "ts", "seq", "value", "unit", "name" },
            { "ts", "seq", "source", "kind", "severity", "status", "title", "district", "lon", "lat" },
            { "ts", "seq", "online", "kind" },
        };
        for (int f = 0; f < 4; ++f) {
            for (const QString& key : required[f]) {
                const QByteArray name = QByteArray(feeds[f].first) + " without " + key.toLatin1();
                QTest::newRow(name.constData())
                    << topics[f] << without(feeds[f].second, key) << RejectReason::MissingField << key;
            }
        }
        row("empty object", sta, "{}", RejectReason::MissingField, "ts");

        // wrong_type
        row("lon as string", tel, with(t, QStringLiteral("lon"), "108.7"), RejectReason::WrongType, "lon");
        row("lat null", tel, with(t, QStringLiteral("lat"), QJsonValue::Null), RejectReason::WrongType, "lat");
        row("values array", tel, with(t, QStringLiteral("values"), QJsonArray { 1, 2 }), RejectReason::WrongType,
            "values");
        row("metric as string", tel, withMetrics(QJsonObject { { "pm25", "61.2" } }), RejectReason::WrongType,
            "values.pm25");
        row("metric as bool", tel, withMetrics(QJsonObject { { "aqi", true } }), RejectReason::WrongType, "values.aqi");
        row("metric as object", tel, withMetrics(QJsonObject { { "aqi", QJsonObject { { "v", 1 } } } }),
            RejectReason::WrongType, "values.aqi");
        row("seq as string", tel, with(t, QStringLiteral("seq"), "5012"), RejectReason::WrongType, "seq");
        row("seq fractional", tel, with(t, QStringLiteral("seq"), 1.5), RejectReason::WrongType, "seq");
        row("ts bool", tel, with(t, QStringLiteral("ts"), true), RejectReason::WrongType, "ts");
        row("ts object", tel, with(t, QStringLiteral("ts"), QJsonObject()), RejectReason::WrongType, "ts");
        row("ts fractional ms", tel, withToken(t, QStringLiteral("ts"), "1795912200250.5"), RejectReason::WrongType,
            "ts");
        row("telemetry source number", tel, with(t, QStringLiteral("source"), 7), RejectReason::WrongType, "source");
        row("sensor id number", tel, with(t, QStringLiteral("sensor"), 1), RejectReason::WrongType, "sensor");
        row("indicator value string", ind, with(i, QStringLiteral("value"), "72.4"), RejectReason::WrongType, "value");
        row("indicator unit null", ind, with(i, QStringLiteral("unit"), QJsonValue::Null), RejectReason::WrongType,
            "unit");
        row("indicator name number", ind, with(i, QStringLiteral("name"), 1), RejectReason::WrongType, "name");
        row("indicator name_en bool", ind, with(i, QStringLiteral("name_en"), false), RejectReason::WrongType,
            "name_en");
        row("indicator target string", ind, with(i, QStringLiteral("target"), "85"), RejectReason::WrongType, "target");
        row("indicator target null", ind, with(i, QStringLiteral("target"), QJsonValue::Null), RejectReason::WrongType,
            "target");
        row("indicator better bool", ind, with(i, QStringLiteral("better"), true), RejectReason::WrongType, "better");
        row("incident source number", inc, with(e, QStringLiteral("source"), 12345), RejectReason::WrongType, "source");
        row("incident kind array", inc, with(e, QStringLiteral("kind"), QJsonArray()), RejectReason::WrongType, "kind");
        row("incident severity number", inc, with(e, QStringLiteral("severity"), 2), RejectReason::WrongType,
            "severity");
        row("incident status null", inc, with(e, QStringLiteral("status"), QJsonValue::Null), RejectReason::WrongType,
            "status");
        row("incident title object", inc, with(e, QStringLiteral("title"), QJsonObject()), RejectReason::WrongType,
            "title");
        row("incident description number", inc, with(e, QStringLiteral("description"), 1), RejectReason::WrongType,
            "description");
        row("incident district number", inc, with(e, QStringLiteral("district"), 610404), RejectReason::WrongType,
            "district");
        row("status online string", sta, with(s, QStringLiteral("online"), "true"), RejectReason::WrongType, "online");
        row("status online number", sta, with(s, QStringLiteral("online"), 1), RejectReason::WrongType, "online");
        row("status kind bool", sta, with(s, QStringLiteral("kind"), true), RejectReason::WrongType, "kind");
        row("status version number", sta, with(s, QStringLiteral("version"), 1), RejectReason::WrongType, "version");

        // non_finite
        row("metric 1e999", tel, withMetricToken(QStringLiteral("pm25"), "1e999"), RejectReason::NonFinite,
            "values.pm25");
        row("lon -1e999", tel, withToken(t, QStringLiteral("lon"), "-1e999"), RejectReason::NonFinite, "lon");
        row("ts 1e999", sta, withToken(s, QStringLiteral("ts"), "1e999"), RejectReason::NonFinite, "ts");
        row("seq 1E400", sta, withToken(s, QStringLiteral("seq"), "1E400"), RejectReason::NonFinite, "seq");
        row("indicator value 1e999", ind, withToken(i, QStringLiteral("value"), "1e999"), RejectReason::NonFinite,
            "value");
        row("huge integer literal", ind, withToken(i, QStringLiteral("target"), "1" + QByteArray(400, '0')),
            RejectReason::NonFinite, "target");
        row("inside an array", inc, withToken(e, QStringLiteral("extra"), "[1,[2,3e999]]"), RejectReason::NonFinite,
            "extra[1][1]");
        row("in an ignored feed", kWallTopic, withToken(wallObject(), QStringLiteral("zoom"), "1e999"),
            RejectReason::NonFinite, "zoom");

        // out_of_range
        row("lon 180.5", tel, with(t, QStringLiteral("lon"), 180.5), RejectReason::OutOfRange, "lon");
        row("lon -180.5", inc, with(e, QStringLiteral("lon"), -180.5), RejectReason::OutOfRange, "lon");
        row("lat 90.5", tel, with(t, QStringLiteral("lat"), 90.5), RejectReason::OutOfRange, "lat");
        row("lat -91", inc, with(e, QStringLiteral("lat"), -91), RejectReason::OutOfRange, "lat");
        row("aqi negative", tel, withMetrics(QJsonObject { { "aqi", -1 } }), RejectReason::OutOfRange, "values.aqi");
        row("pm25 too high", tel, withMetrics(QJsonObject { { "pm25", 5000.5 } }), RejectReason::OutOfRange,
            "values.pm25");
        row("values empty", tel, withMetrics(QJsonObject()), RejectReason::OutOfRange, "values");
        row("empty metric name", tel, withMetrics(QJsonObject { { "", 1 } }), RejectReason::OutOfRange, "values.");
        row("seq negative", tel, with(t, QStringLiteral("seq"), -1), RejectReason::OutOfRange, "seq");
        row("seq beyond 64 bits", tel, withToken(t, QStringLiteral("seq"), "1e20"), RejectReason::OutOfRange, "seq");
        row("underflow 1e-999", tel, withToken(t, QStringLiteral("lat"), "1e-999"), RejectReason::OutOfRange, "lat");
        row("title 201 chars", inc, with(e, QStringLiteral("title"), QString(201, u'火')), RejectReason::OutOfRange,
            "title");
        row("title empty", inc, with(e, QStringLiteral("title"), ""), RejectReason::OutOfRange, "title");
        row("description 4001 chars", inc, with(e, QStringLiteral("description"), QString(4001, u'x')),
            RejectReason::OutOfRange, "description");
        row("severity unknown", inc, with(e, QStringLiteral("severity"), "urgent"), RejectReason::OutOfRange,
            "severity");
        row("severity in capitals", inc, with(e, QStringLiteral("severity"), "Major"), RejectReason::OutOfRange,
            "severity");
        row("severity in Chinese", inc, with(e, QStringLiteral("severity"), QStringLiteral("重大")),
            RejectReason::OutOfRange, "severity");
        row("status unknown", inc, with(e, QStringLiteral("status"), "open"), RejectReason::OutOfRange, "status");
        row("source empty", inc, with(e, QStringLiteral("source"), ""), RejectReason::OutOfRange, "source");
        row("kind empty", inc, with(e, QStringLiteral("kind"), ""), RejectReason::OutOfRange, "kind");
        row("district 5 digits", inc, with(e, QStringLiteral("district"), "61040"), RejectReason::OutOfRange,
            "district");
        row("district letters", inc, with(e, QStringLiteral("district"), "abcdef"), RejectReason::OutOfRange,
            "district");
        row("district full-width digits", inc, with(e, QStringLiteral("district"), QStringLiteral("６１０４０４")),
            RejectReason::OutOfRange, "district");
        row("better unknown", ind, with(i, QStringLiteral("better"), "up"), RejectReason::OutOfRange, "better");
        row("better empty", ind, with(i, QStringLiteral("better"), ""), RejectReason::OutOfRange, "better");
        row("indicator name empty", ind, with(i, QStringLiteral("name"), ""), RejectReason::OutOfRange, "name");
        row("status kind unknown", sta, with(s, QStringLiteral("kind"), "console"), RejectReason::OutOfRange, "kind");

        // bad_timestamp (the formats and the window have their own tests)
        row("ts without zone", inc, with(e, QStringLiteral("ts"), "2026-11-29T08:30:00"), RejectReason::BadTimestamp,
            "ts");
        row("ts an hour ahead", tel, with(t, QStringLiteral("ts"), kNow + 60 * kMinute), RejectReason::BadTimestamp,
            "ts");
    }

    void rejections()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        QFETCH(QString, field);
        const auto result = FeedDecoder().decode(topic, payload, kNow);
        COMPARE_OUTCOME(result, rejectReasonName(reason));
        const QString detail = detailOf(result);
        QVERIFY2(detail.startsWith(field + QLatin1String(": ")), qPrintable(detail));
    }

    // ---- boundaries: exactly at a limit is accepted, the next double outside is rejected ----

    void metricBoundaries_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("accepted");
        const struct
        {
            const char* metric;
            double low;
            double high;
        } table[] = { { "aqi", 0, 1000 }, { "pm25", 0, 5000 }, { "pm10", 0, 5000 }, { "no2", 0, 5000 },
            { "o3", 0, 5000 }, { "flow", 0, 20000 }, { "speed", 0, 250 }, { "congestion", 0, 10 },
            { "level", -50, 500 }, { "laeq", 0, 200 }, { "load", 0, 100000 } };
        constexpr double inf = std::numeric_limits<double>::infinity();
        for (const auto& m : table) {
            const QByteArray name(m.metric);
            const QString metric = QString::fromLatin1(name);
            QTest::newRow(name + " at low") << metric << m.low << true;
            QTest::newRow(name + " at high") << metric << m.high << true;
            QTest::newRow(name + " below low") << metric << std::nextafter(m.low, -inf) << false;
            QTest::newRow(name + " above high") << metric << std::nextafter(m.high, inf) << false;
        }
    }

    void metricBoundaries()
    {
        QFETCH(QString, metric);
        QFETCH(double, value);
        QFETCH(bool, accepted);
        const auto result = FeedDecoder().decode(kTelemetryTopic, withMetrics(QJsonObject { { metric, value } }), kNow);
        if (!accepted) {
            COMPARE_OUTCOME(result, QStringLiteral("out_of_range"));
            return;
        }
        COMPARE_OUTCOME(result, QStringLiteral("telemetry"));
        QCOMPARE(std::get<TelemetrySample>(result).values.at(0).second, value);
    }

    void coordinateBoundaries_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("accepted");
        constexpr double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("lon -180") << "lon" << -180.0 << true;
        QTest::newRow("lon 180") << "lon" << 180.0 << true;
        QTest::newRow("lon below -180") << "lon" << std::nextafter(-180.0, -inf) << false;
        QTest::newRow("lon above 180") << "lon" << std::nextafter(180.0, inf) << false;
        QTest::newRow("lat -90") << "lat" << -90.0 << true;
        QTest::newRow("lat 90") << "lat" << 90.0 << true;
        QTest::newRow("lat below -90") << "lat" << std::nextafter(-90.0, -inf) << false;
        QTest::newRow("lat above 90") << "lat" << std::nextafter(90.0, inf) << false;
    }

    void coordinateBoundaries()
    {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(bool, accepted);
        const auto telemetry = FeedDecoder().decode(kTelemetryTopic, with(telemetryObject(), key, value), kNow);
        const auto incident = FeedDecoder().decode(kIncidentTopic, with(incidentObject(), key, value), kNow);
        COMPARE_OUTCOME(telemetry, accepted ? QStringLiteral("telemetry") : QStringLiteral("out_of_range"));
        COMPARE_OUTCOME(incident, accepted ? QStringLiteral("incident") : QStringLiteral("out_of_range"));
    }

    void sequenceBoundaries()
    {
        const FeedDecoder decoder;
        const auto zero = decoder.decode(kTelemetryTopic, with(telemetryObject(), QStringLiteral("seq"), 0), kNow);
        COMPARE_OUTCOME(zero, QStringLiteral("telemetry"));
        QCOMPARE(std::get<TelemetrySample>(zero).seq, 0);
        const auto max = decoder.decode(
            kTelemetryTopic, withToken(telemetryObject(), QStringLiteral("seq"), "9223372036854775807"), kNow);
        COMPARE_OUTCOME(max, QStringLiteral("telemetry"));
        QCOMPARE(std::get<TelemetrySample>(max).seq, std::numeric_limits<qint64>::max());
        const auto whole
            = decoder.decode(kTelemetryTopic, withToken(telemetryObject(), QStringLiteral("seq"), "5.0"), kNow);
        COMPARE_OUTCOME(whole, QStringLiteral("telemetry"));
        QCOMPARE(std::get<TelemetrySample>(whole).seq, 5);
    }

    void textLengthBoundaries_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        const QString fireEngine = QStringLiteral("\U0001F692"); // one character, two UTF-16 units
        QTest::newRow("title 200 CJK") << "title" << QString(200, u'火') << true;
        QTest::newRow("title 201 CJK") << "title" << QString(201, u'火') << false;
        QTest::newRow("title 200 chars incl. emoji") << "title" << QString(199, u'火') + fireEngine << true;
        QTest::newRow("title 201 chars incl. emoji") << "title" << QString(200, u'火') + fireEngine << false;
        QTest::newRow("title 100 emoji") << "title" << fireEngine.repeated(100) << true;
        QTest::newRow("description 4000") << "description" << QString(4000, u'x') << true;
        QTest::newRow("description 4001") << "description" << QString(4001, u'x') << false;
        QTest::newRow("description empty") << "description" << QString() << true;
    }

    void textLengthBoundaries()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        const auto result = FeedDecoder().decode(kIncidentTopic, with(incidentObject(), key, text), kNow);
        if (!accepted) {
            COMPARE_OUTCOME(result, QStringLiteral("out_of_range"));
            return;
        }
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        const auto& event = std::get<IncidentEvent>(result);
        QCOMPARE(key == QLatin1String("title") ? event.title : event.description, text);
    }

    void payloadSizeBoundary()
    {
        // A valid payload padded with whitespace to exactly the limit is accepted; one byte more is not.
        QByteArray payload = json(statusObject());
        payload.append(QByteArray(256 * 1024 - payload.size(), ' '));
        QCOMPARE(payload.size(), 256 * 1024);
        COMPARE_OUTCOME(FeedDecoder().decode(kStatusTopic, payload, kNow), QStringLiteral("status"));
        payload.append(' ');
        COMPARE_OUTCOME(FeedDecoder().decode(kStatusTopic, payload, kNow), QStringLiteral("oversize"));
    }

    void depthBoundary()
    {
        // The top-level object is level 1: 15 nested arrays inside it make 16 levels.
        COMPARE_OUTCOME(FeedDecoder().decode(kTelemetryTopic,
                            withToken(telemetryObject(), QStringLiteral("extra"), nestedArrays(15)), kNow),
            QStringLiteral("telemetry"));
        COMPARE_OUTCOME(FeedDecoder().decode(kTelemetryTopic,
                            withToken(telemetryObject(), QStringLiteral("extra"), nestedArrays(16)), kNow),
            QStringLiteral("too_deep"));
    }

    void leadersAnnotateTheTimeline()
    {
        const QString topic = QStringLiteral("xy/v1/annotation/leader-1-abc");
        const QJsonObject valid { { "ts", kNow }, { "seq", 3 }, { "at", kNow - 60000 },
            { "text", QStringLiteral("<b>暴雨</b>：渭城区泵站全部启动") }, { "author", "leader-1" },
            { "role", "leader" }, { "console", "leader-1" } };
        const FeedDecoder::Result result = FeedDecoder().decode(topic, json(valid), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("annotation"));
        const Annotation& annotation = std::get<Annotation>(result);
        QCOMPARE(annotation.id, QStringLiteral("leader-1-abc"));
        QCOMPARE(annotation.atMs, kNow - 60000);
        QCOMPARE(annotation.text, QStringLiteral("<b>暴雨</b>：渭城区泵站全部启动")); // verbatim, shown as plain text
        QVERIFY(!annotation.removed);

        QJsonObject dispatcher = valid;
        dispatcher.insert("role", "dispatcher");
        COMPARE_OUTCOME(FeedDecoder().decode(topic, json(dispatcher), kNow), QStringLiteral("forbidden"));
        QJsonObject tooLong = valid;
        tooLong.insert("text", QString(501, u'字'));
        COMPARE_OUTCOME(FeedDecoder().decode(topic, json(tooLong), kNow), QStringLiteral("out_of_range"));
        QJsonObject noText = valid;
        noText.remove("text");
        COMPARE_OUTCOME(FeedDecoder().decode(topic, json(noText), kNow), QStringLiteral("missing_field"));

        const FeedDecoder::Result removed = FeedDecoder().decode(topic, QByteArray(), kNow);
        COMPARE_OUTCOME(removed, QStringLiteral("annotation"));
        QVERIFY(std::get<Annotation>(removed).removed);
    }

    void customLimits()
    {
        FeedDecoder::Limits limits;
        limits.maxPayloadBytes = 120;
        limits.maxDepth = 2;
        limits.maxFutureMs = 1000;
        limits.maxPastMs = 2000;
        const FeedDecoder decoder(TopicScheme(), limits);
        QByteArray payload = json(statusObject());
        QVERIFY(payload.size() <= 120);
        payload.append(QByteArray(120 - payload.size(), ' '));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, payload, kNow), QStringLiteral("status"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, payload + ' ', kNow), QStringLiteral("oversize"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, withToken(statusObject(), QStringLiteral("x"), "[1]"), kNow),
            QStringLiteral("status"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, withToken(statusObject(), QStringLiteral("x"), "[[1]]"), kNow),
            QStringLiteral("too_deep"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, json(statusObject()), kNow - 1000), QStringLiteral("status"));
        COMPARE_OUTCOME(
            decoder.decode(kStatusTopic, json(statusObject()), kNow - 1001), QStringLiteral("bad_timestamp"));
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, json(statusObject()), kNow + 2000), QStringLiteral("status"));
        // Retained presence has no past limit; a live feed keeps it.
        COMPARE_OUTCOME(decoder.decode(kStatusTopic, json(statusObject()), kNow + 2001), QStringLiteral("status"));
    }

    // ---- console actions (the codec's own rules: tst_incidentactionjson) ----

    void decodesIncidentAction()
    {
        QJsonObject object = actionObject();
        object.insert("action", "dispatch");
        object.insert("unit_type", "fire");
        object.insert("unit_id", QStringLiteral("秦都消防3"));
        const auto result = FeedDecoder().decode(kActionTopic, json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("action"));
        const auto& action = std::get<IncidentAction>(result);
        QCOMPARE(action.incidentId, QStringLiteral("INC-20261129-0007"));
        QCOMPARE(action.actionId, QStringLiteral("c1-000004"));
        QCOMPARE(action.actor, QStringLiteral("zhang.wei"));
        QCOMPARE(action.role, QStringLiteral("dispatcher"));
        QCOMPARE(action.console, QStringLiteral("console-1"));
        QCOMPARE(action.kind, ActionKind::Dispatch);
        QCOMPARE(action.baseVersion, 3);
        QCOMPARE(action.tsMs, kNow);
        QCOMPARE(action.seq, 4);
        QCOMPARE(action.unitType, UnitType::Fire);
        QCOMPARE(action.unitId, QStringLiteral("秦都消防3"));
    }

    void theContractExampleActionDecodes()
    {
        const auto result = FeedDecoder().decode(kActionTopic, json(actionObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("action"));
        QCOMPARE(std::get<IncidentAction>(result).kind, ActionKind::Acknowledge);
    }

    void aRoleMayTakeOnlyItsActions_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("expected");
        for (const char* action : { "escalate", "close", "cancel" }) {
            QTest::newRow(qPrintable(QStringLiteral("dispatcher %1").arg(QLatin1String(action))))
                << "dispatcher" << action << "forbidden";
            QTest::newRow(qPrintable(QStringLiteral("leader %1").arg(QLatin1String(action))))
                << "leader" << action << "action";
        }
        for (const char* action : { "acknowledge", "resolve" }) {
            QTest::newRow(qPrintable(QStringLiteral("dispatcher %1").arg(QLatin1String(action))))
                << "dispatcher" << action << "action";
        }
    }

    void aRoleMayTakeOnlyItsActions()
    {
        QFETCH(QString, role);
        QFETCH(QString, action);
        QFETCH(QString, expected);
        QJsonObject object = actionObject();
        object.insert("role", role);
        object.insert("action", action);
        COMPARE_OUTCOME(FeedDecoder().decode(kActionTopic, json(object), kNow), expected);
    }

    void aForbiddenActionNamesTheActorAndTheConsole()
    {
        QJsonObject object = actionObject();
        object.insert("action", "close");
        const auto result = FeedDecoder().decode(kActionTopic, json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("forbidden"));
        const QString detail = detailOf(result);
        QVERIFY2(detail.startsWith(QLatin1String("action: ")), qPrintable(detail));
        QVERIFY2(detail.contains(QLatin1String("zhang.wei")) && detail.contains(QLatin1String("console-1"))
                && detail.contains(QLatin1String("close")),
            qPrintable(detail));
    }

    void theWallTakesNoActions()
    {
        QJsonObject object = actionObject();
        object.insert("role", "wall");
        const auto result = FeedDecoder().decode(kActionTopic, json(object), kNow);
        // A person's doing, not garbage: forbidden, naming who tried.
        COMPARE_OUTCOME(result, QStringLiteral("forbidden"));
        QVERIFY2(detailOf(result).contains(QLatin1String("\"wall\""))
                && detailOf(result).contains(QLatin1String("console-1")),
            qPrintable(detailOf(result)));
    }

    void actionsAreALiveFeed_data()
    {
        QTest::addColumn<qint64>("tsMs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << kNow << "action";
        QTest::newRow("7 days old") << kNow - 7 * kDay << "action";
        QTest::newRow("older than 7 days") << kNow - 7 * kDay - 1 << "bad_timestamp";
        QTest::newRow("5 minutes ahead") << kNow + 5 * kMinute << "action";
        QTest::newRow("further ahead") << kNow + 5 * kMinute + 1 << "bad_timestamp";
    }

    void actionsAreALiveFeed()
    {
        QFETCH(qint64, tsMs);
        QFETCH(QString, expected);
        COMPARE_OUTCOME(
            FeedDecoder().decode(kActionTopic, with(actionObject(), QStringLiteral("ts"), tsMs), kNow), expected);
    }

    void actionOrderOfChecks_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        QJsonObject mismatchAndBadTs = actionObject();
        mismatchAndBadTs.insert("incident", "INC-2");
        mismatchAndBadTs.insert("ts", "soon");
        QTest::newRow("topic mismatch before ts") << json(mismatchAndBadTs) << RejectReason::TopicMismatch;
        QJsonObject oldAndNoActor = actionObject();
        oldAndNoActor.remove("actor");
        oldAndNoActor.insert("ts", kNow - 8 * kDay);
        QTest::newRow("ts window before fields") << json(oldAndNoActor) << RejectReason::BadTimestamp;
        QJsonObject closeByDispatcher = actionObject();
        closeByDispatcher.insert("action", "close");
        closeByDispatcher.insert("base_version", -1);
        QTest::newRow("fields before the role's rights") << json(closeByDispatcher) << RejectReason::OutOfRange;
        QTest::newRow("empty object") << QByteArray("{}") << RejectReason::MissingField;
    }

    void actionOrderOfChecks()
    {
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        COMPARE_OUTCOME(FeedDecoder().decode(kActionTopic, payload, kNow), rejectReasonName(reason));
    }

    void retainedStateIsAcceptedAtAnyAgeButLiveFeedsAreNot()
    {
        const qint64 later = kNow + 30 * kDay; // a last will written a month ago, delivered now
        COMPARE_OUTCOME(FeedDecoder().decode(kStatusTopic, json(statusObject()), later), QStringLiteral("status"));
        COMPARE_OUTCOME(
            FeedDecoder().decode(kIndicatorTopic, json(indicatorObject()), later), QStringLiteral("indicator"));
        COMPARE_OUTCOME(
            FeedDecoder().decode(kIncidentTopic, json(incidentObject()), later), QStringLiteral("bad_timestamp"));
        COMPARE_OUTCOME(
            FeedDecoder().decode(kTelemetryTopic, json(telemetryObject()), later), QStringLiteral("bad_timestamp"));
    }

    // ---- nesting ----

    void hundredThousandLevelsAreRejectedQuickly_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("balanced arrays in a field") << QByteArray("{\"a\":" + nestedArrays(100000) + "}");
        QTest::newRow("unbalanced arrays") << QByteArray(100000, '[');
        QTest::newRow("objects") << QByteArray(50000, ' ').replace(" ", "{\"a\":");
    }

    void hundredThousandLevelsAreRejectedQuickly()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(payload.size() <= 256 * 1024);
        QElapsedTimer timer;
        timer.start();
        const auto result = FeedDecoder().decode(kTelemetryTopic, payload, kNow);
        const qint64 elapsedMs = timer.elapsed();
        COMPARE_OUTCOME(result, QStringLiteral("too_deep"));
        // The scan stops at level 17 and never reaches the recursive parser; generous for a debug build.
        QVERIFY2(elapsedMs < 200, qPrintable(QStringLiteral("took %1 ms").arg(elapsedMs)));
    }

    void bracketsInsideStringsDoNotCount()
    {
        // Escaped quotes and trailing backslashes must not end the string for the depth scan.
        const QString title = QStringLiteral("\"[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{{ \\");
        QJsonObject object = incidentObject();
        object.insert(QStringLiteral("title"), title);
        object.insert(QStringLiteral("description"), QString(3000, u'['));
        const auto result = FeedDecoder().decode(kIncidentTopic, json(object), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QCOMPARE(std::get<IncidentEvent>(result).title, title);
    }

    // ---- plain text ----

    void richTextIsKeptVerbatim_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("html") << QStringLiteral("<b>火警</b><img src=x onerror=alert(1)>");
        QTest::newRow("entities") << QStringLiteral("A &amp; B &lt;i&gt;");
        QTest::newRow("markdown") << QStringLiteral("**紧急** [link](http://example.com)");
        QTest::newRow("control and nul") << QStringLiteral("a\u0000b\tc\u001b[31m");
    }

    void richTextIsKeptVerbatim()
    {
        QFETCH(QString, title);
        const auto result
            = FeedDecoder().decode(kIncidentTopic, with(incidentObject(), QStringLiteral("title"), title), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QCOMPARE(std::get<IncidentEvent>(result).title, title);
    }

    // ---- wall control ----

    void wallControlIsDecoded()
    {
        const auto result = FeedDecoder().decode(kWallTopic, json(wallObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("wall"));
        const WallControl& control = std::get<WallControl>(result);
        QCOMPARE(control.focusIncident, QStringLiteral("INC-20261129-0007"));
        QCOMPARE(control.page, QStringLiteral("overview"));
        QCOMPARE(control.console, QStringLiteral("leader-1"));
        QCOMPARE(control.tsMs, kNow);
        QVERIFY(!control.wallId.isEmpty());
    }

    void aWallControlMayPinItsPage_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("pinned");
        QTest::newRow("absent") << json(wallObject()) << false;
        QTest::newRow("true") << with(wallObject(), QStringLiteral("pinned"), true) << true;
        QTest::newRow("false") << with(wallObject(), QStringLiteral("pinned"), false) << false;
    }

    void aWallControlMayPinItsPage()
    {
        QFETCH(QByteArray, payload);
        QFETCH(bool, pinned);
        const auto result = FeedDecoder().decode(kWallTopic, payload, kNow);
        COMPARE_OUTCOME(result, QStringLiteral("wall"));
        QCOMPARE(std::get<WallControl>(result).pinned, pinned);
    }

    void wallControlIsValidated_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        QJsonObject noConsole = wallObject();
        noConsole.remove("console");
        QTest::newRow("no console") << json(noConsole) << RejectReason::MissingField;
        QTest::newRow("focus not an id") << with(wallObject(), QStringLiteral("focus_incident"), "a b/c")
                                         << RejectReason::OutOfRange;
        QTest::newRow("page not a string") << with(wallObject(), QStringLiteral("page"), 7) << RejectReason::WrongType;
        QTest::newRow("pinned a string") << with(wallObject(), QStringLiteral("pinned"), "true")
                                         << RejectReason::WrongType;
        QTest::newRow("pinned a number") << with(wallObject(), QStringLiteral("pinned"), 1) << RejectReason::WrongType;
        QTest::newRow("pinned null") << with(wallObject(), QStringLiteral("pinned"), QJsonValue::Null)
                                     << RejectReason::WrongType;
    }

    void wallControlIsValidated()
    {
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        COMPARE_OUTCOME(FeedDecoder().decode(kWallTopic, payload, kNow), rejectReasonName(reason));
    }

    // ---- ignored traffic ----

    void ignored_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        for (const QString& topic :
            { kTelemetryTopic, kIndicatorTopic, kIncidentTopic, kStatusTopic, kActionTopic, kWallTopic }) {
            QTest::newRow(qPrintable(QStringLiteral("empty on ") + topic)) << topic << QByteArray();
        }
    }

    void ignored()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        const auto result = FeedDecoder().decode(topic, payload, kNow);
        COMPARE_OUTCOME(result, QStringLiteral("ignored"));
        QVERIFY(!std::get<Ignored>(result).why.isEmpty());
    }

    void ignoredFeedsAreStillValidated_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        QTest::newRow("action oversize") << kActionTopic << QByteArray(256 * 1024 + 1, ' ') << RejectReason::Oversize;
        QTest::newRow("action not utf8") << kActionTopic << QByteArray("{\"note\":\"\xff\"}") << RejectReason::NotUtf8;
        QTest::newRow("action malformed") << kActionTopic << QByteArray("{\"note\":") << RejectReason::MalformedJson;
        QTest::newRow("action array") << kActionTopic << QByteArray("[]") << RejectReason::MalformedJson;
        QTest::newRow("wall too deep") << kWallTopic << QByteArray("{\"a\":" + nestedArrays(20) + "}")
                                       << RejectReason::TooDeep;
        QTest::newRow("wall not utf8") << kWallTopic << QByteArray("{\"page\":\"\xc3\"}") << RejectReason::NotUtf8;
        QTest::newRow("wall control, unknown wall id")
            << QStringLiteral("xy/v1/wall/a b/control") << json(wallObject()) << RejectReason::UnknownTopic;
    }

    void ignoredFeedsAreStillValidated()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        COMPARE_OUTCOME(FeedDecoder().decode(topic, payload, kNow), rejectReasonName(reason));
    }

    // ---- which reason wins when a payload has several faults ----

    void orderOfChecks_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        const QString unknown = QStringLiteral("xy/v1/nothing");
        QTest::newRow("oversize before unknown topic")
            << unknown << QByteArray(256 * 1024 + 1, '\xff') << RejectReason::Oversize;
        QTest::newRow("unknown topic before empty payload") << unknown << QByteArray() << RejectReason::UnknownTopic;
        QTest::newRow("unknown topic before not utf8") << unknown << QByteArray("\xff") << RejectReason::UnknownTopic;
        QTest::newRow("not utf8 before too deep")
            << kTelemetryTopic << QByteArray(nestedArrays(30) + "\xff") << RejectReason::NotUtf8;
        QTest::newRow("too deep before malformed") << kTelemetryTopic << QByteArray(30, '{') << RejectReason::TooDeep;
        QTest::newRow("malformed before fields")
            << kTelemetryTopic << QByteArray("{\"ts\":true,") << RejectReason::MalformedJson;
        QTest::newRow("topic mismatch before missing field")
            << kTelemetryTopic << QByteArray("{\"sensor\":\"other\"}") << RejectReason::TopicMismatch;
        QTest::newRow("ts before seq") << kStatusTopic
                                       << QByteArray("{\"ts\":\"soon\",\"seq\":-1,\"online\":true,\"kind\":\"wall\"}")
                                       << RejectReason::BadTimestamp;
        QTest::newRow("seq before lon") << kTelemetryTopic
                                        << QByteArray(
                                               R"({"ts":1795912200250,"seq":-5,"lon":"x","lat":0,"values":{"aqi":1}})")
                                        << RejectReason::OutOfRange;
    }

    void orderOfChecks()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        COMPARE_OUTCOME(FeedDecoder().decode(topic, payload, kNow), rejectReasonName(reason));
    }

    // ---- external feeds: NGSI entities and CAP alerts ----

    void routesNgsiObservationsToTelemetry()
    {
        const auto result = FeedDecoder().decode(kNgsiAirTopic, json(ngsiAirObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("telemetry"));
        const auto& sample = std::get<TelemetrySample>(result);
        QCOMPARE(sample.sensorId, QStringLiteral("urn:ngsi-ld:AirQualityObserved:xy-aqs-0001"));
        QCOMPARE(sample.domain, QStringLiteral("air"));
        QCOMPARE(sample.district, QStringLiteral("610402"));
        QCOMPARE(sample.values.size(), std::size_t(1));
        QCOMPARE(sample.values.front().first, QStringLiteral("aqi"));
    }

    void routesNgsiAlertsToIncidents()
    {
        const auto result = FeedDecoder().decode(kNgsiAlertTopic, json(ngsiAlertObject()), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QCOMPARE(std::get<IncidentEvent>(result).id, QStringLiteral("NGSI-urn_ngsi-ld_Alert_xy-0001"));
    }

    void ngsiTimeWindowFollowsTheLimits()
    {
        FeedDecoder::Limits limits;
        limits.maxFutureMs = 0;
        const QByteArray ahead = with(ngsiAirObject(), QStringLiteral("dateObserved"), "2026-11-29T00:30:01Z");
        COMPARE_OUTCOME(
            FeedDecoder(kScheme, limits).decode(kNgsiAirTopic, ahead, kNow), QStringLiteral("bad_timestamp"));
    }

    void routesCapToTheXmlDecoder_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not well-formed") << QByteArray("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">")
                                         << QStringLiteral("malformed_xml");
        QTest::newRow("JSON is not XML") << json(incidentObject()) << QStringLiteral("malformed_xml");
        // The JSON bracket scan does not run on XML: deep brackets are text, not nesting.
        QTest::newRow("brackets are no nesting") << QByteArray(nestedArrays(40)) << QStringLiteral("malformed_xml");
        QTest::newRow("oversize") << QByteArray(256 * 1024 + 1, '<') << QStringLiteral("oversize");
        QTest::newRow("not utf8") << QByteArray("<alert>\xff</alert>") << QStringLiteral("not_utf8");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("ignored");
    }

    void routesCapToTheXmlDecoder()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, expected);
        COMPARE_OUTCOME(FeedDecoder().decode(kCapTopic, payload, kNow), expected);
    }

    void capSampleDecodesToAnIncident()
    {
        QFile file(QStringLiteral(CITYBRAIN_TEST_DATA "/cap/oasis-cap12-A2-severe-thunderstorm-warning.xml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        FeedDecoder::Limits limits;
        limits.maxPastMs = 30LL * 365 * kDay; // sent in 2003
        const auto result = FeedDecoder(kScheme, limits)
                                .decode(kScheme.cap(QStringLiteral("KSTO@NWS.NOAA.GOV")), file.readAll(), kNow);
        COMPARE_OUTCOME(result, QStringLiteral("incident"));
        QVERIFY(std::get<IncidentEvent>(result).cap.has_value());
    }

    // ---- robustness ----

    void mutatedPayloadsNeverCrash()
    {
        const std::pair<QString, QByteArray> seeds[] = {
            { kTelemetryTopic, json(telemetryObject()) },
            { kIndicatorTopic, json(indicatorObject()) },
            { kIncidentTopic, json(incidentObject()) },
            { kStatusTopic, json(statusObject()) },
            { kActionTopic, json(actionObject()) },
            { kWallTopic, json(wallObject()) },
        };
        static const char interesting[] = { '{', '}', '[', ']', '"', '\\', ':', ',', '0', '-', 'e', '.', ' ', '\x00',
            '\x80', '\xbf', '\xc3', '\xe6', '\xed', '\xf4', '\xff' };
        QRandomGenerator random(20261129);
        QSet<QString> outcomes;
        int rejected = 0;
        for (int iteration = 0; iteration < 5000; ++iteration) {
            const auto& seed = seeds[random.bounded(int(std::size(seeds)))];
            QByteArray payload = seed.second;
            const int mutations = 1 + random.bounded(4);
            for (int m = 0; m < mutations && !payload.isEmpty(); ++m) {
                const qsizetype at = random.bounded(payload.size());
                switch (random.bounded(6)) {
                case 0:
                    payload[at] = char(random.bounded(256));
                    break;
                case 1:
                    payload.insert(at, interesting[random.bounded(int(std::size(interesting)))]);
                    break;
                case 2:
                    payload.remove(at, 1 + random.bounded(8));
                    break;
                case 3:
                    payload.insert(at, payload.mid(random.bounded(payload.size()), 1 + random.bounded(16)));
                    break;
                case 4:
                    payload.truncate(at);
                    break;
                default:
                    payload.insert(at, QByteArray(1 + random.bounded(40), interesting[random.bounded(4)]));
                    break;
                }
            }
            const auto result = FeedDecoder().decode(seed.first, payload, kNow);
            QVERIFY2(!result.valueless_by_exception(), payload.toHex().constData());
            if (const auto* rejection = std::get_if<Rejection>(&result)) {
                QVERIFY2(!rejection->detail.isEmpty(), payload.toHex().constData());
                ++rejected;
            }
            outcomes.insert(outcome(result));
        }
        // The mutations reach deep into the decoder: many reasons and some accepted messages.
        QVERIFY2(rejected > 1000, qPrintable(QString::number(rejected)));
        QVERIFY2(outcomes.size() >= 10, qPrintable(QStringList(outcomes.values()).join(u',')));
        QVERIFY(outcomes.contains(QStringLiteral("telemetry")));
        QVERIFY(outcomes.contains(QStringLiteral("malformed_json")));
        QVERIFY(outcomes.contains(QStringLiteral("not_utf8")));
    }

    void randomBytesNeverCrash()
    {
        const QString topics[] = { kTelemetryTopic, kIndicatorTopic, kIncidentTopic, kStatusTopic, kActionTopic,
            kWallTopic, QStringLiteral("xy/v1/x") };
        QRandomGenerator random(610404);
        int rejected = 0;
        for (int iteration = 0; iteration < 2000; ++iteration) {
            QByteArray payload(random.bounded(512), Qt::Uninitialized);
            for (char& c : payload)
                c = char(random.bounded(256));
            const auto result = FeedDecoder().decode(topics[random.bounded(int(std::size(topics)))], payload, kNow);
            QVERIFY(!result.valueless_by_exception());
            rejected += std::holds_alternative<Rejection>(result) ? 1 : 0;
        }
        // Random bytes are almost never a JSON object; only empty payloads are Ignored.
        QVERIFY2(rejected > 1950, qPrintable(QString::number(rejected)));
    }

    void oneDecoderIsSharedByThreads()
    {
        const FeedDecoder decoder;
        const QByteArray telemetry = json(telemetryObject());
        const QByteArray incident = json(incidentObject());
        const QByteArray bad = with(incidentObject(), QStringLiteral("lat"), 91);
        std::atomic<int> wrong { 0 };
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&] {
                for (int n = 0; n < 2000; ++n) {
                    const auto a = decoder.decode(kTelemetryTopic, telemetry, kNow);
                    const auto b = decoder.decode(kIncidentTopic, incident, kNow);
                    const auto c = decoder.decode(kIncidentTopic, bad, kNow);
                    const auto* sample = std::get_if<TelemetrySample>(&a);
                    const auto* event = std::get_if<IncidentEvent>(&b);
                    const auto* rejection = std::get_if<Rejection>(&c);
                    if (!sample || sample->seq != 5012 || sample->values.size() != 5 || !event
                        || event->title != QStringLiteral("渭城区文林路积水约40厘米") || !rejection
                        || rejection->reason != RejectReason::OutOfRange)
                        ++wrong;
                }
            }));
            threads.back()->start();
        }
        for (auto& thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(wrong.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFeedDecoder)
#include "tst_feeddecoder.moc"
