import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels
import CityBrain.Incidents

// Payload text an attacker or a sloppy source controls, in every place an operator reads it: the incident
// list and queue rows, the timeline of the incident card, the alarm list, the KPI tiles; and, from the
// runner's models (tst_qml.cpp), the incident detail, the focus card and the alarm ticker, whose incident
// description and alarm explanation carry "<b>不是富文本</b>". Each Text must show the characters as they
// came (textFormat PlainText, `text` the input itself, no link to hover or click) and a 10 000-character
// string must stay within a few lines, elided.
Item {
    id: root

    readonly property string image: "<img src=\"http://127.0.0.1:1/x.png\" width=900 height=900>"
    readonly property string link: "<a href=\"http://x\">link</a> <a href=\"file:///etc/passwd\">passwd</a>"
    readonly property string styled: "<b>粗体</b> <i>斜体</i> <font color=red size=7>红字</font> <h1>大标题</h1>"
    readonly property string entities: "&lt;b&gt; &amp;amp; &#x263A; &nbsp;"
    readonly property string rtl: "\u202e\u05d0\u05d1 gpj.exe \u202d正常\u200f"
    readonly property string longText: "长".repeat(10000)
    readonly property string markupInRunner: "<b>不是富文本</b>"

    width: 1800
    height: 1300

    IncidentRow {
        id: incidentRow

        width: 600
        height: Theme.incidentRowHeight
        kind: "fire"
        districtName: "秦都区"
    }

    QueueRow {
        id: queueRow

        y: 120
        width: 600
        incidentId: "INC-H-1"
        districtName: "秦都区"
    }

    TimelineRow {
        id: timelineRow

        y: 260
        width: 600
        tsMs: 1000000
        actorRole: "dispatcher"
        console: "console-1"
        action: "note"
    }

    AlarmRow {
        id: alarmRow

        y: 520
        width: 600
        severity: 2
        districtName: "渭城区"
        sinceMs: 1000000
        changedMs: 1060000
        nowMs: 1000000 + 15 * 60000
    }

    KpiTile {
        id: kpiTile

        y: 640
        width: 300
        height: 200
        value: 72.4
        target: 85
        hasTarget: true
    }

    DetailPanel {
        id: detail

        x: 620
        width: 560
        height: 900
    }

    FocusCard {
        id: focusCard

        x: 1200
        width: 580
        height: 400
    }

    AlarmTickerPanel {
        id: ticker

        x: 1200
        y: 420
        width: 580
        height: 140
        stale: false
    }

    TestCase {
        name: "HostileText"
        when: windowShown

        // Every Text below `item` (shown or not), depth first.
        function textItems(item) {
            const found = [];
            const walk = node => {
                for (let i = 0; i < node.children.length; ++i) {
                    const child = node.children[i];
                    if (child.text !== undefined && child.textFormat !== undefined && child.linkAt !== undefined)
                        found.push(child);
                    walk(child);
                }
            };
            walk(item);
            return found;
        }

        // The Texts of `item` showing `input`: at least one, each plain, one of them exactly the input,
        // none with a link under any point of it.
        function checkShownLiterally(item, input, what) {
            const showing = textItems(item).filter(t => t.text.indexOf(input) >= 0);
            verify(showing.length > 0, what + ": no Text shows the input");
            verify(showing.some(t => t.text === input), what + ": no Text is exactly the input");
            for (const t of showing) {
                compare(t.textFormat, Text.PlainText, what + ": " + t.text.slice(0, 40));
                compare(t.hoveredLink, "", what);
                for (let fx = 0.05; fx < 1; fx += 0.15) {
                    for (let fy = 0.25; fy < 1; fy += 0.5)
                        compare(t.linkAt(t.width * fx, t.height * fy), "", what);
                }
            }
            return showing;
        }

        function cleanup() {
            IncidentDetail.incidentId = "";
        }

        function test_payloadTextIsShownAsItsCharacters_data() {
            return [
                { tag: "image", input: root.image },
                { tag: "link", input: root.link },
                { tag: "styled", input: root.styled },
                { tag: "entities", input: root.entities },
                { tag: "rtl override", input: root.rtl }
            ];
        }

        function test_payloadTextIsShownAsItsCharacters(data) {
            incidentRow.title = data.input;
            queueRow.title = data.input;
            timelineRow.note = data.input;
            timelineRow.actor = data.input;
            alarmRow.explanation = data.input;
            kpiTile.name = data.input;
            waitForRendering(root);
            checkShownLiterally(incidentRow, data.input, "incident row title");
            checkShownLiterally(queueRow, data.input, "queue row title");
            checkShownLiterally(timelineRow, data.input, "timeline note and actor");
            checkShownLiterally(alarmRow, data.input, "alarm explanation");
            checkShownLiterally(kpiTile, data.input, "KPI name");
        }

        // Markup rendered as markup would be taller or wider than the same characters as text: an
        // <img width=900 height=900> alone would make the row 900 pixels high.
        function test_anImageTagLoadsNoImageAndTakesOneLine() {
            incidentRow.title = root.image;
            timelineRow.note = root.image;
            waitForRendering(root);
            for (const t of textItems(incidentRow).concat(textItems(timelineRow))) {
                if (t.text.indexOf(root.image) < 0)
                    continue;
                verify(t.implicitHeight < t.font.pixelSize * 6, t.text + ": " + t.implicitHeight);
            }
        }

        function test_aTenThousandCharacterTextStaysWithinAFewLines_data() {
            return [
                { tag: "incident row", item: incidentRow, field: "title" },
                { tag: "queue row", item: queueRow, field: "title" },
                { tag: "timeline note", item: timelineRow, field: "note" },
                { tag: "alarm explanation", item: alarmRow, field: "explanation" },
                { tag: "KPI name", item: kpiTile, field: "name" }
            ];
        }

        function test_aTenThousandCharacterTextStaysWithinAFewLines(data) {
            data.item[data.field] = root.longText;
            waitForRendering(root);
            const showing = checkShownLiterally(data.item, root.longText, data.tag);
            for (const t of showing) {
                verify(t.truncated, data.tag + ": not elided");
                verify(t.contentWidth <= t.width + 1, data.tag + ": " + t.contentWidth + " px wide in " + t.width);
                verify(t.lineCount <= 4, data.tag + ": " + t.lineCount + " lines");
                verify(t.implicitHeight <= t.font.pixelSize * 8, data.tag + ": " + t.implicitHeight + " px high");
            }
            data.item[data.field] = "";
        }

        // "%1"-style markers in payload text must stay characters too. A chain of single-argument
        // qsTr("%1 (%2 · %3)").arg(actor).arg(role).arg(console) substitutes the markers inside the actor's
        // text with the later arguments: TimelineRow's "who" line shows the console instead of the actor.
        // Known defect (reported with this test; fixing it changes TimelineRow's bindings, not only its
        // textFormat): expected to fail until the chained arg() calls are replaced.
        function test_percentMarkersInPayloadTextStayCharacters() {
            timelineRow.note = "";
            timelineRow.actor = "%2%3";
            waitForRendering(root);
            const shown = textItems(timelineRow).map(t => t.text);
            timelineRow.actor = "";
            verify(shown.some(t => t.indexOf("%2%3") >= 0), shown.join(" | "));
        }

        // The runner's incidents carry "<b>不是富文本</b>" in their description, its PM2.5 alarm in its
        // explanation: the detail, the focus card and the ticker show the tags as characters.
        function test_theIncidentDetailShowsTheDescriptionLiterally() {
            IncidentDetail.incidentId = "INC-T-FIRE";
            tryVerify(() => IncidentDetail.description.indexOf(root.markupInRunner) === 0);
            waitForRendering(root);
            checkShownLiterally(detail, IncidentDetail.description, "detail description");
            for (const t of textItems(detail).concat(textItems(focusCard)))
                compare(t.textFormat, Text.PlainText, t.text.slice(0, 40));
        }

        function test_theAlarmTickerShowsTheExplanationLiterally() {
            tryVerify(() => textItems(ticker).some(t => t.text.indexOf(root.markupInRunner) >= 0));
            const showing = textItems(ticker).filter(t => t.text.indexOf(root.markupInRunner) >= 0);
            for (const t of showing) {
                compare(t.textFormat, Text.PlainText);
                compare(t.linkAt(t.width / 2, t.height / 2), "");
            }
        }
    }
}
