// Command-line arguments of one subcommand: options and positional arguments.
//
// Options are `--name VALUE`, `--name=VALUE`, `-I DIR`, `-IDIR` or flags (`--name`), anywhere
// on the line; `--` ends them. An argument that starts with '-' followed by a digit is
// positional, so negative JSON numbers need no quoting. Unknown options, missing values and
// repeated single options are UsageErrors.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace corbel::cli {

struct OptionSpec {
    std::string name;       // "--idl", "-I"
    bool takes_value = false;
    bool repeatable = false;
};

class Arguments {
public:
    Arguments(const std::vector<std::string>& args, std::initializer_list<OptionSpec> specs);

    bool flag(const std::string& name) const { return values_.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }

    // Fails with a UsageError unless there are between `min` and `max` positional arguments;
    // `what` describes them for the message ("REF OPERATION [JSON]").
    void expect_positional(std::size_t min, std::size_t max, const std::string& what) const;

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positional_;
};

// "50us", "250ms", "2s", "1.5s" or a plain number of milliseconds; a UsageError otherwise.
double parse_milliseconds(const std::string& option, const std::string& text);
// A decimal count in [min, max]; a UsageError otherwise.
std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t min, std::uint64_t max);

}  // namespace corbel::cli
