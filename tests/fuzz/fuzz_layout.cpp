// libFuzzer target: wall layout files (docs/layouts.md), parseWallLayout as loadWallLayoutFile calls it.
//
// Input: the file's bytes. An accepted layout must also hold what the wall relies on: at least one page,
// its pin naming a page, a positive cycle.

#include "fuzzsupport.h"
#include "walllayout.h"

using namespace citybrain;
using namespace citybrain::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // loadWallLayoutFile reads at most 1 MiB; libFuzzer's -max_len keeps inputs well below.
    const std::optional<WallLayout> layout = parseFile("parseWallLayout", parseWallLayout, data, size);
    if (!layout)
        return 0;
    if (layout->pages.empty())
        fail("an accepted layout without a page");
    if (!layout->pinnedPage.isEmpty() && layout->pageIndex(layout->pinnedPage) < 0)
        fail("an accepted layout pins a page it does not have:", layout->pinnedPage);
    if (layout->cycleMs() <= 0)
        fail("an accepted layout with an empty playlist cycle");
    return 0;
}
