// enum -> enum class over unsigned long (CDR's encoding of an enum), the names of its
// enumerators both ways, and corbel::cdr::EnumTraits so that the codec range-checks it.
#include "emit.hpp"
#include "names.hpp"

namespace corbel::idlc {

void emit_enum(const idl::Declaration& d, EmitContext& out) {
    Printer& h = out.header;
    const std::string name = cpp_identifier(d.name);
    const std::string qualified = cpp_qualified_name(d);
    // functions of a nested enum live at namespace scope, where ADL finds them
    const bool nested = d.parent != nullptr && !is_namespace(*d.parent);
    // Color_from_string; Outer_Color_from_string for an enum nested in Outer (unique per namespace)
    std::string from_string = cpp_class_path(d) + "_from_string";
    for (auto at = from_string.find("::"); at != std::string::npos; at = from_string.find("::")) {
        from_string.replace(at, 2, "_");
    }
    emit_type_comment(d, h);
    std::string list;
    for (std::size_t i = 0; i < d.enumerators.size(); ++i) {
        if (i != 0) list += ", ";
        list += cpp_identifier(d.enumerators[i].name);
    }
    h.print("enum class $name$ : std::uint32_t { $list$ };\n", {{"name", name}, {"list", list}});
    const std::string to_string_decl = "// The IDL name of `value`, or nullptr when it has no enumerator.\n"
                                       "const char* to_string(" + qualified + " value) noexcept;";
    const std::string from_string_decl = "// The enumerator named `name` in IDL, if there is one.\n"
                                         "std::optional<" + qualified + "> " + from_string +
                                         "(std::string_view name) noexcept;";
    if (nested) {
        out.namespace_scope_declarations.push_back(to_string_decl);
        out.namespace_scope_declarations.push_back(from_string_decl);
    } else {
        h.print("$decl$\n", {{"decl", to_string_decl}});
        h.print("$decl$\n", {{"decl", from_string_decl}});
    }
    out.global_scope_declarations.push_back("template <>\nstruct corbel::cdr::EnumTraits<" + qualified +
                                            "> {\n    static constexpr std::uint32_t count = " +
                                            std::to_string(d.enumerators.size()) + ";\n};");

    Printer& s = out.source;
    s.blank_line();
    s.print("const char* to_string($type$ value) noexcept {\n", {{"type", qualified}});
    {
        Printer::Indent in(s);
        s.print("switch (value) {\n");
        {
            Printer::Indent cases(s);
            for (const auto& e : d.enumerators) {
                s.print("case $type$::$name$: return \"$idl$\";\n",
                        {{"type", qualified}, {"name", cpp_identifier(e.name)}, {"idl", e.name}});
            }
        }
        s.print("}\n");
        s.print("return nullptr;\n");
    }
    s.print("}\n\n");
    s.print("std::optional<$type$> $function$(std::string_view name) noexcept {\n",
            {{"type", qualified}, {"function", from_string}});
    {
        Printer::Indent in(s);
        for (const auto& e : d.enumerators) {
            s.print("if (name == \"$idl$\") return $type$::$name$;\n",
                    {{"type", qualified}, {"name", cpp_identifier(e.name)}, {"idl", e.name}});
        }
        s.print("return std::nullopt;\n");
    }
    s.print("}\n");
}

}  // namespace corbel::idlc
