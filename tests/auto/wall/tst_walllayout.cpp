#include "panelregistry.h"
#include "walllayout.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

// A one-page layout: the panels given, one a line, from line 6.
QByteArray onePage(const QByteArrayList& panels, const QByteArray& extraRoot = QByteArray())
{
    return "{\n"
           "  \"version\": 1,"
        + extraRoot
        + "\n"
          "  \"pages\": [\n"
          "    {\"id\": \"overview\", \"title\": \"总览\",\n"
          "     \"panels\": [\n"
        + panels.join(",\n")
        + "\n"
          "     ]}\n"
          "  ]\n"
          "}\n";
}

const QByteArray healthPanel = R"(       {"panel": "health", "cell": [0, 0], "span": [4, 3]})";

struct Parsed
{
    bool ok = false;
    WallLayout layout;
    QStringList errors;
};

Parsed parse(const QByteArray& json)
{
    Parsed p;
    p.ok = parseWallLayout(json, &p.layout, &p.errors);
    return p;
}

// The only error of a layout that must not parse.
QString onlyError(const QByteArray& json)
{
    const Parsed p = parse(json);
    if (p.ok)
        return QStringLiteral("(parsed)");
    if (p.errors.size() != 1)
        return QStringLiteral("(%1 errors) ").arg(p.errors.size()) + p.errors.join(QLatin1String(" | "));
    return p.errors.first();
}

// What is wrong with a page on a grid: panels outside, overlapping or below their minimum.
QStringList pageProblems(const LayoutPage& page, int columns, int rows)
{
    QStringList problems;
    for (size_t i = 0; i < page.panels.size(); ++i) {
        const LayoutPanel& a = page.panels[i];
        const PanelKind* kind = PanelRegistry::find(a.panel);
        if (!kind)
            problems.append(QStringLiteral("unknown %1").arg(a.panel));
        else if (a.columnSpan < kind->minimumColumns(columns) || a.rowSpan < kind->minimumRows(rows))
            problems.append(QStringLiteral("%1 below its minimum").arg(a.panel));
        if (a.column < 0 || a.row < 0 || a.column + a.columnSpan > columns || a.row + a.rowSpan > rows)
            problems.append(QStringLiteral("%1 outside").arg(a.panel));
        for (size_t j = 0; j < i; ++j) {
            const LayoutPanel& b = page.panels[j];
            if (a.column < b.column + b.columnSpan && b.column < a.column + a.columnSpan && a.row < b.row + b.rowSpan
                && b.row < a.row + a.rowSpan)
                problems.append(QStringLiteral("%1 overlaps %2").arg(a.panel, b.panel));
        }
    }
    return problems;
}

QStringList kindsOf(const LayoutPage& page)
{
    QStringList kinds;
    for (const LayoutPanel& panel : page.panels)
        kinds.append(panel.panel);
    return kinds;
}

} // namespace

// The tests are defined outside the class: moc 6.4 does not understand raw string literals and loses
// its way in a class body that holds one with an odd number of quotes.
class TestWallLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aMinimalLayoutGetsTheDefaults();
    void withoutAFocusSectionTheBuiltInFocusPageIsUsed();
    void aSyntaxErrorNamesLineAndColumn();
    void anUnknownMemberIsAnError();
    void anUnknownRootMemberIsAnError();
    void aWrongTypeSaysWhatWasExpected();
    void aValueOutOfRangeIsAnError();
    void aFractionalIntegerIsAnError();
    void anUnknownPanelIsAnError();
    void anUnknownSettingIsAnError();
    void aSettingOfAPanelWithoutSettingsIsAnError();
    void aBadChoiceListsTheChoices();
    void aMissingRequiredSettingIsAnError();
    void aBadListItemNamesItsIndex();
    void tooManyListItemsIsAnError();
    void overlappingPanelsAreBothNamed();
    void panelsThatTouchDoNotOverlap();
    void aSpanReachingOutsideTheGridIsAnError();
    void aCellOutsideTheGridIsAnError();
    void aBadCellIsAnError();
    void aSpanBelowTheMinimumIsAnError();
    void theMinimumScalesWithTheGrid();
    void aDuplicatePageIdNamesTheFirst();
    void aBadPageIdIsAnError();
    void aPinMustNameAPage();
    void aPinNamingAPagePinsIt();
    void emptyPagesAreAnError();
    void aPageWithoutPanelsIsAnError();
    void aMissingVersionIsAnError();
    void anotherVersionIsAnError();
    void aMissingPageTitleIsAnError();
    void aRootThatIsNotAnObjectIsAnError();
    void everyProblemIsReportedAtOnce();
    void aFailedParseLeavesTheLayoutUntouched();
    void defaultsAreFilledInByProperty();
    void settingsAreKeyedByCamelCaseProperty();
    void settingValuesHaveTheirTypes();
    void objectListsAreListsOfMapsKeyedAsWritten();
    void anObjectListItemIsCheckedMemberByMember();
    void thresholdValuesAreNumbers();
    void aPanelTitleIsKept();
    void aFocusSectionIsTheFocusPage();
    void aFocusSectionHasNoDwell();
    void pageIndexAndCycle();
    void shippedLayoutsParse_data();
    void shippedLayoutsParse();
    void theDefaultLayoutIsTheCityOverview();
    void aMissingFileNamesItsPath();
    void aFileOverOneMebibyteIsRefused();
    void theBuiltInFocusPageFitsTheGrid_data();
    void theBuiltInFocusPageFitsTheGrid();
    void theBuiltInFocusPageGivesTheMapMostOfTheWidth();
    void onAOneCellGridTheFocusPageKeepsTheMap();
};

void TestWallLayout::aMinimalLayoutGetsTheDefaults()
{
    const Parsed p = parse(onePage({ healthPanel }));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.layout.columns, 24);
    QCOMPARE(p.layout.rows, 12);
    QCOMPARE(p.layout.pages.size(), size_t(1));
    QCOMPARE(p.layout.pages[0].id, QStringLiteral("overview"));
    QCOMPARE(p.layout.pages[0].title, QStringLiteral("总览"));
    QCOMPARE(p.layout.pages[0].dwellSeconds, 60);
    QCOMPARE(p.layout.pinnedPage, QString());
    QCOMPARE(p.layout.title, QString());
    const LayoutPanel& health = p.layout.pages[0].panels.at(0);
    QCOMPARE(health.panel, QStringLiteral("health"));
    QCOMPARE(health.columnSpan, 4);
    QCOMPARE(health.rowSpan, 3);
    QCOMPARE(health.line, 6);
}

void TestWallLayout::withoutAFocusSectionTheBuiltInFocusPageIsUsed()
{
    const Parsed p = parse(onePage({ healthPanel }));
    QVERIFY(p.ok);
    QCOMPARE(p.layout.focusPage.id, QStringLiteral("focus"));
    QCOMPARE(kindsOf(p.layout.focusPage), kindsOf(builtInFocusPage(24, 12)));
}

void TestWallLayout::aSyntaxErrorNamesLineAndColumn()
{
    const QString error = onlyError("{\n  \"version\": 1\n  \"pages\": []\n}\n");
    QVERIFY2(error.startsWith(QLatin1String("line 3, column 3: not valid JSON: ")), qPrintable(error));
}

void TestWallLayout::anUnknownMemberIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "health", "cell": [0, 0], "span": [4, 3], "colour": "red"})" })),
        QStringLiteral("line 6: pages[0].panels[0].colour: unknown member (expected one of panel, cell, span, "
                       "title, settings)"));
}

void TestWallLayout::anUnknownRootMemberIsAnError()
{
    QCOMPARE(onlyError(onePage({ healthPanel }, "\n  \"pinned\": \"overview\",")),
        QStringLiteral("line 3: pinned: unknown member (expected one of version, title, grid, pin, pages, focus)"));
}

void TestWallLayout::aWrongTypeSaysWhatWasExpected()
{
    QCOMPARE(onlyError(onePage({ healthPanel }, "\n  \"grid\": {\"columns\": \"24\"},")),
        QStringLiteral(R"(line 3: grid.columns: expected an integer from 1 to 96, got "24")"));
}

void TestWallLayout::aValueOutOfRangeIsAnError()
{
    QByteArray json = onePage({ healthPanel });
    json.replace("\"title\": \"总览\",", "\"title\": \"总览\", \"dwell_seconds\": 2,");
    QCOMPARE(
        onlyError(json), QStringLiteral("line 4: pages[0].dwell_seconds: expected an integer from 5 to 86400, got 2"));
}

void TestWallLayout::aFractionalIntegerIsAnError()
{
    QCOMPARE(onlyError(onePage(
                 { R"(       {"panel": "kpi", "cell": [0, 0], "span": [4, 3], "settings": {"columns": 2.5}})" })),
        QStringLiteral("line 6: pages[0].panels[0].settings.columns: expected an integer from 1 to 6, got 2.5"));
}

void TestWallLayout::anUnknownPanelIsAnError()
{
    const QString error = onlyError(onePage({ R"(       {"panel": "kpis", "cell": [0, 0], "span": [4, 3]})" }));
    QVERIFY2(error.startsWith(QLatin1String(
                 R"(line 6: pages[0].panels[0].panel: unknown panel "kpis" (the panels are kpi, chart,)")),
        qPrintable(error));
}

void TestWallLayout::anUnknownSettingIsAnError()
{
    // The settings on a line of their own: the error is on the line of the setting, not of the panel.
    const QByteArray kpi = "       {\"panel\": \"kpi\", \"cell\": [4, 0], \"span\": [4, 3],\n"
                           "        \"settings\": {\"colums\": 3}}";
    QCOMPARE(onlyError(onePage({ healthPanel, kpi })),
        QStringLiteral("line 8: pages[0].panels[1].settings.colums: unknown setting of panel \"kpi\" (its settings "
                       "are indicators, columns)"));
}

void TestWallLayout::aSettingOfAPanelWithoutSettingsIsAnError()
{
    QCOMPARE(
        onlyError(onePage({ R"(       {"panel": "health", "cell": [0, 0], "span": [4, 3], "settings": {"x": 1}})" })),
        QStringLiteral(R"(line 6: pages[0].panels[0].settings.x: unknown setting: panel "health" has no settings)"));
}

void TestWallLayout::aBadChoiceListsTheChoices()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "district_ranking", "cell": [0, 0], "span": [4, 3],)"
                                 R"( "settings": {"metric": "pm10"}})" })),
        QStringLiteral(R"(line 6: pages[0].panels[0].settings.metric: expected one of "aqi", "pm25", "congestion", )"
                       R"("noise", "incidents_open", "alarms", got "pm10")"));
}

void TestWallLayout::aMissingRequiredSettingIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "chart", "cell": [0, 0], "span": [6, 3]})" })),
        QStringLiteral(R"(line 6: pages[0].panels[0].settings.indicators: required by panel "chart": a list of 1 )"
                       R"(to 4 strings)"));
}

void TestWallLayout::aBadListItemNamesItsIndex()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "chart", "cell": [0, 0], "span": [6, 3],)"
                                 R"( "settings": {"indicators": ["air.aqi", ""]}})" })),
        QStringLiteral(R"(line 6: pages[0].panels[0].settings.indicators[1]: expected a string of 1 to 64 )"
                       R"(characters, got "")"));
}

void TestWallLayout::tooManyListItemsIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "chart", "cell": [0, 0], "span": [6, 3],)"
                                 R"( "settings": {"indicators": ["a", "b", "c", "d", "e"]}})" })),
        QStringLiteral("line 6: pages[0].panels[0].settings.indicators: expected a list of 1 to 4 strings, got 5 "
                       "items"));
}

void TestWallLayout::overlappingPanelsAreBothNamed()
{
    QCOMPARE(onlyError(onePage({ healthPanel, R"(       {"panel": "alarms", "cell": [2, 1], "span": [4, 3]})" })),
        QStringLiteral(R"(line 7: pages[0].panels[1]: "alarms" overlaps pages[0].panels[0] ("health", line 6) )"
                       R"(from cell [2, 1])"));
}

void TestWallLayout::panelsThatTouchDoNotOverlap()
{
    const Parsed p = parse(onePage({ healthPanel, R"(       {"panel": "alarms", "cell": [4, 0], "span": [4, 3]})",
        R"(       {"panel": "clock", "cell": [0, 3], "span": [3, 2]})" }));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
}

void TestWallLayout::aSpanReachingOutsideTheGridIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "map", "cell": [20, 0], "span": [6, 4]})" })),
        QStringLiteral("line 6: pages[0].panels[0].span: [6, 4] from cell [20, 0] reaches outside the 24 x 12 grid"));
}

void TestWallLayout::aCellOutsideTheGridIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "health", "cell": [0, 12], "span": [4, 3]})" })),
        QStringLiteral("line 6: pages[0].panels[0].cell: [0, 12] is outside the 24 x 12 grid"));
}

void TestWallLayout::aBadCellIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "health", "cell": [-1, 0], "span": [4, 3]})" })),
        QStringLiteral(
            "line 6: pages[0].panels[0].cell: expected [column, row], two whole numbers from 0, got [-1, 0]"));
}

void TestWallLayout::aSpanBelowTheMinimumIsAnError()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "kpi", "cell": [0, 0], "span": [3, 2]})" })),
        QStringLiteral("line 6: pages[0].panels[0].span: [3, 2] is smaller than the panel's minimum 4 x 3 cells"));
}

void TestWallLayout::theMinimumScalesWithTheGrid()
{
    QCOMPARE(onlyError(onePage({ R"(       {"panel": "kpi", "cell": [0, 0], "span": [6, 3]})" },
                 "\n  \"grid\": {\"columns\": 48, \"rows\": 12},")),
        QStringLiteral("line 7: pages[0].panels[0].span: [6, 3] is smaller than the panel's minimum 8 x 3 cells"));
}

void TestWallLayout::aDuplicatePageIdNamesTheFirst()
{
    const QByteArray json = "{\"version\": 1, \"pages\": [\n"
                            "  {\"id\": \"a\", \"title\": \"A\", \"panels\": [{\"panel\": \"health\", "
                            "\"cell\": [0, 0], \"span\": [4, 3]}]},\n"
                            "  {\"id\": \"a\", \"title\": \"B\", \"panels\": [{\"panel\": \"health\", "
                            "\"cell\": [0, 0], \"span\": [4, 3]}]}\n"
                            "]}";
    QCOMPARE(onlyError(json),
        QStringLiteral(R"(line 3: pages[1].id: duplicate page id "a" (pages[0] at line 2 has it too))"));
}

void TestWallLayout::aBadPageIdIsAnError()
{
    QByteArray json = onePage({ healthPanel });
    json.replace("\"overview\"", "\"Over view\"");
    QCOMPARE(onlyError(json),
        QStringLiteral(
            R"(line 4: pages[0].id: expected an id of 1 to 64 characters a-z, 0-9, _ or -, got "Over view")"));
}

void TestWallLayout::aPinMustNameAPage()
{
    QCOMPARE(onlyError(onePage({ healthPanel }, "\n  \"pin\": \"overveiw\",")),
        QStringLiteral(R"(line 3: pin: names no page ("overveiw"; the pages are overview))"));
}

void TestWallLayout::aPinNamingAPagePinsIt()
{
    const Parsed p = parse(onePage({ healthPanel }, "\n  \"pin\": \"overview\","));
    QVERIFY(p.ok);
    QCOMPARE(p.layout.pinnedPage, QStringLiteral("overview"));
}

void TestWallLayout::emptyPagesAreAnError()
{
    QCOMPARE(onlyError("{\n  \"version\": 1,\n  \"pages\": []\n}"),
        QStringLiteral("line 3: pages: expected 1 to 64 pages, got none"));
}

void TestWallLayout::aPageWithoutPanelsIsAnError()
{
    QCOMPARE(onlyError(onePage({}).replace("\"panels\": [\n\n", "\"panels\": [\n")),
        QStringLiteral("line 5: pages[0].panels: expected 1 to 64 panels, got none"));
}

void TestWallLayout::aMissingVersionIsAnError()
{
    QByteArray json = onePage({ healthPanel });
    json.replace("\"version\": 1,", "");
    QCOMPARE(onlyError(json), QStringLiteral("line 1: version: required: 1"));
}

void TestWallLayout::anotherVersionIsAnError()
{
    QByteArray json = onePage({ healthPanel });
    json.replace("\"version\": 1,", "\"version\": 2,");
    QCOMPARE(onlyError(json), QStringLiteral("line 2: version: expected 1, got 2"));
}

void TestWallLayout::aMissingPageTitleIsAnError()
{
    QByteArray json = onePage({ healthPanel });
    json.replace("\"title\": \"总览\",", "");
    QCOMPARE(onlyError(json), QStringLiteral("line 4: pages[0].title: required: a string of 1 to 64 characters"));
}

void TestWallLayout::aRootThatIsNotAnObjectIsAnError()
{
    QCOMPARE(onlyError("[1]"), QStringLiteral(R"(line 1: expected an object {"version": 1, "pages": [...]})"));
}

void TestWallLayout::everyProblemIsReportedAtOnce()
{
    const Parsed p = parse(onePage({ R"(       {"panel": "kpi", "cell": [0, 0], "span": [3, 2]})",
        R"(       {"panel": "nope", "cell": [10, 0], "span": [4, 3]})" }));
    QVERIFY(!p.ok);
    QCOMPARE(p.errors.size(), 2);
    QVERIFY(p.errors.at(0).startsWith(QLatin1String("line 6: ")));
    QVERIFY(p.errors.at(1).startsWith(QLatin1String("line 7: ")));
}

void TestWallLayout::aFailedParseLeavesTheLayoutUntouched()
{
    WallLayout layout;
    layout.title = QStringLiteral("in force");
    QStringList errors;
    QVERIFY(!parseWallLayout("{\"version\": 1}", &layout, &errors));
    QCOMPARE(layout.title, QStringLiteral("in force"));
    QCOMPARE(errors, QStringList { QStringLiteral("line 1: pages: required: a list of 1 to 64 pages") });
}

void TestWallLayout::defaultsAreFilledInByProperty()
{
    const Parsed p = parse(onePage({ R"(       {"panel": "map", "cell": [0, 0], "span": [6, 4]})" }));
    QVERIFY(p.ok);
    const QVariantMap settings = p.layout.pages[0].panels[0].settings;
    QCOMPARE(settings.value(QStringLiteral("followFocus")), QVariant(true));
    QCOMPARE(settings.value(QStringLiteral("layers")).typeId(), QMetaType::QStringList);
    QCOMPARE(settings.value(QStringLiteral("layers")).toStringList(), QStringList());
}

void TestWallLayout::settingsAreKeyedByCamelCaseProperty()
{
    const Parsed p = parse(onePage({ R"(       {"panel": "clock", "cell": [0, 0], "span": [3, 2],)"
                                     R"( "settings": {"show_seconds": false}})" }));
    QVERIFY(p.ok);
    const QVariantMap settings = p.layout.pages[0].panels[0].settings;
    QCOMPARE(settings.value(QStringLiteral("showSeconds")), QVariant(false));
    QCOMPARE(settings.value(QStringLiteral("showDate")), QVariant(true));
    QVERIFY(!settings.contains(QStringLiteral("show_seconds")));
}

void TestWallLayout::settingValuesHaveTheirTypes()
{
    const Parsed p = parse(onePage({ R"(       {"panel": "chart", "cell": [0, 0], "span": [6, 3],)"
                                     R"( "settings": {"indicators": ["air.aqi"], "hours": 6}})",
        R"(       {"panel": "kpi", "cell": [6, 0], "span": [4, 3], "settings": {"columns": 3}})" }));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
    const QVariantMap chart = p.layout.pages[0].panels[0].settings;
    QCOMPARE(chart.value(QStringLiteral("hours")).typeId(), QMetaType::Double);
    QCOMPARE(chart.value(QStringLiteral("hours")).toDouble(), 6.0);
    QCOMPARE(chart.value(QStringLiteral("indicators")).typeId(), QMetaType::QStringList);
    QCOMPARE(chart.value(QStringLiteral("thresholds")).toList(), QVariantList());
    const QVariant columns = p.layout.pages[0].panels[1].settings.value(QStringLiteral("columns"));
    QCOMPARE(columns.typeId(), QMetaType::Int);
    QCOMPARE(columns.toInt(), 3);
}

void TestWallLayout::objectListsAreListsOfMapsKeyedAsWritten()
{
    const Parsed p
        = parse(onePage({ R"(       {"panel": "cameras", "cell": [0, 0], "span": [4, 3],)"
                          R"( "settings": {"cameras": [{"name": "人民路与渭阳路口", "uri": "rtsp://x/1"}]}})" }));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
    const QVariant cameras = p.layout.pages[0].panels[0].settings.value(QStringLiteral("cameras"));
    QCOMPARE(cameras.typeId(), QMetaType::QVariantList);
    const QVariantMap camera = cameras.toList().at(0).toMap();
    QCOMPARE(camera.value(QStringLiteral("name")).toString(), QStringLiteral("人民路与渭阳路口"));
    QCOMPARE(camera.value(QStringLiteral("uri")).toString(), QStringLiteral("rtsp://x/1"));
    QCOMPARE(camera.value(QStringLiteral("district")), QVariant(QString())); // the default, filled in
}

void TestWallLayout::anObjectListItemIsCheckedMemberByMember()
{
    const Parsed p = parse(onePage({ R"(       {"panel": "cameras", "cell": [0, 0], "span": [4, 3],)"
                                     R"( "settings": {"cameras": [{"name": "A", "url": "rtsp://x/1"}]}})" }));
    QVERIFY(!p.ok);
    QCOMPARE(p.errors,
        QStringList({ "line 6: pages[0].panels[0].settings.cameras[0].url: unknown member (expected one of name, "
                      "uri, district)",
            "line 6: pages[0].panels[0].settings.cameras[0].uri: required: a string of 1 to 512 characters" }));
}

void TestWallLayout::thresholdValuesAreNumbers()
{
    const Parsed p = parse(onePage(
        { R"(       {"panel": "chart", "cell": [0, 0], "span": [6, 3],)"
          R"( "settings": {"indicators": ["air.aqi"], "thresholds": [{"value": 100, "label": "AQI 100"}]}})" }));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
    const QVariantMap threshold
        = p.layout.pages[0].panels[0].settings.value(QStringLiteral("thresholds")).toList().at(0).toMap();
    QCOMPARE(threshold.value(QStringLiteral("value")).typeId(), QMetaType::Double);
    QCOMPARE(threshold.value(QStringLiteral("value")).toDouble(), 100.0);
    QCOMPARE(threshold.value(QStringLiteral("label")).toString(), QStringLiteral("AQI 100"));
}

void TestWallLayout::aPanelTitleIsKept()
{
    const Parsed p
        = parse(onePage({ R"(       {"panel": "health", "cell": [0, 0], "span": [4, 3], "title": "系统状态"})" }));
    QVERIFY(p.ok);
    QCOMPARE(p.layout.pages[0].panels[0].title, QStringLiteral("系统状态"));
}

void TestWallLayout::aFocusSectionIsTheFocusPage()
{
    const Parsed p = parse(onePage({ healthPanel },
        "\n  \"focus\": {\"title\": \"事件聚焦\", \"panels\": [{\"panel\": \"focus_card\", \"cell\": [0, 0], "
        "\"span\": [6, 2]}]},"));
    QVERIFY2(p.ok, qPrintable(p.errors.join(QLatin1Char('\n'))));
    QCOMPARE(p.layout.focusPage.id, QStringLiteral("focus"));
    QCOMPARE(p.layout.focusPage.title, QStringLiteral("事件聚焦"));
    QCOMPARE(kindsOf(p.layout.focusPage), QStringList { QStringLiteral("focus_card") });
}

void TestWallLayout::aFocusSectionHasNoDwell()
{
    QCOMPARE(onlyError(onePage({ healthPanel },
                 "\n  \"focus\": {\"dwell_seconds\": 60, \"panels\": [{\"panel\": \"focus_card\", \"cell\": [0, 0], "
                 "\"span\": [6, 2]}]},")),
        QStringLiteral("line 3: focus.dwell_seconds: unknown member (expected one of title, panels)"));
}

void TestWallLayout::pageIndexAndCycle()
{
    const QByteArray json = "{\"version\": 1, \"pages\": [\n"
                            "  {\"id\": \"a\", \"title\": \"A\", \"dwell_seconds\": 10, \"panels\": [{\"panel\": "
                            "\"health\", \"cell\": [0, 0], \"span\": [4, 3]}]},\n"
                            "  {\"id\": \"b\", \"title\": \"B\", \"panels\": [{\"panel\": \"health\", "
                            "\"cell\": [0, 0], \"span\": [4, 3]}]}\n"
                            "]}";
    const Parsed p = parse(json);
    QVERIFY(p.ok);
    QCOMPARE(p.layout.pageIndex(QStringLiteral("b")), 1);
    QCOMPARE(p.layout.pageIndex(QStringLiteral("c")), -1);
    QCOMPARE(p.layout.cycleMs(), qint64(70000));
}

void TestWallLayout::shippedLayoutsParse_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("columns");
    for (const char* name : { "city-overview.json", "command-hall.json" }) {
        const int columns = QByteArray(name) == "command-hall.json" ? 48 : 24;
        QTest::addRow("qrc %s", name) << QStringLiteral(":/layouts/") + QLatin1String(name) << columns;
        QTest::addRow("source %s", name) << QFINDTESTDATA(QStringLiteral("../../../resources/layouts/")
            + QLatin1String(name)) << columns;
    }
}

void TestWallLayout::shippedLayoutsParse()
{
    QFETCH(QString, path);
    QFETCH(int, columns);
    QVERIFY(!path.isEmpty());
    WallLayout layout;
    QStringList errors;
    QVERIFY2(loadWallLayoutFile(path, &layout, &errors), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(layout.sourcePath, path);
    QCOMPARE(layout.columns, columns);
    QCOMPARE(layout.rows, 12);
    QStringList ids;
    for (const LayoutPage& page : layout.pages) {
        ids.append(page.id);
        QCOMPARE(page.dwellSeconds, 60);
        QCOMPARE(pageProblems(page, layout.columns, layout.rows), QStringList());
    }
    QCOMPARE(ids, QStringList({ "overview", "services", "safety" }));
    QCOMPARE(layout.focusPage.title, QStringLiteral("事件聚焦"));
    QCOMPARE(kindsOf(layout.focusPage), kindsOf(builtInFocusPage(columns, 12)));
    QCOMPARE(pageProblems(layout.focusPage, layout.columns, layout.rows), QStringList());
}

void TestWallLayout::theDefaultLayoutIsTheCityOverview()
{
    WallLayout layout;
    QVERIFY(loadWallLayoutFile(defaultWallLayoutPath(), &layout, nullptr));
    QCOMPARE(layout.columns, 24);
    QCOMPARE(layout.title, QStringLiteral("咸阳城市运行态势"));
    const LayoutPage& safety = layout.pages.at(2);
    const auto cameras = std::find_if(safety.panels.begin(), safety.panels.end(),
        [](const LayoutPanel& panel) { return panel.panel == QLatin1String("cameras"); });
    QVERIFY(cameras != safety.panels.end());
    QCOMPARE(cameras->settings.value(QStringLiteral("cameras")).toList().size(), 8);
}

void TestWallLayout::aMissingFileNamesItsPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.json"));
    QStringList errors;
    WallLayout layout;
    QVERIFY(!loadWallLayoutFile(path, &layout, &errors));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(path + QLatin1String(": cannot read the layout")), qPrintable(errors.first()));
}

void TestWallLayout::aFileOverOneMebibyteIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray json = onePage({ healthPanel });
    json.append(QByteArray(1024 * 1024, ' '));
    QVERIFY(file.write(json) == json.size());
    file.close();
    QStringList errors;
    WallLayout layout;
    QVERIFY(!loadWallLayoutFile(path, &layout, &errors));
    QCOMPARE(errors, QStringList { path + QLatin1String(": larger than the 1 MiB a layout may have") });
}

void TestWallLayout::theBuiltInFocusPageFitsTheGrid_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::newRow("24 x 12") << 24 << 12;
    QTest::newRow("48 x 12") << 48 << 12;
    QTest::newRow("32 x 18") << 32 << 18;
    QTest::newRow("10 x 7, just enough") << 10 << 7;
}

void TestWallLayout::theBuiltInFocusPageFitsTheGrid()
{
    QFETCH(int, columns);
    QFETCH(int, rows);
    const LayoutPage page = builtInFocusPage(columns, rows);
    QCOMPARE(page.id, QStringLiteral("focus"));
    QCOMPARE(kindsOf(page), QStringList({ "map", "focus_card", "focus_nearby", "checklist" }));
    QCOMPARE(pageProblems(page, columns, rows), QStringList());
    int cells = 0;
    for (const LayoutPanel& panel : page.panels)
        cells += panel.columnSpan * panel.rowSpan;
    QCOMPARE(cells, columns * rows); // no hole
    QCOMPARE(page.panels[0].settings.value(QStringLiteral("followFocus")), QVariant(true));
    QCOMPARE(page.panels[2].settings.value(QStringLiteral("radiusKm")), QVariant(2.0));
}

void TestWallLayout::theBuiltInFocusPageGivesTheMapMostOfTheWidth()
{
    const LayoutPage page = builtInFocusPage(24, 12);
    QCOMPARE(page.panels[0].columnSpan, 14);
    QCOMPARE(page.panels[0].rowSpan, 8);
}

void TestWallLayout::onAOneCellGridTheFocusPageKeepsTheMap()
{
    const LayoutPage page = builtInFocusPage(1, 1);
    QCOMPARE(kindsOf(page), QStringList { QStringLiteral("map") });
    QCOMPARE(pageProblems(page, 1, 1), QStringList());
}

QTEST_GUILESS_MAIN(TestWallLayout)
#include "tst_walllayout.moc"
