#include "topicscheme.h"

#include <QTest>

using namespace citybrain;
using Feed = TopicScheme::Feed;

class TestTopicScheme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void routesEveryFeedOfTheContract()
    {
        const TopicScheme scheme;
        const TopicScheme::Route telemetry = scheme.route(QStringLiteral("xy/v1/telemetry/air/610402/air-610402-003"));
        QCOMPARE(telemetry.feed, Feed::Telemetry);
        QCOMPARE(telemetry.domain, QStringLiteral("air"));
        QCOMPARE(telemetry.district, QStringLiteral("610402"));
        QCOMPARE(telemetry.id, QStringLiteral("air-610402-003"));
        QCOMPARE(scheme.route(QStringLiteral("xy/v1/indicator/air.aqi")).feed, Feed::Indicator);
        QCOMPARE(scheme.route(QStringLiteral("xy/v1/incident/INC-1/event")).feed, Feed::IncidentEvent);
        QCOMPARE(scheme.route(QStringLiteral("xy/v1/incident/INC-1/action")).feed, Feed::IncidentAction);
        QCOMPARE(scheme.route(QStringLiteral("xy/v1/wall/main/control")).feed, Feed::WallControl);
        QCOMPARE(scheme.route(QStringLiteral("xy/v1/status/citybrain-sim")).id, QStringLiteral("citybrain-sim"));
    }

    void buildersAndRouteAgree()
    {
        const TopicScheme scheme(QStringLiteral("city/xy/v1"));
        QCOMPARE(scheme.route(scheme.telemetry("water", "610404", "w-1")).feed, Feed::Telemetry);
        QCOMPARE(scheme.route(scheme.indicator("a")).feed, Feed::Indicator);
        QCOMPARE(scheme.route(scheme.incidentEvent("b")).id, QStringLiteral("b"));
        QCOMPARE(scheme.route(scheme.incidentAction("b")).feed, Feed::IncidentAction);
        QCOMPARE(scheme.route(scheme.wallControl("w")).feed, Feed::WallControl);
        QCOMPARE(scheme.route(scheme.status("c")).feed, Feed::Status);
        QCOMPARE(scheme.allFeeds(), QStringLiteral("city/xy/v1/#"));
    }

    void routesAGisLayer()
    {
        const TopicScheme::Route route = TopicScheme().route(QStringLiteral("xy/v1/gis/cameras"));
        QCOMPARE(route.feed, Feed::Gis);
        QCOMPARE(route.id, QStringLiteral("cameras"));
    }

    void gisBuilderAndRouteAgree()
    {
        const TopicScheme scheme(QStringLiteral("city/xy/v1"));
        QCOMPARE(scheme.gis(QStringLiteral("flood-zones.2026")), QStringLiteral("city/xy/v1/gis/flood-zones.2026"));
        QCOMPARE(scheme.route(scheme.gis(QStringLiteral("flood-zones.2026"))).id, QStringLiteral("flood-zones.2026"));
    }

    void unknownTopics_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("other prefix") << "xy/v2/indicator/a";
        QTest::newRow("prefix only") << "xy/v1";
        QTest::newRow("prefix lookalike") << "xy/v1x/indicator/a";
        QTest::newRow("unknown feed") << "xy/v1/weather/a";
        QTest::newRow("unknown domain") << "xy/v1/telemetry/radio/610402/s1";
        QTest::newRow("short district") << "xy/v1/telemetry/air/6104/s1";
        QTest::newRow("too deep") << "xy/v1/telemetry/air/610402/s1/x";
        QTest::newRow("bad id char") << "xy/v1/indicator/a b";
        QTest::newRow("empty id") << "xy/v1/indicator/";
        QTest::newRow("long id") << QStringLiteral("xy/v1/indicator/") + QString(65, u'a');
        QTest::newRow("incident other") << "xy/v1/incident/a/delete";
        QTest::newRow("wall no control") << "xy/v1/wall/a";
        QTest::newRow("gis no layer") << "xy/v1/gis";
        QTest::newRow("gis empty layer") << "xy/v1/gis/";
        QTest::newRow("gis bad layer char") << "xy/v1/gis/cam:eras";
        QTest::newRow("gis too deep") << "xy/v1/gis/cameras/1";
        QTest::newRow("gis long layer") << QStringLiteral("xy/v1/gis/") + QString(65, u'a');
    }

    void unknownTopics()
    {
        QFETCH(QString, topic);
        QCOMPARE(TopicScheme().route(topic).feed, Feed::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestTopicScheme)
#include "tst_topicscheme.moc"
