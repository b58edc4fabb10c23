// struct -> a plain aggregate of value members with ==; exception -> the same members in a
// class derived from corbel::UserException. Both encode their members in declaration order.
#include "emit.hpp"
#include "names.hpp"

namespace corbel::idlc {

using idl::Declaration;

void emit_type_comment(const Declaration& d, Printer& header) {
    header.blank_line();
    header.print("// $id$\n", {{"id", d.repository_id}});
}

void emit_member_fields(const std::vector<idl::Member>& members, Printer& header) {
    for (const auto& m : members) {
        header.print("$type$ $name${};\n", {{"type", cpp_type(*m.type)}, {"name", cpp_identifier(m.name)}});
    }
}

void emit_codec_declarations(const Declaration& d, EmitContext& out) {
    const std::string type = cpp_qualified_name(d);
    out.namespace_scope_declarations.push_back("void encode_cdr(corbel::cdr::Writer& writer, const " + type +
                                               "& value);");
    out.namespace_scope_declarations.push_back("void decode_cdr(corbel::cdr::Reader& reader, " + type + "& value);");
}

void emit_min_wire_size(const Declaration& d, const std::vector<const idl::Type*>& members, EmitContext& out) {
    if (members.empty()) return;
    std::string sum;
    for (const auto* t : members) {
        if (!sum.empty()) sum += " +\n        ";
        sum += "corbel::cdr::MinWireSize<" + cpp_type(*t) + ">::value";
    }
    out.global_scope_declarations.push_back(
        "// The fewest bytes a " + d.name + " takes on the wire (alignment only adds to it).\n"
        "template <>\n"
        "struct corbel::cdr::MinWireSize<" + cpp_qualified_name(d) + ">\n"
        "    : std::integral_constant<std::size_t,\n        " + sum + "> {};");
}

void emit_member_codec(const Declaration& d, EmitContext& out) {
    Printer& s = out.source;
    const Printer::Vars vars{{"type", cpp_qualified_name(d)}, {"path", cpp_class_path(d)}};
    const bool empty = d.members.empty();
    s.blank_line();
    s.print(empty ? "bool $path$::operator==([[maybe_unused]] const $path$& other) const {\n"
                  : "bool $path$::operator==(const $path$& other) const {\n",
            vars);
    {
        Printer::Indent in(s);
        if (empty) {
            s.print("return true;\n");
        } else {
            std::string condition;
            for (std::size_t i = 0; i < d.members.size(); ++i) {
                const std::string name = cpp_identifier(d.members[i].name);
                if (i != 0) condition += " &&\n       ";
                condition += name + " == other." + name;
            }
            s.print("return $condition$;\n", {{"condition", condition}});
        }
    }
    s.print("}\n\n");
    s.print(empty ? "void encode_cdr([[maybe_unused]] corbel::cdr::Writer& writer, [[maybe_unused]] const $type$& value) {\n"
                  : "void encode_cdr(corbel::cdr::Writer& writer, const $type$& value) {\n",
            vars);
    {
        Printer::Indent in(s);
        for (const auto& m : d.members) {
            s.print("corbel::cdr::encode(writer, value.$name$);\n", {{"name", cpp_identifier(m.name)}});
        }
    }
    s.print("}\n\n");
    s.print(empty ? "void decode_cdr(corbel::cdr::Reader& reader, [[maybe_unused]] $type$& value) {\n"
                  : "void decode_cdr(corbel::cdr::Reader& reader, $type$& value) {\n",
            vars);
    {
        Printer::Indent in(s);
        s.print("corbel::cdr::Reader::DepthGuard depth(reader);\n");
        for (const auto& m : d.members) {
            s.print("corbel::cdr::decode_member(reader, value.$name$);\n", {{"name", cpp_identifier(m.name)}});
        }
    }
    s.print("}\n");
}

void emit_struct(const Declaration& d, EmitContext& out) {
    Printer& h = out.header;
    emit_type_comment(d, h);
    h.print("struct $name$ {\n", {{"name", cpp_identifier(d.name)}});
    {
        Printer::Indent in(h);
        emit_nested(d, out);
        emit_member_fields(d.members, h);
        h.blank_line();
        h.print("bool operator==(const $name$& other) const;\n", {{"name", cpp_identifier(d.name)}});
        h.print("bool operator!=(const $name$& other) const { return !(*this == other); }\n",
                {{"name", cpp_identifier(d.name)}});
    }
    h.print("};\n");
    emit_codec_declarations(d, out);
    std::vector<const idl::Type*> types;
    for (const auto& m : d.members) types.push_back(m.type);
    emit_min_wire_size(d, types, out);
    emit_member_codec(d, out);
}

void emit_exception(const Declaration& d, EmitContext& out) {
    out.uses_exceptions = true;
    Printer& h = out.header;
    const Printer::Vars vars{{"name", cpp_identifier(d.name)},
                             {"id", cpp_string_literal(d.repository_id)},
                             {"path", cpp_class_path(d)}};
    emit_type_comment(d, h);
    h.print("class $name$ : public corbel::UserException {\n", vars);
    h.print("public:\n");
    {
        Printer::Indent in(h);
        emit_nested(d, out);
        h.print("$name$();\n", vars);
        h.print("const char* repository_id() const noexcept override;\n");
        h.blank_line();
        emit_member_fields(d.members, h);
        h.blank_line();
        h.print("bool operator==(const $name$& other) const;\n", vars);
        h.print("bool operator!=(const $name$& other) const { return !(*this == other); }\n", vars);
    }
    h.print("};\n");
    emit_codec_declarations(d, out);
    Printer& s = out.source;
    s.blank_line();
    s.print("$path$::$name$() : corbel::UserException($id$) {}\n\n", vars);
    s.print("const char* $path$::repository_id() const noexcept { return $id$; }\n", vars);
    emit_member_codec(d, out);
}

}  // namespace corbel::idlc
