#include "incidentalarm.h"

#include "incidentmodel.h"

#include <QAudioDevice>
#include <QLoggingCategory>
#include <QMediaDevices>
#include <QSoundEffect>

namespace citybrain {

Q_LOGGING_CATEGORY(lcAlarm, "citybrain.alarm")

IncidentAlarm::IncidentAlarm(IncidentModel* incidents, ConsoleRole role, QObject* parent)
    : QObject(parent)
    , m_incidents(incidents)
    , m_role(role)
{
    // Any change of a case or of its SLA clock may start or stop an alarm; evaluate once per batch.
    connect(m_incidents, &IncidentModel::casesChanged, this, &IncidentAlarm::evaluate);
    evaluate();
}

IncidentAlarm::~IncidentAlarm() = default;

void IncidentAlarm::setSound(const QUrl& source)
{
    if (!isAudible())
        return;
    const auto cannotPlay = [] { return tr("The alarm sound cannot be played (no audio output or a bad file)."); };
    if (!m_sound) {
        m_sound = new QSoundEffect(this);
        m_sound->setLoopCount(QSoundEffect::Infinite);
        connect(m_sound, &QSoundEffect::statusChanged, this, [this, cannotPlay] {
            if (m_sound->status() == QSoundEffect::Error) {
                m_soundError = cannotPlay();
                qCWarning(lcAlarm) << "alarm sound failed:" << m_sound->source();
                Q_EMIT changed();
            }
        });
    }
    // A new source forgets the old one's error. With no audio output at all QSoundEffect reports no error
    // (it loads and "plays" into nothing), so that case is found here.
    const bool noOutput = QMediaDevices::audioOutputs().isEmpty();
    if (noOutput)
        qCWarning(lcAlarm) << "no audio output: alarms will not be heard";
    const QString error = noOutput ? cannotPlay() : QString();
    if (error != m_soundError) {
        m_soundError = error;
        Q_EMIT changed();
    }
    m_sound->setSource(source);
    if (m_sounding)
        m_sound->play();
}

void IncidentAlarm::evaluate()
{
    int count = 0;
    int escalated = 0;
    QString top;
    QString title;
    int topPriority = 0;
    // Rows come in queue order: the first alarm is the most urgent, longest waiting.
    for (int row = 0; row < m_incidents->rowCount(); ++row) {
        const QModelIndex index = m_incidents->index(row);
        if (!m_incidents->data(index, IncidentModel::AlarmRole).toBool())
            continue;
        const bool overdue = m_incidents->data(index, IncidentModel::SlaBreachedRole).toBool();
        escalated += overdue ? 1 : 0;
        // Leaders are alarmed only once dispatchers have let the acknowledge SLA pass.
        if (m_role == ConsoleRole::Leader && !overdue)
            continue;
        if (count++ == 0) {
            top = m_incidents->data(index, IncidentModel::IdRole).toString();
            title = m_incidents->data(index, IncidentModel::TitleRole).toString();
            topPriority = m_incidents->data(index, IncidentModel::PriorityRole).toInt();
        }
    }
    const bool differs = count != m_count || escalated != m_escalated || top != m_incidentId || title != m_title
        || topPriority != m_priority;
    const bool sounding = isAudible() && count > 0;
    if (!sounding)
        setSounding(false); // before m_incidentId changes: the log names the alarm that stopped
    m_count = count;
    m_escalated = escalated;
    m_incidentId = top;
    m_title = title;
    m_priority = topPriority;
    if (sounding)
        setSounding(true);
    if (differs)
        Q_EMIT changed();
}

void IncidentAlarm::setSounding(bool on)
{
    if (on == m_sounding)
        return;
    m_sounding = on;
    qCInfo(lcAlarm) << (on ? "alarm sounding for" : "alarm silenced; last was") << m_incidentId;
    if (m_sound) {
        if (on)
            m_sound->play();
        else
            m_sound->stop();
    }
    Q_EMIT changed();
}

} // namespace citybrain
