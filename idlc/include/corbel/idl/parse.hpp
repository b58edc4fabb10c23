// Step 2: parse preprocessed IDL into the syntax tree (ast.hpp).
//
// Syntax errors are reported with their original file and line, as many as ANTLR's recovery
// finds; when there was any, no tree is returned (a half-built tree would only produce
// follow-on errors). Constructs corbel does not support are recognised by the grammar and
// reported here as "<construct> is not supported"; the tree keeps them as placeholders so that
// later uses of their names do not cascade into more errors. Input nested deeper than 256
// levels (brackets, template types, unary operators, or operators on one path of a constant
// expression) is reported instead of risking the stack; a constant expression refused so
// keeps its place as an Expr of kind `invalid`, with no value. This step does not resolve names,
// evaluate expressions or check any rule of the language beyond its syntax.
#pragma once

#include <corbel/idl/ast.hpp>
#include <corbel/idl/diagnostics.hpp>
#include <corbel/idl/preprocess.hpp>

#include <optional>

namespace corbel::idl {

std::optional<ast::Specification> parse(const PreprocessedSource& source, DiagnosticSink& diagnostics);

}  // namespace corbel::idl
