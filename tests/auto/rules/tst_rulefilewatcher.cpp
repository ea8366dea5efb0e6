#include "rulefilewatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

QByteArray ruleFile(int above)
{
    return QByteArray(R"({"version": 1, "rules": [{"id": "air.pm25.heavy", "title": "重度污染线", "domain": "air",
        "metric": "pm25", "type": "threshold", "above": )")
        + QByteArray::number(above) + R"(, "severity": "major", "incident_kind": "pollution"}]})";
}

bool write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

class TestRuleFileWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reloadsWhenTheFileChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QVERIFY(write(path, ruleFile(150)));
        RuleFileWatcher watcher(path);
        watcher.setSettleMs(50);
        QSignalSpy loaded(&watcher, &RuleFileWatcher::rulesLoaded);
        QVERIFY(watcher.reload());
        QCOMPARE(loaded.size(), 1);
        QVERIFY(write(path, ruleFile(160)));
        QVERIFY(loaded.wait(5000));
        const auto rules = loaded.last().at(0).value<std::shared_ptr<const RuleSet>>();
        QVERIFY(rules);
        QCOMPARE(rules->rules.at(0).line, 160.0);
    }

    void anInvalidFileKeepsTheRulesInForce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QVERIFY(write(path, ruleFile(150)));
        RuleFileWatcher watcher(path);
        watcher.setSettleMs(50);
        QSignalSpy loaded(&watcher, &RuleFileWatcher::rulesLoaded);
        QSignalSpy failed(&watcher, &RuleFileWatcher::loadFailed);
        QVERIFY(write(path, ruleFile(150).replace("\"above\": 150", "\"above\": \"150\"")));
        QVERIFY(failed.wait(5000));
        QCOMPARE(loaded.size(), 0);
        QCOMPARE(failed.last().at(0).toStringList().value(0),
            QStringLiteral(R"(rule "air.pm25.heavy": field "above": expected a number)"));
    }

    void reloadsAFileReplacedByARename()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QVERIFY(write(path, ruleFile(150)));
        RuleFileWatcher watcher(path);
        watcher.setSettleMs(50);
        QSignalSpy loaded(&watcher, &RuleFileWatcher::rulesLoaded);
        const QString temp = dir.filePath(QStringLiteral("rules.json.new"));
        QVERIFY(write(temp, ruleFile(170)));
        QVERIFY(QDir(dir.path()).rename(QStringLiteral("rules.json.new"), QStringLiteral("rules.json.tmp")));
        QFile::remove(path);
        QVERIFY(QFile::rename(dir.filePath(QStringLiteral("rules.json.tmp")), path));
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.last().at(0).value<std::shared_ptr<const RuleSet>>()->rules.at(0).line, 170.0);
        // And keeps watching the new file.
        QVERIFY(write(path, ruleFile(180)));
        QTRY_COMPARE_WITH_TIMEOUT(
            loaded.last().at(0).value<std::shared_ptr<const RuleSet>>()->rules.at(0).line, 180.0, 5000);
    }
};

QTEST_GUILESS_MAIN(TestRuleFileWatcher)
#include "tst_rulefilewatcher.moc"
