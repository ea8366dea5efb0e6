#include "districtlayer.h"
#include "sensorfleet.h"
#include "telemetrymodel.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace citybrain;
using namespace citybrain::sim;

class TestSensorFleet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultFleetHasSeveralHundredSensorsOfEveryDomain()
    {
        const SensorFleet fleet(DistrictLayer::xianyang(), 1, SensorCounts {});
        QVERIFY(fleet.sensors().size() >= 300);
        QCOMPARE(int(fleet.sensors().size()), SensorCounts {}.total());
        for (const char* domain : { "air", "traffic", "water", "noise", "energy" })
            QVERIFY2(fleet.count(QLatin1String(domain)) > 0, domain);
    }

    void gaugesHaveFixedStationLinesAboveTheirNormalRange()
    {
        const SensorFleet fleet(DistrictLayer::xianyang(), 1, SensorCounts {});
        for (const SimSensor& sensor : fleet.sensors()) {
            if (sensor.domain != QLatin1String("water")) {
                QCOMPARE(sensor.warningLine, 0.0);
                continue;
            }
            QVERIFY2(sensor.warningLine >= TelemetryModel::normalLevelMax(sensor) + 0.4, qPrintable(sensor.id));
            QVERIFY2(sensor.guaranteeLine >= sensor.warningLine + 0.7, qPrintable(sensor.id));
            QVERIFY2(sensor.guaranteeLine <= sensor.warningLine + 1.6, qPrintable(sensor.id));
        }
        // The lines have their own stream: the same seed gives the same lines.
        const SensorFleet again(DistrictLayer::xianyang(), 1, SensorCounts {});
        for (size_t i = 0; i < fleet.sensors().size(); ++i)
            QCOMPARE(again.sensors()[i].guaranteeLine, fleet.sensors()[i].guaranteeLine);
    }

    void everySensorLiesInsideItsDistrict()
    {
        const DistrictLayer& layer = DistrictLayer::xianyang();
        for (quint64 seed : { 1ull, 2ull, 77ull }) {
            const SensorFleet fleet(layer, seed, SensorCounts {});
            for (const SimSensor& sensor : fleet.sensors()) {
                const District* district = layer.find(sensor.district);
                QVERIFY2(district, qPrintable(sensor.id));
                QVERIFY2(district->contains(QPointF(sensor.lon, sensor.lat)), qPrintable(sensor.id));
            }
        }
    }

    void idsNameDomainDistrictAndNumber()
    {
        const SensorFleet fleet(DistrictLayer::xianyang(), 1, SensorCounts {});
        const QRegularExpression pattern(QStringLiteral("^(air|traffic|water|noise|energy)-(\\d{6})-(\\d{3})$"));
        QSet<QString> ids;
        for (const SimSensor& sensor : fleet.sensors()) {
            const QRegularExpressionMatch match = pattern.match(sensor.id);
            QVERIFY2(match.hasMatch(), qPrintable(sensor.id));
            QCOMPARE(match.captured(1), sensor.domain);
            QCOMPARE(match.captured(2), sensor.district);
            ids.insert(sensor.id);
        }
        QCOMPARE(ids.size(), int(fleet.sensors().size()));
    }

    void everyDistrictHasSensorsOfEveryDomain()
    {
        const DistrictLayer& layer = DistrictLayer::xianyang();
        const SensorFleet fleet(layer, 1, SensorCounts {});
        for (const District& district : layer.districts()) {
            for (const char* domain : { "air", "traffic", "water", "noise", "energy" }) {
                const bool found = std::any_of(fleet.sensors().begin(), fleet.sensors().end(), [&](const SimSensor& s) {
                    return s.district == district.adcode && s.domain == QLatin1String(domain);
                });
                QVERIFY2(found, qPrintable(district.adcode + u' ' + QLatin1String(domain)));
            }
        }
    }

    void centralDistrictsAreDensest()
    {
        const DistrictLayer& layer = DistrictLayer::xianyang();
        const SensorFleet fleet(layer, 1, SensorCounts {});
        auto countIn = [&](const char* adcode) {
            return std::count_if(fleet.sensors().begin(), fleet.sensors().end(),
                [&](const SimSensor& s) { return s.district == QLatin1String(adcode); });
        };
        const auto average = static_cast<double>(fleet.sensors().size()) / double(layer.districts().size());
        QVERIFY(countIn("610402") > 2 * average);
        QVERIFY(countIn("610404") > 2 * average);
    }

    void sameSeedSamePlacesDifferentSeedDifferentPlaces()
    {
        const SensorFleet a(DistrictLayer::xianyang(), 5, SensorCounts {});
        const SensorFleet b(DistrictLayer::xianyang(), 5, SensorCounts {});
        const SensorFleet c(DistrictLayer::xianyang(), 6, SensorCounts {});
        int moved = 0;
        for (size_t i = 0; i < a.sensors().size(); ++i) {
            QCOMPARE(a.sensors()[i].lon, b.sensors()[i].lon);
            QCOMPARE(a.sensors()[i].lat, b.sensors()[i].lat);
            moved += a.sensors()[i].lon != c.sensors()[i].lon ? 1 : 0;
        }
        QVERIFY(moved > int(a.sensors().size()) / 2);
    }

    void countsAreConfigurable()
    {
        SensorCounts counts;
        counts.air = 3;
        counts.traffic = 20;
        counts.water = 0;
        counts.noise = 14;
        counts.energy = 1;
        const SensorFleet fleet(DistrictLayer::xianyang(), 1, counts);
        QCOMPARE(fleet.count(QStringLiteral("air")), 3);
        QCOMPARE(fleet.count(QStringLiteral("traffic")), 20);
        QCOMPARE(fleet.count(QStringLiteral("water")), 0);
        QCOMPARE(fleet.count(QStringLiteral("noise")), 14);
        QCOMPARE(fleet.count(QStringLiteral("energy")), 1);
    }
};

QTEST_GUILESS_MAIN(TestSensorFleet)
#include "tst_sensorfleet.moc"
