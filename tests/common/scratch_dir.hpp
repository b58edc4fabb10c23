// A scratch folder under /tmp for a test's files, removed with everything in it when the
// test ends.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace corbel_test {

class ScratchDir {
public:
    ScratchDir() {
        char pattern[] = "/tmp/corbel-test-XXXXXX";
        if (mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a scratch folder in /tmp");
        dir_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    // Writes `text` to `name` in the folder; returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name) << text;
        return dir_ / name;
    }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

}  // namespace corbel_test
