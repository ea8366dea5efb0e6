pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// How the feed is doing, for the duty engineer and for the leader who asks "can we trust the wall?":
// broker, counts, rejections by reason, latency, memory, the store, and which sources and consoles
// are online (from their retained presence and last wills).
Panel {
    id: root

    title: qsTr("System health")
    subtitle: qsTr("%1 / %2 online").arg(Presence.onlineCount).arg(Presence.count)
    subtitleColor: Presence.onlineCount < Presence.count ? Theme.warning : Theme.good

    component Figure: Item {
        id: figure

        required property string label
        required property string value
        property bool warn: false

        width: parent.width
        height: Theme.fontBody * 1.6

        Text {
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            text: figure.label
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width * 0.62
            horizontalAlignment: Text.AlignRight
            text: figure.value
            color: figure.warn ? Theme.warning : Theme.textPrimary
            elide: Text.ElideLeft
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }
    }

    Column {
        id: figures

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top

        Figure {
            label: qsTr("Broker")
            value: FeedHealth.connected ? FeedHealth.brokerUri : qsTr("reconnecting…")
            warn: !FeedHealth.connected
        }
        Figure {
            label: qsTr("Messages / rejected")
            value: qsTr("%1 / %2").arg(Labels.formatNumber(FeedHealth.messagesReceived))
                                   .arg(Labels.formatNumber(FeedHealth.messagesRejected))
            warn: FeedHealth.messagesRejected > 0
        }
        Figure {
            label: qsTr("Latency p99 · queue peak")
            // No live sample measured yet (only retained or restored data): no figure rather than NaN.
            value: qsTr("%1 ms · %2").arg(isFinite(FeedHealth.latencyP99Ms) ? FeedHealth.latencyP99Ms.toFixed(1) : "—")
                                     .arg(FeedHealth.queueHighWater)
        }
        Figure {
            label: qsTr("Memory · database")
            value: qsTr("%1 MB · %2").arg(FeedHealth.residentMemoryMb.toFixed(0))
                                      .arg(FeedHealth.storeError.length > 0 ? qsTr("write error") : qsTr("OK"))
            warn: FeedHealth.storeError.length > 0
        }
    }

    ListView {
        id: clients

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: figures.bottom
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.spacingSmall
        clip: true
        interactive: false
        model: Presence

        delegate: Item {
            id: client

            required property string clientId
            required property string kind
            required property bool online

            width: clients.width
            height: Theme.fontBody * 1.5

            // Online or not by shape as well as colour: a filled dot or a hollow ring.
            Rectangle {
                id: dot

                anchors.left: parent.left
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.indicatorDot * 0.8
                height: width
                radius: width / 2
                color: client.online ? Theme.good : "transparent"
                border.color: client.online ? Theme.good : Theme.bad
                border.width: Math.max(2, Theme.borderWidth * 2)
            }

            Text {
                anchors.left: dot.right
                anchors.right: kindText.left
                anchors.leftMargin: Theme.spacingSmall
                anchors.verticalCenter: parent.verticalCenter
                text: client.clientId
                color: client.online ? Theme.textPrimary : Theme.textMuted
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Text {
                id: kindText

                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                text: (client.online ? "" : qsTr("offline") + " · ") + Labels.roleLabel(client.kind)
                color: client.online ? Theme.textSecondary : Theme.bad
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }
    }
}
