#pragma once

#include <QString>
#include <QStringView>

#include <cstddef>
#include <utility>

// The contract's names of an enum, from one table of (name, value) pairs: both directions read the same
// table, so a name cannot be spelt one way when written and another when read.
namespace citybrain {

template <typename Enum, std::size_t N>
[[nodiscard]] QString nameIn(const std::pair<const char*, Enum> (&table)[N], Enum value)
{
    for (const auto& [text, candidate] : table) {
        if (candidate == value)
            return QLatin1String(text);
    }
    return {};
}

// False (and *out untouched) for a name not in the table.
template <typename Enum, std::size_t N>
[[nodiscard]] bool valueIn(const std::pair<const char*, Enum> (&table)[N], QStringView name, Enum* out)
{
    for (const auto& [text, candidate] : table) {
        if (name == QLatin1String(text)) {
            *out = candidate;
            return true;
        }
    }
    return false;
}

} // namespace citybrain
