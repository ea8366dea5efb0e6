#include "feeddecoder.h"

#include "capdecoder.h"
#include "fieldreader.h"
#include "gisdecoder.h"
#include "incidentactionjson.h"
#include "incidentlifecycle.h"
#include "jsonfields.h"
#include "ngsidecoder.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringView>
#include <QVarLengthArray>
#include <QtNumeric>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace citybrain {

QString rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::Oversize:
        return QStringLiteral("oversize");
    case RejectReason::NotUtf8:
        return QStringLiteral("not_utf8");
    case RejectReason::MalformedJson:
        return QStringLiteral("malformed_json");
    case RejectReason::TooDeep:
        return QStringLiteral("too_deep");
    case RejectReason::UnknownTopic:
        return QStringLiteral("unknown_topic");
    case RejectReason::TopicMismatch:
        return QStringLiteral("topic_mismatch");
    case RejectReason::MissingField:
        return QStringLiteral("missing_field");
    case RejectReason::WrongType:
        return QStringLiteral("wrong_type");
    case RejectReason::NonFinite:
        return QStringLiteral("non_finite");
    case RejectReason::OutOfRange:
        return QStringLiteral("out_of_range");
    case RejectReason::BadTimestamp:
        return QStringLiteral("bad_timestamp");
    case RejectReason::MalformedXml:
        return QStringLiteral("malformed_xml");
    case RejectReason::Forbidden:
        break;
    }
    return QStringLiteral("forbidden");
}

namespace {

// ---- byte-level checks, run before the JSON parser ----

// True if objects/arrays nest deeper than maxDepth. Brackets inside strings do not count. Stops at the
// first bracket past the limit, so a 100k-deep payload costs one short scan and no parser recursion.
bool nestsDeeperThan(QByteArrayView json, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    const char* p = json.data();
    const char* const end = p + json.size();
    for (; p < end; ++p) {
        const char c = *p;
        if (inString) {
            if (c == '\\')
                ++p; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (++depth > maxDepth)
                return true;
            break;
        case '}':
        case ']':
            --depth;
            break;
        default:
            break;
        }
    }
    return false;
}

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(QByteArrayView token)
{
    qsizetype i = 0;
    const qsizetype n = token.size();
    if (i < n && token[i] == '-')
        ++i;
    if (i >= n || !isAsciiDigit(token[i]))
        return false;
    if (token[i] == '0') {
        ++i;
    } else {
        while (i < n && isAsciiDigit(token[i]))
            ++i;
    }
    if (i < n && token[i] == '.') {
        ++i;
        if (i >= n || !isAsciiDigit(token[i]))
            return false;
        while (i < n && isAsciiDigit(token[i]))
            ++i;
    }
    if (i < n && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < n && (token[i] == '+' || token[i] == '-'))
            ++i;
        if (i >= n || !isAsciiDigit(token[i]))
            return false;
        while (i < n && isAsciiDigit(token[i]))
            ++i;
    }
    return i == n;
}

// For a valid JSON number token 0.d1d2... x 10^k with d1 != 0, returns k (saturated); 0 for zero. A
// number Qt cannot convert overflowed if k > 0 and underflowed otherwise.
qint64 decimalMagnitude(QByteArrayView token)
{
    qsizetype i = token.startsWith('-') ? 1 : 0;
    qint64 magnitude = 0;
    bool seenNonZero = false;
    bool fraction = false;
    for (; i < token.size() && token[i] != 'e' && token[i] != 'E'; ++i) {
        const char c = token[i];
        if (c == '.') {
            fraction = true;
        } else if (!seenNonZero && c == '0') {
            if (fraction)
                --magnitude;
        } else if (!seenNonZero) {
            seenNonZero = true;
            if (!fraction)
                ++magnitude;
        } else if (!fraction) {
            ++magnitude;
        }
    }
    if (!seenNonZero)
        return 0;
    if (i < token.size()) {
        ++i; // 'e' or 'E'
        bool negative = false;
        if (token[i] == '+' || token[i] == '-')
            negative = token[i++] == '-';
        qint64 exponent = 0;
        for (; i < token.size(); ++i)
            exponent = qMin<qint64>(exponent * 10 + (token[i] - '0'), qint64(1) << 40);
        magnitude += negative ? -exponent : exponent;
    }
    return magnitude;
}

// The field path ("values.pm25", "list[2]") of the value starting at byte `offset` of a document that
// is well formed up to that offset. Empty if the value is not inside a top-level object.
QString jsonPathAt(QByteArrayView json, qsizetype offset)
{
    struct Frame
    {
        bool object = false;
        bool expectKey = false;
        qsizetype keyBegin = 0;
        qsizetype keyEnd = 0;
        int index = 0;
    };
    QVarLengthArray<Frame, 32> stack;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = json[i];
        switch (c) {
        case '{':
            stack.append(Frame { true, true, 0, 0, 0 });
            break;
        case '[':
            stack.append(Frame { false, false, 0, 0, 0 });
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        case ',':
            if (!stack.isEmpty()) {
                if (stack.last().object)
                    stack.last().expectKey = true;
                else
                    ++stack.last().index;
            }
            break;
        case '"': {
            const qsizetype begin = i + 1;
            qsizetype j = begin;
            while (j < offset && json[j] != '"')
                j += json[j] == '\\' ? 2 : 1;
            if (!stack.isEmpty() && stack.last().object && stack.last().expectKey) {
                stack.last().keyBegin = begin;
                stack.last().keyEnd = qMin(j, offset);
                stack.last().expectKey = false;
            }
            i = j;
            break;
        }
        default:
            break;
        }
    }
    if (stack.isEmpty() || !stack.first().object)
        return {};
    QString path;
    for (const Frame& frame : stack) {
        if (frame.object) {
            if (!path.isEmpty())
                path += u'.';
            path += QString::fromUtf8(json.sliced(frame.keyBegin, frame.keyEnd - frame.keyBegin));
        } else {
            path += u'[' + QString::number(frame.index) + u']';
        }
    }
    return path;
}

// Qt's parser refuses numbers that do not fit a double with "illegal number". Tell a number that
// overflows (non_finite) or underflows (out_of_range) from a token that is no number at all.
Rejection classifyIllegalNumber(QByteArrayView json, qsizetype offset)
{
    qsizetype begin = qBound<qsizetype>(0, offset, json.size());
    qsizetype end = begin;
    while (begin > 0 && isNumberChar(json[begin - 1]))
        --begin;
    while (end < json.size() && isNumberChar(json[end]))
        ++end;
    const QByteArrayView token = json.sliced(begin, end - begin);
    const QString path = jsonPathAt(json, begin);
    if (!path.isEmpty() && isJsonNumber(token)) {
        if (decimalMagnitude(token) > 0)
            return { RejectReason::NonFinite, path + QStringLiteral(": number overflows to infinity") };
        return { RejectReason::OutOfRange, path + QStringLiteral(": number too small to represent") };
    }
    return { RejectReason::MalformedJson, QStringLiteral("payload: illegal number at offset %1").arg(offset) };
}

// ---- shared names ----

// The contract's metric and domain names as static strings: copying one into a sample, the history queue and
// the wall's batch costs neither an allocation nor an atomic reference count. Any other name is built as usual.
template <typename Name> const QString* knownMetricName(Name name)
{
    static const QString names[] = { QStringLiteral("aqi"), QStringLiteral("pm25"), QStringLiteral("pm10"),
        QStringLiteral("no2"), QStringLiteral("o3"), QStringLiteral("flow"), QStringLiteral("speed"),
        QStringLiteral("congestion"), QStringLiteral("level"), QStringLiteral("warning_line"),
        QStringLiteral("guarantee_line"), QStringLiteral("laeq"), QStringLiteral("load") };
    for (const QString& known : names) {
        if (known == name)
            return &known;
    }
    return nullptr;
}

QString sharedDomainName(QString domain)
{
    static const QString names[] = { QStringLiteral("air"), QStringLiteral("traffic"), QStringLiteral("water"),
        QStringLiteral("noise"), QStringLiteral("energy") };
    for (const QString& known : names) {
        if (known == domain)
            return known;
    }
    return domain;
}

// ---- the telemetry fast path ----

// Reads the plain JSON that sensors send, byte by byte: strings without escapes or control characters,
// numbers of the strict JSON grammar. Every method returns false for anything else, and the caller gives up.
class PlainJsonScanner
{
public:
    explicit PlainJsonScanner(QByteArrayView json)
        : m_p(json.data())
        , m_end(json.data() + json.size())
    { }

    bool consume(char c)
    {
        skipSpace();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }

    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }

    // `ascii`: every byte below 0x80 (the payload's UTF-8 has been checked).
    bool string(QByteArrayView* out, bool* ascii)
    {
        if (!consume('"'))
            return false;
        const char* const begin = m_p;
        bool plain = true;
        for (; m_p != m_end; ++m_p) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                *out = QByteArrayView(begin, m_p - begin);
                *ascii = plain;
                ++m_p;
                return true;
            }
            if (c == '\\' || c < 0x20)
                return false;
            plain = plain && c < 0x80;
        }
        return false;
    }

    // The double QJsonDocument gives for the token: correctly rounded, and a zero unsigned (Qt stores a whole
    // number as an integer). A number that overflows, or underflows to zero or to a subnormal, is left to
    // the full path, which names it.
    bool number(double* out, QByteArrayView* token)
    {
        skipSpace();
        const char* const begin = m_p;
        while (m_p != m_end && isNumberChar(*m_p))
            ++m_p;
        *token = QByteArrayView(begin, m_p - begin);
        if (!isJsonNumber(*token))
            return false;
        double d = 0;
        const auto [end, error] = std::from_chars(begin, m_p, d);
        if (error != std::errc() || end != m_p || !std::isfinite(d))
            return false;
        if (d == 0) {
            for (const char c : *token) {
                if (c == 'e' || c == 'E')
                    break;
                if (c >= '1' && c <= '9')
                    return false; // 1e-999
            }
            d = 0.0;
        } else if (!std::isnormal(d)) {
            return false;
        }
        *out = d;
        return true;
    }

    // A whole number >= 0 written with digits only, up to 15 of them (exact in a double).
    bool count(qint64* out)
    {
        double d = 0;
        QByteArrayView token;
        if (!number(&d, &token) || token.size() > 15)
            return false;
        for (const char c : token) {
            if (!isAsciiDigit(c))
                return false;
        }
        *out = static_cast<qint64>(d);
        return true;
    }

private:
    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    const char* m_p;
    const char* const m_end;
};

// ---- field access ----

// Text bounds of docs/topics.md beyond those of a field's own table: an incident kind (the classify
// action's [a-z_]{1,40} with room for a source's own words), an indicator's name and unit as a KPI tile
// shows them, an id-like string (a version).
constexpr qsizetype kMaxKindChars = 64;
constexpr qsizetype kMaxNameChars = 200;
constexpr qsizetype kMaxUnitChars = 32;
constexpr qsizetype kMaxIdChars = 64;

bool isSixDigits(QStringView s)
{
    if (s.size() != 6)
        return false;
    for (const QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

using fields::AllowEmpty;
using fields::FieldReader;
using fields::Required;

FeedDecoder::Result decodeTelemetry(FieldReader& f, TopicScheme::Route& route)
{
    TelemetrySample sample;
    if (!f.matchesTopic(QLatin1String("id"), route.id) || !f.matchesTopic(QLatin1String("sensor"), route.id)
        || !f.matchesTopic(QLatin1String("domain"), route.domain)
        || !f.matchesTopic(QLatin1String("district"), route.district) || !f.timestamp(&sample.tsMs)
        || !f.sequence(&sample.seq)
        || !f.string(QLatin1String("source"), nullptr, Required::No, AllowEmpty::No, fields::maxSourceChars)
        || !f.numberInRange(QLatin1String("lon"), &sample.lon, fields::minLon, fields::maxLon)
        || !f.numberInRange(QLatin1String("lat"), &sample.lat, fields::minLat, fields::maxLat))
        return f.takeRejection();

    const QLatin1String valuesKey("values");
    const QJsonValue valuesValue = f.object().value(valuesKey);
    if (valuesValue.isUndefined()) {
        f.fail(RejectReason::MissingField, valuesKey, QStringLiteral("required"));
        return f.takeRejection();
    }
    if (!valuesValue.isObject()) {
        f.fail(RejectReason::WrongType, valuesKey, QStringLiteral("expected an object of metric -> number"));
        return f.takeRejection();
    }
    const QJsonObject values = valuesValue.toObject();
    if (values.isEmpty()) {
        f.fail(RejectReason::OutOfRange, valuesKey, QStringLiteral("at least one metric required"));
        return f.takeRejection();
    }
    if (values.size() > fields::maxMetricsPerSample) {
        f.fail(RejectReason::OutOfRange, valuesKey,
            QStringLiteral("%1 metrics, at most %2 allowed").arg(values.size()).arg(fields::maxMetricsPerSample));
        return f.takeRejection();
    }
    sample.values.reserve(std::size_t(values.size()));
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        QString metric = it.key();
        if (const QString* shared = knownMetricName(QStringView(metric)))
            metric = *shared;
        const QJsonValue value = it.value();
        const auto failMetric = [&](RejectReason reason, const QString& why) {
            f.fail(reason, QString(QLatin1String("values.") + metric), why);
            return f.takeRejection();
        };
        if (metric.isEmpty())
            return failMetric(RejectReason::OutOfRange, QStringLiteral("empty metric name"));
        if (!metric.isValidUtf16())
            return failMetric(RejectReason::NotUtf8, QStringLiteral("metric name has an unpaired surrogate"));
        if (metric.size() > fields::maxMetricNameChars && fields::codePointCount(metric) > fields::maxMetricNameChars) {
            metric = fields::leftCodePoints(metric, 32) + QStringLiteral("...");
            return failMetric(RejectReason::OutOfRange,
                QStringLiteral("metric name longer than %1 characters").arg(fields::maxMetricNameChars));
        }
        if (!value.isDouble())
            return failMetric(RejectReason::WrongType, QStringLiteral("expected a number"));
        const double d = value.toDouble();
        if (!std::isfinite(d))
            return failMetric(RejectReason::NonFinite, QStringLiteral("not a finite number"));
        if (const fields::MetricRange* range = fields::findMetric(metric)) {
            if (const auto why = fields::rangeError(d, range->low, range->high))
                return failMetric(RejectReason::OutOfRange, *why);
        }
        sample.values.emplace_back(std::move(metric), d);
    }
    sample.sensorId = std::move(route.id);
    sample.domain = sharedDomainName(std::move(route.domain));
    sample.district = std::move(route.district);
    return sample;
}

FeedDecoder::Result decodeIndicator(FieldReader& f, TopicScheme::Route& route)
{
    IndicatorUpdate update;
    static constexpr QLatin1String directions[] = { QLatin1String("higher"), QLatin1String("lower") };
    QString better;
    if (!f.matchesTopic(QLatin1String("id"), route.id) || !f.matchesTopic(QLatin1String("indicator"), route.id)
        || !f.timestamp(&update.tsMs, false) || !f.sequence(&update.seq)
        || !f.string(QLatin1String("source"), nullptr, Required::No, AllowEmpty::No, fields::maxSourceChars)
        || !f.number(QLatin1String("value"), &update.value)
        || !f.string(QLatin1String("unit"), &update.unit, Required::Yes, AllowEmpty::Yes, kMaxUnitChars)
        || !f.string(QLatin1String("name"), &update.name, Required::Yes, AllowEmpty::No, kMaxNameChars)
        || !f.string(QLatin1String("name_en"), &update.nameEn, Required::No, AllowEmpty::Yes, kMaxNameChars)
        || !f.number(QLatin1String("target"), &update.target, &update.hasTarget)
        || !f.oneOf(QLatin1String("better"), directions, &better, Required::No))
        return f.takeRejection();
    update.higherIsBetter = better != QLatin1String("lower");
    update.id = std::move(route.id);
    return update;
}

FeedDecoder::Result decodeIncidentEvent(FieldReader& f, TopicScheme::Route& route)
{
    IncidentEvent event;
    static constexpr QLatin1String statuses[]
        = { QLatin1String("new"), QLatin1String("update"), QLatin1String("closed") };
    QString severity;
    if (!f.matchesTopic(QLatin1String("id"), route.id) || !f.matchesTopic(QLatin1String("incident"), route.id)
        || !f.timestamp(&event.tsMs) || !f.sequence(&event.seq)
        || !f.string(QLatin1String("source"), &event.source, Required::Yes, AllowEmpty::No, fields::maxSourceChars)
        || !f.string(QLatin1String("kind"), &event.kind, Required::Yes, AllowEmpty::No, kMaxKindChars)
        || !f.string(QLatin1String("severity"), &severity, Required::Yes, AllowEmpty::Yes))
        return f.takeRejection();
    if (!severityFromName(severity, &event.severity)) {
        f.fail(RejectReason::OutOfRange, QLatin1String("severity"),
            QStringLiteral("unknown value \"%1\"").arg(severity.left(64)));
        return f.takeRejection();
    }
    if (!f.oneOf(QLatin1String("status"), statuses, &event.status, Required::Yes)
        || !f.string(QLatin1String("title"), &event.title, Required::Yes, AllowEmpty::No, 200)
        || !f.string(QLatin1String("description"), &event.description, Required::No, AllowEmpty::Yes, 4000)
        || !f.string(QLatin1String("district"), &event.district, Required::Yes, AllowEmpty::Yes))
        return f.takeRejection();
    if (!isSixDigits(event.district)) {
        f.fail(RejectReason::OutOfRange, QLatin1String("district"), QStringLiteral("expected a six-digit adcode"));
        return f.takeRejection();
    }
    if (!f.numberInRange(QLatin1String("lon"), &event.lon, fields::minLon, fields::maxLon)
        || !f.numberInRange(QLatin1String("lat"), &event.lat, fields::minLat, fields::maxLat))
        return f.takeRejection();
    event.id = std::move(route.id);
    return event;
}

FeedDecoder::Result decodeStatus(FieldReader& f, TopicScheme::Route& route)
{
    PresenceStatus status;
    static constexpr QLatin1String kinds[] = { QLatin1String("simulator"), QLatin1String("sensor-gateway"),
        QLatin1String("source"), QLatin1String("wall"), QLatin1String("dispatcher"), QLatin1String("leader") };
    qint64 seq = 0;
    if (!f.matchesTopic(QLatin1String("id"), route.id) || !f.matchesTopic(QLatin1String("client"), route.id)
        || !f.timestamp(&status.tsMs, false) || !f.sequence(&seq)
        || !f.string(QLatin1String("source"), nullptr, Required::No, AllowEmpty::No, fields::maxSourceChars)
        || !f.boolean(QLatin1String("online"), &status.online)
        || !f.oneOf(QLatin1String("kind"), kinds, &status.kind, Required::Yes)
        || !f.string(QLatin1String("version"), nullptr, Required::No, AllowEmpty::Yes, kMaxIdChars))
        return f.takeRejection();
    status.clientId = std::move(route.id);
    return status;
}

// A role that may not do this, well-formed, is a person's doing, not garbage: `forbidden`, naming who tried
// (logged each time, not folded in with malformed input). A missing or mistyped role is left to the field
// checks, which name it.
std::optional<Rejection> forbiddenRole(
    const QJsonObject& object, std::initializer_list<QLatin1String> allowed, QLatin1String what, QLatin1String whoKey)
{
    const QJsonValue role = object.value(QLatin1String("role"));
    if (!role.isString() || role.toString().isEmpty())
        return std::nullopt;
    const QString name = role.toString();
    if (std::any_of(allowed.begin(), allowed.end(), [&name](QLatin1String a) { return name == a; }))
        return std::nullopt;
    const auto text = [&object](QLatin1String key) { return object.value(key).toString().left(kMaxIdChars); };
    return Rejection { RejectReason::Forbidden,
        QStringLiteral("%1: a \"%2\" may not %3 (%4 \"%5\", console \"%6\")")
            .arg(what, name.left(kMaxIdChars), what, whoKey, text(whoKey), text(QLatin1String("console"))) };
}

FeedDecoder::Result decodeAnnotation(FieldReader& f, TopicScheme::Route& route, qint64 nowMs, qint64 maxFutureMs)
{
    Annotation annotation;
    static constexpr QLatin1String leader[] = { QLatin1String("leader") };
    QString role;
    double at = 0;
    qint64 seq = 0;
    if (auto forbidden
        = forbiddenRole(f.object(), { QLatin1String("leader") }, QLatin1String("annotate"), QLatin1String("author")))
        return *forbidden;
    if (!f.matchesTopic(QLatin1String("id"), route.id) || !f.timestamp(&annotation.tsMs, false) || !f.sequence(&seq)
        || !f.numberInRange(QLatin1String("at"), &at, 0, static_cast<double>(nowMs + maxFutureMs))
        || !f.string(QLatin1String("text"), &annotation.text, Required::Yes, AllowEmpty::No, 500)
        || !f.string(QLatin1String("author"), &annotation.author, Required::Yes, AllowEmpty::No, 64)
        // Only duty leaders annotate the city's timeline.
        || !f.oneOf(QLatin1String("role"), leader, &role, Required::Yes)
        || !f.string(QLatin1String("console"), &annotation.console, Required::Yes, AllowEmpty::No, 64))
        return f.takeRejection();
    annotation.atMs = static_cast<qint64>(at);
    annotation.id = std::move(route.id);
    return annotation;
}

FeedDecoder::Result decodeWallControl(FieldReader& f, TopicScheme::Route& route)
{
    WallControl control;
    qint64 seq = 0;
    QString role;
    // Only duty leaders steer the wall.
    static constexpr QLatin1String leader[] = { QLatin1String("leader") };
    if (auto forbidden = forbiddenRole(
            f.object(), { QLatin1String("leader") }, QLatin1String("steer the wall"), QLatin1String("console")))
        return *forbidden;
    if (!f.timestamp(&control.tsMs, false) || !f.sequence(&seq)
        || !f.oneOf(QLatin1String("role"), leader, &role, Required::Yes)
        || !f.string(QLatin1String("page"), &control.page, Required::No, AllowEmpty::Yes, 64)
        || !f.string(QLatin1String("focus_incident"), &control.focusIncident, Required::No, AllowEmpty::Yes, 64)
        || !f.string(QLatin1String("console"), &control.console, Required::Yes, AllowEmpty::No, 64)
        || (f.object().contains(QLatin1String("pinned")) && !f.boolean(QLatin1String("pinned"), &control.pinned)))
        return f.takeRejection();
    if (!control.focusIncident.isEmpty() && !TopicScheme::isValidId(control.focusIncident)) {
        return Rejection { RejectReason::OutOfRange,
            QStringLiteral("focus_incident: \"%1\" is not an incident id").arg(control.focusIncident) };
    }
    control.wallId = std::move(route.id);
    return control;
}

FeedDecoder::Result decodeIncidentAction(FieldReader& f, TopicScheme::Route& route)
{
    // The live window first, as for incident events; the codec reads ts again without one.
    qint64 tsMs = 0;
    if (!f.matchesTopic(QLatin1String("incident"), route.id) || !f.timestamp(&tsMs))
        return f.takeRejection();
    if (auto forbidden = forbiddenRole(f.object(), { QLatin1String("dispatcher"), QLatin1String("leader") },
            QLatin1String("act on an incident"), QLatin1String("actor")))
        return *forbidden;
    Rejection rejection { RejectReason::MalformedJson, {} };
    std::optional<IncidentAction> action
        = incidentActionFromJson(f.object(), route.id, &rejection.detail, &rejection.reason);
    if (!action)
        return rejection;
    ConsoleRole role = ConsoleRole::Wall;
    if (!consoleRoleFromName(action->role, &role) || !roleMay(role, action->kind)) {
        return Rejection { RejectReason::Forbidden,
            QStringLiteral("action: a %1 may not %2 (actor \"%3\", console \"%4\")")
                .arg(action->role, actionKindName(action->kind), action->actor, action->console) };
    }
    return std::move(*action);
}

// A sub-decoder's result (a subset of the alternatives) as a FeedDecoder::Result.
template <typename... Alternatives> FeedDecoder::Result widen(std::variant<Alternatives...>&& result)
{
    return std::visit(
        [](auto&& value) -> FeedDecoder::Result { return std::forward<decltype(value)>(value); }, std::move(result));
}

} // namespace

std::optional<TelemetrySample> decodePlainTelemetry(
    QByteArrayView payload, const TopicScheme::Route& route, const FeedDecoder::Limits& limits, qint64 nowMs)
{
    enum Field : unsigned {
        Ts = 1u << 0,
        Seq = 1u << 1,
        Source = 1u << 2,
        Lon = 1u << 3,
        Lat = 1u << 4,
        Values = 1u << 5,
        Id = 1u << 6,
        Sensor = 1u << 7,
        Domain = 1u << 8,
        District = 1u << 9,
    };
    static constexpr std::pair<QLatin1String, Field> fieldNames[]
        = { { QLatin1String("ts"), Ts }, { QLatin1String("seq"), Seq }, { QLatin1String("source"), Source },
              { QLatin1String("lon"), Lon }, { QLatin1String("lat"), Lat }, { QLatin1String("values"), Values },
              { QLatin1String("id"), Id }, { QLatin1String("sensor"), Sensor }, { QLatin1String("domain"), Domain },
              { QLatin1String("district"), District } };
    if (route.feed != TopicScheme::Feed::Telemetry || limits.maxDepth < 2)
        return std::nullopt;

    PlainJsonScanner in(payload);
    TelemetrySample sample;
    QVarLengthArray<std::pair<QByteArrayView, double>, 8> values;
    unsigned seen = 0;
    if (!in.consume('{'))
        return std::nullopt;
    do {
        QByteArrayView key;
        bool ascii = false;
        if (!in.string(&key, &ascii) || !in.consume(':'))
            return std::nullopt;
        unsigned field = 0;
        for (const auto& [name, bit] : fieldNames) {
            if (QLatin1String(key.data(), key.size()) == name)
                field = bit;
        }
        if (field == 0 || (seen & field) != 0)
            return std::nullopt; // a field the full path ignores, or one given twice (the last would win)
        seen |= field;
        double number = 0;
        QByteArrayView token;
        switch (field) {
        case Ts:
            if (!in.count(&sample.tsMs)
                || fields::timestampWindowError(sample.tsMs, nowMs, limits.maxPastMs, limits.maxFutureMs, true))
                return std::nullopt;
            break;
        case Seq:
            if (!in.count(&sample.seq))
                return std::nullopt;
            break;
        case Lon:
        case Lat: {
            const bool lon = field == Lon;
            if (!in.number(&number, &token)
                || fields::rangeError(
                    number, lon ? fields::minLon : fields::minLat, lon ? fields::maxLon : fields::maxLat))
                return std::nullopt;
            (lon ? sample.lon : sample.lat) = number;
            break;
        }
        case Source: {
            QByteArrayView text;
            // Longer in bytes may still be short enough in characters: the full path counts them.
            if (!in.string(&text, &ascii) || text.isEmpty() || text.size() > fields::maxSourceChars)
                return std::nullopt;
            break;
        }
        case Id:
        case Sensor:
        case Domain:
        case District: {
            const QString& topicValue = field == Domain ? route.domain : field == District ? route.district : route.id;
            QByteArrayView text;
            if (!in.string(&text, &ascii) || !ascii || QLatin1String(text.data(), text.size()) != topicValue)
                return std::nullopt;
            break;
        }
        case Values:
            if (!in.consume('{') || in.consume('}'))
                return std::nullopt; // not an object, or no metric
            do {
                QByteArrayView metric;
                if (!in.string(&metric, &ascii) || !ascii || metric.isEmpty()
                    || metric.size() > fields::maxMetricNameChars || values.size() >= fields::maxMetricsPerSample
                    || !in.consume(':') || !in.number(&number, &token))
                    return std::nullopt;
                for (const auto& [other, value] : values) {
                    if (other == metric)
                        return std::nullopt;
                }
                values.append({ metric, number });
            } while (in.consume(','));
            if (!in.consume('}'))
                return std::nullopt;
            break;
        default:
            return std::nullopt;
        }
    } while (in.consume(','));
    constexpr unsigned required = Ts | Seq | Lon | Lat | Values;
    if (!in.consume('}') || !in.atEnd() || (seen & required) != required)
        return std::nullopt;

    // As QJsonObject keeps them: sorted by name (ASCII here, so byte order is UTF-16 order).
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    sample.values.reserve(std::size_t(values.size()));
    for (const auto& [name, value] : values) {
        const QLatin1String latin1(name.data(), name.size());
        const QString* shared = knownMetricName(latin1);
        QString metric = shared ? *shared : QString(latin1);
        if (const fields::MetricRange* range = fields::findMetric(metric)) {
            if (fields::rangeError(value, range->low, range->high))
                return std::nullopt;
        }
        sample.values.emplace_back(std::move(metric), value);
    }
    sample.sensorId = route.id;
    sample.domain = sharedDomainName(route.domain);
    sample.district = route.district;
    return sample;
}

Rejection jsonParseRejection(QByteArrayView json, const QJsonParseError& error)
{
    if (error.error == QJsonParseError::IllegalNumber)
        return classifyIllegalNumber(json, error.offset);
    return { RejectReason::MalformedJson,
        QStringLiteral("payload: %1 at offset %2").arg(error.errorString()).arg(error.offset) };
}

FeedDecoder::FeedDecoder(TopicScheme scheme)
    : FeedDecoder(std::move(scheme), Limits())
{ }

FeedDecoder::FeedDecoder(TopicScheme scheme, Limits limits)
    : m_scheme(std::move(scheme))
    , m_limits(limits)
{
    NgsiDecoder::Limits ngsiLimits;
    ngsiLimits.maxFutureMs = limits.maxFutureMs;
    ngsiLimits.maxPastMs = limits.maxPastMs;
    m_ngsi = std::make_shared<const NgsiDecoder>(ngsiLimits);

    CapDecoder::Limits capLimits;
    capLimits.maxDepth = limits.maxXmlDepth;
    capLimits.maxFutureMs = limits.maxFutureMs;
    capLimits.maxPastMs = limits.maxPastMs;
    m_cap = std::make_shared<const CapDecoder>(capLimits);

    GisDecoder::Limits gisLimits;
    gisLimits.maxPayloadBytes = limits.maxGisPayloadBytes;
    gisLimits.maxDepth = limits.maxDepth;
    m_gis = std::make_shared<const GisDecoder>(gisLimits);
}

FeedDecoder::Result FeedDecoder::decode(const QString& topic, const QByteArray& payload, qint64 nowMs) const
{
    // Routing a topic is cheap, and the GIS feed has a limit of its own.
    TopicScheme::Route route = m_scheme.route(topic);
    const qsizetype maxBytes
        = route.feed == TopicScheme::Feed::Gis ? m_limits.maxGisPayloadBytes : m_limits.maxPayloadBytes;
    if (payload.size() > maxBytes) {
        return Rejection { RejectReason::Oversize,
            QStringLiteral("payload: %1 bytes, at most %2 allowed").arg(payload.size()).arg(maxBytes) };
    }

    if (route.feed == TopicScheme::Feed::Unknown)
        return Rejection { RejectReason::UnknownTopic, QStringLiteral("topic: not in the contract") };
    if (route.feed == TopicScheme::Feed::Gis && GisDecoder::isConsoleLayer(route.id)) {
        return Rejection { RejectReason::UnknownTopic,
            QStringLiteral("topic: layer \"%1\" is drawn by the consoles themselves").arg(route.id) };
    }
    if (route.feed == TopicScheme::Feed::Telemetry && !isSixDigits(route.district)) {
        return Rejection { RejectReason::UnknownTopic,
            QStringLiteral("topic: district \"%1\" is not a six-digit adcode").arg(route.district) };
    }

    if (payload.isEmpty()) {
        if (route.feed == TopicScheme::Feed::Annotation) { // the leader took it back
            Annotation removed;
            removed.id = std::move(route.id);
            removed.removed = true;
            return removed;
        }
        if (route.feed == TopicScheme::Feed::Gis) { // the retained layer was taken back
            GisMessage cleared;
            cleared.update.layerId = std::move(route.id);
            cleared.update.kind = GisUpdate::Kind::Clear;
            cleared.update.receivedMs = nowMs;
            return cleared;
        }
        return Ignored { QStringLiteral("empty payload (retained message cleared)") };
    }

    const QByteArrayView bytes(payload);
    if (!bytes.isValidUtf8())
        return Rejection { RejectReason::NotUtf8, QStringLiteral("payload: not valid UTF-8") };

    if (route.feed == TopicScheme::Feed::Cap)
        return widen(m_cap->decode(payload, route.id, nowMs));

    if (route.feed == TopicScheme::Feed::Telemetry && m_limits.telemetryFastPath) {
        if (std::optional<TelemetrySample> sample = decodePlainTelemetry(bytes, route, m_limits, nowMs))
            return std::move(*sample);
    }

    if (nestsDeeperThan(bytes, m_limits.maxDepth)) {
        return Rejection { RejectReason::TooDeep,
            QStringLiteral("payload: nested more than %1 levels deep").arg(m_limits.maxDepth) };
    }

    if (route.feed == TopicScheme::Feed::Gis)
        return widen(m_gis->decode(payload, route.id, nowMs));

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError)
        return jsonParseRejection(bytes, error);
    if (!document.isObject())
        return Rejection { RejectReason::MalformedJson, QStringLiteral("payload: top level is not an object") };

    const QJsonObject object = document.object();
    FieldReader reader(object, m_limits, nowMs);
    switch (route.feed) {
    case TopicScheme::Feed::Telemetry:
        return decodeTelemetry(reader, route);
    case TopicScheme::Feed::Indicator:
        return decodeIndicator(reader, route);
    case TopicScheme::Feed::IncidentEvent:
        return decodeIncidentEvent(reader, route);
    case TopicScheme::Feed::Status:
        return decodeStatus(reader, route);
    case TopicScheme::Feed::Ngsi:
        return widen(m_ngsi->decode(object, route.domain, route.id, nowMs));
    case TopicScheme::Feed::Annotation:
        return decodeAnnotation(reader, route, nowMs, m_limits.maxFutureMs);
    case TopicScheme::Feed::IncidentAction:
        return decodeIncidentAction(reader, route);
    case TopicScheme::Feed::WallControl:
        return decodeWallControl(reader, route);
    case TopicScheme::Feed::Cap:
    case TopicScheme::Feed::Gis:
    case TopicScheme::Feed::Unknown:
        break;
    }
    return Rejection { RejectReason::UnknownTopic, QStringLiteral("topic: not in the contract") };
}

} // namespace citybrain
