#include "incidentfixtures.h"
#include "incidentpriority.h"

#include <QTest>

using namespace citybrain;

namespace {
IncidentEvent incident(const QString& kind, Severity severity)
{
    return fixtures::event(QStringLiteral("INC-1"), kind, severity, 1'000);
}

IncidentEvent fromCap(const QString& kind, Severity severity, const QString& urgency, const QString& certainty)
{
    IncidentEvent e = incident(kind, severity);
    CapAlert cap;
    cap.identifier = QStringLiteral("CAP-1");
    cap.msgType = QStringLiteral("Alert");
    cap.urgency = urgency;
    cap.certainty = certainty;
    e.cap = cap;
    return e;
}
} // namespace

class TestIncidentPriority : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void severityGivesTheBase_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<int>("priority");
        QTest::newRow("critical 特别重大") << int(Severity::Critical) << 1;
        QTest::newRow("major 重大") << int(Severity::Major) << 2;
        QTest::newRow("moderate 较大") << int(Severity::Moderate) << 3;
        QTest::newRow("minor 一般") << int(Severity::Minor) << 4;
    }
    void severityGivesTheBase()
    {
        QFETCH(int, severity);
        QFETCH(int, priority);
        for (const char* kind : { "waterlogging", "traffic_accident", "pollution", "city_management", "other" })
            QCOMPARE(derivePriority(incident(QLatin1String(kind), Severity(severity))), priority);
    }

    void fireAndGasLeakAreOneLevelMoreUrgent_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("severity");
        QTest::addColumn<int>("priority");
        for (const QString& kind : { QStringLiteral("fire"), QStringLiteral("gas_leak") }) {
            QTest::addRow("%s critical (clamped)", qPrintable(kind)) << kind << int(Severity::Critical) << 1;
            QTest::addRow("%s major", qPrintable(kind)) << kind << int(Severity::Major) << 1;
            QTest::addRow("%s moderate", qPrintable(kind)) << kind << int(Severity::Moderate) << 2;
            QTest::addRow("%s minor", qPrintable(kind)) << kind << int(Severity::Minor) << 3;
        }
        // Only those two kinds: a similar-sounding one is not promoted.
        QTest::newRow("fire_drill minor") << QStringLiteral("fire_drill") << int(Severity::Minor) << 4;
        QTest::newRow("Fire minor") << QStringLiteral("Fire") << int(Severity::Minor) << 4;
    }
    void fireAndGasLeakAreOneLevelMoreUrgent()
    {
        QFETCH(QString, kind);
        QFETCH(int, severity);
        QFETCH(int, priority);
        QCOMPARE(derivePriority(incident(kind, Severity(severity))), priority);
    }

    void capUrgencyAndCertaintyAdjust_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("urgency");
        QTest::addColumn<QString>("certainty");
        QTest::addColumn<int>("priority");
        const QString flood = QStringLiteral("waterlogging");
        const int moderate = int(Severity::Moderate); // base P3
        QTest::newRow("Immediate+Observed: more urgent") << flood << moderate << "Immediate"
                                                         << "Observed" << 2;
        QTest::newRow("Immediate+Likely: unchanged") << flood << moderate << "Immediate"
                                                     << "Likely" << 3;
        QTest::newRow("Expected+Observed: unchanged") << flood << moderate << "Expected"
                                                      << "Observed" << 3;
        QTest::newRow("Expected+Likely: unchanged") << flood << moderate << "Expected"
                                                    << "Likely" << 3;
        QTest::newRow("Unknown+Unknown: unchanged") << flood << moderate << "Unknown"
                                                    << "Unknown" << 3;
        QTest::newRow("Expected+Possible: less urgent") << flood << moderate << "Expected"
                                                        << "Possible" << 4;
        QTest::newRow("Expected+Unlikely: less urgent") << flood << moderate << "Expected"
                                                        << "Unlikely" << 4;
        QTest::newRow("Future+Likely: less urgent") << flood << moderate << "Future"
                                                    << "Likely" << 4;
        QTest::newRow("Past+Observed: less urgent") << flood << moderate << "Past"
                                                    << "Observed" << 4;
        // Both reasons at once still make one level, and Immediate does not cancel a doubt.
        QTest::newRow("Future+Possible: one level") << flood << int(Severity::Major) << "Future"
                                                    << "Possible" << 3;
        QTest::newRow("Immediate+Possible: less urgent") << flood << int(Severity::Major) << "Immediate"
                                                         << "Possible" << 3;
        // Clamped to P1..P4.
        QTest::newRow("critical fire, Immediate+Observed: P1") << "fire" << int(Severity::Critical) << "Immediate"
                                                               << "Observed" << 1;
        QTest::newRow("critical, Immediate+Observed: P1") << flood << int(Severity::Critical) << "Immediate"
                                                          << "Observed" << 1;
        QTest::newRow("minor, Possible: P4") << flood << int(Severity::Minor) << "Expected"
                                             << "Possible" << 4;
        // The kind and CAP rules add up.
        QTest::newRow("moderate gas leak, Immediate+Observed") << "gas_leak" << moderate << "Immediate"
                                                               << "Observed" << 1;
        QTest::newRow("minor gas leak, Past") << "gas_leak" << int(Severity::Minor) << "Past"
                                              << "Observed" << 4;
    }
    void capUrgencyAndCertaintyAdjust()
    {
        QFETCH(QString, kind);
        QFETCH(int, severity);
        QFETCH(QString, urgency);
        QFETCH(QString, certainty);
        QFETCH(int, priority);
        QCOMPARE(derivePriority(fromCap(kind, Severity(severity), urgency, certainty)), priority);
    }

    void withoutCapOnlyKindAndSeverityCount()
    {
        // The same incident with and without an (empty-field) CAP block: no CAP word, no change.
        IncidentEvent plain = incident(QStringLiteral("waterlogging"), Severity::Moderate);
        IncidentEvent capped = fromCap(QStringLiteral("waterlogging"), Severity::Moderate, {}, {});
        QCOMPARE(derivePriority(plain), 3);
        QCOMPARE(derivePriority(capped), 3);
    }
};

QTEST_GUILESS_MAIN(TestIncidentPriority)
#include "tst_incidentpriority.moc"
