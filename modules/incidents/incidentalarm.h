#pragma once

#include "incidentlifecycle.h"
#include "qmlsingleton.h"

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class QSoundEffect;

namespace citybrain {

class IncidentModel;

// Alarms that are heard: a new P1 or P2 sounds on dispatcher consoles and flashes until someone
// acknowledges it. If nobody does within its acknowledge SLA it escalates: leader consoles sound too.
// The wall flashes but is silent and never needs input.
class IncidentAlarm : public QObject, public QmlSingleton<IncidentAlarm>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Alarm)
    QML_SINGLETON
    Q_PROPERTY(bool active READ isActive NOTIFY changed) // something to flash about on this console
    Q_PROPERTY(int count READ count NOTIFY changed) // alarms this console shows
    Q_PROPERTY(int escalatedCount READ escalatedCount NOTIFY changed) // of them, past their acknowledge SLA
    Q_PROPERTY(QString incidentId READ incidentId NOTIFY changed) // the most urgent one
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(int priority READ priority NOTIFY changed)
    Q_PROPERTY(bool audible READ isAudible CONSTANT) // this console's role sounds alarms
    Q_PROPERTY(bool sounding READ isSounding NOTIFY changed) // the sound is on (or would be, with no device)
    Q_PROPERTY(QString soundError READ soundError NOTIFY changed) // why no sound is heard, if known
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    IncidentAlarm(IncidentModel* incidents, ConsoleRole role, QObject* parent);
    ~IncidentAlarm() override;

    // The sound to loop (a WAV file); none: silent.
    void setSound(const QUrl& source);

    [[nodiscard]] bool isActive() const { return m_count > 0; }
    [[nodiscard]] int count() const { return m_count; }
    [[nodiscard]] int escalatedCount() const { return m_escalated; }
    [[nodiscard]] QString incidentId() const { return m_incidentId; }
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] int priority() const { return m_priority; }
    [[nodiscard]] bool isAudible() const { return m_role != ConsoleRole::Wall; }
    [[nodiscard]] bool isSounding() const { return m_sounding; }
    [[nodiscard]] QString soundError() const { return m_soundError; }

Q_SIGNALS:
    void changed();

private:
    void evaluate();
    void setSounding(bool on);

    IncidentModel* m_incidents;
    ConsoleRole m_role;
    QSoundEffect* m_sound = nullptr;
    int m_count = 0;
    int m_escalated = 0;
    QString m_incidentId;
    QString m_title;
    int m_priority = 0;
    bool m_sounding = false;
    QString m_soundError;
};

} // namespace citybrain
