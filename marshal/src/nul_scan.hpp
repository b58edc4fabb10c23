// Whether a string holds a NUL: checked for every string written or read in the OMG form.
#pragma once

#include <cstring>
#include <string_view>

namespace corbel::cdr::detail {

// memchr's setup costs more than a short string's loop, and most IDL strings are names a
// few characters long: for "Smith" and "London", 45 instructions a string by memchr and 33
// by the loop (callgrind, Person echo on the server).
inline bool contains_nul(const char* text, std::size_t size) noexcept {
    constexpr std::size_t loop_limit = 16;
    if (size > loop_limit) return std::memchr(text, '\0', size) != nullptr;
    for (std::size_t i = 0; i < size; ++i) {
        if (text[i] == '\0') return true;
    }
    return false;
}

}  // namespace corbel::cdr::detail
