// interface -> <Name>Skeleton, the server's side: an abstract corbel::runtime::Servant with a
// pure virtual function per operation and attribute accessor, and a dispatch() that decodes
// the arguments, calls the implementation and encodes its results or declared exception.
// Base skeletons are virtual bases; each skeleton's dispatch() covers what it inherits, so a
// servant of a derived interface answers every operation a client of it may call.
#include "names.hpp"
#include "rpc.hpp"

namespace corbel::idlc {

using idl::Declaration;
using idl::Direction;

namespace {

constexpr const char* dispatch_parameters = "corbel::cdr::Reader& _arguments, corbel::cdr::Writer& _results";

std::string handler_name(const RemoteCall& call) { return "_dispatch_" + call.wire_name; }

std::string servant_parameters(const RemoteCall& call) {
    std::string text;
    for (const auto& p : call.parameters) {
        if (!text.empty()) text += ", ";
        text += p.direction == Direction::in ? in_parameter_type(*p.type) : rpc_type(*p.type) + "&";
        text += " " + cpp_identifier(p.name);
    }
    return text;
}

void emit_handler_body(const RemoteCall& call, Printer& s);

void emit_handler(const std::string& skeleton, const RemoteCall& call, Printer& s) {
    s.blank_line();
    const bool writes_results = call.result != nullptr || call.has_outputs() || !call.raises.empty();
    s.print(wrapped_signature("corbel::runtime::DispatchStatus " + skeleton + "::" + handler_name(call),
                              writes_results ? dispatch_parameters
                                             : "corbel::cdr::Reader& _arguments, [[maybe_unused]] corbel::cdr::Writer& _results",
                              " {\n", 0));
    emit_handler_body(call, s);
    s.print("}\n");
}

void emit_handler_body(const RemoteCall& call, Printer& s) {
    Printer::Indent in(s);
    std::string arguments;
    for (const auto& p : call.parameters) {
        const std::string name = cpp_identifier(p.name);
        arguments += (arguments.empty() ? "" : ", ") + name;
        s.print("$type$ $name${};\n", {{"type", rpc_type(*p.type)}, {"name", name}});
        if (p.direction != Direction::out) s.print("corbel::cdr::decode(_arguments, $name$);\n", {{"name", name}});
    }
    s.print("_arguments.expect_end();\n");
    const std::string invocation = call.function + "(" + arguments + ");\n";
    if (call.raises.empty()) {
        s.print((call.result ? "const " + rpc_type(*call.result) + " _result = " : std::string()) + invocation);
    } else {
        if (call.result) s.print("$type$ _result{};\n", {{"type", rpc_type(*call.result)}});
        s.print("try {\n");
        s.print((call.result ? "    _result = " : "    ") + invocation);
        for (const Declaration* e : call.raises) {
            s.print("} catch (const $type$& _raised) {\n", {{"type", cpp_qualified_name(*e)}});
            s.print("    return corbel::runtime::write_user_exception(_results, _raised);\n");
        }
        s.print("}\n");
    }
    if (call.result) s.print("corbel::cdr::encode(_results, _result);\n");
    for (const auto& p : call.parameters) {
        if (p.direction == Direction::in) continue;
        s.print("corbel::cdr::encode(_results, $name$);\n", {{"name", cpp_identifier(p.name)}});
    }
    if (call.oneway) s.print("return corbel::runtime::DispatchStatus::ok;  // oneway: the runtime sends no reply\n");
    else s.print("return corbel::runtime::DispatchStatus::ok;\n");
}

}  // namespace

void emit_skeleton(const Declaration& interface, RpcOutput& out) {
    Printer& h = out.header;
    const std::string name = cpp_identifier(interface.name) + "Skeleton";
    const auto calls = all_remote_calls(interface);

    h.blank_line();
    h.print("// $id$: the server's side. Derive from it, implement every pure virtual function and\n"
            "// register an instance with corbel::runtime::Server::add. A declared user exception thrown\n"
            "// by an implementation reaches the client; anything else becomes an internal_error reply.\n",
            {{"id", interface.repository_id}});
    std::string base_list = "public virtual corbel::runtime::Servant";
    for (const Declaration* b : interface.bases) base_list += ",\n        public virtual " + skeleton_name(*b);
    h.print("class $name$ : $bases$ {\n", {{"name", name}, {"bases", base_list}});
    h.print("public:\n");
    {
        Printer::Indent in(h);
        for (const auto& call : calls) {
            if (call.interface != &interface) continue;
            h.print("// $idl$\n", {{"idl", call.idl_text}});
            h.print(wrapped_signature("virtual " + result_type(call) + " " + call.function, servant_parameters(call),
                                      " = 0;\n", 4));
        }
        h.blank_line();
        h.print("const char* repository_id() const noexcept override;\n");
        h.print("corbel::runtime::DispatchStatus dispatch(corbel::MethodId method, corbel::cdr::Reader& arguments,\n"
                "                                         corbel::cdr::Writer& results,\n"
                "                                         const corbel::runtime::CallContext& context) override;\n");
    }
    bool has_own = false;
    for (const auto& call : calls) has_own |= call.interface == &interface;
    if (has_own) {
        h.print("\nprotected:\n");
        Printer::Indent in(h);
        h.print("// One per operation and accessor, for the dispatch() of this and derived skeletons.\n");
        for (const auto& call : calls) {
            if (call.interface != &interface) continue;
            h.print(wrapped_signature("corbel::runtime::DispatchStatus " + handler_name(call), dispatch_parameters,
                                      ";\n", 4));
        }
    }
    h.print("};\n");

    Printer& s = out.source;
    s.blank_line();
    s.print("const char* $name$::repository_id() const noexcept { return $id$; }\n\n",
            {{"name", name}, {"id", cpp_string_literal(interface.repository_id)}});
    s.print("corbel::runtime::DispatchStatus $name$::dispatch(\n"
            "        corbel::MethodId method, corbel::cdr::Reader& arguments, corbel::cdr::Writer& results,\n"
            "        [[maybe_unused]] const corbel::runtime::CallContext& context) {\n",
            {{"name", name}});
    {
        Printer::Indent in(s);
        if (calls.empty()) {
            s.print("static_cast<void>(arguments);\n");
            s.print("static_cast<void>(results);\n");
        }
        s.print("switch (method) {\n");
        for (const auto& call : calls) {
            const std::string owner = call.interface == &interface ? "" : skeleton_name(*call.interface) + "::";
            const std::string label = "case corbel::method_id(\"" + call.wire_name + "\"):";
            const std::string action = "return " + owner + handler_name(call) + "(arguments, results);";
            if (8 + label.size() + 1 + action.size() <= 110) {
                s.print("    $label$ $action$\n", {{"label", label}, {"action", action}});
            } else {
                s.print("    $label$\n        $action$\n", {{"label", label}, {"action", action}});
            }
        }
        s.print("    default: return corbel::runtime::DispatchStatus::unknown_operation;\n");
        s.print("}\n");
    }
    s.print("}\n");
    for (const auto& call : calls) {
        if (call.interface == &interface) emit_handler(name, call, s);
    }
}

}  // namespace corbel::idlc
