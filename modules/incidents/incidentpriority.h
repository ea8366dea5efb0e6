#pragma once

#include "citytypes.h"

namespace citybrain {

// P1 (most urgent) .. P4, from the incident's kind and severity, and from CAP urgency and certainty
// where the incident came from a CAP alert. Dispatchers may override it (a reprioritise action).
//
// Severity gives the base (特别重大 P1, 重大 P2, 较大 P3, 一般 P4). Kinds that threaten lives at once
// (fire, gas leak) are one level more urgent. A CAP alert that is Immediate and Observed is one level
// more urgent; one that is only Possible or Unlikely, or Future or Past, one level less.
[[nodiscard]] int derivePriority(const IncidentEvent& event);

} // namespace citybrain
