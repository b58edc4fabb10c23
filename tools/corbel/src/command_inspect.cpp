// `corbel describe` and `corbel ref`: commands that only look, never send.
#include "arguments.hpp"
#include "commands.hpp"
#include "describe.hpp"
#include "errors.hpp"
#include "idl_loader.hpp"
#include "json_codec.hpp"
#include "type_names.hpp"

#include <corbel/runtime/object_ref.hpp>

#include <ctime>
#include <ostream>

namespace corbel::cli {

namespace {

bool shown_on_its_own(const idl::Declaration& declaration) {
    // Operations and attributes are shown inside their interface.
    return declaration.kind != idl::Declaration::Kind::module && declaration.kind != idl::Declaration::Kind::operation &&
           declaration.kind != idl::Declaration::Kind::attribute;
}

bool is_within(const idl::Declaration* declaration, const idl::Declaration& scope) {
    for (; declaration != nullptr; declaration = declaration->parent) {
        if (declaration == &scope) return true;
        if (declaration->first_declaration == &scope) return true;
    }
    return false;
}

std::string utc_time(std::uint32_t seconds) {
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace

int command_describe(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--idl", true}, {"-I", true, true}});
    arguments.expect_positional(0, 1, "[NAME]");
    const auto idl_file = arguments.value("--idl");
    if (!idl_file) throw UsageError("describe needs --idl FILE");
    const LoadedIdl idl = load_idl(*idl_file, arguments.values("-I"), streams.err);
    const auto declarations = idl.all_declarations();

    if (arguments.positional().empty()) {
        for (const idl::Declaration* declaration : declarations) {
            if (declaration->from_main_file && shown_on_its_own(*declaration)) {
                describe_declaration(streams.out, *declaration);
            }
        }
        return 0;
    }
    const std::string& name = arguments.positional()[0];
    const idl::Declaration* found = idl.model().find(name);
    if (found == nullptr) {
        std::string known;
        for (const idl::Declaration* declaration : declarations) {
            if (declaration->from_main_file && shown_on_its_own(*declaration)) {
                known += (known.empty() ? "" : ", ") + display_name(*declaration);
            }
        }
        throw Failure("unknown name '" + name + "' in " + *idl_file + " (declared: " + (known.empty() ? "nothing" : known) + ")");
    }
    if (found->kind != idl::Declaration::Kind::module) {
        describe_declaration(streams.out, *found);
        return 0;
    }
    for (const idl::Declaration* declaration : declarations) {
        if (declaration != found && is_within(declaration, *found) && shown_on_its_own(*declaration)) {
            describe_declaration(streams.out, *declaration);
        }
    }
    return 0;
}

int command_ref(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--compact"}});
    arguments.expect_positional(1, 1, "REF");
    runtime::RemoteObjectRef ref;
    try {
        ref = runtime::RemoteObjectRef::parse(arguments.positional()[0]);
    } catch (const runtime::BadReference& error) {
        throw Failure(error.what());
    }
    const Json fields = {
        {"address", runtime::format_ipv4(ref.endpoint.address)},
        {"port", ref.endpoint.port},
        {"incarnation", ref.incarnation},
        {"incarnation_utc", utc_time(ref.incarnation)},
        {"object_number", ref.object_number},
        {"repository_id", ref.repository_id},
    };
    streams.out << dump_json(fields, !arguments.flag("--compact")) << '\n';
    return 0;
}

}  // namespace corbel::cli
