import QtQuick
import CityBrain.Theme

// A unit of the selected incident in the on-scene picker: only units en route can be picked.
ChoiceChip {
    id: root

    required property string unitType
    required property string unitId
    required property string status

    text: Labels.unitTypeLabel(root.unitType) + " · " + root.unitId + " — " + Labels.unitStatusLabel(root.status)
    opacity: root.status === "dispatched" ? 1.0 : 0.45
}
