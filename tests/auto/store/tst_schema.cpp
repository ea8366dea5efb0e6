#include "historystore.h"
#include "incidentstore.h"
#include "schema.h"
#include "sqlitedb.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

// The v1 schema exactly as IncidentStore created it before schema.h existed (commit 6da0a76).
constexpr const char* v1Ddl = "CREATE TABLE IF NOT EXISTS incident ("
                              " id TEXT PRIMARY KEY, source TEXT NOT NULL, seq INTEGER NOT NULL,"
                              " first_ts_ms INTEGER NOT NULL, ts_ms INTEGER NOT NULL, kind TEXT NOT NULL,"
                              " severity INTEGER NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL,"
                              " description TEXT NOT NULL, district TEXT NOT NULL, lon REAL NOT NULL,"
                              " lat REAL NOT NULL);"
                              "CREATE INDEX IF NOT EXISTS incident_first_ts ON incident(first_ts_ms);"
                              "PRAGMA user_version=1;";

QStringList schemaOf(Sqlite& db)
{
    QStringList out;
    SqliteStatement s;
    if (!s.prepare(db, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"))
        return { db.lastError() };
    while (s.step())
        out << s.text(0) + QLatin1Char(' ') + s.text(1) + QLatin1Char(' ') + s.text(2);
    return out;
}

qint64 scalar(Sqlite& db, const char* sql)
{
    qint64 value = -1;
    db.queryInt(sql, &value);
    return value;
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upgradesFromEveryEarlierVersion()
    {
        QTemporaryDir dir;
        Sqlite fresh;
        QVERIFY(fresh.open(dir.filePath(QStringLiteral("fresh.sqlite")), false));
        QString error;
        QVERIFY2(schema::migrate(fresh, &error), qPrintable(error));
        QCOMPARE(scalar(fresh, "PRAGMA user_version"), qint64(schema::currentVersion));
        const QStringList expected = schemaOf(fresh);
        for (int version = 0; version < schema::currentVersion; ++version) {
            Sqlite db;
            QVERIFY(db.open(dir.filePath(QStringLiteral("v%1.sqlite").arg(version)), false));
            QVERIFY2(schema::migrate(db, &error, nullptr, version), qPrintable(error));
            QCOMPARE(scalar(db, "PRAGMA user_version"), qint64(version));
            const bool hasJournal = version >= 2; // the journal came with v2; its entries survive every step
            if (hasJournal) {
                QVERIFY(db.exec("INSERT INTO journal(incident_id,kind,actor,role,console,ts_ms,payload,before,"
                                "after,recorded_ms) VALUES('INC-1','event','119','source','',1,'{}','','',1)"));
            }
            QVERIFY2(schema::migrate(db, &error), qPrintable(error));
            QCOMPARE(scalar(db, "PRAGMA user_version"), qint64(schema::currentVersion));
            QCOMPARE(schemaOf(db), expected);
            if (hasJournal) {
                QCOMPARE(scalar(db, "SELECT count(*) FROM journal WHERE incident_id='INC-1' AND action_id IS NULL"),
                    qint64(1));
            }
        }
    }

    void aV1FileKeepsItsIncidentsAndGainsHistory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        {
            Sqlite v1;
            QVERIFY(v1.open(path, false));
            QVERIFY2(v1.exec(v1Ddl), qPrintable(v1.lastError()));
            QVERIFY(v1.exec("INSERT INTO incident VALUES ('INC-1', '119', 1, 1000, 2000, 'fire', 2, 'new',"
                            " 't', 'd', '610402', 108.7, 34.3)"));
        }
        HistoryStore history(path);
        QString error;
        QVERIFY2(history.start(&error), qPrintable(error));
        history.stop();
        IncidentStore incidents(path);
        QVERIFY2(incidents.open(&error), qPrintable(error));
        const std::vector<IncidentEvent> loaded = incidents.loadRecent(10, &error);
        QCOMPARE(loaded.size(), std::size_t(1));
        QCOMPARE(loaded[0].id, QStringLiteral("INC-1"));
        Sqlite db;
        QVERIFY(db.open(path, true));
        QCOMPARE(scalar(db, "PRAGMA user_version"), qint64(schema::currentVersion));
        QCOMPARE(scalar(db, "SELECT count(*) FROM journal"), qint64(0));
    }

    // A version-2 writer killed mid-minute left raw_chunk rows (one per commit) not rolled up: the
    // version-3 writer recovers them, rolls them up and compacts them.
    void aV2FileWithOpenMinutesIsRolledUpAfterTheUpgrade()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
        const qint64 minute = (QDateTime::currentMSecsSinceEpoch() / 60000 - 3) * 60000;
        {
            Sqlite v2;
            QVERIFY(v2.open(path, false));
            QString error;
            QVERIFY2(schema::migrate(v2, &error, nullptr, 2), qPrintable(error));
            QVERIFY(v2.exec("INSERT INTO series(id,sensor,metric) VALUES(1,'aq-1','pm25')"));
            SqliteStatement insert;
            QVERIFY(insert.prepare(v2, "INSERT INTO raw_chunk(series_id,t0,t1,n,data) VALUES(1,?,?,?,?)"));
            for (int commit = 0; commit < 3; ++commit) {
                QByteArray blob;
                const qint64 t0 = minute + commit * 1000;
                for (int i = 0; i < 4; ++i)
                    chunk::append(blob, t0, t0 + i * 100, commit * 10 + i);
                insert.bind(1, t0);
                insert.bind(2, t0 + 300);
                insert.bind(3, qint64(4));
                insert.bindBlob(4, blob.constData(), int(blob.size()));
                QVERIFY(insert.run());
            }
        }
        {
            HistoryStore store(path);
            QString error;
            QVERIFY2(store.start(&error), qPrintable(error));
            QVERIFY(store.flush());
        }
        Sqlite db;
        QVERIFY(db.open(path, true));
        QCOMPARE(scalar(db, "PRAGMA user_version"), qint64(schema::currentVersion));
        QCOMPARE(scalar(db, "SELECT count(*) FROM raw_chunk"), qint64(1)); // compacted
        QCOMPARE(scalar(db, "SELECT n FROM raw_chunk"), qint64(12));
        QCOMPARE(scalar(db, "SELECT count FROM rollup_minute"), qint64(12));
        QCOMPARE(scalar(db, "SELECT count FROM rollup_hour"), qint64(12));
        QCOMPARE(scalar(db, "SELECT count(*) FROM raw_stage"), qint64(0));
    }

    void theJournalRefusesUpdatesAndDeletes()
    {
        QTemporaryDir dir;
        Sqlite db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("j.sqlite")), false));
        QString error;
        QVERIFY(schema::migrate(db, &error));
        QVERIFY(db.exec("INSERT INTO journal(incident_id,kind,actor,role,console,ts_ms,payload,before,after,"
                        "recorded_ms) VALUES('I','event','a','r','c',1,'{}','','',1)"));
        QVERIFY(!db.exec("UPDATE journal SET actor='x'"));
        QVERIFY2(db.lastError().contains(QStringLiteral("append-only")), qPrintable(db.lastError()));
        QVERIFY(!db.exec("DELETE FROM journal"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM journal WHERE actor='a'"), qint64(1));
    }

    // v4: an action id is unique per incident; entries without one (events, annotations) are not limited.
    void theJournalHoldsAnActionOncePerIncident()
    {
        QTemporaryDir dir;
        Sqlite db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("a.sqlite")), false));
        QString error;
        QVERIFY(schema::migrate(db, &error));
        const auto insert = [&](const char* incident, const char* actionId) {
            const QByteArray sql = QByteArrayLiteral("INSERT INTO journal(incident_id,kind,actor,role,console,ts_ms,"
                                                     "payload,before,after,recorded_ms,action_id) VALUES('")
                + incident + "','action:note','a','dispatcher','c',1,'{}','new','new',1,"
                + (actionId ? QByteArray("'") + actionId + "'" : QByteArray("NULL")) + ")";
            return db.exec(sql.constData());
        };
        QVERIFY(insert("INC-1", "c1-1"));
        QVERIFY(!insert("INC-1", "c1-1"));
        QVERIFY2(db.lastError().contains(QStringLiteral("UNIQUE")), qPrintable(db.lastError()));
        QVERIFY(insert("INC-2", "c1-1"));
        QVERIFY(insert("INC-1", nullptr));
        QVERIFY(insert("INC-1", nullptr));
        QCOMPARE(scalar(db, "SELECT count(*) FROM journal"), qint64(4));
    }

    void aNewerVersionIsRefused()
    {
        QTemporaryDir dir;
        Sqlite db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("future.sqlite")), false));
        QVERIFY(db.exec("PRAGMA user_version=99"));
        QString error;
        StoreState state = StoreState::Ok;
        QVERIFY(!schema::migrate(db, &error, &state));
        QCOMPARE(state, StoreState::TooNew);
        QVERIFY2(error.contains(QStringLiteral("99")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
