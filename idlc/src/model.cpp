#include <corbel/idl/model.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace corbel::idl {

const char* idl_name(PrimitiveKind kind) noexcept {
    switch (kind) {
        case PrimitiveKind::boolean: return "boolean";
        case PrimitiveKind::char_: return "char";
        case PrimitiveKind::octet: return "octet";
        case PrimitiveKind::short_: return "short";
        case PrimitiveKind::unsigned_short: return "unsigned short";
        case PrimitiveKind::long_: return "long";
        case PrimitiveKind::unsigned_long: return "unsigned long";
        case PrimitiveKind::long_long: return "long long";
        case PrimitiveKind::unsigned_long_long: return "unsigned long long";
        case PrimitiveKind::float_: return "float";
        case PrimitiveKind::double_: return "double";
    }
    return "long";
}

bool is_integer(PrimitiveKind kind) noexcept {
    switch (kind) {
        case PrimitiveKind::short_:
        case PrimitiveKind::unsigned_short:
        case PrimitiveKind::long_:
        case PrimitiveKind::unsigned_long:
        case PrimitiveKind::long_long:
        case PrimitiveKind::unsigned_long_long:
        case PrimitiveKind::octet:
            return true;
        default:
            return false;
    }
}

const char* to_string(Direction direction) noexcept {
    switch (direction) {
        case Direction::in: return "in";
        case Direction::out: return "out";
        case Direction::inout: return "inout";
    }
    return "in";
}

const char* to_string(Declaration::Kind kind) noexcept {
    switch (kind) {
        case Declaration::Kind::module: return "module";
        case Declaration::Kind::interface: return "interface";
        case Declaration::Kind::struct_: return "struct";
        case Declaration::Kind::union_: return "union";
        case Declaration::Kind::enum_: return "enum";
        case Declaration::Kind::typedef_: return "typedef";
        case Declaration::Kind::const_: return "const";
        case Declaration::Kind::exception: return "exception";
        case Declaration::Kind::operation: return "operation";
        case Declaration::Kind::attribute: return "attribute";
    }
    return "declaration";
}

std::string idl_spelling(const Type& type) {
    switch (type.kind) {
        case Type::Kind::primitive: return idl_name(type.primitive);
        case Type::Kind::string: return type.bound == 0 ? "string" : "string<" + std::to_string(type.bound) + ">";
        case Type::Kind::sequence: {
            std::string text = "sequence<" + (type.element ? idl_spelling(*type.element) : "?");
            if (type.bound != 0) text += ", " + std::to_string(type.bound);
            return text + ">";
        }
        case Type::Kind::array: {
            std::string text = type.element ? idl_spelling(*type.element) : "?";
            for (const auto dimension : type.dimensions) text += "[" + std::to_string(dimension) + "]";
            return text;
        }
        case Type::Kind::named: {
            if (type.declaration == nullptr) return "?";
            const std::string& scoped = type.declaration->scoped_name;
            if (scoped.rfind("::", 0) == 0) return scoped.substr(2);
            return scoped.empty() ? type.declaration->name : scoped;
        }
        case Type::Kind::object: return "Object";
    }
    return "?";
}

const Type& Type::resolved() const {
    const Type* t = this;
    // typedef chains are acyclic (a typedef can only name what was declared before it)
    while (t->kind == Kind::named && t->declaration != nullptr &&
           t->declaration->kind == Declaration::Kind::typedef_) {
        t = t->declaration->type;
    }
    return *t;
}

bool ConstValue::operator==(const ConstValue& other) const { return value == other.value; }

namespace {

std::string escape_char(char c, char quote) {
    switch (c) {
        case '\n': return "\\n";
        case '\t': return "\\t";
        case '\r': return "\\r";
        case '\\': return "\\\\";
        default: break;
    }
    if (c == quote) return std::string("\\") + quote;
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x", u);
        return buffer;
    }
    return std::string(1, c);
}

}  // namespace

std::string ConstValue::to_idl() const {
    struct Printer {
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(std::uint64_t v) const { return std::to_string(v); }
        std::string operator()(double v) const {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.17g", v);
            std::string text = buffer;
            if (text.find_first_of(".eEni") == std::string::npos) text += ".0";
            return text;
        }
        std::string operator()(char v) const { return "'" + escape_char(v, '\'') + "'"; }
        std::string operator()(const std::string& v) const {
            std::string out = "\"";
            for (char c : v) out += escape_char(c, '"');
            return out + "\"";
        }
        std::string operator()(bool v) const { return v ? "TRUE" : "FALSE"; }
        std::string operator()(const EnumeratorRef& v) const {
            return v.enumeration->scoped_name.substr(0, v.enumeration->scoped_name.rfind("::") + 2) +
                   v.enumeration->enumerators[v.index].name;
        }
    };
    return std::visit(Printer{}, value);
}

std::vector<const Declaration*> all_operations_and_attributes(const Declaration& interface) {
    std::vector<const Declaration*> result;
    std::vector<const Declaration*> visited;
    std::function<void(const Declaration&)> visit = [&](const Declaration& i) {
        if (std::find(visited.begin(), visited.end(), &i) != visited.end()) return;
        visited.push_back(&i);
        for (const auto* base : i.bases) visit(*base);
        for (const auto& d : i.contents) {
            if (d->kind == Declaration::Kind::operation || d->kind == Declaration::Kind::attribute) {
                result.push_back(d.get());
            }
        }
    };
    visit(interface);
    return result;
}

const Declaration* Model::find(const std::string& scoped_name) const {
    const std::string wanted = scoped_name.rfind("::", 0) == 0 ? scoped_name : "::" + scoped_name;
    std::function<const Declaration*(const std::vector<std::unique_ptr<Declaration>>&)> search =
        [&](const std::vector<std::unique_ptr<Declaration>>& list) -> const Declaration* {
        for (const auto& d : list) {
            if (d->scoped_name == wanted) return d->first_declaration ? d->first_declaration : d.get();
            if (wanted.rfind(d->scoped_name + "::", 0) == 0) {
                if (const auto* found = search(d->contents)) return found;
            }
        }
        return nullptr;
    };
    return search(declarations);
}

}  // namespace corbel::idl
