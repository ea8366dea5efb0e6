#pragma once

#include "citytypes.h"
#include "qmlsingleton.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace citybrain {

// What a leader has put in focus on this wall (retained wall control): the wall shows that incident's
// card until the focus is cleared. The wall follows; it never needs input.
class WallFocus : public QObject, public QmlSingleton<WallFocus>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString incidentId READ incidentId NOTIFY changed) // empty: no focus
    Q_PROPERTY(QString page READ page NOTIFY changed)
    Q_PROPERTY(bool pinned READ pinned NOTIFY changed) // the page stays on (else the playlist goes on from it)
    Q_PROPERTY(QString console READ console NOTIFY changed) // who set it
    Q_PROPERTY(double sinceMs READ sinceMs NOTIFY changed)
public:
    // No default argument: Qt 6.4 would then create its own instance for QML.
    WallFocus(QString wallId, QObject* parent);

    // Controls for other walls are ignored; an older one than the one shown too.
    void apply(const std::vector<WallControl>& controls);

    [[nodiscard]] QString wallId() const { return m_wallId; }
    [[nodiscard]] QString incidentId() const { return m_control.focusIncident; }
    [[nodiscard]] QString page() const { return m_control.page; }
    [[nodiscard]] bool pinned() const { return m_control.pinned; }
    [[nodiscard]] QString console() const { return m_control.console; }
    [[nodiscard]] double sinceMs() const { return static_cast<double>(m_control.tsMs); }

Q_SIGNALS:
    void changed();

private:
    QString m_wallId;
    WallControl m_control;
};

} // namespace citybrain
