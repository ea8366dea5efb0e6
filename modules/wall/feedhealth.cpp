#include "feedhealth.h"

#include <QStringList>

#include <numeric>

namespace citybrain {

FeedHealth::FeedHealth(bool embedded, QObject* parent)
    : QObject(parent)
    , m_embedded(embedded)
{ }

void FeedHealth::setConnection(bool connected, const QString& brokerUri)
{
    if (m_connected == connected && (brokerUri.isEmpty() || brokerUri == m_brokerUri))
        return;
    m_connected = connected;
    if (!brokerUri.isEmpty())
        m_brokerUri = brokerUri;
    Q_EMIT connectionChanged();
}

void FeedHealth::setStaleThresholds(double telemetrySeconds, double indicatorSeconds)
{
    m_telemetry.thresholdSeconds = telemetrySeconds;
    m_indicators.thresholdSeconds = indicatorSeconds;
}

void FeedHealth::apply(const IngestBatch& batch)
{
    if (batch.restored)
        return;
    if (!batch.telemetry.empty())
        m_telemetry.lastMs = std::max(m_telemetry.lastMs, batch.newestMessageMs);
    if (!batch.indicators.empty())
        m_indicators.lastMs = std::max(m_indicators.lastMs, batch.newestMessageMs);
    m_received += batch.received;
    for (std::size_t i = 0; i < m_rejected.size(); ++i)
        m_rejected[i] += batch.rejected[i];
    m_lastMessageMs = std::max(m_lastMessageMs, batch.newestMessageMs);
    // Counters change at up to 60 batches a second; the wall reads them once a second (tick), so that
    // ingest does not make QML re-lay out text every frame.
    m_countsDirty = true;
}

double FeedHealth::messagesRejected() const
{
    return static_cast<double>(std::accumulate(m_rejected.begin(), m_rejected.end(), qint64(0)));
}

QString FeedHealth::rejectionSummary() const
{
    QStringList parts;
    for (std::size_t i = 0; i < m_rejected.size(); ++i) {
        if (m_rejected[i] > 0)
            parts.append(
                QStringLiteral("%1 %2").arg(rejectReasonName(static_cast<RejectReason>(i))).arg(m_rejected[i]));
    }
    return parts.join(QStringLiteral(", "));
}

void FeedHealth::setFigures(double latencyP99Ms, double residentMemoryMb)
{
    m_latencyP99Ms = latencyP99Ms;
    m_residentMemoryMb = residentMemoryMb;
}

void FeedHealth::tick(qint64 nowMs, qint64 queueHighWater, const QString& storeError)
{
    m_dataAgeSeconds = m_lastMessageMs > 0 ? std::max<double>(0, (nowMs - m_lastMessageMs) / 1000.0) : 0;
    m_stale = m_lastMessageMs == 0 || m_dataAgeSeconds > m_telemetry.thresholdSeconds;
    m_telemetry.tick(nowMs);
    m_indicators.tick(nowMs);
    if (std::exchange(m_countsDirty, false))
        Q_EMIT countsChanged();
    m_queueHighWater = queueHighWater;
    m_storeError = storeError;
    Q_EMIT ageChanged();
}

} // namespace citybrain
