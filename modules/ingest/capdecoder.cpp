#include "capdecoder.h"

#include "jsonfields.h"

#include "districtlayer.h"
#include "topicscheme.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QPointF>
#include <QStringList>
#include <QStringView>
#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace citybrain {

namespace {

constexpr QLatin1String kCapNamespace("urn:oasis:names:tc:emergency:cap:1.2");
constexpr int kMaxTitle = 200;
constexpr int kMaxDescription = 4000;
constexpr int kMaxSource = 128;
constexpr int kMaxIdLength = 64;

using LonLat = std::pair<double, double>;

// ---- CAP date-time ----

// CAP 1.2 date-time (2003-06-17T14:57:00-07:00, UTC as -00:00) is RFC 3339 with a mandatory zone;
// "Z" and fractional seconds are accepted too, as RFC 3339 allows them.
bool parseCapDateTime(QStringView s, qint64* msOut)
{
    return fields::parseRfc3339(s, msOut, fields::MissingZone::Reject);
}

// ---- CAP 1.2 value lists ----

bool isOneOf(const QString& value, std::initializer_list<QLatin1String> list)
{
    for (const QLatin1String& item : list) {
        if (value == item)
            return true;
    }
    return false;
}

bool isCapStatus(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Actual"), QLatin1String("Exercise"), QLatin1String("System"), QLatin1String("Test"),
            QLatin1String("Draft") });
}

bool isCapMsgType(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Alert"), QLatin1String("Update"), QLatin1String("Cancel"), QLatin1String("Ack"),
            QLatin1String("Error") });
}

bool isCapScope(const QString& v)
{
    return isOneOf(v, { QLatin1String("Public"), QLatin1String("Restricted"), QLatin1String("Private") });
}

bool isCapCategory(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Geo"), QLatin1String("Met"), QLatin1String("Safety"), QLatin1String("Security"),
            QLatin1String("Rescue"), QLatin1String("Fire"), QLatin1String("Health"), QLatin1String("Env"),
            QLatin1String("Transport"), QLatin1String("Infra"), QLatin1String("CBRNE"), QLatin1String("Other") });
}

bool isCapUrgency(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Immediate"), QLatin1String("Expected"), QLatin1String("Future"), QLatin1String("Past"),
            QLatin1String("Unknown") });
}

bool isCapSeverity(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Extreme"), QLatin1String("Severe"), QLatin1String("Moderate"), QLatin1String("Minor"),
            QLatin1String("Unknown") });
}

bool isCapCertainty(const QString& v)
{
    return isOneOf(v,
        { QLatin1String("Observed"), QLatin1String("Likely"), QLatin1String("Possible"), QLatin1String("Unlikely"),
            QLatin1String("Unknown") });
}

// ---- coordinates ----

enum class NumberCheck { Ok, NotANumber, NonFinite };

NumberCheck parseNumber(QStringView s, double* out)
{
    static const QLocale c = [] {
        QLocale locale = QLocale::c();
        locale.setNumberOptions(QLocale::RejectGroupSeparator);
        return locale;
    }();
    bool ok = false;
    const double value = c.toDouble(s, &ok);
    if (ok && std::isfinite(value)) {
        *out = value;
        return NumberCheck::Ok;
    }
    if ((ok && !std::isfinite(value)) || std::isinf(value) || s.contains(u"nan", Qt::CaseInsensitive)
        || s.contains(u"inf", Qt::CaseInsensitive))
        return NumberCheck::NonFinite;
    return NumberCheck::NotANumber;
}

QString quoted(QStringView s)
{
    constexpr int kShown = 40;
    return QLatin1Char('"') + (s.size() > kShown ? s.left(kShown).toString() + QStringLiteral("...") : s.toString())
        + QLatin1Char('"');
}

// "lat,lon" (latitude first) -> (lon, lat).
std::optional<Rejection> parseLatLon(QStringView token, const QString& path, LonLat* out)
{
    const qsizetype comma = token.indexOf(u',');
    if (comma < 0 || token.indexOf(u',', comma + 1) >= 0)
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": %1 is not a \"lat,lon\" pair").arg(quoted(token)) };
    double lat = 0;
    double lon = 0;
    const NumberCheck latCheck = parseNumber(token.left(comma), &lat);
    const NumberCheck lonCheck = parseNumber(token.mid(comma + 1), &lon);
    if (latCheck == NumberCheck::NonFinite || lonCheck == NumberCheck::NonFinite)
        return Rejection { RejectReason::NonFinite, path + QStringLiteral(": %1 is not finite").arg(quoted(token)) };
    if (latCheck != NumberCheck::Ok || lonCheck != NumberCheck::Ok)
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": %1 is not a \"lat,lon\" pair").arg(quoted(token)) };
    if (lat < -90 || lat > 90)
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": latitude %1 outside [-90, 90]").arg(lat) };
    if (lon < -180 || lon > 180)
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": longitude %1 outside [-180, 180]").arg(lon) };
    *out = { lon, lat };
    return std::nullopt;
}

bool isXmlSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// Calls f(token) for each whitespace-separated token until f returns false. Returns false if stopped.
template <typename F> bool forEachToken(QStringView text, F f)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (true) {
        while (i < n && isXmlSpace(text[i]))
            ++i;
        if (i >= n)
            return true;
        const qsizetype start = i;
        while (i < n && !isXmlSpace(text[i]))
            ++i;
        if (!f(text.mid(start, i - start)))
            return false;
    }
}

std::optional<Rejection> parsePolygon(QStringView text, int maxVertices, const QString& path, std::vector<LonLat>* ring)
{
    std::optional<Rejection> error;
    forEachToken(text, [&](QStringView token) {
        if (ring->size() >= size_t(qMax(0, maxVertices))) {
            error = Rejection { RejectReason::OutOfRange,
                path + QStringLiteral(": more than %1 points").arg(maxVertices) };
            return false;
        }
        LonLat point;
        error = parseLatLon(token, path, &point);
        if (error)
            return false;
        ring->push_back(point);
        return true;
    });
    if (error)
        return error;
    if (ring->size() < 4) {
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": %1 points, a polygon needs at least 4").arg(ring->size()) };
    }
    if (ring->front() != ring->back())
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": polygon not closed (first point != last)") };
    return std::nullopt;
}

std::optional<Rejection> parseCircle(QStringView text, const QString& path, std::pair<LonLat, double>* circle)
{
    QVarLengthArray<QStringView, 3> tokens;
    forEachToken(text, [&](QStringView token) {
        tokens.append(token);
        return tokens.size() <= 2;
    });
    if (tokens.size() != 2) {
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": %1 is not \"lat,lon radius\"").arg(quoted(text.trimmed())) };
    }
    if (auto error = parseLatLon(tokens[0], path, &circle->first))
        return error;
    double radius = 0;
    switch (parseNumber(tokens[1], &radius)) {
    case NumberCheck::Ok:
        break;
    case NumberCheck::NonFinite:
        return Rejection { RejectReason::NonFinite, path + QStringLiteral(": radius is not finite") };
    case NumberCheck::NotANumber:
        return Rejection { RejectReason::OutOfRange,
            path + QStringLiteral(": radius %1 is not a number").arg(quoted(tokens[1])) };
    }
    if (radius < 0)
        return Rejection { RejectReason::OutOfRange, path + QStringLiteral(": negative radius") };
    circle->second = radius;
    return std::nullopt;
}

// Area-weighted centroid of a closed ring in the lon/lat plane (relative to its first point for
// precision); the mean of its distinct vertices when the area is about zero, or when the centroid falls
// outside the ring's bounding box: a self-intersecting ring (a bow-tie) has lobes of opposite sign whose
// areas nearly cancel, and the "centroid" then lies anywhere, even beyond +-180 degrees. Orientation does
// not matter: clockwise and counter-clockwise rings give the same point.
LonLat centroid(const std::vector<LonLat>& ring)
{
    const size_t n = ring.size() - 1; // the last point repeats the first
    const double x0 = ring[0].first;
    const double y0 = ring[0].second;
    double twiceArea = 0;
    double cx = 0;
    double cy = 0;
    for (size_t i = 0; i < n; ++i) {
        const double xa = ring[i].first - x0;
        const double ya = ring[i].second - y0;
        const double xb = ring[i + 1].first - x0;
        const double yb = ring[i + 1].second - y0;
        const double cross = xa * yb - xb * ya;
        twiceArea += cross;
        cx += (xa + xb) * cross;
        cy += (ya + yb) * cross;
    }
    if (std::abs(twiceArea) > 1e-12) {
        const LonLat c { x0 + cx / (3 * twiceArea), y0 + cy / (3 * twiceArea) };
        const auto [west, east] = std::minmax_element(
            ring.begin(), ring.end(), [](const LonLat& a, const LonLat& b) { return a.first < b.first; });
        const auto [south, north] = std::minmax_element(
            ring.begin(), ring.end(), [](const LonLat& a, const LonLat& b) { return a.second < b.second; });
        if (c.first >= west->first && c.first <= east->first && c.second >= south->second && c.second <= north->second)
            return c;
    }
    double sx = 0;
    double sy = 0;
    for (size_t i = 0; i < n; ++i) {
        sx += ring[i].first;
        sy += ring[i].second;
    }
    return { sx / double(n), sy / double(n) };
}

// ---- mapping ----

QString truncated(const QString& s, qsizetype max)
{
    if (s.size() <= max)
        return s;
    qsizetype n = max;
    if (n > 0 && s.at(n - 1).isHighSurrogate())
        --n;
    return s.left(n);
}

bool isBlank(const QString& s)
{
    for (const QChar c : s) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

bool mentionsHeavyWater(const QString& event)
{
    static const char16_t* const words[]
        = { u"rain", u"flood", u"waterlog", u"暴雨", u"豪雨", u"淹水", u"积水", u"積水", u"内涝", u"內澇" };
    for (const char16_t* word : words) {
        if (event.contains(QStringView(word), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString kindFor(const QString& category, const QString& event)
{
    if (category == QLatin1String("Fire"))
        return QStringLiteral("fire");
    if (category == QLatin1String("Env"))
        return QStringLiteral("pollution");
    if (category == QLatin1String("Met"))
        return mentionsHeavyWater(event) ? QStringLiteral("waterlogging") : QStringLiteral("weather");
    if (category == QLatin1String("Geo"))
        return QStringLiteral("geological");
    if (category == QLatin1String("Safety") || category == QLatin1String("Security"))
        return QStringLiteral("public_safety");
    if (category == QLatin1String("Rescue"))
        return QStringLiteral("rescue");
    if (category == QLatin1String("Health"))
        return QStringLiteral("public_health");
    if (category == QLatin1String("Transport"))
        return QStringLiteral("traffic");
    if (category == QLatin1String("Infra"))
        return QStringLiteral("infrastructure");
    if (category == QLatin1String("CBRNE"))
        return QStringLiteral("hazmat");
    return QStringLiteral("other");
}

Severity severityFor(const QString& capSeverity)
{
    if (capSeverity == QLatin1String("Extreme"))
        return Severity::Critical;
    if (capSeverity == QLatin1String("Severe"))
        return Severity::Major;
    if (capSeverity == QLatin1String("Moderate"))
        return Severity::Moderate;
    return Severity::Minor;
}

bool isAdminCodeName(const QString& valueName)
{
    QString key = valueName.toLower();
    key.remove(u' ');
    return key == QLatin1String("adcode") || key == QLatin1String("gb/t2260") || key == QLatin1String("gbt2260")
        || key == QLatin1String("gb2260") || key == QStringLiteral("行政区划代码")
        || key == QStringLiteral("行政區劃代碼");
}

// The Xianyang district named by an administrative code of 6, 9 or 12 digits, or nullptr.
const District* xianyangDistrictOf(const QString& code)
{
    if (code.size() != 6 && code.size() != 9 && code.size() != 12)
        return nullptr;
    for (const QChar c : code) {
        if (c < u'0' || c > u'9')
            return nullptr;
    }
    return DistrictLayer::xianyang().find(code.left(6));
}

// ---- the parsed document ----

enum class Element { Alert, Info, Area, Geocode, Leaf, Other };

enum class Field {
    None,
    Identifier,
    Sender,
    Sent,
    Status,
    MsgType,
    Scope,
    Note,
    References,
    Language,
    Category,
    Event,
    Urgency,
    Severity,
    Certainty,
    Headline,
    Description,
    AreaDesc,
    Polygon,
    Circle,
    GeocodeName,
    GeocodeValue
};

struct InfoBlock
{
    std::optional<QString> language;
    QStringList categories;
    std::optional<QString> event;
    std::optional<QString> urgency;
    std::optional<QString> severity;
    std::optional<QString> certainty;
    std::optional<QString> headline;
    std::optional<QString> description;
    int areaCount = 0;
    QStringList areaDescs;
    std::vector<std::vector<LonLat>> polygons;
    std::vector<std::pair<LonLat, double>> circles;
    std::vector<std::pair<QString, QString>> geocodes;

    [[nodiscard]] QString effectiveLanguage() const
    {
        return language && !language->isEmpty() ? *language : QStringLiteral("en-US");
    }
};

struct ParsedAlert
{
    std::optional<QString> identifier;
    std::optional<QString> sender;
    std::optional<QString> sent;
    std::optional<QString> status;
    std::optional<QString> msgType;
    std::optional<QString> scope;
    std::optional<QString> note;
    std::optional<QString> references;
    std::vector<InfoBlock> infos;
    std::optional<Rejection> pending; // the first error inside <info>, reported after the alert-level checks
};

Field alertField(QStringView name)
{
    if (name == u"identifier")
        return Field::Identifier;
    if (name == u"sender")
        return Field::Sender;
    if (name == u"sent")
        return Field::Sent;
    if (name == u"status")
        return Field::Status;
    if (name == u"msgType")
        return Field::MsgType;
    if (name == u"scope")
        return Field::Scope;
    if (name == u"note")
        return Field::Note;
    if (name == u"references")
        return Field::References;
    return Field::None;
}

Field infoField(QStringView name)
{
    if (name == u"language")
        return Field::Language;
    if (name == u"category")
        return Field::Category;
    if (name == u"event")
        return Field::Event;
    if (name == u"urgency")
        return Field::Urgency;
    if (name == u"severity")
        return Field::Severity;
    if (name == u"certainty")
        return Field::Certainty;
    if (name == u"headline")
        return Field::Headline;
    if (name == u"description")
        return Field::Description;
    return Field::None;
}

Field areaField(QStringView name)
{
    if (name == u"areaDesc")
        return Field::AreaDesc;
    if (name == u"polygon")
        return Field::Polygon;
    if (name == u"circle")
        return Field::Circle;
    return Field::None;
}

Field geocodeField(QStringView name)
{
    if (name == u"valueName")
        return Field::GeocodeName;
    if (name == u"value")
        return Field::GeocodeValue;
    return Field::None;
}

void setOnce(std::optional<QString>* slot, const QString& value)
{
    if (!*slot)
        *slot = value;
}

class Scanner
{
public:
    Scanner(const CapDecoder::Limits& limits, ParsedAlert* out)
        : m_limits(limits)
        , m_alert(out)
    { }

    // Reads the whole document. A rejection here is malformed_xml or a count limit.
    std::optional<Rejection> run(const QByteArray& payload)
    {
        QXmlStreamReader xml(payload);
        while (!xml.atEnd()) {
            switch (xml.readNext()) {
            case QXmlStreamReader::StartDocument:
                // The contract's payloads are UTF-8; a declared legacy encoding would have the reader decode
                // the UTF-8 bytes as something else, and the operator read mojibake.
                if (!xml.documentEncoding().isEmpty()
                    && xml.documentEncoding().compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) != 0) {
                    return malformed(QStringLiteral("encoding \"%1\" declared: the payload must be UTF-8")
                                         .arg(xml.documentEncoding().left(40)));
                }
                break;
            case QXmlStreamReader::DTD:
                return malformed(QStringLiteral("a document type declaration (DTD) is not accepted"));
            case QXmlStreamReader::EntityReference:
                return malformed(QStringLiteral("entity reference &%1; is not accepted").arg(xml.name()));
            case QXmlStreamReader::StartElement:
                if (auto error = startElement(xml))
                    return error;
                break;
            case QXmlStreamReader::Characters:
                if (m_leaf != Field::None && m_stack.size() == m_leafDepth)
                    m_text += xml.text();
                break;
            case QXmlStreamReader::EndElement:
                endElement();
                break;
            default:
                break;
            }
        }
        if (xml.hasError()) {
            return malformed(QStringLiteral("line %1, column %2: %3")
                                 .arg(xml.lineNumber())
                                 .arg(xml.columnNumber())
                                 .arg(xml.errorString()));
        }
        return std::nullopt;
    }

private:
    static Rejection malformed(const QString& detail) { return Rejection { RejectReason::MalformedXml, detail }; }

    std::optional<Rejection> startElement(const QXmlStreamReader& xml)
    {
        const qsizetype depth = m_stack.size() + 1;
        if (depth > m_limits.maxDepth)
            return malformed(QStringLiteral("elements nested deeper than %1 levels").arg(m_limits.maxDepth));
        const QStringView name = xml.name();
        const bool inCap = xml.namespaceUri() == kCapNamespace;
        if (m_stack.isEmpty()) {
            if (name != u"alert" || !inCap) {
                return malformed(
                    QStringLiteral("root element is {%1}%2, not a CAP 1.2 <alert>").arg(xml.namespaceUri(), name));
            }
            m_stack.append(Element::Alert);
            return std::nullopt;
        }
        Element kind = Element::Other;
        Field field = Field::None;
        if (inCap) {
            switch (m_stack.last()) {
            case Element::Alert:
                if (name == u"info")
                    kind = Element::Info;
                else
                    field = alertField(name);
                break;
            case Element::Info:
                if (name == u"area")
                    kind = Element::Area;
                else
                    field = infoField(name);
                break;
            case Element::Area:
                if (name == u"geocode")
                    kind = Element::Geocode;
                else
                    field = areaField(name);
                break;
            case Element::Geocode:
                field = geocodeField(name);
                break;
            case Element::Leaf:
            case Element::Other:
                break;
            }
        }
        if (kind == Element::Info) {
            if (m_alert->infos.size() >= size_t(qMax(0, m_limits.maxInfoBlocks))) {
                return Rejection { RejectReason::OutOfRange,
                    QStringLiteral("info: more than %1 blocks").arg(m_limits.maxInfoBlocks) };
            }
            m_alert->infos.emplace_back();
        } else if (kind == Element::Area) {
            if (++m_areas > m_limits.maxAreas) {
                return Rejection { RejectReason::OutOfRange,
                    QStringLiteral("area: more than %1 in the alert").arg(m_limits.maxAreas) };
            }
            ++m_alert->infos.back().areaCount;
        } else if (kind == Element::Geocode) {
            m_geocodeName.reset();
            m_geocodeValue.reset();
        } else if (field != Field::None) {
            kind = Element::Leaf;
            m_leaf = field;
            m_leafDepth = depth;
            m_text.clear();
        }
        m_stack.append(kind);
        return std::nullopt;
    }

    void endElement()
    {
        if (m_stack.isEmpty())
            return;
        const Element kind = m_stack.last();
        if (kind == Element::Leaf && m_leaf != Field::None && m_stack.size() == m_leafDepth) {
            commitLeaf(m_leaf, m_text);
            m_leaf = Field::None;
            m_text.clear();
        } else if (kind == Element::Geocode) {
            m_alert->infos.back().geocodes.emplace_back(
                m_geocodeName.value_or(QString()), m_geocodeValue.value_or(QString()));
        }
        m_stack.removeLast();
    }

    QString infoPath() const { return QStringLiteral("info[%1]").arg(m_alert->infos.size() - 1); }
    QString areaPath() const
    {
        return infoPath() + QStringLiteral(".area[%1]").arg(m_alert->infos.back().areaCount - 1);
    }

    void checkEnum(const QString& value, bool valid, const char* field, const char* what)
    {
        if (!valid && !m_alert->pending) {
            m_alert->pending = Rejection { RejectReason::OutOfRange,
                infoPath() + QLatin1Char('.') + QLatin1String(field)
                    + QStringLiteral(": %1 is not a CAP %2").arg(quoted(value), QLatin1String(what)) };
        }
    }

    void commitLeaf(Field field, const QString& text)
    {
        ParsedAlert& a = *m_alert;
        switch (field) {
        case Field::None:
            break;
        case Field::Identifier:
            setOnce(&a.identifier, text.trimmed());
            break;
        case Field::Sender:
            setOnce(&a.sender, text.trimmed());
            break;
        case Field::Sent:
            setOnce(&a.sent, text.trimmed());
            break;
        case Field::Status:
            setOnce(&a.status, text.trimmed());
            break;
        case Field::MsgType:
            setOnce(&a.msgType, text.trimmed());
            break;
        case Field::Scope:
            setOnce(&a.scope, text.trimmed());
            break;
        case Field::Note:
            setOnce(&a.note, text);
            break;
        case Field::References:
            setOnce(&a.references, text.trimmed());
            break;
        case Field::Language:
            setOnce(&a.infos.back().language, text.trimmed());
            break;
        case Field::Category: {
            const QString value = text.trimmed();
            checkEnum(value, isCapCategory(value), "category", "category");
            a.infos.back().categories.append(value);
            break;
        }
        case Field::Event:
            setOnce(&a.infos.back().event, text);
            break;
        case Field::Urgency: {
            const QString value = text.trimmed();
            checkEnum(value, isCapUrgency(value), "urgency", "urgency");
            setOnce(&a.infos.back().urgency, value);
            break;
        }
        case Field::Severity: {
            const QString value = text.trimmed();
            checkEnum(value, isCapSeverity(value), "severity", "severity");
            setOnce(&a.infos.back().severity, value);
            break;
        }
        case Field::Certainty: {
            const QString value = text.trimmed();
            checkEnum(value, isCapCertainty(value), "certainty", "certainty");
            setOnce(&a.infos.back().certainty, value);
            break;
        }
        case Field::Headline:
            setOnce(&a.infos.back().headline, text);
            break;
        case Field::Description:
            setOnce(&a.infos.back().description, text);
            break;
        case Field::AreaDesc:
            a.infos.back().areaDescs.append(text);
            break;
        case Field::Polygon: {
            if (a.pending)
                break; // already rejected: no need to read more coordinates
            std::vector<LonLat> ring;
            a.pending
                = parsePolygon(text, m_limits.maxVerticesPerPolygon, areaPath() + QStringLiteral(".polygon"), &ring);
            if (!a.pending)
                a.infos.back().polygons.push_back(std::move(ring));
            break;
        }
        case Field::Circle: {
            if (a.pending)
                break;
            std::pair<LonLat, double> circle;
            a.pending = parseCircle(text, areaPath() + QStringLiteral(".circle"), &circle);
            if (!a.pending)
                a.infos.back().circles.push_back(circle);
            break;
        }
        case Field::GeocodeName:
            setOnce(&m_geocodeName, text.trimmed());
            break;
        case Field::GeocodeValue:
            setOnce(&m_geocodeValue, text.trimmed());
            break;
        }
    }

    const CapDecoder::Limits& m_limits;
    ParsedAlert* m_alert;
    QVarLengthArray<Element, 16> m_stack;
    Field m_leaf = Field::None;
    qsizetype m_leafDepth = 0;
    QString m_text;
    int m_areas = 0;
    std::optional<QString> m_geocodeName;
    std::optional<QString> m_geocodeValue;
};

// Index of the <info> to use: zh-CN, then zh / zh-*, then en / en-*, then the first.
size_t chooseInfo(const std::vector<InfoBlock>& infos)
{
    const auto find = [&](auto predicate) -> std::optional<size_t> {
        for (size_t i = 0; i < infos.size(); ++i) {
            if (predicate(infos[i].effectiveLanguage()))
                return i;
        }
        return std::nullopt;
    };
    const auto isPrimary = [](const QString& language, QLatin1String primary) {
        return language.compare(primary, Qt::CaseInsensitive) == 0
            || (language.size() > primary.size() && language.startsWith(primary, Qt::CaseInsensitive)
                && language.at(primary.size()) == u'-');
    };
    if (const auto i
        = find([](const QString& l) { return l.compare(QLatin1String("zh-CN"), Qt::CaseInsensitive) == 0; }))
        return *i;
    if (const auto i = find([&](const QString& l) { return isPrimary(l, QLatin1String("zh")); }))
        return *i;
    if (const auto i = find([&](const QString& l) { return isPrimary(l, QLatin1String("en")); }))
        return *i;
    return 0;
}

struct Reference
{
    QString sender;
    QString identifier;
    QString sent;
};

// Parses "sender,identifier,sent" triples separated by whitespace; the oldest one goes to *oldest.
std::optional<Rejection> oldestReference(const QString& references, Reference* oldest)
{
    std::optional<Rejection> error;
    std::optional<Reference> first;
    std::optional<std::pair<qint64, Reference>> earliest;
    forEachToken(references, [&](QStringView token) {
        const QList<QStringView> parts = token.split(u',');
        if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            error = Rejection { RejectReason::OutOfRange,
                QStringLiteral("references: %1 is not a \"sender,identifier,sent\" triple").arg(quoted(token)) };
            return false;
        }
        Reference reference { parts[0].toString(), parts[1].toString(), parts[2].toString() };
        qint64 ms = 0;
        if (parseCapDateTime(parts[2], &ms) && (!earliest || ms < earliest->first))
            earliest = std::make_pair(ms, reference);
        if (!first)
            first = std::move(reference);
        return true;
    });
    if (error)
        return error;
    if (!first)
        return Rejection { RejectReason::MissingField, QStringLiteral("references: empty") };
    *oldest = earliest ? earliest->second : *first;
    return std::nullopt;
}

} // namespace

CapDecoder::CapDecoder()
    : m_limits()
{ }

CapDecoder::CapDecoder(Limits limits)
    : m_limits(limits)
{ }

QString CapDecoder::incidentIdFor(const QString& capIdentifier)
{
    QString id = QStringLiteral("CAP-");
    id.reserve(4 + capIdentifier.size());
    for (const QChar c : capIdentifier) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        id.append(ok ? c : QChar(u'_'));
    }
    if (id.size() <= kMaxIdLength)
        return id;
    const QByteArray hash = QCryptographicHash::hash(capIdentifier.toUtf8(), QCryptographicHash::Sha256).toHex();
    constexpr int kHashDigits = 16;
    return id.left(kMaxIdLength - kHashDigits - 1) + QLatin1Char('-') + QString::fromLatin1(hash.left(kHashDigits));
}

CapDecoder::Result CapDecoder::decode(const QByteArray& payload, const QString& topicSender, qint64 nowMs) const
{
    ParsedAlert alert;
    {
        Scanner scanner(m_limits, &alert);
        if (auto error = scanner.run(payload))
            return *error;
    }

    // Required alert fields, in the order of the CAP schema.
    const std::pair<const std::optional<QString>*, const char*> required[]
        = { { &alert.identifier, "identifier" }, { &alert.sender, "sender" }, { &alert.sent, "sent" },
              { &alert.status, "status" }, { &alert.msgType, "msgType" }, { &alert.scope, "scope" } };
    for (const auto& [value, name] : required) {
        if (!*value || (*value)->isEmpty()) {
            return Rejection { RejectReason::MissingField,
                QLatin1String(name) + (*value ? QStringLiteral(": empty") : QStringLiteral(": required")) };
        }
    }
    const QString& sender = *alert.sender;
    if (sender != topicSender) {
        return Rejection { RejectReason::TopicMismatch,
            QStringLiteral("sender: %1 differs from the topic's sender %2").arg(quoted(sender), quoted(topicSender)) };
    }
    if (!isCapStatus(*alert.status))
        return Rejection { RejectReason::OutOfRange,
            QStringLiteral("status: %1 is not a CAP status").arg(quoted(*alert.status)) };
    if (!isCapMsgType(*alert.msgType))
        return Rejection { RejectReason::OutOfRange,
            QStringLiteral("msgType: %1 is not a CAP msgType").arg(quoted(*alert.msgType)) };
    if (!isCapScope(*alert.scope))
        return Rejection { RejectReason::OutOfRange,
            QStringLiteral("scope: %1 is not a CAP scope").arg(quoted(*alert.scope)) };

    qint64 sentMs = 0;
    if (!parseCapDateTime(*alert.sent, &sentMs)) {
        return Rejection { RejectReason::BadTimestamp,
            QStringLiteral("sent: %1 is not a CAP date-time with a zone").arg(quoted(*alert.sent)) };
    }
    qint64 earliest = 0;
    qint64 latest = 0;
    if (qSubOverflow(nowMs, m_limits.maxPastMs, &earliest))
        earliest = std::numeric_limits<qint64>::min();
    if (qAddOverflow(nowMs, m_limits.maxFutureMs, &latest))
        latest = std::numeric_limits<qint64>::max();
    if (sentMs > latest) {
        return Rejection { RejectReason::BadTimestamp,
            QStringLiteral("sent: %1 ms in the future (at most %2 allowed)")
                .arg(sentMs - nowMs)
                .arg(m_limits.maxFutureMs) };
    }
    if (sentMs < earliest) {
        return Rejection {
            RejectReason::BadTimestamp,
            QStringLiteral("sent: %1 ms in the past (at most %2 allowed)").arg(nowMs - sentMs).arg(m_limits.maxPastMs)
        };
    }

    const QString& msgType = *alert.msgType;
    if (msgType == QLatin1String("Ack") || msgType == QLatin1String("Error"))
        return Ignored {
            QStringLiteral("CAP %1 message: acknowledges or reports an error, no incident change").arg(msgType)
        };
    if (*alert.status != QLatin1String("Actual"))
        return Ignored { QStringLiteral("CAP status %1: not an actual alert, not acted on").arg(*alert.status) };

    QString target = *alert.identifier;
    if (msgType != QLatin1String("Alert")) {
        if (!alert.references || alert.references->isEmpty())
            return Rejection { RejectReason::MissingField, QStringLiteral("references: required for %1").arg(msgType) };
        Reference oldest;
        if (auto error = oldestReference(*alert.references, &oldest))
            return *error;
        target = oldest.identifier;
    }
    if (alert.pending)
        return *alert.pending;

    IncidentEvent event;
    event.id = incidentIdFor(target);
    event.source = truncated(QStringLiteral("cap:") + sender, kMaxSource);
    event.seq = 0;
    event.tsMs = sentMs;
    event.status = msgType == QLatin1String("Alert")
        ? QStringLiteral("new")
        : (msgType == QLatin1String("Update") ? QStringLiteral("update") : QStringLiteral("closed"));

    CapAlert cap;
    cap.identifier = *alert.identifier;
    cap.sender = sender;
    cap.sent = *alert.sent;
    cap.msgType = msgType;
    cap.scope = *alert.scope;

    if (alert.infos.empty()) {
        event.kind = QStringLiteral("other");
        event.severity = Severity::Minor;
        if (alert.note && !isBlank(*alert.note)) {
            event.title = truncated(*alert.note, kMaxTitle);
        } else {
            event.title
                = QStringLiteral("CAP %1 %2").arg(msgType.toLower(), truncated(*alert.identifier, kMaxTitle - 11));
        }
        event.cap = std::move(cap);
        return event;
    }

    InfoBlock& info = alert.infos[chooseInfo(alert.infos)];
    cap.event = info.event.value_or(QString());
    cap.headline = info.headline.value_or(QString());
    cap.language = info.effectiveLanguage();
    cap.severity = info.severity.value_or(QString());
    cap.urgency = info.urgency.value_or(QString());
    cap.certainty = info.certainty.value_or(QString());
    cap.areaDesc = info.areaDescs.join(QStringLiteral("; "));
    cap.polygons = std::move(info.polygons);
    cap.circles = std::move(info.circles);
    cap.geocodes = std::move(info.geocodes);

    if (!isBlank(cap.headline))
        event.title = truncated(cap.headline, kMaxTitle);
    else if (!isBlank(cap.event))
        event.title = truncated(cap.event, kMaxTitle);
    else
        event.title = QStringLiteral("CAP %1 %2").arg(msgType.toLower(), truncated(*alert.identifier, kMaxTitle - 11));
    event.description = truncated(info.description.value_or(QString()), kMaxDescription);
    event.kind = kindFor(info.categories.value(0), cap.event);
    event.severity = severityFor(cap.severity);

    const DistrictLayer& layer = DistrictLayer::xianyang();
    bool located = false;
    if (!cap.polygons.empty()) {
        const LonLat c = centroid(cap.polygons.front());
        event.lon = c.first;
        event.lat = c.second;
        located = true;
    } else if (!cap.circles.empty()) {
        event.lon = cap.circles.front().first.first;
        event.lat = cap.circles.front().first.second;
        located = true;
    }
    if (located) {
        if (const District* district = layer.locate(QPointF(event.lon, event.lat)))
            event.district = district->adcode;
    } else {
        for (const auto& [valueName, value] : cap.geocodes) {
            if (!isAdminCodeName(valueName))
                continue;
            if (const District* district = xianyangDistrictOf(value)) {
                event.lon = district->seat.x();
                event.lat = district->seat.y();
                event.district = district->adcode;
                break;
            }
        }
    }
    event.cap = std::move(cap);
    return event;
}

} // namespace citybrain
