#include "rulefixtures.h"
#include "ruleset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace citybrain;
using namespace citybrain::fixtures;

namespace {

// A valid threshold rule; the validation rows change one thing in it.
QJsonObject validRule()
{
    return QJsonDocument::fromJson(R"({"id": "r1", "title": "重度污染线", "domain": "air", "metric": "pm25",
        "type": "threshold", "above": 150, "clear": 140, "for_seconds": 1800, "severity": "major",
        "incident_kind": "pollution"})")
        .object();
}

QByteArray fileWith(const QJsonObject& rule)
{
    return "{\"rules\": [" + QJsonDocument(rule).toJson(QJsonDocument::Compact) + "]}";
}

} // namespace

class TestRuleSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultRuleFileLoads()
    {
        RuleSet set;
        QStringList errors;
        QVERIFY2(loadRuleSetFile(defaultRuleFilePath(), &set, &errors), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(errors.isEmpty());
        QCOMPARE(set.rules.size(), size_t(23));
        const Rule* heavy = set.find(QStringLiteral("air.pm25.heavy"));
        QVERIFY(heavy);
        QCOMPARE(heavy->line, 150.0);
        QCOMPARE(heavy->clear.value_or(-1), 140.0);
        QCOMPARE(heavy->forMs, 30 * minute);
        QCOMPARE(heavy->severity, Severity::Major);
        const Rule* warning = set.find(QStringLiteral("water.level.warning"));
        QVERIFY(warning);
        QCOMPARE(warning->lineMetric, QStringLiteral("warning_line"));
        const Rule* night = set.find(QStringLiteral("noise.class4a.night"));
        QVERIFY(night);
        QCOMPARE(night->fromHour, 22);
        QCOMPARE(night->toHour, 6);
        QCOMPARE(set.find(QStringLiteral("traffic.silence"))->timeoutMs, 2 * minute);
    }

    void validRuleLoads()
    {
        RuleSet set;
        QStringList errors;
        QVERIFY(loadRuleSet(fileWith(validRule()), &set, &errors));
        QVERIFY(errors.isEmpty());
        QCOMPARE(set.rules.size(), size_t(1));
        QCOMPARE(set.rules[0].titleEn, QStringLiteral("r1")); // the id when no title_en
    }

    void validationErrorNamesRuleAndField_data()
    {
        QTest::addColumn<QString>("field"); // the field to change ("-x" removes x)
        QTest::addColumn<QString>("value"); // its new value, as JSON
        QTest::addColumn<QString>("error"); // what the error starts with

        QTest::newRow("not a number") << "above"
                                      << "\"150\""
                                      << R"(rule "r1": field "above": expected a number)";
        QTest::newRow("unknown field") << "abvoe"
                                       << "150"
                                       << R"(rule "r1": field "abvoe": unknown field)";
        QTest::newRow("clear above an above line") << "clear"
                                                   << "160"
                                                   << R"(rule "r1": field "clear": 160 is above the threshold 150)";
        QTest::newRow("missing id") << "-id"
                                    << ""
                                    << R"(rule #1: field "id": required)";
        QTest::newRow("bad id") << "id"
                                << "\"pm 2.5\""
                                << R"(rule "pm 2.5": field "id": expected 1 to 64 characters)";
        QTest::newRow("missing title") << "-title"
                                       << ""
                                       << R"(rule "r1": field "title": required)";
        QTest::newRow("unknown domain") << "domain"
                                        << "\"wetaher\""
                                        << R"(rule "r1": field "domain": "wetaher" is not one of)";
        QTest::newRow("unknown type") << "type"
                                      << "\"band\""
                                      << R"(rule "r1": field "type": "band" is not one of threshold, rate, silence)";
        QTest::newRow("missing metric") << "-metric"
                                        << ""
                                        << R"(rule "r1": field "metric": required)";
        QTest::newRow("unknown severity") << "severity"
                                          << "\"high\""
                                          << R"(rule "r1": field "severity": "high" is not one of)";
        QTest::newRow("bad incident kind") << "incident_kind"
                                           << "\"Water Logging\""
                                           << R"(rule "r1": field "incident_kind": expected 1 to 40 characters)";
        QTest::newRow("no line") << "-above"
                                 << ""
                                 << R"(rule "r1": field "above": a threshold rule needs one of)";
        QTest::newRow("two lines") << "above_metric"
                                   << "\"warning_line\""
                                   << R"(rule "r1": field "above_metric": give only one of)";
        QTest::newRow("negative duration") << "for_seconds"
                                           << "-5"
                                           << R"(rule "r1": field "for_seconds": -5 is out of range)";
        QTest::newRow("field of another type") << "timeout_seconds"
                                               << "300"
                                               << R"(rule "r1": field "timeout_seconds": not used by a threshold rule)";
        QTest::newRow("clear and hysteresis") << "hysteresis"
                                              << "5"
                                              << R"(rule "r1": field "clear": give "clear" or "hysteresis", not both)";
        QTest::newRow("bad hours") << "hours"
                                   << "[6, 25]"
                                   << R"(rule "r1": field "hours": expected [from, to])";
        QTest::newRow("same hours") << "hours"
                                    << "[6, 6]"
                                    << R"(rule "r1": field "hours": from and to are the same hour)";
        QTest::newRow("bad district") << "districts"
                                      << "[\"渭城区\"]"
                                      << R"(rule "r1": field "districts": expected six-digit adcodes)";
        QTest::newRow("bad sensor pattern") << "sensors"
                                            << "[\"air-*-001\"]"
                                            << R"(rule "r1": field "sensors": expected sensor ids or prefixes)";
        QTest::newRow("sensors as an object") << "sensors"
                                              << R"({"air-610404-001": {"above": 120}})"
                                              << R"(rule "r1": field "sensors": expected an array)";
        QTest::newRow("override of the other side") << "overrides"
                                                    << R"({"air-610404-001": {"below": 120}})"
                                                    << R"(rule "r1": field "overrides.air-610404-001.below":)";
        QTest::newRow("override unknown field") << "overrides"
                                                << R"({"air-610404-001": {"abve": 120}})"
                                                << R"(rule "r1": field "overrides.air-610404-001.abve": unknown field)";
        QTest::newRow("override clear above its line")
            << "overrides"
            << R"({"air-610404-001": {"above": 120, "clear": 130}})"
            << R"(rule "r1": field "overrides.air-610404-001.clear": 130 is above the threshold 120)";
        QTest::newRow("enabled not a bool") << "enabled"
                                            << "\"no\""
                                            << R"(rule "r1": field "enabled": expected true or false)";
    }

    void validationErrorNamesRuleAndField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, error);
        QJsonObject rule = validRule();
        if (field.startsWith(QLatin1Char('-')))
            rule.remove(field.mid(1));
        else
            rule.insert(field, QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0));
        RuleSet set;
        set.rules.resize(7); // untouched on failure
        QStringList errors;
        QVERIFY(!loadRuleSet(fileWith(rule), &set, &errors));
        QCOMPARE(set.rules.size(), size_t(7));
        QVERIFY2(!errors.isEmpty(), "no error");
        QVERIFY2(errors.first().startsWith(error), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void clearBelowABelowLineIsAnError()
    {
        QJsonObject rule = validRule();
        rule.remove(QStringLiteral("above"));
        rule.insert(QStringLiteral("below"), 10);
        rule.insert(QStringLiteral("clear"), 5);
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet(fileWith(rule), &set, &errors));
        QCOMPARE(errors.value(0),
            QStringLiteral(R"(rule "r1": field "clear": 5 is below the threshold 10: a "below" rule clears at or )"
                           R"(above its threshold)"));
    }

    void absoluteClearWithMetricLineIsAnError()
    {
        QJsonObject rule = validRule();
        rule.remove(QStringLiteral("above"));
        rule.insert(QStringLiteral("above_metric"), QStringLiteral("warning_line"));
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet(fileWith(rule), &set, &errors));
        QVERIFY2(errors.value(0).startsWith(QStringLiteral(R"(rule "r1": field "clear": an absolute clear level)")),
            qPrintable(errors.value(0)));
    }

    void requiredFieldsOfEachType_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("rate without window")
            << QByteArray(R"({"id": "w", "title": "t", "domain": "water", "metric": "level", "type": "rate",
                "above": 0.02, "severity": "minor", "incident_kind": "waterlogging"})")
            << R"(rule "w": field "window_seconds": required by a rate rule)";
        QTest::newRow("rate with a metric line")
            << QByteArray(R"({"id": "w", "title": "t", "domain": "water", "metric": "level", "type": "rate",
                "above_metric": "warning_line", "window_seconds": 600, "severity": "minor",
                "incident_kind": "waterlogging"})")
            << R"(rule "w": field "above_metric": not used by a rate rule)";
        QTest::newRow("silence without timeout")
            << QByteArray(R"({"id": "s", "title": "t", "domain": "water", "type": "silence", "severity": "minor",
                "incident_kind": "sensor_offline"})")
            << R"(rule "s": field "timeout_seconds": required by a silence rule)";
        QTest::newRow("silence with a line")
            << QByteArray(R"({"id": "s", "title": "t", "domain": "water", "type": "silence", "above": 3,
                "timeout_seconds": 60, "severity": "minor", "incident_kind": "sensor_offline"})")
            << R"(rule "s": field "above": not used by a silence rule)";
    }

    void requiredFieldsOfEachType()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet("{\"rules\": [" + json + "]}", &set, &errors));
        QVERIFY2(errors.value(0).startsWith(error), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void duplicateIdsAreNamed()
    {
        const QByteArray one = QJsonDocument(validRule()).toJson(QJsonDocument::Compact);
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet("{\"rules\": [" + one + "," + one + "]}", &set, &errors));
        QCOMPARE(errors, QStringList { QStringLiteral(R"(rule "r1": field "id": duplicate id (rule #1 and #2))") });
    }

    void fileLevelErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("{\"rules\": [") << "not valid JSON at offset";
        QTest::newRow("not an object") << QByteArray("[]") << "expected an object";
        QTest::newRow("no rules") << QByteArray("{\"version\": 1}") << R"(file: field "rules": required)";
        QTest::newRow("rules not an array")
            << QByteArray("{\"rules\": {}}") << R"(file: field "rules": expected an array)";
        QTest::newRow("unknown top-level field")
            << QByteArray("{\"rules\": [], \"rulez\": 1}") << R"(file: field "rulez": unknown field)";
        QTest::newRow("other version") << QByteArray("{\"version\": 2, \"rules\": []}")
                                       << R"(file: field "version": this program reads version 1)";
        QTest::newRow("rule not an object") << QByteArray("{\"rules\": [3]}") << "rule #1: expected an object";
    }

    void fileLevelErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet(json, &set, &errors));
        QVERIFY2(errors.value(0).startsWith(error), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void everyBadRuleIsReported()
    {
        QJsonObject a = validRule();
        a.insert(QStringLiteral("above"), QStringLiteral("x"));
        QJsonObject b = validRule();
        b.insert(QStringLiteral("id"), QStringLiteral("r2"));
        b.insert(QStringLiteral("severity"), QStringLiteral("bad"));
        QJsonObject c = validRule();
        c.insert(QStringLiteral("id"), QStringLiteral("r3"));
        const QByteArray json = "{\"rules\": [" + QJsonDocument(a).toJson() + "," + QJsonDocument(b).toJson() + ","
            + QJsonDocument(c).toJson() + "]}";
        QStringList errors;
        RuleSet set;
        QVERIFY(!loadRuleSet(json, &set, &errors));
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors[0].startsWith(QStringLiteral(R"(rule "r1")")));
        QVERIFY(errors[1].startsWith(QStringLiteral(R"(rule "r2")")));
    }

    void disabledRulesAreValidatedButNotKept()
    {
        QJsonObject rule = validRule();
        rule.insert(QStringLiteral("enabled"), false);
        RuleSet set;
        QVERIFY(loadRuleSet(fileWith(rule), &set, nullptr));
        QCOMPARE(set.rules.size(), size_t(0));
        QCOMPARE(set.disabled, 1);
        rule.insert(QStringLiteral("above"), QStringLiteral("x"));
        QVERIFY(!loadRuleSet(fileWith(rule), &set, nullptr));
    }

    void hoursWrapAroundMidnight()
    {
        Rule night;
        night.fromHour = 22;
        night.toHour = 6;
        QVERIFY(night.inHours(beijing(23, 30)));
        QVERIFY(night.inHours(beijing(5, 59)));
        QVERIFY(!night.inHours(beijing(6, 0)));
        QVERIFY(!night.inHours(beijing(21, 59)));
        QVERIFY(night.inHours(beijing(22, 0)));
        Rule day;
        day.fromHour = 6;
        day.toHour = 22;
        QVERIFY(day.inHours(beijing(6, 0)));
        QVERIFY(!day.inHours(beijing(22, 0)));
        QVERIFY(Rule().inHours(beijing(3, 0)));
    }

    void sensorGroupsAndOverrides()
    {
        const auto set = ruleSet(R"({"id": "w", "title": "警戒水位", "domain": "water", "metric": "level",
            "sensors": ["water-610404-*", "water-610402-001"], "type": "threshold", "above_metric": "warning_line",
            "overrides": {"water-610404-*": {"above": 5}, "water-610404-00*": {"above": 6},
                          "water-610404-002": {"above": 5.2}},
            "severity": "major", "incident_kind": "waterlogging"})");
        QVERIFY(set);
        const Rule& rule = set->rules.at(0);
        QVERIFY(rule.matchesSensor(QStringLiteral("water-610404-017")));
        QVERIFY(rule.matchesSensor(QStringLiteral("water-610402-001")));
        QVERIFY(!rule.matchesSensor(QStringLiteral("water-610402-002")));
        QCOMPARE(rule.overrideFor(QStringLiteral("water-610404-002"))->line.value_or(0), 5.2); // exact id
        QCOMPARE(rule.overrideFor(QStringLiteral("water-610404-003"))->line.value_or(0), 6.0); // longest prefix
        QCOMPARE(rule.overrideFor(QStringLiteral("water-610404-017"))->line.value_or(0), 5.0);
        QVERIFY(!rule.overrideFor(QStringLiteral("water-610402-001")));
    }
};

QTEST_GUILESS_MAIN(TestRuleSet)
#include "tst_ruleset.moc"
