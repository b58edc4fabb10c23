// Floating-point values in JSON, exactly.
//
// JSON has no NaN or infinities, so those travel as the strings "NaN", "Infinity" and
// "-Infinity". A float is printed with the fewest digits that read back as the same float
// (0.1f prints as 0.1, not 0.10000000149011612), a double with the fewest that read back as
// the same double; either way decoding and re-encoding gives the same bits (except NaN payloads).
#pragma once

#include "json_value.hpp"

#include <optional>

namespace corbel::cli {

Json float_to_json(float value);
Json double_to_json(double value);

// A JSON number, or one of the three strings; nothing for anything else.
std::optional<double> json_to_double(const Json& value);

}  // namespace corbel::cli
