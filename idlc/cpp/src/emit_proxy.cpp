// interface -> <Name>Proxy, the client's side: a class over corbel::runtime::ObjectProxy with a
// blocking and an asynchronous member function per operation and attribute accessor. Base
// interfaces are virtual bases, so an operation inherited twice (a diamond) exists once.
#include "names.hpp"
#include "rpc.hpp"

namespace corbel::idlc {

using idl::Declaration;
using idl::Direction;

namespace {

// The per-call options parameter: `options` in the header, for the reader, unless an IDL
// parameter has that name; the definitions prefix every name of their own with '_', which no
// IDL identifier can start with.
std::string options_parameter(const RemoteCall& call, bool in_header) {
    bool taken = false;
    for (const auto& p : call.parameters) taken |= cpp_identifier(p.name) == "options";
    const std::string name = in_header && !taken ? "options" : "_options";
    return "const corbel::runtime::CallOptions& " + name + (in_header ? " = {}" : "");
}

// The blocking signature's parameters: in by value or const reference, out and inout by
// reference, then the per-call options.
std::string blocking_parameters(const RemoteCall& call, bool in_header) {
    std::string text;
    for (const auto& p : call.parameters) {
        const std::string type = p.direction == Direction::in ? in_parameter_type(*p.type) : rpc_type(*p.type) + "&";
        text += type + " " + cpp_identifier(p.name) + ", ";
    }
    return text + options_parameter(call, in_header);
}

// The asynchronous signature's parameters: the values of in and inout parameters.
std::string async_parameters(const RemoteCall& call, bool in_header) {
    std::string text;
    for (const auto& p : call.parameters) {
        if (p.direction == Direction::out) continue;
        text += in_parameter_type(*p.type) + " " + cpp_identifier(p.name) + ", ";
    }
    return text + options_parameter(call, in_header);
}

std::string decoder_name(const Declaration& interface, const RemoteCall& call) {
    return "decode_" + cpp_identifier(interface.name) + "_" + call.wire_name;
}

void emit_results_struct(const RemoteCall& call, Printer& h) {
    h.blank_line();
    h.print("// What $function$_async yields: the result, then the out and inout parameters.\n",
            {{"function", call.function}});
    h.print("struct $name$ {\n", {{"name", call.results_struct()}});
    {
        Printer::Indent in(h);
        if (call.result) h.print("$type$ _return{};\n", {{"type", rpc_type(*call.result)}});
        for (const auto& p : call.parameters) {
            if (p.direction == Direction::in) continue;
            h.print("$type$ $name${};\n", {{"type", rpc_type(*p.type)}, {"name", cpp_identifier(p.name)}});
        }
    }
    h.print("};\n");
}

void emit_declarations(const RemoteCall& call, Printer& h) {
    const Printer::Vars vars{{"idl", call.idl_text},
                             {"result", result_type(call)},
                             {"async_result", async_result_type(call, "")},
                             {"function", call.function},
                             {"parameters", blocking_parameters(call, true)},
                             {"async_parameters", async_parameters(call, true)}};
    h.blank_line();
    h.print("// $idl$\n", vars);
    if (call.oneway) h.print("// Sent once with protocol R: returns as soon as the request is sent.\n");
    h.print(wrapped_signature(vars.at("result") + " " + call.function, vars.at("parameters"), " const;\n", 4));
    h.print(wrapped_signature("std::future<" + vars.at("async_result") + "> " + call.function + "_async",
                              vars.at("async_parameters"), " const;\n", 4));
}

// The reply decoder both forms share: the result (and outputs), or the declared exception.
void emit_decoder(const Declaration& interface, const RemoteCall& call, Printer& s) {
    const std::string results = call.has_outputs() ? proxy_name(interface) + "::" + call.results_struct() : "";
    const std::string type = call.has_outputs() ? results : result_type(call);
    std::string declared;
    for (const Declaration* e : call.raises) declared += (declared.empty() ? "" : ", ") + cpp_qualified_name(*e);
    const Printer::Vars vars{{"type", type}, {"name", decoder_name(interface, call)}, {"declared", declared}};
    s.blank_line();
    s.print("// $wire$'s reply: its results, or the user exception it declares.\n", {{"wire", call.wire_name}});
    const bool fits = type.size() + vars.at("name").size() + 43 <= 110;
    s.print(fits ? "$type$ $name$(const corbel::runtime::Reply& reply) {\n"
                 : "$type$\n$name$(const corbel::runtime::Reply& reply) {\n",
            vars);
    {
        Printer::Indent in(s);
        s.print("if (reply.status == corbel::runtime::ReplyStatus::user_exception) {\n");
        s.print("    corbel::runtime::throw_user_exception<$declared$>(reply);\n", vars);
        s.print("}\n");
        s.print("corbel::cdr::Reader reader = reply.reader();\n");
        if (call.has_outputs()) {
            s.print("$type$ results;\n", vars);
            if (call.result) s.print("corbel::cdr::decode(reader, results._return);\n");
            for (const auto& p : call.parameters) {
                if (p.direction == Direction::in) continue;
                s.print("corbel::cdr::decode(reader, results.$name$);\n", {{"name", cpp_identifier(p.name)}});
            }
            s.print("reader.expect_end();\n");
            s.print("return results;\n");
        } else if (call.result) {
            s.print("$type$ result{};\n", vars);
            s.print("corbel::cdr::decode(reader, result);\n");
            s.print("reader.expect_end();\n");
            s.print("return result;\n");
        } else {
            s.print("reader.expect_end();\n");
        }
    }
    s.print("}\n");
}

// The arguments and the options of one call, as both forms begin.
void emit_call_setup(const RemoteCall& call, Printer& s) {
    s.print("corbel::cdr::Writer _arguments;\n");
    for (const auto& p : call.parameters) {
        if (p.direction == Direction::out) continue;
        s.print("corbel::cdr::encode(_arguments, $name$);\n", {{"name", cpp_identifier(p.name)}});
    }
    if (!call.oneway && !call.idempotent && call.protocol.empty()) return;
    s.print("corbel::runtime::CallOptions _call = _options;\n");
    if (call.oneway) {
        s.print("_call.protocol = corbel::runtime::Protocol::r;  // oneway: no reply\n");
        return;
    }
    if (call.idempotent) s.print("if (!_call.idempotent) _call.idempotent = true;  // no reply history needed\n");
    if (!call.protocol.empty()) {
        s.print("if (!_call.protocol) _call.protocol = corbel::runtime::Protocol::$protocol$;  // @protocol\n",
                {{"protocol", call.protocol}});
    }
}

void emit_definitions(const Declaration& interface, const RemoteCall& call, Printer& s) {
    const bool adjusted = call.oneway || call.idempotent || !call.protocol.empty();
    const Printer::Vars vars{{"class", cpp_identifier(interface.name) + "Proxy"},
                             {"result", result_type(call)},
                             {"async_result", async_result_type(call, proxy_name(interface) + "::")},
                             {"function", call.function},
                             {"parameters", blocking_parameters(call, false)},
                             {"async_parameters", async_parameters(call, false)},
                             {"wire", call.wire_name},
                             {"decoder", decoder_name(interface, call)},
                             {"options", adjusted ? "_call" : "_options"}};
    s.blank_line();
    s.print(wrapped_signature(vars.at("result") + " " + vars.at("class") + "::" + call.function, vars.at("parameters"),
                              " const {\n", 0));
    {
        Printer::Indent in(s);
        emit_call_setup(call, s);
        const std::string invoke = "invoke(corbel::method_id(\"" + call.wire_name + "\"), _arguments, " +
                                   vars.at("options") + ")";
        if (call.oneway) {
            s.print("$invoke$;\n", {{"invoke", invoke}});
        } else if (call.has_outputs()) {
            s.print("const corbel::runtime::Reply _reply = $invoke$;\n", {{"invoke", invoke}});
            s.print("$type$ _results = $decoder$(_reply);\n",
                    {{"type", call.results_struct()}, {"decoder", vars.at("decoder")}});
            for (const auto& p : call.parameters) {
                if (p.direction == Direction::in) continue;
                s.print("$name$ = std::move(_results.$name$);\n", {{"name", cpp_identifier(p.name)}});
            }
            if (call.result) s.print("return std::move(_results._return);\n");
        } else if (11 + vars.at("decoder").size() + invoke.size() <= 106) {
            s.print("$return$$decoder$($invoke$);\n", {{"return", call.result ? "return " : ""},
                                                       {"decoder", vars.at("decoder")},
                                                       {"invoke", invoke}});
        } else {
            s.print("const corbel::runtime::Reply _reply = $invoke$;\n", {{"invoke", invoke}});
            s.print("$return$$decoder$(_reply);\n", {{"return", call.result ? "return " : ""},
                                                     {"decoder", vars.at("decoder")}});
        }
    }
    s.print("}\n\n");
    s.print(wrapped_signature("std::future<" + vars.at("async_result") + "> " + vars.at("class") + "::" + call.function +
                                  "_async",
                              vars.at("async_parameters"), " const {\n", 0));
    {
        Printer::Indent in(s);
        emit_call_setup(call, s);
        const std::string line = "return invoke_async(corbel::method_id(\"" + call.wire_name + "\"), _arguments, " +
                                 vars.at("options") + ", &" + vars.at("decoder") + ");";
        if (4 + line.size() <= 110) {
            s.print("$line$\n", {{"line", line}});
        } else {
            s.print("return invoke_async(corbel::method_id(\"$wire$\"), _arguments, $options$,\n"
                    "                    &$decoder$);\n",
                    vars);
        }
    }
    s.print("}\n");
}

}  // namespace

void emit_proxy(const Declaration& interface, RpcOutput& out) {
    Printer& h = out.header;
    const std::string name = cpp_identifier(interface.name) + "Proxy";
    const auto bases = all_bases(interface);
    const auto calls = all_remote_calls(interface);
    std::vector<RemoteCall> own;
    for (const auto& c : calls) {
        if (c.interface == &interface) own.push_back(c);
    }

    h.blank_line();
    h.print("// $id$: the client's side. Calls go to the object `reference()` names, through the\n"
            "// Client given at construction, under `policy()`; each call's CallOptions override it.\n"
            "// Failures throw corbel::SystemException types (corbel/runtime/exceptions.hpp).\n",
            {{"id", interface.repository_id}});
    std::string base_list = "public virtual corbel::runtime::ObjectProxy";
    for (const Declaration* b : interface.bases) base_list += ",\n        public virtual " + proxy_name(*b);
    h.print("class $name$ : $bases$ {\n", {{"name", name}, {"bases", base_list}});
    h.print("public:\n");
    {
        Printer::Indent in(h);
        h.print("static constexpr const char* interface_id = $id$;\n\n",
                {{"id", cpp_string_literal(interface.repository_id)}});
        h.print(wrapped_signature(name, "std::shared_ptr<corbel::runtime::Client> client, corbel::runtime::RemoteObjectRef reference",
                                  ";\n", 4));
        h.print("// `reference` in its stringified form; throws corbel::runtime::BadReference.\n");
        h.print(wrapped_signature(name, "std::shared_ptr<corbel::runtime::Client> client, std::string_view reference",
                                  ";\n", 4));
        for (const auto& call : own) {
            if (call.has_outputs()) emit_results_struct(call, h);
        }
        for (const auto& call : own) emit_declarations(call, h);
    }
    h.print("};\n");

    Printer& s = out.source;
    if (!own.empty()) {
        s.blank_line();
        s.print("namespace {\n\n");
        for (const auto& call : own) emit_decoder(interface, call, s);
        s.blank_line();
        s.print("}  // namespace\n");
    }
    s.blank_line();
    std::string initialisers = "corbel::runtime::ObjectProxy(client, reference)";
    for (const Declaration* b : bases) initialisers += ",\n      " + proxy_name(*b) + "(client, reference)";
    s.print("$name$::$name$(std::shared_ptr<corbel::runtime::Client> client,\n"
            "        corbel::runtime::RemoteObjectRef reference)\n"
            "    : $initialisers$ {}\n\n",
            {{"name", name}, {"initialisers", initialisers}});
    s.print("$name$::$name$(std::shared_ptr<corbel::runtime::Client> client, std::string_view reference)\n"
            "    : $name$(std::move(client), corbel::runtime::RemoteObjectRef::parse(reference)) {}\n",
            {{"name", name}});
    for (const auto& call : own) emit_definitions(interface, call, s);
}

}  // namespace corbel::idlc
