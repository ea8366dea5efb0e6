import QtQuick
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Incidents
import CityBrain.Wall

// The wall: the layout's pages of panels (WallPlaylist, docs/layouts.md) on a canvas spanning every
// screen of every wall PC (WallCanvas), one window per screen. Dispatcher and leader consoles show their
// desk (ConsoleView) instead. All roles show the alarm banner (silent on the wall); consoles also toasts
// when one of their actions lost to another's. Everything scales with Theme.scale.
Window {
    id: root

    readonly property bool consoleRole: Session.role === "dispatcher" || Session.role === "leader"

    // Clicking the alarm banner or a toast selects its incident on a console.
    signal selectIncident(incidentId: string)

    function toast(text: string, detail: string, tone: string, incidentId: string) {
        toasts.show(text, detail, tone, incidentId);
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

    // A console scales with its window; the wall with one of its screens (the canvas may span several).
    Binding {
        target: Theme
        property: "scale"
        value: root.consoleRole ? Math.max(0.5, Math.min(root.width / 1920, root.height / 1080))
                                : Math.max(0.5, Math.min(WallCanvas.screenWidth / 1920, WallCanvas.screenHeight / 1080))
    }

    // The wall: this window shows its screen's part of the wall canvas (WallCanvas), the other screens
    // of this PC get a window each below. A console shows its desk.
    Loader {
        id: body

        anchors.fill: parent
        focus: true
        sourceComponent: root.consoleRole ? consoleComponent : wallComponent
    }

    Component {
        id: wallComponent

        // WallCanvas.width: re-read the rectangle whenever the canvas changes (a screen came or went).
        WallSurface {
            viewport: WallCanvas.width >= 0 ? WallCanvas.screenRect(0) : Qt.rect(0, 0, 0, 0)
        }
    }

    // One more window per further screen of this PC, created and removed as screens come and go.
    Instantiator {
        model: root.consoleRole ? 0 : Math.max(0, WallCanvas.screenCount - 1)

        delegate: Window {
            id: screenWindow

            required property int index

            screen: Qt.application.screens[screenWindow.index + 1]
            visibility: Window.FullScreen
            color: Theme.background
            title: root.title

            WallSurface {
                anchors.fill: parent
                viewport: WallCanvas.width >= 0 ? WallCanvas.screenRect(screenWindow.index + 1) : Qt.rect(0, 0, 0, 0)
            }
        }
    }

    Component {
        id: consoleComponent

        Item {
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
                showsHint: true
                onActivated: incidentId => root.selectIncident(incidentId)
            }

            PlaybackBar {
                id: playbackBar

                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: alarmBanner.bottom
                height: implicitHeight
            }

            // Leaders steer the wall's pages and release its focus from here.
            WallControlBar {
                id: wallControl

                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: playbackBar.bottom
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                anchors.topMargin: wallControl.visible ? Theme.spacingSmall : 0
                height: wallControl.visible ? implicitHeight : 0
                visible: Session.role === "leader"
                onNotify: (text, tone) => root.toast(text, "", tone, "")
            }

            ConsoleView {
                id: consoleView

                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: wallControl.bottom
                anchors.bottom: statusStrip.top
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                anchors.topMargin: Theme.margin
                anchors.bottomMargin: Theme.spacingSmall
                focus: true
                onNotify: (text, detail, tone, incidentId) => root.toast(text, detail, tone, incidentId)

                Connections {
                    target: root

                    function onSelectIncident(incidentId: string) {
                        consoleView.select(incidentId);
                    }
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
        }
    }

    // Top right, over the map: never over the queue or the action bar.
    ToastStack {
        id: toasts

        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: Theme.headerHeight + Theme.margin
        anchors.rightMargin: Theme.margin
        z: 10
        onActivated: incidentId => root.selectIncident(incidentId)
    }

    // One of this console's actions lost a conflict: who won, with what, and where the incident is now.
    Connections {
        target: Incidents

        function onActionLost(incidentId: string, lostAction: string, wonByActor: string, wonByConsole: string,
                              wonByAction: string, stateNow: string) {
            toasts.show(Labels.fill(qsTr("Your '%1' did not take effect: %2 (%3) had already '%4'; the incident is now %5"),
                                    [Labels.actionLabel(lostAction), wonByActor, wonByConsole,
                                     Labels.actionLabel(wonByAction), Labels.stateLabel(stateNow)]),
                        incidentId, "warning", incidentId);
        }
    }
}
