#include "incidentgenerator.h"

#include "beijingclock.h"
#include "districtlayer.h"
#include "incidentcatalog.h"
#include "logging.h"
#include "sensorfleet.h"
#include "simrandom.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace citybrain::sim {

namespace {
constexpr qint64 minuteMs = 60 * 1000;

const QString& pick(QRandomGenerator& rng, const QStringList& list)
{
    return list.at(static_cast<qsizetype>(rng.bounded(static_cast<quint32>(list.size()))));
}

Severity pickSeverity(QRandomGenerator& rng, bool canEscalate)
{
    const std::vector<double> weights
        = canEscalate ? std::vector<double> { 64, 28, 6.5, 1.5 } : std::vector<double> { 75, 25 };
    return static_cast<Severity>(pickWeighted(rng, weights));
}
} // namespace

IncidentGenerator::IncidentGenerator(const DistrictLayer& layer, quint64 seed, Settings settings)
    : m_layer(layer)
    , m_settings(settings)
    , m_rng(makeGenerator(seed, Stream::Incidents))
{ }

QString IncidentGenerator::nextId(qint64 createdMs)
{
    // Numbered from the second of the Beijing day it was created in, so a simulator restarted on the
    // same day does not reuse the ids of the previous run.
    const QString day = BeijingClock::compactDate(createdMs);
    const qint64 floor = BeijingClock::secondOfDay(createdMs);
    m_idNumber = day == m_idDay ? std::max(m_idNumber + 1, floor) : floor;
    m_idDay = day;
    return QStringLiteral("INC-%1-%2").arg(day).arg(m_idNumber, 5, 10, QLatin1Char('0'));
}

void IncidentGenerator::stamp(IncidentEvent& event)
{
    event.seq = ++m_seqBySource[event.source];
}

IncidentEvent IncidentGenerator::create(qint64 tsMs, qint64 createdMs)
{
    const auto& kinds = IncidentCatalog::kinds();
    std::vector<double> kindWeights;
    for (const IncidentKind& kind : kinds)
        kindWeights.push_back(kind.weight);
    const IncidentKind& kind = kinds[static_cast<size_t>(pickWeighted(m_rng, kindWeights))];

    const auto& districts = m_layer.districts();
    std::vector<double> districtWeights;
    for (const District& d : districts)
        districtWeights.push_back(SensorFleet::districtWeight(d.adcode));
    const District& district = districts[static_cast<size_t>(pickWeighted(m_rng, districtWeights))];
    const DistrictPlaces& places = IncidentCatalog::places(district.adcode);

    QString title = pick(m_rng, kind.titles);
    const QString road = pick(m_rng, places.roads);
    QString crossing = pick(m_rng, places.roads);
    for (int attempt = 0; crossing == road && attempt < 8; ++attempt)
        crossing = pick(m_rng, places.roads);
    const int number = kind.kind == QLatin1String("waterlogging") ? 15 + static_cast<int>(m_rng.bounded(36))
                                                                  : 2 + static_cast<int>(m_rng.bounded(3));
    title.replace(QLatin1String("{d}"), district.name)
        .replace(QLatin1String("{r2}"), crossing)
        .replace(QLatin1String("{r}"), road)
        .replace(QLatin1String("{p}"), pick(m_rng, places.places))
        .replace(QLatin1String("{n}"), QString::number(number));

    IncidentEvent event;
    event.id = nextId(createdMs);
    event.source = kind.source;
    event.tsMs = tsMs;
    event.kind = kind.kind;
    event.severity = pickSeverity(m_rng, kind.canEscalate);
    event.status = QStringLiteral("new");
    event.title = title;
    event.description = kind.firstReport;
    event.district = district.adcode;

    // Near the district's seat, where people and roads are, but always inside the district.
    QPointF where = district.seat;
    for (int attempt = 0; attempt < 500; ++attempt) {
        const double sigma = SensorFleet::isUrban(district.adcode) ? 0.03 : 0.04;
        const QPointF p(std::round((district.seat.x() + gaussian(m_rng) * sigma) * 1e6) / 1e6,
            std::round((district.seat.y() + gaussian(m_rng) * sigma * 0.8) * 1e6) / 1e6);
        if (district.contains(p)) {
            where = p;
            break;
        }
    }
    event.lon = where.x();
    event.lat = where.y();
    return event;
}

void IncidentGenerator::scheduleFollowUps(const IncidentEvent& event, qint64 fromMs)
{
    // Most incidents are dealt with within minutes; one in five stays open for most of an hour.
    const bool lingering = m_rng.generateDouble() < 0.2;
    const qint64 closeAfter = static_cast<qint64>(
        (lingering ? uniform(m_rng, 20, 60) : uniform(m_rng, 1.5, 8)) * static_cast<double>(minuteMs));
    if (m_rng.generateDouble() < 0.6) {
        const qint64 updateAfter = static_cast<qint64>(static_cast<double>(closeAfter) * uniform(m_rng, 0.25, 0.6));
        m_followUps.push_back({ fromMs + updateAfter, ++m_order, event.id, QStringLiteral("update") });
    }
    m_followUps.push_back({ fromMs + closeAfter, ++m_order, event.id, QStringLiteral("closed") });
    std::sort(m_followUps.begin(), m_followUps.end(), [](const FollowUp& a, const FollowUp& b) {
        return a.dueMs != b.dueMs ? a.dueMs < b.dueMs : a.order < b.order;
    });
}

IncidentEvent IncidentGenerator::followUp(const FollowUp& due)
{
    IncidentEvent event = m_open.at(due.incidentId);
    const IncidentKind* kind = nullptr;
    for (const IncidentKind& k : IncidentCatalog::kinds()) {
        if (k.kind == event.kind)
            kind = &k;
    }
    event.tsMs = due.dueMs;
    event.status = due.status;
    if (due.status == QLatin1String("update")) {
        event.description = kind ? kind->update : QString();
        // Sometimes the first report was too alarming or not alarming enough.
        const double r = m_rng.generateDouble();
        const int level = static_cast<int>(event.severity);
        if (r < 0.1 && kind && kind->canEscalate && level < static_cast<int>(Severity::Critical))
            event.severity = static_cast<Severity>(level + 1);
        else if (r > 0.85 && level > 0)
            event.severity = static_cast<Severity>(level - 1);
    } else {
        event.description = kind ? kind->closing : QString();
    }
    return event;
}

std::vector<IncidentEvent> IncidentGenerator::start(qint64 nowMs)
{
    Q_ASSERT(!m_started);
    m_started = true;
    std::vector<IncidentEvent> events;
    if (m_layer.isEmpty())
        return events;
    std::vector<qint64> ages;
    for (int i = 0; i < m_settings.startupCount; ++i)
        ages.push_back(static_cast<qint64>(uniform(m_rng, 2, 15) * static_cast<double>(minuteMs)));
    std::sort(ages.begin(), ages.end(), std::greater<>());
    int startupNumber = 0;
    for (const qint64 age : ages) {
        IncidentEvent event = create(nowMs - age, nowMs);
        // The same seed on the same day opens the same incidents: a restarted simulator re-reports
        // them under the same ids instead of adding look-alike duplicates to every console's store.
        event.id = QStringLiteral("INC-%1-S%2")
                       .arg(BeijingClock::compactDate(nowMs))
                       .arg(++startupNumber, 2, 10, QLatin1Char('0'));
        stamp(event);
        m_open[event.id] = event;
        scheduleFollowUps(event, nowMs);
        events.push_back(std::move(event));
    }
    m_nextNewMs
        = nowMs + std::max<qint64>(1000, static_cast<qint64>(exponential(m_rng, m_settings.meanIntervalS) * 1000));
    return events;
}

std::vector<IncidentEvent> IncidentGenerator::advance(qint64 nowMs)
{
    std::vector<IncidentEvent> events;
    if (!m_started || m_layer.isEmpty())
        return events;
    for (;;) {
        const bool followUpDue = !m_followUps.empty() && m_followUps.front().dueMs <= nowMs;
        const bool newDue = m_nextNewMs <= nowMs;
        if (!followUpDue && !newDue)
            break;
        if (followUpDue && (!newDue || m_followUps.front().dueMs <= m_nextNewMs)) {
            const FollowUp due = m_followUps.front();
            m_followUps.erase(m_followUps.begin());
            IncidentEvent event = followUp(due);
            stamp(event);
            if (event.status == QLatin1String("closed"))
                m_open.erase(event.id);
            else
                m_open[event.id] = event;
            events.push_back(std::move(event));
        } else {
            IncidentEvent event = create(m_nextNewMs, m_nextNewMs);
            stamp(event);
            m_open[event.id] = event;
            scheduleFollowUps(event, event.tsMs);
            qCDebug(lcSim) << "new incident" << event.id << event.kind << event.title;
            events.push_back(std::move(event));
            m_nextNewMs
                += std::max<qint64>(1000, static_cast<qint64>(exponential(m_rng, m_settings.meanIntervalS) * 1000));
        }
    }
    return events;
}

QByteArray IncidentGenerator::toJson(const IncidentEvent& event)
{
    const QJsonObject object {
        { QStringLiteral("ts"), event.tsMs },
        { QStringLiteral("seq"), event.seq },
        { QStringLiteral("source"), event.source },
        { QStringLiteral("kind"), event.kind },
        { QStringLiteral("severity"), severityName(event.severity) },
        { QStringLiteral("status"), event.status },
        { QStringLiteral("title"), event.title },
        { QStringLiteral("description"), event.description },
        { QStringLiteral("district"), event.district },
        { QStringLiteral("lon"), event.lon },
        { QStringLiteral("lat"), event.lat },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace citybrain::sim
