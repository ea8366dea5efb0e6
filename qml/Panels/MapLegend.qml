pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// What the map's symbols mean, drawn with the map's own shapes (MapSymbolGlyph): incidents by
// severity (dot, ringed dot, triangle, diamond; Theme.severityMarkers in text) and the pulsing halo of
// those nobody has acknowledged yet, sensors by status (dot normal, triangle warning, square alarm,
// hollow ring offline), cameras, clusters (a ring split by status around the count) and the incident
// density ramp. Sections of layers that are switched off are left out. About 250 x 290 px at 1080p
// in Chinese: it fits between the wall map's edge and the whole city.
Rectangle {
    id: root

    property bool showIncidents: true
    property bool showSensors: true
    property bool showCameras: true
    property bool showHeat: false
    property real heatWindowHours: 24
    // The sensor statuses as listed, for tests and tools.
    readonly property list<string> sensorLabels: [MapLabels.sensorStatusLabel("normal"),
        MapLabels.sensorStatusLabel("warning"), MapLabels.sensorStatusLabel("alarm"),
        MapLabels.sensorStatusLabel("offline")]
    // The cluster line wraps within the width of the two columns above it.
    readonly property real textWidth: Math.max(sections.implicitWidth, Theme.mapLegendSymbol * 10)
                                      - Theme.mapLegendClusterSymbol - Theme.spacingSmall

    implicitWidth: column.implicitWidth + 2 * Theme.spacing
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radiusSmall
    color: Theme.mapOverlay
    border.color: Theme.border
    border.width: Theme.borderWidth

    component Entry: Row {
        id: entry

        property string shape: "dot"
        property color fill: Theme.textPrimary
        property string label
        // A pulsing halo behind the symbol (an unacknowledged incident).
        property bool halo: false

        spacing: Theme.spacingSmall

        Item {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.mapLegendSymbol
            height: Theme.mapLegendSymbol

            MapSymbolGlyph {
                anchors.centerIn: parent
                visible: entry.halo
                width: Theme.mapLegendSymbol * 1.5
                height: width
                shape: "halo"
                fill: entry.fill
            }

            MapSymbolGlyph {
                anchors.centerIn: parent
                width: entry.halo ? Theme.mapLegendSymbol * 0.65 : Theme.mapLegendSymbol
                height: width
                shape: entry.shape
                fill: entry.fill
            }
        }

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: entry.label
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }
    }

    component Heading: Text {
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        font.bold: true
        textFormat: Text.PlainText
    }

    Column {
        id: column

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Row {
            id: sections

            spacing: Theme.spacingLarge

            Column {
                visible: root.showIncidents
                spacing: Theme.spacingTiny

                Heading {
                    text: qsTr("Incidents", "map legend")
                }

                Repeater {
                    model: [3, 2, 1, 0]

                    Entry {
                        required property int modelData

                        // P1..P4: the map draws an incident's priority with its severity's shape and colour.
                        shape: Theme.severityShapes[modelData]
                        fill: Theme.priorityColor(4 - modelData)
                        label: Labels.priorityLabel(4 - modelData)
                    }
                }

                Entry {
                    shape: Theme.severityShapes[3]
                    fill: Theme.severityColor(3)
                    halo: true
                    label: qsTr("Unacknowledged", "map legend: the pulsing halo")
                }
            }

            Column {
                visible: root.showSensors || root.showCameras
                spacing: Theme.spacingTiny

                Heading {
                    visible: root.showSensors
                    text: qsTr("Sensors", "map legend")
                }

                Repeater {
                    model: [2, 1, 0, 3]

                    Entry {
                        required property int modelData

                        visible: root.showSensors
                        objectName: "legendSensor-" + Theme.sensorStatusNames[modelData]
                        shape: Theme.sensorShapes[modelData]
                        fill: Theme.sensorColor(modelData)
                        label: MapLabels.sensorStatusLabel(Theme.sensorStatusNames[modelData])
                    }
                }

                Entry {
                    visible: root.showCameras
                    shape: "camera"
                    fill: Theme.mapCamera
                    label: qsTr("Camera")
                }
            }
        }

        // A cluster: the ring's arcs are the members' statuses (or severities), the number their count.
        Row {
            visible: root.showIncidents || root.showSensors || root.showCameras
            spacing: Theme.spacingSmall

            MapSymbolGlyph {
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.mapLegendClusterSymbol
                height: Theme.mapLegendClusterSymbol
                shape: "cluster"
                shares: [9, 0, 2, 1]
                ringColors: Theme.sensorColors
                count: "12"
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                width: root.textWidth
                text: qsTr("Cluster: ring split by status, number = count")
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        // The incident density layer: its ramp, low to high.
        Column {
            visible: root.showHeat
            spacing: Theme.spacingTiny

            Heading {
                text: qsTr("Incident density, last %1 h").arg(Math.round(root.heatWindowHours))
            }

            Row {
                spacing: Theme.spacingSmall

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("low")
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: Theme.mapLegendSymbol * 5
                    height: Theme.mapLegendSymbol * 0.6
                    radius: Theme.radiusSmall

                    gradient: Gradient {
                        orientation: Gradient.Horizontal

                        GradientStop { position: 0.0; color: Theme.mapHeatRamp[0] }
                        GradientStop { position: 0.35; color: Theme.mapHeatRamp[1] }
                        GradientStop { position: 0.65; color: Theme.mapHeatRamp[2] }
                        GradientStop { position: 1.0; color: Theme.mapHeatRamp[3] }
                    }
                }

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("high")
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }
    }
}
