#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// Which sources and consoles are online, from their retained presence messages and last wills.
class PresenceModel : public QAbstractListModel, public QmlSingleton<PresenceModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Presence)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countsChanged)
    Q_PROPERTY(int onlineCount READ onlineCount NOTIFY countsChanged)
public:
    enum Roles {
        ClientIdRole = Qt::UserRole + 1,
        KindRole,
        OnlineRole,
        SinceMsRole,
    };
    Q_ENUM(Roles)

    // No default argument: Qt 6.4 would then create its own, empty instance for QML.
    explicit PresenceModel(QObject* parent);

    // In arrival order; an older message for a client does not replace a newer one.
    void apply(const std::vector<PresenceStatus>& statuses);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int onlineCount() const;

Q_SIGNALS:
    void countsChanged();

private:
    std::vector<PresenceStatus> m_clients; // sorted by kind, then client id
};

} // namespace citybrain
