// How a command ends when it cannot do its job. main() turns these into an exit status and one
// line on stderr: UsageError exits 2 (the command line is malformed), Failure exits 1 (the
// command was well formed but failed: bad IDL, an unknown name, a value that does not fit, a
// bad reference, a call that failed).
#pragma once

#include <stdexcept>
#include <string>

namespace corbel::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace corbel::cli
