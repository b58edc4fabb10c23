#include "idl_loader.hpp"

#include "errors.hpp"
#include "type_names.hpp"

#include <corbel/idl/compile.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace corbel::cli {

namespace {

using idl::Declaration;

bool is_type_declaration(const Declaration& declaration) {
    switch (declaration.kind) {
        case Declaration::Kind::struct_:
        case Declaration::Kind::union_:
        case Declaration::Kind::enum_:
        case Declaration::Kind::typedef_:
        case Declaration::Kind::exception: return true;
        default: return false;
    }
}

void collect(const std::vector<std::unique_ptr<Declaration>>& declarations, std::vector<const Declaration*>& out) {
    for (const auto& declaration : declarations) {
        out.push_back(declaration.get());
        collect(declaration->contents, out);
    }
}

std::optional<idl::PrimitiveKind> primitive_named(const std::string& name) {
    using idl::PrimitiveKind;
    for (const auto kind :
         {PrimitiveKind::boolean, PrimitiveKind::char_, PrimitiveKind::octet, PrimitiveKind::short_,
          PrimitiveKind::unsigned_short, PrimitiveKind::long_, PrimitiveKind::unsigned_long, PrimitiveKind::long_long,
          PrimitiveKind::unsigned_long_long, PrimitiveKind::float_, PrimitiveKind::double_}) {
        if (name == idl::idl_name(kind)) return kind;
    }
    return std::nullopt;
}

}  // namespace

std::vector<const Declaration*> LoadedIdl::all_declarations() const {
    std::vector<const Declaration*> out;
    collect(model_.declarations, out);
    return out;
}

const idl::Type& LoadedIdl::find_type(const std::string& name) {
    if (const auto primitive = primitive_named(name); primitive || name == "string") {
        auto type = std::make_unique<idl::Type>();
        if (primitive) {
            type->primitive = *primitive;
        } else {
            type->kind = idl::Type::Kind::string;
        }
        own_types_.push_back(std::move(type));
        return *own_types_.back();
    }
    const Declaration* declaration = model_.find(name);
    if (declaration == nullptr || !is_type_declaration(*declaration)) {
        std::string known;
        for (const Declaration* d : all_declarations()) {
            if (is_type_declaration(*d)) known += (known.empty() ? "" : ", ") + display_name(*d);
        }
        const std::string problem = declaration == nullptr
                                        ? "unknown type '" + name + "'"
                                        : "'" + name + "' is " + with_article(idl::to_string(declaration->kind)) +
                                              ", not a data type";
        throw Failure(problem + " (types in " + model_.main_file + ": " + (known.empty() ? "none" : known) +
                      "; or a primitive such as long, or string)");
    }
    auto type = std::make_unique<idl::Type>();
    type->kind = idl::Type::Kind::named;
    type->declaration = declaration;
    own_types_.push_back(std::move(type));
    return *own_types_.back();
}

const Declaration& LoadedIdl::find_interface_by_id(const std::string& repository_id) const {
    std::string known;
    for (const Declaration* d : all_declarations()) {
        if (d->kind != Declaration::Kind::interface) continue;
        if (d->repository_id == repository_id) return *d;
        known += (known.empty() ? "" : ", ") + d->repository_id;
    }
    throw Failure("the reference names interface " + repository_id + ", which " + model_.main_file +
                  " does not declare (it declares: " + (known.empty() ? "no interfaces" : known) + ")");
}

LoadedIdl load_idl(const std::string& file, const std::vector<std::string>& include_dirs,
                   std::ostream& diagnostics_out) {
    // cpp would report a missing file in its own words; this says it plainly.
    std::error_code error;
    if (std::filesystem::is_directory(file, error)) throw Failure("'" + file + "' is a directory, not an IDL file");
    if (!std::ifstream(file)) throw Failure("cannot read IDL file '" + file + "'");
    idl::Options options;
    options.file = file;
    options.include_dirs = include_dirs;
    idl::Result result = idl::compile(options);
    if (!result.model) {
        std::ostringstream text;
        idl::print(text, result.diagnostics);
        std::string message = text.str();
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw Failure("errors in IDL file '" + file + "':\n" + message);
    }
    idl::print(diagnostics_out, result.diagnostics);  // warnings only
    return LoadedIdl(std::move(*result.model));
}

}  // namespace corbel::cli
