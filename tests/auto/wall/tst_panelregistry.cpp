#include "panelregistry.h"

#include <QFileInfo>
#include <QSet>
#include <QTest>

#include <cstring>

using namespace citybrain;

namespace {

const PanelSetting* settingOf(const char* kind, const char* key)
{
    const PanelKind* k = PanelRegistry::find(QLatin1String(kind));
    return k ? k->setting(QLatin1String(key)) : nullptr;
}

QMetaType::Type expectedMetaType(PanelSetting::Type type)
{
    switch (type) {
    case PanelSetting::Type::String:
        return QMetaType::QString;
    case PanelSetting::Type::Number:
        return QMetaType::Double;
    case PanelSetting::Type::Integer:
        return QMetaType::Int;
    case PanelSetting::Type::Bool:
        return QMetaType::Bool;
    case PanelSetting::Type::StringList:
        return QMetaType::QStringList;
    case PanelSetting::Type::ObjectList:
        return QMetaType::QVariantList;
    }
    return QMetaType::UnknownType;
}

} // namespace

class TestPanelRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTableHasEveryPanelOfTheContract()
    {
        QCOMPARE(PanelRegistry::ids(),
            QStringList({ "kpi", "chart", "district_ranking", "plan_targets", "incident_summary", "incidents", "alarms",
                "alarm_ticker", "map", "cameras", "health", "clock", "focus_card", "focus_nearby", "checklist" }));
    }

    void idsAreUnique()
    {
        const QStringList ids = PanelRegistry::ids();
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
    }

    void everyComponentExistsInThePanelsModule()
    {
        for (const PanelKind& kind : PanelRegistry::kinds()) {
            const QString path = QFINDTESTDATA(QStringLiteral("../../../qml/Panels/") + kind.qmlFile);
            QVERIFY2(
                !path.isEmpty() && QFileInfo(path).isFile(), qPrintable(kind.id + QLatin1String(": ") + kind.qmlFile));
        }
    }

    void componentsAreTheContractsFiles()
    {
        QCOMPARE(PanelRegistry::find(QStringLiteral("chart"))->qmlFile, QStringLiteral("TrendPanel.qml"));
        QCOMPARE(PanelRegistry::find(QStringLiteral("cameras"))->qmlFile, QStringLiteral("CameraWallPanel.qml"));
        QCOMPARE(PanelRegistry::find(QStringLiteral("focus_card"))->qmlFile, QStringLiteral("FocusCard.qml"));
    }

    void anUnknownIdFindsNothing() { QCOMPARE(PanelRegistry::find(QStringLiteral("kpis")), nullptr); }

    void minimumsAreTheContracts()
    {
        const PanelKind* ticker = PanelRegistry::find(QStringLiteral("alarm_ticker"));
        QCOMPARE(ticker->minColumns, 6);
        QCOMPARE(ticker->minRows, 2);
        const PanelKind* incidents = PanelRegistry::find(QStringLiteral("incidents"));
        QCOMPARE(incidents->minColumns, 4);
        QCOMPARE(incidents->minRows, 4);
        const PanelKind* clock = PanelRegistry::find(QStringLiteral("clock"));
        QCOMPARE(clock->minColumns, 3);
        QCOMPARE(clock->minRows, 2);
    }

    void minimumsScaleWithTheGridRoundingUp()
    {
        const PanelKind* kpi = PanelRegistry::find(QStringLiteral("kpi"));
        QCOMPARE(kpi->minimumColumns(24), 4);
        QCOMPARE(kpi->minimumColumns(48), 8);
        QCOMPARE(kpi->minimumColumns(30), 5); // 4 * 30 / 24 = 5
        QCOMPARE(kpi->minimumColumns(10), 2); // 1.67 rounds up
        QCOMPARE(kpi->minimumRows(12), 3);
        QCOMPARE(kpi->minimumRows(24), 6);
        QCOMPARE(kpi->minimumRows(1), 1);
    }

    void defaultTitlesAreTheEnglishSourcesWithoutATranslator()
    {
        QCOMPARE(PanelRegistry::find(QStringLiteral("clock"))->title(), QStringLiteral("Beijing time"));
        QCOMPARE(PanelRegistry::find(QStringLiteral("plan_targets"))->title(),
            QStringLiteral("Digital government targets 2025"));
    }

    void propertiesAreTheCamelCaseOfTheKeys()
    {
        QCOMPARE(settingOf("map", "follow_focus")->property, QStringLiteral("followFocus"));
        QCOMPARE(settingOf("clock", "show_seconds")->property, QStringLiteral("showSeconds"));
        QCOMPARE(settingOf("focus_nearby", "radius_km")->property, QStringLiteral("radiusKm"));
        QCOMPARE(settingOf("kpi", "columns")->property, QStringLiteral("columns"));
    }

    void requiredSettingsHaveNoDefault()
    {
        const PanelSetting* indicators = settingOf("chart", "indicators");
        QVERIFY(indicators->required);
        QVERIFY(!indicators->defaultValue.isValid());
        const PanelSetting* cameras = settingOf("cameras", "cameras");
        QVERIFY(cameras->required);
        QCOMPARE(cameras->type, PanelSetting::Type::ObjectList);
        QCOMPARE(cameras->fields.size(), size_t(3));
        QVERIFY(cameras->fields.at(0).required); // name
        QVERIFY(cameras->fields.at(1).required); // uri
        QVERIFY(!cameras->fields.at(2).required); // district
    }

    void rangesAndChoicesAreTheContracts()
    {
        const PanelSetting* hours = settingOf("chart", "hours");
        QCOMPARE(hours->min, 0.1);
        QCOMPARE(hours->max, 168.0);
        const PanelSetting* count = settingOf("district_ranking", "count");
        QCOMPARE(count->min, 3.0);
        QCOMPARE(count->max, 20.0);
        QCOMPARE(settingOf("district_ranking", "metric")->choices,
            QStringList({ "aqi", "pm25", "congestion", "noise", "incidents_open", "alarms" }));
        QCOMPARE(settingOf("district_ranking", "metric")->defaultValue.toString(), QStringLiteral("aqi"));
    }

    void everyDefaultHasItsTypesValueWithinItsRange()
    {
        for (const PanelKind& kind : PanelRegistry::kinds()) {
            for (const PanelSetting& s : kind.settings) {
                const QByteArray name = (kind.id + QLatin1Char('.') + s.key).toUtf8();
                QVERIFY2(std::strlen(s.help) > 0, name.constData());
                QVERIFY2(s.required != s.defaultValue.isValid(), name.constData());
                if (!s.defaultValue.isValid())
                    continue;
                QVERIFY2(s.defaultValue.typeId() == expectedMetaType(s.type), name.constData());
                if (s.type == PanelSetting::Type::Integer || s.type == PanelSetting::Type::Number) {
                    QVERIFY2(
                        s.defaultValue.toDouble() >= s.min && s.defaultValue.toDouble() <= s.max, name.constData());
                } else if (s.type == PanelSetting::Type::StringList || s.type == PanelSetting::Type::ObjectList) {
                    const auto n = s.defaultValue.toList().size();
                    QVERIFY2(n >= s.min && n <= s.max, name.constData());
                }
            }
        }
    }

    void defaultSettingsAreKeyedByProperty()
    {
        const QVariantMap map = PanelRegistry::find(QStringLiteral("map"))->defaultSettings();
        QCOMPARE(map.value(QStringLiteral("followFocus")), QVariant(true));
        QCOMPARE(map.value(QStringLiteral("layers")).toStringList(), QStringList());
        QCOMPARE(map.size(), 2);
        QCOMPARE(PanelRegistry::find(QStringLiteral("plan_targets"))
                     ->defaultSettings()
                     .value(QStringLiteral("indicators"))
                     .toStringList()
                     .size(),
            6);
        QVERIFY(PanelRegistry::find(QStringLiteral("health"))->defaultSettings().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPanelRegistry)
#include "tst_panelregistry.moc"
