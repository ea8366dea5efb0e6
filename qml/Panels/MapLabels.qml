pragma Singleton
import QtQuick
import CityBrain.Theme

// The map's words, shared by its legend, layer list, readouts and hover card: sensor statuses, sensor
// domains and metrics (docs/topics.md, "Telemetry"), distances and coordinates. Feed values (ids,
// names, a dynamic layer's properties) are never translated; a code this file does not know is shown
// as it came.
QtObject {
    id: labels

    function sensorStatusLabel(status: string): string {
        switch (status) {
        case "normal":
            return qsTr("Normal", "sensor status");
        case "warning":
            return qsTr("Warning", "sensor status");
        case "alarm":
            return qsTr("Alarm", "sensor status");
        case "offline":
            return qsTr("Offline", "sensor status");
        default:
            return status;
        }
    }

    function domainLabel(domain: string): string {
        switch (domain) {
        case "air":
            return qsTr("Air quality");
        case "traffic":
            return qsTr("Traffic");
        case "water":
            return qsTr("Water level");
        case "noise":
            return qsTr("Noise");
        case "energy":
            return qsTr("Power load");
        default:
            return domain;
        }
    }

    function metricLabel(metric: string): string {
        switch (metric) {
        case "aqi":
            return qsTr("AQI");
        case "pm25":
            return "PM2.5";
        case "pm10":
            return "PM10";
        case "no2":
            return "NO₂";
        case "o3":
            return "O₃";
        case "flow":
            return qsTr("Flow");
        case "speed":
            return qsTr("Speed");
        case "congestion":
            return qsTr("Congestion index");
        case "level":
            return qsTr("Level");
        case "warning_line":
            return qsTr("Warning line");
        case "guarantee_line":
            return qsTr("Guarantee line");
        case "laeq":
            return qsTr("Noise level");
        case "load":
            return qsTr("Load");
        default:
            return metric;
        }
    }

    // Units are symbols, the same in every language but vehicles per hour.
    function metricUnit(metric: string): string {
        switch (metric) {
        case "pm25":
        case "pm10":
        case "no2":
        case "o3":
            return "µg/m³";
        case "flow":
            return qsTr("veh/h");
        case "speed":
            return "km/h";
        case "level":
        case "warning_line":
        case "guarantee_line":
            return "m";
        case "laeq":
            return "dB(A)";
        case "load":
            return "MW";
        default:
            return "";
        }
    }

    // "PM2.5 61.2 µg/m³".
    function readingText(metric: string, value: real): string {
        const unit = labels.metricUnit(metric);
        const number = Labels.formatNumber(value);
        return unit.length > 0 ? Labels.fill(qsTr("%1 %2 %3"), [labels.metricLabel(metric), number, unit])
                               : qsTr("%1 %2").arg(labels.metricLabel(metric)).arg(number);
    }

    // A scale bar's distance: "500 m", "2 km".
    function distanceText(meters: real): string {
        if (meters >= 1000)
            return qsTr("%1 km").arg(Math.round(meters / 100) / 10);
        return qsTr("%1 m").arg(Math.round(meters * 10) / 10);
    }

    // "108.70512° E", "34.33120° N" (5 decimals: about a metre).
    function longitudeText(lon: real): string {
        return lon >= 0 ? qsTr("%1° E").arg(lon.toFixed(5)) : qsTr("%1° W").arg((-lon).toFixed(5));
    }

    function latitudeText(lat: real): string {
        return lat >= 0 ? qsTr("%1° N").arg(lat.toFixed(5)) : qsTr("%1° S").arg((-lat).toFixed(5));
    }
}
