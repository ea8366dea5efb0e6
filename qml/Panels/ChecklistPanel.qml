pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Wall
import CityBrain.Incidents

// The response checklist for the incident in focus (IncidentDetail, which follows the wall's focus):
// the incident's title, the checklist's title and its numbered steps (ResponseChecklist, from the
// configured file; a kind without its own checklist gets the general one, and the panel says so).
Panel {
    id: root

    readonly property bool hasIncident: IncidentDetail.incidentId.length > 0 && IncidentDetail.exists
    readonly property alias checklist: checklist
    readonly property alias stepList: steps

    title: qsTr("Response checklist")
    subtitle: root.hasIncident ? Labels.kindLabel(IncidentDetail.kind) : ""
    empty: !root.hasIncident || checklist.steps.length === 0
    emptyText: !root.hasIncident ? qsTr("No incident in focus") : qsTr("No checklist configured")
    emptyDetail: !root.hasIncident ? qsTr("A duty leader puts an incident in focus from a console")
                                   : qsTr("Check the response checklist file")

    ResponseChecklist {
        id: checklist

        kind: IncidentDetail.kind
    }

    Column {
        id: head

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        spacing: Theme.spacingTiny
        visible: !root.empty

        Text {
            id: incidentTitle

            width: parent.width
            text: IncidentDetail.title
            color: Theme.textPrimary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLabel
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            id: checklistTitle

            width: parent.width
            text: checklist.source === "default" ? qsTr("%1 (general: no checklist for this kind)").arg(checklist.title)
                                                 : checklist.title
            color: Theme.accent
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            textFormat: Text.PlainText
        }
    }

    ListView {
        id: steps

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: head.bottom
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.spacingSmall
        visible: !root.empty
        clip: true
        interactive: false
        // Nothing scrolls into view: no rows built ahead (a model reset would cancel them half-built).
        cacheBuffer: 0
        spacing: Theme.spacingSmall
        model: checklist.steps

        delegate: Item {
            id: step

            required property int index
            required property string modelData

            width: steps.width
            height: Math.max(number.height, stepText.implicitHeight)

            // The step's number in a ring: the order is the point of a checklist.
            Rectangle {
                id: number

                width: Theme.fontBody * 1.5
                height: width
                radius: width / 2
                color: "transparent"
                border.color: Theme.accent
                border.width: Math.max(2, Theme.borderWidth * 2)

                Text {
                    anchors.centerIn: parent
                    text: (step.index + 1).toString()
                    color: Theme.accent
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    textFormat: Text.PlainText
                }
            }

            Text {
                id: stepText

                anchors.left: number.right
                anchors.leftMargin: Theme.spacingSmall
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.topMargin: Math.max(0, (number.height - Theme.fontBody * 1.35) / 2)
                text: step.modelData
                color: Theme.textPrimary
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                textFormat: Text.PlainText
            }
        }
    }
}
