#include "decoderoutcome.h"
#include "feeddecoder.h"
#include "topicscheme.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace citybrain;

namespace {

constexpr qint64 kNow = 1795912200250; // 2026-11-29T00:30:00.250Z
const QString kTopic = QStringLiteral("xy/v1/telemetry/traffic/610402/trf-610402-007");

FeedDecoder decoder(bool fastPath)
{
    FeedDecoder::Limits limits;
    limits.telemetryFastPath = fastPath;
    return FeedDecoder(TopicScheme(), limits);
}

// A double as its bits, so that 0.0 and -0.0 (or two nearby roundings) differ.
QString bits(double value)
{
    quint64 raw = 0;
    std::memcpy(&raw, &value, sizeof raw);
    return QString::number(value, 'g', 17) + u'#' + QString::number(raw, 16);
}

// Everything a result says: the kind, and the whole sample or the whole rejection.
QString describe(const FeedDecoder::Result& result)
{
    QString text = outcome(result);
    if (const auto* rejection = std::get_if<Rejection>(&result))
        text += u' ' + rejection->detail;
    if (const auto* s = std::get_if<TelemetrySample>(&result)) {
        text += QStringLiteral(" %1/%2/%3 ts=%4 seq=%5 lon=%6 lat=%7")
                    .arg(s->domain, s->district, s->sensorId)
                    .arg(s->tsMs)
                    .arg(s->seq)
                    .arg(bits(s->lon), bits(s->lat));
        for (const auto& [metric, value] : s->values)
            text += u' ' + metric + u'=' + bits(value);
    }
    return text;
}

// The loadgen's reading (bench/ingest), about 194 bytes.
QByteArray benchReading(qint64 ts = kNow)
{
    return QByteArrayLiteral("{\"ts\":") + QByteArray::number(ts)
        + QByteArrayLiteral(",\"seq\":42,\"source\":\"xianyang-citybrain-traffic-gateway-610402-qindu-bench-loadgen\","
                            "\"lon\":108.6851000,\"lat\":34.3315000,\"values\":{\"flow\":1234.00,\"speed\":45.20,"
                            "\"congestion\":3.450}}");
}

} // namespace

class TestTelemetryFastPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The fast path must actually be taken for what sensors send, or it only costs a failed scan.
    void theFastPathTakesTelemetryAsSensorsSendIt_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("bench loadgen") << benchReading();
        // docs/topics.md's example, and the simulator's shape: QJsonDocument's compact output, integers included.
        QTest::newRow("contract example")
            << QByteArray(R"({"ts": 1795912200250, "seq": 5012, "lon": 108.7051, "lat": 34.3312,)"
                          "\n"
                          R"( "values": {"aqi": 87, "pm25": 61.2, "pm10": 98.0, "no2": 41.5, "o3": 72.0}})");
        QTest::newRow("simulator") << QJsonDocument(
            QJsonObject { { "ts", kNow }, { "seq", 7 }, { "lon", 108.70123456789 }, { "lat", 34.33 },
                { "values", QJsonObject { { "flow", 812 }, { "speed", 38.25 } } } })
                                          .toJson(QJsonDocument::Compact);
        QTest::newRow("ids named again") << QByteArray(
            R"({"sensor":"trf-610402-007","domain":"traffic","district":"610402","ts":1795912200250,)"
            R"("seq":1,"lon":108.7,"lat":34.3,"values":{"flow":1}})");
        QTest::newRow("chinese source") << QByteArray(
            R"({"ts":1795912200250,"seq":1,"source":"咸阳市交通网关","lon":108.7,"lat":34.3,"values":{"flow":1}})");
    }
    void theFastPathTakesTelemetryAsSensorsSendIt()
    {
        QFETCH(QByteArray, payload);
        const TopicScheme::Route route = TopicScheme().route(kTopic);
        const std::optional<TelemetrySample> fast = decodePlainTelemetry(payload, route, FeedDecoder::Limits(), kNow);
        QVERIFY(fast.has_value());
        QCOMPARE(describe(*fast), describe(decoder(false).decode(kTopic, payload, kNow)));
    }

    // Whatever the fast path does with a payload, the decoder's answer is the full path's: the same sample
    // (bit for bit) or the same rejection with the same words.
    void bothPathsGiveTheSameResult_data()
    {
        QTest::addColumn<QByteArray>("payload");
        const auto reading = [](const QByteArray& fields, const QByteArray& values = R"({"flow":1})") {
            return QByteArray(R"({"ts":1795912200250,"seq":1,"lon":108.7,"lat":34.3,)") + fields + R"("values":)"
                + values + '}';
        };
        QTest::newRow("plain") << reading({});
        // Numbers: the sign of zero, rounding, overflow and underflow.
        for (const char* number : { "0", "-0", "-0.0", "0e5", "0.000", "1e-999", "1e-310", "2.2250738585072014e-308",
                 "1e308", "1e309", "-1e309", "9007199254740993", "123456789012345678901234567890", "0.1",
                 "3.141592653589793238462643383279", "1E2", "1e+2", "1.5e-3", "01", "1.", ".5", "+1", "-", "1e", "0x10",
                 "NaN", "Infinity", "true", "null", "\"5\"", "[1]", "{}" }) {
            QTest::addRow("value %s", number) << reading({}, QByteArray(R"({"flow":)") + number + '}');
            QTest::addRow("lon %s", number)
                << QByteArray(R"({"ts":1795912200250,"seq":1,"lon":)") + number + R"(,"lat":34.3,"values":{"x":1}})";
        }
        // ts and seq.
        for (const char* ts : { "1795912200250", "1795912200250.0", "1795912200250.5", "-1795912200250", "0", "1e12",
                 "17959122002500000000", "\"2026-11-29T00:30:00Z\"", "\"2026-11-29\"", "null", "1795912200250e0",
                 "99999999999999999999999" }) {
            QTest::addRow("ts %s", ts) << QByteArray(R"({"ts":)") + ts
                    + R"(,"seq":1,"lon":108.7,"lat":34.3,"values":{"flow":1}})";
        }
        for (const char* seq : { "0", "5", "5.0", "5.5", "-1", "123456789012345", "1234567890123456",
                 "9223372036854775807", "9223372036854775808", "1e3", "\"5\"" }) {
            QTest::addRow("seq %s", seq) << QByteArray(R"({"ts":1795912200250,"seq":)") + seq
                    + R"(,"lon":108.7,"lat":34.3,"values":{"flow":1}})";
        }
        // Ranges.
        QTest::newRow("lon out of range")
            << QByteArray(R"({"ts":1795912200250,"seq":1,"lon":180.0001,"lat":34.3,"values":{"flow":1}})");
        QTest::newRow("lat out of range")
            << QByteArray(R"({"ts":1795912200250,"seq":1,"lon":108,"lat":-90.5,"values":{"flow":1}})");
        QTest::newRow("metric out of range") << reading({}, R"({"flow":1,"speed":251})");
        QTest::newRow("metric at its bound") << reading({}, R"({"congestion":10,"speed":0})");
        QTest::newRow("unknown metric any number") << reading({}, R"({"zz":-1e300})");
        QTest::newRow("ts in the future") << benchReading(kNow + 6 * 60 * 1000);
        QTest::newRow("ts long past") << benchReading(kNow - 8LL * 24 * 3600 * 1000);
        // Order, duplicates and the names of metrics.
        QTest::newRow("metrics sorted") << reading({}, R"({"speed":2,"congestion":3,"flow":1,"B":4,"_":5,"a":6})");
        QTest::newRow("duplicate metric") << reading({}, R"({"flow":1,"flow":2})");
        QTest::newRow("duplicate field") << QByteArray(
            R"({"ts":1795912200250,"seq":1,"seq":2,"lon":108.7,"lat":34.3,"values":{"flow":1}})");
        QTest::newRow("empty metric name") << reading({}, R"({"":1})");
        QTest::newRow("escaped metric name") << reading({}, R"({"fl\u006fw":1})");
        QTest::newRow("non-ascii metric name") << reading({}, R"({"流量":1})");
        QTest::newRow("no metric") << reading({}, "{}");
        QTest::newRow("values not an object") << reading({}, "[1]");
        QTest::newRow("values nested") << reading({}, R"({"flow":{"a":1}})");
        QTest::newRow("missing values") << QByteArray(R"({"ts":1795912200250,"seq":1,"lon":108.7,"lat":34.3})");
        QTest::newRow("missing lat") << QByteArray(R"({"ts":1795912200250,"seq":1,"lon":108.7,"values":{"flow":1}})");
        // Strings and the ids the topic names.
        QTest::newRow("source") << reading(R"("source":"gw-1",)");
        QTest::newRow("empty source") << reading(R"("source":"",)");
        // Not a raw string: moc misreads \" inside one.
        QTest::newRow("escaped source") << reading("\"source\":\"gw\\\"1\",");
        QTest::newRow("surrogate source") << reading(R"("source":"\ud800",)");
        QTest::newRow("source not a string") << reading(R"("source":5,)");
        QTest::newRow("tab in source") << reading("\"source\":\"a\tb\",");
        QTest::newRow("sensor matches") << reading(R"("sensor":"trf-610402-007",)");
        QTest::newRow("sensor differs") << reading(R"("sensor":"trf-610402-008",)");
        QTest::newRow("id differs") << reading(R"("id":"x",)");
        QTest::newRow("domain differs") << reading(R"("domain":"air",)");
        QTest::newRow("district differs") << reading(R"("district":"610403",)");
        QTest::newRow("district a number") << reading(R"("district":610402,)");
        QTest::newRow("unknown field") << reading(R"("unit":"veh/h",)");
        // Structure.
        QTest::newRow("whitespace everywhere")
            << QByteArray(" \r\n\t{ \"ts\" : 1795912200250 ,\n\"seq\":1 ,\"lon\" :108.7,\"lat\": 34.3, \"values\" : "
                          "{ \"flow\" : 1 , \"speed\" : 2 } } \n");
        QTest::newRow("trailing comma") << QByteArray(
            R"({"ts":1795912200250,"seq":1,"lon":108.7,"lat":34.3,"values":{"flow":1},})");
        QTest::newRow("trailing garbage") << reading({}) + "x";
        QTest::newRow("two documents") << reading({}) + reading({});
        QTest::newRow("truncated") << reading({}).chopped(3);
        QTest::newRow("top-level array") << QByteArray("[1]");
        QTest::newRow("nul byte") << reading({}).replace(",\"lon\"", QByteArray(",\0\"lon\"", 7));
        QTest::newRow("single quotes") << QByteArray("{'ts':1795912200250}");
    }
    void bothPathsGiveTheSameResult()
    {
        QFETCH(QByteArray, payload);
        QCOMPARE(describe(decoder(true).decode(kTopic, payload, kNow)),
            describe(decoder(false).decode(kTopic, payload, kNow)));
    }

    // A seeded random-mutation run over plain readings: byte flips, deletions, insertions of JSON's own
    // characters and duplicated spans. Both paths must agree on every one.
    void bothPathsAgreeOnMutatedReadings()
    {
        const FeedDecoder fast = decoder(true);
        const FeedDecoder full = decoder(false);
        const QByteArray bases[] = {
            benchReading(),
            QByteArray(
                R"({"ts":1795912200250,"seq":5012,"lon":108.7051,"lat":34.3312,"values":{"aqi":87,"pm25":61.2}})"),
            QByteArray(
                R"({"sensor":"trf-610402-007","ts":1795912200250,"seq":0,"lon":-0.0,"lat":0,"values":{"speed":0}})"),
        };
        static constexpr char alphabet[] = "{}[]:,\"\\ 0123456789.-+eE\tnul";
        QRandomGenerator random(20261129);
        int taken = 0;
        for (int i = 0; i < 30000; ++i) {
            QByteArray payload = bases[random.bounded(int(std::size(bases)))];
            const int edits = 1 + random.bounded(3);
            for (int e = 0; e < edits && !payload.isEmpty(); ++e) {
                const int at = random.bounded(int(payload.size()));
                switch (random.bounded(4)) {
                case 0:
                    payload[at] = alphabet[random.bounded(int(sizeof alphabet - 1))];
                    break;
                case 1:
                    payload.remove(at, 1 + random.bounded(3));
                    break;
                case 2:
                    payload.insert(at, alphabet[random.bounded(int(sizeof alphabet - 1))]);
                    break;
                default:
                    payload.insert(at, payload.mid(random.bounded(int(payload.size())), 1 + random.bounded(8)));
                    break;
                }
            }
            const QString a = describe(fast.decode(kTopic, payload, kNow));
            const QString b = describe(full.decode(kTopic, payload, kNow));
            if (a != b)
                QFAIL(qPrintable(
                    QStringLiteral("paths differ on %1:\n fast: %2\n full: %3").arg(QString::fromUtf8(payload), a, b)));
            taken += a.startsWith(QLatin1String("telemetry")) ? 1 : 0;
        }
        QVERIFY2(taken > 1000, "the mutations should leave many readings valid");
    }
};

QTEST_GUILESS_MAIN(TestTelemetryFastPath)
#include "tst_telemetryfastpath.moc"
