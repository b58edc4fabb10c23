// The dynamic codec: JSON values to CDR and back, driven by the IDL compiler's checked model
// instead of generated code. spec/json-mapping.md is its contract.
//
// Encoding checks everything the type says before anything reaches the writer: JSON kinds,
// integer ranges, string and sequence bounds, array dimensions, enumerator names, struct
// members (missing and unknown ones) and union discriminators. Decoding trusts nothing it
// reads (lengths are checked against the bytes left, nesting is capped by the reader). Either
// way a failure is a ValueError naming the path to the offending value.
#pragma once

#include "value_error.hpp"

#include <corbel/cdr.hpp>
#include <corbel/idl/model.hpp>
#include "json_value.hpp"

#include <string>

namespace corbel::cli {

// How deep a JSON value may nest (structs, sequences, arrays, unions) before encoding refuses
// it; the same cap the CDR reader puts on decoding.
constexpr std::size_t max_value_depth = 64;

// Writes `value` as a `type`; `root` names the value in error messages ("" for none).
void encode_json(cdr::Writer& writer, const idl::Type& type, const Json& value,
                 const std::string& root = "");

// Reads one `type` value. Errors name the path to the value being read and the byte offset.
Json decode_json(cdr::Reader& reader, const idl::Type& type, const std::string& root = "");

// Dumps JSON for people and tools: indented or compact, and never throwing on strings that
// are not UTF-8 (CDR strings are bytes; such bytes print as U+FFFD).
std::string dump_json(const Json& value, bool pretty);

}  // namespace corbel::cli
