#pragma once

#include <QDate>
#include <QString>
#include <QtGlobal>

namespace citybrain::sim {

// Calendar arithmetic in Beijing time (UTC+8, no daylight saving), which drives every daily cycle.
namespace BeijingClock {
constexpr qint64 offsetMs = 8 * 3600 * 1000;
constexpr qint64 dayMs = 24 * 3600 * 1000;

// Hour of the day as a fraction, 0 <= h < 24.
[[nodiscard]] double hourOfDay(qint64 epochMs);
[[nodiscard]] qint64 secondOfDay(qint64 epochMs);
[[nodiscard]] QDate date(qint64 epochMs);
// "20261129": the date part of incident ids.
[[nodiscard]] QString compactDate(qint64 epochMs);
// RFC 3339 with the +08:00 zone and milliseconds.
[[nodiscard]] QString rfc3339(qint64 epochMs);
// Shaanxi's urban district heating season, 15 November to 15 March.
[[nodiscard]] bool isHeatingSeason(const QDate& date);
[[nodiscard]] bool isWeekend(const QDate& date);
} // namespace BeijingClock

} // namespace citybrain::sim
