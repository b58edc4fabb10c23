// Bytes as lowercase hex, and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corbel::cli {

std::string to_hex(const std::uint8_t* bytes, std::size_t size);

// Pairs of hex digits, either case. With `allow_whitespace`, spaces, tabs and newlines between
// pairs are skipped (for `cdr decode`, whose input is often pasted or wrapped). Returns nothing
// and sets `problem` on an odd count of digits or any other character.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text, bool allow_whitespace,
                                                  std::string& problem);

}  // namespace corbel::cli
