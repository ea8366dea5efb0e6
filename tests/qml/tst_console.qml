import QtQuick
import QtTest
import CityBrain.Panels
import CityBrain.Incidents
import CityBrain.Wall

// A dispatcher's console driven from the keyboard, on the runner's small city (tst_qml.cpp): the
// queue's order, J/K, what is offered, the dialogs, and that shortcuts never fire while typing.
// The runner has no broker, so every action that is sent comes back refused: a toast (notify).
Item {
    id: root

    width: 1600
    height: 900

    ConsoleView {
        id: view

        anchors.fill: parent
    }

    SignalSpy {
        id: notified

        target: view
        signalName: "notify"
    }

    TestCase {
        name: "Console"
        when: windowShown

        function init() {
            if (view.dialogMode.length > 0)
                keyClick(Qt.Key_Escape);
            view.select("INC-T-FIRE");
            view.takeKeys();
            notified.clear();
        }

        function test_queue_order_and_first_selection() {
            compare(view.selectedId, "INC-T-FIRE", "the open P1 leads the queue");
            compare(IncidentDetail.incidentId, "INC-T-FIRE");
            compare(IncidentDetail.priority, 1);
        }

        function test_j_and_k_move_the_selection() {
            keyClick(Qt.Key_J);
            verify(view.selectedId !== "INC-T-FIRE");
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_K);
            keyClick(Qt.Key_Up);
            compare(view.selectedId, "INC-T-FIRE");
            keyClick(Qt.Key_K);
            compare(view.selectedId, "INC-T-FIRE", "K on the first row stays there");
        }

        function test_only_allowed_actions_are_offered() {
            verify(view.offered("acknowledge"));
            verify(view.offered("dispatch"));
            verify(!view.offered("escalate"), "a dispatcher may not escalate");
            verify(!view.offered("close"), "a dispatcher may not close");
            verify(!view.offered("focus"), "only a leader steers the wall");
            verify(!view.offered("on_scene"), "no unit is on its way yet");
            keyClick(Qt.Key_E);
            compare(view.dialogMode, "", "E is not offered, so it does nothing");
            compare(notified.count, 0);
        }

        function test_typing_in_a_dialog_fires_no_shortcut() {
            keyClick(Qt.Key_D);
            compare(view.dialogMode, "dispatch");
            keyClick(Qt.Key_1); // police; the call sign field takes the keys now
            keyClick(Qt.Key_A);
            keyClick(Qt.Key_J);
            keyClick(Qt.Key_X);
            compare(view.dialogText, "ajx");
            compare(view.dialogMode, "dispatch", "still open: X did not cancel, A did not acknowledge");
            compare(view.selectedId, "INC-T-FIRE", "J did not move");
            compare(notified.count, 0);
            keyClick(Qt.Key_Escape);
            compare(view.dialogMode, "");
        }

        function test_enter_sends_the_dispatch() {
            keyClick(Qt.Key_D);
            keyClick(Qt.Key_2); // fire brigade
            keyClick(Qt.Key_Q);
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_Return);
            // Sent and refused (no broker): the dialog stays open and says why.
            compare(view.dialogMode, "dispatch");
            verify(view.dialogError.length > 0);
            compare(view.dialogError, ConsoleActions.lastRefusal);
            keyClick(Qt.Key_Escape);
            compare(view.dialogMode, "");
        }

        function test_a_reopened_dialog_takes_number_keys_again() {
            keyClick(Qt.Key_D);
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_A);
            compare(view.dialogText, "a");
            keyClick(Qt.Key_Escape);
            keyClick(Qt.Key_D);
            compare(view.dialogText, "", "a new dialog starts empty");
            keyClick(Qt.Key_3); // medical: a choice, not text in the field
            compare(view.dialogText, "");
            keyClick(Qt.Key_B);
            compare(view.dialogText, "b");
            keyClick(Qt.Key_Escape);
        }

        function test_shortcuts_work_again_after_a_dialog() {
            keyClick(Qt.Key_N);
            compare(view.dialogMode, "note");
            keyClick(Qt.Key_Escape);
            compare(view.dialogMode, "");
            keyClick(Qt.Key_J);
            verify(view.selectedId !== "INC-T-FIRE", "J moves again");
        }

        function test_reprioritise_needs_a_reason() {
            keyClick(Qt.Key_P);
            compare(view.dialogMode, "reprioritise");
            keyClick(Qt.Key_2);
            keyClick(Qt.Key_Return);
            compare(view.dialogError, "A reason is required");
            keyClick(Qt.Key_Escape);
        }

        function test_merge_is_prefilled_with_the_duplicate() {
            view.select("INC-T-WATER-2");
            compare(IncidentDetail.duplicateOf, "INC-T-WATER");
            keyClick(Qt.Key_M);
            compare(view.dialogMode, "merge");
            compare(view.dialogText, "INC-T-WATER");
            keyClick(Qt.Key_Escape);
        }

        function test_a_acknowledges_the_alarm() {
            view.select("INC-T-WATER");
            verify(Alarm.active);
            compare(Alarm.incidentId, "INC-T-FIRE");
            keyClick(Qt.Key_A);
            compare(view.selectedId, "INC-T-FIRE", "A goes to the incident the banner names");
            compare(notified.count, 1, "sent, and refused without a broker");
            compare(notified.signalArguments[0][2], "error");
        }

        function test_filters_take_the_keys_until_escape() {
            keyClick(Qt.Key_Slash);
            verify(view.filtering);
            keyClick(Qt.Key_A);
            keyClick(Qt.Key_D);
            compare(notified.count, 0);
            compare(view.dialogMode, "");
            keyClick(Qt.Key_Escape);
            verify(!view.filtering);
        }

        function test_a_district_filter_from_the_keyboard() {
            const all = view.queue.count;
            keyClick(Qt.Key_Slash);
            keyClick(Qt.Key_Return); // opens the district list
            keyClick(Qt.Key_Down); // 秦都区, where none of the test incidents is
            keyClick(Qt.Key_Return);
            compare(view.queue.district, "610402");
            compare(view.queue.count, 0);
            keyClick(Qt.Key_Return);
            keyClick(Qt.Key_Up); // back to all districts
            keyClick(Qt.Key_Return);
            compare(view.queue.district, "");
            compare(view.queue.count, all);
            keyClick(Qt.Key_Escape);
            verify(!view.filtering);
        }
    }
}
