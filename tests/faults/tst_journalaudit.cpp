// The fault run's verdict rests on this audit: every published sequence number journalled once, in order.
#include "journalaudit.h"

#include <QTest>

using namespace citybrain::faults;

class TestJournalAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aCompleteJournalInOrderHasNothingToReport()
    {
        const AuditResult result
            = auditJournal({ { "a", 3 }, { "b", 1 } }, { { "a", 1 }, { "b", 1 }, { "a", 2 }, { "a", 3 } });
        QCOMPARE(result.expected, 4);
        QCOMPARE(result.lost, 0);
        QCOMPARE(result.duplicates, 0);
        QCOMPARE(result.reordered, 0);
        QCOMPARE(result.unexpected, 0);
        QVERIFY(result.examples.empty());
    }

    void aMissingSequenceNumberIsLost()
    {
        const AuditResult result = auditJournal({ { "a", 4 } }, { { "a", 1 }, { "a", 3 } });
        QCOMPARE(result.lost, 2);
        QCOMPARE(result.examples.front(), QStringLiteral("a#2: lost"));
    }

    void aStreamNeverJournalledLosesEverything()
    {
        QCOMPARE(auditJournal({ { "a", 1 }, { "b", 5 } }, { { "a", 1 } }).lost, 5);
    }

    void aSecondEntryOfOneMessageIsADuplicate()
    {
        const AuditResult result = auditJournal({ { "a", 2 } }, { { "a", 1 }, { "a", 2 }, { "a", 2 } });
        QCOMPARE(result.duplicates, 1);
        QCOMPARE(result.lost, 0);
        QCOMPARE(result.reordered, 0);
    }

    void anEarlierMessageAfterALaterOneIsReordered()
    {
        const AuditResult result = auditJournal({ { "a", 3 } }, { { "a", 1 }, { "a", 3 }, { "a", 2 } });
        QCOMPARE(result.reordered, 1);
        QCOMPARE(result.lost, 0);
    }

    void orderIsPerStream()
    {
        // b's 1 after a's 2 is no reordering: streams are independent.
        QCOMPARE(auditJournal({ { "a", 2 }, { "b", 1 } }, { { "a", 1 }, { "a", 2 }, { "b", 1 } }).reordered, 0);
    }

    void anEntryNeverPublishedIsUnexpected()
    {
        const AuditResult result = auditJournal({ { "a", 1 } }, { { "a", 1 }, { "a", 2 }, { "z", 1 } });
        QCOMPARE(result.unexpected, 2);
        QCOMPARE(result.lost, 0);
    }
};

QTEST_GUILESS_MAIN(TestJournalAudit)
#include "tst_journalaudit.moc"
