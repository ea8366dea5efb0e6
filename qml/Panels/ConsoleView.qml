pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// The dispatcher's and the leader's desk: the triage queue on the left, the selected incident in the
// centre with its action bar, its location on the right and under it the units or the monitoring alarms
// (L swaps them; a click on an alarm selects its incident). Everything works from the keyboard
// (docs/dispatch.md); the shortcuts are handled here, and never while a text field or a filter has the
// keys. What an action needs (a unit, a note, a reason, a merge target) is asked in ActionDialog.
FocusScope {
    id: root

    property string selectedId
    // The row the selection was last seen in, to carry on from when it leaves the queue.
    property int lastRow: 0
    // Until the operator picks an incident, the selection follows the top of the queue (the most
    // urgent); after that it never jumps by itself.
    property bool followTop: true
    // G: the map takes the detail's place, larger.
    property bool mapExpanded: false
    // Under the map, the units and the monitoring alarms share the column: one open, the other folded
    // to its header (which still counts the alarms). L or a click on either header swaps them.
    property bool alarmsOpen: false
    // The open dialog's action ("" when none), its text and its error: for tests and tools.
    readonly property alias dialogMode: dialog.mode
    readonly property alias dialogText: dialog.text
    readonly property alias dialogError: dialog.error
    readonly property alias filtering: queuePanel.filtering
    readonly property alias queue: queuePanel.queue

    // A message for the toast stack: text, detail, tone (info, warning, error), the incident concerned.
    signal notify(string text, string detail, string tone, string incidentId)

    function select(incidentId: string) {
        root.followTop = false;
        root.show(incidentId);
    }

    function show(incidentId: string) {
        root.selectedId = incidentId;
        const row = queuePanel.queue.rowOfId(incidentId);
        if (row >= 0)
            root.lastRow = row;
        Qt.callLater(queuePanel.reveal);
    }

    function step(delta: int) {
        const queue = queuePanel.queue;
        if (queue.count === 0)
            return;
        const row = queue.rowOfId(root.selectedId);
        let next;
        if (row < 0)
            next = Math.min(root.lastRow, queue.count - 1);
        else
            next = Math.max(0, Math.min(queue.count - 1, row + delta));
        root.select(queue.idAt(next));
    }

    // Gives the keyboard back to the shortcuts. (forceActiveFocus() on the view itself would hand it
    // to whatever had it last inside, e.g. a closed dialog's hidden text field.)
    function takeKeys() {
        keySink.forceActiveFocus();
    }

    function showTop() {
        const queue = queuePanel.queue;
        if ((root.followTop || root.selectedId.length === 0) && queue.count > 0 && queue.idAt(0) !== root.selectedId)
            root.show(queue.idAt(0));
    }

    // Is `action` offered for the selected incident now (what the action bar shows)?
    function offered(action: string): bool {
        return actionBar.offered(action, actionBar.revision);
    }

    function refused(action: string) {
        root.notify(qsTr("'%1' was not sent").arg(Labels.actionLabel(action)), ConsoleActions.lastRefusal, "error",
                    root.selectedId);
    }

    // A: the alarm's incident while the alarm flashes (the banner names it), otherwise the selected one.
    function acknowledgeKey() {
        if (Alarm.active && Alarm.incidentId.length > 0 && ConsoleActions.may("acknowledge", Alarm.incidentId)) {
            root.select(Alarm.incidentId);
            if (!ConsoleActions.acknowledge(Alarm.incidentId))
                root.refused("acknowledge");
            return;
        }
        if (actionBar.offered("acknowledge", actionBar.revision) && !ConsoleActions.acknowledge(root.selectedId))
            root.refused("acknowledge");
    }

    // An action from a key or a button: immediate ones are sent, the others open their dialog.
    function request(action: string) {
        if (!actionBar.offered(action, actionBar.revision))
            return;
        const id = root.selectedId;
        switch (action) {
        case "acknowledge":
            if (!ConsoleActions.acknowledge(id))
                root.refused(action);
            break;
        case "focus":
            if (ConsoleActions.focusWall(id))
                root.notify(qsTr("Shown on the video wall"), IncidentDetail.title, "info", id);
            else
                root.refused(action);
            break;
        default:
            root.mapExpanded = false;
            dialog.openFor(action, id);
            break;
        }
    }

    function toggleMap() {
        root.mapExpanded = !root.mapExpanded;
        mapPanel.attention();
    }

    focus: true

    Keys.onPressed: event => {
        if (dialog.opened)
            return;
        if (queuePanel.filtering) {
            if (event.key === Qt.Key_Escape) {
                root.takeKeys();
                event.accepted = true;
            }
            return;
        }
        if (event.modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))
            return;
        const key = event.key;
        const byKey = { [Qt.Key_D]: "dispatch", [Qt.Key_O]: "on_scene", [Qt.Key_R]: "resolve", [Qt.Key_N]: "note",
                        [Qt.Key_P]: "reprioritise", [Qt.Key_M]: "merge", [Qt.Key_T]: "classify", [Qt.Key_U]: "attach",
                        [Qt.Key_E]: "escalate", [Qt.Key_C]: "close", [Qt.Key_X]: "cancel", [Qt.Key_F]: "focus" };
        if (key === Qt.Key_J || key === Qt.Key_Down) {
            root.step(1);
        } else if (key === Qt.Key_K || key === Qt.Key_Up) {
            root.step(-1);
        } else if (key === Qt.Key_Home) {
            root.step(-queuePanel.queue.count);
        } else if (key === Qt.Key_End) {
            root.step(queuePanel.queue.count);
        } else if (key === Qt.Key_A) {
            root.acknowledgeKey();
        } else if (byKey[key] !== undefined) {
            root.request(byKey[key]);
        } else if (key === Qt.Key_G) {
            root.toggleMap();
        } else if (key === Qt.Key_L) {
            root.alarmsOpen = !root.alarmsOpen;
        } else if (key === Qt.Key_Slash) {
            queuePanel.focusFilters();
        } else if (key === Qt.Key_PageDown) {
            detailPanel.scrollTimeline(1);
        } else if (key === Qt.Key_PageUp) {
            detailPanel.scrollTimeline(-1);
        } else if (key === Qt.Key_Escape && root.mapExpanded) {
            root.mapExpanded = false;
        } else {
            return;
        }
        event.accepted = true;
    }

    Component.onCompleted: root.showTop()

    Binding {
        target: IncidentDetail
        property: "incidentId"
        value: root.selectedId
    }

    // Rows come and go and move (a move is a removal and an insertion).
    Connections {
        target: queuePanel.queue

        function onRowsInserted() {
            root.showTop();
        }

        function onRowsRemoved() {
            root.showTop();
        }

        function onCountChanged() {
            root.showTop();
        }
    }

    // Holds the keyboard while no dialog or filter has it; its keys reach the handler above.
    Item {
        id: keySink

        focus: true
    }

    // Not connected: the desk still shows what it knew, but says that it may be out of date and that
    // actions cannot be sent. It pushes the panels down instead of covering a row.
    Rectangle {
        id: connectionStrip

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: FeedHealth.connected ? 0 : connectionText.implicitHeight + 2 * Theme.spacingSmall
        visible: !FeedHealth.connected
        radius: Theme.radiusSmall
        color: Theme.staleBanner
        border.color: Theme.stale
        border.width: Theme.borderWidth

        Text {
            id: connectionText

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.margins: Theme.spacing
            text: qsTr("⚠ Not connected to the message broker: the queue may be out of date and actions cannot be sent")
            color: Theme.stale
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            font.bold: true
            textFormat: Text.PlainText
        }
    }

    QueuePanel {
        id: queuePanel

        anchors.left: parent.left
        anchors.top: connectionStrip.bottom
        anchors.topMargin: FeedHealth.connected ? 0 : Theme.spacingSmall
        anchors.bottom: parent.bottom
        width: Math.round(root.width * Theme.queueColumnShare)
        selectedId: root.selectedId
        onSelected: incidentId => {
            root.select(incidentId);
            root.takeKeys();
        }
    }

    DetailPanel {
        id: detailPanel

        anchors.left: queuePanel.right
        anchors.right: responsePanel.left
        anchors.top: queuePanel.top
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin

        actionArea: ActionBar {
            id: actionBar

            width: detailPanel.contentItem.width
            onRequested: action => action === "acknowledge" ? root.acknowledgeKey() : root.request(action)
        }
    }

    MiniMapPanel {
        id: mapPanel

        anchors.left: root.mapExpanded ? detailPanel.left : responsePanel.left
        anchors.right: parent.right
        anchors.top: queuePanel.top
        height: root.mapExpanded ? queuePanel.height : Math.round(queuePanel.height * Theme.consoleMapShare)
        z: root.mapExpanded ? 2 : 0
        queue: queuePanel.queue
        selectedId: root.selectedId
        district: IncidentDetail.district
        lon: IncidentDetail.lon
        lat: IncidentDetail.lat
        onPicked: incidentId => root.select(incidentId)
    }

    ResponsePanel {
        id: responsePanel

        anchors.right: parent.right
        anchors.top: mapPanel.bottom
        anchors.topMargin: Theme.margin
        anchors.bottom: alarmPanel.top
        anchors.bottomMargin: Theme.margin
        width: Math.round(root.width * Theme.mapColumnShare)
        visible: !root.mapExpanded
        collapsible: true
        collapsed: root.alarmsOpen
        onHeaderClicked: root.alarmsOpen = !root.alarmsOpen
    }

    AlarmPanel {
        id: alarmPanel

        readonly property real foldedHeight: Theme.panelHeaderHeight + 2 * Theme.borderWidth

        anchors.right: parent.right
        anchors.bottom: parent.bottom
        width: responsePanel.width
        height: root.alarmsOpen ? Math.max(alarmPanel.foldedHeight, root.height - mapPanel.y - mapPanel.height
                                           - 2 * Theme.margin - alarmPanel.foldedHeight)
                                : alarmPanel.foldedHeight
        visible: !root.mapExpanded
        // Like the other panels of the desk: readable when the feed pauses (the strip above says so).
        stale: false
        interactive: true
        collapsible: true
        collapsed: !root.alarmsOpen
        onHeaderClicked: root.alarmsOpen = !root.alarmsOpen
        onPicked: incidentId => {
            root.select(incidentId);
            root.takeKeys();
        }
    }

    ActionDialog {
        id: dialog

        anchors.fill: detailPanel
        z: 3
        onClosed: root.takeKeys()
    }
}
