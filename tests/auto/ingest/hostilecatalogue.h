#pragma once

// Reads the hostile-payload catalogue (tests/data/hostile/catalogue.jsonl, README.md beside it) for the tests
// that replay it: tst_hostilepayloads (decoders, pipeline) and tests/integration/tst_retainedflood (the app
// against a broker full of it). CITYBRAIN_TEST_DATA is the tests/data directory.
#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace citybrain::hostile {

inline QString dataDir()
{
    return QStringLiteral(CITYBRAIN_TEST_DATA "/hostile");
}

// The rows in file order, one JSON object per line.
inline QList<QJsonObject> catalogue()
{
    QFile file(dataDir() + QStringLiteral("/catalogue.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    QList<QJsonObject> rows;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument row = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("catalogue line %lld: %s", qlonglong(rows.size() + 1), qPrintable(error.errorString()));
        rows.append(row.object());
    }
    return rows;
}

// The time placeholders, relative to nowMs: "@now@", "@past_8d@", "@future_1h@" in quotes become epoch
// milliseconds; @now_iso@ (RFC 3339, UTC) and @now_cap@ (CAP, +08:00) are text inside a string.
inline QByteArray withTimes(QByteArray payload, qint64 nowMs)
{
    if (!payload.contains('@'))
        return payload;
    constexpr qint64 hourMs = 3600 * 1000;
    payload.replace("\"@now@\"", QByteArray::number(nowMs));
    payload.replace("\"@past_8d@\"", QByteArray::number(nowMs - 8 * 24 * hourMs));
    payload.replace("\"@future_1h@\"", QByteArray::number(nowMs + hourMs));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    payload.replace("@now_iso@", now.toString(Qt::ISODateWithMs).toUtf8());
    payload.replace(
        "@now_cap@", now.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss+08:00")).toUtf8());
    return payload;
}

// A row's payload: "json" (a value, compact), "text" (as UTF-8), "bytes" (each character one byte: invalid
// UTF-8 written as JSON), "file" (beside the catalogue) or "gen" (head + repeat x count + tail, "@i@" in the
// repeat numbering it); then the time placeholders at nowMs.
inline QByteArray payloadOf(const QJsonObject& row, qint64 nowMs)
{
    QByteArray payload;
    if (row.contains(QLatin1String("json"))) {
        const QJsonValue value = row.value(QLatin1String("json"));
        payload = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    } else if (row.contains(QLatin1String("text"))) {
        payload = row.value(QLatin1String("text")).toString().toUtf8();
    } else if (row.contains(QLatin1String("bytes"))) {
        payload = row.value(QLatin1String("bytes")).toString().toLatin1();
    } else if (row.contains(QLatin1String("file"))) {
        QFile file(dataDir() + u'/' + row.value(QLatin1String("file")).toString());
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(file.fileName()));
        payload = file.readAll();
    } else {
        const QJsonObject gen = row.value(QLatin1String("gen")).toObject();
        const QByteArray repeat = gen.value(QLatin1String("repeat")).toString().toUtf8();
        const int count = gen.value(QLatin1String("count")).toInt();
        payload = gen.value(QLatin1String("head")).toString().toUtf8();
        payload.reserve(payload.size() + repeat.size() * count + 64);
        const bool numbered = repeat.contains("@i@");
        for (int i = 0; i < count; ++i)
            payload += numbered ? QByteArray(repeat).replace("@i@", QByteArray::number(i)) : repeat;
        payload += gen.value(QLatin1String("tail")).toString().toUtf8();
    }
    return withTimes(payload, nowMs);
}

} // namespace citybrain::hostile
