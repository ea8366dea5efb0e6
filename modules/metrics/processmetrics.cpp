#include "processmetrics.h"

#include "metricsregistry.h"

#include <QFile>
#include <QList>

#include <limits>

#include <unistd.h>

namespace citybrain {

namespace {

QByteArray readProcFile(const char* path)
{
    // procfs files report size 0: QFile::readAll() reads until end of file.
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

std::optional<qint64> parseStatmResidentPages(const QByteArray& statm)
{
    // "size resident shared text lib data dt", in pages.
    const QList<QByteArray> fields = statm.simplified().split(' ');
    if (fields.size() < 2)
        return std::nullopt;
    bool ok = false;
    const qint64 pages = fields.at(1).toLongLong(&ok);
    if (!ok || pages < 0)
        return std::nullopt;
    return pages;
}

std::optional<qint64> parseStatCpuTicks(const QByteArray& stat)
{
    // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so the fields are
    // counted from the last ')'. Field 3 (state) is the first after it; utime is field 14, stime field 15.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 1).simplified().split(' ');
    constexpr int utimeIndex = 14 - 3;
    constexpr int stimeIndex = 15 - 3;
    if (fields.size() <= stimeIndex)
        return std::nullopt;
    bool okUser = false;
    bool okSystem = false;
    const qint64 user = fields.at(utimeIndex).toLongLong(&okUser);
    const qint64 system = fields.at(stimeIndex).toLongLong(&okSystem);
    if (!okUser || !okSystem || user < 0 || system < 0)
        return std::nullopt;
    return user + system;
}

std::optional<qint64> processResidentMemoryBytes()
{
    const auto pages = parseStatmResidentPages(readProcFile("/proc/self/statm"));
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (!pages || pageSize <= 0)
        return std::nullopt;
    return *pages * static_cast<qint64>(pageSize);
}

std::optional<double> processCpuSeconds()
{
    const auto ticks = parseStatCpuTicks(readProcFile("/proc/self/stat"));
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ticks || ticksPerSecond <= 0)
        return std::nullopt;
    return static_cast<double>(*ticks) / static_cast<double>(ticksPerSecond);
}

void registerProcessMetrics(MetricsRegistry& registry)
{
    registry.gaugeFunction(
        QStringLiteral("process_resident_memory_bytes"), QStringLiteral("Resident memory size in bytes."), {}, [] {
            const auto bytes = processResidentMemoryBytes();
            return bytes ? static_cast<double>(*bytes) : std::numeric_limits<double>::quiet_NaN();
        });
    registry.counterFunction(QStringLiteral("process_cpu_seconds_total"),
        QStringLiteral("Total user and system CPU time spent in seconds."), {}, [] {
            const auto seconds = processCpuSeconds();
            return seconds ? *seconds : std::numeric_limits<double>::quiet_NaN();
        });
}

} // namespace citybrain
