#include "jsonlines.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QTest>

using namespace citybrain;

namespace {

// Not a raw string literal: moc 6.4 loses its way in one that holds \".
const QByteArray sample = "{\n"
                          "  \"version\": 1,\n"
                          "  \"grid\": {\"columns\": 24,\n"
                          "           \"rows\": 12},\n"
                          "  \"pages\": [\n"
                          "    {\"id\": \"overview\",\n"
                          "     \"panels\": [\n"
                          "       {\"panel\": \"kpi\"},\n"
                          "       {\"panel\": \"map\",\n"
                          "        \"span\": [13, 8]}\n"
                          "     ]},\n"
                          "    {\"id\": \"tricky \\\"quoted\\\" {[,]}\", \"panels\": []}\n"
                          "  ]\n"
                          "}";

} // namespace

class TestJsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aMemberIsOnTheLineOfItsKey()
    {
        const JsonLines lines(sample);
        QCOMPARE(lines.line(QStringLiteral("version")), 2);
        QCOMPARE(lines.line(QStringLiteral("grid.rows")), 4);
    }

    void anArrayElementIsOnTheLineWhereItStarts()
    {
        const JsonLines lines(sample);
        QCOMPARE(lines.line(QStringLiteral("pages[0]")), 6);
        QCOMPARE(lines.line(QStringLiteral("pages[0].panels[1]")), 9);
        QCOMPARE(lines.line(QStringLiteral("pages[0].panels[1].span")), 10);
        QCOMPARE(lines.line(QStringLiteral("pages[0].panels[1].span[1]")), 10);
    }

    void stringsWithBracketsAndQuotesDoNotConfuseTheScanner()
    {
        const JsonLines lines(sample);
        QCOMPARE(lines.line(QStringLiteral("pages[1]")), 12);
        QCOMPARE(lines.line(QStringLiteral("pages[1].panels")), 12);
        QVERIFY(!lines.contains(QStringLiteral("pages[2]")));
    }

    void aMissingMemberFallsBackToItsNearestAncestor()
    {
        const JsonLines lines(sample);
        QVERIFY(!lines.contains(QStringLiteral("pages[0].panels[1].title")));
        QCOMPARE(lines.line(QStringLiteral("pages[0].panels[1].title")), 9);
        QCOMPARE(lines.line(QStringLiteral("nothing.here")), 1);
    }

    void escapedKeysAreDecoded()
    {
        const JsonLines lines(QByteArray("{\n\"a\\u0062\":\n 1}"));
        QCOMPARE(lines.line(QStringLiteral("ab")), 2);
    }

    void nonJsonTextDoesNotCrash()
    {
        const JsonLines lines(QByteArray("{\"a\": [1, 2, \"\\"));
        QCOMPARE(lines.line(QStringLiteral("a")), 1);
        QCOMPARE(JsonLines(QByteArray()).line(QString()), 0);
    }

    void aParseErrorOffsetBecomesLineAndColumn()
    {
        // The column counts characters, not bytes: the Chinese text before the error is 3 bytes a character.
        const QByteArray broken = "{\n  \"title\": \"总览\" \"pages\": []\n}";
        QJsonParseError error;
        QVERIFY(QJsonDocument::fromJson(broken, &error).isNull());
        QCOMPARE(jsonSyntaxErrorMessage(broken, error),
            QStringLiteral("line 2, column 17: not valid JSON: %1").arg(error.errorString()));
    }

    void positionsAtTheStartOfALine()
    {
        const JsonTextPosition at = jsonTextPosition("ab\ncd", 3);
        QCOMPARE(at.line, 2);
        QCOMPARE(at.column, 1);
    }

    void theParentOfAPathDropsItsLastStep()
    {
        QCOMPARE(jsonParentPath(QStringLiteral("pages[0].panels[2].span")), QStringLiteral("pages[0].panels[2]"));
        QCOMPARE(jsonParentPath(QStringLiteral("pages[0]")), QStringLiteral("pages"));
        QCOMPARE(jsonParentPath(QStringLiteral("pages")), QString());
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "tst_jsonlines.moc"
