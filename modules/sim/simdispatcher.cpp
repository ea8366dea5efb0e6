#include "simdispatcher.h"

#include "districtlayer.h"
#include "logging.h"
#include "simrandom.h"

#include <algorithm>

namespace citybrain::sim {

namespace {
constexpr qint64 secondMs = 1000;

qint64 seconds(QRandomGenerator& rng, double low, double high)
{
    return static_cast<qint64>(uniform(rng, low, high) * static_cast<double>(secondMs));
}

bool isSerious(Severity severity)
{
    return severity == Severity::Major || severity == Severity::Critical;
}

// A unit's call sign without its number, and how many such units there are to choose from. District
// units carry the district's short name; the 120 centre and the utilities' crews serve the whole city.
std::pair<QString, int> unitPool(const QString& kind, UnitType type, const QString& district)
{
    switch (type) {
    case UnitType::Fire:
        return { district + QStringLiteral("消防"), 6 };
    case UnitType::Medical:
        return { QStringLiteral("120急救"), 24 };
    case UnitType::CityManagement:
        if (kind == QLatin1String("pollution"))
            return { district + QStringLiteral("环境执法"), 4 };
        return { district + QStringLiteral("城管"), 9 };
    case UnitType::Utility:
        if (kind == QLatin1String("waterlogging"))
            return { QStringLiteral("排水抢险"), 8 };
        return { QStringLiteral("燃气抢修"), 8 };
    case UnitType::Police:
        break;
    }
    if (kind == QLatin1String("traffic_accident"))
        return { district + QStringLiteral("交警"), 9 };
    return { district + QStringLiteral("巡警"), 9 };
}
} // namespace

SimDispatcher::SimDispatcher(const DistrictLayer& layer, quint64 seed, Settings settings)
    : m_layer(layer)
    , m_settings(std::move(settings))
    , m_rng(makeGenerator(seed, Stream::Dispatch))
{ }

std::vector<UnitType> SimDispatcher::unitsFor(const QString& kind, Severity severity)
{
    std::vector<UnitType> units;
    if (kind == QLatin1String("fire"))
        units = { UnitType::Fire, UnitType::Medical };
    else if (kind == QLatin1String("traffic_accident"))
        units = { UnitType::Police, UnitType::Medical };
    else if (kind == QLatin1String("waterlogging"))
        units = { UnitType::CityManagement, UnitType::Utility };
    else if (kind == QLatin1String("gas_leak"))
        units = { UnitType::Utility, UnitType::Fire };
    else if (kind == QLatin1String("pollution") || kind == QLatin1String("city_management"))
        units = { UnitType::CityManagement };
    else
        units = { UnitType::Police };
    if (!isSerious(severity))
        units.resize(1);
    return units;
}

QString SimDispatcher::shortDistrictName(const QString& name)
{
    if (name.size() > 2 && (name.endsWith(u'区') || name.endsWith(u'县') || name.endsWith(u'市')))
        return name.chopped(1);
    return name;
}

void SimDispatcher::start(qint64 nowMs)
{
    Q_ASSERT(!m_started);
    m_started = true;
    m_seq = nowMs;
}

void SimDispatcher::observe(const std::vector<IncidentEvent>& events)
{
    for (const IncidentEvent& event : events) {
        const auto found = m_cases.find(event.id);
        if (event.status == QLatin1String("new")) {
            if (found == m_cases.end())
                openCase(event);
            continue;
        }
        if (found == m_cases.end() || found->second.closing)
            continue;
        Case& c = found->second;
        if (event.status == QLatin1String("closed")) {
            closeCase(event);
        } else if (event.status == QLatin1String("update")) {
            const bool raised = isSerious(event.severity) && !isSerious(c.severity);
            c.severity = event.severity;
            const std::vector<UnitType> units = unitsFor(c.kind, c.severity);
            if (raised && !c.secondUnit && units.size() > 1) {
                // Reinforcement, never before the acknowledge (an acknowledge after a dispatch would be lost).
                const qint64 dispatchMs = std::max(event.tsMs + seconds(m_rng, 20, 60), c.ackMs + secondMs);
                planUnit(event.id, c, units[1], dispatchMs);
                c.secondUnit = true;
            }
        }
    }
}

void SimDispatcher::openCase(const IncidentEvent& event)
{
    Case& c = m_cases[event.id];
    c.kind = event.kind;
    c.district = event.district;
    c.severity = event.severity;
    c.ackMs = event.tsMs + (isSerious(event.severity) ? seconds(m_rng, 15, 45) : seconds(m_rng, 30, 120));
    plan(c.ackMs, { event.id, ActionKind::Acknowledge, UnitType::Police, {} });
    const std::vector<UnitType> units = unitsFor(c.kind, c.severity);
    const qint64 firstMs = c.ackMs + seconds(m_rng, 20, 60);
    planUnit(event.id, c, units[0], firstMs);
    if (units.size() > 1) {
        planUnit(event.id, c, units[1], firstMs + seconds(m_rng, 5, 30));
        c.secondUnit = true;
    }
}

void SimDispatcher::planUnit(const QString& incidentId, Case& c, UnitType type, qint64 dispatchMs)
{
    const QString unit = callSign(c, type);
    c.units.push_back(unit);
    ++m_busy[unit];
    plan(dispatchMs, { incidentId, ActionKind::Dispatch, type, unit });
    plan(dispatchMs + seconds(m_rng, 180, 480), { incidentId, ActionKind::OnScene, type, unit });
}

void SimDispatcher::closeCase(const IncidentEvent& event)
{
    m_cases.at(event.id).closing = true;
    // What was due before the source closed it still happened; the rest is called off.
    for (auto it = m_plan.begin(); it != m_plan.end();) {
        if (it->second.incidentId == event.id && it->first.first > event.tsMs)
            it = m_plan.erase(it);
        else
            ++it;
    }
    plan(event.tsMs + seconds(m_rng, 10, 30), { event.id, ActionKind::Resolve, UnitType::Police, {} });
}

void SimDispatcher::plan(qint64 dueMs, Planned planned)
{
    m_plan.emplace(Key { dueMs, ++m_order }, std::move(planned));
}

QString SimDispatcher::callSign(const Case& c, UnitType type)
{
    const District* district = m_layer.find(c.district);
    const QString place = district ? shortDistrictName(district->name) : QStringLiteral("咸阳");
    const auto [prefix, count] = unitPool(c.kind, type, place);
    // A unit already out on another incident is not sent again while a free one is left (mostly).
    QString sign;
    for (int attempt = 0; attempt < 16; ++attempt) {
        sign = prefix + QString::number(1 + m_rng.bounded(count));
        if (m_busy.find(sign) == m_busy.end())
            break;
    }
    return sign;
}

IncidentAction SimDispatcher::make(const Planned& planned, qint64 tsMs, Case& c, ActionKind kind, const QString& note)
{
    IncidentAction action;
    action.incidentId = planned.incidentId;
    action.seq = ++m_seq;
    action.actionId = QStringLiteral("%1-%2").arg(m_settings.console).arg(action.seq);
    action.actor = m_settings.actor;
    action.role = QStringLiteral("dispatcher");
    action.console = m_settings.console;
    action.kind = kind;
    action.baseVersion = c.published++;
    action.tsMs = tsMs;
    action.note = note;
    if (kind == ActionKind::Dispatch || kind == ActionKind::OnScene) {
        action.unitType = planned.unitType;
        action.unitId = planned.unitId;
    }
    return action;
}

std::vector<IncidentAction> SimDispatcher::due(qint64 nowMs)
{
    std::vector<IncidentAction> actions;
    if (!m_started)
        return actions;
    while (!m_plan.empty() && m_plan.begin()->first.first <= nowMs) {
        const qint64 dueMs = m_plan.begin()->first.first;
        const Planned planned = std::move(m_plan.begin()->second);
        m_plan.erase(m_plan.begin());
        const auto found = m_cases.find(planned.incidentId);
        if (found == m_cases.end())
            continue;
        Case& c = found->second;
        switch (planned.kind) {
        case ActionKind::Acknowledge:
            actions.push_back(
                make(planned, dueMs, c, ActionKind::Acknowledge, QStringLiteral("调度席已受理，正在核实")));
            break;
        case ActionKind::Dispatch:
            actions.push_back(
                make(planned, dueMs, c, ActionKind::Dispatch, QStringLiteral("调派%1前往处置").arg(planned.unitId)));
            break;
        case ActionKind::OnScene:
            actions.push_back(
                make(planned, dueMs, c, ActionKind::OnScene, QStringLiteral("%1已到达现场").arg(planned.unitId)));
            break;
        case ActionKind::Resolve:
            if (c.published == 0) {
                actions.push_back(
                    make(planned, dueMs, c, ActionKind::Acknowledge, QStringLiteral("来源系统已办结，调度席补录受理")));
            }
            actions.push_back(
                make(planned, dueMs, c, ActionKind::Resolve, QStringLiteral("现场处置完毕，调度席确认办结")));
            for (const QString& unit : c.units) {
                if (--m_busy[unit] <= 0)
                    m_busy.erase(unit);
            }
            qCDebug(lcSim) << "dispatch desk resolved" << planned.incidentId << "after" << c.published << "actions";
            m_cases.erase(found);
            break;
        default:
            break;
        }
    }
    return actions;
}

} // namespace citybrain::sim
