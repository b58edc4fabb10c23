// Runs the real `corbel` executable as a child process: arguments in, exit status and both
// output streams out. Bounded: a child still running after the time limit is killed (by its
// PID) and the run reported as timed out.
#pragma once

#include <string>
#include <vector>

namespace cli_test {

struct ProcessResult {
    int status = -1;        // the exit status; -1 if the child did not exit normally
    bool timed_out = false;
    std::string out;
    std::string err;
};

// `extra_environment` entries ("NAME=VALUE") are added to this process's environment.
ProcessResult run_corbel(const std::vector<std::string>& args, const std::string& stdin_text = "",
                         int time_limit_ms = 30000, const std::vector<std::string>& extra_environment = {});

}  // namespace cli_test
