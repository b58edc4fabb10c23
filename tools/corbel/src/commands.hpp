// One function per subcommand. Each parses its own arguments, writes its result to `out`
// and throws UsageError or Failure (errors.hpp) when it cannot.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corbel::cli {

struct Streams {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using CommandArgs = std::vector<std::string>;

// Each returns the exit status of a command that ran to its end (call returns 1 for an
// exception reply, which it prints).
int command_cdr(const CommandArgs& args, Streams streams);
int command_call(const CommandArgs& args, Streams streams);
int command_ping(const CommandArgs& args, Streams streams);
int command_stats(const CommandArgs& args, Streams streams);
int command_describe(const CommandArgs& args, Streams streams);
int command_ref(const CommandArgs& args, Streams streams);

// Reads a command's JSON or hex operand: the text itself, or all of standard input for "-".
std::string operand_text(const std::string& operand, std::istream& in);

}  // namespace corbel::cli
