// Turns ANTLR's parse tree into corbel's own syntax tree, one function per grammar rule.
// Internal to the parse step: nothing outside parse.cpp includes it.
#pragma once

#include <corbel/idl/ast.hpp>
#include <corbel/idl/diagnostics.hpp>
#include <corbel/idl/preprocess.hpp>

#include "IdlParser.h"

#include <optional>

namespace corbel::idl {

std::optional<ast::Specification> build_ast(grammar::IdlParser::SpecificationContext* tree,
                                            const PreprocessedSource& source, DiagnosticSink& diagnostics);

}  // namespace corbel::idl
