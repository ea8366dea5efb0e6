pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents

// Incidents, most severe first then newest (the model's order).
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
            required severity
            required kind
            required status
            required title
            required districtName
            required reportedMs

            width: list.width
            height: Theme.incidentRowHeight
        }
    }
}
