// libFuzzer target: the INI config file (--config PATH, docs/operations.md), loadAppConfig.
//
// Input: the file's bytes, written to a new temporary file for every input because loadAppConfig reads a
// path (through QSettings).

#include "appconfig.h"
#include "fuzzsupport.h"

#include <QFile>

using namespace citybrain;
using namespace citybrain::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = writeInputFile(toBytes(data, size), ".ini");
    AppConfig config;
    QStringList errors;
    QStringList warnings;
    const bool ok = loadAppConfig(path, &config, &errors, &warnings);
    QFile::remove(path);
    checkVerdict("loadAppConfig", ok, errors);
    return 0;
}
