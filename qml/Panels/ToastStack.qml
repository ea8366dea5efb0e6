pragma ComponentBehavior: Bound
import QtQuick
import CityBrain.Theme

// Short messages in a corner that go away by themselves: an action of this console that lost to
// another console's, a refused action, a confirmation. The newest is at the bottom.
Column {
    id: root

    signal activated(string incidentId)

    // tone: "info", "warning" or "error" (also shown as a glyph, not by colour alone).
    function show(text: string, detail: string, tone: string, incidentId: string) {
        toasts.append({ "text": text, "detail": detail, "tone": tone, "incidentId": incidentId,
                        "shownMs": Date.now() });
        while (toasts.count > 4)
            toasts.remove(0);
    }

    function dismissAll() {
        toasts.clear();
    }

    width: Theme.toastWidth
    spacing: Theme.spacingSmall

    ListModel {
        id: toasts
    }

    Repeater {
        model: toasts

        Rectangle {
            id: toast

            required property int index
            required property string text
            required property string detail
            required property string tone
            required property string incidentId
            readonly property color tint: toast.tone === "error" ? Theme.bad : (toast.tone === "warning" ? Theme.warning : Theme.accent)

            width: root.width
            height: toastColumn.implicitHeight + 2 * Theme.spacing
            radius: Theme.radiusSmall
            color: Theme.toastBackground
            border.color: toast.tint
            border.width: Theme.borderWidth * 2

            Timer {
                interval: Theme.toastMs
                running: true
                onTriggered: toasts.remove(toast.index)
            }

            Text {
                id: glyph

                anchors.left: parent.left
                anchors.top: parent.top
                anchors.margins: Theme.spacing
                text: toast.tone === "info" ? "ℹ" : "⚠"
                color: toast.tint
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.bold: true
                textFormat: Text.PlainText
            }

            Column {
                id: toastColumn

                anchors.left: glyph.right
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: Theme.spacing
                spacing: Theme.spacingTiny

                Text {
                    width: parent.width
                    text: toast.text
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    textFormat: Text.PlainText
                }

                Text {
                    width: parent.width
                    visible: toast.detail.length > 0
                    text: toast.detail
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    textFormat: Text.PlainText
                }
            }

            MouseArea {
                anchors.fill: parent
                onClicked: {
                    if (toast.incidentId.length > 0)
                        root.activated(toast.incidentId);
                    toasts.remove(toast.index);
                }
            }
        }
    }
}
