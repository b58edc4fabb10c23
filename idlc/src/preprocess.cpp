#include <corbel/idl/preprocess.hpp>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <sstream>

extern char** environ;

namespace corbel::idl {

SourceLocation PreprocessedSource::locate(int output_line, int column) const {
    if (output_line < 1 || lines.empty()) return {main_file, std::max(output_line, 1), column};
    if (static_cast<std::size_t>(output_line) > lines.size()) {
        // Past the last line: the end of the file, which continues where the last line was.
        const Line& last = lines.back();
        const int beyond = output_line - static_cast<int>(lines.size());
        return {files[static_cast<std::size_t>(last.file)], last.line + beyond, column};
    }
    const Line& l = lines[static_cast<std::size_t>(output_line - 1)];
    return {files[static_cast<std::size_t>(l.file)], l.line, column};
}

int PreprocessedSource::inclusion_at(int output_line) const {
    if (output_line < 1 || static_cast<std::size_t>(output_line) > lines.size()) return 0;
    return lines[static_cast<std::size_t>(output_line - 1)].inclusion;
}

bool PreprocessedSource::in_main_file(int output_line) const {
    if (output_line < 1 || static_cast<std::size_t>(output_line) > lines.size()) return true;
    return lines[static_cast<std::size_t>(output_line - 1)].file == 0;
}

namespace {

// `# 12 "file.idl" 1 3` -> line 12, file, flags
struct LineMarker {
    int line = 0;
    std::string file;
    bool enters = false;
    bool returns = false;
};

std::optional<LineMarker> parse_line_marker(const std::string& text) {
    std::size_t i = 1;
    while (i < text.size() && text[i] == ' ') ++i;
    if (text.compare(i, 4, "line") == 0) i += 4;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    LineMarker marker;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        marker.line = marker.line * 10 + (text[i] - '0');
        if (marker.line > 100000000) return std::nullopt;
        ++i;
    }
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && text[i] == '"') {
        ++i;
        while (i < text.size() && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < text.size()) ++i;
            marker.file += text[i++];
        }
        ++i;
    }
    std::istringstream flags(text.substr(std::min(i, text.size())));
    int flag = 0;
    while (flags >> flag) {
        if (flag == 1) marker.enters = true;
        if (flag == 2) marker.returns = true;
    }
    return marker;
}

// The words of a pragma line: `#pragma prefix "omg.org"` -> {"prefix", "\"omg.org\""}
std::vector<std::string> pragma_words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    std::string word;
    while (in >> word) words.push_back(word);
    // words[0] is "#pragma" or "#", then maybe "pragma"
    std::size_t skip = 1;
    if (!words.empty() && words[0] == "#") skip = 2;
    if (words.size() <= skip) return {};
    return std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(skip), words.end());
}

std::string unquote(const std::string& text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return text.substr(1, text.size() - 2);
    return text;
}

bool is_directive(const std::string& line, std::size_t& first) {
    first = line.find_first_not_of(" \t");
    return first != std::string::npos && line[first] == '#';
}

}  // namespace

PreprocessedSource undo_line_markers(const std::string& main_file, const std::string& cpp_output,
                                     DiagnosticSink& diagnostics) {
    PreprocessedSource source;
    source.main_file = main_file;
    source.files.push_back(main_file);
    source.includers.push_back(-1);

    struct Frame {
        int file;
        int inclusion;
    };
    std::vector<Frame> stack{{0, 0}};
    int line_in_file = 1;
    std::string main_real = main_file;

    auto file_index = [&](const std::string& name) {
        auto it = std::find(source.files.begin(), source.files.end(), name);
        if (it != source.files.end()) return static_cast<int>(it - source.files.begin());
        source.files.push_back(name);
        return static_cast<int>(source.files.size() - 1);
    };
    auto enter = [&](int file) {
        source.includers.push_back(stack.back().inclusion);
        stack.push_back({file, static_cast<int>(source.includers.size() - 1)});
    };

    std::istringstream in(cpp_output);
    std::string line;
    bool first_marker = true;
    while (std::getline(in, line)) {
        std::size_t first = 0;
        PreprocessedSource::Line info{stack.back().file, line_in_file, stack.back().inclusion};
        if (is_directive(line, first)) {
            const std::string directive = line.substr(first);
            if (auto marker = parse_line_marker(directive)) {
                if (marker->file.empty() || marker->file[0] == '<') {
                    // a new line number only, or <built-in>, <command-line>: cpp's own pseudo
                    // files, where nothing of ours is; they are not recorded as files
                } else {
                    if (first_marker) {
                        // cpp names the main file as it was given; use that spelling
                        source.files[0] = marker->file;
                        source.main_file = marker->file;
                        first_marker = false;
                    }
                    const int index = file_index(marker->file);
                    if (marker->enters) {
                        enter(index);
                    } else {
                        // returning to an includer, or a marker for the same file: unwind to it
                        while (stack.size() > 1 && stack.back().file != index) stack.pop_back();
                        stack.back().file = index;
                    }
                }
                line_in_file = marker->line;
                source.lines.push_back(info);
                source.text += '\n';
                continue;
            }
            const auto words = pragma_words(directive);
            if (directive.find("pragma") != std::string::npos && !words.empty()) {
                const SourceLocation at{source.files[static_cast<std::size_t>(info.file)], line_in_file,
                                        static_cast<int>(first) + 1};
                if (words[0] == "prefix") {
                    if (words.size() < 2) {
                        diagnostics.error(at, "#pragma prefix needs a quoted prefix");
                    } else {
                        source.prefix_pragmas.push_back({static_cast<int>(source.lines.size()) + 1, unquote(words[1])});
                    }
                    source.text += '\n';
                } else if (words[0] == "version" || words[0] == "ID") {
                    source.text += line;
                    source.text += '\n';
                } else {
                    diagnostics.warning(at, "#pragma " + words[0] + " is ignored");
                    source.text += '\n';
                }
                source.lines.push_back(info);
                ++line_in_file;
                continue;
            }
        }
        source.lines.push_back(info);
        source.text += line;
        source.text += '\n';
        ++line_in_file;
    }
    return source;
}

namespace {

struct ProcessOutput {
    int status = -1;
    std::string out;
    std::string err;
    std::string spawn_error;
};

ProcessOutput run(const std::vector<std::string>& argv) {
    ProcessOutput result;
    int out_pipe[2];
    int err_pipe[2];
    if (pipe(out_pipe) != 0) {
        result.spawn_error = std::strerror(errno);
        return result;
    }
    if (pipe(err_pipe) != 0) {
        result.spawn_error = std::strerror(errno);
        close(out_pipe[0]);
        close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (spawned != 0) {
        result.spawn_error = std::strerror(spawned);
        close(out_pipe[0]);
        close(err_pipe[0]);
        return result;
    }
    std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
    std::array<std::string*, 2> sinks{&result.out, &result.err};
    int open_count = 2;
    char buffer[65536];
    while (open_count > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) close(fd.fd);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return result;
}

}  // namespace

std::optional<PreprocessedSource> preprocess(const std::string& file, const PreprocessOptions& options,
                                             DiagnosticSink& diagnostics) {
    if (access(file.c_str(), R_OK) != 0) {
        diagnostics.error({file, 0, 0}, std::string("cannot read the file: ") + std::strerror(errno));
        return std::nullopt;
    }
    std::vector<std::string> argv{options.cpp_program, "-x", "c", "-nostdinc", "-ffreestanding",
                                  "-D__CORBEL_IDL__", "-D__OMNIIDL__"};
    for (const auto& dir : options.include_dirs) argv.push_back("-I" + dir);
    for (const auto& define : options.defines) argv.push_back("-D" + define);
    argv.push_back(file);
    ProcessOutput output = run(argv);
    if (!output.spawn_error.empty()) {
        diagnostics.error({file, 0, 0}, "cannot run the C preprocessor `" + options.cpp_program +
                                            "`: " + output.spawn_error);
        return std::nullopt;
    }
    // cpp already formats its messages as file:line:col: error: ...; pass them on as they are
    std::istringstream err(output.err);
    std::string line;
    bool reported = false;
    while (std::getline(err, line)) {
        if (line.empty()) continue;
        Diagnostic d;
        d.severity = line.find(" warning: ") != std::string::npos ? Severity::warning : Severity::error;
        if (line.find(": error: ") == std::string::npos && line.find(": fatal error: ") == std::string::npos &&
            line.find(" warning: ") == std::string::npos) {
            continue;  // context lines (the source echo, "compilation terminated")
        }
        const auto colon = line.find(": ");
        d.location.file = line.substr(0, colon);
        std::string message = line.substr(line.find(": ", colon + 2) + 2);
        if (d.severity == Severity::error) {
            diagnostics.error(d.location, "preprocessor: " + message);
            reported = true;
        } else {
            diagnostics.warning(d.location, "preprocessor: " + message);
        }
    }
    if (output.status != 0) {
        if (!reported) {
            diagnostics.error({file, 0, 0}, "the C preprocessor failed (exit status " +
                                                std::to_string(output.status) + ")");
        }
        return std::nullopt;
    }
    return undo_line_markers(file, output.out, diagnostics);
}

}  // namespace corbel::idl
