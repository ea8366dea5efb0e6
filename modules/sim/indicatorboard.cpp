#include "indicatorboard.h"

#include "beijingclock.h"
#include "dailycycle.h"
#include "simrandom.h"
#include "telemetrymodel.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {
double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}

double valueOf(const SimSensor& sensor, const char* metric)
{
    for (const auto& [name, value] : sensor.last) {
        if (name == QLatin1String(metric))
            return value;
    }
    return std::nan("");
}

// Mean of a metric over the sensors of a domain that have reported; nullopt when none has.
std::optional<double> mean(const std::vector<SimSensor>& sensors, const char* domain, const char* metric)
{
    double sum = 0;
    int n = 0;
    for (const SimSensor& s : sensors) {
        if (s.domain != QLatin1String(domain))
            continue;
        const double v = valueOf(s, metric);
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    }
    return n > 0 ? std::optional<double>(sum / n) : std::nullopt;
}

SimIndicator make(const char* id, const QString& name, const char* nameEn, const QString& unit,
    std::optional<double> target, bool higherIsBetter, double value)
{
    return { QString::fromLatin1(id), name, QString::fromLatin1(nameEn), unit, target, higherIsBetter, value, 0 };
}
} // namespace

QByteArray SimIndicator::toJson(qint64 tsMs) const
{
    QJsonObject object {
        { QStringLiteral("ts"), BeijingClock::rfc3339(tsMs) },
        { QStringLiteral("seq"), seq },
        { QStringLiteral("value"), value },
        { QStringLiteral("unit"), unit },
        { QStringLiteral("name"), name },
        { QStringLiteral("name_en"), nameEn },
        { QStringLiteral("better"), higherIsBetter ? QStringLiteral("higher") : QStringLiteral("lower") },
    };
    if (target)
        object.insert(QStringLiteral("target"), *target);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

IndicatorBoard::IndicatorBoard(quint64 seed, qint64 startMs)
    : m_rng(makeGenerator(seed, Stream::Indicators))
    , m_lastMs(startMs)
    , m_day(BeijingClock::compactDate(startMs))
{
    m_hotlineToday = std::round(hotlineCasesBy(BeijingClock::hourOfDay(startMs)) * uniform(m_rng, 0.9, 1.1));
    const QString percent = QStringLiteral("%");
    m_indicators = {
        make("air.aqi", QStringLiteral("全市平均空气质量指数"), "City average AQI", QString(), 100, false, 0),
        make("air.pm25", QStringLiteral("PM2.5平均浓度"), "PM2.5 average", QStringLiteral("µg/m³"), 35, false, 0),
        make(
            "traffic.free_flow_rate", QStringLiteral("全市道路畅通率"), "Road network free flow", percent, 85, true, 0),
        make("traffic.congestion", QStringLiteral("平均拥堵指数"), "Average congestion index", QString(), std::nullopt,
            false, 0),
        make("traffic.speed", QStringLiteral("路网平均车速"), "Average road speed", QStringLiteral("km/h"),
            std::nullopt, true, 0),
        make("energy.load", QStringLiteral("全市用电负荷"), "Electricity load", QStringLiteral("MW"), std::nullopt,
            false, 0),
        make(
            "noise.laeq", QStringLiteral("平均环境噪声"), "Average noise level", QStringLiteral("dB(A)"), 55, false, 0),
        make("water.level_max", QStringLiteral("河道最高水位"), "Highest river gauge level", QStringLiteral("m"),
            std::nullopt, false, 0),
        make("hotline.cases_today", QStringLiteral("12345热线今日受理"), "12345 hotline cases today",
            QStringLiteral("件"), std::nullopt, false, m_hotlineToday),
        make("incidents.open", QStringLiteral("在办事件"), "Incidents open", QStringLiteral("起"), std::nullopt, false,
            0),
        make("plan.5g_stations", QStringLiteral("5G基站"), "5G base stations", QStringLiteral("个"), 10000, true,
            std::round(uniform(m_rng, 9180, 9420))),
        make("plan.mobile_services", QStringLiteral("移动端可办事项"), "Services handled on mobile",
            QStringLiteral("项"), 300, true, std::round(uniform(m_rng, 255, 280))),
        make("plan.online_services_rate", QStringLiteral("政务服务事项网上可办率"), "Government services online",
            percent, 95, true, round1(uniform(m_rng, 91.5, 93.5))),
        make("plan.mobile_office_rate", QStringLiteral("移动办公覆盖率"), "Mobile office coverage", percent, 80, true,
            round1(uniform(m_rng, 70, 74))),
        make("plan.cloud_systems_rate", QStringLiteral("政务信息系统上云率"), "Government systems on the cloud",
            percent, 100, true, round1(uniform(m_rng, 86, 90))),
        make("plan.data_catalogued_rate", QStringLiteral("政务数据资源编目率"), "Government data catalogued", percent,
            100, true, round1(uniform(m_rng, 89, 93))),
    };
}

QStringList IndicatorBoard::ids()
{
    return { QStringLiteral("air.aqi"), QStringLiteral("air.pm25"), QStringLiteral("traffic.free_flow_rate"),
        QStringLiteral("traffic.congestion"), QStringLiteral("traffic.speed"), QStringLiteral("energy.load"),
        QStringLiteral("noise.laeq"), QStringLiteral("water.level_max"), QStringLiteral("hotline.cases_today"),
        QStringLiteral("incidents.open"), QStringLiteral("plan.5g_stations"), QStringLiteral("plan.mobile_services"),
        QStringLiteral("plan.online_services_rate"), QStringLiteral("plan.mobile_office_rate"),
        QStringLiteral("plan.cloud_systems_rate"), QStringLiteral("plan.data_catalogued_rate") };
}

SimIndicator& IndicatorBoard::at(const char* id)
{
    for (SimIndicator& indicator : m_indicators) {
        if (indicator.id == QLatin1String(id))
            return indicator;
    }
    Q_UNREACHABLE();
}

double IndicatorBoard::hotlineCasesBy(double hour)
{
    // Few calls at night, most between 8:00 and 21:00: the integral of the daylight profile.
    double cases = 0;
    for (double h = 0; h < hour; h += 0.25)
        cases += 0.25 * (0.1 + DailyCycle::daylight(h + 0.125));
    return cases * 1200.0 / 14.0;
}

void IndicatorBoard::rollDay(qint64 tsMs)
{
    const QString day = BeijingClock::compactDate(tsMs);
    if (day != m_day) {
        m_day = day;
        m_hotlineToday = 0;
    }
}

void IndicatorBoard::countHotlineCase(qint64 tsMs)
{
    rollDay(tsMs);
    m_hotlineToday += 1;
}

const std::vector<SimIndicator>& IndicatorBoard::update(
    const std::vector<SimSensor>& sensors, int openIncidents, qint64 tsMs)
{
    rollDay(tsMs);
    const double elapsedS = std::max<qint64>(0, tsMs - m_lastMs) / 1000.0;
    m_lastMs = tsMs;

    // Calls that did not become incidents (consultations, complaints handled on the phone).
    const double hour = BeijingClock::hourOfDay(tsMs);
    const double callsPerSecond = (0.1 + DailyCycle::daylight(hour)) * 1200.0 / 14.0 / 3600.0;
    m_hotlineToday += poisson(m_rng, callsPerSecond * elapsedS);

    if (const auto v = mean(sensors, "air", "aqi"))
        at("air.aqi").value = std::round(*v);
    if (const auto v = mean(sensors, "air", "pm25"))
        at("air.pm25").value = round1(*v);
    if (const auto v = mean(sensors, "traffic", "congestion"))
        at("traffic.congestion").value = round1(*v);
    if (const auto v = mean(sensors, "traffic", "speed"))
        at("traffic.speed").value = round1(*v);
    if (const auto v = mean(sensors, "noise", "laeq"))
        at("noise.laeq").value = round1(*v);

    int roads = 0;
    int flowing = 0;
    double load = 0;
    double levelMax = 0;
    for (const SimSensor& s : sensors) {
        if (s.domain == QLatin1String("traffic")) {
            const double ci = valueOf(s, "congestion");
            if (!std::isnan(ci)) {
                ++roads;
                flowing += ci < TelemetryModel::freeFlowLimit ? 1 : 0;
            }
        } else if (s.domain == QLatin1String("energy")) {
            const double v = valueOf(s, "load");
            load += std::isnan(v) ? 0 : v;
        } else if (s.domain == QLatin1String("water")) {
            const double v = valueOf(s, "level");
            levelMax = std::isnan(v) ? levelMax : std::max(levelMax, v);
        }
    }
    if (roads > 0)
        at("traffic.free_flow_rate").value = round1(100.0 * flowing / roads);
    at("energy.load").value = std::round(load);
    at("water.level_max").value = levelMax;
    at("hotline.cases_today").value = m_hotlineToday;
    at("incidents.open").value = openIncidents;

    // The plan's figures creep towards their targets: a base station switched on now and then.
    auto creep = [&](const char* id, double chancePerSecond, double step, double cap) {
        SimIndicator& indicator = at(id);
        if (m_rng.generateDouble() < chancePerSecond * elapsedS)
            indicator.value = std::min(cap, std::round((indicator.value + step) * 10.0) / 10.0);
    };
    creep("plan.5g_stations", 0.05, 1, 10500);
    creep("plan.mobile_services", 0.002, 1, 320);
    creep("plan.online_services_rate", 0.002, 0.1, 100);
    creep("plan.mobile_office_rate", 0.002, 0.1, 100);
    creep("plan.cloud_systems_rate", 0.002, 0.1, 100);
    creep("plan.data_catalogued_rate", 0.002, 0.1, 100);

    for (SimIndicator& indicator : m_indicators)
        ++indicator.seq;
    return m_indicators;
}

} // namespace citybrain::sim
