import QtQuick
import CityBrain.Theme

// One monitoring alarm: severity (colour, shape and text) and "异常" for the learned baseline's
// anomalies, then where, since when and whether its incident was acknowledged; the explanation below
// in up to two lines. An active alarm not yet acknowledged has a thick border in the alarm colour and
// says "未确认"; a cleared one is greyed and says when it cleared.
Rectangle {
    id: root

    property int severity: 0
    property bool anomaly: false
    property string explanation
    property string districtName
    property real sinceMs: 0
    property real changedMs: 0
    property bool active: true
    property bool acknowledged: false
    // Its rule raises no incident: shown for information, nobody acknowledges it.
    property bool informational: false
    property real nowMs: Clock.nowMs
    readonly property bool unacknowledged: root.active && !root.acknowledged
    // The text on the right: unacknowledged, acknowledged, or cleared at.
    readonly property string stateText: !root.active ? qsTr("■ Cleared %1").arg(Labels.beijingTime(root.changedMs))
                                                     : (root.informational ? qsTr("ⓘ For information") : (root.acknowledged ? qsTr("✓ Acknowledged") : qsTr("● Unacknowledged")))

    // Always room for two lines of explanation: the list's rows line up and a whole number fits.
    implicitHeight: Theme.alarmRowHeight
    color: root.active ? Theme.panelRaised : Theme.panel
    radius: Theme.radiusSmall
    border.color: root.unacknowledged ? Theme.alarm : Theme.divider
    border.width: root.unacknowledged ? Theme.borderWidth * 3 : Theme.borderWidth
    opacity: root.active ? 1.0 : 0.55

    // Severity stripe on the left edge.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Theme.accentWidth
        radius: width / 2
        color: root.active ? Theme.severityColor(root.severity) : Theme.closed
    }

    Item {
        id: metaRow

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        anchors.topMargin: Theme.spacingSmall
        height: badge.height

        SeverityBadge {
            id: badge

            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            outlined: true
            severity: root.severity
        }

        Rectangle {
            id: anomalyTag

            anchors.left: badge.right
            anchors.leftMargin: Theme.spacingSmall
            anchors.verticalCenter: parent.verticalCenter
            visible: root.anomaly
            width: root.anomaly ? anomalyText.implicitWidth + 2 * Theme.spacingSmall : 0
            height: badge.height
            radius: Theme.radiusSmall
            color: Theme.anomaly

            Text {
                id: anomalyText

                anchors.centerIn: parent
                text: qsTr("Anomaly")
                color: Theme.textOnBadge
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Text {
            anchors.left: anomalyTag.right
            anchors.right: stateLabel.left
            anchors.leftMargin: Theme.spacingSmall
            anchors.rightMargin: Theme.spacingSmall
            anchors.verticalCenter: parent.verticalCenter
            text: root.active ? qsTr("%1 · for %2").arg(root.districtName)
                                .arg(Labels.ageShort((root.nowMs - root.sinceMs) / 1000))
                              : root.districtName
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            id: stateLabel

            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: root.stateText
            color: root.unacknowledged ? Theme.alarm : (root.active ? Theme.good : Theme.closed)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: root.unacknowledged
            textFormat: Text.PlainText
        }
    }

    Text {
        id: explanationText

        anchors.left: metaRow.left
        anchors.right: metaRow.right
        anchors.top: metaRow.bottom
        anchors.topMargin: Theme.spacingSmall
        text: root.explanation
        color: root.active ? Theme.textPrimary : Theme.textSecondary
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: root.unacknowledged
        textFormat: Text.PlainText
    }
}
