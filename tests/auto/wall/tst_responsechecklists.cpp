// The response checklists: the shipped file covers every incident kind the simulator and the rules
// raise; a kind without its own gets the default; a deployment's file is validated with reasons and
// refused whole when anything is wrong.
#include "responsechecklists.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

const QString shipped = QLatin1String(ResponseChecklist::shippedPath);

// Writes `json` to a file in `dir` and returns its path.
QString write(const QTemporaryDir& dir, const QByteArray& json)
{
    const QString path = dir.filePath(QStringLiteral("checklists.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(json);
    return path;
}

const QByteArray valid = R"({"version": 1,
    "kinds": {"fire": {"title": "测试火灾", "steps": ["第一步", "第二步"]}},
    "default": {"title": "测试通用", "steps": ["核实"]}})";

} // namespace

class TestResponseChecklists : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // The reasons a file is refused for ("" when it loads).
    QString refusal(const QByteArray& json)
    {
        QStringList errors;
        const bool ok = ResponseChecklist::loadFile(write(m_dir, json), &errors);
        return ok ? QString() : errors.join(QStringLiteral("; "));
    }

private Q_SLOTS:
    void cleanup()
    {
        QStringList errors;
        QVERIFY2(ResponseChecklist::loadFile(shipped, &errors), qPrintable(errors.join("; ")));
    }

    void theShippedFileCoversEveryKindTheCityRaises()
    {
        // incidentcatalog.cpp, default-rules.json's incident_kind and the anomaly detector's kinds.
        const QStringList raised { "traffic_accident", "fire", "waterlogging", "pollution", "gas_leak",
            "city_management", "traffic_jam", "sensor_offline", "noise", "power" };
        const QStringList kinds = ResponseChecklist::kinds();
        for (const QString& kind : raised)
            QVERIFY2(kinds.contains(kind), qPrintable(kind));
    }

    void everyShippedChecklistHasFourToSevenSteps()
    {
        ResponseChecklist checklist;
        const QStringList kinds = ResponseChecklist::kinds() << QStringLiteral("no_such_kind");
        for (const QString& kind : kinds) {
            checklist.setKind(kind);
            QVERIFY2(checklist.steps().size() >= 4 && checklist.steps().size() <= 7, qPrintable(kind));
            QVERIFY2(!checklist.title().isEmpty(), qPrintable(kind));
        }
    }

    void aKindWithItsOwnChecklistComesFromTheFile()
    {
        ResponseChecklist checklist;
        checklist.setKind(QStringLiteral("gas_leak"));
        QCOMPARE(checklist.title(), QStringLiteral("燃气泄漏处置"));
        QCOMPARE(checklist.source(), QStringLiteral("config"));
    }

    void anotherKindGetsTheDefault()
    {
        ResponseChecklist checklist;
        checklist.setKind(QStringLiteral("hazmat"));
        QCOMPARE(checklist.title(), QStringLiteral("突发事件通用处置"));
        QCOMPARE(checklist.source(), QStringLiteral("default"));
    }

    void aLoadedFileReachesLiveChecklists()
    {
        ResponseChecklist checklist;
        checklist.setKind(QStringLiteral("fire"));
        QSignalSpy changed(&checklist, &ResponseChecklist::changed);
        QCOMPARE(refusal(valid), QString());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(checklist.title(), QStringLiteral("测试火灾"));
        QCOMPARE(checklist.steps(), QStringList({ "第一步", "第二步" }));
    }

    void notJsonIsRefused() { QVERIFY(refusal("{\"version\": 1,").startsWith(QStringLiteral("not JSON"))); }

    void aMissingFileIsRefused()
    {
        QStringList errors;
        QVERIFY(!ResponseChecklist::loadFile(m_dir.filePath(QStringLiteral("absent.json")), &errors));
        QCOMPARE(errors.size(), 1);
    }

    void aKindThatIsNotAChecklistIsRefused()
    {
        QVERIFY(
            refusal(R"({"version": 1, "kinds": {"fire": ["第一步"]}, "default": {"title": "通用", "steps": ["核实"]}})")
                .contains(QStringLiteral("kinds.fire: expected an object")));
        QVERIFY(refusal(R"({"version": 1, "kinds": {"fire": {"title": "火灾", "step": ["a"]}},
                            "default": {"title": "通用", "steps": ["核实"]}})")
                    .contains(QStringLiteral("kinds.fire: unknown member \"step\"")));
        QVERIFY(refusal(R"({"version": 1, "kinds": {"Fire!": {"title": "火灾", "steps": ["a"]}},
                            "default": {"title": "通用", "steps": ["核实"]}})")
                    .contains(QStringLiteral("kinds.Fire!:")));
    }

    void emptyStepsAreRefused()
    {
        QVERIFY(refusal(R"({"version": 1, "kinds": {"fire": {"title": "火灾", "steps": []}},
                            "default": {"title": "通用", "steps": ["核实"]}})")
                    .contains(QStringLiteral("kinds.fire.steps: empty")));
        QVERIFY(refusal(R"({"version": 1, "kinds": {}, "default": {"title": "通用", "steps": ["  "]}})")
                    .contains(QStringLiteral("default.steps[0]: empty")));
    }

    void textOverTwoHundredCharactersIsRefused()
    {
        const QByteArray longStep = QString(201, QChar(0x6B65)).toUtf8(); // 步 x 201
        QVERIFY(refusal(R"({"version": 1, "kinds": {"fire": {"title": "火灾", "steps": ["a", ")" + longStep
            + R"("]}}, "default": {"title": "通用", "steps": ["核实"]}})")
                    .contains(QStringLiteral("kinds.fire.steps[1]: longer than 200 characters (201)")));
        const QByteArray exactly = QString(200, QChar(0x6B65)).toUtf8();
        QCOMPARE(
            refusal(R"({"version": 1, "kinds": {}, "default": {"title": "通用", "steps": [")" + exactly + R"("]}})"),
            QString());
    }

    void moreThanTwentyStepsAreRefused()
    {
        QStringList steps;
        for (int i = 0; i < 21; ++i)
            steps.append(QStringLiteral("\"步骤%1\"").arg(i));
        QVERIFY(refusal(
            R"({"version": 1, "kinds": {}, "default": {"title": "通用", "steps": [)" + steps.join(',').toUtf8() + "]}}")
                    .contains(QStringLiteral("default.steps: 21 steps, at most 20")));
    }

    void aMissingDefaultOrVersionIsRefused()
    {
        QVERIFY(refusal(R"({"version": 1, "kinds": {}})").contains(QStringLiteral("default: missing")));
        QVERIFY(refusal(R"({"version": 2, "kinds": {}, "default": {"title": "通用", "steps": ["核实"]}})")
                    .contains(QStringLiteral("version: expected 1")));
    }

    void aRefusedFileKeepsTheChecklistsInUse()
    {
        ResponseChecklist checklist;
        checklist.setKind(QStringLiteral("fire"));
        const QString before = checklist.title();
        QVERIFY(!refusal(R"({"version": 1, "kinds": {"fire": {"title": "新火灾", "steps": []}},
                             "default": {"title": "通用", "steps": ["核实"]}})")
                     .isEmpty());
        QCOMPARE(checklist.title(), before);
        ResponseChecklist another;
        another.setKind(QStringLiteral("fire"));
        QCOMPARE(another.title(), before);
    }
};

QTEST_GUILESS_MAIN(TestResponseChecklists)
#include "tst_responsechecklists.moc"
