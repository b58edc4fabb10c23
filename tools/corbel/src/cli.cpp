#include "cli.hpp"

#include "commands.hpp"
#include "errors.hpp"

#include <corbel/exception.hpp>
#include <corbel/idl/compile.hpp>

#include <algorithm>
#include <istream>
#include <iterator>
#include <new>
#include <ostream>

namespace corbel::cli {

namespace {

constexpr const char* usage_text =
    "usage: corbel COMMAND [OPTIONS] ARGS\n"
    "\n"
    "commands:\n"
    "  call --idl FILE [-I DIR] REF OPERATION [JSON]   call an operation; prints the reply as JSON\n"
    "       [--deadline D] [--initial-timeout D] [--min-timeout D] [--max-timeout D]\n"
    "       [--backoff X] [--protocol r|rr|rra] [--idempotent]\n"
    "       attributes: OPERATION is _get_NAME, or _set_NAME with {\"value\": ...}\n"
    "  cdr encode --idl FILE [-I DIR] --type NAME [CDR OPTIONS] JSON   prints the CDR bytes as hex\n"
    "  cdr decode --idl FILE [-I DIR] --type NAME [CDR OPTIONS] HEX    prints the value as JSON\n"
    "       CDR OPTIONS: --big-endian (default) | --little-endian, --textbook-strings, --encapsulation\n"
    "  ping REF|ADDRESS:PORT [--count N] [--deadline D] [--spin D] [--json]   round-trip times in\n"
    "       microseconds; --spin: poll for each reply for up to D before sleeping (e.g. 50us)\n"
    "  stats REF|ADDRESS:PORT [--deadline D]        the server's counters as JSON\n"
    "  describe --idl FILE [-I DIR] [NAME]          types, interfaces and operations\n"
    "  ref REF                                      the fields of a stringified reference\n"
    "  version (or --version)                       the version of corbel\n"
    "\n"
    "JSON or HEX given as '-' is read from standard input. Durations: 50us, 250ms, 2s (plain: ms).\n"
    "Exit status: 0 success, 1 failure, 2 usage error. JSON mapping: spec/json-mapping.md\n";

int dispatch(const std::vector<std::string>& args, Streams streams) {
    if (args.empty()) throw UsageError("no command given");
    const std::string& command = args[0];
    const CommandArgs rest(args.begin() + 1, args.end());
    const bool asks_for_help = std::any_of(args.begin(), args.end(), [](const std::string& arg) {
        return arg == "--help" || arg == "-h";
    });
    if (command == "help" || asks_for_help) {
        streams.out << usage_text;
        return 0;
    }
    if (command == "version" || command == "--version") {
        streams.out << "corbel " << idl::version() << "\n";
        return 0;
    }
    if (command == "call") return command_call(rest, streams);
    if (command == "cdr") return command_cdr(rest, streams);
    if (command == "ping") return command_ping(rest, streams);
    if (command == "stats") return command_stats(rest, streams);
    if (command == "describe") return command_describe(rest, streams);
    if (command == "ref") return command_ref(rest, streams);
    throw UsageError("unknown command '" + command + "'");
}

}  // namespace

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    try {
        return dispatch(args, Streams{in, out, err});
    } catch (const UsageError& error) {
        err << "corbel: " << error.what() << "\n(corbel help lists the commands)\n";
        return 2;
    } catch (const Failure& error) {
        err << "corbel: " << error.what() << '\n';
    } catch (const std::bad_alloc&) {
        err << "corbel: out of memory\n";
    } catch (const std::exception& error) {
        err << "corbel: " << error.what() << '\n';
    }
    return 1;
}

std::string operand_text(const std::string& operand, std::istream& in) {
    if (operand != "-") return operand;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace corbel::cli
