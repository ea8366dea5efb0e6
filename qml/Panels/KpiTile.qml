import QtQuick
import CityBrain.Theme

// One indicator: name, big value with unit, trend arrow coloured good/bad, target with progress.
Rectangle {
    id: root

    property string name
    property string unit
    property real value: 0
    property real target: 0
    property bool hasTarget: false
    property int trend: 0
    property bool trendIsGood: true
    property bool higherIsBetter: true
    // Whether the target is met: reached for "higher is better", not exceeded for "lower is better"
    // (PM2.5 over its limit is not a full green bar).
    readonly property bool targetMet: root.higherIsBetter ? root.value >= root.target : root.value <= root.target
    // The recent values scaled to 0..1, oldest first: drawn faintly behind the value.
    property list<real> sparkline
    readonly property real progress: root.hasTarget && root.target !== 0 ? Math.max(0, Math.min(1, root.value / root.target)) : 0
    readonly property color trendColor: Theme.trendColor(root.trend, root.trendIsGood)

    color: Theme.panelRaised
    radius: Theme.radiusSmall
    border.color: Theme.divider
    border.width: Theme.borderWidth

    Canvas {
        id: sparklineCanvas

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: nameText.bottom
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacing
        opacity: 0.45
        visible: root.sparkline.length > 1
        onPaint: {
            const ctx = getContext("2d");
            ctx.reset();
            const points = root.sparkline;
            if (points.length < 2)
                return;
            const step = width / (points.length - 1);
            ctx.beginPath();
            for (let i = 0; i < points.length; ++i) {
                const y = height - points[i] * height;
                if (i === 0)
                    ctx.moveTo(0, y);
                else
                    ctx.lineTo(i * step, y);
            }
            ctx.strokeStyle = Theme.chartAxis;
            ctx.lineWidth = Math.max(1, Theme.chartLineWidth * 0.7);
            ctx.stroke();
        }

        Connections {
            function onSparklineChanged() {
                sparklineCanvas.requestPaint();
            }

            target: root
        }
    }

    Text {
        id: nameText

        anchors.left: parent.left
        anchors.right: arrowText.left
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        height: Theme.fontBody * 1.4
        text: root.name
        color: Theme.textSecondary
        elide: Text.ElideRight
        // Long names shrink to fit before they are cut: an operator must read the whole name.
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Theme.fontSmall * 0.8
        verticalAlignment: Text.AlignVCenter
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        textFormat: Text.PlainText
    }

    Text {
        id: arrowText

        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        text: Theme.trendArrow(root.trend)
        color: root.trendColor
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontLabel
        textFormat: Text.PlainText
    }

    Row {
        id: valueRow

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: nameText.bottom
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacingSmall

        Text {
            id: valueText

            width: Math.min(implicitWidth, valueRow.width - unitText.implicitWidth - valueRow.spacing)
            text: Labels.formatNumber(root.value)
            color: Theme.textPrimary
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontKpi
            font.bold: true
            textFormat: Text.PlainText
        }

        Text {
            id: unitText

            anchors.baseline: valueText.baseline
            text: root.unit
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontKpiUnit
            textFormat: Text.PlainText
        }
    }

    Item {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacing
        height: targetText.implicitHeight + Theme.spacingSmall + Theme.progressHeight
        visible: root.hasTarget

        Text {
            id: targetText

            anchors.left: parent.left
            anchors.right: percentText.left
            anchors.top: parent.top
            text: qsTr("Target %1 %2").arg(Labels.formatNumber(root.target)).arg(root.unit)
            color: Theme.textMuted
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Text {
            id: percentText

            anchors.right: parent.right
            anchors.top: parent.top
            // Of the target, unclamped; over the limit says so in words, not by colour alone.
            text: !root.higherIsBetter && !root.targetMet
                  ? qsTr("%1% · over limit").arg(Math.round(root.value / root.target * 100))
                  : qsTr("%1%").arg(Math.round(root.value / root.target * 100))
            color: !root.higherIsBetter && !root.targetMet ? Theme.bad : Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            textFormat: Text.PlainText
        }

        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Theme.progressHeight
            radius: height / 2
            color: Theme.divider

            Rectangle {
                width: parent.width * root.progress
                height: parent.height
                radius: parent.radius
                color: root.targetMet ? Theme.good : (root.higherIsBetter ? Theme.accent : Theme.bad)
            }
        }
    }
}
