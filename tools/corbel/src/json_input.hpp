// Parsing JSON given on the command line, with the parser's message made readable.
#pragma once

#include "json_value.hpp"

#include <string>

namespace corbel::cli {

// Throws Failure("bad JSON in <what>: <where and why>").
Json parse_json_operand(const std::string& text, const std::string& what);

}  // namespace corbel::cli
