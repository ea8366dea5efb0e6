import QtQuick
import QtTest
import CityBrain.Theme
import CityBrain.Panels

// The SLA ring's share and colour at given moments: a 60 s budget seen at fixed "now" values.
Item {
    id: root

    width: 200
    height: 200

    SlaRing {
        id: ring

        deadlineMs: 1000000 + 60000
        budgetMs: 60000
        nowMs: 1000000
    }

    TestCase {
        name: "SlaRing"

        function init() {
            ring.nowMs = 1000000;
            ring.breached = false;
            ring.done = false;
            ring.active = Qt.binding(() => ring.budgetMs > 0 && ring.deadlineMs > 0);
        }

        function test_full_at_start() {
            compare(ring.fraction, 1);
            compare(ring.overdue, false);
            verify(Qt.colorEqual(ring.ringColor, Theme.good));
        }

        function test_half_is_orange() {
            ring.nowMs = 1000000 + 30000; // 30 s of 60 left: not above half
            compare(ring.fraction, 0.5);
            verify(Qt.colorEqual(ring.ringColor, Theme.warning));
        }

        function test_last_fifth_is_red() {
            ring.nowMs = 1000000 + 51000; // 9 s left
            fuzzyCompare(ring.fraction, 0.15, 0.001);
            verify(Qt.colorEqual(ring.ringColor, Theme.bad));
        }

        function test_overdue_is_alarm_and_pulses() {
            ring.nowMs = 1000000 + 65000;
            compare(ring.fraction, 0);
            compare(ring.overdue, true);
            compare(ring.remainingMs, -5000);
            verify(Qt.colorEqual(ring.ringColor, Theme.alarm));
            tryVerify(() => ring.opacity < 0.9, 2000, "an overdue ring pulses");
        }

        function test_breached_flag_counts_even_before_the_deadline() {
            ring.breached = true;
            compare(ring.overdue, true);
            verify(Qt.colorEqual(ring.ringColor, Theme.alarm));
        }

        function test_done_is_a_full_green_ring() {
            ring.nowMs = 1000000 + 65000;
            ring.done = true;
            compare(ring.overdue, false);
            verify(Qt.colorEqual(ring.ringColor, Theme.good));
        }

        function test_inactive_is_a_track() {
            ring.active = false;
            compare(ring.fraction, 0);
            compare(ring.overdue, false);
            verify(Qt.colorEqual(ring.ringColor, Theme.slaTrack));
        }

        function test_countdown_text() {
            compare(Labels.countdownText(65000), "1:05");
            compare(Labels.countdownText(-5000), "-0:05");
            compare(Labels.countdownText(3723000), "1:02:03");
        }
    }
}
