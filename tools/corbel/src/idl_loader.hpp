// Reads an IDL file with the compiler front end, in-process, and finds things in its model.
#pragma once

#include <corbel/idl/model.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace corbel::cli {

// A checked model plus the types the tool makes up itself (for `--type long`).
class LoadedIdl {
public:
    explicit LoadedIdl(idl::Model model) : model_(std::move(model)) {}

    const idl::Model& model() const noexcept { return model_; }

    // A declared type by scoped name (struct, union, enum, typedef, exception), or one of the
    // IDL's own: a primitive ("unsigned long") or "string". Throws Failure naming what is
    // wrong, and listing what would have been accepted.
    const idl::Type& find_type(const std::string& name);

    // The interface whose repository id is `repository_id`. Throws Failure.
    const idl::Declaration& find_interface_by_id(const std::string& repository_id) const;

    // Every declaration of the model, depth first, in source order.
    std::vector<const idl::Declaration*> all_declarations() const;

private:
    idl::Model model_;
    std::vector<std::unique_ptr<idl::Type>> own_types_;
};

// Compiles `file`; warnings go to `diagnostics_out`. Throws Failure carrying the compiler's
// diagnostics when the IDL has errors.
LoadedIdl load_idl(const std::string& file, const std::vector<std::string>& include_dirs,
                   std::ostream& diagnostics_out);

}  // namespace corbel::cli
