// corbel-idlc: compiles OMG IDL files to C++17 data types with CDR marshalling.
#include <corbel/idl/compile.hpp>
#include <corbel/idl/json.hpp>
#include <corbel/idlc/cpp_generator.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage =
    "usage: corbel-idlc [options] FILE.idl...\n"
    "\n"
    "Compiles each IDL file to C++17: FILE.hpp declares the types, FILE.cpp defines their CDR\n"
    "encoding, FILE.rpc.hpp and FILE.rpc.cpp hold the interfaces' client proxies and server\n"
    "skeletons. Nothing is written for a file with errors.\n"
    "\n"
    "options:\n"
    "  -I DIR         add DIR to the #include search path\n"
    "  -D NAME[=VAL]  define a preprocessor macro\n"
    "  -o DIR         write the outputs into DIR (default: the current directory)\n"
    "  --emit WHAT    cpp (default) or json (the checked model, see spec/idl-json.md)\n"
    "  --cpp PROGRAM  the C preprocessor to run (default: cpp)\n"
    "  --help         print this help\n"
    "  --version      print the version\n";

bool write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        std::cerr << "corbel-idlc: error: cannot write " << path.string() << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    corbel::idl::Options base;
    std::vector<std::string> files;
    std::filesystem::path output_dir = ".";
    std::string emit = "cpp";
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& option) -> const std::string* {
            if (a.size() > option.size() && a.compare(0, option.size(), option) == 0) {
                static std::string attached;
                attached = a.substr(option.size());
                if (attached[0] == '=' && option.size() > 2) attached.erase(0, 1);
                return &attached;
            }
            if (i + 1 >= args.size()) {
                std::cerr << "corbel-idlc: error: " << option << " needs a value\n";
                return nullptr;
            }
            return &args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        }
        if (a == "--version") {
            std::cout << "corbel-idlc " << corbel::idl::version() << "\n";
            return 0;
        }
        if (a.rfind("-I", 0) == 0) {
            const std::string* v = value("-I");
            if (v == nullptr) return 1;
            base.include_dirs.push_back(*v);
        } else if (a.rfind("-D", 0) == 0) {
            const std::string* v = value("-D");
            if (v == nullptr) return 1;
            base.defines.push_back(*v);
        } else if (a.rfind("-o", 0) == 0) {
            const std::string* v = value("-o");
            if (v == nullptr) return 1;
            output_dir = *v;
        } else if (a.rfind("--emit", 0) == 0) {
            const std::string* v = value("--emit");
            if (v == nullptr) return 1;
            emit = *v;
            if (emit != "cpp" && emit != "json") {
                std::cerr << "corbel-idlc: error: --emit takes cpp or json, not '" << emit << "'\n";
                return 1;
            }
        } else if (a.rfind("--cpp", 0) == 0) {
            const std::string* v = value("--cpp");
            if (v == nullptr) return 1;
            base.cpp_program = *v;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "corbel-idlc: error: unknown option '" << a << "'\n" << usage;
            return 1;
        } else {
            files.push_back(a);
        }
    }
    if (files.empty()) {
        std::cerr << "corbel-idlc: error: no input file\n" << usage;
        return 1;
    }
    bool failed = false;
    for (const auto& file : files) {
        corbel::idl::Options options = base;
        options.file = file;
        const corbel::idl::Result result = corbel::idl::compile(options);
        corbel::idl::print(std::cerr, result.diagnostics);
        if (!result.model) {
            failed = true;
            continue;
        }
        const std::string stem = std::filesystem::path(file).stem().string();
        std::error_code ec;
        std::filesystem::create_directories(output_dir, ec);
        if (emit == "json") {
            failed |= !write_file(output_dir / (stem + ".json"), corbel::idl::to_json(*result.model));
            continue;
        }
        const corbel::idlc::GeneratedFiles out = corbel::idlc::generate_cpp(*result.model, stem);
        failed |= !write_file(output_dir / (stem + ".hpp"), out.header);
        failed |= !write_file(output_dir / (stem + ".cpp"), out.source);
        failed |= !write_file(output_dir / (stem + ".rpc.hpp"), out.rpc_header);
        failed |= !write_file(output_dir / (stem + ".rpc.cpp"), out.rpc_source);
    }
    return failed ? 1 : 0;
}
