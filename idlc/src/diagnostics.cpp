#include <corbel/idl/diagnostics.hpp>

#include <ostream>
#include <utility>

namespace corbel::idl {

void DiagnosticSink::error(const SourceLocation& at, std::string message) {
    diagnostics_.push_back({Severity::error, at, std::move(message), {}});
    ++error_count_;
}

void DiagnosticSink::warning(const SourceLocation& at, std::string message) {
    diagnostics_.push_back({Severity::warning, at, std::move(message), {}});
}

void DiagnosticSink::error_with_note(const SourceLocation& at, std::string message,
                                     const SourceLocation& note_at, std::string note) {
    Diagnostic diagnostic{Severity::error, at, std::move(message), {}};
    diagnostic.notes.push_back({Severity::note, note_at, std::move(note), {}});
    diagnostics_.push_back(std::move(diagnostic));
    ++error_count_;
}

namespace {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

std::string format_one(const Diagnostic& d) {
    std::string text;
    if (!d.location.file.empty()) {
        text += d.location.file + ":";
        if (d.location.valid()) {
            text += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ":";
        }
        text += " ";
    }
    text += severity_name(d.severity);
    text += ": ";
    text += d.message;
    return text;
}

}  // namespace

std::string format(const Diagnostic& diagnostic) {
    std::string text = format_one(diagnostic);
    for (const auto& note : diagnostic.notes) text += "\n" + format_one(note);
    return text;
}

void print(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) out << format(d) << '\n';
}

}  // namespace corbel::idl
