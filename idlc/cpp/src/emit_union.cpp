// union -> a class holding a typed discriminator and a std::variant of the members (index 0,
// std::monostate, when the discriminator selects no member). Accessors refuse the wrong
// member; setters set the discriminator with the member.
#include "emit.hpp"
#include "names.hpp"

namespace corbel::idlc {

using idl::Declaration;

namespace {

// The discriminator value a member's setter uses when the caller gives none.
std::string first_label(const Declaration& d, const idl::UnionCase& c) {
    const idl::Type& disc = d.discriminator->resolved();
    if (!c.labels.empty()) return cpp_value(c.labels.front(), disc);
    return cpp_value(*d.default_label, disc);
}

std::string label_condition(const Declaration& d, const idl::UnionCase& c, const std::string& var) {
    const idl::Type& disc = d.discriminator->resolved();
    std::string condition;
    for (const auto& label : c.labels) {
        if (!condition.empty()) condition += " || ";
        condition += var + " == " + cpp_value(label, disc);
    }
    return condition;
}

void emit_union_header(const Declaration& d, EmitContext& out, const std::string& variant) {
    Printer& h = out.header;
    const std::string name = cpp_identifier(d.name);
    emit_type_comment(d, h);
    h.print("class $name$ {\n", {{"name", name}});
    h.print("public:\n");
    {
        Printer::Indent in(h);
        emit_nested(d, out);
        h.print("using Discriminator = $type$;\n\n", {{"type", cpp_type(*d.discriminator)}});
        h.print("// Holds $first$, value-initialised.\n", {{"first", cpp_identifier(d.cases.front().member.name)}});
        h.print("$name$();\n\n", {{"name", name}});
        h.print("Discriminator _d() const noexcept { return _discriminator; }\n");
        h.print("// Changes the discriminator to another value selecting the same member; throws\n"
                "// std::invalid_argument for a value that selects another one.\n");
        h.print("void _d(Discriminator value);\n");
        for (const auto& c : d.cases) {
            const Printer::Vars vars{{"type", cpp_type(*c.member.type)}, {"member", cpp_identifier(c.member.name)}};
            h.blank_line();
            h.print("// The accessors throw std::logic_error unless the discriminator selects $member$.\n", vars);
            h.print("const $type$& $member$() const;\n", vars);
            h.print("$type$& $member$();\n", vars);
            h.print("void $member$($type$ value);\n", vars);
            h.print("// `discriminator` must be a value selecting $member$ (std::invalid_argument otherwise).\n", vars);
            h.print("void $member$($type$ value, Discriminator discriminator);\n", vars);
        }
        if (!d.default_case && d.default_label) {
            h.blank_line();
            h.print("// Sets a discriminator value that selects no member.\n");
            h.print("void _default();\n");
        }
        h.blank_line();
        h.print("bool operator==(const $name$& other) const;\n", {{"name", name}});
        h.print("bool operator!=(const $name$& other) const { return !(*this == other); }\n", {{"name", name}});
    }
    h.print("\nprivate:\n");
    {
        Printer::Indent in(h);
        const std::string qualified = cpp_qualified_name(d);
        h.print("friend void encode_cdr(corbel::cdr::Writer& writer, const $type$& value);\n", {{"type", qualified}});
        h.print("friend void decode_cdr(corbel::cdr::Reader& reader, $type$& value);\n\n", {{"type", qualified}});
        h.print("// The index in _value of the member that `discriminator` selects (0: none).\n");
        h.print("static std::size_t _branch(Discriminator discriminator) noexcept;\n\n");
        h.print("Discriminator _discriminator;\n");
        h.print("$variant$ _value;\n", {{"variant", variant}});
    }
    h.print("};\n");
}

void emit_union_source(const Declaration& d, EmitContext& out) {
    Printer& s = out.source;
    const std::string path = cpp_class_path(d);
    const std::string name = cpp_identifier(d.name);
    const std::string qualified = cpp_qualified_name(d);
    const Printer::Vars vars{{"path", path}, {"name", name}, {"type", qualified}};
    s.blank_line();
    s.print("$path$::$name$() : _discriminator($label$), _value(std::in_place_index<1>) {}\n\n",
            {{"path", path}, {"name", name}, {"label", first_label(d, d.cases.front())}});

    s.print("std::size_t $path$::_branch([[maybe_unused]] Discriminator discriminator) noexcept {\n", vars);
    {
        Printer::Indent in(s);
        for (std::size_t i = 0; i < d.cases.size(); ++i) {
            if (d.cases[i].labels.empty()) continue;
            s.print("if ($condition$) return $index$;\n",
                    {{"condition", label_condition(d, d.cases[i], "discriminator")}, {"index", std::to_string(i + 1)}});
        }
        s.print("return $index$;\n", {{"index", d.default_case ? std::to_string(*d.default_case + 1) : "0"}});
    }
    s.print("}\n\n");

    s.print("void $path$::_d(Discriminator value) {\n", vars);
    {
        Printer::Indent in(s);
        s.print("if (_branch(value) != _value.index()) {\n");
        s.print("    throw std::invalid_argument(\"$name$::_d(): the new discriminator selects another member\");\n", vars);
        s.print("}\n");
        s.print("_discriminator = value;\n");
    }
    s.print("}\n");

    for (std::size_t i = 0; i < d.cases.size(); ++i) {
        const auto& c = d.cases[i];
        const Printer::Vars m{{"path", path},
                              {"name", name},
                              {"member", cpp_identifier(c.member.name)},
                              {"type", cpp_type(*c.member.type)},
                              {"index", std::to_string(i + 1)},
                              {"label", first_label(d, c)}};
        s.blank_line();
        for (const char* constness : {"const ", ""}) {
            s.print(std::string(constness) + "$type$& $path$::$member$()" + (*constness ? " const" : "") + " {\n", m);
            s.print("    if (_value.index() != $index$) {\n", m);
            s.print("        throw std::logic_error(\"$name$::$member$(): the discriminator selects another member\");\n", m);
            s.print("    }\n");
            s.print("    return std::get<$index$>(_value);\n", m);
            s.print("}\n\n");
        }
        s.print("void $path$::$member$($type$ value) {\n", m);
        s.print("    _discriminator = $label$;\n", m);
        s.print("    _value.emplace<$index$>(std::move(value));\n", m);
        s.print("}\n\n");
        s.print("void $path$::$member$($type$ value, Discriminator discriminator) {\n", m);
        s.print("    if (_branch(discriminator) != $index$) {\n", m);
        s.print("        throw std::invalid_argument(\"$name$::$member$(): the discriminator does not select $member$\");\n", m);
        s.print("    }\n");
        s.print("    _discriminator = discriminator;\n");
        s.print("    _value.emplace<$index$>(std::move(value));\n", m);
        s.print("}\n");
    }
    if (!d.default_case && d.default_label) {
        s.blank_line();
        s.print("void $path$::_default() {\n", vars);
        s.print("    _discriminator = $label$;\n", {{"label", cpp_value(*d.default_label, d.discriminator->resolved())}});
        s.print("    _value.emplace<0>();\n");
        s.print("}\n");
    }
    s.blank_line();
    s.print("bool $path$::operator==(const $path$& other) const {\n", vars);
    s.print("    return _discriminator == other._discriminator && _value == other._value;\n");
    s.print("}\n\n");

    s.print("void encode_cdr(corbel::cdr::Writer& writer, const $type$& value) {\n", vars);
    {
        Printer::Indent in(s);
        s.print("corbel::cdr::encode(writer, value._discriminator);\n");
        s.print("switch (value._value.index()) {\n");
        for (std::size_t i = 0; i < d.cases.size(); ++i) {
            s.print("    case $index$: corbel::cdr::encode(writer, std::get<$index$>(value._value)); break;\n",
                    {{"index", std::to_string(i + 1)}});
        }
        s.print("    default: break;  // the discriminator selects no member\n");
        s.print("}\n");
    }
    s.print("}\n\n");
    s.print("void decode_cdr(corbel::cdr::Reader& reader, $type$& value) {\n", vars);
    {
        Printer::Indent in(s);
        s.print("corbel::cdr::Reader::DepthGuard depth(reader);\n");
        s.print("$type$::Discriminator discriminator{};\n", vars);
        s.print("corbel::cdr::decode_member(reader, discriminator);\n");
        s.print("switch ($type$::_branch(discriminator)) {\n", vars);
        for (std::size_t i = 0; i < d.cases.size(); ++i) {
            s.print("    case $index$: corbel::cdr::decode_member(reader, value._value.emplace<$index$>()); break;\n",
                    {{"index", std::to_string(i + 1)}});
        }
        s.print("    default: value._value.emplace<0>(); break;\n");
        s.print("}\n");
        s.print("value._discriminator = discriminator;\n");
    }
    s.print("}\n");
}

}  // namespace

void emit_union(const Declaration& d, EmitContext& out) {
    out.uses_unions = true;
    std::string variant = "std::variant<std::monostate";
    for (const auto& c : d.cases) variant += ", " + cpp_type(*c.member.type);
    variant += ">";
    emit_union_header(d, out, variant);
    emit_codec_declarations(d, out);
    emit_min_wire_size(d, {d.discriminator}, out);
    emit_union_source(d, out);
}

}  // namespace corbel::idlc
