// Every errors/NAME.idl must fail with exactly the diagnostics in errors/NAME.expected
// (regenerate with tests/idlc/regenerate-goldens.sh after a deliberate change).
#include "idl_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("each bad IDL file is refused with its expected messages") {
    const fs::path dir = CORBEL_IDLC_ERRORS_DIR;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".idl") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 7);
    for (const auto& file : files) {
        CAPTURE(file.filename().string());
        const auto result = corbel_idl_test::compile_file(file);
        CHECK_FALSE(result.ok());
        fs::path expected_file = file;
        expected_file.replace_extension(".expected");
        REQUIRE(fs::exists(expected_file));
        CHECK(corbel_idl_test::rendered_diagnostics(result, dir) == corbel_idl_test::read_text(expected_file));
    }
}

TEST_CASE("one file with many errors reports every one of them") {
    const fs::path file = fs::path(CORBEL_IDLC_ERRORS_DIR) / "several_errors.idl";
    const auto result = corbel_idl_test::compile_file(file);
    std::size_t errors = 0;
    for (const auto& d : result.diagnostics) errors += d.severity == corbel::idl::Severity::error;
    CHECK(errors >= 10);
}
