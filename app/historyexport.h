#pragma once

#include <QString>

namespace citybrain {

struct AppOptions;

// `citybrain --db PATH --export incidents|telemetry --from T --to T`: JSON lines on stdout, for
// reports and audits. Returns the process exit status.
int exportHistory(const AppOptions& options, const QString& dbPath);

} // namespace citybrain
