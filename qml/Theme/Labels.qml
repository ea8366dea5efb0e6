pragma Singleton
import QtQuick

// Codes from the feeds mapped to translated labels, and the wall's time and number formats.
// Times are always Beijing time (UTC+8, no daylight saving), computed explicitly from epoch ms so
// that the machine's time zone does not matter.
QtObject {
    id: labels

    readonly property real beijingOffsetMs: 8 * 3600 * 1000

    function kindLabel(kind: string): string {
        switch (kind) {
        case "traffic_accident":
            return qsTr("Traffic accident");
        case "fire":
            return qsTr("Fire");
        case "waterlogging":
            return qsTr("Urban waterlogging");
        case "pollution":
            return qsTr("Pollution exceedance");
        case "gas_leak":
            return qsTr("Gas leak");
        case "city_management":
            return qsTr("12345 city management");
        case "traffic_jam":
        case "traffic":
            return qsTr("Traffic disruption");
        case "weather":
            return qsTr("Severe weather");
        case "geological":
            return qsTr("Geological hazard");
        case "public_safety":
            return qsTr("Public safety");
        case "public_health":
            return qsTr("Public health");
        case "rescue":
            return qsTr("Rescue");
        case "infrastructure":
            return qsTr("Infrastructure failure");
        case "hazmat":
            return qsTr("Hazardous materials");
        case "other":
            return qsTr("Other");
        default:
            // Source-defined kinds are shown as they come (plain text).
            return kind.length > 0 ? kind : qsTr("Other");
        }
    }

    function severityLabel(severity: int): string {
        switch (severity) {
        case 3:
            return qsTr("Critical");
        case 2:
            return qsTr("Major");
        case 1:
            return qsTr("Moderate");
        default:
            return qsTr("Minor");
        }
    }

    function statusLabel(status: string): string {
        switch (status) {
        case "new":
            return qsTr("New");
        case "update":
            return qsTr("Updated");
        case "closed":
            return qsTr("Closed");
        default:
            return status;
        }
    }

    function roleLabel(role: string): string {
        switch (role) {
        case "wall":
            return qsTr("Video wall");
        case "dispatcher":
            return qsTr("Dispatcher");
        case "leader":
            return qsTr("Duty leader");
        case "simulator":
            return qsTr("Simulator");
        case "sensor-gateway":
            return qsTr("Sensor gateway");
        case "source":
            return qsTr("Source system");
        default:
            return role;
        }
    }

    function pad2(n: int): string {
        return n < 10 ? "0" + n : "" + n;
    }

    // Beijing wall-clock "HH:mm:ss".
    function beijingClock(ms: real): string {
        const d = new Date(ms + labels.beijingOffsetMs);
        return labels.pad2(d.getUTCHours()) + ":" + labels.pad2(d.getUTCMinutes()) + ":"
                + labels.pad2(d.getUTCSeconds());
    }

    // Beijing "HH:mm".
    function beijingTime(ms: real): string {
        if (!(ms > 0))
            return "--:--";
        const d = new Date(ms + labels.beijingOffsetMs);
        return labels.pad2(d.getUTCHours()) + ":" + labels.pad2(d.getUTCMinutes());
    }

    // Beijing date with the weekday, e.g. "2026-11-29 星期日".
    function beijingDate(ms: real): string {
        const d = new Date(ms + labels.beijingOffsetMs);
        const weekdays = [qsTr("Sunday"), qsTr("Monday"), qsTr("Tuesday"), qsTr("Wednesday"),
                          qsTr("Thursday"), qsTr("Friday"), qsTr("Saturday")];
        return d.getUTCFullYear() + "-" + labels.pad2(d.getUTCMonth() + 1) + "-"
                + labels.pad2(d.getUTCDate()) + " " + weekdays[d.getUTCDay()];
    }

    // A duration in seconds, short: "8 s", "3 min 5 s", "2 h 10 min".
    function durationText(seconds: real): string {
        const s = Math.max(0, Math.floor(seconds));
        if (s < 60)
            return qsTr("%1 s").arg(s);
        if (s < 3600)
            return qsTr("%1 min %2 s").arg(Math.floor(s / 60)).arg(s % 60);
        return qsTr("%1 h %2 min").arg(Math.floor(s / 3600)).arg(Math.floor((s % 3600) / 60));
    }

    // "Updated 5 s ago" style line for a panel.
    function ageText(seconds: real): string {
        if (!(seconds >= 0))
            return qsTr("No data yet");
        if (seconds < 2)
            return qsTr("Updated just now");
        return qsTr("Updated %1 ago").arg(labels.durationText(seconds));
    }

    // A value with sensible precision and digit grouping.
    function formatNumber(value: real): string {
        if (!isFinite(value))
            return "—";
        const a = Math.abs(value);
        const decimals = a >= 1000 || Number.isInteger(value) ? 0 : (a >= 100 ? 0 : (a >= 10 ? 1 : 2));
        return Number(value).toLocaleString(Qt.locale(), "f", decimals);
    }
}
