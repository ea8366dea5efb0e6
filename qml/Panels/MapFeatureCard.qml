pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Gis
import CityBrain.Wall

// A card beside the mouse for what is under it on the map (CityMap.hoveredFeature):
//   sensor    its domain, district, status (the map's symbol and a word), latest readings and a
//             sparkline of its headline metric (SensorMarkers.sensor)
//   incident  title, priority, severity and state badges, kind, district, age (IncidentMarkers.incident)
//   camera    name, district and stream address; no video yet
//   cluster   how many, and how many of each status or severity; a click zooms in
//   district  its name
//   feature   (a dynamic GeoJSON layer) up to maxProperties of its properties as "key: value"
// Everything from a feed is plain text. The card sits beside the cursor, on the side with room, inside
// the map; it never takes the mouse (the map keeps hovering under it).
Rectangle {
    id: root

    property CityMap map
    property int maxProperties: 8
    readonly property bool active: root.map !== null && root.map.cursorInside && root.kind.length > 0
    // What the card shows, refreshed from the hovered feature (refresh()).
    property string kind
    property string featureId
    property string heading
    property string subheading
    property list<string> lines
    property string note
    // Sensor: status category 0..3 (-1: none), its trend and the metric it is of.
    property int status: -1
    property list<point> trend
    property string trendLabel
    // Incident: badges (-1: none) and when it was reported.
    property int severity: -1
    property int priority: 0
    property string lifecycleState
    property real reportedMs: 0
    // Cluster: members per category and what they are (sensor, incident, camera, feature).
    property list<int> breakdown
    property string memberKind

    // Where the cursor and the map's edges are in the card's parent: the card sits beside the cursor on
    // the side where it fits, inside the map.
    readonly property point cursor: root.map && root.map.cursorInside && root.parent
                                    ? root.parent.mapFromItem(root.map, root.map.project(root.map.cursorCoordinate.x,
                                                                                         root.map.cursorCoordinate.y))
                                    : Qt.point(0, 0)
    readonly property point roomTopLeft: root.map && root.parent ? root.parent.mapFromItem(root.map, 0, 0) : Qt.point(0, 0)
    readonly property real roomRight: root.roomTopLeft.x + (root.map ? root.map.width : 0)
    readonly property real roomBottom: root.roomTopLeft.y + (root.map ? root.map.height : 0)
    readonly property bool fitsRight: root.cursor.x + Theme.mapCardOffset + root.width <= root.roomRight
    readonly property bool fitsLeft: root.cursor.x - Theme.mapCardOffset - root.width >= root.roomTopLeft.x
    readonly property bool fitsBelow: root.cursor.y + Theme.mapCardOffset + root.height <= root.roomBottom

    function clear() {
        root.kind = "";
        root.featureId = "";
        root.heading = "";
        root.subheading = "";
        root.lines = [];
        root.note = "";
        root.status = -1;
        root.trend = [];
        root.trendLabel = "";
        root.severity = -1;
        root.priority = 0;
        root.lifecycleState = "";
        root.reportedMs = 0;
        root.breakdown = [];
        root.memberKind = "";
    }

    // A feed's value as one line of plain text, cut to a readable length.
    function valueText(value: var): string {
        let text;
        if (value === null || value === undefined)
            text = "—";
        else if (typeof value === "object")
            text = JSON.stringify(value);
        else
            text = String(value);
        return text.length > 80 ? text.substring(0, 79) + "…" : text;
    }

    function showSensor(feature: var) {
        const sensor = SensorMarkers.sensor(feature.id);
        root.heading = feature.id;
        root.status = sensor.status !== undefined ? Theme.sensorStatusIndex(sensor.status) : (feature.category ?? -1);
        if (sensor.id === undefined) {
            root.subheading = qsTr("Sensor");
            root.note = qsTr("No readings received yet");
            return;
        }
        root.subheading = MapLabels.domainLabel(sensor.domain) + " · "
                + ((sensor.districtName ?? "").length > 0 ? sensor.districtName : Labels.districtLabel(sensor.district ?? ""));
        const readings = [];
        const values = sensor.values ?? [];
        for (let i = 0; i < values.length && i < root.maxProperties; ++i)
            readings.push(MapLabels.readingText(values[i].metric, values[i].value));
        if (sensor.lastSeenMs > 0)
            readings.push(qsTr("Last reading %1 ago").arg(Labels.durationText((Clock.nowMs - sensor.lastSeenMs) / 1000)));
        root.lines = readings;
        root.trend = sensor.trend ?? [];
        root.trendLabel = sensor.trendMetric ? MapLabels.metricLabel(sensor.trendMetric) : "";
    }

    function showIncident(feature: var) {
        const incident = IncidentMarkers.incident(feature.id);
        if (incident.id === undefined && incident.title === undefined) {
            root.heading = feature.id;
            root.severity = feature.category ?? -1;
            return;
        }
        root.heading = (incident.title ?? "").length > 0 ? incident.title : feature.id;
        root.severity = incident.severity;
        root.priority = incident.priority;
        root.lifecycleState = incident.state;
        root.reportedMs = incident.reportedMs ?? 0;
        root.subheading = Labels.kindLabel(incident.kind) + " · "
                + ((incident.districtName ?? "").length > 0 ? incident.districtName
                                                            : Labels.districtLabel(incident.district ?? ""));
    }

    function showCamera(feature: var) {
        const properties = feature.properties ?? {};
        root.heading = properties.name !== undefined ? root.valueText(properties.name) : feature.id;
        root.subheading = qsTr("Camera") + (properties.district !== undefined
                                            ? " · " + Labels.districtLabel(root.valueText(properties.district)) : "");
        const lines = [];
        if (properties.stream !== undefined)
            lines.push(qsTr("Stream: %1").arg(root.valueText(properties.stream)));
        root.lines = lines;
        root.note = qsTr("Video not connected");
    }

    function showCluster(feature: var) {
        root.memberKind = feature.memberKind ?? "";
        root.breakdown = feature.byCategory ?? [];
        const n = feature.count ?? 0;
        switch (root.memberKind) {
        case "sensor":
            root.heading = qsTr("%1 sensors").arg(Labels.formatNumber(n));
            break;
        case "incident":
            root.heading = qsTr("%1 incidents").arg(Labels.formatNumber(n));
            break;
        case "camera":
            root.heading = qsTr("%1 cameras").arg(Labels.formatNumber(n));
            break;
        default:
            root.heading = qsTr("%1 features").arg(Labels.formatNumber(n));
            break;
        }
        root.note = root.map && root.map.interactive ? qsTr("Click to zoom in") : "";
    }

    function showFeature(feature: var) {
        const properties = feature.properties ?? {};
        root.heading = properties.name !== undefined ? root.valueText(properties.name)
                                                     : (properties.title !== undefined ? root.valueText(properties.title) : feature.id);
        root.subheading = qsTr("Layer %1").arg(feature.layer);
        const keys = Object.keys(properties);
        const lines = [];
        for (let i = 0; i < keys.length && lines.length < root.maxProperties; ++i)
            lines.push(keys[i] + ": " + root.valueText(properties[keys[i]]));
        if (keys.length > root.maxProperties)
            lines.push(qsTr("… %1 more").arg(keys.length - root.maxProperties));
        root.lines = lines;
    }

    function refresh() {
        root.clear();
        if (!root.map)
            return;
        const feature = root.map.hoveredFeature;
        if (!feature || feature.kind === undefined)
            return;
        root.featureId = feature.id ?? "";
        switch (feature.kind) {
        case "sensor":
            root.showSensor(feature);
            break;
        case "incident":
            root.showIncident(feature);
            break;
        case "camera":
            root.showCamera(feature);
            break;
        case "cluster":
            root.showCluster(feature);
            break;
        case "district":
            root.heading = feature.name ?? Labels.districtLabel(feature.adcode ?? "");
            root.subheading = qsTr("District");
            break;
        default:
            root.showFeature(feature);
            break;
        }
        root.kind = feature.kind;
    }

    // Right of the cursor, else left of it (level with it, moved up as far as the map's bottom needs);
    // when the map is too narrow for either, below the cursor, else above it.
    x: root.fitsRight ? root.cursor.x + Theme.mapCardOffset
                      : (root.fitsLeft ? root.cursor.x - Theme.mapCardOffset - root.width
                                       : Math.max(root.roomTopLeft.x, Math.min(root.cursor.x - root.width / 2,
                                                                               root.roomRight - root.width)))
    y: root.fitsRight || root.fitsLeft
       ? Math.max(root.roomTopLeft.y, Math.min(root.cursor.y + Theme.mapCardOffset, root.roomBottom - root.height))
       : (root.fitsBelow ? root.cursor.y + Theme.mapCardOffset
                         : Math.max(root.roomTopLeft.y, root.cursor.y - Theme.mapCardOffset - root.height))
    // On a narrow map (a console's) the card narrows, down to 60 %, so it fits beside any point of it.
    width: root.map ? Math.min(Theme.mapCardWidth, Math.max(Theme.mapCardWidth * 0.6,
                                                             root.map.width / 2 - Theme.mapCardOffset))
                    : Theme.mapCardWidth
    height: column.implicitHeight + 2 * Theme.spacing
    visible: root.active
    radius: Theme.radiusSmall
    color: Theme.panelRaised
    border.color: root.severity >= 0 ? Theme.severityColor(root.severity)
                                     : (root.status >= 0 ? Theme.sensorColor(root.status) : Theme.borderStrong)
    border.width: Theme.borderWidth * 2

    Connections {
        target: root.map

        function onHoveredFeatureChanged() {
            root.refresh();
        }
    }

    // Readings and ages move on while the card is open.
    Timer {
        interval: 1000
        repeat: true
        running: root.active && (root.kind === "sensor" || root.kind === "incident")
        onTriggered: root.refresh()
    }

    Column {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        Row {
            width: parent.width
            spacing: Theme.spacingSmall

            MapSymbolGlyph {
                id: glyph

                anchors.verticalCenter: parent.verticalCenter
                visible: root.status >= 0 || root.severity >= 0 || root.kind === "camera"
                width: visible ? Theme.mapLegendSymbol : 0
                height: Theme.mapLegendSymbol
                shape: root.kind === "camera" ? "camera"
                                              : (root.severity >= 0 ? Theme.severityShapes[Math.min(3, root.severity)]
                                                                    : Theme.sensorShapes[Math.max(0, Math.min(3, root.status))])
                fill: root.kind === "camera" ? Theme.mapCamera
                                             : (root.severity >= 0 ? Theme.severityColor(root.severity)
                                                                   : Theme.sensorColor(root.status))
            }

            Text {
                objectName: "mapCardHeading"
                width: parent.width - glyph.width - parent.spacing
                text: root.heading
                color: Theme.textPrimary
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Text {
            visible: text.length > 0
            width: parent.width
            text: root.subheading
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        // Incident: priority, severity, state and age.
        Flow {
            visible: root.kind === "incident" && root.priority > 0
            width: parent.width
            spacing: Theme.spacingSmall

            PriorityBadge {
                priority: root.priority
            }

            SeverityBadge {
                severity: Math.max(0, root.severity)
            }

            StateChip {
                lifecycleState: root.lifecycleState
            }

            Text {
                height: Theme.badgeHeight
                verticalAlignment: Text.AlignVCenter
                visible: root.reportedMs > 0
                text: qsTr("%1 ago").arg(Labels.ageShort((Clock.nowMs - root.reportedMs) / 1000))
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        // Sensor: its status as a word beside the map's symbol for it.
        Text {
            visible: root.kind === "sensor" && root.status >= 0
            text: qsTr("Status: %1").arg(MapLabels.sensorStatusLabel(Theme.sensorStatusNames[Math.max(0, root.status)]))
            color: Theme.sensorColor(root.status)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }

        Repeater {
            model: root.lines

            Text {
                required property string modelData

                width: column.width
                text: modelData
                color: Theme.textPrimary
                wrapMode: Text.WrapAnywhere
                maximumLineCount: 2
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        // Cluster: how many of each status (sensors) or severity (incidents), most urgent first.
        Repeater {
            model: root.kind === "cluster" && (root.memberKind === "sensor" || root.memberKind === "incident")
                   ? [3, 2, 1, 0] : []

            Row {
                id: share

                required property int modelData
                readonly property bool sensors: root.memberKind === "sensor"
                // Sensors list alarm, warning, normal, then offline; incidents critical .. minor.
                readonly property int category: share.sensors ? [2, 1, 0, 3][3 - share.modelData] : share.modelData
                readonly property int members: share.category < root.breakdown.length ? root.breakdown[share.category] : 0

                visible: share.members > 0
                spacing: Theme.spacingSmall

                MapSymbolGlyph {
                    anchors.verticalCenter: parent.verticalCenter
                    width: Theme.mapLegendSymbol
                    height: Theme.mapLegendSymbol
                    shape: share.sensors ? Theme.sensorShapes[share.category] : Theme.severityShapes[share.category]
                    fill: share.sensors ? Theme.sensorColor(share.category) : Theme.severityColor(share.category)
                }

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: (share.sensors ? MapLabels.sensorStatusLabel(Theme.sensorStatusNames[share.category])
                                         : Labels.severityLabel(share.category)) + "  " + Labels.formatNumber(share.members)
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }

        Column {
            visible: root.kind === "sensor" && root.trend.length > 1
            width: parent.width
            spacing: Theme.spacingTiny

            Text {
                text: qsTr("%1 trend").arg(root.trendLabel)
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }

            AlarmSparkline {
                width: parent.width
                height: Theme.mapCardSparkHeight
                points: root.trend
                showThreshold: false
                lineColor: Theme.sensorColor(Math.max(0, root.status))
            }
        }

        Text {
            visible: root.note.length > 0
            width: parent.width
            text: root.note
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.italic: true
            textFormat: Text.PlainText
        }
    }
}
