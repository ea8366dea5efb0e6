#include "settledfilewatcher.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

bool write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// A file "wall.json" in a fresh directory, watched with a short settle time.
struct Watched
{
    explicit Watched(int settleMs = 50)
        : path(dir.filePath(QStringLiteral("wall.json")))
        , written(write(path, "1"))
        , watcher(path)
        , changed(&watcher, &SettledFileWatcher::changed)
    {
        watcher.setSettleMs(settleMs);
    }

    QTemporaryDir dir;
    QString path;
    bool written;
    SettledFileWatcher watcher;
    QSignalSpy changed;
};

} // namespace

class TestSettledFileWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saysWhenTheFileChanges()
    {
        Watched w;
        QVERIFY(w.written);
        QVERIFY(write(w.path, "2"));
        QVERIFY(w.changed.wait(5000));
        QCOMPARE(w.changed.size(), 1);
    }

    void aBurstOfWritesIsOneChange()
    {
        Watched w(200);
        QVERIFY(w.written);
        for (int i = 0; i < 5; ++i)
            QVERIFY(write(w.path, QByteArray::number(i)));
        QVERIFY(w.changed.wait(5000));
        QVERIFY(!w.changed.wait(2 * w.watcher.settleMs())); // nothing more once it has settled
        QCOMPARE(w.changed.size(), 1);
    }

    void followsAFileReplacedByARename()
    {
        Watched w;
        QVERIFY(w.written);
        const QString temp = w.dir.filePath(QStringLiteral("wall.json.new"));
        QVERIFY(write(temp, "2"));
        QFile::remove(w.path);
        QVERIFY(QFile::rename(temp, w.path));
        QVERIFY(w.changed.wait(5000));
        // And keeps watching the new file.
        const qsizetype before = w.changed.size();
        QVERIFY(write(w.path, "3"));
        QTRY_VERIFY_WITH_TIMEOUT(w.changed.size() > before, 5000);
    }

    void aDeletedFileIsAChange()
    {
        Watched w;
        QVERIFY(w.written);
        QVERIFY(QFile::remove(w.path));
        QVERIFY(w.changed.wait(5000));
    }

    void theDefaultSettleTimeIsShort() { QCOMPARE(SettledFileWatcher(QStringLiteral(":/none.json")).settleMs(), 300); }
};

QTEST_GUILESS_MAIN(TestSettledFileWatcher)
#include "tst_settledfilewatcher.moc"
