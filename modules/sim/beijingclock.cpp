#include "beijingclock.h"

#include <QDateTime>
#include <QTimeZone>

namespace citybrain::sim::BeijingClock {

namespace {
qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
qint64 localMsOfDay(qint64 epochMs)
{
    const qint64 local = epochMs + offsetMs;
    return local - floorDiv(local, dayMs) * dayMs;
}
} // namespace

double hourOfDay(qint64 epochMs)
{
    return static_cast<double>(localMsOfDay(epochMs)) / 3600000.0;
}

qint64 secondOfDay(qint64 epochMs)
{
    return localMsOfDay(epochMs) / 1000;
}

QDate date(qint64 epochMs)
{
    return QDate(1970, 1, 1).addDays(floorDiv(epochMs + offsetMs, dayMs));
}

QString compactDate(qint64 epochMs)
{
    return date(epochMs).toString(QStringLiteral("yyyyMMdd"));
}

QString rfc3339(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone(static_cast<int>(offsetMs / 1000)))
        .toString(Qt::ISODateWithMs);
}

bool isHeatingSeason(const QDate& date)
{
    const int month = date.month();
    const int day = date.day();
    return month == 12 || month == 1 || month == 2 || (month == 11 && day >= 15) || (month == 3 && day <= 15);
}

bool isWeekend(const QDate& date)
{
    return date.dayOfWeek() >= 6;
}

} // namespace citybrain::sim::BeijingClock
