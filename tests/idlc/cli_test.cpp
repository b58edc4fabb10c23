// corbel-idlc as a command: exit status, outputs named after the input and written only
// without errors, diagnostics on stderr, --emit json, --help, --version, bad options.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class Scratch {
public:
    Scratch() {
        char pattern[] = "/tmp/corbel-idlc-cli-XXXXXX";
        dir_ = mkdtemp(pattern);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name) << text;
        return dir_ / name;
    }
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
};

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs corbel-idlc with `arguments`; its stdout and stderr go to files in `scratch`.
int idlc(const Scratch& scratch, const std::string& arguments) {
    const std::string command = std::string(CORBEL_IDLC) + " " + arguments + " > " +
                                (scratch.dir() / "stdout").string() + " 2> " + (scratch.dir() / "stderr").string();
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a good file gives NAME.hpp and NAME.cpp in -o DIR and exit status 0") {
    Scratch s;
    s.write("inc.idl", "struct Included { long a; };\n");
    const auto idl = s.write("person.idl", "#include \"inc.idl\"\n#ifdef EXTRA\nstruct Person { string name; };\n#endif\n");
    CHECK(idlc(s, "-I " + s.dir().string() + " -D EXTRA -o " + (s.dir() / "out").string() + " " + idl.string()) == 0);
    CHECK(read(s.dir() / "stderr").empty());
    CHECK(read(s.dir() / "out" / "person.hpp").find("struct Person {") != std::string::npos);
    CHECK(read(s.dir() / "out" / "person.hpp").find("#include \"inc.hpp\"") != std::string::npos);
    CHECK(read(s.dir() / "out" / "person.cpp").find("#include \"person.hpp\"") != std::string::npos);
}

TEST_CASE("a bad file gives its errors on stderr, exit status 1 and no output") {
    Scratch s;
    const auto idl = s.write("bad.idl", "struct S { Missing m; };\n");
    CHECK(idlc(s, "-o " + (s.dir() / "out").string() + " " + idl.string()) == 1);
    CHECK(read(s.dir() / "stderr") == idl.string() + ":1:12: error: 'Missing' is not declared\n");
    CHECK_FALSE(fs::exists(s.dir() / "out" / "bad.hpp"));
    CHECK_FALSE(fs::exists(s.dir() / "out" / "bad.cpp"));
}

TEST_CASE("warnings alone do not fail the run") {
    Scratch s;
    const auto idl = s.write("w.idl", "#pragma unknown thing\n@note struct S { long a; };\n");
    CHECK(idlc(s, "-o " + s.dir().string() + " " + idl.string()) == 0);
    const std::string err = read(s.dir() / "stderr");
    CHECK(err.find("warning: #pragma unknown is ignored") != std::string::npos);
    CHECK(err.find("warning: unknown annotation @note") != std::string::npos);
    CHECK(fs::exists(s.dir() / "w.hpp"));
}

TEST_CASE("--emit json writes the checked model") {
    Scratch s;
    const auto idl = s.write("m.idl", "module M { const long N = 3; };\n");
    CHECK(idlc(s, "--emit json -o " + s.dir().string() + " " + idl.string()) == 0);
    const auto json = nlohmann::json::parse(read(s.dir() / "m.json"));
    CHECK(json["declarations"][0]["contents"][0]["value"]["value"] == 3);
    CHECK_FALSE(fs::exists(s.dir() / "m.hpp"));
}

TEST_CASE("--help, --version and bad usage") {
    Scratch s;
    CHECK(idlc(s, "--help") == 0);
    CHECK(read(s.dir() / "stdout").find("usage: corbel-idlc") != std::string::npos);
    CHECK(idlc(s, "--version") == 0);
    CHECK(read(s.dir() / "stdout").rfind("corbel-idlc ", 0) == 0);
    CHECK(idlc(s, "--frobnicate x.idl") == 1);
    CHECK(read(s.dir() / "stderr").find("unknown option '--frobnicate'") != std::string::npos);
    CHECK(idlc(s, "") == 1);
    CHECK(read(s.dir() / "stderr").find("no input file") != std::string::npos);
    CHECK(idlc(s, "--emit xml x.idl") == 1);
    CHECK(idlc(s, (s.dir() / "missing.idl").string()) == 1);
    CHECK(read(s.dir() / "stderr").find("missing.idl: error: cannot read the file") != std::string::npos);
}
