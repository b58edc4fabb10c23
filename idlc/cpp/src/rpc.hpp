// What the proxy and skeleton emitters share: each operation and attribute accessor of an
// interface seen as one remote call (its wire name, parameters, result, exceptions and
// invocation semantics), and how its parts are spelled in C++ (spec/cpp-mapping.md,
// "Interfaces").
#pragma once

#include <corbel/idl/model.hpp>
#include <corbel/idlc/printer.hpp>

#include <string>
#include <utility>
#include <vector>

namespace corbel::idlc {

// One remote call: an operation, an attribute getter or an attribute setter.
struct RemoteCall {
    std::string function;   // the C++ member function: the operation or attribute name
    std::string wire_name;  // what corbel::method_id hashes: "deposit", "_get_balance", ...
    const idl::Type* result = nullptr;  // null: void
    std::vector<idl::Parameter> parameters;
    std::vector<const idl::Declaration*> raises;
    bool oneway = false;
    bool idempotent = false;      // @idempotent, or an attribute getter
    std::string protocol;         // "rra" for @protocol(RRA), "rr" for @protocol(RR), else ""
    std::string idl_text;         // the IDL it comes from, for the comment above it
    const idl::Declaration* interface = nullptr;  // where it is declared

    bool has_outputs() const;     // out or inout parameters
    // The name of the struct an asynchronous call with outputs yields, e.g. "divide_results".
    std::string results_struct() const { return function + "_results"; }
};

// The calls of one operation or attribute (an attribute that is not readonly gives two).
std::vector<RemoteCall> remote_calls(const idl::Declaration& operation_or_attribute);
// The calls of the interface itself, then those it inherits, each once.
std::vector<RemoteCall> all_remote_calls(const idl::Declaration& interface);

// The C++ type of a parameter or result: cpp_type, except that object references (interface
// types and Object) are corbel::runtime::RemoteObjectRef, also as elements of (nested) sequences.
std::string rpc_type(const idl::Type& type);
// How an `in` value is passed: by value for primitives and enums, by const reference otherwise.
std::string in_parameter_type(const idl::Type& type);
// The C++ result type of a blocking call ("void" when there is none).
std::string result_type(const RemoteCall& call);
// What an asynchronous call's future holds: the result, or the results struct with outputs.
std::string async_result_type(const RemoteCall& call, const std::string& scope);

// Every base of the interface, direct or not, each once, bases before their derived.
std::vector<const idl::Declaration*> all_bases(const idl::Declaration& interface);

// "::Bank::AccountProxy", "::Bank::AccountSkeleton"
std::string proxy_name(const idl::Declaration& interface);
std::string skeleton_name(const idl::Declaration& interface);

// `head(parameters)tail` on one line when it fits in 110 columns at `indent`, otherwise with
// the parameters on a continuation line indented 8 more.
std::string wrapped_signature(const std::string& head, const std::string& parameters, const std::string& tail,
                              std::size_t indent);

struct RpcOutput {
    Printer header;
    Printer source;
};

// Each writes one interface's class into the current namespace of both printers.
void emit_proxy(const idl::Declaration& interface, RpcOutput& out);
void emit_skeleton(const idl::Declaration& interface, RpcOutput& out);

// <stem>.rpc.hpp and <stem>.rpc.cpp: the proxy and skeleton of every interface defined in the
// model's main file (files without interfaces give a header that only includes <stem>.hpp).
std::pair<std::string, std::string> generate_rpc(const idl::Model& model, const std::string& stem);

}  // namespace corbel::idlc
