#pragma once

#include "feeddecoder.h"
#include "jsonfields.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>

#include <cstddef>

// Typed access to the fields of one JSON payload of our contract, with the contract's field rules
// (FeedDecoder's header lists them): the decoders of every JSON feed and the console-action codec read
// their fields through it, so a field fails the same way whichever of them reads it.
namespace citybrain::fields {

enum class Required { No, Yes };
enum class AllowEmpty { No, Yes };

enum class IntegerCheck { Ok, NotWhole, TooLarge };
// Whether a JSON number is a whole number that fits qint64 (5.0 counts as whole).
[[nodiscard]] IntegerCheck toWholeNumber(const QJsonValue& value, qint64* out);

// Reads typed fields of one payload object; the first failure is kept for takeRejection(), its detail
// "<field>: <why>".
class FieldReader
{
public:
    // Timestamps are checked against [nowMs - limits.maxPastMs, nowMs + limits.maxFutureMs].
    FieldReader(const QJsonObject& object, const FeedDecoder::Limits& limits, qint64 nowMs);
    // Timestamps are parsed but not checked against any window (payloads read back from the journal).
    explicit FieldReader(const QJsonObject& object);

    [[nodiscard]] Rejection takeRejection() { return std::move(m_rejection); }
    [[nodiscard]] const Rejection& rejection() const { return m_rejection; }
    [[nodiscard]] const QJsonObject& object() const { return m_object; }

    // An id the payload names must be the topic's.
    bool matchesTopic(QLatin1String key, const QString& topicValue);
    // `ts`: RFC 3339 with a zone, or integer epoch milliseconds. Retained state (indicators, presence)
    // may be old by nature: a last will is written when the client connects, a slow indicator may not
    // change for weeks. Only live feeds get the past limit (limitPast).
    bool timestamp(qint64* out, bool limitPast = true);
    // `seq`: an integer >= 0.
    bool sequence(qint64* out);
    // A whole number in [low, high]. An absent optional field leaves *out untouched (and *present false).
    bool integer(QLatin1String key, qint64* out, qint64 low, qint64 high, Required required, bool* present = nullptr);
    // A text field. maxChars counts Unicode code points; -1 means no limit.
    bool string(QLatin1String key, QString* out, Required required, AllowEmpty allowEmpty, qsizetype maxChars = -1);
    // A string field that must be one of `names`; an absent optional field leaves *out untouched.
    template <std::size_t N>
    bool oneOf(QLatin1String key, const QLatin1String (&names)[N], QString* out, Required required)
    {
        if (required == Required::No && m_object.value(key).isUndefined())
            return true;
        QString text;
        if (!string(key, &text, Required::Yes, AllowEmpty::Yes))
            return false;
        for (const QLatin1String& name : names) {
            if (text == name) {
                *out = std::move(text);
                return true;
            }
        }
        return fail(RejectReason::OutOfRange, key, QStringLiteral("unknown value \"%1\"").arg(text.left(64)));
    }
    // A finite number. Absent: missing_field, unless `present` is given (then *present = false).
    bool number(QLatin1String key, double* out, bool* present = nullptr);
    bool numberInRange(QLatin1String key, double* out, double low, double high);
    template <typename Field> bool checkRange(const Field& field, double value, double low, double high)
    {
        if (const auto why = rangeError(value, low, high))
            return fail(RejectReason::OutOfRange, field, *why);
        return true;
    }
    bool boolean(QLatin1String key, bool* out);

    // Keeps "<field>: <why>" as the rejection; always returns false.
    template <typename Field> bool fail(RejectReason reason, const Field& field, const QString& why)
    {
        QString detail;
        detail.reserve(field.size() + 2 + why.size());
        detail += field;
        detail += QLatin1String(": ");
        detail += why;
        m_rejection = { reason, std::move(detail) };
        return false;
    }

private:
    const QJsonObject& m_object;
    const bool m_checkWindow;
    const qint64 m_maxPastMs;
    const qint64 m_maxFutureMs;
    const qint64 m_nowMs;
    Rejection m_rejection { RejectReason::MalformedJson, {} };
};

} // namespace citybrain::fields
