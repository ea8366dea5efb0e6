// citybrain-faults: injects faults into a live wall, over and over, and audits its journal.
//
//   citybrain-faults [--short | --long] [--repeat N] [--faults broker-kill,app-kill,...] [--seed S]
//
// Every fault is injected `repeat` times (5 short, 100 long), round robin, while the simulator runs at its
// default rate and this program's incident sources and dispatcher console publish QoS 1 messages with
// per-stream sequence numbers. After each fault: the wall reconnects within 2 s of its broker returning,
// catches up within 2 minutes, and is still running (unless killing it was the fault). At the end every
// sequence number must be in the wall's journal once, in order. The last line is
//   faults injected=<n> lost=<n> duplicates=<n> reordered=<n>
// and the exit status is 0 only if every check held. Method and figures: docs/reliability.md.
#include "faultrig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>

using namespace citybrain;
using namespace citybrain::faults;

namespace {

enum class Fault { BrokerRestart, BrokerCrash, AppKill, BrokerOutage, BrokerFrozen, DiskFull, DatabaseLocked, Burst };

struct FaultInfo
{
    Fault fault;
    const char* name;
    bool brokerReturns; // the reconnect time is measured
    bool byDefault;
};

// broker-crash is not run by default: Mosquitto 2.0 acknowledges a QoS 1 message to its publisher before
// it has written it to the subscribers' sockets or its persistence file, so a SIGKILL can lose messages
// the broker had acknowledged, before any client could do anything (docs/reliability.md).
const FaultInfo allFaults[] = {
    { Fault::BrokerRestart, "broker-restart", true, true },
    { Fault::BrokerCrash, "broker-crash", true, false },
    { Fault::AppKill, "app-kill", false, true },
    { Fault::BrokerOutage, "broker-outage", true, true },
    { Fault::BrokerFrozen, "broker-frozen", true, true },
    { Fault::DiskFull, "disk-full", false, true },
    { Fault::DatabaseLocked, "db-locked", false, true },
    { Fault::Burst, "burst-3x", false, true },
};

struct Profile
{
    int repeat = 5;
    int outageMinS = 1, outageMaxS = 5; // broker unreachable
    int frozenMinS = 3, frozenMaxS = 20; // a frozen broker: some beyond the wall's keepalive (15 s)
    int storeMinS = 2, storeMaxS = 6; // disk full, database locked
    int burstS = 10;
};

constexpr int reconnectLimitMs = 2000;
constexpr int backlogLimitMs = 120000;

struct Outcome
{
    int injected = 0;
    qint64 maxDownMs = 0; // how long the fault lasted, at most
    qint64 maxReconnectMs = -1;
    qint64 maxBacklogMs = 0;
    int appExits = 0; // the wall stopped without being killed
    QStringList failures;
};

void say(const QString& line)
{
    std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}

QString seconds(qint64 ms)
{
    return ms < 0 ? QStringLiteral("-") : QString::number(double(ms) / 1000.0, 'f', 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Injects faults into a live CityBrain wall and audits its journal."));
    parser.addHelpOption();
    const QCommandLineOption shortRun(
        QStringLiteral("short"), QStringLiteral("Each fault 5 times, short outages (default)."));
    const QCommandLineOption longRun(
        QStringLiteral("long"), QStringLiteral("Each fault 100 times, outages up to 120 s."));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"), QStringLiteral("Times each fault is injected."), QStringLiteral("N"));
    const QCommandLineOption faultsOption(
        QStringLiteral("faults"), QStringLiteral("Comma-separated faults (default all)."), QStringLiteral("LIST"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
        QStringLiteral("Seed of the fault durations (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption binOption(QStringLiteral("bin-dir"),
        QStringLiteral("Folder of citybrain and citybrain-sim (default: this program's)."), QStringLiteral("DIR"));
    const QCommandLineOption autosaveOption(QStringLiteral("broker-autosave"),
        QStringLiteral("Mosquitto's autosave_interval in seconds (default: the embedded broker's 30)."),
        QStringLiteral("S"));
    const QCommandLineOption workOption(
        QStringLiteral("work-dir"), QStringLiteral("Keep the database and logs here."), QStringLiteral("DIR"));
    parser.addOptions(
        { shortRun, longRun, repeatOption, faultsOption, seedOption, binOption, autosaveOption, workOption });
    parser.process(app);

    Profile profile;
    if (parser.isSet(longRun))
        profile = Profile { 100, 1, 120, 1, 120, 5, 60, 60 };
    if (parser.isSet(repeatOption))
        profile.repeat = std::max(1, parser.value(repeatOption).toInt());
    std::vector<FaultInfo> plan;
    const QStringList wanted = parser.value(faultsOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const FaultInfo& info : allFaults) {
        if (wanted.isEmpty() ? info.byDefault : wanted.contains(QLatin1String(info.name)))
            plan.push_back(info);
    }
    if (plan.empty()) {
        say(QStringLiteral("no known fault in --faults; known: broker-restart, broker-crash, app-kill, broker-outage, "
                           "broker-frozen, disk-full, db-locked, burst-3x"));
        return 2;
    }
    QRandomGenerator random(parser.value(seedOption).toUInt());

    QTemporaryDir temporary;
    const QString workDir = parser.isSet(workOption) ? parser.value(workOption) : temporary.path();
    QDir().mkpath(workDir);
    FaultRig::Settings settings;
    settings.binDir = parser.isSet(binOption) ? parser.value(binOption) : QCoreApplication::applicationDirPath();
    settings.workDir = workDir;
    settings.brokerAutosaveSeconds = parser.value(autosaveOption).toInt();
    FaultRig rig(settings);
    QString error;
    if (!rig.start(&error)) {
        say(QStringLiteral("cannot start the fault rig: %1").arg(error));
        temporary.setAutoRemove(false);
        return 2;
    }
    say(QStringLiteral("fault run: %1 faults x %2, work folder %3").arg(plan.size()).arg(profile.repeat).arg(workDir));

    std::map<Fault, Outcome> outcomes;
    const auto between = [&](int low, int high) { return low + int(random.bounded(high - low + 1)); };
    // Holds a store fault for `ms`; true if the wall said its store was not writing meanwhile (the fault
    // took effect).
    const auto holdWatchingStore = [&](int ms) {
        bool faulted = false;
        QElapsedTimer held;
        held.start();
        while (held.elapsed() < ms) {
            rig.pump(std::min<int>(200, ms - int(held.elapsed())));
            faulted = faulted || rig.scrape(500).value(QStringLiteral("citybrain_store_ok"), 1) == 0;
        }
        return faulted;
    };
    const int total = int(plan.size()) * profile.repeat;
    int done = 0;
    for (int round = 0; round < profile.repeat; ++round) {
        for (const FaultInfo& info : plan) {
            Outcome& outcome = outcomes[info.fault];
            // Start each fault from a wall that has caught up.
            const std::map<QString, qint64> before = rig.published();
            rig.waitFor([&] { return rig.journalReached(before); }, backlogLimitMs, 100);
            const double reconnectsBefore = rig.scrape().value(QStringLiteral("citybrain_mqtt_reconnects_total"));
            QElapsedTimer down;
            down.start();
            bool injected = true;
            bool storeFaulted = false;
            switch (info.fault) {
            case Fault::BrokerRestart:
                rig.broker().stop();
                rig.pump(between(300, 2000));
                injected = rig.broker().start(&error);
                break;
            case Fault::BrokerCrash:
                rig.broker().kill();
                rig.pump(between(300, 2000));
                injected = rig.broker().start(&error);
                break;
            case Fault::BrokerFrozen:
                rig.freezeBroker(true);
                rig.pump(1000 * between(profile.frozenMinS, profile.frozenMaxS));
                rig.freezeBroker(false);
                break;
            case Fault::BrokerOutage:
                rig.broker().stop();
                rig.pump(1000 * between(profile.outageMinS, profile.outageMaxS));
                injected = rig.broker().start(&error);
                break;
            case Fault::AppKill:
                rig.killApp();
                rig.pump(between(300, 2000));
                injected = rig.startApp(&error);
                break;
            case Fault::DiskFull:
                injected = rig.limitAppFileSize(true, &error);
                storeFaulted = holdWatchingStore(1000 * between(profile.storeMinS, profile.storeMaxS));
                injected = rig.limitAppFileSize(false, &error) && injected;
                break;
            case Fault::DatabaseLocked:
                injected = rig.lockDatabase(&error);
                storeFaulted = holdWatchingStore(1000 * between(profile.storeMinS, profile.storeMaxS));
                rig.unlockDatabase();
                break;
            case Fault::Burst:
                rig.setLoadFactor(3);
                rig.pump(1000 * profile.burstS);
                rig.setLoadFactor(1);
                break;
            }
            const qint64 downMs = down.elapsed();
            ++done;
            if (!injected) {
                outcome.failures << QStringLiteral("could not inject: %1").arg(error);
                say(QStringLiteral("[%1/%2] %3: could not inject: %4").arg(done).arg(total).arg(info.name, error));
                if (!rig.appRunning() && !rig.startApp(&error))
                    break;
                continue;
            }
            ++outcome.injected;
            outcome.maxDownMs = std::max(outcome.maxDownMs, downMs);
            if ((info.fault == Fault::DiskFull || info.fault == Fault::DatabaseLocked) && !storeFaulted)
                outcome.failures << QStringLiteral("the store never reported the fault (citybrain_store_ok stayed 1)");
            QElapsedTimer recovery;
            recovery.start();
            qint64 reconnectMs = -1;
            if (info.brokerReturns) {
                // A frozen broker may come back before the wall has given up on it (keepalive: 15 s).
                const bool mustReconnect = info.fault != Fault::BrokerFrozen;
                const bool back = rig.waitFor(
                    [&] {
                        const bench::PromText metrics = rig.scrape(500);
                        return metrics.value(QStringLiteral("citybrain_mqtt_connected")) == 1
                            && (!mustReconnect
                                || metrics.value(QStringLiteral("citybrain_mqtt_reconnects_total")) > reconnectsBefore);
                    },
                    30000, 20);
                reconnectMs = back ? recovery.elapsed() : -1;
                outcome.maxReconnectMs = std::max(outcome.maxReconnectMs, back ? reconnectMs : 30000);
                if (!back || reconnectMs > reconnectLimitMs)
                    outcome.failures << QStringLiteral("reconnect took %1 s")
                                            .arg(back ? seconds(reconnectMs) : QStringLiteral("> 30"));
            }
            const std::map<QString, qint64> target = rig.published();
            const bool caughtUp = rig.waitFor([&] { return rig.journalReached(target); }, backlogLimitMs, 100);
            const qint64 backlogMs = recovery.elapsed();
            outcome.maxBacklogMs = std::max(outcome.maxBacklogMs, backlogMs);
            if (!caughtUp)
                outcome.failures << QStringLiteral("backlog not cleared in 2 min");
            if (info.fault != Fault::AppKill && !rig.appRunning()) {
                ++outcome.appExits;
                outcome.failures << QStringLiteral("the wall stopped (see %1)").arg(rig.appLogPath());
                if (!rig.startApp(&error))
                    say(QStringLiteral("cannot restart the wall: %1").arg(error));
            }
            say(QStringLiteral("[%1/%2] %3 for %4 s: reconnect %5 s, caught up in %6 s%7")
                    .arg(done)
                    .arg(total)
                    .arg(QLatin1String(info.name), seconds(downMs), seconds(reconnectMs), seconds(backlogMs),
                        caughtUp ? QString() : QStringLiteral(" (NOT caught up)")));
        }
    }

    // The end: everything published reaches the broker, the wall catches up and stops as systemd stops it;
    // then its journal is read as an auditor would.
    const bool delivered = rig.finishPublishing(60000);
    const std::map<QString, qint64> last = rig.published();
    rig.waitFor([&] { return rig.journalReached(last); }, backlogLimitMs, 100);
    const bool stopped = rig.stopApp();
    std::vector<JournalRecord> journal;
    if (!rig.readJournal(&journal, &error)) {
        say(QStringLiteral("cannot read the journal: %1").arg(error));
        temporary.setAutoRemove(false);
        return 2;
    }
    const AuditResult audit = auditJournal(last, journal);
    rig.shutdown();

    int injected = 0;
    bool allHeld = delivered && stopped && audit.lost == 0 && audit.duplicates == 0 && audit.reordered == 0
        && audit.unexpected == 0;
    std::printf("%-14s %8s %10s %14s %15s %9s  %s\n", "fault", "injected", "max down s", "max reconnect s",
        "max catch-up s", "app exits", "outcome");
    for (const FaultInfo& info : plan) {
        const Outcome& o = outcomes[info.fault];
        injected += o.injected;
        allHeld = allHeld && o.failures.isEmpty();
        std::printf("%-14s %8d %10s %15s %15s %9d  %s\n", info.name, o.injected, qPrintable(seconds(o.maxDownMs)),
            qPrintable(seconds(o.maxReconnectMs)), qPrintable(seconds(o.maxBacklogMs)), o.appExits,
            o.failures.isEmpty() ? "ok" : qPrintable(o.failures.join(QStringLiteral("; "))));
    }
    std::printf("streams: %zu, messages published: %lld, journalled: %zu, unexpected: %lld%s%s\n", last.size(),
        static_cast<long long>(audit.expected), journal.size(), static_cast<long long>(audit.unexpected),
        delivered ? "" : ", NOT all delivered to the broker", stopped ? "" : ", the wall did not stop on SIGTERM");
    for (const QString& example : audit.examples)
        std::printf("  %s\n", qPrintable(example));
    std::printf("faults injected=%d lost=%lld duplicates=%lld reordered=%lld\n", injected,
        static_cast<long long>(audit.lost), static_cast<long long>(audit.duplicates),
        static_cast<long long>(audit.reordered));
    std::fflush(stdout);
    if (!allHeld) {
        temporary.setAutoRemove(false);
        say(QStringLiteral("work folder kept: %1").arg(workDir));
    }
    return allHeld ? 0 : 1;
}
