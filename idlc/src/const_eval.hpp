// Evaluation of IDL constant expressions, internal to sema.
//
// Integers are computed exactly (in 128 bits) and every intermediate result must fit in
// long long or unsigned long long; the result must then fit the target type. Operands of one
// operator must be of the same kind (integer with integer, floating with floating), as IDL
// requires; strings, characters, booleans and enumerators admit no operator at all.
#pragma once

#include <corbel/idl/ast.hpp>
#include <corbel/idl/diagnostics.hpp>
#include <corbel/idl/model.hpp>

#include <functional>
#include <optional>

namespace corbel::idl {

// Gives the value a scoped name stands for (a constant or an enumerator), reporting itself
// when the name is undeclared or names something else.
using ConstantLookup = std::function<std::optional<ConstValue>(const ast::ScopedName&)>;

// `target` must be a resolved type (no typedef): a primitive, a string or an enum.
std::optional<ConstValue> evaluate(const ast::Expr& expr, const Type& target, const ConstantLookup& lookup,
                                   DiagnosticSink& diagnostics);

// For annotation parameters, which have no declared type: integers become long long (or
// unsigned long long when too large), floats double.
std::optional<ConstValue> evaluate_untyped(const ast::Expr& expr, const ConstantLookup& lookup,
                                           DiagnosticSink& diagnostics);

std::string describe(const Type& type);  // "unsigned long", "string<8>", "enum ::M::Color", ...

}  // namespace corbel::idl
