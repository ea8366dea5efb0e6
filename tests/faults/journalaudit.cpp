#include "journalaudit.h"

#include <set>

namespace citybrain::faults {

namespace {

constexpr std::size_t maxExamples = 10;

void note(AuditResult* result, const QString& stream, qint64 seq, const char* what)
{
    if (result->examples.size() < maxExamples)
        result->examples.push_back(QStringLiteral("%1#%2: %3").arg(stream).arg(seq).arg(QLatin1String(what)));
}

} // namespace

AuditResult auditJournal(const std::map<QString, qint64>& published, const std::vector<JournalRecord>& journal)
{
    AuditResult result;
    std::map<QString, std::set<qint64>> seen;
    std::map<QString, qint64> highest;
    for (const JournalRecord& record : journal) {
        const auto stream = published.find(record.stream);
        if (stream == published.end() || record.seq < 1 || record.seq > stream->second) {
            ++result.unexpected;
            note(&result, record.stream, record.seq, "journalled but never published");
            continue;
        }
        if (!seen[record.stream].insert(record.seq).second) {
            ++result.duplicates;
            note(&result, record.stream, record.seq, "journalled twice");
            continue;
        }
        qint64& top = highest[record.stream];
        if (record.seq < top) {
            ++result.reordered;
            note(&result, record.stream, record.seq, "journalled after a later one");
        }
        top = std::max(top, record.seq);
    }
    for (const auto& [stream, last] : published) {
        result.expected += last;
        const std::set<qint64>& present = seen[stream];
        for (qint64 seq = 1; seq <= last; ++seq) {
            if (present.count(seq) == 0) {
                ++result.lost;
                note(&result, stream, seq, "lost");
            }
        }
    }
    return result;
}

} // namespace citybrain::faults
