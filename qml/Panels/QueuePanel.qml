pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents

// A console's triage queue: open incidents first, then P1..P4, then the longest waiting (the model's
// order), filtered by district, kind and lifecycle state. The selection is an incident id, so it stays
// on its incident while rows move.
Panel {
    id: root

    property string selectedId
    readonly property alias queue: queueModel
    readonly property bool filtering: districtSelect.activeFocus || kindSelect.activeFocus || stateSelect.activeFocus
                                      || districtSelect.open || kindSelect.open || stateSelect.open

    signal selected(string incidentId)

    // The first filter takes the keyboard ("/"); Tab moves on, Esc goes back to the queue.
    function focusFilters() {
        districtSelect.forceActiveFocus();
    }

    // Keeps the selected row in view.
    function reveal() {
        const row = queueModel.rowOfId(root.selectedId);
        if (row >= 0)
            list.positionViewAtIndex(row, ListView.Contain);
    }

    // A console's incidents stay readable and workable when the feed pauses: the connection is shown
    // above the desk (ConsoleView), and an action that cannot be sent says so.
    stale: false
    title: qsTr("Incident queue")
    subtitle: Incidents.overdueCount > 0 ? qsTr("%1 shown · %2 overdue").arg(queueModel.count).arg(Incidents.overdueCount)
                                         : qsTr("%1 shown").arg(queueModel.count)
    subtitleColor: Incidents.overdueCount > 0 ? Theme.alarm : Theme.accent
    empty: false

    IncidentQueue {
        id: queueModel

        sourceModel: Incidents
    }

    Row {
        id: filterBar

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        spacing: Theme.spacingSmall
        z: 2

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Filter")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        FilterSelect {
            id: districtSelect

            width: (filterBar.width - 3 * filterBar.spacing) / 3 - Theme.fontSmall
            label: qsTr("District")
            codes: [""].concat(Labels.districtCodes)
            names: [qsTr("All districts")].concat(Labels.districtNames)
            value: queueModel.district
            KeyNavigation.tab: kindSelect
            onChosen: code => queueModel.district = code
        }

        FilterSelect {
            id: kindSelect

            width: districtSelect.width
            label: qsTr("Kind")
            codes: [""].concat(Labels.kindCodes)
            names: [qsTr("All kinds")].concat(Labels.kindCodes.map(code => Labels.kindLabel(code)))
            value: queueModel.kind
            KeyNavigation.tab: stateSelect
            KeyNavigation.backtab: districtSelect
            onChosen: code => queueModel.kind = code
        }

        FilterSelect {
            id: stateSelect

            width: districtSelect.width
            label: qsTr("State")
            codes: ["open", ""].concat(Labels.stateCodes)
            names: [qsTr("Still open"), qsTr("All states")].concat(Labels.stateCodes.map(code => Labels.stateLabel(code)))
            value: queueModel.state
            KeyNavigation.tab: districtSelect
            KeyNavigation.backtab: kindSelect
            onChosen: code => queueModel.state = code
        }
    }

    ListView {
        id: list

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: filterBar.bottom
        anchors.topMargin: Theme.spacing
        anchors.bottom: parent.bottom
        clip: true
        spacing: Theme.spacingSmall
        model: queueModel
        boundsBehavior: Flickable.StopAtBounds

        delegate: QueueRow {
            id: row

            required incidentId
            required title
            required districtName
            required severity
            required priority
            required priorityOverridden
            required reportedMs
            required slaPhase
            required slaDeadlineMs
            required slaBudgetMs
            required slaBreached
            required unitCount
            required duplicateOf
            required alarm
            required open
            // The lifecycle state (the role is named "state"; Item's own `state` is not used here).
            required property string state

            width: list.width
            height: implicitHeight
            lifecycleState: row.state
            selected: row.incidentId === root.selectedId
            onClicked: root.selected(row.incidentId)
        }
    }

    Text {
        anchors.centerIn: list
        width: list.width - 2 * Theme.spacing
        visible: queueModel.count === 0
        text: Incidents.count === 0 ? qsTr("No incidents reported") : qsTr("No incident matches the filters")
        color: Theme.textSecondary
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLabel
        textFormat: Text.PlainText
    }
}
