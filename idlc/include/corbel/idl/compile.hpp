// The front end in one call: preprocess, parse, check. This is the entry point for everything
// that reads IDL in-process (corbel-idlc, the `corbel` tool, tests).
//
//   corbel::idl::Options options;
//   options.file = "person.idl";
//   auto result = corbel::idl::compile(options);
//   corbel::idl::print(std::cerr, result.diagnostics);
//   if (result.model) { ... walk result.model->declarations ... }
#pragma once

#include <corbel/idl/diagnostics.hpp>
#include <corbel/idl/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace corbel::idl {

struct Options {
    std::string file;
    std::vector<std::string> include_dirs;  // -I
    std::vector<std::string> defines;       // -D NAME or NAME=VALUE
    std::string cpp_program = "cpp";
};

struct Result {
    std::optional<Model> model;            // present exactly when there was no error
    std::vector<Diagnostic> diagnostics;   // errors, warnings and their notes, in order found

    bool ok() const noexcept { return model.has_value(); }
};

Result compile(const Options& options);

const char* version() noexcept;

}  // namespace corbel::idl
