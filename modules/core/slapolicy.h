#pragma once

#include <QtGlobal>

#include <array>

namespace citybrain {

// Response-time targets per priority, counted from the moment the incident was reported. Defaults follow
// fire-service response standards (NFPA 1710: alarm answered within 60 s, turnout within 80 s, first unit
// on scene within about 8 minutes of the call; China's urban fire stations aim to reach their area's edge
// within 5 minutes of the call-out). Deployments set their own in the config ([sla], docs/operations.md).
struct SlaPolicy
{
    // Index 0 is P1.
    std::array<qint64, 4> acknowledgeMs { 60'000, 120'000, 300'000, 900'000 };
    std::array<qint64, 4> dispatchMs { 180'000, 300'000, 900'000, 3'600'000 };
    std::array<qint64, 4> onSceneMs { 480'000, 900'000, 1'800'000, 7'200'000 };
};

} // namespace citybrain
