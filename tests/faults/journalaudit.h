#pragma once

#include <QString>

#include <map>
#include <vector>

namespace citybrain::faults {

// One journalled message of a stream the fault run publishes (an incident source or a console), in
// the journal's commit order.
struct JournalRecord
{
    QString stream;
    qint64 seq = 0;
};

struct AuditResult
{
    qint64 expected = 0; // messages published (sequence numbers 1..n per stream)
    qint64 lost = 0; // published, not in the journal
    qint64 duplicates = 0; // journalled more than once (shown twice on the incident's timeline)
    qint64 reordered = 0; // journalled after a later message of the same stream
    qint64 unexpected = 0; // in the journal, never published (a sequence number past the last one)
    std::vector<QString> examples; // a few "stream#seq: what" lines for the report
};

// Compares what was published (stream -> last sequence number; numbers start at 1) with the journal.
[[nodiscard]] AuditResult auditJournal(
    const std::map<QString, qint64>& published, const std::vector<JournalRecord>& journal);

} // namespace citybrain::faults
