#pragma once

#include <QString>
#include <QtGlobal>

// The words of alarm explanations and incident summaries, in Chinese (for the wall) and English: metric
// labels and units, district and sensor names, durations, Beijing clock times. Only called when an alarm
// is raised or cleared, never per sample.
namespace citybrain::alarmtext {

struct MetricInfo
{
    QString labelZh; // "PM2.5", "水位"
    QString labelEn; // "PM2.5", "water level"
    QString unit; // "µg/m³", "m"; empty for an index
    int decimals = 1; // 1 for PM, 2 for water levels
    bool fixed = false; // keep trailing zeros ("4.50 m"); otherwise "168" rather than "168.0"
};

[[nodiscard]] MetricInfo metricInfo(const QString& metric);
// The value with the metric's decimals ("168", "168.4", "4.50").
[[nodiscard]] QString formatValue(double value, const MetricInfo& info);
// The value with its unit ("168 µg/m³", "4.50 m", "87").
[[nodiscard]] QString withUnit(double value, const MetricInfo& info);
// A change per minute, signed, one more decimal than the metric ("+0.025", "-3.5").
[[nodiscard]] QString formatRate(double perMinute, const MetricInfo& info);

// "35 分钟", "2 小时 5 分钟", "1 天 3 小时"; under a minute: "不到 1 分钟".
[[nodiscard]] QString durationZh(qint64 ms);
// "35 min", "2 h 5 min", "1 d 3 h"; under a minute: "under 1 min".
[[nodiscard]] QString durationEn(qint64 ms);
// Beijing time (UTC+8) of `ms`: "08:30"; with the date when it is not the day of `referenceMs`:
// "11月28日 22:10" / "11-28 22:10".
[[nodiscard]] QString clockZh(qint64 ms, qint64 referenceMs);
[[nodiscard]] QString clockEn(qint64 ms, qint64 referenceMs);
// Beijing date and time parts for ids: "20261129", "0830".
[[nodiscard]] QString dateDigits(qint64 ms);
[[nodiscard]] QString timeDigits(qint64 ms);

// 渭城区 (from DistrictLayer::xianyang()) / Weicheng; the adcode when unknown.
[[nodiscard]] QString districtZh(const QString& adcode);
[[nodiscard]] QString districtEn(const QString& adcode);
// What a sensor of the domain is called: 空气站, 交通检测器, 水位站, 噪声监测点, 变电站 / air station, ...
[[nodiscard]] QString sensorNounZh(const QString& domain);
[[nodiscard]] QString sensorNounEn(const QString& domain);
// The incident kind in Chinese: waterlogging -> 积水, pollution -> 空气污染, ...; the kind itself when unknown.
[[nodiscard]] QString incidentKindZh(const QString& kind);

// Joins two phrases, with a space when Latin text meets Latin or Chinese text ("PM2.5 超过", "水位超过").
[[nodiscard]] QString join(const QString& left, const QString& right);

} // namespace citybrain::alarmtext
