// Step 1: run the system C preprocessor and undo its line markers.
//
// The text handed to the parser keeps one output line per cpp output line (line markers and
// consumed pragmas become empty lines), so a parser position maps back to the original file
// and line through `lines`. `#pragma prefix` is taken out of the text and listed in
// `prefix_pragmas`, in source order: the AST builder applies each where it comes, in its
// scope, and its reach also ends with the file (an #included file starts with no prefix, and
// the includer's prefix comes back after it), so each line records the inclusion it was read
// in. `#pragma version` and `#pragma ID` are left for the parser, which places them in their
// scope; any other pragma is blanked with a warning.
#pragma once

#include <corbel/idl/diagnostics.hpp>

#include <optional>
#include <string>
#include <vector>

namespace corbel::idl {

struct PreprocessOptions {
    std::vector<std::string> include_dirs;  // -I
    std::vector<std::string> defines;       // -D, as NAME or NAME=VALUE
    std::string cpp_program = "cpp";
};

struct PreprocessedSource {
    struct Line {
        int file = 0;  // index into `files`
        int line = 0;  // in that file
        int inclusion = 0;  // index into `includers`
    };
    struct PrefixPragma {
        int output_line = 0;
        std::string prefix;  // unquoted
    };
    std::string main_file;
    std::string text;
    std::vector<std::string> files;  // files[0] is the main file
    std::vector<Line> lines;         // lines[n] describes output line n + 1
    // One entry each time cpp entered a file: the inclusion it was entered from. includers[0]
    // is the main file (-1); a file #included twice has two inclusions.
    std::vector<int> includers;
    std::vector<PrefixPragma> prefix_pragmas;  // in source order

    SourceLocation locate(int output_line, int column) const;
    int inclusion_at(int output_line) const;
    bool in_main_file(int output_line) const;
};

// Reports cpp's own errors (a missing #include, say) and returns nothing when cpp failed.
std::optional<PreprocessedSource> preprocess(const std::string& file, const PreprocessOptions& options,
                                             DiagnosticSink& diagnostics);

// The line-marker and pragma handling alone, on text cpp already produced (for tests).
PreprocessedSource undo_line_markers(const std::string& main_file, const std::string& cpp_output,
                                     DiagnosticSink& diagnostics);

}  // namespace corbel::idl
