#include "type_names.hpp"

namespace corbel::cli {

std::string display_name(const idl::Declaration& declaration) {
    const std::string& scoped = declaration.scoped_name;
    if (scoped.rfind("::", 0) == 0) return scoped.substr(2);
    return scoped.empty() ? declaration.name : scoped;
}

std::string type_name(const idl::Type& type) {
    using Kind = idl::Type::Kind;
    switch (type.kind) {
        case Kind::primitive:
            return idl::idl_name(type.primitive);
        case Kind::string:
            return type.bound == 0 ? "string" : "string<" + std::to_string(type.bound) + ">";
        case Kind::sequence: {
            std::string text = "sequence<" + (type.element ? type_name(*type.element) : "?");
            if (type.bound != 0) text += ", " + std::to_string(type.bound);
            return text + ">";
        }
        case Kind::array: {
            std::string text = type.element ? type_name(*type.element) : "?";
            for (const auto dimension : type.dimensions) text += "[" + std::to_string(dimension) + "]";
            return text;
        }
        case Kind::named:
            return type.declaration ? display_name(*type.declaration) : "?";
        case Kind::object:
            return "Object";
    }
    return "?";
}

const char* kind_name(idl::Declaration::Kind kind) noexcept {
    using Kind = idl::Declaration::Kind;
    switch (kind) {
        case Kind::module: return "module";
        case Kind::interface: return "interface";
        case Kind::struct_: return "struct";
        case Kind::union_: return "union";
        case Kind::enum_: return "enum";
        case Kind::typedef_: return "typedef";
        case Kind::const_: return "const";
        case Kind::exception: return "exception";
        case Kind::operation: return "operation";
        case Kind::attribute: return "attribute";
    }
    return "declaration";
}

std::string with_article(const std::string& noun) {
    const bool vowel = !noun.empty() && std::string("aeiou").find(noun[0]) != std::string::npos;
    return (vowel ? "an " : "a ") + noun;
}

}  // namespace corbel::cli
