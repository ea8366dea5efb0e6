// The incidents and heat layers in step with the incident queue: open incidents by severity, pulsing until
// acknowledged, gone once resolved, closed, merged or cancelled; the heat layer keeps every incident of
// the window and lets go of the older ones; the hover card.
#include "incidentmarkers.h"
#include "incidentmodel.h"
#include "maplayers.h"

#include <QSignalSpy>
#include <QTest>

using namespace citybrain;

namespace {

constexpr qint64 t0 = 1'795'912'200'000;
constexpr qint64 hour = 3600 * 1000;

IncidentEvent report(const QString& id, Severity severity, qint64 tsMs, const QString& status = QStringLiteral("new"))
{
    IncidentEvent e;
    e.id = id;
    e.source = QStringLiteral("119-fire");
    e.seq = 1;
    e.tsMs = tsMs;
    e.kind = QStringLiteral("fire");
    e.severity = severity;
    e.status = status;
    e.title = QStringLiteral("秦都区商铺起火 ") + id;
    e.district = QStringLiteral("610402");
    e.lon = 108.70;
    e.lat = 34.33;
    return e;
}

IncidentAction act(const QString& incidentId, ActionKind kind, qint64 baseVersion, qint64 tsMs,
    const QString& role = QStringLiteral("dispatcher"))
{
    IncidentAction a;
    a.incidentId = incidentId;
    a.actionId = QStringLiteral("c1-%1").arg(tsMs);
    a.actor = QStringLiteral("zhang.wei");
    a.role = role;
    a.console = QStringLiteral("c1");
    a.kind = kind;
    a.baseVersion = baseVersion;
    a.tsMs = tsMs;
    a.seq = tsMs;
    return a;
}

// The map, the queue and the markers between them, at a clock the test moves.
struct Fixture
{
    Fixture()
    {
        layers.addStandardLayers();
        markers.setClock([this] { return now; });
        markers.setMapLayers(&layers);
    }
    const MarkerSet& incidents() { return layers.markers(QStringLiteral("incidents")); }
    const MarkerSet& heat() { return layers.markers(QStringLiteral("heat")); }
    [[nodiscard]] const MarkerState* incident(const QString& id)
    {
        const int index = incidents().indexOf(id);
        return index < 0 ? nullptr : &incidents().stateAt(index);
    }

    qint64 now = t0 + 60'000;
    MapLayers layers { nullptr };
    IncidentModel model { nullptr };
    IncidentMarkers markers { &model, nullptr };
};

} // namespace

class TestIncidentMarkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anOpenIncidentIsMarkedByPriorityAndPulsesUntilAcknowledged()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Major, t0), report("INC-2", Severity::Minor, t0) });
        const MarkerState* marker = f.incident(QStringLiteral("INC-1"));
        QVERIFY(marker);
        // Category 3 is P1 .. 0 is P4: the priority the queue sorts by.
        QCOMPARE(int(marker->category), 4 - f.model.book().find(QStringLiteral("INC-1"))->priority);
        QCOMPARE(int(f.incident(QStringLiteral("INC-2"))->category),
            4 - f.model.book().find(QStringLiteral("INC-2"))->priority);
        QVERIFY(f.incident(QStringLiteral("INC-2"))->category < marker->category);
        QVERIFY(marker->pulse);
        QCOMPARE(marker->lonLat, QPointF(108.70, 34.33));
        QCOMPARE(f.markers.openCount(), 2);
        QCOMPARE(f.markers.pulsingCount(), 2);
    }

    void acknowledgingStopsThePulse()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Critical, t0) });
        f.model.applyActions({ act("INC-1", ActionKind::Acknowledge, 0, t0 + 30'000) });
        const MarkerState* marker = f.incident(QStringLiteral("INC-1"));
        QVERIFY(marker);
        QVERIFY(!marker->pulse);
        QCOMPARE(int(marker->category), 3);
    }

    void aResolvedIncidentLeavesTheMapButStaysInTheHeat()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Minor, t0) });
        f.model.applyActions({ act("INC-1", ActionKind::Acknowledge, 0, t0 + 10'000),
            act("INC-1", ActionKind::Resolve, 1, t0 + 20'000) });
        QVERIFY(!f.incident(QStringLiteral("INC-1")));
        QCOMPARE(f.heat().indexOf(QStringLiteral("INC-1")) >= 0, true);
        QCOMPARE(f.markers.openCount(), 0);
    }

    void anIncidentItsSourceClosedLeavesTheMap()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Moderate, t0) });
        f.model.apply({ report("INC-1", Severity::Moderate, t0 + 1000, QStringLiteral("closed")) });
        QVERIFY(!f.incident(QStringLiteral("INC-1")));
    }

    void aCancelledIncidentLeavesTheMap()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Moderate, t0) });
        f.model.applyActions({ act("INC-1", ActionKind::Cancel, 0, t0 + 1000, QStringLiteral("leader")) });
        QVERIFY(!f.incident(QStringLiteral("INC-1")));
    }

    void aSeverityChangeRecoloursTheMarker()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Minor, t0) });
        f.model.apply({ report("INC-1", Severity::Critical, t0 + 1000, QStringLiteral("update")) });
        QCOMPARE(int(f.incident(QStringLiteral("INC-1"))->category), 3);
        const MarkerSet& heat = f.heat();
        QCOMPARE(int(heat.stateAt(heat.indexOf(QStringLiteral("INC-1"))).category), 3);
    }

    void theHeatLayerKeepsTheWindowsIncidents()
    {
        Fixture f;
        f.now = t0 + 30 * hour;
        f.model.apply({ report("old", Severity::Major, t0), report("recent", Severity::Minor, t0 + 10 * hour) });
        QCOMPARE(f.heat().size(), 1);
        QVERIFY(f.heat().indexOf(QStringLiteral("recent")) >= 0);
        QCOMPARE(f.markers.heatCount(), 1);
        QCOMPARE(f.incidents().size(), 2); // the map shows what is open, however old
    }

    void pruningLetsGoOfIncidentsThatAgedOut()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Major, t0) });
        QCOMPARE(f.heat().size(), 1);
        QSignalSpy changed(&f.markers, &IncidentMarkers::changed);
        f.markers.prune(t0 + 24 * hour);
        QCOMPARE(f.heat().size(), 1);
        f.markers.prune(t0 + 24 * hour + 1);
        QCOMPARE(f.heat().size(), 0);
        QCOMPARE(changed.count(), 1);
    }

    void theHeatWindowIsConfigurable()
    {
        Fixture f;
        f.now = t0 + 3 * hour;
        f.model.apply({ report("INC-1", Severity::Major, t0) });
        QCOMPARE(f.heat().size(), 1);
        QSignalSpy window(&f.markers, &IncidentMarkers::heatWindowHoursChanged);
        f.markers.setHeatWindowHours(2);
        QCOMPARE(window.count(), 1);
        QCOMPARE(f.markers.heatWindowHours(), 2.0);
        QCOMPARE(f.heat().size(), 0);
        f.markers.setHeatWindowHours(-1); // refused
        QCOMPARE(f.markers.heatWindowHours(), 2.0);
    }

    void anIncidentWithoutAPlaceIsLeftOff()
    {
        Fixture f;
        IncidentEvent nowhere = report("INC-1", Severity::Major, t0);
        nowhere.lon = 0;
        nowhere.lat = 0;
        f.model.apply({ nowhere });
        QCOMPARE(f.incidents().size(), 0);
        QCOMPARE(f.heat().size(), 0);
    }

    void anUnchangedQueueLeavesTheMarkersAlone()
    {
        Fixture f;
        f.model.apply({ report("INC-1", Severity::Major, t0) });
        const quint64 incidents = f.incidents().revision();
        const quint64 heat = f.heat().revision();
        f.model.tick(t0 + 120'000); // SLA clocks move; the markers do not
        f.markers.sync(f.now);
        QCOMPARE(f.incidents().revision(), incidents);
        QCOMPARE(f.heat().revision(), heat);
    }

    void theHoverCardDescribesTheIncident()
    {
        Fixture f;
        f.now = t0 + 5 * 60'000;
        f.model.apply({ report("INC-1", Severity::Major, t0) });
        const QVariantMap card = f.markers.incident(QStringLiteral("INC-1"));
        QCOMPARE(card.value("title").toString(), QStringLiteral("秦都区商铺起火 INC-1"));
        QCOMPARE(card.value("kind").toString(), QStringLiteral("fire"));
        QCOMPARE(card.value("severity").toInt(), 2);
        QCOMPARE(card.value("severityName").toString(), QStringLiteral("major"));
        QVERIFY(card.value("priority").toInt() >= 1 && card.value("priority").toInt() <= 4);
        QCOMPARE(card.value("state").toString(), QStringLiteral("new"));
        QCOMPARE(card.value("districtName").toString(), QStringLiteral("秦都区"));
        QCOMPARE(card.value("ageMs").toDouble(), 5 * 60'000.0);
        QVERIFY(card.value("open").toBool());
    }

    void anUnknownIncidentHasNoCard()
    {
        Fixture f;
        QVERIFY(f.markers.incident(QStringLiteral("nope")).isEmpty());
    }

    void mapLayersGivenLaterGetTheQueue()
    {
        IncidentModel model(nullptr);
        IncidentMarkers markers(&model, nullptr);
        model.apply({ report("INC-1", Severity::Major, QDateTime::currentMSecsSinceEpoch()) });
        MapLayers layers(nullptr);
        markers.setMapLayers(&layers);
        QCOMPARE(layers.markers(QStringLiteral("incidents")).size(), 1);
        QCOMPARE(layers.markers(QStringLiteral("heat")).size(), 1);
    }
};

QTEST_MAIN(TestIncidentMarkers)
#include "tst_incidentmarkers.moc"
