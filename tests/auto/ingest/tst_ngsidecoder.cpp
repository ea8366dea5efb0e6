#include "ngsidecoder.h"

#include "feeddecoder.h"
#include "topicscheme.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtNumeric>

#include <cmath>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::RejectReason)
Q_DECLARE_METATYPE(citybrain::Severity)

namespace {

// 2026-11-29T00:30:00.250Z = 08:30:00.250 in Xianyang, the contract's example instant.
constexpr qint64 kNow = 1795912200250;
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kDay = 24 * 3600 * 1000;

const TopicScheme kScheme;

qint64 utc(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC).toMSecsSinceEpoch();
}

// The sample times (the models' zone-less times are UTC).
const qint64 kAirTime = utc(2016, 3, 15, 11, 0);
const qint64 kAlertTime = utc(2017, 1, 2, 9, 25, 55);
const qint64 kNoiseTime = utc(2016, 12, 28, 12, 0);
const qint64 kTrafficEnd = utc(2016, 12, 7, 11, 15);
const qint64 kTrafficStart = utc(2016, 12, 7, 11, 10);
const qint64 kWaterTime = utc(2017, 1, 31, 6, 45);

QByteArray readSample(const QString& file)
{
    QFile f(QStringLiteral(CITYBRAIN_TEST_DATA "/ngsi/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

QJsonObject parse(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

// Decodes an entity on the topic its own id and type name.
NgsiDecoder::Result decodeEntity(const QJsonObject& entity, qint64 nowMs = kNow)
{
    return NgsiDecoder().decode(
        entity, entity.value(QLatin1String("type")).toString(), entity.value(QLatin1String("id")).toString(), nowMs);
}

NgsiDecoder::Result decodeSample(const QString& file, qint64 nowMs)
{
    return decodeEntity(parse(readSample(file)), nowMs);
}

QString ngsiTopic(const QJsonObject& entity)
{
    return kScheme.ngsi(entity.value(QLatin1String("type")).toString(), entity.value(QLatin1String("id")).toString());
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject point(double lon, double lat)
{
    return QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { lon, lat } } };
}

// A Xianyang air-quality station in NGSI-LD keyValues form, observed 250 ms before kNow.
QJsonObject airEntity()
{
    return QJsonObject { { "id", "urn:ngsi-ld:AirQualityObserved:xy-aqs-0001" }, { "type", "AirQualityObserved" },
        { "dateObserved", "2026-11-29T08:30:00+08:00" }, { "location", point(108.70, 34.33) }, { "pm25", 61.2 },
        { "airQualityIndex", 87 } };
}

QJsonObject trafficEntity()
{
    return QJsonObject { { "id", "urn:ngsi-ld:TrafficFlowObserved:xy-tf-0001" }, { "type", "TrafficFlowObserved" },
        { "dateObserved", "2026-11-29T00:25:00Z/2026-11-29T00:30:00Z" }, { "location", point(108.70, 34.33) },
        { "intensity", 100 }, { "averageVehicleSpeed", 42.5 } };
}

// A Xianyang traffic-accident alert in NGSI-LD keyValues form, issued a minute before kNow.
QJsonObject alertEntity()
{
    return QJsonObject { { "id", "urn:ngsi-ld:Alert:xy-0001" }, { "type", "Alert" }, { "category", "traffic" },
        { "subCategory", "carAccident" }, { "severity", "high" }, { "dateIssued", "2026-11-29T08:29:00+08:00" },
        { "location", point(108.70, 34.33) },
        { "description", QStringLiteral("世纪大道与玉泉路口两车相撞\n占用两条车道") },
        { "alertSource", "xy-traffic-police" } };
}

QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString& key)
{
    object.remove(key);
    return object;
}

// The entity serialized with `key` set to a literal JSON token the serializer cannot produce (1e999, "\ud800").
QByteArray withToken(QJsonObject object, const QString& key, const QByteArray& token)
{
    object.insert(key, QStringLiteral("@token@"));
    return json(object).replace("\"@token@\"", token);
}

QString outcome(const NgsiDecoder::Result& result)
{
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return rejectReasonName(rejection->reason) + QStringLiteral(" (") + rejection->detail + u')';
    if (std::holds_alternative<TelemetrySample>(result))
        return QStringLiteral("telemetry");
    return QStringLiteral("incident");
}

QString outcome(const FeedDecoder::Result& result)
{
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return rejectReasonName(rejection->reason) + QStringLiteral(" (") + rejection->detail + u')';
    if (std::holds_alternative<TelemetrySample>(result))
        return QStringLiteral("telemetry");
    if (std::holds_alternative<IncidentEvent>(result))
        return QStringLiteral("incident");
    return QStringLiteral("other");
}

const TelemetrySample* sampleOf(const NgsiDecoder::Result& result)
{
    return std::get_if<TelemetrySample>(&result);
}

const IncidentEvent* eventOf(const NgsiDecoder::Result& result)
{
    return std::get_if<IncidentEvent>(&result);
}

// The value of one metric, NaN when absent.
double metric(const TelemetrySample& sample, const QString& name)
{
    for (const auto& [key, value] : sample.values) {
        if (key == name)
            return value;
    }
    return qQNaN();
}

bool hasMetric(const TelemetrySample& sample, const QString& name)
{
    return !std::isnan(metric(sample, name));
}

} // namespace

#define VERIFY_TELEMETRY(result)                                                                                       \
    QVERIFY2(sampleOf(result), qPrintable(outcome(result)));                                                           \
    const TelemetrySample& sample = *sampleOf(result)

#define VERIFY_INCIDENT(result)                                                                                        \
    QVERIFY2(eventOf(result), qPrintable(outcome(result)));                                                            \
    const IncidentEvent& event = *eventOf(result)

class TestNgsiDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---- the 20 Smart Data Models examples ----

    void samplesDecode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("tsMs");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        const auto rows = [](const char* model, const char* kind, qint64 ts, double lon, double lat) {
            for (const char* form : { "keyValues.json", "normalized.json", "keyValues.jsonld", "normalized.jsonld" }) {
                const QString file = QLatin1String(model) + u'.' + QLatin1String(form);
                QTest::newRow(qPrintable(file)) << file << QString::fromLatin1(kind) << ts << lon << lat;
            }
        };
        rows("AirQualityObserved", "telemetry", kAirTime, -3.712247222222222, 40.423852777777775);
        rows("Alert", "incident", kAlertTime, -3.712247222222222, 40.423852777777775);
        rows("NoiseLevelObserved", "telemetry", kNoiseTime, -2.698, 42.8491);
        rows("WaterQualityObserved", "telemetry", kWaterTime, -5.993307, 37.362882);
        // A LineString stands for its first position. The NGSI-LD normalized example gives only the
        // interval's start as dateObserved; the others give the interval, which stands for its end.
        for (const char* form : { "keyValues.json", "normalized.json", "keyValues.jsonld", "normalized.jsonld" }) {
            const QString file = QStringLiteral("TrafficFlowObserved.") + QLatin1String(form);
            const qint64 ts = file.endsWith(QLatin1String("normalized.jsonld")) ? kTrafficStart : kTrafficEnd;
            QTest::newRow(qPrintable(file))
                << file << QStringLiteral("telemetry") << ts << -4.73735395519672 << 41.6538181849672;
        }
    }

    void samplesDecode()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(qint64, tsMs);
        QFETCH(double, lon);
        QFETCH(double, lat);
        const auto result = decodeSample(file, tsMs + kMinute);
        QCOMPARE(outcome(result), kind);
        const QString entityId = parse(readSample(file)).value(QLatin1String("id")).toString();
        if (const TelemetrySample* sample = sampleOf(result)) {
            QCOMPARE(sample->sensorId, entityId);
            QCOMPARE(sample->tsMs, tsMs);
            QCOMPARE(sample->seq, qint64(0));
            QCOMPARE(sample->lon, lon);
            QCOMPARE(sample->lat, lat);
            QCOMPARE(sample->district, QString()); // Spain is outside Xianyang
        } else {
            const IncidentEvent* event = eventOf(result);
            QCOMPARE(event->id, NgsiDecoder::incidentId(entityId));
            QCOMPARE(event->tsMs, tsMs);
            QCOMPARE(event->lon, lon);
            QCOMPARE(event->lat, lat);
            QCOMPARE(event->district, QString());
        }
    }

    void sampleDomains_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<qint64>("tsMs");
        QTest::newRow("air") << "AirQualityObserved"
                             << "air" << kAirTime;
        QTest::newRow("traffic") << "TrafficFlowObserved"
                                 << "traffic" << kTrafficEnd;
        QTest::newRow("noise") << "NoiseLevelObserved"
                               << "noise" << kNoiseTime;
        QTest::newRow("water") << "WaterQualityObserved"
                               << "water" << kWaterTime;
    }

    void sampleDomains()
    {
        QFETCH(QString, model);
        QFETCH(QString, domain);
        QFETCH(qint64, tsMs);
        for (const char* form : { "keyValues.json", "normalized.json", "keyValues.jsonld", "normalized.jsonld" }) {
            const auto result = decodeSample(model + u'.' + QLatin1String(form), tsMs + kMinute);
            VERIFY_TELEMETRY(result);
            QCOMPARE(sample.domain, domain);
        }
    }

    // Key values of each telemetry sample, by metric name; names listed in `absent` must not appear.
    void sampleValues_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("tsMs");
        QTest::addColumn<QVariantMap>("expected");
        QTest::addColumn<QStringList>("absent");
        const QStringList forms = { "keyValues.json", "normalized.json", "keyValues.jsonld", "normalized.jsonld" };
        for (const QString& form : forms) {
            // airQualityIndex -> aqi; co's unit (GP, mg/m³) only matters for our µg/m³ metrics.
            QTest::newRow(qPrintable(QStringLiteral("AirQualityObserved.") + form))
                << QStringLiteral("AirQualityObserved.") + form << kAirTime
                << QVariantMap { { "aqi", 65 }, { "so2", 11 }, { "co", 500 }, { "temperature", 12.2 }, { "nox", 139 },
                       { "windspeed", 0.64 } }
                << QStringList { "airqualityindex", "airQualityIndex", "id", "type" };
            // 197 vehicles in 5 minutes = 2364 vehicles/h.
            QTest::newRow(qPrintable(QStringLiteral("TrafficFlowObserved.") + form))
                << QStringLiteral("TrafficFlowObserved.") + form
                << (form == QLatin1String("normalized.jsonld") ? kTrafficStart : kTrafficEnd)
                << QVariantMap { { "flow", 2364 }, { "speed", 52.6 }, { "occupancy", 0.76 },
                       { "averagevehiclelength", 9.87 } }
                << QStringList { "intensity", "averagevehiclespeed", "reversedlane" };
            QTest::newRow(qPrintable(QStringLiteral("NoiseLevelObserved.") + form))
                << QStringLiteral("NoiseLevelObserved.") + form << kNoiseTime
                << QVariantMap { { "laeq", 67.8 }, { "lamax", 94.5 }, { "las", 91.6 }, { "laeq_d", 65.4 } }
                << QStringList { "LAeq" };
            // Water "flow" and "NO2" (nitrite) are not the traffic flow and the air NO2.
            QTest::newRow(qPrintable(QStringLiteral("WaterQualityObserved.") + form))
                << QStringLiteral("WaterQualityObserved.") + form << kWaterTime
                << QVariantMap { { "ph", 7.4 }, { "temperature", 24.4 }, { "conductivity", 0.005 },
                       { "water_flow", 127.53 }, { "water_no2", 0.09 }, { "no3", 0.01 }, { "sulphate", 143.3 } }
                << QStringList { "flow", "no2", "pH", "measurand" };
        }
    }

    void sampleValues()
    {
        QFETCH(QString, file);
        QFETCH(qint64, tsMs);
        QFETCH(QVariantMap, expected);
        QFETCH(QStringList, absent);
        const auto result = decodeSample(file, tsMs + kMinute);
        VERIFY_TELEMETRY(result);
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
            QVERIFY2(hasMetric(sample, it.key()), qPrintable(it.key()));
            QCOMPARE(metric(sample, it.key()), it.value().toDouble());
        }
        for (const QString& name : absent)
            QVERIFY2(!hasMetric(sample, name), qPrintable(name));
    }

    void sampleValuesAreSortedAndUnique()
    {
        const auto result = decodeSample(QStringLiteral("WaterQualityObserved.keyValues.json"), kWaterTime + kMinute);
        VERIFY_TELEMETRY(result);
        for (std::size_t i = 1; i < sample.values.size(); ++i)
            QVERIFY(sample.values[i - 1].first < sample.values[i].first);
    }

    void booleansAreNotMetrics()
    {
        // v2 normalized WaterQualityObserved gives many elements as booleans ("As": false).
        const auto result = decodeSample(QStringLiteral("WaterQualityObserved.normalized.json"), kWaterTime + kMinute);
        VERIFY_TELEMETRY(result);
        QVERIFY(!hasMetric(sample, QStringLiteral("as")));
        QVERIFY(!hasMetric(sample, QStringLiteral("tkn")));
        QCOMPARE(metric(sample, QStringLiteral("fe")), 7.4);
    }

    void alertSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("id");
        QTest::newRow("v2 keyValues") << "Alert.keyValues.json"
                                      << "NGSI-Alert_1";
        QTest::newRow("v2 normalized") << "Alert.normalized.json"
                                       << "NGSI-Alert_1";
        QTest::newRow("LD keyValues") << "Alert.keyValues.jsonld"
                                      << "NGSI-urn_ngsi-ld_Alert_Alert_1";
        QTest::newRow("LD normalized") << "Alert.normalized.jsonld"
                                       << "NGSI-urn_ngsi-ld_Alert_Alert_1";
    }

    void alertSamples()
    {
        QFETCH(QString, file);
        QFETCH(QString, id);
        const auto result = decodeSample(file, kAlertTime + kMinute);
        VERIFY_INCIDENT(result);
        QCOMPARE(event.id, id);
        QVERIFY(TopicScheme::isValidId(event.id));
        QCOMPARE(event.source, QStringLiteral("https://account.lab.fiware.org/users/8"));
        QCOMPARE(event.seq, qint64(0));
        QCOMPARE(event.kind, QStringLiteral("traffic_jam"));
        QCOMPARE(event.severity, Severity::Major);
        QCOMPARE(event.status, QStringLiteral("new"));
        QCOMPARE(event.title, QStringLiteral("The road is completely blocked for 3kms"));
        QCOMPARE(event.description, QStringLiteral("The road is completely blocked for 3kms"));
        QVERIFY(!event.cap.has_value());
    }

    void alertSampleIsClosedAfterValidTo()
    {
        // validTo is an hour after dateIssued; the window still admits a day-old issue time.
        const auto result = decodeSample(QStringLiteral("Alert.normalized.jsonld"), kAlertTime + 2 * 3600 * 1000);
        VERIFY_INCIDENT(result);
        QCOMPARE(event.status, QStringLiteral("closed"));
    }

    // ---- own entities: mapping rules ----

    void xianyangLocationGetsItsDistrict()
    {
        const auto result = decodeEntity(airEntity());
        VERIFY_TELEMETRY(result);
        QCOMPARE(sample.district, QStringLiteral("610402"));
        QCOMPARE(sample.lon, 108.70);
        QCOMPARE(sample.lat, 34.33);
    }

    void xianyangAlertGetsItsDistrict()
    {
        const auto result = decodeEntity(alertEntity());
        VERIFY_INCIDENT(result);
        QCOMPARE(event.district, QStringLiteral("610402"));
    }

    void decodesXianyangAirEntity()
    {
        const auto result = decodeEntity(airEntity());
        VERIFY_TELEMETRY(result);
        QCOMPARE(sample.sensorId, QStringLiteral("urn:ngsi-ld:AirQualityObserved:xy-aqs-0001"));
        QCOMPARE(sample.domain, QStringLiteral("air"));
        QCOMPARE(sample.tsMs, kNow - 250);
        QCOMPARE(sample.values.size(), std::size_t(2));
        QCOMPARE(metric(sample, QStringLiteral("aqi")), 87.0);
        QCOMPARE(metric(sample, QStringLiteral("pm25")), 61.2);
    }

    void decodesXianyangAlert()
    {
        const auto result = decodeEntity(alertEntity());
        VERIFY_INCIDENT(result);
        QCOMPARE(event.id, QStringLiteral("NGSI-urn_ngsi-ld_Alert_xy-0001"));
        QCOMPARE(event.source, QStringLiteral("xy-traffic-police"));
        QCOMPARE(event.tsMs, kNow - 250 - kMinute);
        QCOMPARE(event.kind, QStringLiteral("traffic_accident"));
        QCOMPARE(event.severity, Severity::Major);
        QCOMPARE(event.status, QStringLiteral("new"));
        QCOMPARE(event.title, QStringLiteral("世纪大道与玉泉路口两车相撞")); // the first line
        QCOMPARE(event.description, QStringLiteral("世纪大道与玉泉路口两车相撞\n占用两条车道"));
    }

    void normalizedFormsAreUnwrapped_data()
    {
        QTest::addColumn<QJsonValue>("pm25");
        QTest::addColumn<double>("expected");
        QTest::newRow("keyValues") << QJsonValue(61.2) << 61.2;
        QTest::newRow("LD Property") << QJsonValue(QJsonObject { { "type", "Property" }, { "value", 61.2 } }) << 61.2;
        QTest::newRow("LD Property in µg/m³")
            << QJsonValue(QJsonObject { { "type", "Property" }, { "value", 61.2 }, { "unitCode", "GQ" } }) << 61.2;
        QTest::newRow("LD Property in mg/m³")
            << QJsonValue(QJsonObject { { "type", "Property" }, { "value", 0.0612 }, { "unitCode", "GP" } }) << 61.2;
        QTest::newRow("v2 Number") << QJsonValue(QJsonObject { { "type", "Number" }, { "value", 61.2 } }) << 61.2;
        QTest::newRow("v2 Number in mg/m³") << QJsonValue(QJsonObject { { "type", "Number" }, { "value", 0.0612 },
            { "metadata", QJsonObject { { "unitCode", QJsonObject { { "value", "GP" } } } } } })
                                            << 61.2;
    }

    void normalizedFormsAreUnwrapped()
    {
        QFETCH(QJsonValue, pm25);
        QFETCH(double, expected);
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("pm25"), pm25));
        VERIFY_TELEMETRY(result);
        QVERIFY(qFuzzyCompare(metric(sample, QStringLiteral("pm25")), expected));
    }

    void otherUnitsOfOurAirMetricsAreSkipped()
    {
        // 61 ppb (UN/CEFACT "61") is not convertible to µg/m³ without the gas and temperature.
        const QJsonObject ppb { { "type", "Property" }, { "value", 61 }, { "unitCode", "61" } };
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("no2"), ppb));
        VERIFY_TELEMETRY(result);
        QVERIFY(!hasMetric(sample, QStringLiteral("no2")));
    }

    void explicitMappingWinsOverLowerCasedName()
    {
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("AQI"), 5));
        VERIFY_TELEMETRY(result);
        QCOMPARE(metric(sample, QStringLiteral("aqi")), 87.0);
    }

    void intensityBecomesHourlyFlow()
    {
        const auto result = decodeEntity(trafficEntity());
        VERIFY_TELEMETRY(result);
        QCOMPARE(metric(sample, QStringLiteral("flow")), 1200.0); // 100 vehicles in 5 minutes
        QCOMPARE(metric(sample, QStringLiteral("speed")), 42.5);
        QCOMPARE(sample.tsMs, kNow - 250);
    }

    void intensityWithoutPeriodIsKeptAsCount()
    {
        const auto result = decodeEntity(with(trafficEntity(), QStringLiteral("dateObserved"), "2026-11-29T00:30:00Z"));
        VERIFY_TELEMETRY(result);
        QVERIFY(!hasMetric(sample, QStringLiteral("flow")));
        QCOMPARE(metric(sample, QStringLiteral("intensity")), 100.0);
    }

    void congestedIsAFlag_data()
    {
        QTest::addColumn<bool>("congested");
        QTest::addColumn<double>("expected");
        QTest::newRow("true") << true << 1.0;
        QTest::newRow("false") << false << 0.0;
    }

    void congestedIsAFlag()
    {
        QFETCH(bool, congested);
        QFETCH(double, expected);
        const auto result = decodeEntity(with(trafficEntity(), QStringLiteral("congested"), congested));
        VERIFY_TELEMETRY(result);
        QCOMPARE(metric(sample, QStringLiteral("congested")), expected);
        QVERIFY(!hasMetric(sample, QStringLiteral("congestion")));
    }

    void geometries_data()
    {
        QTest::addColumn<QJsonObject>("location");
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        const QJsonArray a { 108.70, 34.33 };
        const QJsonArray b { 108.72, 34.33 };
        const QJsonArray c { 108.72, 34.35 };
        const QJsonArray d { 108.70, 34.35 };
        QTest::newRow("Point") << point(108.70, 34.33) << 108.70 << 34.33;
        QTest::newRow("Point with altitude")
            << QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { 108.70, 34.33, 400 } } } << 108.70
            << 34.33;
        QTest::newRow("LineString") << QJsonObject { { "type", "LineString" }, { "coordinates", QJsonArray { b, a } } }
                                    << 108.72 << 34.33;
        QTest::newRow("MultiPoint") << QJsonObject { { "type", "MultiPoint" }, { "coordinates", QJsonArray { c, a } } }
                                    << 108.72 << 34.35;
        QTest::newRow("MultiLineString") << QJsonObject { { "type", "MultiLineString" },
            { "coordinates", QJsonArray { QJsonArray { d, a } } } }
                                         << 108.70 << 34.35;
        QTest::newRow("closed Polygon") << QJsonObject { { "type", "Polygon" },
            { "coordinates", QJsonArray { QJsonArray { a, b, c, d, a } } } }
                                        << 108.71 << 34.34;
        QTest::newRow("MultiPolygon") << QJsonObject { { "type", "MultiPolygon" },
            { "coordinates", QJsonArray { QJsonArray { QJsonArray { a, b, c, d, a } } } } }
                                      << 108.71 << 34.34;
        QTest::newRow("LD GeoProperty") << QJsonObject { { "type", "GeoProperty" }, { "value", point(108.70, 34.33) } }
                                        << 108.70 << 34.33;
        QTest::newRow("v2 geo:json") << QJsonObject { { "type", "geo:json" }, { "value", point(108.70, 34.33) } }
                                     << 108.70 << 34.33;
    }

    void geometries()
    {
        QFETCH(QJsonObject, location);
        QFETCH(double, lon);
        QFETCH(double, lat);
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("location"), location));
        VERIFY_TELEMETRY(result);
        QVERIFY2(std::abs(sample.lon - lon) < 1e-9, qPrintable(QString::number(sample.lon, 'g', 17)));
        QVERIFY2(std::abs(sample.lat - lat) < 1e-9, qPrintable(QString::number(sample.lat, 'g', 17)));
    }

    void timeForms_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<qint64>("tsMs");
        const qint64 t = kNow - 250;
        QTest::newRow("zone") << "dateObserved" << QJsonValue("2026-11-29T08:30:00+08:00") << t;
        QTest::newRow("no zone is UTC") << "dateObserved" << QJsonValue("2026-11-29T00:30:00") << t;
        QTest::newRow("interval end") << "dateObserved" << QJsonValue("2026-11-29T00:20:00Z/2026-11-29T00:30:00Z") << t;
        QTest::newRow("@value") << "dateObserved"
                                << QJsonValue(
                                       QJsonObject { { "@type", "DateTime" }, { "@value", "2026-11-29T00:30:00Z" } })
                                << t;
        QTest::newRow("LD Property")
            << "dateObserved"
            << QJsonValue(QJsonObject { { "type", "Property" },
                   { "value", QJsonObject { { "@type", "DateTime" }, { "@value", "2026-11-29T00:30:00Z" } } } })
            << t;
        QTest::newRow("v2 DateTime") << "dateObserved"
                                     << QJsonValue(QJsonObject {
                                            { "type", "DateTime" }, { "value", "2026-11-29T00:30:00.000Z" } })
                                     << t;
        QTest::newRow("dateObservedTo") << "dateObservedTo" << QJsonValue("2026-11-29T00:30:00Z") << t;
        QTest::newRow("dateObservedFrom") << "dateObservedFrom" << QJsonValue("2026-11-29T00:30:00Z") << t;
    }

    void timeForms()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(qint64, tsMs);
        const auto result = decodeEntity(with(without(airEntity(), QStringLiteral("dateObserved")), key, value));
        VERIFY_TELEMETRY(result);
        QCOMPARE(sample.tsMs, tsMs);
    }

    void latestObservedAtWithoutDateObserved()
    {
        QJsonObject entity = without(airEntity(), QStringLiteral("dateObserved"));
        entity.insert(QStringLiteral("pm25"),
            QJsonObject { { "type", "Property" }, { "value", 61.2 }, { "observedAt", "2026-11-29T00:29:00Z" } });
        entity.insert(QStringLiteral("pm10"),
            QJsonObject { { "type", "Property" }, { "value", 98 }, { "observedAt", "2026-11-29T00:30:00Z" } });
        const auto result = decodeEntity(entity);
        VERIFY_TELEMETRY(result);
        QCOMPARE(sample.tsMs, kNow - 250);
    }

    void alertKinds_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("subCategory");
        QTest::addColumn<QString>("kind");
        QTest::newRow("car accident") << "traffic"
                                      << "carAccident"
                                      << "traffic_accident";
        QTest::newRow("traffic jam") << "traffic"
                                     << "trafficJam"
                                     << "traffic_jam";
        QTest::newRow("air pollution") << "environment"
                                       << "airPollution"
                                       << "pollution";
        QTest::newRow("water pollution") << "environment"
                                         << "waterPollution"
                                         << "pollution";
        QTest::newRow("flood") << "weather"
                               << "flood"
                               << "waterlogging";
        QTest::newRow("rainfall") << "weather"
                                  << "rainfall"
                                  << "waterlogging";
        QTest::newRow("forest fire") << "naturalDisaster"
                                     << "forestFire"
                                     << "fire";
        QTest::newRow("building fire") << "security"
                                       << "buildingFire"
                                       << "fire";
        QTest::newRow("fire category") << "fire"
                                       << ""
                                       << "fire";
        QTest::newRow("security") << "security"
                                  << "robbery"
                                  << "public_safety";
        QTest::newRow("health") << "health"
                                << "heartAttack"
                                << "public_health";
        QTest::newRow("other subCategory") << "traffic"
                                           << "roadClosed"
                                           << "road_closed";
        QTest::newRow("category only") << "agriculture"
                                       << ""
                                       << "agriculture";
    }

    void alertKinds()
    {
        QFETCH(QString, category);
        QFETCH(QString, subCategory);
        QFETCH(QString, kind);
        QCOMPARE(NgsiDecoder::kindFor(category, subCategory), kind);
        QJsonObject entity = with(alertEntity(), QStringLiteral("category"), category);
        entity = subCategory.isEmpty() ? without(entity, QStringLiteral("subCategory"))
                                       : with(entity, QStringLiteral("subCategory"), subCategory);
        const auto result = decodeEntity(entity);
        VERIFY_INCIDENT(result);
        QCOMPARE(event.kind, kind);
    }

    void alertSeverities_data()
    {
        QTest::addColumn<QJsonValue>("severity");
        QTest::addColumn<Severity>("expected");
        QTest::newRow("informational") << QJsonValue("informational") << Severity::Minor;
        QTest::newRow("low") << QJsonValue("low") << Severity::Minor;
        QTest::newRow("medium") << QJsonValue("medium") << Severity::Moderate;
        QTest::newRow("high") << QJsonValue("high") << Severity::Major;
        QTest::newRow("critical") << QJsonValue("critical") << Severity::Critical;
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << Severity::Minor;
    }

    void alertSeverities()
    {
        QFETCH(QJsonValue, severity);
        QFETCH(Severity, expected);
        const QJsonObject entity = severity.isUndefined() ? without(alertEntity(), QStringLiteral("severity"))
                                                          : with(alertEntity(), QStringLiteral("severity"), severity);
        const auto result = decodeEntity(entity);
        VERIFY_INCIDENT(result);
        QCOMPARE(event.severity, expected);
    }

    void alertTitleFallsBackToSubCategory()
    {
        const auto result = decodeEntity(without(alertEntity(), QStringLiteral("description")));
        VERIFY_INCIDENT(result);
        QCOMPARE(event.title, QStringLiteral("carAccident"));
        QCOMPARE(event.description, QString());
    }

    void alertSourceDefaultsToNgsi()
    {
        const auto result = decodeEntity(without(alertEntity(), QStringLiteral("alertSource")));
        VERIFY_INCIDENT(result);
        QCOMPARE(event.source, QStringLiteral("ngsi"));
    }

    void alertTextIsCutToTheContractsLengths()
    {
        const QString longLine = QString(300, u'路') + u'\n' + QString(5000, u'x');
        const auto result = decodeEntity(with(alertEntity(), QStringLiteral("description"), longLine));
        VERIFY_INCIDENT(result);
        QCOMPARE(event.title, QString(200, u'路'));
        QCOMPARE(event.description.size(), 4000);
    }

    void incidentIds_data()
    {
        QTest::addColumn<QString>("entityId");
        QTest::addColumn<QString>("incidentId");
        QTest::newRow("plain") << "Alert-1"
                               << "NGSI-Alert-1";
        QTest::newRow("urn") << "urn:ngsi-ld:Alert:x@y"
                             << "NGSI-urn_ngsi-ld_Alert_x_y";
        const QString long59 = QString(59, u'a');
        QTest::newRow("64 characters") << long59 << QStringLiteral("NGSI-") + long59;
    }

    void incidentIds()
    {
        QFETCH(QString, entityId);
        QFETCH(QString, incidentId);
        QCOMPARE(NgsiDecoder::incidentId(entityId), incidentId);
    }

    void longIncidentIdsGetAStableHash()
    {
        const QString a = QStringLiteral("urn:ngsi-ld:Alert:") + QString(100, u'a');
        const QString b = QStringLiteral("urn:ngsi-ld:Alert:") + QString(99, u'a') + u'b';
        const QString idA = NgsiDecoder::incidentId(a);
        QCOMPARE(idA.size(), 64);
        QVERIFY(TopicScheme::isValidId(idA));
        QVERIFY(idA.startsWith(QStringLiteral("NGSI-urn_ngsi-ld_Alert_aaaa")));
        QCOMPARE(NgsiDecoder::incidentId(a), idA);
        QVERIFY(NgsiDecoder::incidentId(b) != idA);
    }

    // ---- rejections ----

    void mismatchedIdOrType_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("field");
        const QJsonObject e = airEntity();
        QTest::newRow("id") << kScheme.ngsi(QStringLiteral("AirQualityObserved"), QStringLiteral("urn:other")) << "id";
        QTest::newRow("type") << kScheme.ngsi(QStringLiteral("NoiseLevelObserved"), e.value("id").toString()) << "type";
    }

    void mismatchedIdOrType()
    {
        QFETCH(QString, topic);
        QFETCH(QString, field);
        const auto result = FeedDecoder().decode(topic, json(airEntity()), kNow);
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY2(rejection, qPrintable(outcome(result)));
        QCOMPARE(rejection->reason, RejectReason::TopicMismatch);
        QVERIFY2(rejection->detail.startsWith(field + u':'), qPrintable(rejection->detail));
    }

    void outOfRangeCoordinate_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<QString>("field");
        QTest::newRow("lon 180.5") << 180.5 << 34.33 << "location.coordinates[0]";
        QTest::newRow("lon -181") << -181.0 << 34.33 << "location.coordinates[0]";
        QTest::newRow("lat 90.01") << 108.7 << 90.01 << "location.coordinates[1]";
        QTest::newRow("lat -91") << 108.7 << -91.0 << "location.coordinates[1]";
    }

    void outOfRangeCoordinate()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(QString, field);
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("location"), point(lon, lat)));
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY2(rejection, qPrintable(outcome(result)));
        QCOMPARE(rejection->reason, RejectReason::OutOfRange);
        QVERIFY2(rejection->detail.startsWith(field + u':'), qPrintable(rejection->detail));
    }

    void nanIsNonFinite()
    {
        // JSON text cannot hold NaN (FeedDecoder turns 1e999 into non_finite first); a JSON object
        // built in memory can.
        const auto result = decodeEntity(with(airEntity(), QStringLiteral("pm25"), qQNaN()));
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY2(rejection, qPrintable(outcome(result)));
        QCOMPARE(rejection->reason, RejectReason::NonFinite);
        QVERIFY2(rejection->detail.startsWith(QStringLiteral("pm25:")), qPrintable(rejection->detail));
    }

    // Every reason an NGSI payload can hit, through FeedDecoder on its ngsi topic; `field` starts the detail.
    void rejections_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<RejectReason>("reason");
        QTest::addColumn<QString>("field");
        const QJsonObject air = airEntity();
        const QJsonObject alert = alertEntity();
        const QString airTopic = ngsiTopic(air);
        const QString alertTopic = ngsiTopic(alert);
        const auto row
            = [](const char* name, const QString& topic, const QByteArray& payload, RejectReason reason,
                  const char* field) { QTest::newRow(name) << topic << payload << reason << QString::fromUtf8(field); };
        const auto lit = [](const char* s) { return QByteArray(s); };

        row("oversize", airTopic, QByteArray(256 * 1024 + 1, ' '), RejectReason::Oversize, "payload");
        row("not utf8", airTopic, json(air) + "\xff", RejectReason::NotUtf8, "payload");
        row("too deep", airTopic, withToken(air, "x", QByteArray(17, '[') + QByteArray(17, ']')), RejectReason::TooDeep,
            "payload");
        row("malformed json", airTopic, json(air).chopped(1), RejectReason::MalformedJson, "payload");
        row("top level array", airTopic, lit("[]"), RejectReason::MalformedJson, "payload");
        row("unknown type", kScheme.ngsi(QStringLiteral("Building"), QStringLiteral("b1")), json(air),
            RejectReason::UnknownTopic, "topic");
        row("id differs", kScheme.ngsi(QStringLiteral("AirQualityObserved"), QStringLiteral("x")), json(air),
            RejectReason::TopicMismatch, "id");

        row("no id", airTopic, json(without(air, "id")), RejectReason::MissingField, "id");
        row("no type", airTopic, json(without(air, "type")), RejectReason::MissingField, "type");
        row("no observation time", airTopic, json(without(air, "dateObserved")), RejectReason::MissingField,
            "dateObserved");
        row("no location", airTopic, json(without(air, "location")), RejectReason::MissingField, "location");
        row("no coordinates", airTopic, json(with(air, "location", QJsonObject { { "type", "Point" } })),
            RejectReason::MissingField, "location.coordinates");
        row("no numeric attribute", airTopic, json(with(without(air, "pm25"), "airQualityIndex", "moderate")),
            RejectReason::MissingField, "attributes");
        row("alert without dateIssued", alertTopic, json(without(alert, "dateIssued")), RejectReason::MissingField,
            "dateIssued");
        row("alert without category", alertTopic, json(without(alert, "category")), RejectReason::MissingField,
            "category");
        row("alert without location", alertTopic, json(without(alert, "location")), RejectReason::MissingField,
            "location");

        row("id not a string", airTopic, json(with(air, "id", 5)), RejectReason::WrongType, "id");
        row("dateObserved a number", airTopic, json(with(air, "dateObserved", double(kNow))), RejectReason::WrongType,
            "dateObserved");
        row("location a string", airTopic, json(with(air, "location", "108.7,34.3")), RejectReason::WrongType,
            "location");
        row("unknown geometry", airTopic,
            json(with(air, "location", QJsonObject { { "type", "Circle" }, { "coordinates", QJsonArray { 1, 2 } } })),
            RejectReason::WrongType, "location.type");
        row("coordinate a string", airTopic,
            json(with(
                air, "location", QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { "108.7", 34.3 } } })),
            RejectReason::WrongType, "location.coordinates[0]");
        row("position too short", airTopic,
            json(with(air, "location", QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { 108.7 } } })),
            RejectReason::WrongType, "location.coordinates");
        row("category a number", alertTopic, json(with(alert, "category", 3)), RejectReason::WrongType, "category");
        row("description null", alertTopic, json(with(alert, "description", QJsonValue::Null)), RejectReason::WrongType,
            "description");

        row("metric overflows", airTopic, withToken(air, "pm25", "1e999"), RejectReason::NonFinite, "pm25");
        row("coordinate overflows", airTopic,
            withToken(air, "location", R"({"type":"Point","coordinates":[1e999,34.3]})"), RejectReason::NonFinite,
            "location.coordinates");

        row("aqi above 1000", airTopic, json(with(air, "airQualityIndex", 1001)), RejectReason::OutOfRange,
            "airQualityIndex");
        row("negative pm25", airTopic, json(with(air, "pm25", QJsonObject { { "type", "Property" }, { "value", -1 } })),
            RejectReason::OutOfRange, "pm25.value");
        row("flow above 20000 vehicles/h", ngsiTopic(trafficEntity()), json(with(trafficEntity(), "intensity", 2000)),
            RejectReason::OutOfRange, "intensity");
        row("latitude 91", airTopic, json(with(air, "location", point(108.7, 91))), RejectReason::OutOfRange,
            "location.coordinates[1]");
        row("empty LineString", airTopic,
            json(with(air, "location", QJsonObject { { "type", "LineString" }, { "coordinates", QJsonArray {} } })),
            RejectReason::OutOfRange, "location.coordinates");
        row("number too small", airTopic, withToken(air, "pm25", "1e-999"), RejectReason::OutOfRange, "pm25");
        row("unknown severity", alertTopic, json(with(alert, "severity", "extreme")), RejectReason::OutOfRange,
            "severity");
        row("empty category", alertTopic, json(with(alert, "category", "")), RejectReason::OutOfRange, "category");

        row("time not a date", airTopic, json(with(air, "dateObserved", "yesterday")), RejectReason::BadTimestamp,
            "dateObserved");
        row("interval with a bad start", airTopic, json(with(air, "dateObserved", "soon/2026-11-29T00:30:00Z")),
            RejectReason::BadTimestamp, "dateObserved");
        row("interval backwards", airTopic,
            json(with(air, "dateObserved", "2026-11-29T00:31:00Z/2026-11-29T00:30:00Z")), RejectReason::BadTimestamp,
            "dateObserved");
        row("bad @value", airTopic,
            json(with(
                air, "dateObserved", QJsonObject { { "@type", "DateTime" }, { "@value", "2026-13-01T00:00:00Z" } })),
            RejectReason::BadTimestamp, "dateObserved.@value");
        row("eight days old", airTopic, json(with(air, "dateObserved", "2026-11-21T00:30:00Z")),
            RejectReason::BadTimestamp, "dateObserved");
        row("ten minutes ahead", airTopic, json(with(air, "dateObserved", "2026-11-29T00:40:00Z")),
            RejectReason::BadTimestamp, "dateObserved");
        row("alert issued in the future", alertTopic, json(with(alert, "dateIssued", "2026-11-30T00:00:00Z")),
            RejectReason::BadTimestamp, "dateIssued");
        row("bad validTo", alertTopic, json(with(alert, "validTo", "never")), RejectReason::BadTimestamp, "validTo");
        row("bad observedAt", airTopic,
            json(with(without(air, "dateObserved"), "pm25",
                QJsonObject { { "type", "Property" }, { "value", 1 }, { "observedAt", "now" } })),
            RejectReason::BadTimestamp, "pm25.observedAt");

        row("lone surrogate in description", alertTopic, withToken(alert, "description", R"("crash \ud83d")"),
            RejectReason::NotUtf8, "description");
    }

    void rejections()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        QFETCH(RejectReason, reason);
        QFETCH(QString, field);
        const auto result = FeedDecoder().decode(topic, payload, kNow);
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY2(rejection, qPrintable(outcome(result)));
        QVERIFY2(rejection->reason == reason, qPrintable(outcome(result)));
        QVERIFY2(rejection->detail.startsWith(field), qPrintable(rejection->detail));
    }

    void pastLimitIsConfigurable()
    {
        NgsiDecoder::Limits limits;
        limits.maxPastMs = 10LL * 365 * kDay;
        const auto result = NgsiDecoder(limits).decode(parse(readSample(QStringLiteral("Alert.keyValues.json"))),
            QStringLiteral("Alert"), QStringLiteral("Alert:1"), utc(2026, 1, 1, 0, 0));
        VERIFY_INCIDENT(result);
        QCOMPARE(event.tsMs, kAlertTime);
    }
};

QTEST_GUILESS_MAIN(TestNgsiDecoder)
#include "tst_ngsidecoder.moc"
