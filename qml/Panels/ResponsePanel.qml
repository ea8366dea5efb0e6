pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents

// Beside a console's detail pane: the units sent to the selected incident with their status, the CAP
// alert's fields when it came as one, and its attachments (as plain text: never links that open).
Panel {
    id: root

    // A console's incidents stay readable and workable when the feed pauses: the connection is shown
    // above the desk (ConsoleView), and an action that cannot be sent says so.
    stale: false
    title: qsTr("Units and records")
    subtitle: IncidentDetail.exists ? qsTr("%1 units").arg(unitRepeater.count) : ""
    empty: !IncidentDetail.exists
    emptyText: qsTr("Select an incident in the queue")

    Flickable {
        id: flick

        anchors.fill: parent
        visible: IncidentDetail.exists
        clip: true
        contentWidth: width
        contentHeight: content.implicitHeight
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: content

            width: flick.width
            spacing: Theme.spacingSmall

            SectionTitle {
                text: qsTr("Units")
            }

            Text {
                visible: unitRepeater.count === 0
                text: qsTr("No unit dispatched yet")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Repeater {
                id: unitRepeater

                model: IncidentDetail.units

                Rectangle {
                    id: unit

                    required property int index
                    required property string unitType
                    required property string unitId
                    required property string status
                    required property real dispatchedMs
                    required property real onSceneMs
                    required property string dispatchedBy
                    readonly property color tint: unit.status === "on_scene" ? Theme.stateOnScene
                                                                             : (unit.status === "dispatched" ? Theme.stateActive : Theme.stateDone)

                    width: content.width
                    height: unitColumn.implicitHeight + 2 * Theme.spacingSmall
                    radius: Theme.radiusSmall
                    color: Theme.panelRaised
                    border.color: Theme.divider
                    border.width: Theme.borderWidth

                    Column {
                        id: unitColumn

                        anchors.left: parent.left
                        anchors.right: statusText.left
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.leftMargin: Theme.spacing
                        anchors.rightMargin: Theme.spacingSmall

                        Text {
                            width: parent.width
                            text: Labels.unitTypeLabel(unit.unitType) + " · " + unit.unitId
                            color: Theme.textPrimary
                            elide: Text.ElideRight
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            textFormat: Text.PlainText
                        }

                        Text {
                            width: parent.width
                            text: {
                                let line = qsTr("Sent %1 by %2").arg(Labels.beijingTime(unit.dispatchedMs)).arg(unit.dispatchedBy);
                                if (unit.onSceneMs > 0)
                                    line += qsTr(" · on scene %1").arg(Labels.beijingTime(unit.onSceneMs));
                                return line;
                            }
                            color: Theme.textSecondary
                            elide: Text.ElideRight
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                            textFormat: Text.PlainText
                        }
                    }

                    Text {
                        id: statusText

                        anchors.right: parent.right
                        anchors.rightMargin: Theme.spacing
                        anchors.verticalCenter: parent.verticalCenter
                        text: (unit.status === "on_scene" ? "⚑ " : (unit.status === "dispatched" ? "➤ " : "■ "))
                              + Labels.unitStatusLabel(unit.status)
                        color: unit.tint
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                        textFormat: Text.PlainText
                    }
                }
            }

            SectionTitle {
                visible: IncidentDetail.hasCap
                text: qsTr("CAP alert")
            }

            Repeater {
                model: IncidentDetail.hasCap ? IncidentDetail.capFields : []

                Row {
                    id: capRow

                    required property int index
                    required property string modelData
                    readonly property string value: IncidentDetail.capValues.length > capRow.index
                                                    ? IncidentDetail.capValues[capRow.index] : ""

                    visible: capRow.value.length > 0
                    width: content.width
                    spacing: Theme.spacingSmall

                    Text {
                        width: Theme.capKeyWidth
                        text: Labels.capFieldLabel(capRow.modelData)
                        color: Theme.textMuted
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }

                    Text {
                        width: capRow.width - Theme.capKeyWidth - capRow.spacing
                        text: capRow.value
                        color: Theme.textPrimary
                        wrapMode: Text.WrapAnywhere
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        textFormat: Text.PlainText
                    }
                }
            }

            SectionTitle {
                text: qsTr("Attachments")
            }

            Text {
                visible: IncidentDetail.attachments.length === 0
                text: qsTr("None")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            Repeater {
                model: IncidentDetail.attachments

                Text {
                    id: attachment

                    required property string modelData

                    width: content.width
                    // A reference to copy, not a link to follow: plain text.
                    text: "▪ " + attachment.modelData
                    color: Theme.textSecondary
                    wrapMode: Text.WrapAnywhere
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
