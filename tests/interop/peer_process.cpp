#include "peer_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace interop_test {

int run_process(const std::string& program, const std::vector<std::string>& arguments,
                std::chrono::milliseconds time_limit) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);

    pid_t child = 0;
    const int spawn_error = posix_spawn(&child, program.c_str(), nullptr, nullptr, argv.data(), environ);
    if (spawn_error != 0) {
        throw std::runtime_error("cannot start " + program + ": " + std::strerror(spawn_error));
    }

    // Polled rather than blocking so that a hung child cannot hang the test.
    constexpr auto poll_interval = std::chrono::milliseconds(2);
    const auto deadline = std::chrono::steady_clock::now() + time_limit;
    int status = 0;
    for (;;) {
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) break;
        if (done < 0 && errno != EINTR) {
            throw std::runtime_error("waitpid failed for " + program + ": " + std::strerror(errno));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            throw std::runtime_error(program + " did not finish within " + std::to_string(time_limit.count()) +
                                     " ms and was killed");
        }
        std::this_thread::sleep_for(poll_interval);
    }
    if (WIFSIGNALED(status)) {
        throw std::runtime_error(program + " was killed by signal " + std::to_string(WTERMSIG(status)));
    }
    return WEXITSTATUS(status);
}

}  // namespace interop_test
