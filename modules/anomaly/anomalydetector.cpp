#include "anomalydetector.h"

#include "districtlayer.h"
#include "historyreader.h"

#include <QDate>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcAnomaly, "citybrain.anomaly")

namespace citybrain {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 dayMs = 24 * BeijingWeek::hourMs;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

QDate beijingDate(qint64 epochMs)
{
    return QDate(1970, 1, 1).addDays(floorDiv(epochMs + BeijingWeek::offsetMs, dayMs));
}

// "07:45" in Beijing time, with the date ("11月28日 07:45") when it is not the day of `nowMs`.
QString beijingTime(qint64 epochMs, qint64 nowMs)
{
    const qint64 local = epochMs + BeijingWeek::offsetMs;
    const qint64 minuteOfDay = (local - floorDiv(local, dayMs) * dayMs) / minuteMs;
    const QString time = QStringLiteral("%1:%2")
                             .arg(minuteOfDay / 60, 2, 10, QLatin1Char('0'))
                             .arg(minuteOfDay % 60, 2, 10, QLatin1Char('0'));
    const QDate date = beijingDate(epochMs);
    if (date == beijingDate(nowMs))
        return time;
    return QStringLiteral("%1月%2日 %3").arg(date.month()).arg(date.day()).arg(time);
}

// "15 分钟", "2 小时 5 分钟".
QString duration(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / minuteMs;
    if (minutes < 1)
        return QStringLiteral("不到 1 分钟");
    if (minutes < 60)
        return QStringLiteral("%1 分钟").arg(minutes);
    if (minutes % 60 == 0)
        return QStringLiteral("%1 小时").arg(minutes / 60);
    return QStringLiteral("%1 小时 %2 分钟").arg(minutes / 60).arg(minutes % 60);
}

} // namespace

std::vector<AnomalyDetector::WatchedMetric> AnomalyDetector::defaultMetrics()
{
    // Floors: about the resolution an operator would call "the same" (the feeds round to 0.1, 0.01 m).
    return {
        { QStringLiteral("traffic"), QStringLiteral("congestion"), QStringLiteral("交通拥堵指数"), QString(), 1, 0.3,
            0.0 },
        { QStringLiteral("traffic"), QStringLiteral("speed"), QStringLiteral("平均车速"), QStringLiteral(" km/h"), 1,
            2.0, 0.05 },
        { QStringLiteral("air"), QStringLiteral("pm25"), QStringLiteral("PM2.5浓度"), QStringLiteral(" µg/m³"), 0, 5.0,
            0.05 },
        { QStringLiteral("water"), QStringLiteral("level"), QStringLiteral("水位"), QStringLiteral(" m"), 2, 0.05,
            0.02 },
        { QStringLiteral("noise"), QStringLiteral("laeq"), QStringLiteral("环境噪声"), QStringLiteral(" dB(A)"), 1, 1.5,
            0.0 },
        { QStringLiteral("energy"), QStringLiteral("load"), QStringLiteral("用电负荷"), QStringLiteral(" MW"), 1, 1.0,
            0.03 },
    };
}

QString AnomalyDetector::incidentKindForDomain(const QString& domain)
{
    if (domain == QLatin1String("air"))
        return QStringLiteral("pollution");
    if (domain == QLatin1String("water"))
        return QStringLiteral("waterlogging");
    if (domain == QLatin1String("traffic"))
        return QStringLiteral("traffic_jam");
    if (domain == QLatin1String("noise"))
        return QStringLiteral("noise");
    if (domain == QLatin1String("energy"))
        return QStringLiteral("power");
    return QString();
}

AnomalyDetector::AnomalyDetector()
    : AnomalyDetector(Settings())
{ }

AnomalyDetector::AnomalyDetector(Settings settings, const DistrictLayer* districts)
    : m_settings(std::move(settings))
    , m_districts(districts ? districts : &DistrictLayer::xianyang())
{
    for (const WatchedMetric& w : m_settings.metrics) {
        SensorBaseline::Params p = m_settings.baseline;
        p.minSpread = w.minSpread;
        p.minRelativeSpread = w.minRelativeSpread;
        m_params.push_back(p);
    }
}

int AnomalyDetector::sensorIndex(const QString& sensorId)
{
    const auto it = m_sensorIndex.constFind(sensorId);
    if (it != m_sensorIndex.cend())
        return it.value();
    const int index = int(m_sensors.size());
    m_sensors.push_back({ sensorId, {} });
    m_sensorIndex.insert(sensorId, index);
    return index;
}

int AnomalyDetector::addMetric(int sensor, const QString& domain, const QString& metric)
{
    int series = -1;
    for (std::size_t w = 0; w < m_settings.metrics.size(); ++w) {
        const WatchedMetric& watched = m_settings.metrics[w];
        if (watched.metric == metric && (domain.isEmpty() || watched.domain == domain)) {
            series = int(m_series.size());
            Series s;
            s.sensor = sensor;
            s.watched = int(w);
            m_series.push_back(std::move(s));
            break;
        }
    }
    m_sensors[std::size_t(sensor)].metrics.emplace_back(metric, series);
    return series;
}

AnomalyDetector::SeedStats AnomalyDetector::seed(HistoryReader& reader, qint64 nowMs)
{
    SeedStats stats;
    QElapsedTimer timer;
    timer.start();
    const QString errorBefore = reader.lastError();
    const qint64 toMs = floorDiv(nowMs, BeijingWeek::hourMs) * BeijingWeek::hourMs;
    const qint64 fromMs = toMs - qint64(m_settings.seedWeeks) * BeijingWeek::weekMs;
    const std::vector<SeriesKey> keys = reader.seriesKeys();
    for (const SeriesKey& key : keys) {
        if (key.sensor.startsWith(QLatin1String("indicator:")))
            continue;
        const auto watched = std::find_if(m_settings.metrics.begin(), m_settings.metrics.end(),
            [&](const WatchedMetric& w) { return w.metric == key.metric; });
        if (watched == m_settings.metrics.end())
            continue;
        if (timer.elapsed() > m_settings.seedBudgetMs) {
            ++stats.skipped;
            continue;
        }
        const std::vector<HourlyMean> hours = reader.hourlyMeans(key, fromMs, toMs);
        if (hours.empty())
            continue;
        const int sensor = sensorIndex(key.sensor);
        Sensor& s = m_sensors[std::size_t(sensor)];
        const auto known
            = std::find_if(s.metrics.begin(), s.metrics.end(), [&](const auto& m) { return m.first == key.metric; });
        const int series = known != s.metrics.end() ? known->second : addMetric(sensor, QString(), key.metric);
        if (series < 0)
            continue;
        Series& target = m_series[std::size_t(series)];
        target.baseline.seed(hours, m_params[std::size_t(target.watched)]);
        ++stats.series;
        stats.hours += qint64(hours.size());
    }
    stats.elapsedMs = timer.elapsed();
    if (reader.lastError() != errorBefore) {
        stats.ok = false;
        stats.error = reader.lastError();
        qCWarning(lcAnomaly).noquote() << "anomaly baseline seeding:" << stats.error;
    }
    qCInfo(lcAnomaly).noquote() << "anomaly baselines seeded:" << stats.series << "series," << stats.hours
                                << "hourly rollups in" << stats.elapsedMs << "ms;" << stats.skipped
                                << "left to learn live";
    return stats;
}

void AnomalyDetector::observe(const TelemetrySample& sample, std::vector<SensorAlarm>* changes)
{
    const int sensor = sensorIndex(sample.sensorId);
    for (std::size_t v = 0; v < sample.values.size(); ++v) {
        const auto& [metric, value] = sample.values[v];
        const auto& known = m_sensors[std::size_t(sensor)].metrics;
        int series = -2;
        if (v < known.size() && known[v].first == metric) {
            series = known[v].second;
        } else {
            for (const auto& [name, index] : known) {
                if (name == metric) {
                    series = index;
                    break;
                }
            }
        }
        if (series == -2)
            series = addMetric(sensor, sample.domain, metric);
        if (series >= 0 && std::isfinite(value))
            score(series, sample, value, changes);
    }
}

void AnomalyDetector::score(int index, const TelemetrySample& sample, double value, std::vector<SensorAlarm>* changes)
{
    Series& s = m_series[std::size_t(index)];
    const SensorBaseline::Params& params = m_params[std::size_t(s.watched)];
    const SensorBaseline::Expectation e = s.baseline.expect(sample.tsMs, params);
    bool learnSpread = !s.active;
    if (e.learned) {
        const double z = (value - e.centre) / e.spread;
        const double a = std::abs(z);
        const int direction = z >= 0 ? 1 : -1;
        learnSpread = learnSpread && a < m_settings.raiseScore;
        if (s.active) {
            s.peakScore = std::max(s.peakScore, a);
            if (a < m_settings.clearScore) {
                if (changes)
                    changes->push_back(change(s, sample, value, e, a, SensorAlarm::State::Cleared));
                s.active = false;
                s.episodeSinceMs = -1;
            }
        } else if (a >= m_settings.clearScore) {
            if (s.episodeSinceMs < 0 || direction != s.direction || sample.tsMs < s.episodeSinceMs) {
                s.episodeSinceMs = sample.tsMs;
                s.episodeScoreSum = 0;
                s.episodeReadings = 0;
                s.direction = direction;
            }
            s.episodeScoreSum += a;
            ++s.episodeReadings;
            if (sample.tsMs - s.episodeSinceMs >= m_settings.minDurationMs && a >= m_settings.raiseScore
                && s.episodeScoreSum >= m_settings.raiseScore * double(s.episodeReadings)) {
                s.active = true;
                s.peakScore = a;
                s.severity = a > m_settings.moderateScore ? Severity::Moderate : Severity::Minor;
                if (changes)
                    changes->push_back(change(s, sample, value, e, a, SensorAlarm::State::Raised));
            }
        } else {
            s.episodeSinceMs = -1;
        }
    } else if (!s.active) {
        s.episodeSinceMs = -1; // nothing to compare with: no episode
    }
    s.baseline.learn(sample.tsMs, value, learnSpread, params);
}

QString AnomalyDetector::districtName(const QString& adcode) const
{
    const District* d = m_districts->find(adcode);
    return d && !d->name.isEmpty() ? d->name : adcode;
}

SensorAlarm AnomalyDetector::change(const Series& series, const TelemetrySample& sample, double value,
    const SensorBaseline::Expectation& e, double score, SensorAlarm::State state) const
{
    const WatchedMetric& w = m_settings.metrics[std::size_t(series.watched)];
    SensorAlarm a;
    a.ruleId = QStringLiteral("anomaly.") + w.metric;
    a.id = a.ruleId + QLatin1Char('/') + sample.sensorId;
    a.sensorId = sample.sensorId;
    a.domain = sample.domain;
    a.metric = w.metric;
    a.district = sample.district;
    a.lon = sample.lon;
    a.lat = sample.lat;
    a.state = state;
    a.severity = series.severity;
    a.incidentKind = incidentKindForDomain(sample.domain);
    a.value = value;
    a.threshold = e.centre;
    a.score = score;
    a.anomaly = true;
    a.sinceMs = series.episodeSinceMs;
    a.tsMs = sample.tsMs;

    const auto number = [&](double v) { return QString::number(v, 'f', w.decimals); };
    const QString where = QStringLiteral("%1（%2）").arg(districtName(sample.district), sample.sensorId);
    const QString reading = w.name + QLatin1Char(' ') + number(value) + w.unit;
    const QString usual = number(e.centre) + QStringLiteral("±") + number(e.spread) + w.unit;
    const QString since = beijingTime(series.episodeSinceMs, sample.tsMs);
    const QString lasted = duration(sample.tsMs - series.episodeSinceMs);
    if (state == SensorAlarm::State::Raised) {
        const bool far = series.severity != Severity::Minor;
        const QString how = series.direction > 0 ? (far ? QStringLiteral("远高于") : QStringLiteral("明显高于"))
                                                 : (far ? QStringLiteral("远低于") : QStringLiteral("明显低于"));
        // 渭城区（traffic-610404-003）交通拥堵指数 7.8，远高于该时段通常水平 3.1±0.6（周三 08 时，基于 4 周数据），
        // 偏离 7.8 倍标准差，自 07:45 起已持续 15 分钟
        a.explanation
            = QStringLiteral("%1%2，%3该时段通常水平 %4（%5，基于 %6 周数据），偏离 %7 倍标准差，自 %8 起已持续 %9")
                  .arg(where, reading, how, usual, BeijingWeek::slotName(e.slot), QString::number(e.weeks),
                      QString::number(score, 'f', 1), since, lasted);
    } else {
        a.explanation = QStringLiteral("%1%2，已回到该时段通常范围 %3（%4），异常自 %5 起持续 %6，最大偏离 %7 倍标准差")
                            .arg(where, reading, usual, BeijingWeek::slotName(e.slot), since, lasted,
                                QString::number(series.peakScore, 'f', 1));
    }
    return a;
}

int AnomalyDetector::activeCount() const
{
    return int(std::count_if(m_series.begin(), m_series.end(), [](const Series& s) { return s.active; }));
}

const SensorBaseline* AnomalyDetector::baseline(const QString& sensorId, const QString& metric) const
{
    const auto it = m_sensorIndex.constFind(sensorId);
    if (it == m_sensorIndex.cend())
        return nullptr;
    for (const auto& [name, index] : m_sensors[std::size_t(it.value())].metrics) {
        if (name == metric)
            return index >= 0 ? &m_series[std::size_t(index)].baseline : nullptr;
    }
    return nullptr;
}

const SensorBaseline::Params* AnomalyDetector::params(const QString& metric) const
{
    for (std::size_t w = 0; w < m_settings.metrics.size(); ++w) {
        if (m_settings.metrics[w].metric == metric)
            return &m_params[w];
    }
    return nullptr;
}

} // namespace citybrain
