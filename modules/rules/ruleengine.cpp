#include "ruleengine.h"

#include "alarmtext.h"

#include <algorithm>
#include <cmath>

namespace citybrain {

namespace at = alarmtext;

namespace {

constexpr qint64 minuteMs = 60 * 1000;

// The value of `metric` in the sample; `hint` remembers where it was last time (samples of one sensor
// list their metrics in the same order), so the usual case is one string comparison.
const double* findValue(const std::vector<std::pair<QString, double>>& values, const QString& metric, int* hint)
{
    const int n = static_cast<int>(values.size());
    if (*hint < n && values[static_cast<size_t>(*hint)].first == metric)
        return &values[static_cast<size_t>(*hint)].second;
    for (int i = 0; i < n; ++i) {
        if (values[static_cast<size_t>(i)].first == metric) {
            *hint = i;
            return &values[static_cast<size_t>(i)].second;
        }
    }
    return nullptr;
}

bool crossed(const Rule& rule, double value, double threshold)
{
    return rule.above ? value > threshold : value < threshold;
}

// Everything an explanation says, gathered when an alarm changes.
struct Facts
{
    const Rule& rule;
    QString sensorId;
    QString domain;
    QString district;
    double value = 0;
    double threshold = 0;
    double clear = 0;
    double peak = 0;
    qint64 sinceMs = 0;
    qint64 tsMs = 0;
    qint64 rateSpanMs = 0;
};

QString hoursText(const Rule& rule)
{
    return QStringLiteral("%1–%2").arg(rule.fromHour).arg(rule.toHour);
}

// "PM2.5 超过重度污染线": the label is left out when the title already names it ("超过警戒水位").
QString summaryOf(const Rule& rule)
{
    if (rule.type == RuleType::Silence)
        return QStringLiteral("无数据超过 %1").arg(at::durationZh(rule.timeoutMs));
    const at::MetricInfo info = at::metricInfo(rule.metric);
    const QString verb = rule.above ? QStringLiteral("超过") : QStringLiteral("低于");
    const QString prefix = rule.title.contains(info.labelZh) ? QString() : info.labelZh;
    return at::join(prefix, at::join(verb, rule.title));
}

QString valueText(const Facts& f, const at::MetricInfo& info)
{
    if (f.rule.type == RuleType::Rate)
        return QStringLiteral("%1 %2/分钟")
            .arg(at::formatRate(f.value, info), info.unit)
            .replace(QLatin1String(" /"), QLatin1String("/"));
    return at::withUnit(f.value, info);
}

QString valueTextEn(const Facts& f, const at::MetricInfo& info)
{
    if (f.rule.type == RuleType::Rate)
        return QStringLiteral("%1 %2/min")
            .arg(at::formatRate(f.value, info), info.unit)
            .replace(QLatin1String(" /"), QLatin1String("/"));
    return at::withUnit(f.value, info);
}

QString lineText(double v, const Rule& rule, const at::MetricInfo& info)
{
    return rule.type == RuleType::Rate ? at::formatRate(v, info) : at::formatValue(v, info);
}

QString sensorTail(const Facts& f)
{
    return QStringLiteral("%1 %2，规则 %3").arg(at::sensorNounZh(f.domain), f.sensorId, f.rule.id);
}

QString sensorTailEn(const Facts& f)
{
    return QStringLiteral("%1 %2, rule %3").arg(at::sensorNounEn(f.domain), f.sensorId, f.rule.id);
}

// "渭城区 PM2.5 168 µg/m³，超过重度污染线 150（超出 18），已持续 35 分钟（自 08:30 起）；空气站 air-610404-003，规则
// air.pm25.heavy"
QString raisedZh(const Facts& f)
{
    const at::MetricInfo info = at::metricInfo(f.rule.metric);
    const Rule& r = f.rule;
    QString head = at::districtZh(f.district) + QLatin1Char(' ') + at::join(info.labelZh, valueText(f, info));
    if (r.type == RuleType::Rate)
        head = at::districtZh(f.district) + QLatin1Char(' ')
            + at::join(info.labelZh,
                QStringLiteral("变化率 %1（近 %2）").arg(valueText(f, info), at::durationZh(f.rateSpanMs)));
    const QString verb = r.above ? QStringLiteral("超过") : QStringLiteral("低于");
    const double diff = std::abs(f.value - f.threshold);
    const QString past = QStringLiteral("%1（%2 %3）")
                             .arg(at::join(at::join(verb, r.title), lineText(f.threshold, r, info)),
                                 r.above ? QStringLiteral("超出") : QStringLiteral("低"),
                                 r.type == RuleType::Rate ? at::formatRate(diff, info).remove(QLatin1Char('+'))
                                                          : at::formatValue(diff, info));
    const qint64 lasted = f.tsMs - f.sinceMs;
    const QString since = lasted >= minuteMs
        ? QStringLiteral("已持续 %1（自 %2 起）").arg(at::durationZh(lasted), at::clockZh(f.sinceMs, f.tsMs))
        : QStringLiteral("自 %1 起").arg(at::clockZh(f.sinceMs, f.tsMs));
    return QStringLiteral("%1，%2，%3；%4").arg(head, past, since, sensorTail(f));
}

QString raisedEn(const Facts& f)
{
    const at::MetricInfo info = at::metricInfo(f.rule.metric);
    const Rule& r = f.rule;
    const QString district = at::districtEn(f.district);
    const QString head = r.type == RuleType::Rate
        ? QStringLiteral("%1 %2 changing at %3 (last %4)")
              .arg(district, info.labelEn, valueTextEn(f, info), at::durationEn(f.rateSpanMs))
        : QStringLiteral("%1 %2 %3").arg(district, info.labelEn, valueTextEn(f, info));
    const double diff = std::abs(f.value - f.threshold);
    const QString past = QStringLiteral("%1 the %2 %3 (by %4)")
                             .arg(r.above ? QStringLiteral("above") : QStringLiteral("below"), r.titleEn,
                                 lineText(f.threshold, r, info),
                                 r.type == RuleType::Rate ? at::formatRate(diff, info).remove(QLatin1Char('+'))
                                                          : at::formatValue(diff, info));
    const qint64 lasted = f.tsMs - f.sinceMs;
    const QString since = lasted >= minuteMs
        ? QStringLiteral("for %1 since %2").arg(at::durationEn(lasted), at::clockEn(f.sinceMs, f.tsMs))
        : QStringLiteral("since %1").arg(at::clockEn(f.sinceMs, f.tsMs));
    return QStringLiteral("%1, %2 %3; %4").arg(head, past, since, sensorTailEn(f));
}

QString episodeZh(const Facts& f, const at::MetricInfo& info)
{
    return QStringLiteral("越线 %1（%2–%3），峰值 %4")
        .arg(at::durationZh(f.tsMs - f.sinceMs), at::clockZh(f.sinceMs, f.tsMs), at::clockZh(f.tsMs, f.tsMs),
            lineText(f.peak, f.rule, info));
}

QString episodeEn(const Facts& f, const at::MetricInfo& info)
{
    return QStringLiteral("past the line for %1 (%2–%3), peak %4")
        .arg(at::durationEn(f.tsMs - f.sinceMs), at::clockEn(f.sinceMs, f.tsMs), at::clockEn(f.tsMs, f.tsMs),
            lineText(f.peak, f.rule, info));
}

} // namespace

RuleEngine::RuleEngine() = default;
RuleEngine::~RuleEngine() = default;

void RuleEngine::setRules(std::shared_ptr<const RuleSet> rules, std::vector<SensorAlarm>* changes)
{
    const std::shared_ptr<const RuleSet> old = m_rules; // keeps the old rules alive for the clearing texts
    m_rules = rules ? std::move(rules) : std::make_shared<const RuleSet>();
    ++m_generation;

    m_rulesByDomain.clear();
    for (int i = 0; i < static_cast<int>(m_rules->rules.size()); ++i)
        m_rulesByDomain[m_rules->rules[static_cast<size_t>(i)].domain].push_back(i);

    // Old rule index -> new index, for the rules that stayed the same (same id, same fields).
    std::vector<int> remap;
    if (old) {
        remap.assign(old->rules.size(), -1);
        QHash<QString, int> newIndex;
        for (int i = 0; i < static_cast<int>(m_rules->rules.size()); ++i)
            newIndex.insert(m_rules->rules[static_cast<size_t>(i)].id, i);
        for (size_t i = 0; i < old->rules.size(); ++i) {
            const auto it = newIndex.constFind(old->rules[i].id);
            if (it != newIndex.constEnd() && m_rules->rules[static_cast<size_t>(*it)].sameAs(old->rules[i]))
                remap[i] = *it;
        }
    }

    // Rebind every known sensor now; the alarms of rules that changed or went away are cleared first.
    std::vector<SensorAlarm> cleared;
    m_slotCount = 0;
    for (int i = 0; i < static_cast<int>(m_sensors.size()); ++i) {
        Sensor& sensor = m_sensors[static_cast<size_t>(i)];
        for (Slot& slot : sensor.bound) {
            const bool kept = !remap.empty() && remap[static_cast<size_t>(slot.ruleIndex)] >= 0;
            if (!kept && slot.phase == Phase::Raised)
                clear(slot, i, slot.lastTs, ClearReason::RuleChanged, &cleared);
        }
        const QString domain = sensor.domain;
        const QString district = sensor.district;
        bind(i, domain, district, &remap, 0, nullptr);
    }
    rebuildTickLists();

    std::sort(cleared.begin(), cleared.end(), [](const SensorAlarm& a, const SensorAlarm& b) { return a.id < b.id; });
    if (changes)
        changes->insert(
            changes->end(), std::make_move_iterator(cleared.begin()), std::make_move_iterator(cleared.end()));
}

void RuleEngine::bind(int sensorIndex, const QString& domain, const QString& district, const std::vector<int>* remap,
    qint64 tsMs, std::vector<SensorAlarm>* changes)
{
    Sensor& sensor = m_sensors[static_cast<size_t>(sensorIndex)];
    // Where each rule (by its new index) had a slot, to carry its state over.
    const auto carried = [&](int ruleIndex) -> Slot* {
        for (Slot& old : sensor.bound) {
            const int now
                = remap ? (remap->empty() ? -1 : (*remap)[static_cast<size_t>(old.ruleIndex)]) : old.ruleIndex;
            if (old.rule && now == ruleIndex)
                return &old;
        }
        return nullptr;
    };
    std::vector<Slot> bound;
    const auto candidates = m_rulesByDomain.constFind(domain);
    if (candidates != m_rulesByDomain.constEnd()) {
        for (int ruleIndex : *candidates) {
            const Rule& rule = m_rules->rules[static_cast<size_t>(ruleIndex)];
            if (!rule.matchesDistrict(district) || !rule.matchesSensor(sensor.id))
                continue;
            Slot slot;
            if (Slot* old = carried(ruleIndex)) {
                slot = std::move(*old);
                old->rule = nullptr; // taken
            }
            slot.rule = &rule;
            slot.ruleIndex = ruleIndex;
            slot.line = rule.line;
            slot.lineMetric = rule.lineMetric.isEmpty() ? nullptr : &rule.lineMetric;
            slot.hasClear = rule.clear.has_value();
            slot.clear = rule.clear.value_or(0);
            slot.hysteresis = rule.hysteresis;
            if (const RuleLineOverride* o = rule.overrideFor(sensor.id)) {
                // A line of its own keeps the rule's distance between line and clear level.
                const double distance = rule.clear ? std::abs(rule.line - *rule.clear) : rule.hysteresis;
                if (o->line) {
                    slot.line = *o->line;
                    slot.lineMetric = nullptr;
                }
                if (o->clear) {
                    slot.hasClear = true;
                    slot.clear = *o->clear;
                } else if (o->hysteresis || o->line) {
                    slot.hasClear = false;
                    slot.hysteresis = o->hysteresis.value_or(distance);
                }
            }
            if (rule.type == RuleType::Rate && !slot.window)
                slot.window = std::make_unique<RateWindow>();
            bound.push_back(std::move(slot));
        }
    }
    // The slots not carried over end: their rule changed, went away or no longer applies to the sensor.
    for (Slot& old : sensor.bound) {
        if (old.rule && old.phase == Phase::Raised && !remap)
            clear(old, sensorIndex, std::max(tsMs, old.lastTs), ClearReason::RuleChanged, changes);
    }
    m_slotCount += static_cast<int>(bound.size()) - static_cast<int>(remap ? 0 : sensor.bound.size());
    sensor.domain = domain;
    sensor.district = district;
    sensor.bound = std::move(bound);
    sensor.generation = m_generation;
}

void RuleEngine::rebuildTickLists()
{
    m_silence.clear();
    m_pending.clear();
    for (int i = 0; i < static_cast<int>(m_sensors.size()); ++i)
        addTickRefs(i);
}

void RuleEngine::addTickRefs(int sensorIndex)
{
    std::vector<Slot>& bound = m_sensors[static_cast<size_t>(sensorIndex)].bound;
    for (int k = 0; k < static_cast<int>(bound.size()); ++k) {
        Slot& slot = bound[static_cast<size_t>(k)];
        if (slot.rule->type == RuleType::Silence)
            m_silence.emplace_back(sensorIndex, k);
        slot.inPendingList = slot.phase == Phase::Pending && slot.rule->forMs > 0;
        if (slot.inPendingList)
            m_pending.emplace_back(sensorIndex, k);
    }
}

void RuleEngine::observe(const TelemetrySample& sample, std::vector<SensorAlarm>* changes)
{
    if (!m_rules || m_rules->rules.empty())
        return;
    int index;
    const auto found = m_sensorIndex.constFind(sample.sensorId);
    if (found != m_sensorIndex.constEnd()) {
        index = *found;
    } else {
        index = static_cast<int>(m_sensors.size());
        m_sensorIndex.insert(sample.sensorId, index);
        Sensor added;
        added.id = sample.sensorId;
        added.domain = sample.domain;
        added.district = sample.district;
        m_sensors.push_back(std::move(added));
    }
    Sensor& sensor = m_sensors[static_cast<size_t>(index)];
    if (sensor.generation != m_generation || sensor.domain != sample.domain || sensor.district != sample.district) {
        const bool moved = !sensor.bound.empty();
        bind(index, sample.domain, sample.district, nullptr, sample.tsMs, changes);
        if (moved) { // rare: a sensor reported under another district or domain
            const auto ofSensor = [index](const SlotRef& ref) { return ref.first == index; };
            m_silence.erase(std::remove_if(m_silence.begin(), m_silence.end(), ofSensor), m_silence.end());
            m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(), ofSensor), m_pending.end());
        }
        addTickRefs(index);
    }
    sensor.lon = sample.lon;
    sensor.lat = sample.lat;

    const qint64 ts = sample.tsMs;
    for (Slot& slot : sensor.bound) {
        if (slot.hasSample && ts < slot.lastTs)
            continue; // older than what this rule already saw
        const Rule& rule = *slot.rule;
        if (rule.type == RuleType::Silence) {
            if (!rule.metric.isEmpty() && !findValue(sample.values, rule.metric, &slot.hint))
                continue;
            if (slot.phase == Phase::Raised) {
                slot.lastValue = static_cast<double>(ts - slot.lastTs) / 1000.0;
                clear(slot, index, ts, ClearReason::Resumed, changes);
            }
            slot.hasSample = true;
            slot.lastTs = ts;
            continue;
        }
        const double* v = findValue(sample.values, rule.metric, &slot.hint);
        if (!v)
            continue;
        double threshold = slot.line;
        if (slot.lineMetric) {
            const double* line = findValue(sample.values, *slot.lineMetric, &slot.lineHint);
            if (!line)
                continue; // this sample does not say where the line is
            threshold = *line;
        }
        double value = *v;
        if (rule.type == RuleType::Rate) {
            // The change per minute against the oldest reading inside the window; readings are thinned to
            // one per 1/128 of the window, so the memory per (rule, sensor) stays bounded.
            RateWindow& w = *slot.window;
            while (!w.empty() && w.front().first < ts - rule.windowMs)
                w.pop_front();
            const bool enough = !w.empty() && ts - w.front().first >= rule.windowMs / 2;
            const qint64 span = enough ? ts - w.front().first : 0;
            const double rate = enough ? (value - w.front().second) * double(minuteMs) / static_cast<double>(span) : 0;
            if (w.empty() || ts - w.back().first >= std::max<qint64>(1, rule.windowMs / 128))
                w.emplace_back(ts, value);
            if (!enough) {
                slot.hasSample = true;
                slot.lastTs = ts;
                continue; // not enough history (start, or after a gap): no verdict either way
            }
            slot.rateSpanMs = span;
            value = rate;
        }
        const double clearLevel
            = slot.hasClear ? slot.clear : (rule.above ? threshold - slot.hysteresis : threshold + slot.hysteresis);
        evaluate(slot, index, ts, value, threshold, clearLevel, changes);
    }
}

void RuleEngine::evaluate(Slot& slot, int sensorIndex, qint64 tsMs, double value, double threshold, double clearLevel,
    std::vector<SensorAlarm>* changes)
{
    const Rule& rule = *slot.rule;
    slot.hasSample = true;
    slot.lastTs = tsMs;
    slot.lastValue = value;
    slot.lastThreshold = threshold;
    slot.lastClear = clearLevel;
    const bool inHours = rule.inHours(tsMs);
    const bool past = inHours && crossed(rule, value, threshold);
    const bool back = !inHours || (rule.above ? value <= clearLevel : value >= clearLevel);
    const auto worse = [&](double a, double b) { return rule.above ? std::max(a, b) : std::min(a, b); };

    switch (slot.phase) {
    case Phase::Idle:
        if (!past)
            return;
        slot.phase = Phase::Pending;
        slot.sinceMs = tsMs;
        slot.peak = value;
        break;
    case Phase::Pending:
        if (back) {
            slot.phase = Phase::Idle;
            return;
        }
        slot.peak = worse(slot.peak, value);
        break;
    case Phase::Raised:
        slot.peak = worse(slot.peak, value);
        if (back)
            clear(slot, sensorIndex, tsMs, inHours ? ClearReason::Value : ClearReason::OutOfHours, changes);
        return;
    }
    // Pending: raise once the minimum duration has passed with the value still past the line.
    if (past && tsMs - slot.sinceMs >= rule.forMs)
        raise(slot, sensorIndex, tsMs, changes);
    else if (rule.forMs > 0)
        addPending(
            slot, sensorIndex, static_cast<int>(&slot - m_sensors[static_cast<size_t>(sensorIndex)].bound.data()));
}

void RuleEngine::addPending(Slot& slot, int sensorIndex, int slotIndex)
{
    if (!slot.inPendingList) {
        slot.inPendingList = true;
        m_pending.emplace_back(sensorIndex, slotIndex);
    }
}

void RuleEngine::tick(qint64 nowMs, std::vector<SensorAlarm>* changes)
{
    std::vector<SensorAlarm> out;
    for (const auto& [sensorIndex, slotIndex] : m_silence) {
        Slot& slot = m_sensors[static_cast<size_t>(sensorIndex)].bound[static_cast<size_t>(slotIndex)];
        if (!slot.hasSample || slot.phase == Phase::Raised || nowMs - slot.lastTs < slot.rule->timeoutMs)
            continue;
        slot.sinceMs = slot.lastTs;
        slot.lastValue = static_cast<double>(slot.rule->timeoutMs) / 1000.0;
        slot.lastThreshold = slot.lastValue;
        raise(slot, sensorIndex, slot.lastTs + slot.rule->timeoutMs, &out);
    }
    size_t keep = 0;
    for (const SlotRef& ref : m_pending) {
        Slot& slot = m_sensors[static_cast<size_t>(ref.first)].bound[static_cast<size_t>(ref.second)];
        if (slot.phase != Phase::Pending) {
            slot.inPendingList = false;
            continue;
        }
        const Rule& rule = *slot.rule;
        const qint64 due = slot.sinceMs + rule.forMs;
        if (nowMs >= due && due - slot.lastTs <= staleLimitMs && crossed(rule, slot.lastValue, slot.lastThreshold)
            && rule.inHours(due)) {
            slot.inPendingList = false;
            raise(slot, ref.first, std::max(due, slot.lastTs), &out);
            continue;
        }
        m_pending[keep++] = ref;
    }
    m_pending.resize(keep);
    std::sort(out.begin(), out.end(),
        [](const SensorAlarm& a, const SensorAlarm& b) { return a.tsMs != b.tsMs ? a.tsMs < b.tsMs : a.id < b.id; });
    if (changes)
        changes->insert(changes->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
}

SensorAlarm RuleEngine::makeAlarm(const Slot& slot, const Sensor& sensor, qint64 tsMs) const
{
    const Rule& rule = *slot.rule;
    SensorAlarm a;
    a.id = rule.id + QLatin1Char('/') + sensor.id;
    a.ruleId = rule.id;
    a.sensorId = sensor.id;
    a.domain = sensor.domain;
    a.metric = rule.metric;
    a.district = sensor.district;
    a.lon = sensor.lon;
    a.lat = sensor.lat;
    a.severity = rule.severity;
    a.incidentKind = rule.incidentKind;
    a.value = slot.lastValue;
    a.threshold = slot.lastThreshold;
    a.sinceMs = slot.sinceMs;
    a.tsMs = tsMs;
    a.summary = summaryOf(rule);
    return a;
}

void RuleEngine::raise(Slot& slot, int sensorIndex, qint64 tsMs, std::vector<SensorAlarm>* changes)
{
    const Sensor& sensor = m_sensors[static_cast<size_t>(sensorIndex)];
    slot.phase = Phase::Raised;
    SensorAlarm a = makeAlarm(slot, sensor, tsMs);
    a.state = SensorAlarm::State::Raised;
    const Rule& rule = *slot.rule;
    if (rule.type == RuleType::Silence) {
        a.explanation = QStringLiteral("%1 %2 %3 已 %4无数据（最后一次 %5，%6 %7）；规则 %8")
                            .arg(at::districtZh(sensor.district), at::sensorNounZh(sensor.domain), sensor.id,
                                at::durationZh(rule.timeoutMs), at::clockZh(slot.lastTs, tsMs), rule.title,
                                at::durationZh(rule.timeoutMs), rule.id);
        a.explanationEn = QStringLiteral("%1 %2 %3 silent for %4 (last sample %5, %6 %7); rule %8")
                              .arg(at::districtEn(sensor.district), at::sensorNounEn(sensor.domain), sensor.id,
                                  at::durationEn(rule.timeoutMs), at::clockEn(slot.lastTs, tsMs), rule.titleEn,
                                  at::durationEn(rule.timeoutMs), rule.id);
    } else {
        const Facts f { rule, sensor.id, sensor.domain, sensor.district, slot.lastValue, slot.lastThreshold,
            slot.lastClear, slot.peak, slot.sinceMs, tsMs, slot.rateSpanMs };
        a.explanation = raisedZh(f);
        a.explanationEn = raisedEn(f);
    }
    slot.raised = std::make_unique<SensorAlarm>(a);
    ++m_activeCount;
    if (changes)
        changes->push_back(std::move(a));
}

void RuleEngine::clear(Slot& slot, int sensorIndex, qint64 tsMs, ClearReason reason, std::vector<SensorAlarm>* changes)
{
    const Sensor& sensor = m_sensors[static_cast<size_t>(sensorIndex)];
    slot.phase = Phase::Idle;
    const qint64 since = slot.raised ? slot.raised->sinceMs : slot.sinceMs;
    slot.raised.reset();
    --m_activeCount;
    SensorAlarm a = makeAlarm(slot, sensor, tsMs);
    a.state = SensorAlarm::State::Cleared;
    a.sinceMs = since;
    const Rule& rule = *slot.rule;
    const QString districtZh = at::districtZh(sensor.district);
    const QString districtEn = at::districtEn(sensor.district);
    if (rule.type == RuleType::Silence) {
        a.threshold = static_cast<double>(rule.timeoutMs) / 1000.0;
        if (reason == ClearReason::RuleChanged) {
            a.explanation = QStringLiteral("%1 %2 %3：规则已修改或删除，无数据告警解除；规则 %4")
                                .arg(districtZh, at::sensorNounZh(sensor.domain), sensor.id, rule.id);
            a.explanationEn = QStringLiteral("%1 %2 %3: rule changed or removed, silence alarm cleared; rule %4")
                                  .arg(districtEn, at::sensorNounEn(sensor.domain), sensor.id, rule.id);
        } else {
            a.explanation
                = QStringLiteral("%1 %2 %3 恢复上报，中断 %4（%5–%6）；规则 %7")
                      .arg(districtZh, at::sensorNounZh(sensor.domain), sensor.id, at::durationZh(tsMs - since),
                          at::clockZh(since, tsMs), at::clockZh(tsMs, tsMs), rule.id);
            a.explanationEn
                = QStringLiteral("%1 %2 %3 reporting again after %4 of silence (%5–%6); rule %7")
                      .arg(districtEn, at::sensorNounEn(sensor.domain), sensor.id, at::durationEn(tsMs - since),
                          at::clockEn(since, tsMs), at::clockEn(tsMs, tsMs), rule.id);
        }
    } else {
        const at::MetricInfo info = at::metricInfo(rule.metric);
        const Facts f { rule, sensor.id, sensor.domain, sensor.district, slot.lastValue, slot.lastThreshold,
            slot.lastClear, slot.peak, since, tsMs, slot.rateSpanMs };
        const QString head = at::join(info.labelZh,
            rule.type == RuleType::Rate ? QStringLiteral("变化率 %1").arg(valueText(f, info)) : valueText(f, info));
        const QString headEn = QStringLiteral("%1 %2").arg(info.labelEn,
            rule.type == RuleType::Rate ? QStringLiteral("changing at %1").arg(valueTextEn(f, info))
                                        : valueTextEn(f, info));
        const QString title = at::join(rule.title, QStringLiteral("告警解除"));
        QString why;
        QString whyEn;
        switch (reason) {
        case ClearReason::Value:
        case ClearReason::Resumed:
            why = QStringLiteral("%1 %2，%3，%4")
                      .arg(districtZh, head,
                          at::join(rule.above ? QStringLiteral("已回落至") : QStringLiteral("已回升至"),
                              lineText(slot.lastClear, rule, info))
                              + (rule.above ? QStringLiteral(" 及以下") : QStringLiteral(" 及以上")),
                          title);
            whyEn = QStringLiteral("%1 %2, back %3 %4: %5 alarm cleared")
                        .arg(districtEn, headEn,
                            rule.above ? QStringLiteral("to or below") : QStringLiteral("to or above"),
                            lineText(slot.lastClear, rule, info), rule.titleEn);
            break;
        case ClearReason::OutOfHours:
            why = QStringLiteral("%1 %2，适用时段（%3 时）结束，%4").arg(districtZh, head, hoursText(rule), title);
            whyEn = QStringLiteral("%1 %2, outside the rule's hours (%3 h): %4 alarm cleared")
                        .arg(districtEn, headEn, hoursText(rule), rule.titleEn);
            break;
        case ClearReason::RuleChanged:
            why = QStringLiteral("%1 %2，规则已修改或删除，%3").arg(districtZh, head, title);
            whyEn = QStringLiteral("%1 %2, rule changed or removed: %3 alarm cleared")
                        .arg(districtEn, headEn, rule.titleEn);
            break;
        }
        a.explanation = QStringLiteral("%1；%2；%3").arg(why, episodeZh(f, info), sensorTail(f));
        a.explanationEn = QStringLiteral("%1; %2; %3").arg(whyEn, episodeEn(f, info), sensorTailEn(f));
    }
    if (changes)
        changes->push_back(std::move(a));
}

std::vector<SensorAlarm> RuleEngine::active() const
{
    std::vector<SensorAlarm> out;
    out.reserve(static_cast<size_t>(m_activeCount));
    for (const Sensor& sensor : m_sensors) {
        for (const Slot& slot : sensor.bound) {
            if (slot.raised)
                out.push_back(*slot.raised);
        }
    }
    std::sort(out.begin(), out.end(), [](const SensorAlarm& a, const SensorAlarm& b) { return a.id < b.id; });
    return out;
}

} // namespace citybrain
