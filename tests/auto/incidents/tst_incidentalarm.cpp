#include "incidentalarm.h"
#include "incidentfixtures.h"
#include "incidentmodel.h"

#include <QAudioDevice>
#include <QFile>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QSoundEffect>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace citybrain;
using fixtures::action;
using fixtures::wang;
using fixtures::zhang;

namespace {
constexpr qint64 reported = 1'795'912'200'000;

// A valid 16-bit mono PCM WAV: a 0.1 s square wave.
bool writeWav(const QString& path)
{
    constexpr quint32 rate = 8000;
    constexpr int samples = 800;
    QByteArray pcm(samples * 2, Qt::Uninitialized);
    for (int i = 0; i < samples; ++i)
        qToLittleEndian<qint16>(i % 16 < 8 ? 8000 : -8000, pcm.data() + 2 * i);
    QByteArray wav;
    const auto u32 = [&](quint32 v) {
        char b[4];
        qToLittleEndian<quint32>(v, b);
        wav.append(b, 4);
    };
    const auto u16 = [&](quint16 v) {
        char b[2];
        qToLittleEndian<quint16>(v, b);
        wav.append(b, 2);
    };
    wav.append("RIFF");
    u32(36 + static_cast<quint32>(pcm.size()));
    wav.append("WAVEfmt ");
    u32(16); // fmt chunk size
    u16(1); // PCM
    u16(1); // mono
    u32(rate);
    u32(rate * 2); // bytes per second
    u16(2); // block align
    u16(16); // bits per sample
    wav.append("data");
    u32(static_cast<quint32>(pcm.size()));
    wav.append(pcm);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(wav) == wav.size();
}
} // namespace

class TestIncidentAlarm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<IncidentModel>(nullptr);
        m_model->tick(reported);
    }
    void cleanup() { m_model.reset(); }

    void aDispatcherIsAlarmedByEveryUnacknowledgedOpenP1OrP2()
    {
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        QVERIFY(alarm.isAudible());
        QVERIFY(!alarm.isActive());
        QVERIFY(!alarm.isSounding());

        QSignalSpy changed(&alarm, &IncidentAlarm::changed);
        IncidentEvent sourceClosed
            = fixtures::event(QStringLiteral("X"), QStringLiteral("waterlogging"), Severity::Major, reported);
        sourceClosed.status = QStringLiteral("closed");
        m_model->apply(
            { fixtures::event(QStringLiteral("W"), QStringLiteral("waterlogging"), Severity::Major, reported),
                fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported + 2000),
                fixtures::event(QStringLiteral("M"), QStringLiteral("waterlogging"), Severity::Moderate, reported),
                sourceClosed });
        QVERIFY(changed.count() >= 1);
        QVERIFY(alarm.isActive());
        QCOMPARE(alarm.count(), 2); // W (P2) and F (P1); not M (P3) nor X (closed)
        QCOMPARE(alarm.incidentId(), QStringLiteral("F")); // the most urgent first
        QCOMPARE(alarm.title(), QStringLiteral("title F"));
        QCOMPARE(alarm.priority(), 1);
        QCOMPARE(alarm.escalatedCount(), 0);
        QVERIFY(alarm.isSounding());

        m_model->applyActions({ action("F", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 10'000) });
        QCOMPARE(alarm.count(), 1);
        QCOMPARE(alarm.incidentId(), QStringLiteral("W"));
        QCOMPARE(alarm.priority(), 2);
        QVERIFY(alarm.isSounding());

        // Sending a unit acknowledges too: silence.
        changed.clear();
        m_model->applyActions(
            { fixtures::withUnit(action("W", "c1-2", zhang(), ActionKind::Dispatch, 0, reported + 20'000),
                UnitType::Utility, QStringLiteral("U-03")) });
        QVERIFY(!alarm.isActive());
        QCOMPARE(alarm.count(), 0);
        QCOMPARE(alarm.incidentId(), QString());
        QVERIFY(!alarm.isSounding());
        QVERIFY(changed.count() >= 1);
    }

    void aP3RaisedToP2StartsTheAlarm()
    {
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        m_model->apply(
            { fixtures::event(QStringLiteral("M"), QStringLiteral("waterlogging"), Severity::Moderate, reported) });
        QVERIFY(!alarm.isActive());
        m_model->applyActions({ fixtures::withPriority(
            action("M", "c1-1", zhang(), ActionKind::Reprioritise, 0, reported + 1000), 2, QStringLiteral("地铁口")) });
        QVERIFY(alarm.isActive());
        QCOMPARE(alarm.incidentId(), QStringLiteral("M"));
    }

    void aLeaderIsAlarmedOnlyPastTheAcknowledgeSla()
    {
        IncidentAlarm leader(m_model.get(), ConsoleRole::Leader, nullptr);
        IncidentAlarm dispatcher(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported),
            fixtures::event(QStringLiteral("W"), QStringLiteral("waterlogging"), Severity::Major, reported) });
        QCOMPARE(dispatcher.count(), 2);
        QVERIFY(!leader.isActive());
        QVERIFY(!leader.isSounding());

        m_model->tick(reported + 60'001); // F is P1: one minute; W is P2: two
        QVERIFY(leader.isActive());
        QCOMPARE(leader.count(), 1);
        QCOMPARE(leader.incidentId(), QStringLiteral("F"));
        QCOMPARE(leader.escalatedCount(), 1);
        QVERIFY(leader.isSounding());
        QCOMPARE(dispatcher.count(), 2);
        QCOMPARE(dispatcher.escalatedCount(), 1);

        m_model->tick(reported + 120'001);
        QCOMPARE(leader.count(), 2);

        // Acknowledged late: the leaders' alarm stops too.
        m_model->applyActions({ action("F", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 130'000),
            action("W", "c2-1", wang(), ActionKind::Acknowledge, 0, reported + 131'000) });
        QVERIFY(!leader.isActive());
        QVERIFY(!leader.isSounding());
        QCOMPARE(leader.escalatedCount(), 0);
    }

    void theWallShowsButNeverSounds()
    {
        IncidentAlarm wall(m_model.get(), ConsoleRole::Wall, nullptr);
        QVERIFY(!wall.isAudible());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString wav = dir.filePath(QStringLiteral("alarm.wav"));
        QVERIFY(writeWav(wav));
        wall.setSound(QUrl::fromLocalFile(wav));
        QCOMPARE(wall.findChild<QSoundEffect*>(), nullptr); // no sound is even loaded
        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported) });
        QVERIFY(wall.isActive()); // it flashes
        QCOMPARE(wall.count(), 1);
        QVERIFY(!wall.isSounding());
        QCOMPARE(wall.soundError(), QString());
    }

    void anExistingAlarmIsFoundAtStart()
    {
        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported) });
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        QVERIFY(alarm.isActive());
        QVERIFY(alarm.isSounding());
        m_model->reset({});
        QVERIFY(!alarm.isActive());
    }

    void theOperationsLogNamesTheAlarm()
    {
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        QTest::ignoreMessage(QtInfoMsg, "alarm sounding for \"F\"");
        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported) });
        QTest::ignoreMessage(QtInfoMsg, "alarm silenced; last was \"F\"");
        m_model->applyActions({ action("F", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 10'000) });
        QVERIFY(!alarm.isSounding());
    }

    // What QSoundEffect does here, on a machine with no audio device: it loads a valid WAV, reaches Ready
    // and says it is playing, with no error. What an operator relies on is `sounding` (the banner) and
    // `soundError` (why nothing is heard).
    void aRealSoundFollowsTheAlarm()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString wav = dir.filePath(QStringLiteral("alarm.wav"));
        QVERIFY(writeWav(wav));
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        alarm.setSound(QUrl::fromLocalFile(wav));
        auto* effect = alarm.findChild<QSoundEffect*>();
        QVERIFY(effect);
        QTRY_COMPARE(effect->status(), QSoundEffect::Ready);
        QVERIFY(!effect->isPlaying());
        QCOMPARE(effect->loopCount(), int(QSoundEffect::Infinite));

        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported) });
        QVERIFY(alarm.isSounding());
        QVERIFY(effect->isPlaying());

        m_model->applyActions({ action("F", "c1-1", zhang(), ActionKind::Acknowledge, 0, reported + 10'000) });
        QVERIFY(!alarm.isSounding());
        QVERIFY(!effect->isPlaying());
        QCOMPARE(effect->status(), QSoundEffect::Ready); // a good file never errs, device or not
    }

    void noAudioOutputIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString wav = dir.filePath(QStringLiteral("alarm.wav"));
        QVERIFY(writeWav(wav));
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        alarm.setSound(QUrl::fromLocalFile(wav));
        QTRY_COMPARE(alarm.findChild<QSoundEffect*>()->status(), QSoundEffect::Ready);
        if (QMediaDevices::audioOutputs().isEmpty()) {
            QVERIFY(!alarm.soundError().isEmpty()); // nothing will be heard, and the console says so
            qInfo("no audio output here: soundError is \"%s\"", qPrintable(alarm.soundError()));
        } else {
            QCOMPARE(alarm.soundError(), QString());
        }
    }

    void aBrokenSoundFileIsReported_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // empty: no file at all
        QTest::newRow("missing") << "missing.wav" << QByteArray();
        QTest::newRow("not a wav") << "notes.wav" << QByteArray("RIFF? no, just text\n");
    }
    void aBrokenSoundFileIsReported()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(name);
        if (!content.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        m_model->apply({ fixtures::event(QStringLiteral("F"), QStringLiteral("fire"), Severity::Major, reported) });
        IncidentAlarm alarm(m_model.get(), ConsoleRole::Dispatcher, nullptr);
        QSignalSpy changed(&alarm, &IncidentAlarm::changed);
        alarm.setSound(QUrl::fromLocalFile(path));
        auto* effect = alarm.findChild<QSoundEffect*>();
        QVERIFY(effect);
        QTRY_COMPARE(effect->status(), QSoundEffect::Error);
        QVERIFY(!alarm.soundError().isEmpty());
        QVERIFY(changed.count() >= 1);
        QVERIFY(alarm.isSounding()); // the banner still shows the alarm
        QVERIFY(!effect->isPlaying());
    }

private:
    std::unique_ptr<IncidentModel> m_model;
};

QTEST_GUILESS_MAIN(TestIncidentAlarm)
#include "tst_incidentalarm.moc"
