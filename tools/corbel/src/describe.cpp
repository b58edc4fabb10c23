#include "describe.hpp"

#include "type_names.hpp"

#include <cstdio>
#include <ostream>

namespace corbel::cli {

namespace {

using idl::Declaration;
using idl::idl_spelling;

// "long matrix[2][3]": an array's dimensions follow the declarator, as IDL writes them.
std::string declarator(const idl::Type& type, const std::string& name) {
    if (type.kind != idl::Type::Kind::array) return idl_spelling(type) + " " + name;
    std::string text = idl_spelling(*type.element) + " " + name;
    for (const auto dimension : type.dimensions) text += "[" + std::to_string(dimension) + "]";
    return text;
}

std::string hex_id(std::uint32_t id) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", id);
    return text;
}

std::string operation_signature(const Declaration& operation) {
    std::string text = operation.oneway ? "oneway " : "";
    text += (operation.type ? idl_spelling(*operation.type) : "void") + " " + operation.name + "(";
    for (std::size_t i = 0; i < operation.parameters.size(); ++i) {
        const auto& parameter = operation.parameters[i];
        text += (i == 0 ? "" : ", ") + std::string(idl::to_string(parameter.direction)) + " " +
                declarator(*parameter.type, parameter.name);
    }
    text += ")";
    if (!operation.raises.empty()) {
        text += " raises (";
        for (std::size_t i = 0; i < operation.raises.size(); ++i) {
            text += (i == 0 ? "" : ", ") + display_name(*operation.raises[i]);
        }
        text += ")";
    }
    return text + ";";
}

void print_members(std::ostream& out, const Declaration& declaration) {
    for (const auto& member : declaration.members) out << "  " << declarator(*member.type, member.name) << ";\n";
}

void print_interface(std::ostream& out, const Declaration& interface) {
    out << "interface " << display_name(interface);
    for (std::size_t i = 0; i < interface.bases.size(); ++i) {
        out << (i == 0 ? " : " : ", ") << display_name(*interface.bases[i]);
    }
    out << " {  // " << interface.repository_id << '\n';
    for (const Declaration* member : idl::all_operations_and_attributes(interface)) {
        const bool inherited = member->parent != &interface;
        const std::string origin = inherited ? ", from " + display_name(*member->parent) : "";
        if (member->kind == Declaration::Kind::operation) {
            out << "  " << operation_signature(*member) << "  // " << hex_id(member->method_id) << origin << '\n';
        } else {
            out << "  " << (member->readonly ? "readonly " : "") << "attribute " << declarator(*member->type, member->name)
                << ";  // _get_" << member->name << " " << hex_id(member->method_id);
            if (!member->readonly) out << ", _set_" << member->name << " " << hex_id(member->set_method_id);
            out << origin << '\n';
        }
    }
    out << "};\n";
}

void print_union(std::ostream& out, const Declaration& union_declaration) {
    out << "union " << display_name(union_declaration) << " switch (" << idl_spelling(*union_declaration.discriminator)
        << ") {\n";
    for (const auto& union_case : union_declaration.cases) {
        out << " ";
        for (const auto& label : union_case.labels) out << " case " << label.to_idl() << ":";
        if (union_case.is_default) out << " default:";
        out << " " << declarator(*union_case.member.type, union_case.member.name) << ";\n";
    }
    out << "};\n";
}

}  // namespace

void describe_declaration(std::ostream& out, const Declaration& declaration) {
    switch (declaration.kind) {
        case Declaration::Kind::module:
            for (const auto& inner : declaration.contents) describe_declaration(out, *inner);
            return;
        case Declaration::Kind::interface: return print_interface(out, declaration);
        case Declaration::Kind::struct_:
        case Declaration::Kind::exception:
            out << idl::to_string(declaration.kind) << " " << display_name(declaration) << " {  // "
                << declaration.repository_id << '\n';
            print_members(out, declaration);
            out << "};\n";
            return;
        case Declaration::Kind::union_: return print_union(out, declaration);
        case Declaration::Kind::enum_: {
            out << "enum " << display_name(declaration) << " { ";
            for (std::size_t i = 0; i < declaration.enumerators.size(); ++i) {
                out << (i == 0 ? "" : ", ") << declaration.enumerators[i].name;
            }
            out << " };\n";
            return;
        }
        case Declaration::Kind::typedef_:
            out << "typedef " << declarator(*declaration.type, display_name(declaration)) << ";\n";
            return;
        case Declaration::Kind::const_:
            out << "const " << idl_spelling(*declaration.type) << " " << display_name(declaration) << " = "
                << (declaration.value ? declaration.value->to_idl() : "?") << ";\n";
            return;
        case Declaration::Kind::operation:
            out << operation_signature(declaration) << "  // " << hex_id(declaration.method_id) << '\n';
            return;
        case Declaration::Kind::attribute:
            out << (declaration.readonly ? "readonly " : "") << "attribute " << declarator(*declaration.type, declaration.name)
                << ";  // _get_" << declaration.name << " " << hex_id(declaration.method_id) << '\n';
            return;
    }
}

}  // namespace corbel::cli
