// `corbel cdr encode|decode`: one value of an IDL type, JSON to hex and back.
#include "commands.hpp"
#include "errors.hpp"
#include "hex.hpp"
#include "idl_loader.hpp"
#include "json_codec.hpp"
#include "json_input.hpp"
#include "arguments.hpp"

#include <ostream>

namespace corbel::cli {

namespace {

struct CdrLayout {
    cdr::ByteOrder order = cdr::ByteOrder::big;
    cdr::StringForm form = cdr::StringForm::omg;
    bool encapsulation = false;
};

CdrLayout layout_from(const Arguments& arguments) {
    CdrLayout layout;
    if (arguments.flag("--big-endian") && arguments.flag("--little-endian")) {
        throw UsageError("--big-endian and --little-endian exclude each other");
    }
    if (arguments.flag("--little-endian")) layout.order = cdr::ByteOrder::little;
    if (arguments.flag("--textbook-strings")) layout.form = cdr::StringForm::textbook;
    layout.encapsulation = arguments.flag("--encapsulation");
    return layout;
}

std::string encode(const idl::Type& type, const Json& value, const CdrLayout& layout) {
    cdr::Writer writer(layout.order, layout.form);
    // An encapsulation's first octet is its byte order, and alignment counts from that octet.
    if (layout.encapsulation) writer.write_octet(static_cast<std::uint8_t>(layout.order));
    encode_json(writer, type, value);
    return to_hex(writer.buffer().data(), writer.buffer().size());
}

Json decode(const idl::Type& type, const std::vector<std::uint8_t>& bytes, CdrLayout layout) {
    if (layout.encapsulation) {
        if (bytes.empty()) throw Failure("an encapsulation needs at least its byte-order octet");
        if (bytes[0] > 1) {
            throw Failure("the encapsulation's byte-order octet is " + std::to_string(bytes[0]) + ", not 0 or 1");
        }
        layout.order = static_cast<cdr::ByteOrder>(bytes[0]);
    }
    cdr::Reader reader(cdr::ByteView(bytes), layout.order, layout.form);
    if (layout.encapsulation) reader.read_octet();
    Json value = decode_json(reader, type);
    if (!reader.at_end()) {
        throw Failure(std::to_string(reader.remaining()) + " bytes left over after the value (it ended at byte " +
                      std::to_string(reader.position()) + " of " + std::to_string(bytes.size()) + ")");
    }
    return value;
}

}  // namespace

int command_cdr(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--idl", true}, {"-I", true, true}, {"--type", true},
                                     {"--big-endian"}, {"--little-endian"}, {"--textbook-strings"},
                                     {"--encapsulation"}, {"--compact"}});
    arguments.expect_positional(2, 2, "encode JSON or decode HEX");
    const std::string& direction = arguments.positional()[0];
    if (direction != "encode" && direction != "decode") {
        throw UsageError("cdr takes encode or decode, not '" + direction + "'");
    }
    const auto idl_file = arguments.value("--idl");
    if (!idl_file) throw UsageError("cdr " + direction + " needs --idl FILE");
    const auto type_name = arguments.value("--type");
    if (!type_name) throw UsageError("cdr " + direction + " needs --type NAME");
    const CdrLayout layout = layout_from(arguments);
    const std::string operand = operand_text(arguments.positional()[1], streams.in);

    LoadedIdl idl = load_idl(*idl_file, arguments.values("-I"), streams.err);
    const idl::Type& type = idl.find_type(*type_name);
    try {
        if (direction == "encode") {
            streams.out << encode(type, parse_json_operand(operand, "the value"), layout) << '\n';
        } else {
            std::string problem;
            const auto bytes = from_hex(operand, true, problem);
            if (!bytes) throw Failure("bad hex: " + problem);
            streams.out << dump_json(decode(type, *bytes, layout), !arguments.flag("--compact")) << '\n';
        }
    } catch (const ValueError& error) {
        throw Failure(error.what());
    }
    return 0;
}

}  // namespace corbel::cli
