// Walks the modules of the main file for defined interfaces and puts each one's proxy and
// skeleton side by side into <stem>.rpc.hpp / <stem>.rpc.cpp, which build on <stem>.hpp (the
// data types) and on corbel::runtime. Keeping them apart leaves files of data types free of
// the runtime.
#include "names.hpp"
#include "rpc.hpp"

#include <filesystem>

namespace corbel::idlc {

using idl::Declaration;

namespace {

bool has_interfaces(const Declaration& d) {
    if (!d.from_main_file) return false;
    if (d.kind == Declaration::Kind::interface) return d.defined;
    if (!is_namespace(d)) return false;
    for (const auto& c : d.contents) {
        if (has_interfaces(*c)) return true;
    }
    return false;
}

void walk(const std::vector<std::unique_ptr<Declaration>>& declarations, RpcOutput& out) {
    for (const auto& d : declarations) {
        if (!has_interfaces(*d)) continue;
        if (d->kind == Declaration::Kind::interface) {
            emit_proxy(*d, out);
            emit_skeleton(*d, out);
            continue;
        }
        const Printer::Vars vars{{"name", cpp_identifier(d->name)}};
        for (Printer* p : {&out.header, &out.source}) {
            p->blank_line();
            p->print("namespace $name$ {\n\n", vars);
        }
        walk(d->contents, out);
        for (Printer* p : {&out.header, &out.source}) {
            p->blank_line();
            p->print("}  // namespace $name$\n", vars);
        }
    }
}

}  // namespace

std::pair<std::string, std::string> generate_rpc(const idl::Model& model, const std::string& stem) {
    bool any = false;
    for (const auto& d : model.declarations) any |= has_interfaces(*d);
    RpcOutput body;
    walk(model.declarations, body);

    const Printer::Vars banner = {{"banner", generated_banner(model.main_file)}};
    Printer header;
    header.print("$banner$", banner);
    header.print("// The client proxies and server skeletons of its interfaces (spec/cpp-mapping.md).\n");
    header.print("#pragma once\n\n");
    header.print("#include \"$stem$.hpp\"\n", {{"stem", stem}});
    for (const auto& f : model.included_files) {
        header.print("#include \"$name$.rpc.hpp\"\n", {{"name", std::filesystem::path(f).stem().string()}});
    }
    if (any) {
        header.print("\n#include <corbel/runtime/client.hpp>\n#include <corbel/runtime/servant.hpp>\n");
        header.print("\n#include <future>\n#include <memory>\n#include <string_view>\n");
        header.print("\n$text$", {{"text", body.header.text()}});
    }

    Printer source;
    source.print("$banner$", banner);
    source.print("#include \"$stem$.rpc.hpp\"\n", {{"stem", stem}});
    if (any) {
        source.print("\n#include <utility>\n");
        source.print("\n$text$", {{"text", body.source.text()}});
    }
    return {header.text(), source.text()};
}

}  // namespace corbel::idlc
