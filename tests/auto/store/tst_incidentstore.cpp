#include "incidentstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {
IncidentEvent incident(const QString& id, qint64 tsMs, const QString& status = QStringLiteral("new"))
{
    IncidentEvent event;
    event.id = id;
    event.source = QStringLiteral("119-fire");
    event.seq = tsMs;
    event.tsMs = tsMs;
    event.kind = QStringLiteral("fire");
    event.severity = Severity::Major;
    event.status = status;
    event.title = QStringLiteral("秦都区人民路商铺起火'); DROP TABLE incident;--");
    event.district = QStringLiteral("610402");
    event.lon = 108.7;
    event.lat = 34.33;
    return event;
}
} // namespace

class TestIncidentStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void incidentsSurviveAReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/citybrain.sqlite"));
        QString error;
        {
            IncidentStore store(path);
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY2(store.save({ incident("INC-1", 1000), incident("INC-2", 2000) }, &error), qPrintable(error));
        }
        IncidentStore reopened(path);
        QVERIFY2(reopened.open(&error), qPrintable(error));
        const std::vector<IncidentEvent> loaded = reopened.loadRecent(10, &error);
        QCOMPARE(loaded.size(), std::size_t(2));
        QCOMPARE(loaded[0].id, QStringLiteral("INC-2")); // newest first
        QCOMPARE(loaded[1].title, incident("INC-1", 1000).title); // text stored verbatim, not executed
        QCOMPARE(loaded[1].severity, Severity::Major);
    }

    void laterEventsUpdateButKeepTheReportedTime()
    {
        QTemporaryDir dir;
        QString error;
        IncidentStore store(dir.filePath(QStringLiteral("db.sqlite")));
        QVERIFY(store.open(&error));
        QVERIFY(store.save({ incident("INC-1", 1000), incident("INC-1", 5000, QStringLiteral("closed")) }, &error));
        QVERIFY(store.save({ incident("INC-1", 3000, QStringLiteral("update")) }, &error)); // late, older
        const std::vector<IncidentEvent> loaded = store.loadRecent(10, &error);
        QCOMPARE(loaded.size(), std::size_t(1));
        QCOMPARE(loaded[0].status, QStringLiteral("closed"));
        QCOMPARE(loaded[0].tsMs, qint64(1000));
    }

    void limitKeepsTheNewest()
    {
        QTemporaryDir dir;
        QString error;
        IncidentStore store(dir.filePath(QStringLiteral("db.sqlite")));
        QVERIFY(store.open(&error));
        std::vector<IncidentEvent> events;
        for (int i = 0; i < 20; ++i)
            events.push_back(incident(QStringLiteral("INC-%1").arg(i), 1000 + i));
        QVERIFY(store.save(events, &error));
        const std::vector<IncidentEvent> loaded = store.loadRecent(5, &error);
        QCOMPARE(loaded.size(), std::size_t(5));
        QCOMPARE(loaded.front().id, QStringLiteral("INC-19"));
    }

    void aFileThatIsNotADatabaseIsAClearError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        QString error;
        IncidentStore store(path);
        QVERIFY(!store.open(&error));
        QVERIFY2(!error.isEmpty(), "the reason must be given");
    }

    void aNewerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        QString error;
        IncidentStore store(path);
        QVERIFY(!store.open(&error));
        QVERIFY2(error.contains(QStringLiteral("99")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestIncidentStore)
#include "tst_incidentstore.moc"
