// typedef -> using; const -> constexpr (strings as std::string_view).
#include "emit.hpp"
#include "names.hpp"

namespace corbel::idlc {

void emit_typedef(const idl::Declaration& d, EmitContext& out) {
    out.header.blank_line();
    out.header.print("using $name$ = $type$;\n", {{"name", cpp_identifier(d.name)}, {"type", cpp_type(*d.type)}});
}

void emit_const(const idl::Declaration& d, EmitContext& out) {
    const idl::Type& resolved = d.type->resolved();
    const bool in_class = d.parent != nullptr && !is_namespace(*d.parent);
    const std::string type = resolved.kind == idl::Type::Kind::string ? "std::string_view" : cpp_type(*d.type);
    out.header.blank_line();
    out.header.print("$storage$ $type$ $name$ = $value$;\n",
                     {{"storage", in_class ? "static constexpr" : "inline constexpr"},
                      {"type", type},
                      {"name", cpp_identifier(d.name)},
                      {"value", cpp_value(*d.value, resolved)}});
}

// An interface's operations and attributes are the proxy and skeleton generator's business
// (a later issue); for data types, an interface is only the scope of the types, constants
// and exceptions declared in it, which become members of a class named after it.
void emit_interface(const idl::Declaration& d, EmitContext& out) {
    if (!d.defined) return;
    Printer& h = out.header;
    emit_type_comment(d, h);
    h.print("class $name$ {\n", {{"name", cpp_identifier(d.name)}});
    h.print("public:\n");
    {
        Printer::Indent in(h);
        emit_nested(d, out);
    }
    h.print("};\n");
}

}  // namespace corbel::idlc
