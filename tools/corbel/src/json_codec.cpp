#include "json_codec.hpp"

#include "hex.hpp"
#include "json_numbers.hpp"
#include "type_names.hpp"

#include <corbel/runtime/object_ref.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <type_traits>

namespace corbel::cli {

namespace {

using json = Json;
using idl::Declaration;
using idl::idl_spelling;
using idl::PrimitiveKind;
using idl::Type;

// Where the codec is, as a stack of ".member" and "[index]" segments. A segment is popped only
// when its value succeeded, so after a failure the stack still names the failing value.
class Path {
public:
    explicit Path(std::string root) : root_(std::move(root)) {}

    void push_member(const std::string& name) { segments_.push_back("." + name); }
    void push_index(std::size_t index) { segments_.push_back("[" + std::to_string(index) + "]"); }
    void pop() { segments_.pop_back(); }

    std::string str() const {
        std::string text = root_;
        for (const auto& segment : segments_) text += segment;
        if (root_.empty() && !text.empty() && text[0] == '.') text.erase(0, 1);
        return text;
    }

private:
    std::string root_;
    std::vector<std::string> segments_;
};

// "string \"abc\"", "number 1.5", "list", ... for "expected X, got Y".
std::string describe_json(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "number " + value.dump();
        case json::value_t::string: {
            const auto& text = value.get_ref<const std::string&>();
            if (text.size() > 24) return "a string of " + std::to_string(text.size()) + " bytes";
            return "string " + value.dump(-1, ' ', false, json::error_handler_t::replace);
        }
        case json::value_t::array: return "a list";
        case json::value_t::object: return "an object";
        default: return "a JSON value of another kind";
    }
}

std::string join_names(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::vector<std::string> member_names(const Declaration& declaration) {
    std::vector<std::string> names;
    for (const auto& member : declaration.members) names.push_back(member.name);
    for (const auto& union_case : declaration.cases) names.push_back(union_case.member.name);
    return names;
}

// A char is one ISO 8859-1 character; in JSON (UTF-8) that is U+0000 to U+00FF.
json char_to_json(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) return json(std::string(1, c));
    std::string text;
    text += static_cast<char>(0xc0 | (byte >> 6));
    text += static_cast<char>(0x80 | (byte & 0x3f));
    return json(text);
}

std::optional<char> json_to_char(const json& value) {
    if (!value.is_string()) return std::nullopt;
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() == 1 && static_cast<unsigned char>(text[0]) < 0x80) return text[0];
    if (text.size() == 2) {
        const auto first = static_cast<unsigned char>(text[0]);
        const auto second = static_cast<unsigned char>(text[1]);
        if ((first & 0xe0) == 0xc0 && (second & 0xc0) == 0x80) {
            const unsigned code_point = (first & 0x1fu) << 6 | (second & 0x3fu);
            if (code_point >= 0x80 && code_point <= 0xff) return static_cast<char>(code_point);
        }
    }
    return std::nullopt;
}

bool is_octet(const Type& type) {
    const Type& resolved = type.resolved();
    return resolved.kind == Type::Kind::primitive && resolved.primitive == PrimitiveKind::octet;
}

// A union discriminator or label reduced to one comparable integer: booleans 0 and 1, chars
// their octet, enumerators their position, integers by sign and magnitude.
struct DiscriminatorKey {
    bool negative = false;
    std::uint64_t magnitude = 0;
    bool operator==(const DiscriminatorKey& other) const {
        return negative == other.negative && magnitude == other.magnitude;
    }
};

DiscriminatorKey signed_key(std::int64_t value) {
    if (value >= 0) return {false, static_cast<std::uint64_t>(value)};
    return {true, static_cast<std::uint64_t>(-(value + 1)) + 1};
}

std::optional<DiscriminatorKey> label_key(const idl::ConstValue& label) {
    if (const auto* i = std::get_if<std::int64_t>(&label.value)) return signed_key(*i);
    if (const auto* u = std::get_if<std::uint64_t>(&label.value)) return DiscriminatorKey{false, *u};
    if (const auto* c = std::get_if<char>(&label.value)) {
        return DiscriminatorKey{false, static_cast<unsigned char>(*c)};
    }
    if (const auto* b = std::get_if<bool>(&label.value)) return DiscriminatorKey{false, *b ? 1u : 0u};
    if (const auto* e = std::get_if<idl::EnumeratorRef>(&label.value)) return DiscriminatorKey{false, e->index};
    return std::nullopt;
}

std::optional<std::uint32_t> enumerator_index(const Declaration& enumeration, const std::string& name) {
    for (std::size_t i = 0; i < enumeration.enumerators.size(); ++i) {
        if (enumeration.enumerators[i].name == name) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
}

// The key of a discriminator value already checked against its type.
DiscriminatorKey json_key(const Type& discriminator, const json& value) {
    const Type& type = discriminator.resolved();
    if (type.kind == Type::Kind::named && type.declaration->kind == Declaration::Kind::enum_) {
        return {false, enumerator_index(*type.declaration, value.get<std::string>()).value_or(0)};
    }
    if (value.is_boolean()) return {false, value.get<bool>() ? 1u : 0u};
    if (value.is_string()) return {false, static_cast<unsigned char>(json_to_char(value).value_or(0))};
    if (value.is_number_unsigned()) return {false, value.get<std::uint64_t>()};
    return signed_key(value.get<std::int64_t>());
}

const idl::UnionCase* select_case(const Declaration& union_declaration, const DiscriminatorKey& key) {
    for (const auto& union_case : union_declaration.cases) {
        for (const auto& label : union_case.labels) {
            if (label_key(label) == key) return &union_case;
        }
    }
    if (union_declaration.default_case) return &union_declaration.cases[*union_declaration.default_case];
    return nullptr;
}

// A label as the JSON a user would write for it, so it can be encoded like any value.
json constant_to_json(const idl::ConstValue& constant) {
    if (const auto* i = std::get_if<std::int64_t>(&constant.value)) return json(*i);
    if (const auto* u = std::get_if<std::uint64_t>(&constant.value)) return json(*u);
    if (const auto* c = std::get_if<char>(&constant.value)) return char_to_json(*c);
    if (const auto* b = std::get_if<bool>(&constant.value)) return json(*b);
    if (const auto* e = std::get_if<idl::EnumeratorRef>(&constant.value)) {
        return json(e->enumeration->enumerators.at(e->index).name);
    }
    if (const auto* d = std::get_if<double>(&constant.value)) return json(*d);
    return json(std::get<std::string>(constant.value));
}

// Four unsigned longs and a string's length (runtime/object_ref.hpp).
constexpr std::size_t object_reference_min_size = 20;

// The fewest bytes a value of `type` takes, for checking a sequence length against the input
// before allocating for it. A lower bound: alignment is ignored.
std::size_t min_wire_size(const Type& type, int depth = 0) {
    constexpr std::size_t cap = std::size_t{1} << 20;
    if (depth > static_cast<int>(max_value_depth)) return 0;
    const Type& t = type.resolved();
    switch (t.kind) {
        case Type::Kind::primitive:
            switch (t.primitive) {
                case PrimitiveKind::boolean:
                case PrimitiveKind::char_:
                case PrimitiveKind::octet: return 1;
                case PrimitiveKind::short_:
                case PrimitiveKind::unsigned_short: return 2;
                case PrimitiveKind::long_:
                case PrimitiveKind::unsigned_long:
                case PrimitiveKind::float_: return 4;
                default: return 8;
            }
        case Type::Kind::string:
        case Type::Kind::sequence: return 4;
        case Type::Kind::array: {
            std::size_t size = min_wire_size(*t.element, depth + 1);
            for (const auto dimension : t.dimensions) size = std::min(cap, size * dimension);
            return size;
        }
        case Type::Kind::named: {
            const Declaration& d = *t.declaration;
            if (d.kind == Declaration::Kind::enum_) return 4;
            if (d.kind == Declaration::Kind::interface) return object_reference_min_size;
            if (d.kind == Declaration::Kind::union_) return min_wire_size(*d.discriminator, depth + 1);
            std::size_t size = 0;
            for (const auto& member : d.members) size = std::min(cap, size + min_wire_size(*member.type, depth + 1));
            return size;
        }
        case Type::Kind::object: return object_reference_min_size;
    }
    return 0;
}

class Encoder {
public:
    Encoder(cdr::Writer& writer, std::string root) : writer_(writer), path_(std::move(root)) {}

    void value(const Type& declared_type, const json& value) {
        const Type& type = declared_type.resolved();
        switch (type.kind) {
            case Type::Kind::primitive: return primitive(type.primitive, value);
            case Type::Kind::string: return string(type, value);
            case Type::Kind::sequence: return sequence(type, value);
            case Type::Kind::array: return array(type, 0, value);
            case Type::Kind::named: return declared(*type.declaration, value);
            case Type::Kind::object: return reference("Object", value);
        }
    }

    [[noreturn]] void fail(const std::string& problem) const { throw ValueError(path_.str(), problem); }

private:
    // An object reference travels as its stringified form. Which interface it names is not
    // checked here: the model cannot tell derived interfaces of other files apart, the server can.
    void reference(const std::string& what, const json& value) {
        if (!value.is_string()) expected(what + " (a reference, corbel://...)", value);
        runtime::RemoteObjectRef ref;
        try {
            ref = runtime::RemoteObjectRef::parse(value.get<std::string>());
        } catch (const runtime::BadReference& error) {
            fail(error.what());
        }
        runtime::encode_cdr(writer_, ref);
    }

    [[noreturn]] void expected(const std::string& what, const json& got) const {
        fail("expected " + what + ", got " + describe_json(got));
    }

    void enter() {
        if (++depth_ > max_value_depth) fail("nested deeper than " + std::to_string(max_value_depth) + " levels");
    }
    void leave() { --depth_; }

    template <class T>
    void integer(PrimitiveKind kind, const json& value) {
        using Limits = std::numeric_limits<T>;
        const auto out_of_range = [&] {
            fail(value.dump() + " is out of range for " + idl::idl_name(kind) + " (" +
                 std::to_string(Limits::min()) + " to " + std::to_string(Limits::max()) + ")");
        };
        T result{};
        if (value.is_number_unsigned()) {
            const auto u = value.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(Limits::max())) out_of_range();
            result = static_cast<T>(u);
        } else if (value.is_number_integer()) {
            const auto i = value.get<std::int64_t>();
            if constexpr (std::is_unsigned_v<T>) {
                if (i < 0 || static_cast<std::uint64_t>(i) > Limits::max()) out_of_range();
            } else {
                if (i < static_cast<std::int64_t>(Limits::min()) || i > static_cast<std::int64_t>(Limits::max())) {
                    out_of_range();
                }
            }
            result = static_cast<T>(i);
        } else {
            expected(idl::idl_name(kind), value);
        }
        if constexpr (sizeof(T) == 1) {
            writer_.write_octet(static_cast<std::uint8_t>(result));
        } else {
            writer_.write(result);
        }
    }

    void primitive(PrimitiveKind kind, const json& value) {
        switch (kind) {
            case PrimitiveKind::boolean:
                if (!value.is_boolean()) expected("boolean (true or false)", value);
                return writer_.write_boolean(value.get<bool>());
            case PrimitiveKind::char_: {
                const auto c = json_to_char(value);
                if (!c) expected("char (a string of one ISO 8859-1 character)", value);
                return writer_.write_char(*c);
            }
            case PrimitiveKind::octet: return integer<std::uint8_t>(kind, value);
            case PrimitiveKind::short_: return integer<std::int16_t>(kind, value);
            case PrimitiveKind::unsigned_short: return integer<std::uint16_t>(kind, value);
            case PrimitiveKind::long_: return integer<std::int32_t>(kind, value);
            case PrimitiveKind::unsigned_long: return integer<std::uint32_t>(kind, value);
            case PrimitiveKind::long_long: return integer<std::int64_t>(kind, value);
            case PrimitiveKind::unsigned_long_long: return integer<std::uint64_t>(kind, value);
            case PrimitiveKind::float_: {
                const auto number = json_to_double(value);
                if (!number) expected("float (a number, \"NaN\", \"Infinity\" or \"-Infinity\")", value);
                // Halfway between FLT_MAX and the next power of two: from here on, rounding to
                // float gives infinity.
                constexpr double float_overflow = 0x1.ffffffp127;
                if (std::isfinite(*number) && std::fabs(*number) >= float_overflow) {
                    fail(value.dump() + " is out of range for float");
                }
                // Converting a double beyond FLT_MAX to float is undefined; those round to FLT_MAX.
                const bool rounds_to_max = std::isfinite(*number) && std::fabs(*number) > FLT_MAX;
                const float rounded = rounds_to_max ? (*number > 0 ? FLT_MAX : -FLT_MAX)
                                                    : static_cast<float>(*number);
                return writer_.write(rounded);
            }
            case PrimitiveKind::double_: {
                const auto number = json_to_double(value);
                if (!number) expected("double (a number, \"NaN\", \"Infinity\" or \"-Infinity\")", value);
                return writer_.write(*number);
            }
        }
    }

    void string(const Type& type, const json& value) {
        if (!value.is_string()) expected(idl_spelling(type), value);
        const auto& text = value.get_ref<const std::string&>();
        if (type.bound != 0 && text.size() > type.bound) {
            fail("a string of " + std::to_string(text.size()) + " characters exceeds the bound of " +
                 idl_spelling(type));
        }
        if (writer_.string_form() == cdr::StringForm::omg && text.find('\0') != std::string::npos) {
            fail("a CDR string cannot contain a NUL character");
        }
        writer_.write_string(text, type.bound);
    }

    void octets_from_hex(const json& value, std::vector<std::uint8_t>& bytes) const {
        std::string problem;
        auto parsed = from_hex(value.get_ref<const std::string&>(), false, problem);
        if (!parsed) fail("expected octets as a list of numbers or a hex string, got " + problem);
        bytes = std::move(*parsed);
    }

    void sequence(const Type& type, const json& value) {
        if (value.is_string() && is_octet(*type.element)) {
            std::vector<std::uint8_t> bytes;
            octets_from_hex(value, bytes);
            check_sequence_bound(type, bytes.size());
            writer_.write_length(bytes.size(), type.bound);
            writer_.write_array(bytes.data(), bytes.size());
            return;
        }
        if (!value.is_array()) expected(idl_spelling(type) + " (a list)", value);
        check_sequence_bound(type, value.size());
        writer_.write_length(value.size(), type.bound);
        enter();
        for (std::size_t i = 0; i < value.size(); ++i) {
            path_.push_index(i);
            this->value(*type.element, value[i]);
            path_.pop();
        }
        leave();
    }

    void check_sequence_bound(const Type& type, std::size_t size) const {
        if (type.bound != 0 && size > type.bound) {
            fail(std::to_string(size) + " elements exceed the bound of " + idl_spelling(type));
        }
    }

    void array(const Type& type, std::size_t dimension, const json& value) {
        const std::size_t expected_size = type.dimensions.at(dimension);
        const bool innermost = dimension + 1 == type.dimensions.size();
        if (innermost && value.is_string() && is_octet(*type.element)) {
            std::vector<std::uint8_t> bytes;
            octets_from_hex(value, bytes);
            if (bytes.size() != expected_size) {
                fail("expected " + std::to_string(expected_size) + " octets, got " + std::to_string(bytes.size()));
            }
            writer_.write_array(bytes.data(), bytes.size());
            return;
        }
        if (!value.is_array()) expected("a list of " + std::to_string(expected_size) + " elements", value);
        if (value.size() != expected_size) {
            fail("expected " + std::to_string(expected_size) + " elements, got " + std::to_string(value.size()));
        }
        enter();
        for (std::size_t i = 0; i < expected_size; ++i) {
            path_.push_index(i);
            if (innermost) {
                this->value(*type.element, value[i]);
            } else {
                array(type, dimension + 1, value[i]);
            }
            path_.pop();
        }
        leave();
    }

    void declared(const Declaration& declaration, const json& value) {
        switch (declaration.kind) {
            case Declaration::Kind::struct_:
            case Declaration::Kind::exception: return members(declaration, value);
            case Declaration::Kind::union_: return union_value(declaration, value);
            case Declaration::Kind::enum_: return enumeration(declaration, value);
            case Declaration::Kind::typedef_: return this->value(*declaration.type, value);
            case Declaration::Kind::interface: return reference("interface " + display_name(declaration), value);
            default:
                fail(display_name(declaration) + " is " + with_article(idl::to_string(declaration.kind)) +
                     ", not a type");
        }
    }

    void members(const Declaration& declaration, const json& value) {
        const std::string what = std::string(idl::to_string(declaration.kind)) + " " + display_name(declaration);
        if (!value.is_object()) expected(what + " (an object)", value);
        for (const auto& item : value.items()) {
            const bool known = std::any_of(declaration.members.begin(), declaration.members.end(),
                                           [&](const idl::Member& m) { return m.name == item.key(); });
            if (!known) {
                fail("unknown member '" + item.key() + "' of " + what + " (members: " +
                     join_names(member_names(declaration)) + ")");
            }
        }
        enter();
        for (const auto& member : declaration.members) {
            const auto found = value.find(member.name);
            if (found == value.end()) fail("missing member '" + member.name + "' of " + what);
            path_.push_member(member.name);
            this->value(*member.type, *found);
            path_.pop();
        }
        leave();
    }

    void enumeration(const Declaration& declaration, const json& value) {
        std::vector<std::string> names;
        for (const auto& enumerator : declaration.enumerators) names.push_back(enumerator.name);
        const std::string what = "enum " + display_name(declaration);
        if (!value.is_string()) expected(what + " (one of " + join_names(names) + ")", value);
        const auto index = enumerator_index(declaration, value.get<std::string>());
        if (!index) {
            fail("unknown enumerator '" + value.get<std::string>() + "' of " + what + " (" + join_names(names) + ")");
        }
        writer_.write(*index);
    }

    void union_value(const Declaration& declaration, const json& value) {
        const std::string what = "union " + display_name(declaration);
        if (!value.is_object()) expected(what + " (an object with \"_d\" and one member)", value);
        std::vector<std::string> given;
        for (const auto& item : value.items()) {
            if (item.key() == "_d") continue;
            const bool known = std::any_of(declaration.cases.begin(), declaration.cases.end(),
                                           [&](const idl::UnionCase& c) { return c.member.name == item.key(); });
            if (!known) {
                fail("unknown member '" + item.key() + "' of " + what + " (members: " +
                     join_names(member_names(declaration)) + ")");
            }
            given.push_back(item.key());
        }
        if (given.size() > 1) fail("a union holds one member, got " + join_names(given));

        enter();
        const idl::UnionCase* selected = nullptr;
        const auto discriminator = value.find("_d");
        if (discriminator != value.end()) {
            path_.push_member("_d");
            this->value(*declaration.discriminator, *discriminator);
            path_.pop();
            selected = select_case(declaration, json_key(*declaration.discriminator, *discriminator));
            const std::string d_text = discriminator->dump();
            if (selected && given.empty()) {
                fail("missing member '" + selected->member.name + "', which _d " + d_text + " selects");
            }
            if (selected && given[0] != selected->member.name) {
                fail("member '" + given[0] + "' does not match _d " + d_text + ", which selects '" +
                     selected->member.name + "'");
            }
            if (!selected && !given.empty()) {
                fail("_d " + d_text + " selects no member of " + what + ", but '" + given[0] + "' was given");
            }
        } else {
            if (given.empty()) fail("missing \"_d\", the discriminator of " + what);
            for (const auto& union_case : declaration.cases) {
                if (union_case.member.name == given[0]) selected = &union_case;
            }
            const idl::ConstValue* label = nullptr;
            if (!selected->labels.empty()) {
                label = &selected->labels.front();
            } else if (declaration.default_label) {
                label = &*declaration.default_label;
            }
            if (label == nullptr) fail("no discriminator value selects '" + given[0] + "'; give \"_d\"");
            path_.push_member("_d");
            this->value(*declaration.discriminator, constant_to_json(*label));
            path_.pop();
        }
        if (selected) {
            path_.push_member(selected->member.name);
            this->value(*selected->member.type, value.at(selected->member.name));
            path_.pop();
        }
        leave();
    }

    cdr::Writer& writer_;
    Path path_;
    std::size_t depth_ = 0;
};

class Decoder {
public:
    Decoder(cdr::Reader& reader, std::string root) : reader_(reader), path_(std::move(root)) {}

    json value(const Type& declared_type) {
        const Type& type = declared_type.resolved();
        switch (type.kind) {
            case Type::Kind::primitive: return primitive(type.primitive);
            case Type::Kind::string: return json(reader_.read_string(type.bound));
            case Type::Kind::sequence: return sequence(type);
            case Type::Kind::array: return array(type, 0);
            case Type::Kind::named: return declared(*type.declaration);
            case Type::Kind::object: return reference();
        }
        return json();
    }

    [[noreturn]] void fail(const std::string& problem) const { throw ValueError(path_.str(), problem); }
    const Path& path() const { return path_; }

private:
    json primitive(PrimitiveKind kind) {
        switch (kind) {
            case PrimitiveKind::boolean: return json(reader_.read_boolean());
            case PrimitiveKind::char_: return char_to_json(reader_.read_char());
            case PrimitiveKind::octet: return json(reader_.read_octet());
            case PrimitiveKind::short_: return json(reader_.read<std::int16_t>());
            case PrimitiveKind::unsigned_short: return json(reader_.read<std::uint16_t>());
            case PrimitiveKind::long_: return json(reader_.read<std::int32_t>());
            case PrimitiveKind::unsigned_long: return json(reader_.read<std::uint32_t>());
            case PrimitiveKind::long_long: return json(reader_.read<std::int64_t>());
            case PrimitiveKind::unsigned_long_long: return json(reader_.read<std::uint64_t>());
            case PrimitiveKind::float_: return float_to_json(reader_.read<float>());
            case PrimitiveKind::double_: return double_to_json(reader_.read<double>());
        }
        return json();
    }

    json sequence(const Type& type) {
        const std::size_t element_size = std::max<std::size_t>(1, min_wire_size(*type.element));
        const std::uint32_t length = reader_.read_length(element_size, type.bound);
        cdr::Reader::DepthGuard depth(reader_);
        json list = json::array();
        list.get_ref<json::array_t&>().reserve(length);
        for (std::uint32_t i = 0; i < length; ++i) {
            path_.push_index(i);
            list.push_back(value(*type.element));
            path_.pop();
        }
        return list;
    }

    json array(const Type& type, std::size_t dimension) {
        cdr::Reader::DepthGuard depth(reader_);
        const bool innermost = dimension + 1 == type.dimensions.size();
        json list = json::array();
        for (std::size_t i = 0; i < type.dimensions.at(dimension); ++i) {
            path_.push_index(i);
            list.push_back(innermost ? value(*type.element) : array(type, dimension + 1));
            path_.pop();
        }
        return list;
    }

    json declared(const Declaration& declaration) {
        switch (declaration.kind) {
            case Declaration::Kind::struct_:
            case Declaration::Kind::exception: return members(declaration);
            case Declaration::Kind::union_: return union_value(declaration);
            case Declaration::Kind::enum_: return enumeration(declaration);
            case Declaration::Kind::typedef_: return value(*declaration.type);
            case Declaration::Kind::interface: return reference();
            default:
                fail(display_name(declaration) + " is " + with_article(idl::to_string(declaration.kind)) +
                     ", not a type");
        }
    }

    json reference() {
        runtime::RemoteObjectRef ref;
        runtime::decode_cdr(reader_, ref);
        return json(ref.to_string());
    }

    json members(const Declaration& declaration) {
        cdr::Reader::DepthGuard depth(reader_);
        json object = json::object();
        for (const auto& member : declaration.members) {
            path_.push_member(member.name);
            object[member.name] = value(*member.type);
            path_.pop();
        }
        return object;
    }

    json enumeration(const Declaration& declaration) {
        const auto index = reader_.read<std::uint32_t>();
        if (index >= declaration.enumerators.size()) {
            reader_.fail(cdr::ErrorKind::enum_out_of_range, reader_.position() - 4,
                         "value " + std::to_string(index) + " of enum " + display_name(declaration) + ", which has " +
                             std::to_string(declaration.enumerators.size()) + " enumerators");
        }
        return json(declaration.enumerators[index].name);
    }

    json union_value(const Declaration& declaration) {
        cdr::Reader::DepthGuard depth(reader_);
        json object = json::object();
        path_.push_member("_d");
        object["_d"] = value(*declaration.discriminator);
        path_.pop();
        const idl::UnionCase* selected = select_case(declaration, json_key(*declaration.discriminator, object["_d"]));
        if (selected) {
            path_.push_member(selected->member.name);
            object[selected->member.name] = value(*selected->member.type);
            path_.pop();
        }
        return object;
    }

    cdr::Reader& reader_;
    Path path_;
};

}  // namespace

void encode_json(cdr::Writer& writer, const idl::Type& type, const Json& value, const std::string& root) {
    Encoder encoder(writer, root);
    try {
        encoder.value(type, value);
    } catch (const cdr::MarshalError& error) {
        encoder.fail(error.what());
    }
}

Json decode_json(cdr::Reader& reader, const idl::Type& type, const std::string& root) {
    Decoder decoder(reader, root);
    try {
        return decoder.value(type);
    } catch (const cdr::MarshalError& error) {
        decoder.fail(error.what());
    }
}

std::string dump_json(const Json& value, bool pretty) {
    return value.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace corbel::cli
