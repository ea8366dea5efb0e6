#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// Leaders' notes on the city's timeline, by the moment they are about; every chart marks them.
class AnnotationModel : public QAbstractListModel, public QmlSingleton<AnnotationModel>
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Annotations)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        AtMsRole,
        TextRole,
        AuthorRole,
    };
    Q_ENUM(Roles)

    static constexpr int limit = 1000; // the oldest leave first

    // No default argument: Qt 6.4 would then create its own, empty instance for QML.
    explicit AnnotationModel(QObject* parent);

    // Adds or replaces by id; a removed one leaves.
    void apply(const std::vector<Annotation>& annotations);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<Annotation> m_annotations; // by atMs, then id
};

} // namespace citybrain
