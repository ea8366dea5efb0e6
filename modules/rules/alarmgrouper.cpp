#include "alarmgrouper.h"

#include "alarmtext.h"

#include <algorithm>

namespace citybrain {

namespace at = alarmtext;

namespace {

constexpr int maxTitle = 200; // docs/topics.md, incident event
constexpr int maxDescription = 4000;

QString severityZh(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("特别重大");
    case Severity::Major:
        return QStringLiteral("重大");
    case Severity::Moderate:
        return QStringLiteral("较大");
    case Severity::Minor:
        break;
    }
    return QStringLiteral("一般");
}

QString groupKey(const QString& district, const QString& kind)
{
    return district + QLatin1Char('|') + kind;
}

} // namespace

AlarmGrouper::AlarmGrouper(qint64 windowMs)
    : m_windowMs(windowMs)
{ }

QString AlarmGrouper::newId(const SensorAlarm& alarm) const
{
    const QString base
        = QStringLiteral("RUL-%1-%2-%3-%4")
              .arg(at::dateDigits(alarm.tsMs), alarm.district, alarm.incidentKind, at::timeDigits(alarm.tsMs));
    QString id = base;
    for (int n = 2; m_groups.contains(id); ++n)
        id = base + QStringLiteral("-%1").arg(n);
    return id;
}

void AlarmGrouper::apply(SensorAlarm& alarm, std::vector<IncidentEvent>* incidents)
{
    if (alarm.incidentKind.isEmpty())
        return;
    if (alarm.state == SensorAlarm::State::Raised) {
        const QString key = groupKey(alarm.district, alarm.incidentKind);
        Group* group = nullptr;
        const auto open = m_open.constFind(key);
        if (open != m_open.constEnd()) {
            Group& candidate = m_groups[*open];
            // Within the window of its latest alarm, or a sensor already under it raising again (a gauge
            // hovering at its line during a long storm): the same situation, the same incident.
            const bool member = std::any_of(candidate.members.begin(), candidate.members.end(),
                [&](const Member& m) { return m.sensorId == alarm.sensorId; });
            if (!candidate.closed && (alarm.tsMs - candidate.latestRaiseMs <= m_windowMs || member))
                group = &candidate;
        }
        QString status = QStringLiteral("update");
        if (!group) {
            Group created;
            created.id = newId(alarm);
            created.district = alarm.district;
            created.kind = alarm.incidentKind;
            created.firstMs = alarm.tsMs;
            created.latestRaiseMs = alarm.tsMs;
            created.worst = alarm.severity;
            created.lon = alarm.lon;
            created.lat = alarm.lat;
            const QString id = created.id;
            group = &m_groups.insert(id, std::move(created)).value();
            m_open.insert(key, id);
            status = QStringLiteral("new");
        }
        // The same alarm raised again (a new episode) while its incident is open takes its old place.
        if (alarm.summary.isEmpty()) // the anomaly detector's alarms, or another producer's
            alarm.summary = alarm.anomaly ? QStringLiteral("读数异常") : QStringLiteral("告警");
        auto member = std::find_if(
            group->members.begin(), group->members.end(), [&](const Member& m) { return m.alarmId == alarm.id; });
        if (member == group->members.end()) {
            group->members.push_back(
                { alarm.id, alarm.sensorId, alarm.domain, alarm.summary, alarm.explanation, alarm.severity, true });
        } else {
            member->active = true;
            member->severity = alarm.severity;
            member->summary = alarm.summary;
            member->explanation = alarm.explanation;
        }
        group->latestRaiseMs = std::max(group->latestRaiseMs, alarm.tsMs);
        group->worst = std::max(group->worst, alarm.severity);
        m_alarmGroup.insert(alarm.id, group->id);
        alarm.incidentId = group->id;
        if (incidents)
            incidents->push_back(eventOf(*group, status, alarm.tsMs));
        return;
    }

    const auto grouped = m_alarmGroup.find(alarm.id);
    if (grouped == m_alarmGroup.end())
        return;
    const auto found = m_groups.find(*grouped);
    m_alarmGroup.erase(grouped);
    if (found == m_groups.end())
        return;
    Group& group = found.value();
    for (Member& m : group.members) {
        if (m.alarmId == alarm.id) {
            m.active = false;
            m.explanation = alarm.explanation;
        }
    }
    alarm.incidentId = group.id;
    const bool allCleared
        = std::none_of(group.members.begin(), group.members.end(), [](const Member& m) { return m.active; });
    if (allCleared) {
        group.closed = true;
        const QString key = groupKey(group.district, group.kind);
        if (m_open.value(key) == group.id)
            m_open.remove(key);
        m_closed.push_back(group.id);
    }
    if (incidents)
        incidents->push_back(
            eventOf(group, allCleared ? QStringLiteral("closed") : QStringLiteral("update"), alarm.tsMs));
    while (static_cast<int>(m_closed.size()) > closedKept) {
        m_groups.remove(m_closed.front());
        m_closed.pop_front();
    }
}

IncidentEvent AlarmGrouper::eventOf(const Group& group, const QString& status, qint64 tsMs)
{
    IncidentEvent e;
    e.id = group.id;
    e.source = QLatin1String(source);
    e.seq = ++m_seq;
    e.tsMs = tsMs;
    e.kind = group.kind;
    e.severity = group.worst;
    e.status = status;
    e.district = group.district;
    e.lon = group.lon;
    e.lat = group.lat;

    // "渭城区 积水：3 个水位站超过警戒水位，1 个水位站超过保证水位": sensors per (kind of sensor, what
    // they did), in the order they first appeared, over every alarm the incident had.
    struct Line
    {
        QString domain;
        QString summary;
        QStringList sensors;
    };
    std::vector<Line> lines;
    for (const Member& m : group.members) {
        auto line = std::find_if(
            lines.begin(), lines.end(), [&](const Line& l) { return l.domain == m.domain && l.summary == m.summary; });
        if (line == lines.end())
            line = lines.insert(lines.end(), { m.domain, m.summary, {} });
        if (!line->sensors.contains(m.sensorId))
            line->sensors.append(m.sensorId);
    }
    QStringList parts;
    for (const Line& l : lines)
        parts << at::join(QStringLiteral("%1 个%2").arg(l.sensors.size()).arg(at::sensorNounZh(l.domain)), l.summary);
    QString title
        = QStringLiteral("%1 %2：%3")
              .arg(at::districtZh(group.district), at::incidentKindZh(group.kind), parts.join(QStringLiteral("，")));
    if (title.size() > maxTitle)
        title = title.left(maxTitle - 1) + QStringLiteral("…");
    e.title = title;

    const auto activeCount
        = std::count_if(group.members.begin(), group.members.end(), [](const Member& m) { return m.active; });
    QString description = group.closed
        ? QStringLiteral("%1 个告警均已解除（监测规则自动生成，首个告警 %2）。")
              .arg(group.members.size())
              .arg(at::clockZh(group.firstMs, tsMs))
        : QStringLiteral("告警中 %1 个，已解除 %2 个，最高级别%3（监测规则自动生成，首个告警 %4）。")
              .arg(activeCount)
              .arg(static_cast<qint64>(group.members.size()) - activeCount)
              .arg(severityZh(group.worst), at::clockZh(group.firstMs, tsMs));
    // The active alarms first, most severe first; then the cleared ones.
    std::vector<const Member*> order;
    for (const Member& m : group.members)
        order.push_back(&m);
    std::stable_sort(order.begin(), order.end(), [](const Member* a, const Member* b) {
        if (a->active != b->active)
            return a->active;
        return a->severity > b->severity;
    });
    int shown = 0;
    for (const Member* m : order) {
        const QString line = QStringLiteral("\n%1%2").arg(
            m->active ? QStringLiteral("【告警】") : QStringLiteral("【已解除】"), m->explanation);
        if (description.size() + line.size() > maxDescription - 20)
            break;
        description += line;
        ++shown;
    }
    if (shown < static_cast<int>(order.size()))
        description += QStringLiteral("\n……另有 %1 个告警").arg(static_cast<int>(order.size()) - shown);
    e.description = description;
    return e;
}

std::vector<QString> AlarmGrouper::alarmsOf(const QString& incidentId) const
{
    std::vector<QString> ids;
    const auto it = m_groups.constFind(incidentId);
    if (it == m_groups.constEnd())
        return ids;
    for (const Member& m : it->members)
        ids.push_back(m.alarmId);
    return ids;
}

QString AlarmGrouper::incidentOf(const QString& alarmId) const
{
    return m_alarmGroup.value(alarmId);
}

} // namespace citybrain
