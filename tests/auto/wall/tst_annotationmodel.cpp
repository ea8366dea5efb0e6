#include "annotationmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace citybrain;

namespace {
Annotation note(const QString& id, qint64 atMs, const QString& text, qint64 tsMs = 1)
{
    Annotation a;
    a.id = id;
    a.atMs = atMs;
    a.text = text;
    a.author = QStringLiteral("leader-1");
    a.tsMs = tsMs;
    return a;
}
Annotation removal(const QString& id)
{
    Annotation a;
    a.id = id;
    a.removed = true;
    return a;
}
} // namespace

class TestAnnotationModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notesAreOrderedByTheirMomentAndReplacedById()
    {
        AnnotationModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ note("b", 2000, "泵站启动"), note("a", 1000, "暴雨开始") });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(AnnotationModel::TextRole).toString(), QStringLiteral("暴雨开始"));
        model.apply({ note("a", 3000, "暴雨开始（更正时间）", 2) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(AnnotationModel::IdRole).toString(), QStringLiteral("a"));
        model.apply({ note("a", 500, "an older version", 1) }); // ignored: older than what is shown
        QCOMPARE(model.index(1).data(AnnotationModel::AtMsRole).toDouble(), 3000.0);
    }

    void aRemovedNoteLeaves()
    {
        AnnotationModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({ note("a", 1000, "x"), note("b", 2000, "y") });
        model.apply({ removal("a"), removal("never-seen") });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(AnnotationModel::IdRole).toString(), QStringLiteral("b"));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationModel)
#include "tst_annotationmodel.moc"
