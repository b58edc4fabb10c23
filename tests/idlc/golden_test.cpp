// The C++ generated for each golden/NAME.idl must equal golden/NAME.hpp and golden/NAME.cpp
// (regenerate with tests/idlc/regenerate-goldens.sh after a deliberate change).
#include "idl_test_support.hpp"

#include <corbel/idlc/cpp_generator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("generated C++ equals the checked-in golden files") {
    const fs::path dir = CORBEL_IDLC_GOLDEN_DIR;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".idl") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 5);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const auto result = corbel_idl_test::compile_file(file);
        CHECK(corbel_idl_test::rendered_diagnostics(result, dir) == "");
        REQUIRE(result.ok());
        const std::string stem = file.stem().string();
        const auto generated = corbel::idlc::generate_cpp(*result.model, stem);
        CHECK(generated.header == corbel_idl_test::read_text(dir / (stem + ".hpp")));
        CHECK(generated.source == corbel_idl_test::read_text(dir / (stem + ".cpp")));
    }
}
