#pragma once

// Shared by the libFuzzer targets of tests/fuzz (docs/reliability.md, "Fuzzing"). fuzzsupport.cpp, linked into
// every target, also defines LLVMFuzzerInitialize.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

namespace citybrain::fuzz {

// 2026-11-29T00:30:00.250Z, the instant tests/data/contract is stamped with.
inline constexpr qint64 kNowMs = 1795912200250;
// The seed corpus spans 2010 to 2026: timestamp windows are opened this wide so that mutations get past
// the timestamp and reach the fields behind it.
inline constexpr qint64 kCenturyMs = 100LL * 365 * 24 * 3600 * 1000;

inline QByteArray toBytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A property of the parser that does not hold: print it and abort, so that libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* what, const QString& detail = {})
{
    std::fprintf(stderr, "fuzz: %s %s\n", what, qPrintable(detail));
    std::abort();
}

// The nesting depth of JSON text (objects and arrays), strings skipped: FeedDecoder refuses a payload
// nested deeper than its limit before parsing, so the decoders behind it never see one.
inline int jsonDepth(QByteArrayView json)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = qMax(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

// For parsers that read a file: writes the input to a new file in a directory of this process (removed at
// exit) and returns its path.
QString writeInputFile(const QByteArray& input, const char* suffix);

// A parser's verdict must agree with its messages: false with at least one error, true with none.
void checkVerdict(const char* parser, bool ok, const QStringList& errors);

// Runs a file parser of the shape `bool parse(const QByteArray&, Out*, QStringList* errors)` on the input and
// checks its verdict; what it read when it accepted the input.
template <typename Out>
std::optional<Out> parseFile(
    const char* parser, bool (*parse)(const QByteArray&, Out*, QStringList*), const uint8_t* data, size_t size)
{
    Out out;
    QStringList errors;
    const bool ok = parse(toBytes(data, size), &out, &errors);
    checkVerdict(parser, ok, errors);
    return ok ? std::optional<Out>(std::move(out)) : std::nullopt;
}

} // namespace citybrain::fuzz
