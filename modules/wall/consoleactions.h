#pragma once

#include "qmlsingleton.h"
#include "topicscheme.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

class MqttClient;

// What a console may do, as commands QML calls: validated here, then published on the broker so every
// console and the wall apply them. A role that may not take an action is not offered it (the
// property says so) and is refused here if asked anyway.
class ConsoleActions : public QObject, public QmlSingleton<ConsoleActions>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool canAnnotate READ canAnnotate CONSTANT)
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    ConsoleActions(MqttClient* client, TopicScheme topics, QString role, QString clientId, QObject* parent);

    [[nodiscard]] bool canAnnotate() const { return m_role == QLatin1String("leader"); }
    // The broker connection the actions go out on (none yet: actions are refused).
    void setClient(MqttClient* client) { m_client = client; }

    // Notes `text` at the moment `atMs` (epoch ms) on every chart of every console. Retained, so a
    // console that starts later sees it too. False if refused (role, empty or too long text).
    Q_INVOKABLE bool annotate(const QString& text, double atMs);
    // Takes an annotation back (an empty retained payload).
    Q_INVOKABLE bool removeAnnotation(const QString& annotationId);

private:
    MqttClient* m_client;
    TopicScheme m_topics;
    QString m_role;
    QString m_clientId;
    qint64 m_seq = 0;
};

} // namespace citybrain
