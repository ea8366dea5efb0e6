#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"
#include "topicscheme.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

class IncidentModel;
class MqttClient;
class WallFocus;

// What a console may do, as commands QML calls: validated here, then published on the broker (QoS 1)
// so every console and the wall apply them, this one included (it applies its own action when the
// broker delivers it back, after journalling it, like anyone else's). A role that may not take an
// action is not offered it (may() says so) and is refused here if asked anyway.
class ConsoleActions : public QObject, public QmlSingleton<ConsoleActions>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool canAnnotate READ canAnnotate CONSTANT)
    Q_PROPERTY(bool canDispatch READ canDispatch CONSTANT) // dispatcher or leader
    Q_PROPERTY(bool canLead READ canLead CONSTANT) // leader: escalate, close, cancel, focus the wall
    Q_PROPERTY(QString lastRefusal READ lastRefusal NOTIFY lastRefusalChanged) // why the last one was refused
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    ConsoleActions(MqttClient* client, TopicScheme topics, QString role, QString clientId, QObject* parent);

    [[nodiscard]] bool canAnnotate() const { return m_role == QLatin1String("leader"); }
    [[nodiscard]] bool canDispatch() const;
    [[nodiscard]] bool canLead() const { return m_role == QLatin1String("leader"); }
    [[nodiscard]] QString lastRefusal() const { return m_lastRefusal; }
    // The broker connection the actions go out on (none yet: actions are refused).
    void setClient(MqttClient* client) { m_client = client; }
    // Where the base version and the allowed transitions of an incident come from.
    void setIncidents(const IncidentModel* incidents) { m_incidents = incidents; }
    // The wall this console steers (focus, page).
    void setWallId(const QString& wallId) { m_wallId = wallId; }
    // That wall's control as received (a wall push keeps what it does not change); unset:
    // WallFocus::instance().
    void setWallFocus(const WallFocus* focus) { m_wallFocus = focus; }
    // Who acts (shown on every console's timeline); the console id if not set.
    void setActor(const QString& actor) { m_actor = actor; }

    // May this console's role take `action` ("acknowledge", ...) on this incident now? False when the
    // role may not, or the incident's state does not allow it.
    Q_INVOKABLE [[nodiscard]] bool may(const QString& action, const QString& incidentId = {}) const;

    // Each returns false, with lastRefusal set, when refused (role, state, missing or bad input).
    Q_INVOKABLE bool acknowledge(const QString& incidentId);
    // unitType: police, fire, medical, city_management, utility; unitId: the unit's call sign.
    Q_INVOKABLE bool dispatchUnit(const QString& incidentId, const QString& unitType, const QString& unitId);
    Q_INVOKABLE bool arriveOnScene(const QString& incidentId, const QString& unitId);
    Q_INVOKABLE bool resolve(const QString& incidentId, const QString& note);
    Q_INVOKABLE bool addNote(const QString& incidentId, const QString& text);
    Q_INVOKABLE bool attach(const QString& incidentId, const QString& uri);
    Q_INVOKABLE bool reprioritise(const QString& incidentId, int priority, const QString& reason);
    Q_INVOKABLE bool classify(const QString& incidentId, const QString& kind);
    Q_INVOKABLE bool merge(const QString& incidentId, const QString& intoIncidentId);
    Q_INVOKABLE bool escalate(const QString& incidentId, const QString& note);
    Q_INVOKABLE bool close(const QString& incidentId, const QString& note);
    Q_INVOKABLE bool cancel(const QString& incidentId, const QString& note);
    // Leader: puts an incident in focus on the wall (retained wall control); "" clears the focus. The page
    // and pin in force stay.
    Q_INVOKABLE bool focusWall(const QString& incidentId);
    // Leader: shows a layout page on the wall; pinned, it stays there, otherwise the playlist goes on from
    // it. The focus in force stays. An empty pageId lets the playlist run on the wall clock.
    Q_INVOKABLE bool showPage(const QString& pageId, bool pinned);

    // Notes `text` at the moment `atMs` (epoch ms) on every chart of every console. Retained, so a
    // console that starts later sees it too. False if refused (role, empty or too long text).
    Q_INVOKABLE bool annotate(const QString& text, double atMs);
    // Takes an annotation back (an empty retained payload).
    Q_INVOKABLE bool removeAnnotation(const QString& annotationId);

Q_SIGNALS:
    void lastRefusalChanged();

private:
    bool act(IncidentAction action);
    bool refuse(const QString& why);
    bool publishWallControl(const QString& page, bool pinned, const QString& focusIncident);
    [[nodiscard]] const WallFocus* wallFocus() const;

    MqttClient* m_client;
    const IncidentModel* m_incidents = nullptr;
    const WallFocus* m_wallFocus = nullptr;
    TopicScheme m_topics;
    QString m_role;
    QString m_clientId;
    QString m_actor;
    QString m_wallId = QStringLiteral("main");
    QString m_lastRefusal;
    qint64 m_seq = 0;
};

} // namespace citybrain
