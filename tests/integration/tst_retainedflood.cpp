// The real app started against a broker that already holds thousands of retained garbage messages on
// every feed family (the hostile catalogue, tests/data/hostile, spread over many topics): it stays up,
// counts every one of them under its reason on /metrics, keeps the hostile-but-valid incidents with
// their text as it came, and decodes and stores a valid incident published after the flood.
#include "embeddedbroker.h"
#include "feeddecoder.h"
#include "hostilecatalogue.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace citybrain;
using namespace citybrain::hostile;

namespace {

QString appPath()
{
    return qEnvironmentVariable("CITYBRAIN_BIN_DIR") + QStringLiteral("/citybrain");
}

// The topic with its id level made unique by `suffix` (the level a retained message is kept under).
QString variant(const QString& topic, const QString& suffix)
{
    QStringList levels = topic.split(u'/');
    const bool idInTheMiddle = levels.size() == 5
        && (levels.last() == QLatin1String("event") || levels.last() == QLatin1String("action")
            || levels.last() == QLatin1String("control"));
    QString& id = levels[idInTheMiddle ? levels.size() - 2 : levels.size() - 1];
    id += suffix;
    return levels.join(u'/');
}

// GET http://127.0.0.1:port/metrics, the body; empty if it could not be read.
QByteArray scrape(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray response;
    while (socket.waitForReadyRead(3000))
        response += socket.readAll();
    response += socket.readAll();
    const qsizetype body = response.indexOf("\r\n\r\n");
    return body < 0 ? QByteArray() : response.mid(body + 4);
}

// The value of `name{label="value"}` in a Prometheus text exposition, or -1.
double sample(const QByteArray& metrics, const QString& name, const QString& label, const QString& value)
{
    const QRegularExpression line(QStringLiteral("^%1\\{[^}]*%2=\"%3\"[^}]*\\} ([0-9.e+]+)$")
                                      .arg(QRegularExpression::escape(name), label, QRegularExpression::escape(value)),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(metrics));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

} // namespace

class TestRetainedFlood : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theAppStaysUpCountsEveryRetainedGarbageMessageAndGoesOn()
    {
        EmbeddedBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        MqttSettings source;
        source.brokerUris = { broker.uri() };
        source.clientId = QStringLiteral("flood-source");
        MqttClient publisher(source);
        publisher.start();
        QVERIFY(publisher.waitForConnected(10000));

        // The flood: every rejected catalogue entry on many topics of its feed (the large ones once), and
        // the accepted hostile incidents once each on topics of their own. What the app must count is what
        // the real decoder says of each message now.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const FeedDecoder decoder;
        QHash<QString, qint64> expectedRejected;
        qint64 published = 0;
        QHash<QString, QString> literalTitles; // incident id -> title as published
        int accepted = 0;
        int rowIndex = 0;
        for (const QJsonObject& row : catalogue()) {
            ++rowIndex;
            const QByteArray payload = payloadOf(row, now);
            const QString topic = row.value(QLatin1String("topic")).toString();
            const bool rejected = row.value(QLatin1String("expect")).toString() == QLatin1String("rejected");
            if (!rejected) {
                if (row.value(QLatin1String("family")).toString() != QLatin1String("incident"))
                    continue;
                const QString id = QStringLiteral("INC-ACC-%1").arg(++accepted);
                const QString incidentTopic = QStringLiteral("xy/v1/incident/%1/event").arg(id);
                const FeedDecoder::Result result = decoder.decode(incidentTopic, payload, now);
                const auto* event = std::get_if<IncidentEvent>(&result);
                QVERIFY2(event, qPrintable(row.value(QLatin1String("name")).toString()));
                literalTitles.insert(id, event->title);
                QVERIFY(publisher.publish(incidentTopic, payload, 1, true));
                ++published;
                continue;
            }
            const int copies = payload.size() > 64 * 1024 ? 1 : 30;
            for (int copy = 0; copy < copies; ++copy) {
                // Retained messages are kept per topic: one topic of its own for every message.
                const QString flooded = variant(topic, QStringLiteral("-r%1-%2").arg(rowIndex).arg(copy));
                const FeedDecoder::Result result = decoder.decode(flooded, payload, now);
                const auto* rejection = std::get_if<Rejection>(&result);
                if (!rejection)
                    continue; // a variant topic may make it valid; the flood is garbage only
                ++expectedRejected[rejectReasonName(rejection->reason)];
                QVERIFY(publisher.publish(flooded, payload, 1, true));
                ++published;
            }
        }
        QVERIFY(publisher.waitForDelivery(30000));
        qint64 expectedTotal = 0;
        for (const qint64 n : std::as_const(expectedRejected))
            expectedTotal += n;
        QVERIFY2(expectedTotal >= 2000, qPrintable(QString::number(expectedTotal)));
        QVERIFY(literalTitles.size() >= 5);

        // The app, started against it as an operator starts it.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("wall.sqlite"));
        const quint16 metricsPort = EmbeddedBroker::freeLoopbackPort();
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.setStandardOutputFile(QProcess::nullDevice());
        app.start(appPath(),
            { QStringLiteral("--broker"), broker.uri(), QStringLiteral("--db"), db, QStringLiteral("--metrics"),
                QStringLiteral("127.0.0.1:%1").arg(metricsPort), QStringLiteral("--client-id"),
                QStringLiteral("flood-wall"), QStringLiteral("--snapshot-every"), QStringLiteral("0"),
                QStringLiteral("--size"), QStringLiteral("1280x720") });
        QVERIFY(app.waitForStarted(10000));

        // Every retained message counted under its reason, and nothing else rejected.
        const auto rejectedTotal = [&](const QByteArray& metrics) {
            qint64 total = 0;
            for (int i = 0; i < rejectReasonCount; ++i) {
                total += qint64(qMax(0.0,
                    sample(metrics, QStringLiteral("citybrain_messages_rejected_total"), QStringLiteral("reason"),
                        rejectReasonName(static_cast<RejectReason>(i)))));
            }
            return total;
        };
        QByteArray metrics;
        QDeadlineTimer deadline(25000);
        while (!deadline.hasExpired() && app.state() == QProcess::Running) {
            metrics = scrape(metricsPort);
            if (rejectedTotal(metrics) >= expectedTotal)
                break;
            QTest::qWait(250);
        }
        QCOMPARE(app.state(), QProcess::Running);
        QCOMPARE(rejectedTotal(metrics), expectedTotal);
        for (int i = 0; i < rejectReasonCount; ++i) {
            const QString reason = rejectReasonName(static_cast<RejectReason>(i));
            QCOMPARE(qint64(sample(metrics, QStringLiteral("citybrain_messages_rejected_total"),
                         QStringLiteral("reason"), reason)),
                expectedRejected.value(reason));
        }
        const auto decodedIncidents = [&] {
            return qint64(sample(scrape(metricsPort), QStringLiteral("citybrain_messages_decoded_total"),
                QStringLiteral("kind"), QStringLiteral("incident")));
        };
        QTRY_COMPARE_WITH_TIMEOUT(decodedIncidents(), qint64(literalTitles.size()), 10000);

        // The stream goes on: a valid incident after the flood is decoded and stored.
        const QByteArray valid = QJsonDocument(
            QJsonObject { { "ts", QDateTime::currentMSecsSinceEpoch() }, { "seq", 1 }, { "source", "119-fire" },
                { "kind", "fire" }, { "severity", "major" }, { "status", "new" },
                { "title", "洪水之后：秦都区商铺起火" }, { "district", "610402" }, { "lon", 108.70 },
                { "lat", 34.33 } }).toJson(QJsonDocument::Compact);
        QVERIFY(publisher.publish(QStringLiteral("xy/v1/incident/INC-AFTER-FLOOD/event"), valid, 1, false));
        QVERIFY(publisher.waitForDelivery(10000));
        QTRY_COMPARE_WITH_TIMEOUT(decodedIncidents(), qint64(literalTitles.size() + 1), 10000);
        QCOMPARE(app.state(), QProcess::Running);

        app.terminate();
        QVERIFY(app.waitForFinished(20000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        publisher.stop();

        // As an auditor reads it: the incident table holds the valid one and the hostile ones, their
        // titles byte for byte (markup, control characters and SQL included).
        {
            QSqlDatabase sqlite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("audit"));
            sqlite.setDatabaseName(db);
            QVERIFY(sqlite.open());
            QSqlQuery query(sqlite);
            QVERIFY(query.exec(QStringLiteral("SELECT id, title FROM incident")));
            QHash<QString, QString> stored;
            while (query.next())
                stored.insert(query.value(0).toString(), query.value(1).toString());
            QCOMPARE(stored.value(QStringLiteral("INC-AFTER-FLOOD")), QStringLiteral("洪水之后：秦都区商铺起火"));
            for (auto it = literalTitles.cbegin(); it != literalTitles.cend(); ++it)
                QVERIFY2(stored.value(it.key()) == it.value(), qPrintable(it.key()));
            QCOMPARE(stored.size(), literalTitles.size() + 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("audit"));
        broker.stop();
    }
};

QTEST_GUILESS_MAIN(TestRetainedFlood)
#include "tst_retainedflood.moc"
