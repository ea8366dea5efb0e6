import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// The common frame of every panel: a rounded dark card with a title, a data-age line, an empty
// state that says why there is nothing to show, and a stale state that greys the content and says
// for how long and why the data stopped. A panel is never blank without a reason on screen.
Rectangle {
    id: root

    property string title
    // Short text on the right of the title, e.g. a count.
    property string subtitle
    property color subtitleColor: Theme.accent
    // True while the panel's model has nothing to show.
    property bool empty: false
    property string emptyText: qsTr("No data yet")
    // The reason under emptyText while connected (e.g. "nothing crossed a line"); by default that the
    // panel waits for data. Not connected, it always says so.
    property string emptyDetail
    // When the newest data this panel shows arrived (epoch ms); 0 when none yet.
    property real dataMs: FeedHealth.lastMessageMs
    property bool stale: FeedHealth.stale
    readonly property real dataAgeSeconds: root.dataMs > 0 ? Math.max(0, (Clock.nowMs - root.dataMs) / 1000) : -1
    readonly property string staleReason: !FeedHealth.connected
                                          ? qsTr("Message broker disconnected, reconnecting")
                                          : qsTr("Connected, but no messages from the data sources")
    readonly property string staleHeadline: root.dataMs > 0
                                            ? qsTr("Data interrupted for %1").arg(Labels.durationText(root.dataAgeSeconds))
                                            : qsTr("No data received since start")
    // Two panels sharing a column on a console can fold to their header, which keeps its title and
    // subtitle (e.g. a count): a chevron says which, and a click on the header asks to toggle
    // (headerClicked); the owner decides.
    property bool collapsible: false
    property bool collapsed: false
    // Where the panel's content goes; children are placed into it.
    default property alias content: contentArea.data
    readonly property alias contentItem: contentArea

    signal headerClicked

    color: Theme.panel
    radius: Theme.radius
    border.color: root.stale ? Qt.darker(Theme.stale, 1.6) : Theme.border
    border.width: Theme.borderWidth
    clip: true

    Rectangle {
        id: header

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: root.border.width
        height: Theme.panelHeaderHeight
        color: Theme.panelHeader
        radius: Theme.radius

        // Square off the bottom corners of the header.
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Theme.radius
            color: Theme.panelHeader
        }

        Rectangle {
            id: accentBar

            anchors.left: parent.left
            anchors.leftMargin: Theme.panelPadding
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.accentWidth
            height: parent.height - 2 * Theme.spacing
            radius: width / 2
            color: root.stale ? Theme.stale : Theme.accent
        }

        Column {
            anchors.left: accentBar.right
            anchors.leftMargin: Theme.spacing
            anchors.right: subtitleText.left
            anchors.rightMargin: Theme.spacing
            anchors.verticalCenter: parent.verticalCenter
            spacing: 0

            Text {
                id: titleText

                width: parent.width
                text: root.collapsible ? (root.collapsed ? "▸ " : "▾ ") + root.title : root.title
                color: Theme.textPrimary
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontPanelTitle
                font.bold: true
                textFormat: Text.PlainText
            }

            Text {
                width: parent.width
                text: root.stale ? "⚠ " + root.staleHeadline : Labels.ageText(root.dataAgeSeconds)
                color: root.stale ? Theme.stale : Theme.textMuted
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        Text {
            id: subtitleText

            anchors.right: parent.right
            anchors.rightMargin: Theme.panelPadding
            anchors.verticalCenter: parent.verticalCenter
            // Up to 45 % of the header, or whatever the title leaves when it is short.
            width: Math.min(implicitWidth, Math.max(header.width * 0.45,
                                                    header.width - titleText.implicitWidth - accentBar.width
                                                    - 2 * Theme.panelPadding - 2 * Theme.spacing))
            text: root.subtitle
            color: root.subtitleColor
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            font.bold: true
            textFormat: Text.PlainText
        }

        MouseArea {
            anchors.fill: parent
            enabled: root.collapsible
            cursorShape: enabled ? Qt.PointingHandCursor : Qt.ArrowCursor
            onClicked: root.headerClicked()
        }
    }

    Item {
        id: contentArea

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Theme.panelPadding
        visible: !root.collapsed
        opacity: root.stale ? 0.35 : 1.0
    }

    Column {
        anchors.centerIn: contentArea
        width: contentArea.width - 2 * Theme.spacing
        spacing: Theme.spacingSmall
        visible: root.empty && !root.collapsed

        Text {
            width: parent.width
            text: root.emptyText
            color: Theme.textSecondary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            text: !FeedHealth.connected ? qsTr("Not connected to the message broker")
                                        : (root.emptyDetail.length > 0 ? root.emptyDetail : qsTr("Connected, waiting for data"))
            color: FeedHealth.connected ? Theme.textMuted : Theme.warning
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }

    // Stale: a grey veil over the content and a banner that says for how long and why. An empty
    // panel says it in its empty-state text instead (there is nothing out of date to grey out).
    Rectangle {
        anchors.fill: contentArea
        anchors.margins: -Theme.panelPadding + root.border.width
        anchors.topMargin: 0
        visible: root.stale && !root.empty && !root.collapsed
        color: Theme.staleVeil
        radius: Theme.radius

        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.spacing
            height: staleColumn.implicitHeight + 2 * Theme.spacing
            radius: Theme.radiusSmall
            color: Theme.staleBanner
            border.color: Theme.stale
            border.width: Theme.borderWidth

            Column {
                id: staleColumn

                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                anchors.margins: Theme.spacing
                spacing: Theme.spacingTiny

                Text {
                    width: parent.width
                    text: "⚠ " + root.staleHeadline
                    color: Theme.stale
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontLabel
                    font.bold: true
                    textFormat: Text.PlainText
                }

                Text {
                    width: parent.width
                    text: FeedHealth.lastMessageMs > 0 ? qsTr("%1. Values shown are out of date.").arg(root.staleReason)
                                                       : root.staleReason
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }
    }
}
