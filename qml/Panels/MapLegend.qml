pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// What the map's symbols mean, drawn with the map's own shapes (MapSymbolGlyph): incidents by
// severity (dot, ringed dot, triangle, diamond; Theme.severityMarkers in text), sensors by status
// (dot normal, triangle warning, square alarm, hollow ring offline), cameras, the pulsing halo of what
// nobody has acknowledged yet, clusters (a ring split by status around the count) and the incident
// density ramp. Sections of layers that are switched off are left out. About 250 x 300 px at 1080p:
// it fits beside the whole city on the wall's map.
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

        spacing: Theme.spacingSmall

        MapSymbolGlyph {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.mapLegendSymbol
            height: Theme.mapLegendSymbol
            shape: entry.shape
            fill: entry.fill
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

                        shape: Theme.severityShapes[modelData]
                        fill: Theme.severityColor(modelData)
                        label: Labels.severityLabel(modelData)
                    }
                }
            }

            Column {
                visible: root.showSensors
                spacing: Theme.spacingTiny

                Heading {
                    text: qsTr("Sensors", "map legend")
                }

                Repeater {
                    model: [2, 1, 0, 3]

                    Entry {
                        required property int modelData

                        objectName: "legendSensor-" + Theme.sensorStatusNames[modelData]
                        shape: Theme.sensorShapes[modelData]
                        fill: Theme.sensorColor(modelData)
                        label: MapLabels.sensorStatusLabel(Theme.sensorStatusNames[modelData])
                    }
                }
            }
        }

        Entry {
            visible: root.showCameras
            shape: "camera"
            fill: Theme.mapCamera
            label: qsTr("Camera")
        }

        // The halo that pulses behind an incident nobody has acknowledged yet.
        Row {
            visible: root.showIncidents
            spacing: Theme.spacingSmall

            Item {
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.mapLegendSymbol
                height: width

                MapSymbolGlyph {
                    anchors.centerIn: parent
                    width: Theme.mapLegendSymbol * 1.5
                    height: width
                    shape: "halo"
                    fill: Theme.severityColor(3)
                }

                MapSymbolGlyph {
                    anchors.centerIn: parent
                    width: Theme.mapLegendSymbol * 0.65
                    height: width
                    shape: Theme.severityShapes[3]
                    fill: Theme.severityColor(3)
                }
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Not acknowledged (pulses)")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
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
        Row {
            visible: root.showHeat
            spacing: Theme.spacingSmall

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Density %1 h").arg(Math.round(root.heatWindowHours))
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }

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
                width: Theme.mapLegendSymbol * 3.5
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
