#include "consoleactions.h"

#include "logging.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace citybrain {

ConsoleActions::ConsoleActions(MqttClient* client, TopicScheme topics, QString role, QString clientId, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_topics(std::move(topics))
    , m_role(std::move(role))
    , m_clientId(std::move(clientId))
{ }

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
