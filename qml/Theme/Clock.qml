pragma Singleton
import QtQuick

// One clock for the whole wall, ticking every second: the header's time and every panel's data age
// read it, so they all change in the same frame.
QtObject {
    id: clock

    property real nowMs: Date.now()

    readonly property Timer ticker: Timer {
        interval: 1000
        repeat: true
        running: true
        triggeredOnStart: true
        onTriggered: clock.nowMs = Date.now()
    }
}
