#include "jsonfields.h"

#include <QLocale>

#include <limits>

namespace citybrain::fields {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yoe = year - era * 400;
    const int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        return 29;
    return days[month - 1];
}

// Reads `count` ASCII digits at s[*pos]; false if any is not a digit.
bool readDigits(QStringView s, qsizetype* pos, int count, int* out)
{
    if (*pos + count > s.size())
        return false;
    int value = 0;
    for (int k = 0; k < count; ++k) {
        const char16_t c = s[*pos + k].unicode();
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c - u'0');
    }
    *pos += count;
    *out = value;
    return true;
}

bool expectChar(QStringView s, qsizetype* pos, char16_t c)
{
    if (*pos >= s.size() || s[*pos].unicode() != c)
        return false;
    ++*pos;
    return true;
}

} // namespace

bool parseRfc3339(QStringView s, qint64* msOut, MissingZone missingZone)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(s, &pos, 4, &year) || !expectChar(s, &pos, u'-') || !readDigits(s, &pos, 2, &month)
        || !expectChar(s, &pos, u'-') || !readDigits(s, &pos, 2, &day))
        return false;
    if (pos >= s.size() || (s[pos] != u'T' && s[pos] != u't'))
        return false;
    ++pos;
    if (!readDigits(s, &pos, 2, &hour) || !expectChar(s, &pos, u':') || !readDigits(s, &pos, 2, &minute)
        || !expectChar(s, &pos, u':') || !readDigits(s, &pos, 2, &second))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        return false;
    int millis = 0;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            if (digits < 3)
                millis = millis * 10 + (s[pos].unicode() - u'0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return false;
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (pos >= s.size()) {
        if (missingZone == MissingZone::Reject)
            return false; // no zone: local time of an unknown place
    } else if (const QChar zone = s[pos++]; zone == u'Z' || zone == u'z') {
        offsetMinutes = 0;
    } else if (zone == u'+' || zone == u'-') {
        int offHour = 0, offMinute = 0;
        if (!readDigits(s, &pos, 2, &offHour) || !expectChar(s, &pos, u':') || !readDigits(s, &pos, 2, &offMinute)
            || offHour > 23 || offMinute > 59)
            return false;
        offsetMinutes = (offHour * 60 + offMinute) * (zone == u'-' ? -1 : 1);
    } else {
        return false;
    }
    if (pos != s.size())
        return false;
    const qint64 seconds
        = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - qint64(offsetMinutes) * 60;
    *msOut = seconds * 1000 + millis;
    return true;
}

std::optional<QString> timestampWindowError(
    qint64 ms, qint64 nowMs, qint64 maxPastMs, qint64 maxFutureMs, bool limitPast)
{
    qint64 earliest = 0;
    qint64 latest = 0;
    if (qSubOverflow(nowMs, maxPastMs, &earliest))
        earliest = std::numeric_limits<qint64>::min();
    if (qAddOverflow(nowMs, maxFutureMs, &latest))
        latest = std::numeric_limits<qint64>::max();
    // The distance saturates: a timestamp near either end of the range must not overflow the message.
    const auto distance = [](qint64 a, qint64 b) {
        qint64 d = 0;
        return qSubOverflow(a, b, &d) ? std::numeric_limits<qint64>::max() : d;
    };
    if (ms > latest)
        return QStringLiteral("%1 ms in the future (at most %2 allowed)").arg(distance(ms, nowMs)).arg(maxFutureMs);
    if (limitPast && ms < earliest)
        return QStringLiteral("%1 ms in the past (at most %2 allowed)").arg(distance(nowMs, ms)).arg(maxPastMs);
    return std::nullopt;
}

namespace {

// docs/topics.md, telemetry metric table.
constexpr MetricRange metricRanges[] = {
    { "air", "aqi", 0, 1000 },
    { "air", "pm25", 0, 5000 },
    { "air", "pm10", 0, 5000 },
    { "air", "no2", 0, 5000 },
    { "air", "o3", 0, 5000 },
    { "traffic", "flow", 0, 20000 },
    { "traffic", "speed", 0, 250 },
    { "traffic", "congestion", 0, 10 },
    { "water", "level", -50, 500 },
    { "noise", "laeq", 0, 200 },
    { "energy", "load", 0, 100000 },
};

} // namespace

const MetricRange* findMetric(QStringView name)
{
    for (const MetricRange& metric : metricRanges) {
        if (name == QLatin1String(metric.name))
            return &metric;
    }
    return nullptr;
}

std::optional<QString> rangeError(double value, double low, double high)
{
    if (value < low || value > high)
        return QStringLiteral("%1 is outside [%2, %3]").arg(formatNumber(value), formatNumber(low), formatNumber(high));
    return std::nullopt;
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

qsizetype codePointCount(QStringView s)
{
    qsizetype count = s.size();
    for (const QChar c : s) {
        if (c.isHighSurrogate())
            --count;
    }
    return count;
}

QString leftCodePoints(const QString& s, qsizetype maxChars)
{
    if (s.size() <= maxChars)
        return s;
    qsizetype units = 0;
    for (qsizetype chars = 0; chars < maxChars && units < s.size(); ++chars)
        units += (s.at(units).isHighSurrogate() && units + 1 < s.size() && s.at(units + 1).isLowSurrogate()) ? 2 : 1;
    return s.left(units);
}

} // namespace citybrain::fields
