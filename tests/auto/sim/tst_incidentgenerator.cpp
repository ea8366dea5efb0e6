#include "districtlayer.h"
#include "incidentgenerator.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <map>
#include <set>

using namespace citybrain;
using namespace citybrain::sim;

namespace {
// 2026-11-29 10:00 Beijing.
const qint64 startMs = QDateTime(QDate(2026, 11, 29), QTime(2, 0), QTimeZone::utc()).toMSecsSinceEpoch();
constexpr qint64 hourMs = 3600 * 1000;

// Start-up incidents and then three simulated hours, advanced once a second.
std::vector<IncidentEvent> run(quint64 seed, qint64 spanMs = 3 * hourMs)
{
    IncidentGenerator generator(DistrictLayer::xianyang(), seed, IncidentGenerator::Settings {});
    std::vector<IncidentEvent> events = generator.start(startMs);
    for (qint64 t = startMs + 1000; t <= startMs + spanMs; t += 1000) {
        for (IncidentEvent& e : generator.advance(t))
            events.push_back(std::move(e));
    }
    return events;
}
} // namespace

class TestIncidentGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startupIncidentsAreOpenAndRecent()
    {
        IncidentGenerator generator(DistrictLayer::xianyang(), 1, IncidentGenerator::Settings {});
        const std::vector<IncidentEvent> events = generator.start(startMs);
        QVERIFY(events.size() >= 3 && events.size() <= 5);
        for (const IncidentEvent& e : events) {
            QCOMPARE(e.status, QStringLiteral("new"));
            QVERIFY2(e.tsMs < startMs && e.tsMs > startMs - 30 * 60 * 1000, qPrintable(e.id));
        }
        QCOMPARE(generator.openCount(), int(events.size()));
    }

    void newIncidentsArriveAboutEveryFifteenToThirtySeconds()
    {
        int fresh = 0;
        for (const IncidentEvent& e : run(1))
            fresh += e.status == QLatin1String("new") ? 1 : 0;
        // Three hours at one per 15-30 s: 360..720, with room for chance.
        QVERIFY2(fresh > 300 && fresh < 800, qPrintable(QString::number(fresh)));
    }

    void titlesNameTheDistrict()
    {
        const DistrictLayer& layer = DistrictLayer::xianyang();
        for (const IncidentEvent& e : run(2)) {
            const District* district = layer.find(e.district);
            QVERIFY2(district, qPrintable(e.district));
            QVERIFY2(e.title.contains(district->name), qPrintable(e.title));
            QVERIFY2(!e.title.contains(u'{'), qPrintable(e.title));
        }
    }

    void incidentsLieInsideTheirDistrict()
    {
        const DistrictLayer& layer = DistrictLayer::xianyang();
        for (const IncidentEvent& e : run(3))
            QVERIFY2(layer.find(e.district)->contains(QPointF(e.lon, e.lat)), qPrintable(e.id));
    }

    void sequenceCountsPerSourceFromOne()
    {
        std::map<QString, qint64> last;
        for (const IncidentEvent& e : run(4)) {
            QCOMPARE(e.seq, last[e.source] + 1);
            last[e.source] = e.seq;
        }
        QVERIFY(last.size() >= 5);
    }

    void eachSourceReportsItsKind()
    {
        const std::map<QString, QString> sourceOf = {
            { QStringLiteral("traffic_accident"), QStringLiteral("110-traffic") },
            { QStringLiteral("fire"), QStringLiteral("119-fire") },
            { QStringLiteral("city_management"), QStringLiteral("12345-hotline") },
            { QStringLiteral("pollution"), QStringLiteral("env-monitoring") },
        };
        std::set<QString> kinds;
        for (const IncidentEvent& e : run(5)) {
            kinds.insert(e.kind);
            const auto it = sourceOf.find(e.kind);
            if (it != sourceOf.end())
                QCOMPARE(e.source, it->second);
        }
        for (const char* kind :
            { "traffic_accident", "fire", "waterlogging", "pollution", "gas_leak", "city_management" })
            QVERIFY2(kinds.count(QLatin1String(kind)), kind);
    }

    void lifecycleIsNewThenUpdatesThenClosed()
    {
        std::map<QString, QString> state;
        int updates = 0;
        int closed = 0;
        for (const IncidentEvent& e : run(6)) {
            const QString before = state[e.id];
            if (e.status == QLatin1String("new")) {
                QVERIFY2(before.isEmpty(), qPrintable(e.id));
            } else {
                QVERIFY2(before == QLatin1String("new") || before == QLatin1String("update"), qPrintable(e.id));
                (e.status == QLatin1String("update") ? updates : closed)++;
            }
            state[e.id] = e.status;
        }
        QVERIFY(updates > 0);
        QVERIFY(closed > 0);
    }

    void severityIsMostlyMinorOrModerate()
    {
        std::map<Severity, int> counts;
        int total = 0;
        for (const IncidentEvent& e : run(7)) {
            if (e.status == QLatin1String("new")) {
                ++counts[e.severity];
                ++total;
            }
        }
        QVERIFY(counts[Severity::Minor] + counts[Severity::Moderate] > total * 8 / 10);
        QVERIFY(counts[Severity::Critical] < total / 20);
    }

    void idsCarryTheBeijingDate()
    {
        const QRegularExpression pattern(QStringLiteral("^INC-20261129-(\\d{4,5}|S\\d{2})$"));
        std::set<QString> ids;
        for (const IncidentEvent& e : run(8, hourMs)) {
            QVERIFY2(pattern.match(e.id).hasMatch(), qPrintable(e.id));
            if (e.status == QLatin1String("new"))
                QVERIFY2(ids.insert(e.id).second, qPrintable(e.id));
        }
    }

    void aRestartLaterTheSameDayRepeatsItsStartupIncidentsAndNumbersNewOnesAfresh()
    {
        IncidentGenerator first(DistrictLayer::xianyang(), 1, IncidentGenerator::Settings {});
        std::vector<IncidentEvent> startup = first.start(startMs);
        std::set<QString> newIds;
        for (const IncidentEvent& e : first.advance(startMs + hourMs))
            newIds.insert(e.id);
        IncidentGenerator second(DistrictLayer::xianyang(), 1, IncidentGenerator::Settings {});
        const std::vector<IncidentEvent> again = second.start(startMs + hourMs + 60000);
        QCOMPARE(again.size(), startup.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            // Same incident, same id: consoles update it instead of showing a duplicate.
            QCOMPARE(again[i].id, startup[i].id);
            QCOMPARE(again[i].title, startup[i].title);
        }
        for (const IncidentEvent& e : second.advance(startMs + 3 * hourMs))
            QVERIFY2(e.status != QLatin1String("new") || !newIds.count(e.id), qPrintable(e.id));
    }
};

QTEST_GUILESS_MAIN(TestIncidentGenerator)
#include "tst_incidentgenerator.moc"
