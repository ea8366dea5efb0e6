import QtQuick

// Not part of the console: the fixture of tests/qml/check_plaintext.cmake, which must report the five
// Texts marked "caught" below (and none of the others).
Item {
    id: root

    property string title

    Text { // caught: bound to payload text, no textFormat
        text: root.title
    }

    Text {
        text: qsTr("A fixed label")
    }

    Text { text: root.title; textFormat: Text.PlainText }

    Text { text: root.title } // caught: one line, no textFormat

    Text { // caught: no text here, set from outside
        id: measured
    }

    Text { // caught: rich text declared
        text: "fixed"
        textFormat: Text.RichText
    }

    Text { // caught: a block binding
        text: {
            return "<b>" + root.title + "</b>";
        }

        MouseArea {
            property int textFormat: Text.PlainText // a child's property does not count
        }
    }

    TextInput {
        text: root.title
    }
}
