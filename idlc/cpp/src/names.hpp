// How IDL names, types and values are spelled in C++ (spec/cpp-mapping.md).
#pragma once

#include <corbel/idl/model.hpp>

#include <cstdint>
#include <string>

namespace corbel::idlc {

// An IDL identifier as a C++ identifier: C++ keywords (and `std`, `corbel`) get a trailing '_'.
std::string cpp_identifier(const std::string& idl_name);

// The fully qualified C++ name of a declaration, e.g. "::Bank::Account::Balance".
std::string cpp_qualified_name(const idl::Declaration& declaration);

// The C++ type of an IDL type use.
std::string cpp_type(const idl::Type& type);

// The C++ type of an IDL sequence of `element` (already spelled in C++); bound 0 is unbounded.
std::string sequence_type(const std::string& element, std::uint32_t bound);

// The C++ expression for a constant value of the given (typedef-resolved) type.
std::string cpp_value(const idl::ConstValue& value, const idl::Type& resolved_type);

// A C++ string literal with the given contents.
std::string cpp_string_literal(const std::string& text);

// The first line of every generated file: the compiler's version, the IDL file's name (without
// its folder; control characters become '?') and a warning not to edit. A file name may hold
// '$', so the banner goes to Printer::print as a variable's value, never as the template.
std::string generated_banner(const std::string& idl_file);

// The names of a declaration's class, from the innermost enclosing module down:
// "Outer::Inner" for a struct Inner declared in struct Outer.
std::string cpp_class_path(const idl::Declaration& declaration);

// True when the declaration is a module, i.e. becomes a C++ namespace.
bool is_namespace(const idl::Declaration& declaration);

}  // namespace corbel::idlc
