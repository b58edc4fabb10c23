// The one error the JSON codec raises: a value that does not fit its IDL type (when encoding)
// or bytes that do not hold a value of the type (when decoding). The message names where, as a
// path from the root value (`person.year`, `people[2].name`), and why.
#pragma once

#include <stdexcept>
#include <string>

namespace corbel::cli {

class ValueError : public std::runtime_error {
public:
    ValueError(const std::string& path, const std::string& problem)
        : std::runtime_error(path.empty() ? problem : path + ": " + problem),
          path_(path),
          problem_(problem) {}

    const std::string& path() const noexcept { return path_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string path_;
    std::string problem_;
};

}  // namespace corbel::cli
