import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The wall's top bar: title, feed state (shape + colour + text), data age, role, Beijing time.
Rectangle {
    id: root

    property string title: qsTr("Digital Xianyang City Brain")
    // The wall shows which page of its playlist is on, and whether it is pinned or in incident focus.
    property bool showsPage: false
    readonly property bool connected: FeedHealth.connected
    readonly property bool stale: FeedHealth.stale
    readonly property color stateColor: !root.connected ? Theme.bad : (root.stale ? Theme.warning : Theme.good)
    readonly property string stateText: !root.connected ? qsTr("Reconnecting to broker")
                                                        : (root.stale ? qsTr("Connected, data interrupted") : qsTr("Connected"))

    implicitHeight: Theme.headerHeight
    gradient: Gradient {
        GradientStop { position: 0.0; color: Theme.backgroundTop }
        GradientStop { position: 1.0; color: Theme.background }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Theme.borderWidth * 2
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0.0; color: Theme.background }
            GradientStop { position: 0.5; color: Theme.accent }
            GradientStop { position: 1.0; color: Theme.background }
        }
    }

    // Left: emblem and title.
    Row {
        id: titleRow

        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacing

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.fontTitle * 0.7
            height: width
            rotation: 45
            color: "transparent"
            border.color: Theme.accent
            border.width: Theme.accentWidth

            Rectangle {
                anchors.centerIn: parent
                width: parent.width * 0.36
                height: width
                color: Theme.accent
            }
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: root.title
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
            font.letterSpacing: Theme.scale * 2
            textFormat: Text.PlainText
        }
    }

    // After the title: the page on now, its place in the playlist and what holds it there.
    Row {
        id: pageRow

        anchors.left: titleRow.right
        anchors.leftMargin: root.showsPage ? Theme.spacingLarge * 2 : 0
        anchors.verticalCenter: parent.verticalCenter
        visible: root.showsPage
        width: root.showsPage ? implicitWidth : 0
        spacing: Theme.spacing

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.accentWidth
            height: Theme.fontTitle
            color: WallPlaylist.focusMode ? Theme.alarm : Theme.accent
        }

        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 0

            Text {
                text: WallPlaylist.pageTitle
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }

            Text {
                text: WallPlaylist.focusMode ? qsTr("◎ Incident focus: the playlist waits")
                    : WallPlaylist.pinned ? qsTr("■ Page %1 of %2, pinned").arg(WallPlaylist.pageIndex + 1).arg(WallPlaylist.pageCount)
                    : WallPlaylist.pageCount > 1
                      ? qsTr("▶ Page %1 of %2, next in %3").arg(WallPlaylist.pageIndex + 1).arg(WallPlaylist.pageCount)
                            .arg(Labels.durationText(Math.max(0, (WallPlaylist.pageEndMs - Clock.nowMs) / 1000)))
                      : qsTr("One page")
                color: WallPlaylist.focusMode ? Theme.alarm : Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }
    }

    // Middle: feed state, data age, role.
    Row {
        anchors.left: pageRow.right
        anchors.leftMargin: Theme.spacingLarge * 2
        anchors.right: clockColumn.left
        anchors.rightMargin: Theme.spacingLarge * 2
        anchors.verticalCenter: parent.verticalCenter
        layoutDirection: Qt.RightToLeft
        spacing: Theme.spacingLarge * 1.5

        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 0

            Text {
                text: qsTr("Role")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Text {
                text: Labels.roleLabel(Session.role)
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 0

            Text {
                text: qsTr("Data age")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Text {
                text: FeedHealth.lastMessageMs > 0 ? Labels.durationText(FeedHealth.dataAgeSeconds) : qsTr("No data yet")
                color: root.stale ? Theme.warning : Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLabel
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.spacing

            // Connected: filled circle. Data interrupted: filled diamond.
            // Reconnecting: hollow ring that pulses. Shape, colour and text all change.
            Item {
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.indicatorDot * 1.5
                height: width

                Rectangle {
                    anchors.centerIn: parent
                    width: Theme.indicatorDot
                    height: width
                    radius: root.stale && root.connected ? 0 : width / 2
                    rotation: root.stale && root.connected ? 45 : 0
                    color: root.connected ? root.stateColor : "transparent"
                    border.color: root.stateColor
                    border.width: root.connected ? 0 : Theme.accentWidth

                    SequentialAnimation on opacity {
                        running: !root.connected
                        loops: Animation.Infinite
                        alwaysRunToEnd: true
                        NumberAnimation { to: 0.25; duration: 600 }
                        NumberAnimation { to: 1.0; duration: 600 }
                    }
                }
            }

            Column {
                anchors.verticalCenter: parent.verticalCenter
                spacing: 0

                Text {
                    text: root.stateText
                    color: root.stateColor
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLabel
                    font.bold: true
                    textFormat: Text.PlainText
                }

                Text {
                    text: FeedHealth.embedded ? qsTr("Embedded broker") : FeedHealth.brokerUri
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }
    }

    // Right: Beijing date and time.
    Column {
        id: clockColumn

        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: 0

        Text {
            anchors.right: parent.right
            text: Labels.beijingClock(Clock.nowMs)
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontClock
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            anchors.right: parent.right
            text: qsTr("%1 Beijing time").arg(Labels.beijingDate(Clock.nowMs))
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }
}
