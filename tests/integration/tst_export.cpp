// `citybrain --db PATH --export incidents|telemetry --from T --to T` as an auditor runs it, on a
// database written by the real history store.
#include "historystore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;

namespace {

const qint64 kT0 = 1795910400000; // 2026-11-29T00:00:00Z

IncidentEvent incident(const QString& id, const QString& status, qint64 tsMs)
{
    IncidentEvent event;
    event.id = id;
    event.source = QStringLiteral("119-fire");
    event.seq = 1;
    event.tsMs = tsMs;
    event.kind = QStringLiteral("fire");
    event.severity = Severity::Major;
    event.status = status;
    event.title = QStringLiteral("秦都区人民路商铺起火");
    event.district = QStringLiteral("610402");
    event.lon = 108.70;
    event.lat = 34.33;
    return event;
}

QList<QJsonObject> runExport(const QString& db, const QStringList& window, int* exitCode)
{
    QProcess app;
    app.start(qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain"),
        QStringList { QStringLiteral("--db"), db, QStringLiteral("--export") } + window);
    app.waitForFinished(30000);
    *exitCode = app.exitCode();
    QList<QJsonObject> lines;
    for (const QByteArray& line : app.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("history.sqlite"));
        HistoryStore store(m_db);
        QString error;
        QVERIFY2(store.start(&error), qPrintable(error));
        QVERIFY(store.appendIncidents({ incident("INC-A", "new", kT0 + 1000), incident("INC-A", "closed", kT0 + 60000),
            incident("INC-B", "new", kT0 + 7200000) }));
        std::vector<TelemetrySample> samples;
        for (int i = 0; i < 10; ++i) {
            TelemetrySample sample;
            sample.sensorId = QStringLiteral("air-610402-001");
            sample.domain = QStringLiteral("air");
            sample.district = QStringLiteral("610402");
            sample.tsMs = kT0 + i * 1000;
            sample.values = { { QStringLiteral("aqi"), 50.0 + i } };
            samples.push_back(sample);
        }
        store.append(samples);
        QVERIFY(store.flush());
        store.stop();
    }

    void incidentsInTheWindowInTimeOrder()
    {
        int exitCode = -1;
        const QList<QJsonObject> lines = runExport(m_db,
            { QStringLiteral("incidents"), QStringLiteral("--from"), QStringLiteral("2026-11-29T08:00:00+08:00"),
                QStringLiteral("--to"), QString::number(kT0 + 3600000) },
            &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(lines.size(), 2); // INC-B is outside the hour
        QCOMPARE(lines[0].value("incident").toString(), QStringLiteral("INC-A"));
        QCOMPARE(lines[1].value("payload").toObject().value("status").toString(), QStringLiteral("closed"));
        QVERIFY(lines[0].value("ts").toInteger() < lines[1].value("ts").toInteger());
    }

    void telemetryValuesAsStored()
    {
        int exitCode = -1;
        const QList<QJsonObject> lines = runExport(m_db,
            { QStringLiteral("telemetry"), QStringLiteral("--from"), QString::number(kT0 + 2000),
                QStringLiteral("--to"), QString::number(kT0 + 5000) },
            &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0].value("sensor").toString(), QStringLiteral("air-610402-001"));
        QCOMPARE(lines[0].value("metric").toString(), QStringLiteral("aqi"));
        QCOMPARE(lines[0].value("value").toDouble(), 52.0);
        QCOMPARE(lines[3].value("value").toDouble(), 55.0);
    }

    void aMissingDatabaseIsAnErrorNotAnEmptyExport()
    {
        int exitCode = -1;
        const QList<QJsonObject> lines = runExport(m_dir.filePath(QStringLiteral("nope.sqlite")),
            { QStringLiteral("incidents"), QStringLiteral("--from"), QStringLiteral("0") }, &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY(lines.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
