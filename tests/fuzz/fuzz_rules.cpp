// libFuzzer target: monitoring rule files (docs/rules.md), loadRuleSet as loadRuleSetFile calls it.
//
// Input: the file's bytes. The rules of an accepted file are then asked what the rule engine asks them
// for every sample (hours, district, sensor and its override).

#include "fuzzsupport.h"
#include "ruleset.h"

using namespace citybrain;
using namespace citybrain::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::optional<RuleSet> set = parseFile("loadRuleSet", loadRuleSet, data, size);
    if (!set)
        return 0;
    for (const Rule& rule : set->rules) {
        if (set->find(rule.id) == nullptr)
            fail("an accepted rule is not found by its id", rule.id);
        const bool applies = rule.inHours(kNowMs) && rule.matchesDistrict(QStringLiteral("610402"))
            && rule.matchesSensor(QStringLiteral("aqs-0001"));
        const RuleLineOverride* line = rule.overrideFor(QStringLiteral("aqs-0001"));
        Q_UNUSED(applies);
        Q_UNUSED(line);
    }
    return 0;
}
