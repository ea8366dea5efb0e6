#pragma once

// Process metrics read from Linux procfs at scrape time (the names client libraries use):
//   process_resident_memory_bytes  gauge    /proc/self/statm resident pages * sysconf(_SC_PAGESIZE)
//   process_cpu_seconds_total      counter  /proc/self/stat (utime + stime) / sysconf(_SC_CLK_TCK)

#include <QByteArray>

#include <optional>

namespace citybrain {

class MetricsRegistry;

// std::nullopt when the file cannot be read or parsed.
[[nodiscard]] std::optional<qint64> processResidentMemoryBytes();
[[nodiscard]] std::optional<double> processCpuSeconds();

// Parsers of the procfs lines, exposed for the tests.
[[nodiscard]] std::optional<qint64> parseStatmResidentPages(const QByteArray& statm);
[[nodiscard]] std::optional<qint64> parseStatCpuTicks(const QByteArray& stat); // utime + stime

// Registers both metrics as functions (NaN when procfs cannot be read).
void registerProcessMetrics(MetricsRegistry& registry);

} // namespace citybrain
