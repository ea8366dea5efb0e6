pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// Incidents in the model's order: open first, then priority P1..P4, then the longest waiting.
Panel {
    id: root

    title: qsTr("Incidents")
    subtitle: qsTr("%1 open").arg(Incidents.openCount)
    subtitleColor: Incidents.openCount > 0 ? Theme.warning : Theme.good
    empty: Incidents.count === 0
    emptyText: qsTr("No incidents reported")

    ListView {
        id: list

        anchors.fill: parent
        clip: true
        interactive: false
        spacing: Theme.spacingSmall
        model: Incidents
        boundsBehavior: Flickable.StopAtBounds

        delegate: IncidentRow {
            id: row

            required severity
            required kind
            required title
            required districtName
            required reportedMs
            required priority
            required open
            required alarm
            required property string incidentId
            // The lifecycle state (the role is named "state"; Item's own `state` is not used here).
            required property string state

            width: list.width
            height: Theme.incidentRowHeight
            lifecycleState: row.state
            focused: row.incidentId.length > 0 && row.incidentId === WallFocus.incidentId
        }
    }
}
