#pragma once

#include "ingestbatch.h"
#include "qmlsingleton.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// How the feed is doing, for the header and the health figures: connection, counts, data age.
class FeedHealth : public QObject, public QmlSingleton<FeedHealth>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool connected READ connected NOTIFY connectionChanged)
    Q_PROPERTY(QString brokerUri READ brokerUri NOTIFY connectionChanged)
    Q_PROPERTY(bool embedded READ embedded CONSTANT)
    Q_PROPERTY(double messagesReceived READ messagesReceived NOTIFY countsChanged)
    Q_PROPERTY(double messagesRejected READ messagesRejected NOTIFY countsChanged)
    Q_PROPERTY(QString rejectionSummary READ rejectionSummary NOTIFY countsChanged)
    Q_PROPERTY(double lastMessageMs READ lastMessageMs NOTIFY countsChanged)
    Q_PROPERTY(double dataAgeSeconds READ dataAgeSeconds NOTIFY ageChanged)
    Q_PROPERTY(bool stale READ stale NOTIFY ageChanged)
    Q_PROPERTY(int queueHighWater READ queueHighWater NOTIFY ageChanged)
    Q_PROPERTY(QString storeError READ storeError NOTIFY ageChanged)
    Q_PROPERTY(double latencyP99Ms READ latencyP99Ms NOTIFY ageChanged)
    Q_PROPERTY(double residentMemoryMb READ residentMemoryMb NOTIFY ageChanged)
    Q_PROPERTY(double telemetryLastMs READ telemetryLastMs NOTIFY countsChanged)
    Q_PROPERTY(double indicatorLastMs READ indicatorLastMs NOTIFY countsChanged)
    Q_PROPERTY(double telemetryAgeSeconds READ telemetryAgeSeconds NOTIFY ageChanged)
    Q_PROPERTY(bool telemetryStale READ telemetryStale NOTIFY ageChanged)
    Q_PROPERTY(double indicatorAgeSeconds READ indicatorAgeSeconds NOTIFY ageChanged)
    Q_PROPERTY(bool indicatorStale READ indicatorStale NOTIFY ageChanged)
public:
    // No default arguments: Qt 6.4 would then create its own, empty instance for QML.
    FeedHealth(bool embedded, QObject* parent);

    void setConnection(bool connected, const QString& brokerUri);
    // Per feed: how long without a message before its panels turn visibly stale.
    void setStaleThresholds(double telemetrySeconds, double indicatorSeconds);
    void apply(const IngestBatch& batch);
    // Called every second: data age, queue high-water mark, store state.
    void tick(qint64 nowMs, qint64 queueHighWater, const QString& storeError);
    // Sampled with tick(): publish-to-model latency (p99) and the process's resident memory.
    void setFigures(double latencyP99Ms, double residentMemoryMb);

    [[nodiscard]] bool connected() const { return m_connected; }
    [[nodiscard]] QString brokerUri() const { return m_brokerUri; }
    [[nodiscard]] bool embedded() const { return m_embedded; }
    [[nodiscard]] double messagesReceived() const { return static_cast<double>(m_received); }
    [[nodiscard]] double messagesRejected() const;
    [[nodiscard]] qint64 rejected(RejectReason reason) const { return m_rejected[static_cast<std::size_t>(reason)]; }
    [[nodiscard]] QString rejectionSummary() const;
    [[nodiscard]] double lastMessageMs() const { return static_cast<double>(m_lastMessageMs); }
    [[nodiscard]] double dataAgeSeconds() const { return m_dataAgeSeconds; }
    [[nodiscard]] bool stale() const { return m_stale; }
    [[nodiscard]] int queueHighWater() const { return static_cast<int>(m_queueHighWater); }
    [[nodiscard]] QString storeError() const { return m_storeError; }
    [[nodiscard]] double latencyP99Ms() const { return m_latencyP99Ms; }
    [[nodiscard]] double residentMemoryMb() const { return m_residentMemoryMb; }
    [[nodiscard]] double telemetryLastMs() const { return static_cast<double>(m_telemetry.lastMs); }
    [[nodiscard]] double indicatorLastMs() const { return static_cast<double>(m_indicators.lastMs); }
    [[nodiscard]] double telemetryAgeSeconds() const { return m_telemetry.ageSeconds; }
    [[nodiscard]] bool telemetryStale() const { return m_telemetry.stale; }
    [[nodiscard]] double indicatorAgeSeconds() const { return m_indicators.ageSeconds; }
    [[nodiscard]] bool indicatorStale() const { return m_indicators.stale; }

Q_SIGNALS:
    void connectionChanged();
    void countsChanged();
    void ageChanged();

private:
    struct Feed
    {
        qint64 lastMs = 0;
        double thresholdSeconds = 10;
        double ageSeconds = 0;
        bool stale = true;
        void tick(qint64 nowMs)
        {
            ageSeconds = lastMs > 0 ? std::max<double>(0, (nowMs - lastMs) / 1000.0) : 0;
            stale = lastMs == 0 || ageSeconds > thresholdSeconds;
        }
    };
    Feed m_telemetry;
    Feed m_indicators { 0, 30 };
    bool m_connected = false;
    QString m_brokerUri;
    bool m_embedded = false;
    qint64 m_received = 0;
    std::array<qint64, rejectReasonCount> m_rejected {};
    qint64 m_lastMessageMs = 0;
    double m_dataAgeSeconds = 0;
    bool m_stale = true;
    qint64 m_queueHighWater = 0;
    QString m_storeError;
    double m_latencyP99Ms = 0;
    bool m_countsDirty = false;
    double m_residentMemoryMb = 0;
};

} // namespace citybrain
