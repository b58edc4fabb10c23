// What the per-construct emitters share: the two printers, and the text that must wait until
// the generator is back at namespace scope (free functions of nested types) or at global scope
// (specialisations of corbel::cdr traits).
#pragma once

#include <corbel/idl/model.hpp>
#include <corbel/idlc/printer.hpp>

#include <string>
#include <vector>

namespace corbel::idlc {

struct EmitContext {
    Printer header;
    Printer source;
    // Declarations for the header, printed once the outermost enclosing class is closed.
    std::vector<std::string> namespace_scope_declarations;
    // Specialisations for the header, printed outside every namespace.
    std::vector<std::string> global_scope_declarations;
    bool uses_exceptions = false;
    bool uses_unions = false;
};

// Each writes the declaration's header part (into the current scope) and its source part.
void emit_struct(const idl::Declaration& d, EmitContext& out);
void emit_exception(const idl::Declaration& d, EmitContext& out);
void emit_union(const idl::Declaration& d, EmitContext& out);
void emit_enum(const idl::Declaration& d, EmitContext& out);
void emit_typedef(const idl::Declaration& d, EmitContext& out);
void emit_const(const idl::Declaration& d, EmitContext& out);
void emit_interface(const idl::Declaration& d, EmitContext& out);

// The nested declarations of a struct, union, exception or interface, inside its class.
void emit_nested(const idl::Declaration& d, EmitContext& out);

// Shared by struct and exception: member fields, ==, and the CDR functions.
void emit_member_fields(const std::vector<idl::Member>& members, Printer& header);
void emit_member_codec(const idl::Declaration& d, EmitContext& out);
void emit_codec_declarations(const idl::Declaration& d, EmitContext& out);
void emit_min_wire_size(const idl::Declaration& d, const std::vector<const idl::Type*>& members, EmitContext& out);

// "// IDL:Bank/Account:1.0" and a blank line before it.
void emit_type_comment(const idl::Declaration& d, Printer& header);

}  // namespace corbel::idlc
