// A server run as a child process for the length of a test (the runtime's test server, the
// samples' servers): started with its standard output on a pipe, its reference read from its
// first line, and ended by its PID: stop() with SIGTERM and its exit status, kill() at once.
#pragma once

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace corbel_test {

class ChildServer {
public:
    explicit ChildServer(std::vector<std::string> arguments) {
        int pipe_fds[2];
        if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        std::vector<char*> argv;
        for (auto& a : arguments) argv.push_back(a.data());
        argv.push_back(nullptr);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_fds[1]);
        read_fd_ = pipe_fds[0];
        if (rc != 0) {
            ::close(read_fd_);
            throw std::runtime_error("cannot start " + arguments[0]);
        }
    }
    ~ChildServer() {
        kill();
        ::close(read_fd_);
    }
    ChildServer(const ChildServer&) = delete;
    ChildServer& operator=(const ChildServer&) = delete;

    // The first line the child prints, waiting at most 10 s for it.
    std::string first_line() {
        std::string line;
        for (int i = 0; i < 4096; ++i) {
            pollfd p{read_fd_, POLLIN, 0};
            if (::poll(&p, 1, 10000) != 1) throw std::runtime_error("the child printed nothing in 10 s");
            char c;
            if (::read(read_fd_, &c, 1) != 1) throw std::runtime_error("the child closed its output");
            if (c == '\n') return line;
            line += c;
        }
        throw std::runtime_error("the child's first line is too long");
    }

    pid_t pid() const noexcept { return pid_; }

    // SIGTERM, then the exit status; -1 if it did not exit normally or within 5 s (it is
    // then killed).
    int stop() {
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 500; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill();
        return -1;
    }

    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
    int read_fd_ = -1;
};

}  // namespace corbel_test
