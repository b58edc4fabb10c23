// `corbel call`: an operation of any interface, with arguments from JSON and the reply as JSON.
#include "arguments.hpp"
#include "commands.hpp"
#include "errors.hpp"
#include "idl_loader.hpp"
#include "json_codec.hpp"
#include "json_input.hpp"
#include "remote.hpp"
#include "type_names.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ostream>

namespace corbel::cli {

namespace {

using idl::Declaration;
using idl::Direction;

// An operation, or one accessor of an attribute, seen as an operation: a result type, named
// parameters and the exceptions it may raise.
struct Callable {
    std::string name;
    MethodId method = 0;
    bool oneway = false;
    const idl::Type* result = nullptr;  // null: void
    struct Parameter {
        std::string name;
        Direction direction;
        const idl::Type* type;
    };
    std::vector<Parameter> parameters;
    std::vector<const Declaration*> raises;
};

Callable find_callable(const Declaration& interface, const std::string& name) {
    std::string known;
    for (const Declaration* member : idl::all_operations_and_attributes(interface)) {
        if (member->kind == Declaration::Kind::operation) {
            if (member->name == name) {
                Callable callable{name, member->method_id, member->oneway, member->type, {}, member->raises};
                for (const auto& parameter : member->parameters) {
                    callable.parameters.push_back({parameter.name, parameter.direction, parameter.type});
                }
                return callable;
            }
            known += (known.empty() ? "" : ", ") + member->name;
            continue;
        }
        if (name == "_get_" + member->name) return {name, member->method_id, false, member->type, {}, member->raises};
        if (!member->readonly && name == "_set_" + member->name) {
            return {name, member->set_method_id, false, nullptr, {{"value", Direction::in, member->type}},
                    member->set_raises};
        }
        known += (known.empty() ? "" : ", ") + std::string("_get_") + member->name;
        if (!member->readonly) known += ", _set_" + member->name;
    }
    throw Failure("interface " + display_name(interface) + " has no operation '" + name + "' (it has: " +
                  (known.empty() ? "none" : known) + ")");
}

cdr::ByteBuffer encode_arguments(const Callable& callable, const Json& arguments) {
    if (!arguments.is_object()) throw Failure("the arguments must be a JSON object keyed by parameter name");
    std::string accepted;
    for (const auto& parameter : callable.parameters) {
        if (parameter.direction != Direction::out) accepted += (accepted.empty() ? "" : ", ") + parameter.name;
    }
    for (const auto& item : arguments.items()) {
        const auto parameter = std::find_if(callable.parameters.begin(), callable.parameters.end(),
                                            [&](const Callable::Parameter& p) { return p.name == item.key(); });
        if (parameter == callable.parameters.end()) {
            throw Failure(callable.name + " has no parameter '" + item.key() + "' (in and inout parameters: " +
                          (accepted.empty() ? "none" : accepted) + ")");
        }
        if (parameter->direction == Direction::out) {
            throw Failure("'" + item.key() + "' is an out parameter of " + callable.name + "; do not give it");
        }
    }
    cdr::Writer writer;
    for (const auto& parameter : callable.parameters) {
        if (parameter.direction == Direction::out) continue;
        const auto value = arguments.find(parameter.name);
        if (value == arguments.end()) throw Failure("missing parameter '" + parameter.name + "' of " + callable.name);
        encode_json(writer, *parameter.type, *value, parameter.name);
    }
    return writer.take();
}

Json decode_results(const Callable& callable, cdr::Reader& reader) {
    Json results = Json::object();
    if (callable.result != nullptr) results["_return"] = decode_json(reader, *callable.result, "_return");
    for (const auto& parameter : callable.parameters) {
        if (parameter.direction == Direction::in) continue;
        results[parameter.name] = decode_json(reader, *parameter.type, parameter.name);
    }
    return results;
}

void expect_consumed(const cdr::Reader& reader, const std::string& what) {
    if (!reader.at_end()) {
        throw Failure(what + " has " + std::to_string(reader.remaining()) +
                      " bytes more than the IDL describes (does the server use the same IDL?)");
    }
}

runtime::CallOptions call_options(const Arguments& arguments) {
    runtime::CallOptions options;
    options.deadline = duration_option(arguments, "--deadline");
    options.initial_timeout = duration_option(arguments, "--initial-timeout");
    options.min_timeout = duration_option(arguments, "--min-timeout");
    options.max_timeout = duration_option(arguments, "--max-timeout");
    if (options.min_timeout && options.max_timeout && *options.min_timeout > *options.max_timeout) {
        throw UsageError("--min-timeout is longer than --max-timeout");
    }
    if (const auto backoff = arguments.value("--backoff")) {
        char* end = nullptr;
        const double value = std::strtod(backoff->c_str(), &end);
        if (backoff->empty() || *end != '\0' || !(value >= 1.0 && value <= 100.0)) {
            throw UsageError("--backoff expects a factor from 1 to 100, got '" + *backoff + "'");
        }
        options.backoff = value;
    }
    if (const auto protocol = arguments.value("--protocol")) {
        if (*protocol == "r") {
            options.protocol = runtime::Protocol::r;
        } else if (*protocol == "rr") {
            options.protocol = runtime::Protocol::rr;
        } else if (*protocol == "rra") {
            options.protocol = runtime::Protocol::rra;
        } else {
            throw UsageError("--protocol expects r, rr or rra, got '" + *protocol + "'");
        }
    }
    if (arguments.flag("--idempotent")) options.idempotent = true;
    return options;
}

}  // namespace

int command_call(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--idl", true}, {"-I", true, true}, {"--deadline", true},
                                     {"--initial-timeout", true}, {"--min-timeout", true}, {"--max-timeout", true},
                                     {"--backoff", true}, {"--protocol", true}, {"--idempotent"}, {"--compact"}});
    arguments.expect_positional(2, 3, "REF OPERATION [JSON]");
    const auto idl_file = arguments.value("--idl");
    if (!idl_file) throw UsageError("call needs --idl FILE");
    runtime::CallOptions options = call_options(arguments);
    const runtime::RemoteObjectRef target = parse_reference(arguments.positional()[0]);
    const std::string& operation = arguments.positional()[1];
    const LoadedIdl idl = load_idl(*idl_file, arguments.values("-I"), streams.err);
    const Declaration& interface = idl.find_interface_by_id(target.repository_id);
    const Callable callable = find_callable(interface, operation);
    const Json given = arguments.positional().size() == 3
                           ? parse_json_operand(operand_text(arguments.positional()[2], streams.in), "the arguments")
                           : Json::object();
    const bool pretty = !arguments.flag("--compact");

    try {
        const cdr::ByteBuffer request = encode_arguments(callable, given);
        if (callable.oneway) options.protocol = runtime::Protocol::r;
        runtime::Client client(client_config_for(target.endpoint));
        const runtime::Reply reply = client.call(target, callable.method, request.view(), options);
        if (callable.oneway) return 0;  // nothing comes back
        runtime::throw_if_system_error(reply);
        cdr::Reader reader = reply.reader();
        if (reply.status == runtime::ReplyStatus::ok) {
            const Json results = decode_results(callable, reader);
            expect_consumed(reader, "the reply");
            streams.out << dump_json(results, pretty) << '\n';
            return 0;
        }
        const std::string repository_id = runtime::read_user_exception_id(reader);
        const auto raised = std::find_if(callable.raises.begin(), callable.raises.end(),
                                         [&](const Declaration* e) { return e->repository_id == repository_id; });
        if (raised == callable.raises.end()) {
            throw Failure("the server raised " + repository_id + ", which " + callable.name + " does not declare");
        }
        idl::Type exception_type;
        exception_type.kind = idl::Type::Kind::named;
        exception_type.declaration = *raised;
        Json members = decode_json(reader, exception_type, display_name(**raised));
        expect_consumed(reader, "the exception");
        const Json result = {{"exception", display_name(**raised)},
                             {"repository_id", repository_id},
                             {"members", std::move(members)}};
        streams.out << dump_json(result, pretty) << '\n';
        return 1;
    } catch (const ValueError& error) {
        throw Failure(error.what());
    } catch (const runtime::TimeoutError& error) {
        throw Failure(std::string("no reply: ") + error.what());
    } catch (const corbel::SystemException& error) {
        throw Failure(std::string("the call failed: ") + error.what());
    }
}

}  // namespace corbel::cli
