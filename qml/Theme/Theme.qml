pragma Singleton
import QtQuick

// The wall's look in one place. Every size is a 1080p design value multiplied by `scale`, which
// Main sets from the window (height / 1080, limited by width / 1920), so a 3840x2160 wall gets
// scale 2 and the same composition. Colours are dark, and status colours come from the
// Okabe-Ito palette (safe for the common colour-vision deficiencies); status is never shown by
// colour alone: every coloured state also has a shape glyph and a text.
QtObject {
    id: theme

    // --- scale ---------------------------------------------------------------------------------
    property real scale: 1.0

    // --- typography ----------------------------------------------------------------------------
    readonly property string fontFamily: "Noto Sans CJK SC"
    // Minimum text: 18 px per 1080 lines of screen, 1/60 of its height (docs/layouts.md, "Reading distance":
    // 2.5 m on a 55-inch tile, 4.4 m on a 98-inch one); citybrain --check-layout fails on smaller text.
    readonly property real fontSmall: Math.round(18 * scale)
    readonly property real fontBody: Math.round(20 * scale)
    readonly property real fontLabel: Math.round(22 * scale)
    readonly property real fontPanelTitle: Math.round(24 * scale)
    readonly property real fontLarge: Math.round(28 * scale)
    readonly property real fontKpi: Math.round(40 * scale)
    readonly property real fontKpiUnit: Math.round(20 * scale)
    readonly property real fontClock: Math.round(34 * scale)
    readonly property real fontTitle: Math.round(42 * scale)

    // --- spacing and shapes --------------------------------------------------------------------
    readonly property real spacingTiny: Math.round(3 * scale)
    readonly property real spacingSmall: Math.round(6 * scale)
    readonly property real spacing: Math.round(12 * scale)
    readonly property real spacingLarge: Math.round(18 * scale)
    readonly property real margin: Math.round(16 * scale)
    readonly property real panelPadding: Math.round(14 * scale)
    readonly property real radius: Math.round(10 * scale)
    readonly property real radiusSmall: Math.round(5 * scale)
    readonly property real borderWidth: Math.max(1, Math.round(1 * scale))
    readonly property real accentWidth: Math.max(2, Math.round(4 * scale))
    readonly property real headerHeight: Math.round(84 * scale)
    readonly property real statusStripHeight: Math.round(30 * scale)
    readonly property real panelHeaderHeight: Math.round(64 * scale)
    readonly property real kpiTileMinHeight: Math.round(150 * scale)
    readonly property real kpiTileMaxHeight: Math.round(190 * scale)
    readonly property real progressHeight: Math.max(3, Math.round(7 * scale))
    readonly property real incidentRowHeight: Math.round(76 * scale)
    readonly property real badgeWidth: Math.round(118 * scale)
    readonly property real badgeHeight: Math.round(30 * scale)
    readonly property real indicatorDot: Math.round(16 * scale)
    readonly property real chartLineWidth: Math.max(2, Math.round(3 * scale))
    // --- consoles (dispatcher, leader) -----------------------------------------------------------
    readonly property real queueRowHeight: Math.round(92 * scale)
    readonly property real queueRowHintHeight: Math.round(26 * scale)
    readonly property real priorityBadgeWidth: Math.round(64 * scale)
    readonly property real priorityBadgeLargeWidth: Math.round(92 * scale)
    readonly property real slaRingSize: Math.round(46 * scale)
    readonly property real slaRingLargeSize: Math.round(64 * scale)
    readonly property real slaRingWidth: Math.max(3, Math.round(6 * scale))
    readonly property real alarmBannerHeight: Math.round(52 * scale)
    readonly property real actionBarHeight: Math.round(54 * scale)
    readonly property real inputHeight: Math.round(40 * scale)
    readonly property real dialogWidth: Math.round(620 * scale)
    readonly property real toastWidth: Math.round(640 * scale)
    readonly property real timelineTimeWidth: Math.round(88 * scale)
    readonly property real capKeyWidth: Math.round(130 * scale)
    readonly property real filterSelectWidth: Math.round(150 * scale)
    readonly property real filterListMaxHeight: Math.round(420 * scale)
    readonly property real mapFocusRing: Math.round(34 * scale)
    // A monitoring alarm in the alarm list: a badge line and two lines of explanation.
    readonly property real alarmRowHeight: Math.round(106 * scale)
    // A related alarm in the incident detail: two lines of text beside its sparkline.
    readonly property real alarmTrendRowHeight: Math.round(64 * scale)
    readonly property int alarmFlashMs: 600
    readonly property int toastMs: 12000
    // Column shares of a console's body (left queue, right map; the detail takes the rest).
    readonly property real queueColumnShare: 0.34
    readonly property real mapColumnShare: 0.25
    // Column shares of the wall's body (left KPI, right incidents; the map takes the rest).
    readonly property real leftColumnShare: 0.25
    readonly property real rightColumnShare: 0.26
    readonly property real trendRowShare: 0.34
    // The monitoring alarms' share of the wall's right column (under the incidents), the system
    // health's share of the row under the map (beside the trend), and the map's share of a console's
    // right column (the units and the alarms share the rest).
    readonly property real wallAlarmShare: 0.45
    readonly property real healthShare: 0.4
    readonly property real consoleMapShare: 0.45

    // --- surfaces ------------------------------------------------------------------------------
    readonly property color background: "#060b16"
    readonly property color backgroundTop: "#0b1730"
    readonly property color panel: "#0d1729"
    readonly property color panelHeader: "#11203a"
    readonly property color panelRaised: "#14233d"
    readonly property color border: "#1e3556"
    readonly property color borderStrong: "#2f5b8c"
    readonly property color divider: "#182a45"

    // --- text ----------------------------------------------------------------------------------
    readonly property color textPrimary: "#eaf2ff"
    readonly property color textSecondary: "#a9bcd8"
    readonly property color textMuted: "#7d91ae"
    readonly property color textOnBadge: "#07101e"

    // --- status (Okabe-Ito derived, lightened a little for a dark background) --------------------
    readonly property color accent: "#56b4e9"      // sky blue
    readonly property color accentStrong: "#0072b2" // blue
    readonly property color good: "#1fb58a"        // bluish green
    readonly property color bad: "#e8743b"         // vermillion
    readonly property color warning: "#e69f00"     // orange
    readonly property color neutral: "#a9bcd8"
    readonly property color stale: "#e69f00"
    readonly property color staleVeil: "#b0101722"
    readonly property color staleBanner: "#e6231a0a"
    readonly property color closed: "#7d91ae"
    // A reading far from the learned baseline (not a fixed line): Okabe-Ito reddish purple.
    readonly property color anomaly: "#cc79a7"

    // Severity 0 minor .. 3 critical: colour AND shape AND text (Labels.severityLabel).
    readonly property list<color> severityColors: ["#56b4e9", "#f0e442", "#e69f00", "#e5533d"]
    // The same shapes CityMap draws for incidents: dot, ringed dot, triangle, diamond.
    readonly property list<string> severityMarkers: ["●", "◉", "▲", "◆"]

    // Priority P1 .. P4: colour AND shape AND text ("◆ P1"). Index 0 is P1. The shapes match the
    // severity a priority is usually derived from (critical → P1).
    readonly property list<color> priorityColors: ["#e5533d", "#e69f00", "#f0e442", "#56b4e9"]
    readonly property list<string> priorityMarkers: ["◆", "▲", "◉", "●"]

    // Lifecycle states: colour AND glyph AND text (Labels.stateLabel).
    readonly property color stateNew: "#56b4e9"
    readonly property color stateActive: "#e69f00"
    readonly property color stateOnScene: "#1fb58a"
    readonly property color stateDone: "#7d91ae"
    readonly property color stateEscalated: "#e5533d"

    // Alarms and SLA countdowns.
    readonly property color alarm: "#e5533d"
    readonly property color alarmDim: "#5a1a12"
    readonly property color slaTrack: "#1e3556"
    readonly property color selection: "#1b3a63"
    readonly property color overlay: "#c0040812"
    readonly property color toastBackground: "#f21a2740"

    // Trend arrows: rising, flat, falling.
    readonly property string arrowUp: "▲"
    readonly property string arrowDown: "▼"
    readonly property string arrowFlat: "■"

    // --- chart ---------------------------------------------------------------------------------
    readonly property color chartBackground: "transparent"
    readonly property color chartGrid: "#1a2d4a"
    readonly property color chartAxis: "#2f5b8c"
    readonly property list<color> seriesColors: ["#56b4e9", "#e69f00"]

    // --- map -----------------------------------------------------------------------------------
    // The CityMap's looks (every map view: the wall's, the consoles' mini maps). Marker shapes carry the
    // meaning on their own (MapLegend shows them); the colours are a second cue, chosen so that markers
    // of the same shape stay apart for the common colour-vision deficiencies (checked with Machado 2009
    // simulations in CIELAB): an incident dot (minor, sky blue) and a normal sensor dot (pale green), an
    // incident triangle (major, orange) and a warning sensor triangle (violet).
    readonly property color mapBackground: "#08111f"
    readonly property color mapFill: "#122846"
    readonly property color mapBorder: "#4a86c5"
    readonly property color mapOutline: "#8cc8f0"
    readonly property color mapLabel: "#d6e6fa"
    // The selected or focused incident's ring and its district's border: white, unlike every status.
    readonly property color mapHighlight: "#f5f9ff"
    // Dynamic GeoJSON areas, lines and points (a feed's own "fill"/"stroke" wins).
    readonly property color mapArea: "#2ec4b6"
    readonly property color mapCamera: "#e8ecf2"
    // A cluster's disc inside its status ring, and its count; also the markers' thin outline.
    readonly property color mapClusterCentre: "#0a1426"
    readonly property color mapText: "#ffffff"
    // Sensor status 0 normal, 1 warning, 2 alarm, 3 offline: dot, triangle, square, hollow ring (the
    // shapes CityMap draws), and none of them a severity colour.
    readonly property list<color> sensorColors: ["#b4eb9a", "#9f6bff", "#ff66d9", "#7d8794"]
    readonly property list<string> sensorStatusNames: ["normal", "warning", "alarm", "offline"]
    // MapSymbolGlyph's names of the shapes CityMap draws, per category.
    readonly property list<string> sensorShapes: ["dot", "triangle", "square", "hollowRing"]
    readonly property list<string> severityShapes: ["dot", "ringedDot", "triangle", "diamond"]
    // The incident density layer's ramp, low to high, as modules/gis/heatmap.cpp paints it (it is not
    // themeable there): for the legend only.
    readonly property list<color> mapHeatRamp: ["#285aff", "#00d2e6", "#ffe128", "#ff2d1e"]
    readonly property real mapMarkerScale: scale
    readonly property real mapMiniMarkerScale: scale * 0.85
    // The wall's map flies this close to an incident a leader puts in focus (web-mercator zoom: 14 is a
    // few streets); a console's mini map shows its selected incident at mapDetailZoom.
    readonly property real mapFocusZoom: 14
    readonly property real mapDetailZoom: 14
    // Without a basemap there are no streets to see: going to an incident stops at this zoom instead,
    // so its district's border and the sensors and incidents around it stay in view.
    readonly property real mapContextZoom: 12
    // One pulse of the halos behind unacknowledged incidents (dim, then bright again).
    readonly property int mapPulseMs: 1600
    // Overlays on the map (legend, layers, scale, readouts, hover card): panel-header boxes that let the
    // map show through a little; their text stays opaque.
    readonly property color mapOverlay: "#e611203a"
    readonly property real mapLegendSymbol: Math.round(20 * scale)
    readonly property real mapLegendClusterSymbol: Math.round(30 * scale)
    readonly property real mapLayerPanelWidth: Math.round(250 * scale)
    readonly property real mapLayerPanelMaxHeight: Math.round(330 * scale)
    readonly property real mapLayerToggle: Math.round(20 * scale)
    // The scale bar is a round distance no longer than this.
    readonly property real mapScaleBarWidth: Math.round(120 * scale)
    readonly property real mapScaleBarThickness: Math.max(2, Math.round(4 * scale))
    readonly property real mapNorthArrowSize: Math.round(44 * scale)
    readonly property real mapCardWidth: Math.round(340 * scale)
    readonly property real mapCardSparkHeight: Math.round(54 * scale)
    readonly property real mapCardOffset: Math.round(20 * scale)
    readonly property real mapButtonSize: Math.round(40 * scale)

    function severityColor(severity: int): color {
        return theme.severityColors[Math.max(0, Math.min(3, severity))];
    }

    function severityMarker(severity: int): string {
        return theme.severityMarkers[Math.max(0, Math.min(3, severity))];
    }

    // A sensor status ("normal", "warning", "alarm", "offline") as its marker category 0..3 (-1 unknown).
    function sensorStatusIndex(status: string): int {
        return theme.sensorStatusNames.indexOf(status);
    }

    function sensorColor(category: int): color {
        return theme.sensorColors[Math.max(0, Math.min(3, category))];
    }

    function priorityColor(priority: int): color {
        return theme.priorityColors[Math.max(1, Math.min(4, priority)) - 1];
    }

    function priorityMarker(priority: int): string {
        return theme.priorityMarkers[Math.max(1, Math.min(4, priority)) - 1];
    }

    function stateColor(state: string): color {
        switch (state) {
        case "new":
            return theme.stateNew;
        case "acknowledged":
        case "dispatched":
            return theme.stateActive;
        case "on_scene":
        case "resolved":
            return theme.stateOnScene;
        case "escalated":
            return theme.stateEscalated;
        default:
            return theme.stateDone;
        }
    }

    // Each state's glyph, so it reads without its colour.
    function stateGlyph(state: string): string {
        switch (state) {
        case "new":
            return "✦";
        case "acknowledged":
            return "✓";
        case "dispatched":
            return "➤";
        case "on_scene":
            return "⚑";
        case "resolved":
            return "✔";
        case "escalated":
            return "⇧";
        case "merged":
            return "⇢";
        case "cancelled":
            return "✕";
        default:
            return "■";
        }
    }

    // Remaining share of an SLA budget: green above half, orange above a fifth, then red.
    function slaColor(fraction: real, breached: bool): color {
        if (breached || fraction <= 0)
            return theme.alarm;
        return fraction > 0.5 ? theme.good : (fraction > 0.2 ? theme.warning : theme.bad);
    }

    function trendArrow(trend: int): string {
        return trend > 0 ? theme.arrowUp : (trend < 0 ? theme.arrowDown : theme.arrowFlat);
    }

    function trendColor(trend: int, good: bool): color {
        return trend === 0 ? theme.neutral : (good ? theme.good : theme.bad);
    }
}
