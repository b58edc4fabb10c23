// The checked model as JSON (`corbel-idlc --emit json`), in the versioned schema described by
// spec/idl-json.md. Tools in other languages read this instead of the C++ model.
#pragma once

#include <corbel/idl/model.hpp>

#include <string>

namespace corbel::idl {

inline constexpr int json_schema_version = 1;

// Pretty-printed with two-space indentation and a final newline.
std::string to_json(const Model& model);

}  // namespace corbel::idl
