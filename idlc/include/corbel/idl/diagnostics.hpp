// Source positions and the one diagnostic sink every pass reports to.
//
// A pass never stops at its first error: it reports, recovers and goes on, so that one run
// shows as many problems as it can find. `has_errors()` is what stops the pipeline before
// generation. Positions are in the original files (the preprocessor's line markers are
// already undone), 1-based for both line and column.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corbel::idl {

struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    bool valid() const noexcept { return line > 0; }
};

enum class Severity { error, warning, note };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation location;
    std::string message;
    // "previously declared here" and the like, printed after the diagnostic they explain.
    std::vector<Diagnostic> notes;
};

class DiagnosticSink {
public:
    void error(const SourceLocation& at, std::string message);
    void warning(const SourceLocation& at, std::string message);
    // An error with one note attached, for the common "redefinition / previous one" pair.
    void error_with_note(const SourceLocation& at, std::string message,
                         const SourceLocation& note_at, std::string note);

    bool has_errors() const noexcept { return error_count_ > 0; }
    std::size_t error_count() const noexcept { return error_count_; }
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
    std::size_t error_count_ = 0;
};

// `file:line:col: error: message`, then its notes, one per line.
std::string format(const Diagnostic& diagnostic);
void print(std::ostream& out, const std::vector<Diagnostic>& diagnostics);

}  // namespace corbel::idl
