pragma Singleton
import QtQuick

// Codes from the feeds mapped to translated labels, and the wall's time and number formats.
// Times are always Beijing time (UTC+8, no daylight saving), computed explicitly from epoch ms so
// that the machine's time zone does not matter.
QtObject {
    id: labels

    readonly property real beijingOffsetMs: 8 * 3600 * 1000

    // Fills %1..%9 of a translated template in one pass. Chained .arg() calls would also fill markers that
    // came in with an earlier value: an actor named "%2" taken from a payload would show the next value.
    function fill(template: string, values): string {
        return template.replace(/%([1-9])/g, (marker, n) => n <= values.length ? String(values[n - 1]) : marker);
    }

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

    // --- dispatch ----------------------------------------------------------------------------
    // Filter choices of the consoles' queue, in a fixed order so that their positions stay put.
    readonly property list<string> districtCodes: ["610402", "610403", "610404", "610422", "610423", "610424",
        "610425", "610426", "610428", "610429", "610430", "610431", "610481", "610482"]
    // District names are proper names: the same in every language.
    readonly property list<string> districtNames: ["秦都区", "杨陵区", "渭城区", "三原县", "泾阳县", "乾县",
        "礼泉县", "永寿县", "长武县", "旬邑县", "淳化县", "武功县", "兴平市", "彬州市"]
    readonly property list<string> kindCodes: ["traffic_accident", "fire", "waterlogging", "pollution", "gas_leak",
        "city_management", "traffic", "weather", "geological", "public_safety", "public_health", "rescue",
        "infrastructure", "hazmat", "other"]
    readonly property list<string> stateCodes: ["new", "acknowledged", "dispatched", "on_scene", "resolved",
        "closed", "escalated", "merged", "cancelled"]
    // The unit picker's order: key 1 is police .. key 5 utility.
    readonly property list<string> unitTypeCodes: ["police", "fire", "medical", "city_management", "utility"]

    function districtLabel(adcode: string): string {
        const i = labels.districtCodes.indexOf(adcode);
        return i >= 0 ? labels.districtNames[i] : adcode;
    }

    // Lifecycle states of an incident's dispatch.
    function stateLabel(state: string): string {
        switch (state) {
        case "new":
            return qsTr("Unacknowledged");
        case "acknowledged":
            return qsTr("Acknowledged");
        case "dispatched":
            return qsTr("Dispatched");
        case "on_scene":
            return qsTr("On scene");
        case "resolved":
            return qsTr("Resolved");
        case "closed":
            return qsTr("Closed", "incident state");
        case "escalated":
            return qsTr("Escalated");
        case "merged":
            return qsTr("Merged");
        case "cancelled":
            return qsTr("Cancelled");
        default:
            return state;
        }
    }

    // Console actions, as verbs in the timeline and on buttons.
    function actionLabel(action: string): string {
        switch (action) {
        case "acknowledge":
            return qsTr("Acknowledge");
        case "classify":
            return qsTr("Reclassify");
        case "reprioritise":
            return qsTr("Reprioritise");
        case "dispatch":
            return qsTr("Dispatch");
        case "on_scene":
            return qsTr("Arrive on scene");
        case "note":
            return qsTr("Note");
        case "attach":
            return qsTr("Attach");
        case "merge":
            return qsTr("Merge");
        case "resolve":
            return qsTr("Resolve");
        case "escalate":
            return qsTr("Escalate");
        case "close":
            return qsTr("Close");
        case "cancel":
            return qsTr("Cancel incident");
        case "focus":
            return qsTr("Show on wall");
        default:
            return action;
        }
    }

    function unitTypeLabel(unitType: string): string {
        switch (unitType) {
        case "police":
            return qsTr("Police");
        case "fire":
            return qsTr("Fire brigade");
        case "medical":
            return qsTr("Emergency medical");
        case "city_management":
            return qsTr("City management");
        case "utility":
            return qsTr("Utilities (water, power, gas)");
        default:
            return unitType;
        }
    }

    function unitStatusLabel(status: string): string {
        switch (status) {
        case "dispatched":
            return qsTr("En route");
        case "on_scene":
            return qsTr("On scene");
        case "released":
            return qsTr("Released");
        default:
            return status;
        }
    }

    // The milestone an SLA clock counts down to.
    function slaPhaseLabel(phase: string): string {
        switch (phase) {
        case "acknowledge":
            return qsTr("Acknowledge", "SLA phase");
        case "dispatch":
            return qsTr("Dispatch", "SLA phase");
        case "on_scene":
            return qsTr("On scene", "SLA phase");
        default:
            return "";
        }
    }

    function priorityLabel(priority: int): string {
        return "P" + Math.max(1, Math.min(4, priority));
    }

    // CAP 1.2 field names, for the alert's table.
    function capFieldLabel(field: string): string {
        switch (field) {
        case "identifier":
            return qsTr("Identifier");
        case "sender":
            return qsTr("Sender");
        case "sent":
            return qsTr("Sent");
        case "msgType":
            return qsTr("Message type");
        case "event":
            return qsTr("Event");
        case "headline":
            return qsTr("Headline");
        case "severity":
            return qsTr("Severity");
        case "urgency":
            return qsTr("Urgency");
        case "certainty":
            return qsTr("Certainty");
        case "areaDesc":
            return qsTr("Area");
        default:
            return field;
        }
    }

    // A countdown "m:ss" (or "h:mm:ss"), negative once overdue: "-1:05".
    function countdownText(ms: real): string {
        const negative = ms < 0;
        const s = Math.floor(Math.abs(ms) / 1000);
        const h = Math.floor(s / 3600);
        const m = Math.floor((s % 3600) / 60);
        const body = h > 0 ? h + ":" + labels.pad2(m) + ":" + labels.pad2(s % 60) : m + ":" + labels.pad2(s % 60);
        return negative ? "-" + body : body;
    }

    // An age, compact: "45 s", "12 min", "3 h 5 min".
    function ageShort(seconds: real): string {
        const s = Math.max(0, Math.floor(seconds));
        if (s < 60)
            return qsTr("%1 s").arg(s);
        if (s < 3600)
            return qsTr("%1 min").arg(Math.floor(s / 60));
        return qsTr("%1 h %2 min").arg(Math.floor(s / 3600)).arg(Math.floor((s % 3600) / 60));
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
