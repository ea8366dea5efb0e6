#include "capdecoder.h"
#include "districtlayer.h"
#include "topicscheme.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

using namespace citybrain;

Q_DECLARE_METATYPE(citybrain::Severity)

namespace {

// 2026-11-29T00:30:00.250Z = 08:30:00.250 in Xianyang, the contract's example instant.
constexpr qint64 kNow = 1795912200250;
constexpr qint64 kMinute = 60 * 1000;

const QString kSender = QStringLiteral("qxt@xianyang.gov.cn");

// A zh-CN rainstorm warning for 秦都区 written for these tests. The first <info> is English so the
// language preference is exercised; both carry the same box around Qindu (108.65-108.75 E,
// 34.30-34.36 N, written "lat,lon").
const char* const kXianyangAlert = R"(<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>XYQXT-20261129083000-RAIN-0001</identifier>
  <sender>qxt@xianyang.gov.cn</sender>
  <sent>2026-11-29T08:30:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Rainstorm</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <headline>Rainstorm orange warning for Qindu</headline>
    <area>
      <areaDesc>Qindu District</areaDesc>
      <polygon>34.30,108.65 34.30,108.75 34.36,108.75 34.36,108.65 34.30,108.65</polygon>
    </area>
  </info>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <senderName>咸阳市气象台</senderName>
    <headline>咸阳市气象台发布暴雨橙色预警</headline>
    <description>预计未来3小时秦都区降雨量将达50毫米以上，低洼路段可能积水。</description>
    <area>
      <areaDesc>秦都区</areaDesc>
      <polygon>34.30,108.65 34.30,108.75 34.36,108.75 34.36,108.65 34.30,108.65</polygon>
      <geocode>
        <valueName>adcode</valueName>
        <value>610402</value>
      </geocode>
    </area>
  </info>
</alert>
)";

const QString kPolygon = QStringLiteral("34.30,108.65 34.30,108.75 34.36,108.75 34.36,108.65 34.30,108.65");

// The Xianyang alert with each (from, to) replacement applied to every occurrence. A `from` that is
// not in the document is a mistake in the test, not a decoder failure: abort loudly.
QByteArray xianyang(std::initializer_list<std::pair<QString, QString>> edits = {})
{
    QString doc = QString::fromUtf8(kXianyangAlert);
    for (const auto& [from, to] : edits) {
        if (!doc.contains(from))
            qFatal("test document has no \"%s\"", qPrintable(from));
        doc.replace(from, to);
    }
    return doc.toUtf8();
}

// The same alert with one polygon (both <info> blocks) replaced by `pairs`.
QByteArray withPolygon(const QString& pairs)
{
    return xianyang({ { kPolygon, pairs } });
}

QByteArray sample(const QString& file)
{
    QFile f(QFINDTESTDATA(QStringLiteral("../../data/cap/") + file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// One minute after the alert's own <sent> (the first <sent> of the document is the alert's).
qint64 nowFor(const QByteArray& payload)
{
    static const QRegularExpression sent(QStringLiteral("<sent>([^<]+)</sent>"));
    const QRegularExpressionMatch match = sent.match(QString::fromUtf8(payload));
    return QDateTime::fromString(match.captured(1).trimmed(), Qt::ISODate).toMSecsSinceEpoch() + kMinute;
}

QString describe(const CapDecoder::Result& result)
{
    if (const auto* rejection = std::get_if<Rejection>(&result))
        return rejectReasonName(rejection->reason) + QStringLiteral(": ") + rejection->detail;
    if (const auto* ignored = std::get_if<Ignored>(&result))
        return QStringLiteral("ignored: ") + ignored->why;
    if (const auto* event = std::get_if<IncidentEvent>(&result))
        return QStringLiteral("incident ") + event->id;
    return QStringLiteral("valueless");
}

CapDecoder::Result decodeSample(const QString& file, const QString& sender)
{
    const QByteArray payload = sample(file);
    return CapDecoder().decode(payload, sender, nowFor(payload));
}

CapDecoder::Result decodeXianyang(const QByteArray& payload)
{
    return CapDecoder().decode(payload, kSender, kNow);
}

QString alertWithSent(const QString& sent)
{
    return QString::fromUtf8(xianyang({ { QStringLiteral("2026-11-29T08:30:00+08:00"), sent } }));
}

// Fails the test unless `expr` is an incident; then `event` points at it (its result is kept beside it).
#define REQUIRE_INCIDENT(expr, event)                                                                                  \
    const CapDecoder::Result event##Result_ = (expr);                                                                  \
    const auto* event = std::get_if<IncidentEvent>(&event##Result_);                                                   \
    QVERIFY2(event, qPrintable(describe(event##Result_)));                                                             \
    QVERIFY(event->cap.has_value())

#define REQUIRE_REJECTION(expr, expectedReason)                                                                        \
    do {                                                                                                               \
        const CapDecoder::Result result_ = (expr);                                                                     \
        const auto* rejection_ = std::get_if<Rejection>(&result_);                                                     \
        QVERIFY2(rejection_, qPrintable(describe(result_)));                                                           \
        QCOMPARE(rejectReasonName(rejection_->reason), rejectReasonName(expectedReason));                              \
    } while (false)

} // namespace

class TestCapDecoder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!sample(QStringLiteral("oasis-cap12-A1-homeland-security-advisory.xml")).isEmpty(),
            "test data tests/data/cap not found");
        QVERIFY(!DistrictLayer::xianyang().isEmpty());
    }

    // ---- the ten real samples ----

    void a1SecurityAdvisoryWithoutLanguage()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A1-homeland-security-advisory.xml"), QStringLiteral("hsas@dhs.gov"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->id, QStringLiteral("CAP-43b080713727"));
        QCOMPARE(event->status, QStringLiteral("new"));
        QCOMPARE(event->kind, QStringLiteral("public_safety"));
        QCOMPARE(event->severity, Severity::Major);
        QCOMPARE(event->title, QStringLiteral("Homeland Security Sets Code ORANGE"));
        QCOMPARE(event->source, QStringLiteral("cap:hsas@dhs.gov"));
        QCOMPARE(event->seq, 0);
        QCOMPARE(event->tsMs, QDateTime::fromString("2003-04-02T19:39:01Z", Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(event->cap->language, QStringLiteral("en-US")); // CAP's default when <language> is absent
        QCOMPARE(event->cap->areaDesc, QStringLiteral("U.S. nationwide and interests worldwide"));
        QCOMPARE(event->lon, 0.0);
        QCOMPARE(event->lat, 0.0);
        QVERIFY(event->district.isEmpty());
    }

    void a2PolygonIsReadLatitudeFirst()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A2-severe-thunderstorm-warning.xml"), QStringLiteral("KSTO@NWS.NOAA.GOV"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->polygons.size(), size_t(1));
        const auto& ring = event->cap->polygons.front();
        QCOMPARE(ring.size(), size_t(5));
        // The file's first pair is "38.47,-120.14": latitude 38.47, longitude -120.14.
        QCOMPARE(ring[0].first, -120.14);
        QCOMPARE(ring[0].second, 38.47);
        QCOMPARE(ring[2].first, -119.74);
        QCOMPARE(ring[2].second, 38.52);
    }

    void a2LocationIsInsideThePolygon()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A2-severe-thunderstorm-warning.xml"), QStringLiteral("KSTO@NWS.NOAA.GOV"));
        REQUIRE_INCIDENT(result, event);
        QVERIFY2(event->lon > -120.14 && event->lon < -119.74, qPrintable(QString::number(event->lon)));
        QVERIFY2(event->lat > 38.34 && event->lat < 38.62, qPrintable(QString::number(event->lat)));
        QVERIFY(event->district.isEmpty()); // California is not in Xianyang
        QCOMPARE(event->kind, QStringLiteral("weather"));
        QCOMPARE(event->cap->geocodes.size(), size_t(3));
        QCOMPARE(event->cap->geocodes[0], std::make_pair(QStringLiteral("SAME"), QStringLiteral("006109")));
    }

    void a3UpdateTakesItsIncidentIdFromTheReference()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A3-earthquake-update.xml"), QStringLiteral("trinet@caltech.edu"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->status, QStringLiteral("update"));
        QCOMPARE(event->id, QStringLiteral("CAP-TRI13970876.1"));
        QCOMPARE(event->cap->identifier, QStringLiteral("TRI13970876.2"));
        QCOMPARE(event->kind, QStringLiteral("geological"));
        QCOMPARE(event->severity, Severity::Minor);
    }

    void a3CircleWithZeroRadiusLocates()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A3-earthquake-update.xml"), QStringLiteral("trinet@caltech.edu"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->circles.size(), size_t(1));
        QCOMPARE(event->cap->circles[0].first.first, -115.5527);
        QCOMPARE(event->cap->circles[0].first.second, 32.9525);
        QCOMPARE(event->cap->circles[0].second, 0.0);
        QCOMPARE(event->lon, -115.5527);
        QCOMPARE(event->lat, 32.9525);
    }

    void a4PrefersEnglishOverSpanish()
    {
        const auto result = decodeSample(
            QStringLiteral("oasis-cap12-A4-amber-alert-en-es.xml"), QStringLiteral("KARO@CLETS.DOJ.CA.GOV"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("en-US"));
        QCOMPARE(event->title, QStringLiteral("Amber Alert in Los Angeles County"));
        QCOMPARE(event->cap->event, QStringLiteral("Child Abduction"));
        QCOMPARE(event->cap->areaDesc, QStringLiteral("Los Angeles County"));
        QCOMPARE(event->kind, QStringLiteral("rescue"));
    }

    void noaaCircleIsRead()
    {
        const auto result = decodeSample(
            QStringLiteral("us-noaa-wcatwc-tsunami-update-circle.xml"), QStringLiteral("wcatwc@noaa.gov"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->circles.size(), size_t(1));
        QCOMPARE(event->cap->circles[0].first.first, -134.9);
        QCOMPARE(event->cap->circles[0].first.second, 55.3);
        QCOMPARE(event->lon, -134.9);
        QCOMPARE(event->lat, 55.3);
        QCOMPARE(event->severity, Severity::Minor); // Unknown
    }

    void noaaUpdateUsesTheOldestOfThreeReferences()
    {
        const auto result = decodeSample(
            QStringLiteral("us-noaa-wcatwc-tsunami-update-circle.xml"), QStringLiteral("wcatwc@noaa.gov"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->id, QStringLiteral("CAP-PAAQ-1-mg5a94"));
        QCOMPARE(event->status, QStringLiteral("update"));
    }

    void noaaZoneMinusZeroIsUtcWithoutDeclaration()
    {
        const auto result = decodeSample(
            QStringLiteral("us-noaa-wcatwc-tsunami-update-circle.xml"), QStringLiteral("wcatwc@noaa.gov"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->tsMs, QDateTime::fromString("2013-01-05T10:58:23Z", Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(event->cap->sent, QStringLiteral("2013-01-05T10:58:23-00:00"));
    }

    void ipawsCancelWithoutInfoIsClosed()
    {
        const auto result = decodeSample(
            QStringLiteral("us-ipaws-nv-cancel-no-info.xml"), QStringLiteral("bbrundage@dps.state.nv.us"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->status, QStringLiteral("closed"));
        QCOMPARE(event->id, QStringLiteral("CAP-AS-NV-e18921c7-1b35-4a81-9705-42d25c265ddd"));
        QCOMPARE(event->title, QStringLiteral("CAP cancel AS-NV-58d33e3a-1f9a-4909-9d59-34e90b33b3e8"));
        QCOMPARE(event->severity, Severity::Minor);
        QCOMPARE(event->kind, QStringLiteral("other"));
        QCOMPARE(event->cap->msgType, QStringLiteral("Cancel"));
    }

    void cwaThunderstormIsChosenAndTitledInChinese()
    {
        const auto result = decodeSample(
            QStringLiteral("tw-cwa-thunderstorm-polygon-zh-TW.xml"), QStringLiteral("weather@cwa.gov.tw"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("zh-TW"));
        QCOMPARE(event->title, QStringLiteral("山區暴雨"));
        QCOMPARE(event->cap->event, QStringLiteral("雷雨"));
        QCOMPARE(event->kind, QStringLiteral("weather")); // the event is 雷雨 (thunderstorm), not 暴雨
        QCOMPARE(event->severity, Severity::Major);
        QCOMPARE(event->cap->areaDesc, QStringLiteral("花蓮縣三棧溪"));
        QVERIFY(event->lon > 121.56 && event->lon < 121.63);
        QVERIFY(event->lat > 24.07 && event->lat < 24.13);
    }

    void epaAirQualityIsPollutionAtNoXianyangPlace()
    {
        const auto result
            = decodeSample(QStringLiteral("tw-epa-air-quality-geocode-zh-TW.xml"), QStringLiteral("taqm.epa.gov.tw"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("zh-TW"));
        QCOMPARE(event->title, QStringLiteral("空氣品質不良"));
        QCOMPARE(event->kind, QStringLiteral("pollution"));
        QCOMPARE(event->severity, Severity::Moderate);
        QCOMPARE(event->cap->geocodes.size(), size_t(1));
        QCOMPARE(event->cap->geocodes[0].first, QStringLiteral("Taiwan_Geocode_106"));
        QCOMPARE(event->lon, 0.0);
        QVERIFY(event->district.isEmpty());
    }

    void cwaHeavyRainUpdateKeepsTextVerbatim()
    {
        const auto result
            = decodeSample(QStringLiteral("tw-cwa-heavy-rain-update-zh-TW.xml"), QStringLiteral("weather@cwa.gov.tw"));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->id, QStringLiteral("CAP-CWA-Weather_extremely-rain_202404221445001"));
        QCOMPARE(event->status, QStringLiteral("update"));
        QCOMPARE(event->title, QStringLiteral("大雨特報"));
        QVERIFY(event->description.startsWith(QLatin1Char('\n'))); // leading newline as in the file
        QVERIFY(event->description.contains(QStringLiteral("花蓮縣已有局部豪雨發生")));
        QCOMPARE(event->cap->geocodes.size(), size_t(21));
        QVERIFY(event->cap->areaDesc.startsWith(QStringLiteral("南投縣信義鄉; 花蓮縣鳳林鎮; ")));
    }

    // A stateless decoder maps an Update and a Cancel to one id only through the references each
    // carries: the Cancel names the Update (the id the Update's own message has), the Update names the
    // original alert. The incident store links the two by aliasing "CAP-" + cap->identifier to event id.
    void cwaCancelNamesTheUpdatesIncident()
    {
        const auto update
            = decodeSample(QStringLiteral("tw-cwa-heavy-rain-update-zh-TW.xml"), QStringLiteral("weather@cwa.gov.tw"));
        const auto cancel
            = decodeSample(QStringLiteral("tw-cwa-heavy-rain-cancel-zh-TW.xml"), QStringLiteral("weather@cwa.gov.tw"));
        REQUIRE_INCIDENT(update, updateEvent);
        REQUIRE_INCIDENT(cancel, cancelEvent);
        QCOMPARE(cancelEvent->status, QStringLiteral("closed"));
        QCOMPARE(cancelEvent->id, CapDecoder::incidentIdFor(updateEvent->cap->identifier));
        QCOMPARE(cancelEvent->title, QStringLiteral("解除大雨特報"));
        QCOMPARE(cancelEvent->cap->geocodes.size(), size_t(22));
    }

    void everySampleDecodesToAValidIncidentId_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("sender");
        QTest::newRow("A1") << "oasis-cap12-A1-homeland-security-advisory.xml"
                            << "hsas@dhs.gov";
        QTest::newRow("A2") << "oasis-cap12-A2-severe-thunderstorm-warning.xml"
                            << "KSTO@NWS.NOAA.GOV";
        QTest::newRow("A3") << "oasis-cap12-A3-earthquake-update.xml"
                            << "trinet@caltech.edu";
        QTest::newRow("A4") << "oasis-cap12-A4-amber-alert-en-es.xml"
                            << "KARO@CLETS.DOJ.CA.GOV";
        QTest::newRow("noaa") << "us-noaa-wcatwc-tsunami-update-circle.xml"
                              << "wcatwc@noaa.gov";
        QTest::newRow("ipaws") << "us-ipaws-nv-cancel-no-info.xml"
                               << "bbrundage@dps.state.nv.us";
        QTest::newRow("cwa-storm") << "tw-cwa-thunderstorm-polygon-zh-TW.xml"
                                   << "weather@cwa.gov.tw";
        QTest::newRow("epa") << "tw-epa-air-quality-geocode-zh-TW.xml"
                             << "taqm.epa.gov.tw";
        QTest::newRow("cwa-update") << "tw-cwa-heavy-rain-update-zh-TW.xml"
                                    << "weather@cwa.gov.tw";
        QTest::newRow("cwa-cancel") << "tw-cwa-heavy-rain-cancel-zh-TW.xml"
                                    << "weather@cwa.gov.tw";
    }

    void everySampleDecodesToAValidIncidentId()
    {
        QFETCH(QString, file);
        QFETCH(QString, sender);
        const auto result = decodeSample(file, sender);
        REQUIRE_INCIDENT(result, event);
        QVERIFY2(TopicScheme::isValidId(event->id), qPrintable(event->id));
        QCOMPARE(event->source, QStringLiteral("cap:") + sender);
        QCOMPARE(event->cap->sender, sender);
        QVERIFY(!event->title.trimmed().isEmpty());
    }

    // ---- Xianyang ----

    void xianyangRainstormLandsInQindu()
    {
        const auto result = decodeXianyang(xianyang());
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->district, QStringLiteral("610402"));
        QVERIFY(qAbs(event->lon - 108.70) < 1e-9);
        QVERIFY(qAbs(event->lat - 34.33) < 1e-9);
        QCOMPARE(event->tsMs, kNow - 250);
        QCOMPARE(event->id, QStringLiteral("CAP-XYQXT-20261129083000-RAIN-0001"));
    }

    void xianyangRainstormIsWaterloggingAndMajor()
    {
        const auto result = decodeXianyang(xianyang());
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->kind, QStringLiteral("waterlogging"));
        QCOMPARE(event->severity, Severity::Major);
        QCOMPARE(event->cap->severity, QStringLiteral("Severe"));
    }

    void zhCnIsPreferredOverEnglish()
    {
        const auto result = decodeXianyang(xianyang());
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("zh-CN"));
        QCOMPARE(event->title, QStringLiteral("咸阳市气象台发布暴雨橙色预警"));
        QCOMPARE(event->description, QStringLiteral("预计未来3小时秦都区降雨量将达50毫米以上，低洼路段可能积水。"));
        QCOMPARE(event->cap->areaDesc, QStringLiteral("秦都区"));
    }

    void zhCnIsPreferredOverZhTw()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("en-US"), QStringLiteral("zh-TW") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("zh-CN"));
    }

    void anyChineseIsPreferredOverEnglish()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("zh-CN"), QStringLiteral("zh-Hant-TW") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("zh-Hant-TW"));
    }

    void firstInfoWhenNoPreferredLanguage()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("zh-CN"), QStringLiteral("fr-FR") },
            { QStringLiteral("en-US"), QStringLiteral("de-DE") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->language, QStringLiteral("de-DE"));
        QCOMPARE(event->title, QStringLiteral("Rainstorm orange warning for Qindu"));
    }

    void geocodeOnlyAlertLandsAtWeichengSeat()
    {
        const QString polygonLine = QStringLiteral("<polygon>") + kPolygon + QStringLiteral("</polygon>");
        const auto result = decodeXianyang(xianyang({ { polygonLine, QString() },
            { QStringLiteral("<value>610402</value>"), QStringLiteral("<value>610404</value>") } }));
        REQUIRE_INCIDENT(result, event);
        const District* weicheng = DistrictLayer::xianyang().find(QStringLiteral("610404"));
        QVERIFY(weicheng);
        QCOMPARE(event->district, QStringLiteral("610404"));
        QCOMPARE(event->lon, weicheng->seat.x());
        QCOMPARE(event->lat, weicheng->seat.y());
        QVERIFY(qAbs(event->lon - 108.726252) < 1e-6 && qAbs(event->lat - 34.338265) < 1e-6);
    }

    void geocodeWithGbt2260Name()
    {
        const QString polygonLine = QStringLiteral("<polygon>") + kPolygon + QStringLiteral("</polygon>");
        const auto result = decodeXianyang(xianyang({ { polygonLine, QString() },
            { QStringLiteral("<valueName>adcode</valueName>"), QStringLiteral("<valueName>GB/T 2260</valueName>") },
            { QStringLiteral("<value>610402</value>"), QStringLiteral("<value>610481000000</value>") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->district, QStringLiteral("610481"));
    }

    void circleLocatesWhenNoPolygon()
    {
        const QString polygonLine = QStringLiteral("<polygon>") + kPolygon + QStringLiteral("</polygon>");
        const auto result
            = decodeXianyang(xianyang({ { polygonLine, QStringLiteral("<circle>34.3383,108.7263 2.5</circle>") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->lon, 108.7263);
        QCOMPARE(event->lat, 34.3383);
        QCOMPARE(event->district, QStringLiteral("610404"));
        QCOMPARE(event->cap->circles[0].second, 2.5);
    }

    void htmlInHeadlineIsKeptVerbatim()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("咸阳市气象台发布暴雨橙色预警"),
            QStringLiteral("&lt;b&gt;积水&lt;/b&gt; <![CDATA[<img src=x onerror=alert(1)>]]> &amp;") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->title, QStringLiteral("<b>积水</b> <img src=x onerror=alert(1)> &"));
        QCOMPARE(event->cap->headline, event->title);
    }

    void longHeadlineIsCutInTitleOnly()
    {
        const QString headline = QString(250, QChar(u'雨'));
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("咸阳市气象台发布暴雨橙色预警"), headline } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->title, headline.left(200));
        QCOMPARE(event->cap->headline, headline);
    }

    void eventIsTheTitleWithoutHeadline()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<headline>咸阳市气象台发布暴雨橙色预警</headline>"), QString() } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->title, QStringLiteral("暴雨"));
    }

    void signatureAndUnknownElementsAreSkipped()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("<scope>Public</scope>"),
            QStringLiteral("<scope>Public</scope><futureField><identifier>NOT-THIS</identifier></futureField>"
                           "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo/>"
                           "<sender>spoof@example.org</sender></ds:Signature>") } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->identifier, QStringLiteral("XYQXT-20261129083000-RAIN-0001"));
        QCOMPARE(event->cap->sender, kSender);
    }

    void missingXmlDeclarationIsAccepted()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), QString() } }));
        REQUIRE_INCIDENT(result, event);
    }

    void severityMapping_data()
    {
        QTest::addColumn<QString>("cap");
        QTest::addColumn<Severity>("expected");
        QTest::newRow("Extreme") << "Extreme" << Severity::Critical;
        QTest::newRow("Severe") << "Severe" << Severity::Major;
        QTest::newRow("Moderate") << "Moderate" << Severity::Moderate;
        QTest::newRow("Minor") << "Minor" << Severity::Minor;
        QTest::newRow("Unknown") << "Unknown" << Severity::Minor;
    }

    void severityMapping()
    {
        QFETCH(QString, cap);
        QFETCH(Severity, expected);
        const auto result = decodeXianyang(xianyang(
            { { QStringLiteral("<severity>Severe</severity>"), QStringLiteral("<severity>%1</severity>").arg(cap) } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->severity, expected);
    }

    void kindMapping_data()
    {
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("eventName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Fire") << "Fire"
                              << "Building fire"
                              << "fire";
        QTest::newRow("Env") << "Env"
                             << "空气污染"
                             << "pollution";
        QTest::newRow("Met") << "Met"
                             << "大风"
                             << "weather";
        QTest::newRow("Met rain") << "Met"
                                  << "Heavy Rain"
                                  << "waterlogging";
        QTest::newRow("Met flood") << "Met"
                                   << "Flash Flood Warning"
                                   << "waterlogging";
        QTest::newRow("Met 暴雨") << "Met"
                                  << "暴雨"
                                  << "waterlogging";
        QTest::newRow("Met 豪雨") << "Met"
                                  << "豪雨特報"
                                  << "waterlogging";
        QTest::newRow("Met 淹水") << "Met"
                                  << "淹水警戒"
                                  << "waterlogging";
        QTest::newRow("Met 积水") << "Met"
                                  << "道路积水"
                                  << "waterlogging";
        QTest::newRow("Geo") << "Geo"
                             << "地震"
                             << "geological";
        QTest::newRow("Safety") << "Safety"
                                << "x"
                                << "public_safety";
        QTest::newRow("Security") << "Security"
                                  << "x"
                                  << "public_safety";
        QTest::newRow("Rescue") << "Rescue"
                                << "x"
                                << "rescue";
        QTest::newRow("Health") << "Health"
                                << "x"
                                << "public_health";
        QTest::newRow("Transport") << "Transport"
                                   << "x"
                                   << "traffic";
        QTest::newRow("Infra") << "Infra"
                               << "x"
                               << "infrastructure";
        QTest::newRow("CBRNE") << "CBRNE"
                               << "x"
                               << "hazmat";
        QTest::newRow("Other") << "Other"
                               << "x"
                               << "other";
    }

    void kindMapping()
    {
        QFETCH(QString, category);
        QFETCH(QString, eventName);
        QFETCH(QString, expected);
        const auto result = decodeXianyang(xianyang(
            { { QStringLiteral("<category>Met</category>"), QStringLiteral("<category>%1</category>").arg(category) },
                { QStringLiteral("<event>暴雨</event>"), QStringLiteral("<event>%1</event>").arg(eventName) } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->kind, expected);
    }

    void statusMapping_data()
    {
        QTest::addColumn<QString>("msgType");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Alert") << "Alert"
                               << "new";
        QTest::newRow("Update") << "Update"
                                << "update";
        QTest::newRow("Cancel") << "Cancel"
                                << "closed";
    }

    void statusMapping()
    {
        QFETCH(QString, msgType);
        QFETCH(QString, expected);
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("<msgType>Alert</msgType>"),
            QStringLiteral("<msgType>%1</msgType><references>qxt@xianyang.gov.cn,XYQXT-0,2026-11-29T08:00:00+08:00"
                           "</references>")
                .arg(msgType) } }));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->status, expected);
        QCOMPARE(event->id,
            msgType == QLatin1String("Alert") ? QStringLiteral("CAP-XYQXT-20261129083000-RAIN-0001")
                                              : QStringLiteral("CAP-XYQXT-0"));
    }

    void ackAndErrorAreIgnored_data()
    {
        QTest::addColumn<QString>("msgType");
        QTest::newRow("Ack") << "Ack";
        QTest::newRow("Error") << "Error";
    }

    void ackAndErrorAreIgnored()
    {
        QFETCH(QString, msgType);
        const auto result = decodeXianyang(xianyang(
            { { QStringLiteral("<msgType>Alert</msgType>"), QStringLiteral("<msgType>%1</msgType>").arg(msgType) } }));
        const auto* ignored = std::get_if<Ignored>(&result);
        QVERIFY2(ignored, qPrintable(describe(result)));
        QVERIFY(ignored->why.contains(msgType));
    }

    void testStatusIsIgnored()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<status>Actual</status>"), QStringLiteral("<status>Test</status>") } }));
        QVERIFY2(std::holds_alternative<Ignored>(result), qPrintable(describe(result)));
    }

    // ---- incident ids ----

    void incidentIdReplacesForeignCharacters()
    {
        QCOMPARE(CapDecoder::incidentIdFor(QStringLiteral("urn:oid:2.49.0.1.156.0@2026 第1号")),
            QStringLiteral("CAP-urn_oid_2.49.0.1.156.0_2026__1_"));
    }

    void longIncidentIdIsTruncatedWithAStableHash()
    {
        const QString identifier = QStringLiteral("CWA-Weather_extremely-rain_") + QString(80, QLatin1Char('x'));
        const QString id = CapDecoder::incidentIdFor(identifier);
        QCOMPARE(id.size(), 64);
        QVERIFY(TopicScheme::isValidId(id));
        QVERIFY(id.startsWith(QStringLiteral("CAP-CWA-Weather_extremely-rain_xxx")));
        QCOMPARE(CapDecoder::incidentIdFor(identifier), id); // stable
        // SHA-256 of the identifier, so the same value in every process and on every machine.
        QCOMPARE(id.right(16),
            QString::fromLatin1(
                QCryptographicHash::hash(identifier.toUtf8(), QCryptographicHash::Sha256).toHex().left(16)));
        QVERIFY(CapDecoder::incidentIdFor(identifier + QLatin1Char('y')) != id);
    }

    // ---- rejections ----

    void notWellFormedIsMalformed()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("</scope>"), QStringLiteral("</scopee>") } }));
        REQUIRE_REJECTION(result, RejectReason::MalformedXml);
    }

    void emptyPayloadIsMalformed() { REQUIRE_REJECTION(decodeXianyang(QByteArray()), RejectReason::MalformedXml); }

    void billionLaughsIsRejectedFast()
    {
        QByteArray doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [\n <!ENTITY lol \"lol\">\n";
        for (int level = 1; level <= 9; ++level) {
            doc += " <!ENTITY lol" + QByteArray::number(level) + " \"";
            const QByteArray previous = level == 1 ? QByteArray("lol") : "lol" + QByteArray::number(level - 1);
            for (int k = 0; k < 10; ++k)
                doc += "&" + previous + ";";
            doc += "\">\n";
        }
        doc += "]>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>";
        QElapsedTimer timer;
        timer.start();
        const auto result = decodeXianyang(doc);
        const qint64 elapsed = timer.elapsed();
        REQUIRE_REJECTION(result, RejectReason::MalformedXml);
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    }

    void anyDtdIsMalformed()
    {
        QByteArray doc = xianyang();
        doc.replace("<alert ", "<!DOCTYPE alert SYSTEM \"file:///etc/passwd\">\n<alert ");
        REQUIRE_REJECTION(decodeXianyang(doc), RejectReason::MalformedXml);
    }

    void undeclaredEntityIsMalformed()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<event>暴雨</event>"), QStringLiteral("<event>&xxe;</event>") } }));
        REQUIRE_REJECTION(result, RejectReason::MalformedXml);
    }

    void depthBombIsRejectedFast()
    {
        const int levels = 200000;
        QByteArray bomb;
        bomb.reserve(levels * 7);
        for (int i = 0; i < levels; ++i)
            bomb += "<a>";
        for (int i = 0; i < levels; ++i)
            bomb += "</a>";
        QByteArray doc = xianyang();
        doc.replace("<scope>Public</scope>", "<scope>Public</scope>" + bomb);
        QElapsedTimer timer;
        timer.start();
        const auto result = decodeXianyang(doc);
        const qint64 elapsed = timer.elapsed();
        REQUIRE_REJECTION(result, RejectReason::MalformedXml);
        QVERIFY2(std::get<Rejection>(result).detail.contains(QLatin1String("deeper")),
            qPrintable(std::get<Rejection>(result).detail));
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    }

    void depthAtTheLimitIsAccepted()
    {
        // <alert> (1) > <info> (2) > <area> (3) > <geocode> (4) > 28 unknown levels = 32.
        QByteArray nest;
        for (int i = 0; i < 28; ++i)
            nest += "<x>";
        for (int i = 0; i < 28; ++i)
            nest += "</x>";
        QByteArray doc = xianyang();
        doc.replace("<valueName>adcode</valueName>", "<valueName>adcode</valueName>" + nest);
        REQUIRE_INCIDENT(decodeXianyang(doc), event);
        doc.replace(nest, "<y>" + nest + "</y>");
        REQUIRE_REJECTION(decodeXianyang(doc), RejectReason::MalformedXml);
    }

    void wrongRootIsMalformed()
    {
        const QByteArray doc = "<feed xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></feed>";
        REQUIRE_REJECTION(decodeXianyang(doc), RejectReason::MalformedXml);
    }

    void cap11NamespaceIsMalformed()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("urn:oasis:names:tc:emergency:cap:1.2"),
            QStringLiteral("urn:oasis:names:tc:emergency:cap:1.1") } }));
        REQUIRE_REJECTION(result, RejectReason::MalformedXml);
    }

    void missingIdentifierIsNamed()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<identifier>XYQXT-20261129083000-RAIN-0001</identifier>"), QString() } }));
        REQUIRE_REJECTION(result, RejectReason::MissingField);
        QVERIFY(std::get<Rejection>(result).detail.startsWith(QLatin1String("identifier")));
    }

    void blankScopeIsMissing()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<scope>Public</scope>"), QStringLiteral("<scope>  </scope>") } }));
        REQUIRE_REJECTION(result, RejectReason::MissingField);
        QVERIFY(std::get<Rejection>(result).detail.startsWith(QLatin1String("scope")));
    }

    void badMsgTypeIsOutOfRange()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<msgType>Alert</msgType>"), QStringLiteral("<msgType>Warning</msgType>") } }));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
        QVERIFY(std::get<Rejection>(result).detail.startsWith(QLatin1String("msgType")));
    }

    void badSeverityIsOutOfRange()
    {
        const auto result = decodeXianyang(xianyang(
            { { QStringLiteral("<severity>Severe</severity>"), QStringLiteral("<severity>Red</severity>") } }));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
        QVERIFY(std::get<Rejection>(result).detail.contains(QLatin1String("severity")));
    }

    void badCategoryIsOutOfRange()
    {
        const auto result = decodeXianyang(xianyang(
            { { QStringLiteral("<category>Met</category>"), QStringLiteral("<category>Weather</category>") } }));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
    }

    void unclosedPolygonIsOutOfRange()
    {
        const auto result = decodeXianyang(
            withPolygon(QStringLiteral("34.30,108.65 34.30,108.75 34.36,108.75 34.36,108.65 34.31,108.65")));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
        QVERIFY(std::get<Rejection>(result).detail.contains(QLatin1String("polygon not closed")));
    }

    void polygonOfThreePairsIsOutOfRange()
    {
        const auto result = decodeXianyang(withPolygon(QStringLiteral("34.30,108.65 34.30,108.75 34.30,108.65")));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
    }

    void latitude91IsOutOfRange()
    {
        const auto result
            = decodeXianyang(withPolygon(QStringLiteral("91,108.65 34.30,108.75 34.36,108.75 34.36,108.65 91,108.65")));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
        QVERIFY(std::get<Rejection>(result).detail.contains(QLatin1String("latitude")));
    }

    void nanCoordinateIsNonFinite()
    {
        const auto result
            = decodeXianyang(withPolygon(QStringLiteral("34.30,NaN 34.30,108.75 34.36,108.75 34.36,108.65 34.30,NaN")));
        REQUIRE_REJECTION(result, RejectReason::NonFinite);
    }

    void garbagePairIsOutOfRange()
    {
        const auto result = decodeXianyang(
            withPolygon(QStringLiteral("34.30;108.65 34.30,108.75 34.36,108.75 34.36,108.65 34.30;108.65")));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
    }

    void tooManyVerticesIsOutOfRange()
    {
        REQUIRE_REJECTION(decodeXianyang(withPolygon(ringOf(5001))), RejectReason::OutOfRange);
    }

    void verticesAtTheLimitAreAccepted()
    {
        const auto result = decodeXianyang(withPolygon(ringOf(5000)));
        REQUIRE_INCIDENT(result, event);
        QCOMPARE(event->cap->polygons.front().size(), size_t(5000));
    }

    void negativeCircleRadiusIsOutOfRange()
    {
        const QString polygonLine = QStringLiteral("<polygon>") + kPolygon + QStringLiteral("</polygon>");
        REQUIRE_REJECTION(
            decodeXianyang(xianyang({ { polygonLine, QStringLiteral("<circle>34.33,108.70 -1</circle>") } })),
            RejectReason::OutOfRange);
    }

    void tooManyInfoBlocksIsOutOfRange()
    {
        const QString doc = QString::fromUtf8(xianyang());
        const qsizetype begin = doc.indexOf(QStringLiteral("<info>"));
        const qsizetype end = doc.indexOf(QStringLiteral("</info>")) + 7;
        const QString info = doc.mid(begin, end - begin);
        QString many = doc;
        many.insert(end, info.repeated(15)); // 17 blocks
        REQUIRE_REJECTION(decodeXianyang(many.toUtf8()), RejectReason::OutOfRange);
    }

    void sentWithoutZoneIsBadTimestamp()
    {
        REQUIRE_REJECTION(
            decodeXianyang(alertWithSent(QStringLiteral("2026-11-29T08:30:00")).toUtf8()), RejectReason::BadTimestamp);
    }

    void sentFarInTheFutureIsBadTimestamp()
    {
        REQUIRE_REJECTION(decodeXianyang(alertWithSent(QStringLiteral("2026-11-29T08:40:00+08:00")).toUtf8()),
            RejectReason::BadTimestamp);
    }

    void sentEightDaysAgoIsBadTimestamp()
    {
        REQUIRE_REJECTION(decodeXianyang(alertWithSent(QStringLiteral("2026-11-21T08:30:00+08:00")).toUtf8()),
            RejectReason::BadTimestamp);
    }

    void sentWithinTheWindowIsAccepted_data()
    {
        QTest::addColumn<QString>("sent");
        QTest::newRow("4 min ahead") << "2026-11-29T08:34:00+08:00";
        QTest::newRow("6 days ago, UTC -00:00") << "2026-11-23T00:30:00-00:00";
        QTest::newRow("Z and fraction") << "2026-11-29T00:30:00.250Z";
    }

    void sentWithinTheWindowIsAccepted()
    {
        QFETCH(QString, sent);
        const auto result = decodeXianyang(alertWithSent(sent).toUtf8());
        REQUIRE_INCIDENT(result, event);
    }

    void senderMismatchIsTopicMismatch()
    {
        const auto result = CapDecoder().decode(xianyang(), QStringLiteral("someone-else@xianyang.gov.cn"), kNow);
        REQUIRE_REJECTION(result, RejectReason::TopicMismatch);
    }

    void updateWithoutReferencesIsMissingField()
    {
        const auto result = decodeXianyang(
            xianyang({ { QStringLiteral("<msgType>Alert</msgType>"), QStringLiteral("<msgType>Update</msgType>") } }));
        REQUIRE_REJECTION(result, RejectReason::MissingField);
        QVERIFY(std::get<Rejection>(result).detail.startsWith(QLatin1String("references")));
    }

    void malformedReferenceIsOutOfRange()
    {
        const auto result = decodeXianyang(xianyang({ { QStringLiteral("<msgType>Alert</msgType>"),
            QStringLiteral("<msgType>Cancel</msgType><references>XYQXT-0</references>") } }));
        REQUIRE_REJECTION(result, RejectReason::OutOfRange);
    }

    void limitsAreConfigurable()
    {
        CapDecoder::Limits limits;
        limits.maxVerticesPerPolygon = 4;
        REQUIRE_REJECTION(CapDecoder(limits).decode(xianyang(), kSender, kNow), RejectReason::OutOfRange);
    }

    // ---- robustness ----

    void truncatedSamplesAreMalformed()
    {
        const QByteArray payload = sample(QStringLiteral("tw-cwa-heavy-rain-cancel-zh-TW.xml"));
        const qsizetype complete = payload.lastIndexOf("</alert>") + 8;
        const CapDecoder decoder;
        const qint64 now = nowFor(payload);
        for (qsizetype size = 0; size < complete; size += 3) {
            const auto result = decoder.decode(payload.left(size), QStringLiteral("weather@cwa.gov.tw"), now);
            const auto* rejection = std::get_if<Rejection>(&result);
            QVERIFY2(rejection && rejection->reason == RejectReason::MalformedXml,
                qPrintable(QStringLiteral("%1 bytes: %2").arg(size).arg(describe(result))));
        }
    }

    // Random byte edits of real alerts, decoded with their own sender and time so that the edits reach
    // every stage: whatever the outcome, no crash, and an incident always has a valid id.
    void mutatedSamplesNeverCrash()
    {
        QRandomGenerator random(20261129);
        const std::pair<QString, QString> files[] = {
            { QStringLiteral("oasis-cap12-A2-severe-thunderstorm-warning.xml"), QStringLiteral("KSTO@NWS.NOAA.GOV") },
            { QStringLiteral("us-noaa-wcatwc-tsunami-update-circle.xml"), QStringLiteral("wcatwc@noaa.gov") },
            { QStringLiteral("tw-cwa-thunderstorm-polygon-zh-TW.xml"), QStringLiteral("weather@cwa.gov.tw") },
        };
        const CapDecoder decoder;
        static const char alphabet[] = "<>/&;:,. -0123456789\"'=!?[]x\xe6\x9a\xb4\xff";
        int incidents = 0;
        int rejections = 0;
        for (const auto& [file, sender] : files) {
            const QByteArray original = sample(file);
            const qint64 now = nowFor(original);
            for (int round = 0; round < 400; ++round) {
                QByteArray mutated = original;
                const int edits = 1 + int(random.bounded(3));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = random.bounded(int(mutated.size()));
                    mutated[at] = alphabet[random.bounded(int(sizeof alphabet - 1))];
                }
                const auto result = decoder.decode(mutated, sender, now);
                QVERIFY(!result.valueless_by_exception());
                if (const auto* event = std::get_if<IncidentEvent>(&result)) {
                    ++incidents;
                    QVERIFY2(TopicScheme::isValidId(event->id), qPrintable(event->id));
                } else if (std::holds_alternative<Rejection>(result)) {
                    ++rejections;
                }
            }
        }
        QVERIFY(incidents > 0); // edits in free text keep the alert valid
        QVERIFY(rejections > 0);
    }

    void decoderIsSharedAcrossThreads()
    {
        const CapDecoder decoder;
        const QByteArray payload = xianyang();
        std::atomic<int> wrong { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i) {
                    const auto result = decoder.decode(payload, kSender, kNow);
                    const auto* event = std::get_if<IncidentEvent>(&result);
                    if (!event || event->district != QLatin1String("610402"))
                        ++wrong;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
    }

private:
    // A closed ring of `pairs` "lat,lon" pairs (the last repeats the first) around central Qindu.
    static QString ringOf(int pairs)
    {
        QStringList points;
        for (int i = 0; i < pairs - 1; ++i) {
            const double angle = 6.283185307179586 * i / (pairs - 1);
            points.append(QStringLiteral("%1,%2")
                              .arg(34.33 + 0.02 * std::sin(angle), 0, 'f', 6)
                              .arg(108.70 + 0.03 * std::cos(angle), 0, 'f', 6));
        }
        points.append(points.front());
        return points.join(QLatin1Char(' '));
    }
};

QTEST_GUILESS_MAIN(TestCapDecoder)
#include "tst_capdecoder.moc"
