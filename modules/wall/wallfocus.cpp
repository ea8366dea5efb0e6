#include "wallfocus.h"

namespace citybrain {

WallFocus::WallFocus(QString wallId, QObject* parent)
    : QObject(parent)
    , m_wallId(std::move(wallId))
{ }

void WallFocus::apply(const std::vector<WallControl>& controls)
{
    bool changedNow = false;
    for (const WallControl& control : controls) {
        if (control.wallId != m_wallId || control.tsMs < m_control.tsMs)
            continue;
        // ts counts too: an unpinned page starts at it, so the same page sent again restarts the playlist there.
        changedNow = changedNow || control.focusIncident != m_control.focusIncident || control.page != m_control.page
            || control.pinned != m_control.pinned || control.console != m_control.console
            || control.tsMs != m_control.tsMs;
        m_control = control;
    }
    if (changedNow)
        Q_EMIT changed();
}

} // namespace citybrain
