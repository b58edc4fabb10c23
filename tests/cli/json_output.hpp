// The JSON a `corbel` run printed, failing the test case (with both streams shown) if the
// run timed out or printed no JSON.
#pragma once

#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace cli_test {

inline nlohmann::json json_output(const ProcessResult& result) {
    INFO("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE_FALSE(result.timed_out);
    return nlohmann::json::parse(result.out);
}

}  // namespace cli_test
