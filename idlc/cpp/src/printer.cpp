#include <corbel/idlc/printer.hpp>

#include <stdexcept>

namespace corbel::idlc {

void Printer::put(char c) {
    if (c == '\n') {
        out_ += c;
        at_line_start_ = true;
        return;
    }
    if (at_line_start_) {
        out_.append(static_cast<std::size_t>(indent_), ' ');
        at_line_start_ = false;
    }
    out_ += c;
}

void Printer::put_text(std::string_view text) {
    // whole lines at a time: indentation is only ever needed at a line's start
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        const std::size_t length = newline == std::string_view::npos ? text.size() : newline;
        if (length != 0) {
            if (at_line_start_) {
                out_.append(static_cast<std::size_t>(indent_), ' ');
                at_line_start_ = false;
            }
            out_.append(text.data(), length);
        }
        if (newline == std::string_view::npos) return;
        out_ += '\n';
        at_line_start_ = true;
        text.remove_prefix(newline + 1);
    }
}

void Printer::print(std::string_view text, const Vars& vars) {
    while (!text.empty()) {
        const std::size_t dollar = text.find('$');
        if (dollar == std::string_view::npos) {
            put_text(text);
            return;
        }
        put_text(text.substr(0, dollar));
        const std::size_t end = text.find('$', dollar + 1);
        if (end == std::string_view::npos) throw std::logic_error("unterminated $ in generator template");
        const std::string name(text.substr(dollar + 1, end - dollar - 1));
        text.remove_prefix(end + 1);
        if (name.empty()) {
            put('$');
            continue;
        }
        auto it = vars.find(name);
        if (it == vars.end()) throw std::logic_error("generator template uses unknown variable $" + name + "$");
        put_text(it->second);
    }
}

void Printer::blank_line() {
    if (out_.empty() || (out_.size() >= 2 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n')) return;
    // never right after an opening brace or an access specifier
    const char last = out_.size() >= 2 ? out_[out_.size() - 2] : '\0';
    if (last == '{' || last == ':') return;
    out_ += '\n';
    at_line_start_ = true;
}

}  // namespace corbel::idlc
