// Step 3: resolve names and check the rules of IDL, producing the checked model.
//
// Declarations are handled in source order, as IDL requires a name to be declared before it
// is used. Each problem is reported where it was written and checking goes on with the next
// declaration, so one run reports as many errors as it can; a declaration with an error is
// left out of the model, and the model is returned only when there was no error at all.
#pragma once

#include <corbel/idl/ast.hpp>
#include <corbel/idl/diagnostics.hpp>
#include <corbel/idl/model.hpp>

#include <optional>

namespace corbel::idl {

std::optional<Model> check(const ast::Specification& specification, DiagnosticSink& diagnostics);

}  // namespace corbel::idl
