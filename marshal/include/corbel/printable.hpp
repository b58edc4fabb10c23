// Bytes from outside (a server's error text, a stray byte in an IDL file) made safe to print:
// nothing that comes in can move a terminal's cursor, retitle its window or forge whole lines
// of output through a message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace corbel {

// How much of a peer's text (a server's error message, say) is shown.
constexpr std::size_t peer_text_limit = 1000;

// `text` with every byte outside printable ASCII as \xNN; past `limit` bytes of it, cut with a
// note of how many there were.
inline std::string printable(std::string_view text, std::size_t limit = std::string_view::npos) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    const std::size_t kept = text.size() < limit ? text.size() : limit;
    out.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7f) {
            out += static_cast<char>(byte);
        } else {
            out += "\\x";
            out += digits[byte >> 4];
            out += digits[byte & 0xf];
        }
    }
    if (kept < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
    return out;
}

}  // namespace corbel
