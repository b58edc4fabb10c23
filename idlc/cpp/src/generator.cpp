// Walks the checked model in source order: modules open and close namespaces, each type goes
// to its emitter, and what must live outside a class or outside every namespace is flushed
// once the walk is back there.
#include <corbel/idlc/cpp_generator.hpp>

#include "emit.hpp"
#include "names.hpp"
#include "rpc.hpp"

#include <filesystem>

namespace corbel::idlc {

using idl::Declaration;

namespace {

void emit_declaration(const Declaration& d, EmitContext& out);

// Interfaces become C++ code only as the scope of the types declared in them.
bool emits_code(const Declaration& d) {
    if (d.kind != Declaration::Kind::interface) return true;
    if (!d.defined) return false;
    for (const auto& c : d.contents) {
        if (c->kind != Declaration::Kind::operation && c->kind != Declaration::Kind::attribute) return true;
    }
    return false;
}

class NamespaceWalker {
public:
    NamespaceWalker(EmitContext& out) : out_(out) {}

    void walk(const std::vector<std::unique_ptr<Declaration>>& declarations) {
        for (const auto& d : declarations) {
            if (!d->from_main_file) continue;
            if (is_namespace(*d)) {
                open(*d);
                walk(d->contents);
                close();
                continue;
            }
            if (!emits_code(*d)) continue;
            reopen_header_namespaces();
            emit_declaration(*d, out_);
            flush();
        }
    }

private:
    void open(const Declaration& module) {
        reopen_header_namespaces();
        const std::string name = cpp_identifier(module.name);
        out_.header.blank_line();
        out_.header.print("namespace $name$ {\n\n", {{"name", name}});
        out_.source.blank_line();
        out_.source.print("namespace $name$ {\n\n", {{"name", name}});
        stack_.push_back(name);
        open_in_header_ = stack_.size();
    }

    void close() {
        const std::string name = stack_.back();
        if (open_in_header_ == stack_.size()) {
            out_.header.blank_line();
            out_.header.print("}  // namespace $name$\n", {{"name", name}});
            --open_in_header_;
        }
        stack_.pop_back();
        out_.source.blank_line();
        out_.source.print("}  // namespace $name$\n", {{"name", name}});
    }

    // After traits were printed at global scope, the namespaces open again only when
    // something follows in them.
    void reopen_header_namespaces() {
        for (; open_in_header_ < stack_.size(); ++open_in_header_) {
            out_.header.blank_line();
            out_.header.print("namespace $name$ {\n\n", {{"name", stack_[open_in_header_]}});
        }
    }

    // Free functions go right after their type; traits need every namespace closed.
    void flush() {
        for (const auto& text : out_.namespace_scope_declarations) out_.header.print("$text$\n", {{"text", text}});
        out_.namespace_scope_declarations.clear();
        if (out_.global_scope_declarations.empty()) return;
        for (; open_in_header_ > 0; --open_in_header_) {
            out_.header.blank_line();
            out_.header.print("}  // namespace $name$\n", {{"name", stack_[open_in_header_ - 1]}});
        }
        for (const auto& text : out_.global_scope_declarations) {
            out_.header.blank_line();
            out_.header.print("$text$\n", {{"text", text}});
        }
        out_.global_scope_declarations.clear();
    }

    EmitContext& out_;
    std::vector<std::string> stack_;
    std::size_t open_in_header_ = 0;
};

void emit_declaration(const Declaration& d, EmitContext& out) {
    switch (d.kind) {
        case Declaration::Kind::struct_: emit_struct(d, out); break;
        case Declaration::Kind::exception: emit_exception(d, out); break;
        case Declaration::Kind::union_: emit_union(d, out); break;
        case Declaration::Kind::enum_: emit_enum(d, out); break;
        case Declaration::Kind::typedef_: emit_typedef(d, out); break;
        case Declaration::Kind::const_: emit_const(d, out); break;
        case Declaration::Kind::interface: emit_interface(d, out); break;
        case Declaration::Kind::module:
        case Declaration::Kind::operation:
        case Declaration::Kind::attribute: break;
    }
}

// C++ forward declarations for the structs and unions IDL declared forward, so that types
// naming them before their definition (sequence<Node> in a typedef, say) compile.
void emit_forward_declarations(const std::vector<std::unique_ptr<Declaration>>& declarations, Printer& header,
                               std::vector<std::string>& namespaces) {
    for (const auto& d : declarations) {
        if (!d->from_main_file) continue;
        if (is_namespace(*d)) {
            namespaces.push_back(cpp_identifier(d->name));
            emit_forward_declarations(d->contents, header, namespaces);
            namespaces.pop_back();
            continue;
        }
        if (!d->forward_declared || (d->kind != Declaration::Kind::struct_ && d->kind != Declaration::Kind::union_)) {
            continue;
        }
        std::string open, close;
        for (const auto& n : namespaces) {
            open += "namespace " + n + " { ";
            close += " }";
        }
        header.print("$open$$kind$ $name$;$close$\n", {{"open", open},
                                                       {"kind", d->kind == Declaration::Kind::struct_ ? "struct" : "class"},
                                                       {"name", cpp_identifier(d->name)},
                                                       {"close", close}});
    }
}

}  // namespace

void emit_nested(const Declaration& d, EmitContext& out) {
    for (const auto& c : d.contents) emit_declaration(*c, out);
    if (!d.contents.empty()) out.header.blank_line();
}

GeneratedFiles generate_cpp(const idl::Model& model, const std::string& stem) {
    EmitContext body;
    NamespaceWalker walker(body);
    walker.walk(model.declarations);

    const Printer::Vars banner = {{"banner", generated_banner(model.main_file)}};
    Printer header;
    header.print("$banner$", banner);
    header.print("#pragma once\n\n");
    header.print("#include <corbel/cdr.hpp>\n");
    if (body.uses_exceptions) header.print("#include <corbel/exception.hpp>\n");
    header.print("\n#include <array>\n#include <cstddef>\n#include <cstdint>\n#include <optional>\n"
                 "#include <string>\n#include <string_view>\n#include <type_traits>\n");
    if (body.uses_unions) header.print("#include <variant>\n");
    header.print("#include <vector>\n");
    if (!model.included_files.empty()) {
        header.print("\n");
        for (const auto& f : model.included_files) {
            header.print("#include \"$name$.hpp\"\n", {{"name", std::filesystem::path(f).stem().string()}});
        }
    }
    Printer forwards;
    std::vector<std::string> namespaces;
    emit_forward_declarations(model.declarations, forwards, namespaces);
    if (!forwards.text().empty()) header.print("\n$text$", {{"text", forwards.text()}});
    header.print("\n$text$", {{"text", body.header.text()}});

    Printer source;
    source.print("$banner$", banner);
    source.print("#include \"$stem$.hpp\"\n", {{"stem", stem}});
    if (body.uses_unions) source.print("\n#include <stdexcept>\n#include <utility>\n");
    source.print("\n$text$", {{"text", body.source.text()}});
    auto [rpc_header, rpc_source] = generate_rpc(model, stem);
    return {header.text(), source.text(), std::move(rpc_header), std::move(rpc_source)};
}

}  // namespace corbel::idlc
