#include "names.hpp"

#include <corbel/idl/compile.hpp>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>

namespace corbel::idlc {

using idl::Declaration;
using idl::PrimitiveKind;
using idl::Type;

namespace {

const std::set<std::string> reserved = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
    "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr", "const_cast",
    "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
    "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "return", "short",
    "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template",
    "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union",
    "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    "std", "corbel", "NULL", "EOF", "assert", "errno", "stdin", "stdout", "stderr",
};

const char* primitive_type(PrimitiveKind kind) {
    switch (kind) {
        case PrimitiveKind::boolean: return "bool";
        case PrimitiveKind::char_: return "char";
        case PrimitiveKind::octet: return "std::uint8_t";
        case PrimitiveKind::short_: return "std::int16_t";
        case PrimitiveKind::unsigned_short: return "std::uint16_t";
        case PrimitiveKind::long_: return "std::int32_t";
        case PrimitiveKind::unsigned_long: return "std::uint32_t";
        case PrimitiveKind::long_long: return "std::int64_t";
        case PrimitiveKind::unsigned_long_long: return "std::uint64_t";
        case PrimitiveKind::float_: return "float";
        case PrimitiveKind::double_: return "double";
    }
    return "std::int32_t";
}

std::string char_literal(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\'' || c == '\\') return std::string("'\\") + c + "'";
    if (u < 0x20 || u >= 0x7f) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "'\\%03o'", u);
        return buffer;
    }
    return std::string("'") + c + "'";
}

}  // namespace

std::string cpp_identifier(const std::string& idl_name) {
    return reserved.count(idl_name) != 0 ? idl_name + "_" : idl_name;
}

bool is_namespace(const Declaration& declaration) { return declaration.kind == Declaration::Kind::module; }

std::string cpp_qualified_name(const Declaration& declaration) {
    std::string name = "::" + cpp_identifier(declaration.name);
    for (const Declaration* p = declaration.parent; p != nullptr; p = p->parent) {
        name = "::" + cpp_identifier(p->name) + name;
    }
    return name;
}

std::string cpp_class_path(const Declaration& declaration) {
    std::string path = cpp_identifier(declaration.name);
    for (const Declaration* p = declaration.parent; p != nullptr && !is_namespace(*p); p = p->parent) {
        path = cpp_identifier(p->name) + "::" + path;
    }
    return path;
}

std::string sequence_type(const std::string& element, std::uint32_t bound) {
    return bound == 0 ? "std::vector<" + element + ">"
                      : "corbel::cdr::BoundedSequence<" + element + ", " + std::to_string(bound) + ">";
}

std::string cpp_type(const Type& type) {
    switch (type.kind) {
        case Type::Kind::primitive: return primitive_type(type.primitive);
        case Type::Kind::string:
            return type.bound == 0 ? "std::string" : "corbel::cdr::BoundedString<" + std::to_string(type.bound) + ">";
        case Type::Kind::sequence: return sequence_type(cpp_type(*type.element), type.bound);
        case Type::Kind::array: {
            std::string t = cpp_type(*type.element);
            for (auto it = type.dimensions.rbegin(); it != type.dimensions.rend(); ++it) {
                t = "std::array<" + t + ", " + std::to_string(*it) + ">";
            }
            return t;
        }
        case Type::Kind::named: return cpp_qualified_name(*type.declaration);
        case Type::Kind::object: break;
    }
    return "void";  // object references never reach data types (sema refuses them)
}

std::string cpp_string_literal(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u >= 0x7f) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\%03o", u);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string generated_banner(const std::string& idl_file) {
    std::string name = std::filesystem::path(idl_file).filename().string();
    for (char& c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return std::string("// Generated by corbel-idlc ") + idl::version() + " from " + name +
           ". Do not edit: edit the IDL and regenerate.\n";
}

std::string cpp_value(const idl::ConstValue& value, const Type& resolved_type) {
    if (const auto* i = std::get_if<std::int64_t>(&value.value)) {
        if (*i == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807LL - 1)";
        const bool wide = *i > std::numeric_limits<std::int32_t>::max() || *i < std::numeric_limits<std::int32_t>::min();
        return std::to_string(*i) + (wide ? "LL" : "");
    }
    if (const auto* u = std::get_if<std::uint64_t>(&value.value)) {
        return std::to_string(*u) + (*u > std::numeric_limits<std::uint32_t>::max() ? "ULL" : "U");
    }
    if (const auto* d = std::get_if<double>(&value.value)) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", *d);
        std::string text = buffer;
        if (text.find_first_of(".e") == std::string::npos) text += ".0";
        if (resolved_type.kind == Type::Kind::primitive && resolved_type.primitive == PrimitiveKind::float_) {
            return "static_cast<float>(" + text + ")";
        }
        return text;
    }
    if (const auto* c = std::get_if<char>(&value.value)) return char_literal(*c);
    if (const auto* s = std::get_if<std::string>(&value.value)) return cpp_string_literal(*s);
    if (const auto* b = std::get_if<bool>(&value.value)) return *b ? "true" : "false";
    const auto& e = std::get<idl::EnumeratorRef>(value.value);
    return cpp_qualified_name(*e.enumeration) + "::" + cpp_identifier(e.enumeration->enumerators[e.index].name);
}

}  // namespace corbel::idlc
