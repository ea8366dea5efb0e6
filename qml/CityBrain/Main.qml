import QtQuick
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Incidents
import CityBrain.Wall

// The first wall: header on top; KPIs on the left; the map in the centre with the trend and the system
// health below it; incidents over the monitoring alarms on the right; a thin status strip at the bottom. Everything scales with Theme.scale.
// Dispatcher and leader consoles show their desk (ConsoleView) in the wall's place. All roles show the
// alarm banner (silent on the wall) and toasts when one of this console's actions lost to another's.
Window {
    id: root

    readonly property bool consoleRole: Session.role === "dispatcher" || Session.role === "leader"

    function toast(text: string, detail: string, tone: string, incidentId: string) {
        toasts.show(text, detail, tone, incidentId);
    }

    // Clicking the alarm banner or a toast selects its incident on a console.
    function selectIncident(incidentId: string) {
        const view = body.item as ConsoleView;
        if (view !== null)
            view.select(incidentId);
    }

    width: 1920
    height: 1080
    visible: true

    // On the wall nobody selects: the detail follows what a leader put in focus.
    Binding {
        target: IncidentDetail
        property: "incidentId"
        value: WallFocus.incidentId
        when: !root.consoleRole
    }
    color: Theme.background
    title: qsTr("Digital Xianyang City Brain")

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.5, Math.min(root.width / 1920, root.height / 1080))
    }

    HeaderBar {
        id: header

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: Theme.headerHeight
    }

    AlarmBanner {
        id: alarmBanner

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Alarm.active ? Theme.spacingSmall : 0
        height: Alarm.active ? implicitHeight : 0
        showsHint: root.consoleRole
        onActivated: incidentId => root.selectIncident(incidentId)
    }

    PlaybackBar {
        id: playbackBar

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: alarmBanner.bottom
        height: implicitHeight
    }

    // The wall's panels, or a console's desk: one or the other is created, never both.
    Loader {
        id: body

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: playbackBar.bottom
        anchors.bottom: statusStrip.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.margin
        anchors.bottomMargin: root.consoleRole ? Theme.spacingSmall : 0
        focus: true
        sourceComponent: root.consoleRole ? consoleComponent : wallComponent
    }

    Component {
        id: wallComponent

        Item {
            id: wall

            KpiPanel {
                id: kpiPanel

                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Math.round(wall.width * Theme.leftColumnShare)
            }

            IncidentPanel {
                id: incidentPanel

                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: alarmPanel.top
                anchors.bottomMargin: Theme.margin
                width: Math.round(wall.width * Theme.rightColumnShare)
            }

            AlarmPanel {
                id: alarmPanel

                anchors.right: parent.right
                anchors.bottom: parent.bottom
                width: incidentPanel.width
                height: Math.round((wall.height - Theme.margin) * Theme.wallAlarmShare)
            }

            MapPanel {
                id: mapPanel

                anchors.left: kpiPanel.right
                anchors.right: incidentPanel.left
                anchors.top: parent.top
                anchors.bottom: trendPanel.top
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                anchors.bottomMargin: Theme.margin
                // The focused incident is centred above its card, not under it.
                bottomInset: focusCard.visible ? focusCard.height + Theme.margin : 0
            }

            // A leader's "focus on this incident" (WallFocus): its card over the map until cleared.
            FocusCard {
                id: focusCard

                anchors.left: mapPanel.left
                anchors.right: mapPanel.right
                anchors.bottom: mapPanel.bottom
                anchors.margins: Theme.margin
            }

            TrendPanel {
                id: trendPanel

                anchors.left: mapPanel.left
                anchors.right: healthPanel.left
                anchors.bottom: parent.bottom
                anchors.rightMargin: Theme.margin
                height: Math.round(wall.height * Theme.trendRowShare)
            }

            HealthPanel {
                id: healthPanel

                anchors.right: mapPanel.right
                anchors.top: trendPanel.top
                anchors.bottom: parent.bottom
                width: Math.round(mapPanel.width * Theme.healthShare)
            }
        }
    }

    Component {
        id: consoleComponent

        ConsoleView {
            focus: true
            onNotify: (text, detail, tone, incidentId) => root.toast(text, detail, tone, incidentId)
        }
    }

    StatusStrip {
        id: statusStrip

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        height: Theme.statusStripHeight
    }

    // Top right, over the map: never over the queue or the action bar.
    ToastStack {
        id: toasts

        anchors.right: parent.right
        anchors.top: playbackBar.bottom
        anchors.margins: Theme.margin
        z: 10
        onActivated: incidentId => root.selectIncident(incidentId)
    }

    // One of this console's actions lost a conflict: who won, with what, and where the incident is now.
    Connections {
        target: Incidents

        function onActionLost(incidentId: string, lostAction: string, wonByActor: string, wonByConsole: string,
                              wonByAction: string, stateNow: string) {
            toasts.show(qsTr("Your '%1' did not take effect: %2 (%3) had already '%4'; the incident is now %5")
                        .arg(Labels.actionLabel(lostAction)).arg(wonByActor).arg(wonByConsole)
                        .arg(Labels.actionLabel(wonByAction)).arg(Labels.stateLabel(stateNow)),
                        incidentId, "warning", incidentId);
        }
    }
}
