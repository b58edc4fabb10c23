// Shared by the tests of the `corbel` tool: the test IDL, loaded once, and short helpers.
#pragma once

#include "hex.hpp"
#include "idl_loader.hpp"
#include "json_codec.hpp"

#include <corbel/cdr.hpp>

#include <iostream>
#include <string>

namespace cli_test {

using corbel::cdr::ByteOrder;
using corbel::cdr::StringForm;
using corbel::cli::Json;

inline corbel::cli::LoadedIdl& everything_idl() {
    static corbel::cli::LoadedIdl idl = corbel::cli::load_idl(CORBEL_CLI_TEST_IDL_DIR "/everything.idl", {}, std::cerr);
    return idl;
}

inline const corbel::idl::Type& type(const std::string& name) { return everything_idl().find_type(name); }

inline std::string hex_of(const corbel::cdr::ByteBuffer& bytes) { return corbel::cli::to_hex(bytes.data(), bytes.size()); }

inline corbel::cdr::ByteBuffer encode(const std::string& type_name, const Json& value, ByteOrder order,
                                      StringForm form = StringForm::omg) {
    corbel::cdr::Writer writer(order, form);
    corbel::cli::encode_json(writer, type(type_name), value);
    return writer.take();
}

inline Json decode(const std::string& type_name, const corbel::cdr::ByteBuffer& bytes, ByteOrder order,
                   StringForm form = StringForm::omg) {
    corbel::cdr::Reader reader(bytes.view(), order, form);
    Json value = corbel::cli::decode_json(reader, type(type_name));
    reader.expect_end();
    return value;
}

// The message of the ValueError that encoding `value` raises ("" if it succeeds).
inline std::string encode_error(const std::string& type_name, const Json& value, const std::string& root = "") {
    corbel::cdr::Writer writer(ByteOrder::big);
    try {
        corbel::cli::encode_json(writer, type(type_name), value, root);
    } catch (const corbel::cli::ValueError& error) {
        return error.what();
    }
    return "";
}

inline std::string decode_error(const std::string& type_name, const std::string& hex, ByteOrder order = ByteOrder::big) {
    std::string problem;
    const auto bytes = corbel::cli::from_hex(hex, true, problem);
    if (!bytes) return "bad test hex: " + problem;
    corbel::cdr::Reader reader(corbel::cdr::ByteView(*bytes), order);
    try {
        corbel::cli::decode_json(reader, type(type_name));
    } catch (const corbel::cli::ValueError& error) {
        return error.what();
    }
    return "";
}

}  // namespace cli_test
