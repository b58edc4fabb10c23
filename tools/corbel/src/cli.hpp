// The `corbel` command line as a function, so tests can run every command in-process as well
// as through the real binary.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corbel::cli {

// `args` excludes the program name. Returns the exit status: 0 success, 1 failure, 2 usage.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace corbel::cli
