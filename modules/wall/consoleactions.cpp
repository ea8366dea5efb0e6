#include "consoleactions.h"

#include "incidentactionjson.h"
#include "incidentlifecycle.h"
#include "incidentmodel.h"
#include "logging.h"
#include "mqttclient.h"
#include "wallfocus.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace citybrain {

ConsoleActions::ConsoleActions(MqttClient* client, TopicScheme topics, QString role, QString clientId, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_topics(std::move(topics))
    , m_role(std::move(role))
    , m_clientId(std::move(clientId))
    , m_actor(m_clientId)
    // Action ids are <console>-<seq>; starting at the clock keeps them unique across restarts.
    , m_seq(QDateTime::currentMSecsSinceEpoch())
{ }

bool ConsoleActions::canDispatch() const
{
    return m_role == QLatin1String("dispatcher") || m_role == QLatin1String("leader");
}

bool ConsoleActions::may(const QString& action, const QString& incidentId) const
{
    ActionKind kind = ActionKind::Note;
    ConsoleRole role = ConsoleRole::Wall;
    if (!actionKindFromName(action, &kind) || !consoleRoleFromName(m_role, &role) || !roleMay(role, kind))
        return false;
    if (incidentId.isEmpty())
        return true;
    const IncidentCase* incident = m_incidents ? m_incidents->find(incidentId) : nullptr;
    return incident && nextStateOf(*incident, kind).has_value();
}

bool ConsoleActions::refuse(const QString& why)
{
    qCWarning(lcWall) << "action refused:" << why;
    m_lastRefusal = why;
    Q_EMIT lastRefusalChanged();
    return false;
}

bool ConsoleActions::act(IncidentAction action)
{
    const QString name = actionKindName(action.kind);
    if (!may(name))
        return refuse(tr("Your role (%1) may not %2.").arg(m_role, name));
    const IncidentCase* incident = m_incidents ? m_incidents->find(action.incidentId) : nullptr;
    if (!incident)
        return refuse(tr("Incident %1 is not known here.").arg(action.incidentId));
    if (!nextStateOf(*incident, action.kind))
        return refuse(tr("Incident %1 is %2: %3 is not possible now.")
                          .arg(action.incidentId, incidentStateName(incident->state), name));
    if (!m_client)
        return refuse(tr("No broker connection."));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    action.seq = ++m_seq;
    action.actionId = QStringLiteral("%1-%2").arg(m_clientId.left(40)).arg(action.seq);
    action.actor = m_actor.left(64);
    action.role = m_role;
    action.console = m_clientId.left(64);
    action.baseVersion = incident->version;
    action.tsMs = now;
    // QoS 1 and not retained: the journal of every console is the record, the broker only carries it.
    if (!m_client->publish(m_topics.incidentAction(action.incidentId), incidentActionToJson(action), 1, false))
        return refuse(tr("The broker did not take the action; try again."));
    qCInfo(lcWall) << "action" << name << "on" << action.incidentId << "as" << action.actionId << "based on version"
                   << action.baseVersion;
    if (!m_lastRefusal.isEmpty()) {
        m_lastRefusal.clear();
        Q_EMIT lastRefusalChanged();
    }
    return true;
}

namespace {
IncidentAction actionOn(const QString& incidentId, ActionKind kind, const QString& note = {})
{
    IncidentAction action;
    action.incidentId = incidentId;
    action.kind = kind;
    action.note = note.trimmed();
    return action;
}
} // namespace

bool ConsoleActions::acknowledge(const QString& incidentId)
{
    return act(actionOn(incidentId, ActionKind::Acknowledge));
}

bool ConsoleActions::dispatchUnit(const QString& incidentId, const QString& unitType, const QString& unitId)
{
    IncidentAction action = actionOn(incidentId, ActionKind::Dispatch);
    if (!unitTypeFromName(unitType, &action.unitType))
        return refuse(tr("Unknown unit type: %1").arg(unitType));
    action.unitId = unitId.trimmed();
    if (action.unitId.isEmpty() || action.unitId.size() > 64)
        return refuse(tr("A unit needs a call sign (at most 64 characters)."));
    return act(action);
}

bool ConsoleActions::arriveOnScene(const QString& incidentId, const QString& unitId)
{
    IncidentAction action = actionOn(incidentId, ActionKind::OnScene);
    action.unitId = unitId.trimmed();
    if (const IncidentCase* incident = m_incidents ? m_incidents->find(incidentId) : nullptr) {
        for (const UnitAssignment& unit : incident->units) {
            if (unit.unitId == action.unitId)
                action.unitType = unit.type;
        }
    }
    return act(action);
}

bool ConsoleActions::resolve(const QString& incidentId, const QString& note)
{
    return act(actionOn(incidentId, ActionKind::Resolve, note));
}

bool ConsoleActions::addNote(const QString& incidentId, const QString& text)
{
    if (text.trimmed().isEmpty() || text.size() > 2000)
        return refuse(tr("A note needs text (at most 2000 characters)."));
    return act(actionOn(incidentId, ActionKind::Note, text));
}

bool ConsoleActions::attach(const QString& incidentId, const QString& uri)
{
    IncidentAction action = actionOn(incidentId, ActionKind::Attach);
    action.uri = uri.trimmed();
    const QString scheme = QUrl(action.uri).scheme();
    static const QStringList schemes { QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("file"),
        QStringLiteral("ftp"), QStringLiteral("rtsp") };
    if (action.uri.size() > 2000 || !schemes.contains(scheme))
        return refuse(tr("An attachment is a http, https, file, ftp or rtsp address."));
    return act(action);
}

bool ConsoleActions::reprioritise(const QString& incidentId, int priority, const QString& reason)
{
    IncidentAction action = actionOn(incidentId, ActionKind::Reprioritise, reason);
    if (priority < 1 || priority > 4)
        return refuse(tr("Priority is P1 to P4."));
    if (action.note.isEmpty())
        return refuse(tr("Changing the priority needs a reason."));
    action.priority = priority;
    return act(action);
}

bool ConsoleActions::classify(const QString& incidentId, const QString& kind)
{
    IncidentAction action = actionOn(incidentId, ActionKind::Classify);
    action.incidentKind = kind.trimmed();
    static const QRegularExpression token(QStringLiteral("^[a-z_]{1,40}$"));
    if (!token.match(action.incidentKind).hasMatch())
        return refuse(tr("Unknown incident kind: %1").arg(kind));
    return act(action);
}

bool ConsoleActions::merge(const QString& incidentId, const QString& intoIncidentId)
{
    IncidentAction action = actionOn(incidentId, ActionKind::Merge);
    action.mergeInto = intoIncidentId.trimmed();
    if (action.mergeInto == incidentId || !m_incidents || !m_incidents->find(action.mergeInto))
        return refuse(tr("Merge into which incident? %1 is not known here.").arg(intoIncidentId));
    return act(action);
}

bool ConsoleActions::escalate(const QString& incidentId, const QString& note)
{
    return act(actionOn(incidentId, ActionKind::Escalate, note));
}

bool ConsoleActions::close(const QString& incidentId, const QString& note)
{
    return act(actionOn(incidentId, ActionKind::Close, note));
}

bool ConsoleActions::cancel(const QString& incidentId, const QString& note)
{
    return act(actionOn(incidentId, ActionKind::Cancel, note));
}

const WallFocus* ConsoleActions::wallFocus() const
{
    return m_wallFocus ? m_wallFocus : WallFocus::instance();
}

bool ConsoleActions::publishWallControl(const QString& page, bool pinned, const QString& focusIncident)
{
    if (!m_client)
        return refuse(tr("No broker connection."));
    QJsonObject control {
        { QStringLiteral("ts"), QDateTime::currentMSecsSinceEpoch() },
        { QStringLiteral("seq"), ++m_seq },
        { QStringLiteral("focus_incident"), focusIncident },
        { QStringLiteral("console"), m_clientId.left(64) },
        { QStringLiteral("role"), m_role },
    };
    if (!page.isEmpty()) {
        control.insert(QStringLiteral("page"), page);
        control.insert(QStringLiteral("pinned"), pinned);
    }
    // Retained: a wall node that starts later shows the same.
    return m_client->publish(
        m_topics.wallControl(m_wallId), QJsonDocument(control).toJson(QJsonDocument::Compact), 1, true);
}

bool ConsoleActions::focusWall(const QString& incidentId)
{
    if (!canLead())
        return refuse(tr("Only a leader steers the wall."));
    if (!incidentId.isEmpty() && (!m_incidents || !m_incidents->find(incidentId)))
        return refuse(tr("Incident %1 is not known here.").arg(incidentId));
    const WallFocus* focus = wallFocus();
    return publishWallControl(focus ? focus->page() : QString(), focus && focus->pinned(), incidentId);
}

bool ConsoleActions::showPage(const QString& pageId, bool pinned)
{
    if (!canLead())
        return refuse(tr("Only a leader steers the wall."));
    // The wall checks the id against its layout; here only the contract's form.
    static const QRegularExpression pageForm(QStringLiteral("^[a-z0-9_-]{1,64}$"));
    if (!pageId.isEmpty() && !pageForm.match(pageId).hasMatch())
        return refuse(tr("Not a page id: %1").arg(pageId));
    const WallFocus* focus = wallFocus();
    return publishWallControl(pageId, pinned, focus ? focus->incidentId() : QString());
}

bool ConsoleActions::annotate(const QString& text, double atMs)
{
    const QString trimmed = text.trimmed();
    if (!canAnnotate()) {
        qCWarning(lcWall) << "annotation refused: role" << m_role << "may not annotate";
        return false;
    }
    if (!m_client || trimmed.isEmpty() || trimmed.size() > 500 || !(atMs >= 0))
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString id
        = QStringLiteral("%1-%2").arg(m_clientId.left(40), QUuid::createUuid().toString(QUuid::Id128).left(16));
    const QByteArray payload = QJsonDocument(
        QJsonObject { { QStringLiteral("ts"), now }, { QStringLiteral("seq"), ++m_seq },
            { QStringLiteral("at"), static_cast<qint64>(atMs) }, { QStringLiteral("text"), trimmed },
            { QStringLiteral("author"), m_clientId }, { QStringLiteral("role"), m_role },
            { QStringLiteral("console"),
                m_clientId } }).toJson(QJsonDocument::Compact);
    return m_client->publish(m_topics.annotation(id), payload, 1, true);
}

bool ConsoleActions::removeAnnotation(const QString& annotationId)
{
    if (!m_client || !canAnnotate() || !TopicScheme::isValidId(annotationId))
        return false;
    return m_client->publish(m_topics.annotation(annotationId), QByteArray(), 1, true);
}

} // namespace citybrain
