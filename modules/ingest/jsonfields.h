#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

// Field rules shared by the decoders of docs/topics.md (FeedDecoder) and of the external feeds
// (NgsiDecoder, and anything else that maps a foreign payload onto our contract): one way of parsing a
// timestamp, checking its window, range-checking a metric or a coordinate and counting characters.
namespace citybrain::fields {

// What a date-time without a zone means. Our contract requires a zone; the Smart Data Models say a
// DateTime without one is UTC.
enum class MissingZone { Reject, MeansUtc };

// RFC 3339 date-time: 2026-11-29T08:30:00.250+08:00, ...Z. Fractional seconds of any length are
// truncated to milliseconds; a leap second (:60) counts as the next second.
[[nodiscard]] bool parseRfc3339(QStringView s, qint64* msOut, MissingZone missingZone = MissingZone::Reject);

// Why `ms` is outside [nowMs - maxPastMs, nowMs + maxFutureMs] ("N ms in the future (at most M
// allowed)"), or nothing when it is inside. limitPast = false accepts any age (retained state).
[[nodiscard]] std::optional<QString> timestampWindowError(
    qint64 ms, qint64 nowMs, qint64 maxPastMs, qint64 maxFutureMs, bool limitPast = true);

// A contract metric (docs/topics.md, telemetry metric table) and the range a value must be in.
struct MetricRange
{
    const char* domain;
    const char* name;
    double low;
    double high;
};

// The contract metric called `name`, or nullptr.
[[nodiscard]] const MetricRange* findMetric(QStringView name);

// "<value> is outside [<low>, <high>]" when value is outside the metric's range, else nothing.
[[nodiscard]] std::optional<QString> rangeError(double value, double low, double high);

// Bounds on what one reading may carry, so that a single message cannot fill the history store with
// thousands of series or a panel with an endless name: a contract domain has at most five metrics, a Smart
// Data Models observation a few dozen. More metrics, or a longer name, is out_of_range.
inline constexpr qsizetype maxMetricsPerSample = 64;
inline constexpr qsizetype maxMetricNameChars = 64;
// A publishing system's id (`source`), as CapDecoder bounds "cap:<sender>".
inline constexpr qsizetype maxSourceChars = 128;

inline constexpr double minLon = -180;
inline constexpr double maxLon = 180;
inline constexpr double minLat = -90;
inline constexpr double maxLat = 90;

// Shortest round-trip text of a number, for rejection details.
[[nodiscard]] QString formatNumber(double value);

// Unicode code points in a valid UTF-16 string (a surrogate pair counts once).
[[nodiscard]] qsizetype codePointCount(QStringView s);

// At most maxChars code points of s, never splitting a surrogate pair.
[[nodiscard]] QString leftCodePoints(const QString& s, qsizetype maxChars);

} // namespace citybrain::fields
