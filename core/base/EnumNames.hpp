#pragma once

#include "core/base/InputError.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace inception {

template <typename Enum> struct EnumName {
    Enum value;
    std::string_view name;
};

// An enum's values and the names files and options spell them with: the one table both
// directions read, so a name cannot be written out but not read back.
template <typename Enum, std::size_t N> class EnumNames {
public:
    // `what` names the kind in errors: "unknown <what> 'x' (a, b, c)".
    constexpr EnumNames(std::string_view what, std::array<EnumName<Enum>, N> entries)
        : what_(what), entries_(entries) {}

    std::string nameOf(Enum value) const {
        const auto* entry = std::find_if(entries_.begin(), entries_.end(),
                                         [&](const auto& e) { return e.value == value; });
        return entry == entries_.end() ? std::string{} : std::string(entry->name);
    }

    std::optional<Enum> find(std::string_view name) const {
        for (const auto& entry : entries_)
            if (entry.name == name)
                return entry.value;
        return std::nullopt;
    }

    // Throws InputError at `field` for a name not in the table.
    Enum parse(std::string_view name, const std::string& field) const {
        if (const auto value = find(name))
            return *value;
        throw InputError(field, "unknown " + std::string(what_) + " '" + std::string(name) + "' (" +
                                    names() + ")");
    }

    std::string names() const {
        std::string list;
        for (const auto& entry : entries_)
            list += (list.empty() ? "" : ", ") + std::string(entry.name);
        return list;
    }

    std::array<Enum, N> values() const {
        std::array<Enum, N> values{};
        std::transform(entries_.begin(), entries_.end(), values.begin(),
                       [](const auto& e) { return e.value; });
        return values;
    }

private:
    std::string_view what_;
    std::array<EnumName<Enum>, N> entries_;
};

} // namespace inception
