// The C++ generator: one header and one source file per IDL file, from the checked model only.
// The mapping is described in spec/cpp-mapping.md.
#pragma once

#include <corbel/idl/model.hpp>

#include <string>

namespace corbel::idlc {

struct GeneratedFiles {
    std::string header;  // <stem>.hpp: declarations
    std::string source;  // <stem>.cpp: definitions, includes "<stem>.hpp"
    // <stem>.rpc.hpp / <stem>.rpc.cpp: the interfaces' client proxies and server skeletons,
    // which build on <stem>.hpp and corbel::runtime (written for every file, so that build
    // systems can name them in advance).
    std::string rpc_header;
    std::string rpc_source;
};

// Generates the declarations of the model's main file; those of #included files are expected
// in their own generated headers, which the header includes by their stem.
GeneratedFiles generate_cpp(const idl::Model& model, const std::string& stem);

}  // namespace corbel::idlc
