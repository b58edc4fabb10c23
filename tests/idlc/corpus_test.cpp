// Real IDL written by others: every file of Debian's omniorb-idl package goes through the
// front end. Each must either compile, and then all its generated C++ must compile with the
// project's warnings as errors, or fail with "... is not supported" errors only. The one
// exception is the handful of files that are not valid IDL at all (omniidl, the package's own
// compiler, refuses them too: they name CORBA::ServiceOption, CORBA::Environment or IOP.idl,
// which the package does not declare or ship); they must fail, and only them.
#include "idl_test_support.hpp"

#include <corbel/idlc/cpp_generator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path corpus = "/usr/share/idl/omniORB";

const std::set<std::string> invalid_idl = {
    "CosTSPortability.idl", "DCE_CIOPSecurity.idl", "NRService.idl",     "SECIOP.idl",
    "SSLIOP.idl",           "Security.idl",         "SecurityAdmin.idl", "SecurityLevel1.idl",
    "SecurityLevel2.idl",   "SecurityReplaceable.idl",
};

bool only_unsupported(const corbel::idl::Result& result) {
    bool any_error = false;
    for (const auto& d : result.diagnostics) {
        if (d.severity != corbel::idl::Severity::error) continue;
        any_error = true;
        const std::string suffix = " is not supported";
        const auto& m = d.message;
        if (m.size() < suffix.size() || m.compare(m.size() - suffix.size(), suffix.size(), suffix) != 0) {
            if (m.find(" are not supported") == std::string::npos) return false;
        }
        if (!d.location.valid()) return false;  // "at the right place": every one has a position
    }
    return any_error;
}

}  // namespace

TEST_CASE("every IDL file of omniorb-idl compiles or fails only with 'not supported'") {
    std::vector<fs::path> files;
    for (const auto& dir : {corpus, corpus / "COS"}) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() == ".idl") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 60);

    const fs::path out = CORBEL_IDLC_CORPUS_OUTPUT;
    fs::remove_all(out);
    fs::create_directories(out);
    std::vector<std::string> accepted;
    std::size_t unsupported = 0;
    std::size_t invalid = 0;
    std::size_t unsupported_errors = 0;
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        CAPTURE(name);
        corbel::idl::Options options;
        options.file = file.string();
        options.include_dirs = {corpus.string(), (corpus / "COS").string()};
        const auto result = corbel::idl::compile(options);
        if (invalid_idl.count(name) != 0) {
            CHECK_FALSE(result.ok());
            ++invalid;
            continue;
        }
        if (result.ok()) {
            const std::string stem = file.stem().string();
            const auto generated = corbel::idlc::generate_cpp(*result.model, stem);
            std::ofstream(out / (stem + ".hpp")) << generated.header;
            std::ofstream(out / (stem + ".cpp")) << generated.source;
            std::ofstream(out / (stem + ".rpc.hpp")) << generated.rpc_header;
            std::ofstream(out / (stem + ".rpc.cpp")) << generated.rpc_source;
            accepted.push_back(stem);
            continue;
        }
        INFO(corbel_idl_test::rendered_diagnostics(result, corpus));
        CHECK(only_unsupported(result));
        ++unsupported;
        for (const auto& d : result.diagnostics) unsupported_errors += d.severity == corbel::idl::Severity::error;
    }
    std::cout << "omniorb-idl corpus: " << files.size() << " files: " << accepted.size() << " compiled, "
              << unsupported << " refused with only 'not supported' errors (" << unsupported_errors
              << " in all), " << invalid << " invalid IDL (refused by omniidl too)\n";
    CHECK(accepted.size() >= 10);

    // The generated C++ of every accepted file, types and proxies and skeletons, compiled as
    // one translation unit.
    std::ofstream unit(out / "corpus_unit.cpp");
    for (const auto& stem : accepted) unit << "#include \"" << stem << ".cpp\"\n#include \"" << stem << ".rpc.cpp\"\n";
    unit.close();
    const std::string command = std::string(CORBEL_CXX_COMPILER) +
                                " -std=c++17 -Wall -Wextra -Wpedantic -Wshadow -Werror -c -o " +
                                (out / "corpus_unit.o").string() + " -I" + CORBEL_MARSHAL_INCLUDE_DIR + " -I" + CORBEL_RUNTIME_INCLUDE_DIR + " -I" +
                                out.string() + " " + (out / "corpus_unit.cpp").string();
    INFO(command);
    CHECK(std::system(command.c_str()) == 0);
}
