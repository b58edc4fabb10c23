// The proxy and skeleton generated for golden/*.idl, byte for byte against the checked-in
// goldens (regenerate-goldens.sh rewrites them after a deliberate change), and the stability
// of method ids when an interface grows.
#include <corbel/idl/compile.hpp>
#include <corbel/idlc/cpp_generator.hpp>
#include <corbel/method_id.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

corbel::idl::Model compile(const fs::path& file) {
    corbel::idl::Options options;
    options.file = file.string();
    corbel::idl::Result result = corbel::idl::compile(options);
    std::string diagnostics;
    for (const auto& d : result.diagnostics) diagnostics += corbel::idl::format(d) + "\n";
    INFO(diagnostics);
    REQUIRE(result.ok());
    return std::move(*result.model);
}

// The case labels of a generated dispatch(), e.g. `case corbel::method_id("deposit"):`.
std::string dispatch_labels(const std::string& source) {
    std::string labels;
    std::istringstream lines(source);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("case corbel::method_id(") != std::string::npos) labels += line + "\n";
    }
    return labels;
}

}  // namespace

TEST_CASE("the generated proxies and skeletons match the goldens") {
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(CORBEL_GENERATED_GOLDEN_DIR)) {
        if (entry.path().extension() != ".idl") continue;
        const std::string stem = entry.path().stem().string();
        CAPTURE(stem);
        const auto generated = corbel::idlc::generate_cpp(compile(entry.path()), stem);
        const fs::path golden = fs::path(CORBEL_GENERATED_GOLDEN_DIR) / stem;
        CHECK(generated.rpc_header == read_file(golden.string() + ".rpc.hpp"));
        CHECK(generated.rpc_source == read_file(golden.string() + ".rpc.cpp"));
        ++compared;
    }
    CHECK(compared >= 1);
}

TEST_CASE("method ids are hashes of the names: adding operations renumbers nothing") {
    const fs::path dir = fs::temp_directory_path() / ("corbel_method_ids_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        std::ofstream(dir / "v1.idl") << "interface Service { long a(in long x); void b(); attribute long c; };\n";
        std::ofstream(dir / "v2.idl") << "interface Service { void first(); long a(in long x); void b();\n"
                                         "  attribute long c; string added_at_the_end(); };\n";
    }
    const corbel::idl::Model v1 = compile(dir / "v1.idl");
    const corbel::idl::Model v2 = compile(dir / "v2.idl");
    fs::remove_all(dir);

    for (const char* name : {"a", "b"}) {
        const auto* one = v1.find("::Service::" + std::string(name));
        const auto* two = v2.find("::Service::" + std::string(name));
        REQUIRE(one != nullptr);
        REQUIRE(two != nullptr);
        CHECK(one->method_id == two->method_id);
        CHECK(one->method_id == corbel::method_id(name));
    }
    CHECK(v2.find("::Service::c")->method_id == corbel::method_id("_get_c"));
    CHECK(v2.find("::Service::c")->set_method_id == corbel::method_id("_set_c"));

    // In the generated skeletons, v1's dispatch labels are all still there in v2's.
    const std::string labels_v1 = dispatch_labels(corbel::idlc::generate_cpp(v1, "v1").rpc_source);
    const std::string labels_v2 = dispatch_labels(corbel::idlc::generate_cpp(v2, "v2").rpc_source);
    std::istringstream lines(labels_v1);
    int found = 0;
    for (std::string line; std::getline(lines, line); ++found) CHECK(labels_v2.find(line) != std::string::npos);
    CHECK(found == 4);  // a, b, _get_c, _set_c
}

TEST_CASE("the invocation annotations: accepted without warnings, misuse refused") {
    const fs::path dir = fs::temp_directory_path() / ("corbel_annotations_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "good.idl") << "interface Good {\n"
                                       "  @idempotent long a();\n"
                                       "  @protocol(RRA) void b();\n"
                                       "  @protocol(RR) void c();\n"
                                       "  @idempotent attribute long d;\n"
                                       "};\n";
    std::ofstream(dir / "bad.idl") << "interface Bad {\n"
                                      "  @protocol(RRR) void a();\n"
                                      "  @idempotent oneway void b();\n"
                                      "  @idempotent(TRUE) void c();\n"
                                      "  @protocol(RRA) oneway void d();\n"
                                      "};\n";
    corbel::idl::Options options;
    options.file = (dir / "good.idl").string();
    const corbel::idl::Result good = corbel::idl::compile(options);
    options.file = (dir / "bad.idl").string();
    const corbel::idl::Result bad = corbel::idl::compile(options);
    fs::remove_all(dir);

    CHECK(good.ok());
    CHECK(good.diagnostics.empty());
    CHECK_FALSE(bad.ok());
    std::string messages;
    for (const auto& d : bad.diagnostics) messages += corbel::idl::format(d) + "\n";
    CAPTURE(messages);
    CHECK(messages.find("bad.idl:2:3: error: @protocol takes RR or RRA") != std::string::npos);
    CHECK(messages.find("bad.idl:3:3: error: oneway operation b always uses protocol R") != std::string::npos);
    CHECK(messages.find("bad.idl:4:3: error: @idempotent takes no value") != std::string::npos);
    CHECK(messages.find("bad.idl:5:3: error: oneway operation d always uses protocol R") != std::string::npos);
}
