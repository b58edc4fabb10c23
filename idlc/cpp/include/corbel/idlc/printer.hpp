// A text printer for generated code: `$name$` holes filled from a map of variables, and
// indentation kept by scope objects, so that emitters never count spaces.
//
//   Printer p;
//   p.print("struct $name$ {\n", {{"name", "Person"}});
//   { Printer::Indent in(p); p.print("std::string name;\n"); }
//   p.print("};\n");
//
// `$$` prints one `$`. A hole naming no variable is a bug in the generator and throws
// std::logic_error, rather than emitting broken code.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace corbel::idlc {

class Printer {
public:
    using Vars = std::map<std::string, std::string>;

    void print(std::string_view text, const Vars& vars = {});
    void blank_line();  // one empty line, never two in a row

    class Indent {
    public:
        explicit Indent(Printer& printer) : printer_(printer) { printer_.indent_ += 4; }
        ~Indent() { printer_.indent_ -= 4; }
        Indent(const Indent&) = delete;
        Indent& operator=(const Indent&) = delete;

    private:
        Printer& printer_;
    };

    const std::string& text() const noexcept { return out_; }

private:
    void put(char c);
    void put_text(std::string_view text);

    std::string out_;
    int indent_ = 0;
    bool at_line_start_ = true;
};

}  // namespace corbel::idlc
