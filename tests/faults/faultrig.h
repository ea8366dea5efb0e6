#pragma once

#include "embeddedbroker.h"
#include "journalaudit.h"
#include "mqttclient.h"
#include "promtext.h"
#include "sqlitedb.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>

namespace citybrain::faults {

// What a fault run works on: a real Mosquitto with persistence, the real wall (`citybrain`) on it with
// its SQLite file and metrics, the built-in simulator at its default rate, and this process as several
// incident sources and a dispatcher console publishing QoS 1 events and notes with per-stream sequence
// numbers, so that the wall's journal can be audited for every one of them.
class FaultRig : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString binDir; // citybrain and citybrain-sim
        QString workDir; // database, logs
        int sources = 3;
        double eventsPerSourcePerSecond = 5;
        double notesPerSecond = 2;
        int simRate = 200; // the simulator's default
        QString appSize = QStringLiteral("1280x720");
        // Mosquitto's persistence interval (0: the embedded broker's own, 30 s). A crashed broker comes back
        // with the sessions of its last save.
        int brokerAutosaveSeconds = 0;
    };

    explicit FaultRig(Settings settings, QObject* parent = nullptr);
    ~FaultRig() override;

    bool start(QString* error);
    // Stops publishing and waits until the broker has every message (PUBACK).
    bool finishPublishing(int timeoutMs);
    void shutdown();

    // 1: the sustained load; 3: a burst (events and notes three times as often, and a second simulator
    // adding twice the simulator's rate).
    void setLoadFactor(int factor);

    // The levers of the faults.
    EmbeddedBroker& broker() { return m_broker; }
    bool startApp(QString* error);
    void killApp(); // SIGKILL
    bool stopApp(); // SIGTERM, as systemd stops it
    [[nodiscard]] bool appRunning() const;
    // The app's file size limit (RLIMIT_FSIZE) at one byte: every write that grows a file fails, as on a
    // full disk. false restores it.
    bool limitAppFileSize(bool limited, QString* error);
    // Another process (this one) holds the database's write lock.
    bool lockDatabase(QString* error);
    void unlockDatabase();

    // Observations.
    [[nodiscard]] bench::PromText scrape(int timeoutMs = 1000);
    // Per stream, the last sequence number handed to Paho.
    [[nodiscard]] const std::map<QString, qint64>& published() const { return m_handed; }
    // True when the wall's journal has reached every mark (stream -> sequence number): as each stream is
    // journalled in order, everything before the marks is there too, but for what the audit finds lost.
    bool journalReached(const std::map<QString, qint64>& marks);
    bool readJournal(std::vector<JournalRecord>* records, QString* error);
    // Freezes the broker (SIGSTOP): its port still takes connections but nothing answers, as when a
    // firewall or a partition swallows the traffic. false thaws it.
    void freezeBroker(bool frozen);
    [[nodiscard]] QString appLogPath() const;

    // Runs the event loop (publishing on schedule) for `ms`, or until `condition` holds.
    void pump(int ms);
    bool waitFor(const std::function<bool()>& condition, int timeoutMs, int stepMs = 50);

private:
    void publishDue();
    void queueEvent();
    void queueNote();
    bool openReader(QString* error);
    void startBurstSimulator(int rate);
    void stopProcess(std::unique_ptr<QProcess>& process);

    Settings m_settings;
    EmbeddedBroker m_broker;
    quint16 m_metricsPort = 0;
    std::unique_ptr<QProcess> m_app;
    std::unique_ptr<QProcess> m_simulator;
    std::unique_ptr<QProcess> m_burstSimulator;
    std::unique_ptr<MqttClient> m_publisher;
    QFile m_appLog;
    QNetworkAccessManager m_network;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    double m_eventsDue = 0;
    double m_notesDue = 0;
    int m_loadFactor = 1;
    bool m_publishing = false;
    int m_nextSource = 0;
    struct Outgoing
    {
        QString topic;
        QByteArray payload;
        QString stream;
        qint64 seq = 0;
    };
    std::deque<Outgoing> m_outbox; // queued in order; sent when Paho takes them
    std::map<QString, qint64> m_lastSeq; // stream -> last sequence number queued
    std::map<QString, qint64> m_handed; // stream -> last sequence number Paho took
    Sqlite m_reader;
    Sqlite m_locker;
    qint64 m_scannedUpTo = 0; // journal id
    std::map<QString, qint64> m_journalled; // stream -> highest sequence number journalled
};

} // namespace citybrain::faults
