// Helpers shared by the compiler's tests: run the front end on a file and render what it
// reported the way corbel-idlc prints it, with the test folder's path taken out so that the
// expected texts do not depend on where the tree is checked out.
#pragma once

#include <corbel/idl/compile.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace corbel_idl_test {

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string without(std::string text, const std::string& part) {
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at)) text.erase(at, part.size());
    return text;
}

inline corbel::idl::Result compile_file(const std::filesystem::path& file) {
    corbel::idl::Options options;
    options.file = file.string();
    return corbel::idl::compile(options);
}

// Diagnostics as corbel-idlc prints them, with `dir/` removed from file names.
inline std::string rendered_diagnostics(const corbel::idl::Result& result, const std::filesystem::path& dir) {
    std::ostringstream out;
    corbel::idl::print(out, result.diagnostics);
    return without(out.str(), dir.string() + "/");
}

}  // namespace corbel_idl_test
