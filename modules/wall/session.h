#pragma once

#include "qmlsingleton.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// Who this console is: role, language, version. Fixed for the life of the process.
class Session : public QObject, public QmlSingleton<Session>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString role READ role CONSTANT)
    Q_PROPERTY(QString language READ language CONSTANT)
    Q_PROPERTY(QString clientId READ clientId CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    // The offline basemap every map of this console draws (map/basemap, --basemap), and its datum.
    Q_PROPERTY(QString basemap READ basemap CONSTANT)
    Q_PROPERTY(QString basemapDatum READ basemapDatum CONSTANT)
public:
    Session(QString role, QString language, QString clientId, QObject* parent = nullptr);

    [[nodiscard]] QString role() const { return m_role; }
    [[nodiscard]] QString language() const { return m_language; }
    [[nodiscard]] QString clientId() const { return m_clientId; }
    [[nodiscard]] QString version() const { return QStringLiteral(CITYBRAIN_VERSION); }
    [[nodiscard]] QString basemap() const { return m_basemap; }
    [[nodiscard]] QString basemapDatum() const { return m_basemapDatum; }
    // Before QML loads (the properties are constant for QML).
    void setBasemap(const QString& path, const QString& datum)
    {
        m_basemap = path;
        m_basemapDatum = datum;
    }

private:
    QString m_role;
    QString m_language;
    QString m_clientId;
    QString m_basemap;
    QString m_basemapDatum = QStringLiteral("wgs84");
};

} // namespace citybrain
