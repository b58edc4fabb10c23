#include "process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cli_test {

namespace {

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        read_end = fds[0];
        write_end = fds[1];
    }
    void close_read() { if (read_end >= 0) ::close(read_end), read_end = -1; }
    void close_write() { if (write_end >= 0) ::close(write_end), write_end = -1; }
    ~Pipe() { close_read(), close_write(); }
};

}  // namespace

ProcessResult run_corbel(const std::vector<std::string>& args, const std::string& stdin_text, int time_limit_ms,
                         const std::vector<std::string>& extra_environment) {
    Pipe input, output, error;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input.read_end, 0);
    posix_spawn_file_actions_adddup2(&actions, output.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, error.write_end, 2);
    std::vector<std::string> argv_strings{CORBEL_EXECUTABLE};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment_strings(extra_environment);
    for (char** variable = environ; *variable != nullptr; ++variable) environment_strings.emplace_back(*variable);
    std::vector<char*> environment;
    for (auto& variable : environment_strings) environment.push_back(variable.data());
    environment.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, CORBEL_EXECUTABLE, &actions, nullptr, argv.data(), environment.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error(std::string("cannot start corbel: ") + std::strerror(spawned));
    input.close_read();
    output.close_write();
    error.close_write();

    // stdin is small in these tests; a pipe buffer (64 KiB) takes it without blocking
    if (!stdin_text.empty() && ::write(input.write_end, stdin_text.data(), stdin_text.size()) < 0) {
        // the child may have exited without reading; its status says why
    }
    input.close_write();

    ProcessResult result;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(time_limit_ms);
    pollfd fds[2] = {{output.read_end, POLLIN, 0}, {error.read_end, POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_streams = 2;
    while (open_streams > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            char buffer[4096];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_streams;
            }
        }
    }
    int wait_status = 0;
    if (waitpid(pid, &wait_status, 0) == pid && WIFEXITED(wait_status)) result.status = WEXITSTATUS(wait_status);
    return result;
}

}  // namespace cli_test
