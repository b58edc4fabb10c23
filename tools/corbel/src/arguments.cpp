#include "arguments.hpp"

#include "errors.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace corbel::cli {

namespace {

bool looks_like_number(const std::string& arg) {
    return arg.size() >= 2 && arg[0] == '-' && (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.');
}

}  // namespace

Arguments::Arguments(const std::vector<std::string>& args, std::initializer_list<OptionSpec> specs) {
    const auto find_spec = [&](const std::string& name) -> const OptionSpec* {
        for (const auto& spec : specs) {
            if (spec.name == name) return &spec;
        }
        return nullptr;
    };
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended || arg.empty() || arg[0] != '-' || arg == "-" || looks_like_number(arg)) {
            positional_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inline_value;
        if (arg.rfind("--", 0) == 0) {
            const auto equals = arg.find('=');
            if (equals != std::string::npos) {
                name = arg.substr(0, equals);
                inline_value = arg.substr(equals + 1);
            }
        } else if (arg.size() > 2) {  // -IDIR
            name = arg.substr(0, 2);
            inline_value = arg.substr(2);
        }
        const OptionSpec* spec = find_spec(name);
        if (spec == nullptr) throw UsageError("unknown option " + name);
        if (!spec->repeatable && values_.count(name) != 0) throw UsageError(name + " given twice");
        auto& slot = values_[name];
        if (!spec->takes_value) {
            if (inline_value) throw UsageError(name + " takes no value");
            continue;
        }
        if (inline_value) {
            slot.push_back(*inline_value);
        } else if (i + 1 < args.size()) {
            slot.push_back(args[++i]);
        } else {
            throw UsageError(name + " needs a value");
        }
    }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
    const auto found = values_.find(name);
    if (found == values_.end() || found->second.empty()) return std::nullopt;
    return found->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
    const auto found = values_.find(name);
    return found == values_.end() ? std::vector<std::string>{} : found->second;
}

void Arguments::expect_positional(std::size_t min, std::size_t max, const std::string& what) const {
    if (positional_.size() < min) throw UsageError("missing arguments: expected " + what);
    if (positional_.size() > max) {
        throw UsageError("unexpected argument '" + positional_[max] + "': expected " + what);
    }
}

double parse_milliseconds(const std::string& option, const std::string& text) {
    double scale = 1.0;
    std::string number = text;
    if (text.size() > 2 && text.compare(text.size() - 2, 2, "ms") == 0) {
        number = text.substr(0, text.size() - 2);
    } else if (text.size() > 2 && text.compare(text.size() - 2, 2, "us") == 0) {
        number = text.substr(0, text.size() - 2);
        scale = 0.001;
    } else if (text.size() > 1 && text.back() == 's') {
        number = text.substr(0, text.size() - 1);
        scale = 1000.0;
    }
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(value) || value < 0 ||
        value * scale > 86400e3) {
        throw UsageError(option + " expects a duration such as 250ms or 2s, got '" + text + "'");
    }
    return value * scale;
}

std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t min, std::uint64_t max) {
    const bool digits_only = !text.empty() && text.size() <= 19 &&
                             text.find_first_not_of("0123456789") == std::string::npos;
    const std::uint64_t value = digits_only ? std::strtoull(text.c_str(), nullptr, 10) : 0;
    if (!digits_only || value < min || value > max) {
        throw UsageError(option + " expects a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got '" + text + "'");
    }
    return value;
}

}  // namespace corbel::cli
