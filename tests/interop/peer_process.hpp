// Runs the omniORB peer as a child process and waits for it, for a bounded time.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace interop_test {

// Runs `program` with `arguments` (stdout and stderr shared with this process) and returns
// its exit status. Throws std::runtime_error if it cannot be started, is killed by a signal,
// or is still running after `time_limit` (it is then killed).
int run_process(const std::string& program, const std::vector<std::string>& arguments,
                std::chrono::milliseconds time_limit);

}  // namespace interop_test
