#include "fuzzsupport.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

// Parsers log what they refuse; at thousands of inputs a second that output would cost more than the
// parsing and bury a sanitizer report. qFatal still aborts, which the fuzzer reports as a crash.
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
    return 0;
}

namespace citybrain::fuzz {

// A new name for every input: QSettings caches parsed files by name and could otherwise answer from an
// earlier input of the same size written within the same millisecond.
QString writeInputFile(const QByteArray& input, const char* suffix)
{
    static QTemporaryDir dir;
    static quint64 count = 0;
    if (!dir.isValid())
        fail("cannot create a temporary directory");
    const QString path = dir.filePath(QStringLiteral("input-%1%2").arg(++count).arg(QLatin1String(suffix)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
        fail("cannot write", path);
    return path;
}

void checkVerdict(const char* parser, bool ok, const QStringList& errors)
{
    if (ok != errors.isEmpty())
        fail(parser,
            QStringLiteral("returned %1 with the messages: %2")
                .arg(ok ? QStringLiteral("true") : QStringLiteral("false"), errors.join(QStringLiteral("; "))));
}

} // namespace citybrain::fuzz
