#include "alarmtext.h"

#include "districtlayer.h"

#include <QDateTime>
#include <QHash>

#include <cmath>

namespace citybrain::alarmtext {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
constexpr int beijingOffsetSeconds = 8 * 3600;

QDateTime beijing(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).addSecs(beijingOffsetSeconds);
}

QString stripZeros(QString text)
{
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    if (text == QLatin1String("-0"))
        text = QStringLiteral("0");
    return text;
}

bool isLatin(QChar c)
{
    return c.unicode() < 0x2E80 && !c.isSpace() && c != QLatin1Char('(') && c != QLatin1Char(')');
}

// Whole minutes, hours and days of a duration (rounded down to the minute).
struct Parts
{
    qint64 days = 0;
    qint64 hours = 0;
    qint64 minutes = 0;
};

Parts split(qint64 ms)
{
    const qint64 totalMinutes = std::max<qint64>(0, ms) / minuteMs;
    return { totalMinutes / (24 * 60), (totalMinutes / 60) % 24, totalMinutes % 60 };
}

} // namespace

MetricInfo metricInfo(const QString& metric)
{
    static const QHash<QString, MetricInfo> table = {
        { QStringLiteral("aqi"), { QStringLiteral("AQI"), QStringLiteral("AQI"), QString(), 0, false } },
        { QStringLiteral("pm25"),
            { QStringLiteral("PM2.5"), QStringLiteral("PM2.5"), QStringLiteral("µg/m³"), 1, false } },
        { QStringLiteral("pm10"),
            { QStringLiteral("PM10"), QStringLiteral("PM10"), QStringLiteral("µg/m³"), 1, false } },
        { QStringLiteral("no2"), { QStringLiteral("NO₂"), QStringLiteral("NO₂"), QStringLiteral("µg/m³"), 1, false } },
        { QStringLiteral("o3"), { QStringLiteral("O₃"), QStringLiteral("O₃"), QStringLiteral("µg/m³"), 1, false } },
        { QStringLiteral("level"),
            { QStringLiteral("水位"), QStringLiteral("water level"), QStringLiteral("m"), 2, true } },
        { QStringLiteral("flow"),
            { QStringLiteral("车流量"), QStringLiteral("flow"), QStringLiteral("辆/小时"), 0, false } },
        { QStringLiteral("speed"),
            { QStringLiteral("车速"), QStringLiteral("speed"), QStringLiteral("km/h"), 1, false } },
        { QStringLiteral("congestion"),
            { QStringLiteral("拥堵指数"), QStringLiteral("congestion index"), QString(), 1, false } },
        { QStringLiteral("laeq"),
            { QStringLiteral("噪声"), QStringLiteral("noise"), QStringLiteral("dB(A)"), 1, false } },
        { QStringLiteral("load"), { QStringLiteral("负荷"), QStringLiteral("load"), QStringLiteral("MW"), 1, false } },
    };
    const auto it = table.constFind(metric);
    if (it != table.constEnd())
        return *it;
    return { metric, metric, QString(), 2, false };
}

QString formatValue(double value, const MetricInfo& info)
{
    const QString text = QString::number(value, 'f', info.decimals);
    return info.fixed ? text : stripZeros(text);
}

QString withUnit(double value, const MetricInfo& info)
{
    const QString text = formatValue(value, info);
    return info.unit.isEmpty() ? text : text + QLatin1Char(' ') + info.unit;
}

QString formatRate(double perMinute, const MetricInfo& info)
{
    const QString text = stripZeros(QString::number(perMinute, 'f', info.decimals + 1));
    return perMinute > 0 ? QLatin1Char('+') + text : text;
}

QString durationZh(qint64 ms)
{
    const Parts p = split(ms);
    if (p.days == 0 && p.hours == 0 && p.minutes == 0)
        return QStringLiteral("不到 1 分钟");
    QStringList parts;
    if (p.days)
        parts << QStringLiteral("%1 天").arg(p.days);
    if (p.hours)
        parts << QStringLiteral("%1 小时").arg(p.hours);
    if (p.minutes && p.days == 0)
        parts << QStringLiteral("%1 分钟").arg(p.minutes);
    return parts.join(QLatin1Char(' '));
}

QString durationEn(qint64 ms)
{
    const Parts p = split(ms);
    if (p.days == 0 && p.hours == 0 && p.minutes == 0)
        return QStringLiteral("under 1 min");
    QStringList parts;
    if (p.days)
        parts << QStringLiteral("%1 d").arg(p.days);
    if (p.hours)
        parts << QStringLiteral("%1 h").arg(p.hours);
    if (p.minutes && p.days == 0)
        parts << QStringLiteral("%1 min").arg(p.minutes);
    return parts.join(QLatin1Char(' '));
}

QString clockZh(qint64 ms, qint64 referenceMs)
{
    const QDateTime t = beijing(ms);
    if (t.date() == beijing(referenceMs).date())
        return t.toString(QStringLiteral("HH:mm"));
    return QStringLiteral("%1月%2日 %3")
        .arg(t.date().month())
        .arg(t.date().day())
        .arg(t.toString(QStringLiteral("HH:mm")));
}

QString clockEn(qint64 ms, qint64 referenceMs)
{
    const QDateTime t = beijing(ms);
    if (t.date() == beijing(referenceMs).date())
        return t.toString(QStringLiteral("HH:mm"));
    return t.toString(QStringLiteral("MM-dd HH:mm"));
}

QString dateDigits(qint64 ms)
{
    return beijing(ms).toString(QStringLiteral("yyyyMMdd"));
}

QString timeDigits(qint64 ms)
{
    return beijing(ms).toString(QStringLiteral("HHmm"));
}

QString districtZh(const QString& adcode)
{
    if (const District* d = DistrictLayer::xianyang().find(adcode))
        return d->name;
    return adcode;
}

QString districtEn(const QString& adcode)
{
    static const QHash<QString, QString> names = {
        { QStringLiteral("610402"), QStringLiteral("Qindu") },
        { QStringLiteral("610403"), QStringLiteral("Yangling") },
        { QStringLiteral("610404"), QStringLiteral("Weicheng") },
        { QStringLiteral("610422"), QStringLiteral("Sanyuan") },
        { QStringLiteral("610423"), QStringLiteral("Jingyang") },
        { QStringLiteral("610424"), QStringLiteral("Qianxian") },
        { QStringLiteral("610425"), QStringLiteral("Liquan") },
        { QStringLiteral("610426"), QStringLiteral("Yongshou") },
        { QStringLiteral("610428"), QStringLiteral("Changwu") },
        { QStringLiteral("610429"), QStringLiteral("Xunyi") },
        { QStringLiteral("610430"), QStringLiteral("Chunhua") },
        { QStringLiteral("610431"), QStringLiteral("Wugong") },
        { QStringLiteral("610481"), QStringLiteral("Xingping") },
        { QStringLiteral("610482"), QStringLiteral("Binzhou") },
    };
    return names.value(adcode, adcode);
}

QString sensorNounZh(const QString& domain)
{
    static const QHash<QString, QString> nouns = {
        { QStringLiteral("air"), QStringLiteral("空气站") },
        { QStringLiteral("traffic"), QStringLiteral("交通检测器") },
        { QStringLiteral("water"), QStringLiteral("水位站") },
        { QStringLiteral("noise"), QStringLiteral("噪声监测点") },
        { QStringLiteral("energy"), QStringLiteral("变电站") },
    };
    return nouns.value(domain, QStringLiteral("监测点"));
}

QString sensorNounEn(const QString& domain)
{
    static const QHash<QString, QString> nouns = {
        { QStringLiteral("air"), QStringLiteral("air station") },
        { QStringLiteral("traffic"), QStringLiteral("traffic detector") },
        { QStringLiteral("water"), QStringLiteral("water gauge") },
        { QStringLiteral("noise"), QStringLiteral("noise monitor") },
        { QStringLiteral("energy"), QStringLiteral("substation") },
    };
    return nouns.value(domain, QStringLiteral("sensor"));
}

QString incidentKindZh(const QString& kind)
{
    static const QHash<QString, QString> kinds = {
        { QStringLiteral("waterlogging"), QStringLiteral("积水") },
        { QStringLiteral("flood"), QStringLiteral("汛情") },
        { QStringLiteral("pollution"), QStringLiteral("空气污染") },
        { QStringLiteral("traffic_jam"), QStringLiteral("交通拥堵") },
        { QStringLiteral("noise"), QStringLiteral("噪声超标") },
        { QStringLiteral("sensor_offline"), QStringLiteral("监测设备离线") },
        { QStringLiteral("traffic_accident"), QStringLiteral("交通事故") },
        { QStringLiteral("fire"), QStringLiteral("火情") },
        { QStringLiteral("gas_leak"), QStringLiteral("燃气泄漏") },
        { QStringLiteral("power_outage"), QStringLiteral("停电") },
    };
    return kinds.value(kind, kind);
}

QString join(const QString& left, const QString& right)
{
    if (left.isEmpty())
        return right;
    if (right.isEmpty())
        return left;
    const bool latinLeft = isLatin(left.back());
    const bool latinRight = isLatin(right.front());
    return latinLeft || latinRight ? left + QLatin1Char(' ') + right : left + right;
}

} // namespace citybrain::alarmtext
