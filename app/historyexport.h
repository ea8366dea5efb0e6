#pragma once

#include <QString>

namespace citybrain {

struct AppOptions;

// `citybrain --db PATH --export incidents|cases|telemetry --from T --to T`: JSON lines on stdout, for
// reports, shift handover and audits. Returns the process exit status.
int exportHistory(const AppOptions& options, const QString& dbPath);

} // namespace citybrain
