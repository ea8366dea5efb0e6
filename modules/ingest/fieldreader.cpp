#include "fieldreader.h"

#include <cmath>
#include <limits>

namespace citybrain::fields {

IntegerCheck toWholeNumber(const QJsonValue& value, qint64* out)
{
    // toInteger() returns its default unless the value is a whole number that fits qint64; two
    // different defaults tell the failure apart from a real value.
    const qint64 a = value.toInteger(0);
    const qint64 b = value.toInteger(1);
    if (a == b) {
        *out = a;
        return IntegerCheck::Ok;
    }
    const double d = value.toDouble();
    return std::trunc(d) == d ? IntegerCheck::TooLarge : IntegerCheck::NotWhole;
}

FieldReader::FieldReader(const QJsonObject& object, const FeedDecoder::Limits& limits, qint64 nowMs)
    : m_object(object)
    , m_checkWindow(true)
    , m_maxPastMs(limits.maxPastMs)
    , m_maxFutureMs(limits.maxFutureMs)
    , m_nowMs(nowMs)
{ }

FieldReader::FieldReader(const QJsonObject& object)
    : m_object(object)
    , m_checkWindow(false)
    , m_maxPastMs(0)
    , m_maxFutureMs(0)
    , m_nowMs(0)
{ }

bool FieldReader::matchesTopic(QLatin1String key, const QString& topicValue)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString())
        return fail(RejectReason::WrongType, key, QStringLiteral("expected a string"));
    const QString text = value.toString();
    if (text != topicValue) {
        return fail(RejectReason::TopicMismatch, key,
            QStringLiteral("\"%1\" differs from the topic's \"%2\"").arg(text.left(64), topicValue));
    }
    return true;
}

bool FieldReader::timestamp(qint64* out, bool limitPast)
{
    const QLatin1String key("ts");
    const QJsonValue value = m_object.value(key);
    qint64 ms = 0;
    if (value.isUndefined())
        return fail(RejectReason::MissingField, key, QStringLiteral("required"));
    if (value.isString()) {
        if (!parseRfc3339(value.toString(), &ms)) {
            return fail(RejectReason::BadTimestamp, key,
                QStringLiteral("not an RFC 3339 date-time with a zone: \"%1\"").arg(value.toString().left(64)));
        }
    } else if (value.isDouble()) {
        if (!std::isfinite(value.toDouble()))
            return fail(RejectReason::NonFinite, key, QStringLiteral("not a finite number"));
        switch (toWholeNumber(value, &ms)) {
        case IntegerCheck::Ok:
            break;
        case IntegerCheck::NotWhole:
            return fail(RejectReason::WrongType, key, QStringLiteral("epoch milliseconds must be an integer"));
        case IntegerCheck::TooLarge:
            return fail(RejectReason::BadTimestamp, key, QStringLiteral("epoch milliseconds out of range"));
        }
    } else {
        return fail(
            RejectReason::WrongType, key, QStringLiteral("expected an RFC 3339 string or integer epoch milliseconds"));
    }
    if (m_checkWindow) {
        if (const auto why = timestampWindowError(ms, m_nowMs, m_maxPastMs, m_maxFutureMs, limitPast))
            return fail(RejectReason::BadTimestamp, key, *why);
    }
    *out = ms;
    return true;
}

bool FieldReader::sequence(qint64* out)
{
    return integer(QLatin1String("seq"), out, 0, std::numeric_limits<qint64>::max(), Required::Yes);
}

bool FieldReader::integer(QLatin1String key, qint64* out, qint64 low, qint64 high, Required required, bool* present)
{
    const QJsonValue value = m_object.value(key);
    if (present)
        *present = false;
    if (value.isUndefined()) {
        if (required == Required::Yes)
            return fail(RejectReason::MissingField, key, QStringLiteral("required"));
        return true;
    }
    if (!value.isDouble())
        return fail(RejectReason::WrongType, key, QStringLiteral("expected an integer"));
    if (!std::isfinite(value.toDouble()))
        return fail(RejectReason::NonFinite, key, QStringLiteral("not a finite number"));
    qint64 n = 0;
    switch (toWholeNumber(value, &n)) {
    case IntegerCheck::Ok:
        break;
    case IntegerCheck::NotWhole:
        return fail(RejectReason::WrongType, key, QStringLiteral("expected an integer"));
    case IntegerCheck::TooLarge:
        return fail(RejectReason::OutOfRange, key, QStringLiteral("too large for a 64-bit integer"));
    }
    if (n < low || n > high)
        return fail(RejectReason::OutOfRange, key, QStringLiteral("%1 is outside [%2, %3]").arg(n).arg(low).arg(high));
    *out = n;
    if (present)
        *present = true;
    return true;
}

bool FieldReader::string(QLatin1String key, QString* out, Required required, AllowEmpty allowEmpty, qsizetype maxChars)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined()) {
        if (required == Required::Yes)
            return fail(RejectReason::MissingField, key, QStringLiteral("required"));
        return true;
    }
    if (!value.isString())
        return fail(RejectReason::WrongType, key, QStringLiteral("expected a string"));
    QString text = value.toString();
    if (!text.isValidUtf16())
        return fail(RejectReason::NotUtf8, key, QStringLiteral("contains an unpaired surrogate"));
    if (allowEmpty == AllowEmpty::No && text.isEmpty())
        return fail(RejectReason::OutOfRange, key, QStringLiteral("must not be empty"));
    if (maxChars >= 0 && text.size() > maxChars) {
        const qsizetype chars = codePointCount(text);
        if (chars > maxChars) {
            return fail(RejectReason::OutOfRange, key,
                QStringLiteral("%1 characters, at most %2 allowed").arg(chars).arg(maxChars));
        }
    }
    if (out)
        *out = std::move(text);
    return true;
}

bool FieldReader::number(QLatin1String key, double* out, bool* present)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined()) {
        if (!present)
            return fail(RejectReason::MissingField, key, QStringLiteral("required"));
        *present = false;
        return true;
    }
    if (!value.isDouble())
        return fail(RejectReason::WrongType, key, QStringLiteral("expected a number"));
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return fail(RejectReason::NonFinite, key, QStringLiteral("not a finite number"));
    *out = d;
    if (present)
        *present = true;
    return true;
}

bool FieldReader::numberInRange(QLatin1String key, double* out, double low, double high)
{
    if (!number(key, out))
        return false;
    return checkRange(key, *out, low, high);
}

bool FieldReader::boolean(QLatin1String key, bool* out)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        return fail(RejectReason::MissingField, key, QStringLiteral("required"));
    if (!value.isBool())
        return fail(RejectReason::WrongType, key, QStringLiteral("expected true or false"));
    *out = value.toBool();
    return true;
}

} // namespace citybrain::fields
