#include "hex.hpp"

namespace corbel::cli {

namespace {

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string to_hex(const std::uint8_t* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        text[2 * i] = digits[bytes[i] >> 4];
        text[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    return text;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text, bool allow_whitespace,
                                                  std::string& problem) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() / 2);
    int high = -1;  // the first digit of a pair, while waiting for the second
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (allow_whitespace && is_space(c)) {
            if (high >= 0) {
                problem = "whitespace splits a pair of hex digits at character " + std::to_string(i + 1);
                return std::nullopt;
            }
            continue;
        }
        const int value = digit_value(c);
        if (value < 0) {
            problem = "character " + std::to_string(i + 1) + " is not a hex digit";
            return std::nullopt;
        }
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<std::uint8_t>(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0) {
        problem = "an odd number of hex digits";
        return std::nullopt;
    }
    return bytes;
}

}  // namespace corbel::cli
