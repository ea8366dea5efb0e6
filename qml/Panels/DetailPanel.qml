pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme
import CityBrain.Incidents
import CityBrain.Wall

// The selected incident in full (IncidentDetail): priority, severity and state; what, where and when;
// a priority set by hand with its reason; the SLA milestones; the description; and the timeline of
// every action, the lost ones struck through. The action bar sits at the bottom. An incident the
// monitoring rules raised lists its alarms, each with the readings around its trigger.
Panel {
    id: root

    readonly property real ageSeconds: IncidentDetail.reportedMs > 0 ? (Clock.nowMs - IncidentDetail.reportedMs) / 1000 : 0
    // The action bar is placed here by the console.
    property alias actionArea: actionArea.data
    // Related alarms shown at once; more scroll.
    property int alarmRowsShown: 3
    readonly property alias alarms: incidentAlarms

    // Scrolls the timeline a page (PgUp/PgDn).
    function scrollTimeline(pages: real) {
        const target = timeline.contentY + pages * timeline.height * 0.9;
        timeline.contentY = Math.max(0, Math.min(target, Math.max(0, timeline.contentHeight - timeline.height)));
    }

    // A console's incidents stay readable and workable when the feed pauses: the connection is shown
    // above the desk (ConsoleView), and an action that cannot be sent says so.
    stale: false
    title: qsTr("Incident detail")
    subtitle: IncidentDetail.exists ? IncidentDetail.incidentId : ""
    subtitleColor: Theme.textSecondary
    empty: !IncidentDetail.exists
    emptyText: qsTr("Select an incident in the queue (J/K or ↑/↓)")

    IncidentAlarms {
        id: incidentAlarms

        sourceModel: SensorAlarms
        incidentId: IncidentDetail.exists ? IncidentDetail.incidentId : ""
    }

    Column {
        id: head

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        visible: IncidentDetail.exists
        spacing: Theme.spacingSmall

        Row {
            spacing: Theme.spacing

            PriorityBadge {
                anchors.verticalCenter: parent.verticalCenter
                large: true
                priority: IncidentDetail.priority
                overridden: IncidentDetail.priorityOverridden
            }

            SeverityBadge {
                anchors.verticalCenter: parent.verticalCenter
                severity: IncidentDetail.severity
            }

            StateChip {
                anchors.verticalCenter: parent.verticalCenter
                lifecycleState: IncidentDetail.state
                pixelSize: Theme.fontBody
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                visible: IncidentDetail.escalated && IncidentDetail.state !== "escalated"
                text: qsTr("⇧ Escalated")
                color: Theme.stateEscalated
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Text {
            width: parent.width
            text: IncidentDetail.title
            color: Theme.textPrimary
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontLarge
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            text: qsTr("%1 · %2 · reported %3 (%4 ago) · source %5")
                    .arg(Labels.kindLabel(IncidentDetail.kind))
                    .arg(IncidentDetail.districtName)
                    .arg(Labels.beijingClock(IncidentDetail.reportedMs))
                    .arg(Labels.ageShort(root.ageSeconds))
                    .arg(IncidentDetail.source)
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: IncidentDetail.priorityOverridden
            text: qsTr("Priority set by hand (derived %1): %2")
                    .arg(Labels.priorityLabel(IncidentDetail.derivedPriority))
                    .arg(IncidentDetail.priorityReason)
            color: Theme.warning
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: text.length > 0
            text: {
                const lines = [];
                if (IncidentDetail.acknowledgedBy.length > 0)
                    lines.push(Labels.fill(qsTr("Acknowledged by %1 at %2"),
                                           [IncidentDetail.acknowledgedBy, Labels.beijingClock(IncidentDetail.acknowledgedMs)]));
                if (IncidentDetail.mergedInto.length > 0)
                    lines.push(qsTr("Merged into %1").arg(IncidentDetail.mergedInto));
                if (IncidentDetail.sourceStatus === "closed")
                    lines.push(qsTr("The source has closed it"));
                return lines.join(" · ");
            }
            color: Theme.textSecondary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            width: parent.width
            visible: IncidentDetail.duplicateOf.length > 0 && IncidentDetail.open
            text: Labels.fill(qsTr("⇢ Possible duplicate of %1 (%2): press M to merge it into that one"),
                              [IncidentDetail.duplicateOfTitle, IncidentDetail.duplicateOf])
            color: Theme.warning
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            font.bold: true
            textFormat: Text.PlainText
        }

        // SLA milestones; the missed-targets note wraps below them on a narrow pane.
        Flow {
            width: parent.width
            spacing: Theme.spacingLarge * 2
            topPadding: Theme.spacingSmall
            bottomPadding: Theme.spacingSmall

            Repeater {
                model: ["acknowledge", "dispatch", "on_scene"]

                SlaPhaseBlock {
                    id: phaseBlock

                    required property string modelData

                    phase: phaseBlock.modelData
                    milestoneMs: phaseBlock.modelData === "acknowledge" ? IncidentDetail.acknowledgedMs
                                                                       : (phaseBlock.modelData === "dispatch" ? IncidentDetail.dispatchedMs
                                                                                                             : IncidentDetail.onSceneMs)
                    reportedMs: IncidentDetail.reportedMs
                    currentPhase: IncidentDetail.slaPhase
                    deadlineMs: IncidentDetail.slaDeadlineMs
                    budgetMs: IncidentDetail.slaBudgetMs
                    breached: IncidentDetail.slaBreached
                    open: IncidentDetail.open
                    targetMs: phaseBlock.modelData === "acknowledge" ? IncidentDetail.acknowledgeBudgetMs
                                                                    : (phaseBlock.modelData === "dispatch" ? IncidentDetail.dispatchBudgetMs
                                                                                                          : IncidentDetail.onSceneBudgetMs)
                    late: phaseBlock.modelData === "acknowledge" ? IncidentDetail.acknowledgeLate
                                                                : (phaseBlock.modelData === "dispatch" ? IncidentDetail.dispatchLate
                                                                                                      : IncidentDetail.onSceneLate)
                }
            }

            Text {
                height: Theme.slaRingLargeSize
                verticalAlignment: Text.AlignVCenter
                visible: IncidentDetail.slaBreaches > 0
                text: qsTr("⚠ %1 targets missed").arg(IncidentDetail.slaBreaches)
                color: Theme.alarm
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                font.bold: true
                textFormat: Text.PlainText
            }
        }

        Text {
            width: parent.width
            visible: IncidentDetail.description.length > 0
            text: IncidentDetail.description
            color: Theme.textPrimary
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
            textFormat: Text.PlainText
        }

        Item {
            width: parent.width
            height: alarmTitle.implicitHeight
            visible: incidentAlarms.count > 0

            SectionTitle {
                id: alarmTitle

                anchors.left: parent.left
                text: qsTr("Related alarms (%1)").arg(incidentAlarms.count)
            }

            // What the sparklines' lines mean.
            Text {
                anchors.right: parent.right
                anchors.baseline: alarmTitle.baseline
                text: qsTr("│ trigger   ┄ threshold")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                textFormat: Text.PlainText
            }
        }

        ListView {
            id: alarmList

            width: parent.width
            height: incidentAlarms.count > 0
                    ? Math.min(incidentAlarms.count, root.alarmRowsShown) * (Theme.alarmTrendRowHeight + alarmList.spacing)
                      - alarmList.spacing
                    : 0
            visible: incidentAlarms.count > 0
            interactive: incidentAlarms.count > root.alarmRowsShown
            clip: true
            spacing: Theme.spacingTiny
            boundsBehavior: Flickable.StopAtBounds
            model: incidentAlarms

            delegate: Rectangle {
                id: alarmItem

                required property int severity
                required property bool anomaly
                required property bool active
                required property string explanation
                required property real sinceMs
                required property real changedMs
                required property real threshold
                // Points {x: epoch ms, y: value}. Qt 6.4 leaves a `list<point>` required property empty
                // when the role is a list of QPointF, so it arrives as list<var> and is converted below.
                required property list<var> trend

                width: alarmList.width
                height: Theme.alarmTrendRowHeight
                radius: Theme.radiusSmall
                color: Theme.panelRaised
                opacity: alarmItem.active ? 1.0 : 0.55

                Text {
                    id: alarmGlyph

                    anchors.left: parent.left
                    anchors.top: parent.top
                    anchors.leftMargin: Theme.spacingSmall
                    anchors.topMargin: Theme.spacingTiny
                    text: Theme.severityMarker(alarmItem.severity)
                    color: alarmItem.active ? Theme.severityColor(alarmItem.severity) : Theme.closed
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    textFormat: Text.PlainText
                }

                Text {
                    anchors.left: alarmGlyph.right
                    anchors.right: alarmSpark.left
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: Theme.spacingSmall
                    anchors.rightMargin: Theme.spacing
                    text: {
                        const prefix = [Labels.severityLabel(alarmItem.severity)];
                        if (alarmItem.anomaly)
                            prefix.push(qsTr("Anomaly"));
                        if (!alarmItem.active)
                            prefix.push(qsTr("cleared %1").arg(Labels.beijingTime(alarmItem.changedMs)));
                        return prefix.join(" · ") + " | " + alarmItem.explanation;
                    }
                    color: alarmItem.active ? Theme.textPrimary : Theme.textSecondary
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }

                AlarmSparkline {
                    id: alarmSpark

                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.spacingSmall
                    width: Math.round(alarmItem.width * 0.3)
                    points: alarmItem.trend.map(p => Qt.point(p.x, p.y))
                    triggerMs: alarmItem.sinceMs
                    threshold: alarmItem.threshold
                    showThreshold: !alarmItem.anomaly
                    lineColor: alarmItem.active ? Theme.severityColor(alarmItem.severity) : Theme.closed
                }

                Text {
                    anchors.centerIn: alarmSpark
                    visible: !alarmSpark.hasTrend
                    text: qsTr("No readings stored")
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }
        }

        SectionTitle {
            text: qsTr("Timeline (%1 actions)").arg(timeline.count)
        }
    }

    ListView {
        id: timeline

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: head.bottom
        anchors.topMargin: Theme.spacingSmall
        anchors.bottom: actionArea.top
        anchors.bottomMargin: Theme.spacing
        visible: IncidentDetail.exists
        clip: true
        spacing: Theme.spacingTiny
        boundsBehavior: Flickable.StopAtBounds
        model: IncidentDetail.timeline

        delegate: TimelineRow {
            required tsMs
            required actor
            required actorRole
            required console
            required action
            required note
            required applied
            required stateAfter
            required wonByActor
            required wonByConsole
            required wonByAction
            required unitType
            required unitId
            required priority
            required incidentKind
            required mergeInto
            required uri
            required mine

            width: timeline.width
            height: implicitHeight
        }
    }

    Text {
        anchors.left: timeline.left
        anchors.top: timeline.top
        visible: IncidentDetail.exists && timeline.count === 0
        text: qsTr("No action yet")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        textFormat: Text.PlainText
    }

    Item {
        id: actionArea

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: childrenRect.height
    }
}
