// A sample server (samples/bank, samples/echo) run as a child process for the length of a
// test: started with its standard output on a pipe, its reference read from its first line
// (waiting at most 10 s), and stopped with SIGTERM by its PID (SIGKILL if it has not exited
// 5 s later).
#pragma once

#include <string>
#include <sys/types.h>

namespace cli_test {

class ServerProcess {
public:
    explicit ServerProcess(const std::string& executable);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // The first line the server printed: its object's reference ("" if none came in time).
    const std::string& reference() const { return reference_; }
    // Sends SIGTERM and returns the exit status (-1 if it had to be killed).
    int stop();

private:
    pid_t pid_ = -1;
    int output_ = -1;
    std::string reference_;
};

}  // namespace cli_test
