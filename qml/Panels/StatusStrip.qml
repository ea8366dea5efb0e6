import QtQuick
import CityBrain.Theme
import CityBrain.Wall

// A thin line at the bottom of the wall for the duty engineer: feed counters and the build.
Item {
    id: root

    implicitHeight: Theme.statusStripHeight

    Text {
        anchors.left: parent.left
        anchors.right: versionText.left
        anchors.rightMargin: Theme.spacingLarge
        anchors.verticalCenter: parent.verticalCenter
        text: {
            const counts = qsTr("Messages %1 · rejected %2 · queue peak %3")
                    .arg(Labels.formatNumber(FeedHealth.messagesReceived))
                    .arg(Labels.formatNumber(FeedHealth.messagesRejected))
                    .arg(FeedHealth.queueHighWater);
            return FeedHealth.rejectionSummary.length > 0 ? counts + " (" + FeedHealth.rejectionSummary + ")" : counts;
        }
        color: FeedHealth.messagesRejected > 0 ? Theme.warning : Theme.textMuted
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }

    Text {
        id: versionText

        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("%1 · version %2").arg(Session.clientId).arg(Session.version)
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        textFormat: Text.PlainText
    }
}
