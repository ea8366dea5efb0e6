#include "decoderoutcome.h"
#include "feeddecoder.h"
#include "topicscheme.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <vector>

using namespace citybrain;

namespace {

// 2026-11-29T00:30:00.250Z, the contract's example instant; the contract corpus is stamped with it.
constexpr qint64 kNow = 1795912200250;
constexpr qint64 kCentury = 100LL * 365 * 24 * 3600 * 1000;

struct CorpusFile
{
    QString name; // "ngsi/Alert.keyValues.json"
    QString topic;
    QByteArray payload;
};

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The corpus: tests/data/contract/<feed>.json (topic in <feed>.topic), tests/data/ngsi/*.json[ld] (topic from
// the entity's type and id) and tests/data/cap/*.xml (topic from the alert's <sender>).
std::vector<CorpusFile> loadCorpus()
{
    const TopicScheme scheme;
    const QDir data(QStringLiteral(CITYBRAIN_TEST_DATA));
    std::vector<CorpusFile> corpus;
    const QDir contract(data.filePath(QStringLiteral("contract")));
    for (const QFileInfo& info : contract.entryInfoList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        const QString topic
            = QString::fromUtf8(readFile(contract.filePath(info.completeBaseName() + QStringLiteral(".topic"))))
                  .trimmed();
        corpus.push_back({ QStringLiteral("contract/") + info.fileName(), topic, readFile(info.filePath()) });
    }
    const QDir ngsi(data.filePath(QStringLiteral("ngsi")));
    for (const QFileInfo& info :
        ngsi.entryInfoList({ QStringLiteral("*.json"), QStringLiteral("*.jsonld") }, QDir::Files, QDir::Name)) {
        const QByteArray payload = readFile(info.filePath());
        const QJsonObject entity = QJsonDocument::fromJson(payload).object();
        const QString topic
            = scheme.ngsi(entity.value(QLatin1String("type")).toString(), entity.value(QLatin1String("id")).toString());
        corpus.push_back({ QStringLiteral("ngsi/") + info.fileName(), topic, payload });
    }
    const QDir cap(data.filePath(QStringLiteral("cap")));
    for (const QFileInfo& info : cap.entryInfoList({ QStringLiteral("*.xml") }, QDir::Files, QDir::Name)) {
        const QByteArray payload = readFile(info.filePath());
        QXmlStreamReader xml(payload);
        QString sender; // the first element named "sender": <alert><sender>
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("sender")) {
                sender = xml.readElementText().trimmed();
                break;
            }
        }
        corpus.push_back({ QStringLiteral("cap/") + info.fileName(), scheme.cap(sender), payload });
    }
    return corpus;
}

// The corpus spans 2010 to 2026: the window is opened wide so that every file decodes at kNow, and
// mutations reach the fields behind the timestamp.
FeedDecoder wideDecoder()
{
    FeedDecoder::Limits limits;
    limits.maxPastMs = kCentury;
    limits.maxFutureMs = kCentury;
    return FeedDecoder(TopicScheme(), limits);
}

bool finiteLonLat(double lon, double lat)
{
    return std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 180 && std::abs(lat) <= 90;
}

// Empty when the result is well formed: a rejection with a named reason and a detail, or a decoded
// value that keeps the contract's invariants; otherwise what is wrong.
QString invariantBroken(const FeedDecoder::Result& result)
{
    if (result.valueless_by_exception())
        return QStringLiteral("valueless result");
    if (const auto* rejection = std::get_if<Rejection>(&result)) {
        const int reason = int(rejection->reason);
        if (reason < 0 || reason >= rejectReasonCount)
            return QStringLiteral("reason %1 outside the enum").arg(reason);
        if (rejection->detail.isEmpty())
            return QStringLiteral("rejection without detail");
    } else if (const auto* ignored = std::get_if<Ignored>(&result)) {
        if (ignored->why.isEmpty())
            return QStringLiteral("ignored without why");
    } else if (const auto* sample = std::get_if<TelemetrySample>(&result)) {
        if (sample->values.empty() || !finiteLonLat(sample->lon, sample->lat))
            return QStringLiteral("telemetry without values or position");
        for (const auto& [name, value] : sample->values) {
            if (name.isEmpty() || !std::isfinite(value))
                return QStringLiteral("bad metric %1").arg(name);
        }
    } else if (const auto* event = std::get_if<IncidentEvent>(&result)) {
        if (!TopicScheme::isValidId(event->id) || event->title.isEmpty() || event->kind.isEmpty()
            || event->source.isEmpty() || !finiteLonLat(event->lon, event->lat))
            return QStringLiteral("incident %1 breaks the contract").arg(event->id);
        if (event->title.size() > 400 || event->description.size() > 8000)
            return QStringLiteral("incident text longer than the contract allows");
    }
    return {};
}

// Byte-level mutations of a payload, JSON and XML alike.
class Mutator
{
public:
    explicit Mutator(quint32 seed)
        : m_random(seed)
    { }

    QByteArray mutate(QByteArray payload)
    {
        const int mutations = 1 + m_random.bounded(4);
        for (int m = 0; m < mutations; ++m)
            mutateOnce(payload);
        return payload;
    }

private:
    int below(qsizetype n) { return n <= 0 ? 0 : m_random.bounded(int(n)); }

    QByteArray special()
    {
        static const char* const tokens[] = { "{", "}", "[", "]", "\"", "\\", ":", ",", "0", "-", "1e999", "1e-999",
            "null", "true", "\\ud800", "\\u0000", "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "&undefined;", "/",
            "<!--", "-->", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<!DOCTYPE alert [<!ENTITY a \"aaaa\">]>",
            "xmlns=\"urn:x\"", "NaN", "Infinity", "\x00", "\x80", "\xbf", "\xc3", "\xed\xa0\x80", "\xef\xbb\xbf",
            "\xf4\x90\x80\x80", "\xff", "T", "Z", "+08:00", "/", "9999-12-31T23:59:59Z", ",", " ", "\n" };
        const char* token = tokens[below(std::size(tokens))];
        return token[0] == '\0' ? QByteArray(1, '\0') : QByteArray(token);
    }

    void mutateOnce(QByteArray& p)
    {
        const qsizetype at = below(p.size() + 1);
        switch (m_random.bounded(9)) {
        case 0: // flip one bit
            if (!p.isEmpty())
                p[below(p.size())] = char(p[below(p.size())] ^ (1 << m_random.bounded(8)));
            break;
        case 1: // any byte
            if (!p.isEmpty())
                p[below(p.size())] = char(m_random.bounded(256));
            break;
        case 2: // truncate
            p.truncate(at);
            break;
        case 3: // duplicate a slice somewhere
            p.insert(at, p.mid(below(p.size()), 1 + m_random.bounded(64)));
            break;
        case 4: // remove a slice
            p.remove(at, 1 + m_random.bounded(32));
            break;
        case 5: // a special token
            p.insert(at, special());
            break;
        case 6: // a long run of one byte or token
            p.insert(at, special().repeated(1 + m_random.bounded(m_random.bounded(4) == 0 ? 5000 : 60)));
            break;
        case 7: { // nesting: wrap a slice in brackets or elements, many levels deep
            const int levels = 1 + m_random.bounded(m_random.bounded(4) == 0 ? 200 : 40);
            if (m_random.bounded(2) == 0)
                p.insert(at, QByteArray("[").repeated(levels) + QByteArray("]").repeated(levels));
            else
                p.insert(at, QByteArray("<a>").repeated(levels) + QByteArray("</a>").repeated(levels));
            break;
        }
        default: // swap two slices' order
            if (p.size() > 2) {
                const qsizetype a = below(p.size() - 1);
                const qsizetype n = 1 + below(qMin<qsizetype>(32, p.size() - a - 1));
                const QByteArray slice = p.mid(a, n);
                p.remove(a, n);
                p.insert(below(p.size() + 1), slice);
            }
            break;
        }
    }

    QRandomGenerator m_random;
};

} // namespace

class TestDecoderFuzz : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusIsComplete()
    {
        const auto corpus = loadCorpus();
        int contract = 0, ngsi = 0, cap = 0;
        for (const CorpusFile& file : corpus) {
            contract += file.name.startsWith(QLatin1String("contract/")) ? 1 : 0;
            ngsi += file.name.startsWith(QLatin1String("ngsi/")) ? 1 : 0;
            cap += file.name.startsWith(QLatin1String("cap/")) ? 1 : 0;
        }
        QVERIFY2(contract >= 6, qPrintable(QString::number(contract)));
        QCOMPARE(ngsi, 20);
        QVERIFY2(cap >= 10, qPrintable(QString::number(cap)));
    }

    void unmutatedCorpusDecodes_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        for (const CorpusFile& file : loadCorpus())
            QTest::newRow(qPrintable(file.name)) << file.topic << file.payload;
    }

    void unmutatedCorpusDecodes()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        const auto result = wideDecoder().decode(topic, payload, kNow);
        const auto* rejection = std::get_if<Rejection>(&result);
        QVERIFY2(!rejection,
            qPrintable(rejection ? rejectReasonName(rejection->reason) + QStringLiteral(": ") + rejection->detail
                                 : QString()));
        QVERIFY2(invariantBroken(result).isEmpty(), qPrintable(invariantBroken(result)));
    }

    // 2 seeds x 10000 mutations over the whole corpus, through FeedDecoder on each file's topic.
    void mutationsNeverCrash_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 20261129") << quint32(20261129);
        QTest::newRow("seed 610400") << quint32(610400);
    }

    void mutationsNeverCrash()
    {
        QFETCH(quint32, seed);
        const auto corpus = loadCorpus();
        QVERIFY(!corpus.empty());
        const FeedDecoder decoder = wideDecoder();
        Mutator mutator(seed);
        QSet<QString> outcomes;
        for (int iteration = 0; iteration < 10000; ++iteration) {
            const CorpusFile& file = corpus[std::size_t(iteration) % corpus.size()];
            const QByteArray payload = mutator.mutate(file.payload);
            const auto result = decoder.decode(file.topic, payload, kNow);
            const QString broken = invariantBroken(result);
            if (!broken.isEmpty()) {
                QFAIL(qPrintable(QStringLiteral("%1 (seed %2, iteration %3, %4): %5; payload %6")
                                     .arg(file.name)
                                     .arg(seed)
                                     .arg(iteration)
                                     .arg(outcome(result), broken, QString::fromLatin1(payload.toBase64()))));
            }
            outcomes.insert(outcome(result));
        }
        // The mutations reach deep into every decoder: many reasons, and some payloads still decode.
        const QString seen = QStringList(outcomes.values()).join(u',');
        for (const char* expected :
            { "malformed_json", "malformed_xml", "not_utf8", "too_deep", "telemetry", "incident" })
            QVERIFY2(
                outcomes.contains(QLatin1String(expected)), qPrintable(expected + QStringLiteral(" not in ") + seen));
        QVERIFY2(outcomes.size() >= 10, qPrintable(seen));
    }
};

QTEST_GUILESS_MAIN(TestDecoderFuzz)
#include "tst_decoderfuzz.moc"
