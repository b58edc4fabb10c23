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

void Printer::print(std::string_view text, const Vars& vars) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') {
            put(text[i]);
            continue;
        }
        const std::size_t end = text.find('$', i + 1);
        if (end == std::string_view::npos) throw std::logic_error("unterminated $ in generator template");
        const std::string name(text.substr(i + 1, end - i - 1));
        i = end;
        if (name.empty()) {
            put('$');
            continue;
        }
        auto it = vars.find(name);
        if (it == vars.end()) throw std::logic_error("generator template uses unknown variable $" + name + "$");
        for (char c : it->second) put(c);
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
