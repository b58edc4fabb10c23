// Step 1: run the system C preprocessor and undo its line markers.
//
// The text handed to the parser keeps one output line per cpp output line (line markers and
// consumed pragmas become empty lines), so a parser position maps back to the original file
// and line through `lines`. `#pragma prefix` is consumed here, because its reach follows
// files (an #included file starts with no prefix, and the includer's prefix comes back after
// it); `#pragma version` and `#pragma ID` are left for the parser, which places them in their
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
        int prefix = 0;  // index into `prefixes`
        int prefix_line = 0;  // the output line of the #pragma prefix in effect (0: none)
    };
    std::string main_file;
    std::string text;
    std::vector<std::string> files;     // files[0] is the main file
    std::vector<std::string> prefixes;  // prefixes[0] is ""
    std::vector<Line> lines;            // lines[n] describes output line n + 1

    SourceLocation locate(int output_line, int column) const;
    const std::string& prefix_at(int output_line) const;
    int prefix_line_at(int output_line) const;
    bool in_main_file(int output_line) const;
};

// Reports cpp's own errors (a missing #include, say) and returns nothing when cpp failed.
std::optional<PreprocessedSource> preprocess(const std::string& file, const PreprocessOptions& options,
                                             DiagnosticSink& diagnostics);

// The line-marker and pragma handling alone, on text cpp already produced (for tests).
PreprocessedSource undo_line_markers(const std::string& main_file, const std::string& cpp_output,
                                     DiagnosticSink& diagnostics);

}  // namespace corbel::idl
